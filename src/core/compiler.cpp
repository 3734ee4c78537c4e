// Compilation of a checked Definition into SQL.
//
// Design. Every node compiles to one boolean predicate over the customer row
// `c` (segments.customer). The members query is
//
//   SELECT c.customer_id FROM segments.customer c
//   WHERE c.created_at <= $1 AND <predicate of the root>
//
// Groups are AND/OR of their children and negation is NOT. That is only sound
// because every predicate is two-valued: leaves on fact tables are EXISTS
// subqueries (never NULL), and leaves on nullable customer columns are wrapped
// in IS TRUE. NOT over a NULL would otherwise drop the customer from both a
// condition and its negation.
//
// The position of a predicate decides its plan. PostgreSQL turns an EXISTS that
// is a top-level conjunct of WHERE into a semi-join and a NOT EXISTS there into
// an anti-join. It looks for them before it simplifies boolean expressions, so
// NOT (A OR B) stays one filter with a subplan per customer. Under OR or NOT an
// EXISTS stays a subplan, hashed when its set fits in hash_mem, and otherwise
// probed per customer through the customer_id indexes. So the members query
// places each node (QueryBuilder::node):
//   * the children of a conjunct "all" group are conjuncts themselves, and a
//     group of one condition is that condition;
//   * a negated "any" group that is a conjunct becomes the conjunction of its
//     negated children (De Morgan), so each NOT EXISTS is an anti-join;
//   * a conjunct that is not negated needs no IS TRUE, because a NULL rejects
//     the row there just as false does. That lets a location condition be a
//     plain filter on c, which the GiST index on the customer's point serves.
// The rewrites only move NOT and IS TRUE where they give the same truth value.
// The explain query selects, for one customer, one column per node in the
// plain two-valued form, without rewrites. sql/explain_membership.sql checks
// that it agrees with the members query customer by customer.
//
// In an "any" group, the leaves on one table share one EXISTS (see
// grouped_children()). bench/explain/NOTES.md has the measurements behind
// each shape.
//
// Calendar days. "Today" is the date of $1 in the time zone $2 and a fact's day
// is the date of its timestamptz in $2. Every day comparison is an exact
// predicate on those local dates, so daylight saving changes cannot move anyone
// by a day. Such a predicate cannot use an index on the raw timestamptz, so the
// compiler also adds a range on the raw column that the predicate implies,
// widened by one local day on each side (condition_sql.cpp).
//
// Enumerated options ('active', 'check_in', 'voucher') are fixed fragments the
// compiler chooses from a closed set. Every value written by the user (ids,
// numbers, strings, dates, coordinates) is a bound parameter.
#include "core/compiler.hpp"

