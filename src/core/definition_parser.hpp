// Parsing, validation and normalization of segment definitions (JSON, Boost.JSON).
#pragma once

#include "core/definition.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace segments
{

// Parses JSON text into a Definition, checking everything that needs no
// database: structure, keys, JSON types, ranges, dates, limits. Throws
// DefinitionError (22023) naming the JSON path; oversized input throws Error
// with SQLSTATE 54000.
Definition parse_definition(std::string_view json_text);

// Ids and names a definition refers to, so the caller can look them up.
struct References
{
	std::set<int64_t> items;
	std::set<std::string> fields;
	std::set<int64_t> segments;
};

References collect_references(const Definition &definition);

// What the database knows about the references, filled in by the caller.
struct Catalog
{
	std::map<int64_t, std::string> item_kinds;	 // item_id -> 'pass', 'product' or 'prize'
	std::map<std::string, FieldType> field_types; // custom field name -> data type
	// Every existing segment and the segments its stored definition reads through
	// in_segment: the whole graph, so cycles can be found.
	std::map<int64_t, std::vector<int64_t>> segment_dependencies;
};

// Checks references against the catalog and fills CustomField::type. Rejects
// missing items, pass conditions on non-pass items, unknown fields, values whose
// JSON type does not fit the field, operators the field type does not allow,
// missing segments and in_segment cycles. self_segment_id is the id of the
// segment being saved, when it already exists. Throws DefinitionError.
void check_references(Definition &definition, const Catalog &catalog,
					  std::optional<int64_t> self_segment_id);

// Serializes the normalized form: defaults filled in, keys in a fixed order,
// id lists sorted without duplicates, "negate" written out on every node.
std::string normalized_json(const Definition &definition);

// Serializes one node (condition or group) in normalized form.
std::string normalized_node_json(const Node &node);

// Returns true when text is an existing calendar date written "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

} // namespace segments
