// The builder behind compiler.cpp: it turns each node of a definition into one
// SQL predicate over the customer row c and collects the bound parameters.
// compiler.cpp contains the design, the groups and the entry points, and
// condition_sql.cpp the SQL of each kind of condition.
#pragma once

#include "core/compiler.hpp"
#include "core/definition.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace segments
{

// The instant "today" is computed from, and today's date in the segment's
// time zone. $1 and $2 are bound by every caller (see compiler.hpp).
inline constexpr const char *as_of_sql = "$1::timestamptz";
inline constexpr const char *today_sql = "($1::timestamptz AT TIME ZONE $2::text)::date";

// A leaf that is one EXISTS over one table: its FROM item and its filters, the
// first of which correlates it with the customer row c.
struct ExistsParts
{
	std::string from;
	std::vector<std::string> filters;
	std::string sql; // the EXISTS predicate built from them
};

// A leaf's SQL. When complement is set, the condition is true where sql is
// false. The custom field operators not_equals, not_in and so on are built
// that way, as NOT of the positive test.
struct LeafPredicate
{
	std::string sql;
	bool complement = false;
};

// The place of a node's predicate in the members query.
struct Position
{
	// The predicate is a top-level conjunct of the WHERE clause, ANDed with
	// everything else. PostgreSQL turns an EXISTS there into a semi-join and a
	// NOT EXISTS into an anti-join, and a NULL there rejects the row as false does.
	bool conjunct = false;
	// The parent needs the node's complement rather than its value.
	bool negated = false;
};

// Inclusive integer bounds implied by a comparator, as SQL integer expressions.
// A bound is absent when the comparator leaves that side open, or when it is too
// far out to be used for an index range.
struct DayBounds
{
	std::optional<std::string> low;
	std::optional<std::string> high;
};

class QueryBuilder
{
  public:
	// rewrite: place each node by its Position, for the members query. Without
	// it every node is compiled in the same two-valued form wherever it is,
	// and node_predicates() returns each node's own value (the explain query).
	QueryBuilder(int first_param, bool rewrite) : next_param_(first_param), rewrite_(rewrite) {}

	// Compiles a node at a position and returns its predicate. When the node is
	// a leaf compiled to one plain EXISTS, parts (if given) receives its pieces.
	std::string node(const Node &node, Position position = {},
	                 std::optional<ExistsParts> *parts = nullptr);

	// One predicate per node in pre-order, when built without rewrite.
	const std::vector<std::string> &node_predicates() const { return node_predicates_; }
	std::vector<Param> take_params() { return std::move(params_); }

  private:
	// Binds a value and returns its parameter number.
	int bind(ParamType type, std::string value);
	// Binds a value and returns "$N::type".
	std::string bind_ref(ParamType type, std::string value);

	std::string group(const Group &group, bool conjunct, bool negated);
	std::string grouped_children(const Group &group);
	// bare: the predicate is a conjunct that is not negated, so it may be NULL
	// where the condition does not hold, and should be in the form an index can serve.
	LeafPredicate leaf(const NodeBody &body, bool bare);
	// Builds EXISTS (SELECT FROM from WHERE filters) and remembers its parts.
	std::string exists(const std::string &from, const std::vector<std::string> &filters);

	std::string item_purchase(const ItemPurchase &condition);
	std::string pass_redemptions(const PassRedemptions &condition);
	std::string pass_points(const PassPoints &condition);
	std::string pass_expiration(const PassExpiration &condition);
	LeafPredicate custom_field(const CustomField &condition);
	std::string promotion_used(const PromotionUsed &condition);
	std::string location(const Location &condition, bool bare);
	std::string in_segment(const InSegment &condition);

	std::string compare(const std::string &expression, const Comparator &comparator,
	                    DayBounds *bounds = nullptr);
	std::string item_filter(const std::string &column, const std::vector<int64_t> &items);
	std::string field_value_ref(FieldType type, const FieldValue &value);

	int next_param_;
	bool rewrite_;
	std::vector<Param> params_;
	std::vector<std::string> node_predicates_;
	std::optional<ExistsParts> last_exists_;
};

// Text helpers shared by the two source files of the compiler.
std::string join(const std::vector<std::string> &parts, const std::string &separator);
// Indents every line after the first by one tab, so nested predicates read as a tree.
std::string indent(const std::string &text);

} // namespace segments
