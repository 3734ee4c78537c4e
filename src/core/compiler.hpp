// Compilation of a checked Definition into SQL that PostgreSQL evaluates set-based.
//
// Every value from the definition becomes a bound parameter; the SQL text holds
// only fixed fragments and parameter numbers. Two parameters are reserved in
// every compiled query and are bound by the caller:
//   $1  as_of     timestamptz  the instant "today", "days since" and "days until" are computed from
//   $2  timezone  text         the segment's time zone (a name from pg_timezone_names)
// CompiledQuery::params lists the parameters from $3 on, in order.
#pragma once

#include "core/definition.hpp"

#include <string>
#include <vector>

namespace segments
{

// PostgreSQL types a parameter is bound as. Each value is passed as text and
// converted by the type's input function; arrays use the array literal syntax.
enum class ParamType
{
	int8,
	int8_array,
	int4,
	text,
	text_array,
	numeric,
	numeric_array,
	date,
	date_array,
	float8,
	boolean,
	boolean_array
};

struct Param
{
	ParamType type = ParamType::text;
	std::string value; // text form accepted by the type's input function
};

struct CompiledQuery
{
	std::string sql;
	std::vector<Param> params; // $3, $4, ...
};

// The query returning the distinct customer_id of every member, one column
// named customer_id.
CompiledQuery compile_members_query(const Definition &definition);

// One boolean expression per node, for explaining one customer's membership.
struct ExplainedNode
{
	std::string path;      // JSON path of the node, empty for the root
	std::string node_json; // the node in normalized form
};

// The query returns one row with one boolean column per node, in the order of
// `nodes` (pre-order: a group before its children). $3 is the customer_id, bound
// as int8 by the caller; params lists $4 on.
struct CompiledExplain
{
	std::string sql;
	std::vector<Param> params; // $4, $5, ...
	std::vector<ExplainedNode> nodes;
};

CompiledExplain compile_explain_query(const Definition &definition);

// Renders a query with its parameter values, for segments.compile(): the SQL
// followed by one comment line per parameter ("-- $3 = '{7}'::bigint[]").
std::string describe_query(const CompiledQuery &query);

// Type name of a parameter as PostgreSQL spells it ("bigint[]").
const char *param_type_name(ParamType type);

} // namespace segments
