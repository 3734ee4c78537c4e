// segments.validate_definition: the definition check that tools run before
// saving, and that the segment table's trigger runs when a definition is written.
#include "core/definition_parser.hpp"
#include "pg/catalog.hpp"

using namespace segments;
using namespace segments::pg;

// segments.validate_definition(definition jsonb, segment_id bigint DEFAULT NULL) RETURNS jsonb
//
// Not STRICT, so that a NULL segment_id means a new segment. A NULL definition
// gives NULL, which the NOT NULL constraint of segments.segment then reports.
SEGMENTS_FUNCTION(segments_validate_definition)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();

	Jsonb *definition_jsonb = nullptr;
	pg_guard([&]() noexcept { definition_jsonb = PG_GETARG_JSONB_P(0); });
	std::optional<int64_t> self_segment_id;
	if (!PG_ARGISNULL(1))
		self_segment_id = PG_GETARG_INT64(1);

	std::string definition_json = definition_text(definition_jsonb);
	SpiConnection spi;
	Definition definition = load_definition(spi, definition_json, self_segment_id);
	spi.finish();

	return jsonb_from_text(normalized_json(definition));
}