#include "core/definition_parser.hpp"
#include "core/error.hpp"
#include "core/node_walk.hpp"
#include "core/query_builder.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace segments
{

std::string join(const std::vector<std::string> &parts, const std::string &separator)
{
	std::string out;
	for (std::size_t i = 0; i < parts.size(); ++i)
	{
		if (i > 0)
			out += separator;
		out += parts[i];
	}
	return out;
}

std::string indent(const std::string &text)
{
	std::string out;
	for (char ch : text)
	{
		out += ch;
		if (ch == '\n')
			out += '\t';
	}
	return out;
}

std::string QueryBuilder::node(const Node &node, Position position,
                               std::optional<ExistsParts> *parts)
{
	std::size_t slot = node_predicates_.size();
	node_predicates_.emplace_back();
	const bool negated = node.negate != position.negated;
	const bool conjunct = rewrite_ && position.conjunct;

	std::string predicate;
	if (const auto *group_body = std::get_if<Group>(&node.body))
		predicate = group(*group_body, conjunct, negated);
	else
	{
		last_exists_.reset();
		LeafPredicate leaf_predicate = leaf(node.body, conjunct && !negated);
		// Only a leaf whose whole predicate is the EXISTS it built qualifies for
		// merging: not a complement (NOT EXISTS) or a negated node.
		if (parts && !negated && !leaf_predicate.complement && last_exists_ &&
		    last_exists_->sql == leaf_predicate.sql)
			*parts = std::move(last_exists_);
		last_exists_.reset();
		predicate = leaf_predicate.complement != negated ? "NOT " + leaf_predicate.sql
		                                                 : leaf_predicate.sql;
	}
	// Without rewrite, position.negated is never set, so this is the node's value.
	node_predicates_[slot] = predicate;
	return predicate;
}

// Returns the group's predicate, negated when negated is set.
std::string QueryBuilder::group(const Group &group, bool conjunct, bool negated)
{
	if (group.conditions.empty())
		throw Error(sqlstate::internal_error, "cannot compile a group without conditions");
	// "all" and "any" of one condition are that condition. Without rewrite the
	// negation stays on the group, so that the child's explain column is its own value.
	if (rewrite_ && group.conditions.size() == 1)
		return "(" + indent(node(group.conditions.front(), Position{conjunct, negated})) + ")";

	const bool conjunction = (group.match == Match::all) != negated;
	if (conjunct && conjunction)
	{
		// A conjunct "all" group, or a negated conjunct "any" group: NOT (A OR B)
		// is (NOT A) AND (NOT B) because every child is two-valued.
		std::vector<std::string> children;
		for (const auto &child : group.conditions)
			children.push_back(node(child, Position{true, negated}));
		return "(" + indent(join(children, "\nAND ")) + ")";
	}
	std::string predicate = grouped_children(group);
	return negated ? "NOT " + predicate : predicate;
}

// In an "any" group, leaves that are EXISTS over the same table are merged into
// one EXISTS whose filters are OR-ed: EXISTS (A) OR EXISTS (B) is EXISTS (A OR
// B) for one table and one correlation. PostgreSQL then reads the table once
// (a BitmapOr of the index scans and one semi-join) instead of building one
// hashed subplan per leaf. At 1M customers that took 311 ms against 554 ms for
// two acquisition leaves and 339 ms against 636 ms for two custom field leaves.
// "all" groups keep one EXISTS per leaf, because there the most selective leaf
// drives the join (70 ms against 580 ms for one grouped scan).
// Each merged leaf keeps its own EXISTS as its explain column, built from the
// same filter texts and parameters.
std::string QueryBuilder::grouped_children(const Group &group)
{
	std::vector<std::string> children;
	children.reserve(group.conditions.size());
	// For each table, the position in children of its merged EXISTS and the
	// filters of the leaves merged into it.
	struct Merge
	{
		std::size_t position;
		std::string from;
		std::string correlation;
		std::vector<std::string> alternatives;
	};
	std::vector<Merge> merges;
	for (const auto &child : group.conditions)
	{
		std::optional<ExistsParts> parts;
		std::string predicate = node(child, Position{}, group.match == Match::any ? &parts : nullptr);
		if (!parts || parts->filters.size() < 2)
		{
			children.push_back(predicate);
			continue;
		}
		std::vector<std::string> own(parts->filters.begin() + 1, parts->filters.end());
		std::string alternative = "(" + join(own, "\n\t\tAND ") + ")";
		auto merge = std::find_if(merges.begin(), merges.end(), [&](const Merge &m) {
			return m.from == parts->from && m.correlation == parts->filters.front();
		});
		if (merge == merges.end())
		{
			merges.push_back(Merge{children.size(), parts->from, parts->filters.front(), {}});
			merge = merges.end() - 1;
			children.push_back(predicate);
		}
		merge->alternatives.push_back(alternative);
	}
	for (const auto &merge : merges)
		if (merge.alternatives.size() > 1)
			children[merge.position] = "EXISTS (\n\tSELECT FROM " + merge.from + "\n\tWHERE " +
			                           merge.correlation + "\n\t\tAND (" +
			                           join(merge.alternatives, "\n\t\tOR ") + "))";
	const char *separator = group.match == Match::all ? "\nAND " : "\nOR ";
	return "(" + indent(join(children, separator)) + ")";
}

namespace
{

// Only customers that existed at as_of belong to any segment or its complement.
constexpr const char *existed_sql = "c.created_at <= $1::timestamptz";

const Group &root_group(const Definition &definition)
{
	const auto *group = std::get_if<Group>(&definition.root.body);
	if (!group)
		throw Error(sqlstate::internal_error, "the root of a definition must be a group");
	if (definition.root.negate)
		throw Error(sqlstate::internal_error, "the root of a definition cannot be negated");
	return *group;
}

// A parameter value as a SQL literal, for display only: E'' with escapes when
// it contains a backslash or a control character, so one parameter stays on one line.
std::string display_literal(const std::string &value)
{
	bool escaped = false;
	std::string body;
	for (unsigned char ch : value)
	{
		if (ch == '\'')
			body += "''";
		else if (ch == '\\')
		{
			body += "\\\\";
			escaped = true;
		}
		else if (ch < 0x20 || ch == 0x7f)
		{
			char hex[8];
			std::snprintf(hex, sizeof hex, "\\x%02x", ch);
			body += hex;
			escaped = true;
		}
		else
			body += static_cast<char>(ch);
	}
	return (escaped ? "E'" : "'") + body + "'";
}

} // namespace

CompiledQuery compile_members_query(const Definition &definition)
{
	root_group(definition);
	QueryBuilder builder(3, true);
	std::string predicate = builder.node(definition.root, Position{true, false});
	CompiledQuery query;
	query.sql = "SELECT c.customer_id\nFROM segments.customer c\nWHERE " +
	            std::string(existed_sql) + "\n\tAND " + indent(predicate);
	query.params = builder.take_params();
	return query;
}

CompiledExplain compile_explain_query(const Definition &definition)
{
	root_group(definition);
	QueryBuilder builder(4, false);
	builder.node(definition.root);

	CompiledExplain explain;
	std::vector<std::string> columns;
	const auto &predicates = builder.node_predicates();
	for (std::size_t i = 0; i < predicates.size(); ++i)
		columns.push_back("(" + std::string(existed_sql) + "\n\tAND " + indent(predicates[i]) +
		                  ") AS node_" + std::to_string(i));
	explain.sql = "SELECT " + join(columns, ",\n") +
	              "\nFROM segments.customer c\nWHERE c.customer_id = $3::bigint";
	explain.params = builder.take_params();

	// The same pre-order walk as QueryBuilder::node.
	for_each_node(definition.root, [&](const Node &node) {
		explain.nodes.push_back(ExplainedNode{node.path, normalized_node_json(node)});
	});
	if (explain.nodes.size() != predicates.size())
		throw Error(sqlstate::internal_error, "explain columns and nodes differ in number");
	return explain;
}

std::string describe_query(const CompiledQuery &query)
{
	std::string out = query.sql + "\n";
	for (std::size_t i = 0; i < query.params.size(); ++i)
		out += "-- $" + std::to_string(i + 3) + " = " + display_literal(query.params[i].value) +
		       "::" + param_type_name(query.params[i].type) + "\n";
	return out;
}

const char *param_type_name(ParamType type)
{
	switch (type)
	{
	case ParamType::int8:
		return "bigint";
	case ParamType::int8_array:
		return "bigint[]";
	case ParamType::int4:
		return "integer";
	case ParamType::text:
		return "text";
	case ParamType::text_array:
		return "text[]";
	case ParamType::numeric:
		return "numeric";
	case ParamType::numeric_array:
		return "numeric[]";
	case ParamType::date:
		return "date";
	case ParamType::date_array:
		return "date[]";
	case ParamType::float8:
		return "double precision";
	case ParamType::boolean:
		return "boolean";
	case ParamType::boolean_array:
		return "boolean[]";
	}
	return "text";
}

} // namespace segments
