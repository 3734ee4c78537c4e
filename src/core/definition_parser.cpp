// Parsing of a whole segment definition: size and nesting limits, the root,
// groups, and the split of nodes into groups and conditions.
//
// Nothing here recurses on unbounded input. The JSON parser stops at
// max_json_depth levels, groups stop at max_group_depth, and the tree that
// json::Value builds is freed no deeper than the parser allowed.
#include "core/definition_parser.hpp"

#include "core/condition_parser.hpp"
#include "core/definition_reader.hpp"
#include "core/json_document.hpp"

namespace segments
{

namespace
{

// A valid definition needs 2 JSON levels per group level and 3 inside a
// condition, 19 in all. The margin lets the clearer group depth message come
// first for trees that are a few groups too deep.
constexpr std::size_t max_json_depth = 64;

const char *split_hint =
    "Split the definition into several segments and combine them with \"in_segment\" conditions.";

Node parse_node(const Cursor &cursor, int parent_depth, std::size_t &node_count);

Group parse_group(const ObjectReader &fields, int depth, std::size_t &node_count)
{
	Group group;
	group.match = read_choice(fields.require("match"), {Match::all, Match::any});

	Cursor list = fields.require("conditions");
	const std::vector<json::Value> &elements = read_array(list, "nodes", 1, max_nodes_per_group);
	group.conditions.reserve(elements.size());
	for (std::size_t i = 0; i < elements.size(); ++i)
		group.conditions.push_back(parse_node(list.element(i), depth, node_count));
	return group;
}

Node parse_node(const Cursor &cursor, int parent_depth, std::size_t &node_count)
{
	++node_count;
	Node node;
	node.path = cursor.path;

	if (cursor.value.kind != json::Kind::object)
		throw_expected(cursor, "an object (a condition or a group)");

	bool has_type = false;
	bool has_group_key = false;
	for (const json::Member &member : cursor.value.members)
	{
		has_type = has_type || member.key == "type";
		has_group_key = has_group_key || member.key == "match" || member.key == "conditions";
	}

	if (has_type && has_group_key)
		throw DefinitionError(cursor.path,
		                      "a node cannot have both \"type\" and \"match\" or \"conditions\"",
		                      "A condition has \"type\"; a group has \"match\" and \"conditions\" "
		                      "and holds its conditions in that array.");
	if (has_type)
	{
		parse_condition(cursor, node);
		return node;
	}
	if (!has_group_key)
		throw DefinitionError(
		    cursor.path,
		    "expected a condition with \"type\" or a group with \"match\" and \"conditions\"");

	int depth = parent_depth + 1;
	if (depth > max_group_depth)
		throw DefinitionError(
		    cursor.path, "groups are nested more than " + std::to_string(max_group_depth) + " deep",
		    "Merge nested groups that have the same \"match\", or move part of "
		    "the tree into another segment and use \"in_segment\".");
	ObjectReader fields(cursor, {"match", "conditions", "negate"}, "a group");
	node.body = parse_group(fields, depth, node_count);
	if (auto negate = fields.find("negate"))
		node.negate = read_boolean(*negate);
	return node;
}

} // namespace

Definition parse_definition(std::string_view json_text)
{
	// Checked before parsing, so an oversized text costs no parsing at all.
	if (json_text.size() > max_definition_bytes)
		throw Error(sqlstate::program_limit_exceeded, "segment definition is too large",
		            "It is " + std::to_string(json_text.size()) + " bytes; the limit is " +
		                std::to_string(max_definition_bytes) + " bytes.",
		            split_hint);

	json::Value document = json::parse_json(json_text, max_json_depth);
	Cursor root{document, {}};
	if (document.kind != json::Kind::object)
		throw_expected(root, "an object with \"match\" and \"conditions\"");
	for (const json::Member &member : document.members)
	{
		if (member.key == "negate")
			throw DefinitionError("negate", "\"negate\" is not allowed on the root group",
			                      "Negate a nested group instead.");
	}
	ObjectReader fields(root, {"match", "conditions"}, "the definition");

	std::size_t node_count = 0;
	Definition definition;
	definition.root.body = parse_group(fields, 1, node_count);
	if (node_count > max_total_nodes)
		throw DefinitionError({},
		                      "definition has " + std::to_string(node_count) +
		                          " nodes, more than the limit of " +
		                          std::to_string(max_total_nodes),
		                      split_hint);
	return definition;
}

} // namespace segments
