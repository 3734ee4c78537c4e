// Reading a definition together with the catalog rows it refers to.
#pragma once

#include "core/definition.hpp"
#include "pg/spi.hpp"

#include <optional>
#include <string>

namespace segments::pg
{

// Parses definition_json and checks its references (items, custom fields,
// segments) against the database. self_segment_id is the segment being saved,
// if any, so a reference back to it is reported as a cycle.
Definition load_definition(SpiConnection &spi, const std::string &definition_json,
						   std::optional<int64_t> self_segment_id);

// Raises 22023 unless name is a time zone in pg_timezone_names.
void check_timezone(SpiConnection &spi, const std::string &name);

// Raises 22023 when as_of is infinity or -infinity, which has no calendar date.
void check_as_of(TimestampTz as_of);

// The text of a jsonb argument, and a jsonb Datum made from text.
std::string jsonb_text(Jsonb *value);
Datum jsonb_from_text(const std::string &text);

} // namespace segments::pg
