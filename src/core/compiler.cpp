// Compilation of a checked Definition into SQL.
//
// Design. Every node compiles to one boolean predicate over the customer row
// `c` (segments.customer). The members query is
//
//   SELECT c.customer_id FROM segments.customer c
//   WHERE c.created_at <= $1 AND <predicate of the root>
//
// and the explain query selects the same predicates, one column per node, for
// one customer, so the two can never disagree. Groups are AND/OR of their
// children and negation is NOT. That is only sound because every predicate is
// two-valued: leaves on fact tables are EXISTS subqueries (never NULL), and
// leaves on nullable customer columns are wrapped in IS TRUE. NOT over a NULL
// would otherwise drop the customer from both a condition and its negation.
//
// PostgreSQL turns a top-level EXISTS into a semi-join and NOT EXISTS into an
// anti-join. Under OR or NOT it keeps a subplan, hashed when the set fits in
// hash_mem, and otherwise probed per customer through the customer_id indexes.
// In an "any" group, the leaves on one table share one EXISTS (see group()).
// bench/explain/NOTES.md has the measurements behind each shape.
//
// Calendar days. "Today" is the date of $1 in the time zone $2 and a fact's day
// is the date of its timestamptz in $2. Every day comparison is an exact
// predicate on those local dates, so daylight saving changes cannot move anyone
// by a day. Such a predicate cannot use an index on the raw timestamptz, so the
// compiler also adds a range on the raw column that the predicate implies. The
// range is widened by 24 hours on each side, far more than any zone's offset
// moves around a local midnight, and lets an index on (item_id, acquired_at)
// narrow the scan.
//
// Enumerated options ('active', 'check_in', 'voucher') are fixed fragments the
// compiler chooses from a closed set. Every value written by the user (ids,
// numbers, strings, dates, coordinates) is a bound parameter.
#include "core/compiler.hpp"

#include "core/definition_parser.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace segments
{

namespace
{

constexpr const char *today_sql = "($1::timestamptz AT TIME ZONE $2::text)::date";
constexpr const char *as_of_sql = "$1::timestamptz";

// The largest day count the compiler turns into an index range. Beyond it the
// range is left out, and the exact predicate alone is still correct. 1,000,000
// days is about 2,740 years, so the range arithmetic stays within the timestamp
// type (4713 BC to 294276 AD) for any as_of from year 1 to year 290,000.
constexpr int64_t max_ranged_day_count = 1000000;

std::string local_date(const std::string &column)
{
	return "(" + column + " AT TIME ZONE $2::text)::date";
}

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

// Indents every line after the first by one tab, so nested predicates read as a tree.
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

std::string quote_array_element(const std::string &value)
{
	// Quoted elements take any content: only '"' and '\' need a backslash. An
	// unquoted element would be trimmed, split at commas and read NULL as null.
	std::string out = "\"";
	for (char ch : value)
	{
		if (ch == '"' || ch == '\\')
			out += '\\';
		out += ch;
	}
	out += '"';
	return out;
}

std::string array_literal(const std::vector<std::string> &values)
{
	std::vector<std::string> quoted;
	quoted.reserve(values.size());
	for (const auto &value : values)
		quoted.push_back(quote_array_element(value));
	return "{" + join(quoted, ",") + "}";
}

std::string int_text(int64_t value)
{
	return std::to_string(value);
}

// Shortest text that float8 input reads back as the same double.
std::string double_text(double value)
{
	char buffer[64];
	auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
	if (result.ec != std::errc())
		throw Error(sqlstate::internal_error, "could not format a coordinate as text");
	return std::string(buffer, result.ptr);
}

// Integers need no quoting in an array literal.
std::string ids_literal(const std::vector<int64_t> &ids)
{
	std::vector<std::string> texts;
	texts.reserve(ids.size());
	for (int64_t id : ids)
		texts.push_back(int_text(id));
	return "{" + join(texts, ",") + "}";
}

// Inclusive integer bounds implied by a comparator, as SQL integer expressions.
// A bound is absent when the comparator leaves that side open, or when it is too
// far out to be used for an index range.
struct DayBounds
{
	std::optional<std::string> low;
	std::optional<std::string> high;
};

bool rangeable(int64_t value)
{
	return value >= -max_ranged_day_count && value <= max_ranged_day_count;
}

// A leaf that is one EXISTS over one table: its FROM item and its filters, the
// first of which correlates it with the customer row c.
struct ExistsParts
{
	std::string from;
	std::vector<std::string> filters;
	std::string sql; // the EXISTS predicate built from them
};

class QueryBuilder
{
  public:
	explicit QueryBuilder(int first_param) : next_param_(first_param) {}

	// Compiles a node and records its predicate in pre-order. When the node is
	// a leaf compiled to one plain EXISTS, parts (if given) receives its pieces.
	std::string node(const Node &node, std::optional<ExistsParts> *parts = nullptr);

	const std::vector<std::string> &node_predicates() const { return node_predicates_; }
	std::vector<Param> take_params() { return std::move(params_); }

  private:
	// Binds a value and returns its parameter number.
	int bind(ParamType type, std::string value);
	// Binds a value and returns "$N::type".
	std::string bind_ref(ParamType type, std::string value);

	std::string body(const NodeBody &body);
	std::string group(const Group &group);
	// Builds EXISTS (SELECT FROM from WHERE filters) and remembers its parts.
	std::string exists(const std::string &from, const std::vector<std::string> &filters);
	std::string item_purchase(const ItemPurchase &condition);
	std::string pass_redemptions(const PassRedemptions &condition);
	std::string pass_points(const PassPoints &condition);
	std::string pass_expiration(const PassExpiration &condition);
	std::string custom_field(const CustomField &condition);
	std::string promotion_used(const PromotionUsed &condition);
	std::string location(const Location &condition);
	std::string in_segment(const InSegment &condition);

	std::string compare(const std::string &expression, const Comparator &comparator,
	                    DayBounds *bounds = nullptr);
	std::string item_filter(const std::string &column, const std::vector<int64_t> &items);
	std::string field_value_ref(FieldType type, const FieldValue &value);

	int next_param_;
	std::vector<Param> params_;
	std::vector<std::string> node_predicates_;
	std::optional<ExistsParts> last_exists_;
};

int QueryBuilder::bind(ParamType type, std::string value)
{
	params_.push_back(Param{type, std::move(value)});
	return next_param_++;
}

std::string QueryBuilder::bind_ref(ParamType type, std::string value)
{
	int number = bind(type, std::move(value));
	return "$" + std::to_string(number) + "::" + param_type_name(type);
}

std::string QueryBuilder::node(const Node &node, std::optional<ExistsParts> *parts)
{
	std::size_t slot = node_predicates_.size();
	node_predicates_.emplace_back();
	last_exists_.reset();
	std::string predicate = body(node.body);
	// Only a leaf whose whole predicate is the EXISTS it built qualifies: not a
	// group (whose last child may have set last_exists_), a complement (NOT
	// EXISTS) or a negated node.
	if (parts && !node.negate && last_exists_ && last_exists_->sql == predicate)
		*parts = std::move(last_exists_);
	last_exists_.reset();
	if (node.negate)
		predicate = "NOT " + predicate;
	node_predicates_[slot] = predicate;
	return predicate;
}

std::string QueryBuilder::body(const NodeBody &body)
{
	struct Visitor
	{
		QueryBuilder &builder;
		std::string operator()(const Group &v) { return builder.group(v); }
		std::string operator()(const ItemPurchase &v) { return builder.item_purchase(v); }
		std::string operator()(const PassRedemptions &v) { return builder.pass_redemptions(v); }
		std::string operator()(const PassPoints &v) { return builder.pass_points(v); }
		std::string operator()(const PassExpiration &v) { return builder.pass_expiration(v); }
		std::string operator()(const CustomField &v) { return builder.custom_field(v); }
		std::string operator()(const PromotionUsed &v) { return builder.promotion_used(v); }
		std::string operator()(const Location &v) { return builder.location(v); }
		std::string operator()(const InSegment &v) { return builder.in_segment(v); }
	};
	return std::visit(Visitor{*this}, body);
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
std::string QueryBuilder::group(const Group &group)
{
	if (group.conditions.empty())
		throw Error(sqlstate::internal_error, "cannot compile a group without conditions");
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
		std::string predicate = node(child, group.match == Match::any ? &parts : nullptr);
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

std::string QueryBuilder::compare(const std::string &expression, const Comparator &comparator,
                                  DayBounds *bounds)
{
	// The day-range bounds reuse the comparator's parameter, cast to integer for
	// date arithmetic; rangeable() keeps that cast and the arithmetic in range.
	auto day_count = [](int number, const char *adjust) {
		return "($" + std::to_string(number) + "::bigint::integer" + adjust + ")";
	};
	using Op = Comparator::Op;
	if (comparator.op == Op::between)
	{
		int low = bind(ParamType::int8, int_text(comparator.low));
		int high = bind(ParamType::int8, int_text(comparator.high));
		if (bounds && rangeable(comparator.low) && rangeable(comparator.high))
		{
			bounds->low = day_count(low, "");
			bounds->high = day_count(high, "");
		}
		return expression + " BETWEEN $" + std::to_string(low) + "::bigint AND $" +
		       std::to_string(high) + "::bigint";
	}

	int number = bind(ParamType::int8, int_text(comparator.low));
	std::string operand = "$" + std::to_string(number) + "::bigint";
	bool ranged = bounds && rangeable(comparator.low);
	const char *sql_operator = "=";
	switch (comparator.op)
	{
	case Op::exactly:
		sql_operator = "=";
		if (ranged)
			bounds->low = bounds->high = day_count(number, "");
		break;
	case Op::greater_than:
		sql_operator = ">";
		if (ranged)
			bounds->low = day_count(number, " + 1");
		break;
	case Op::less_than:
		sql_operator = "<";
		if (ranged)
			bounds->high = day_count(number, " - 1");
		break;
	case Op::at_least:
		sql_operator = ">=";
		if (ranged)
			bounds->low = day_count(number, "");
		break;
	case Op::at_most:
		sql_operator = "<=";
		if (ranged)
			bounds->high = day_count(number, "");
		break;
	case Op::between:
		break; // handled above
	}
	return expression + " " + sql_operator + " " + operand;
}

// A range on a raw timestamptz column implied by "the local date of column is
// between first_day and last_day" (both optional), widened by 24 hours.
std::vector<std::string> widened_range(const std::string &column,
                                       const std::optional<std::string> &first_day,
                                       const std::optional<std::string> &last_day)
{
	std::vector<std::string> out;
	if (first_day)
		out.push_back(column + " >= ((" + *first_day +
		              ")::timestamp AT TIME ZONE $2::text) - interval '24 hours'");
	if (last_day)
		out.push_back(column + " < ((" + *last_day +
		              " + 1)::timestamp AT TIME ZONE $2::text) + interval '24 hours'");
	return out;
}

// Conditions on "days since": today minus the local date of column.
std::vector<std::string> days_since_filters(const std::string &column, const std::string &predicate,
                                            const DayBounds &bounds)
{
	std::vector<std::string> out{predicate};
	std::optional<std::string> first_day, last_day;
	if (bounds.high)
		first_day = std::string(today_sql) + " - " + *bounds.high;
	if (bounds.low)
		last_day = std::string(today_sql) + " - " + *bounds.low;
	for (auto &range : widened_range(column, first_day, last_day))
		out.push_back(std::move(range));
	return out;
}

std::string active_filter(const std::string &alias)
{
	return alias + ".status = 'active' AND (" + alias + ".expires_at IS NULL OR " + alias +
	       ".expires_at > " + as_of_sql + ")";
}

std::string QueryBuilder::item_filter(const std::string &column, const std::vector<int64_t> &items)
{
	if (items.size() == 1)
		return column + " = " + bind_ref(ParamType::int8, int_text(items.front()));
	return column + " = ANY (" + bind_ref(ParamType::int8_array, ids_literal(items)) + ")";
}

std::string QueryBuilder::exists(const std::string &from, const std::vector<std::string> &filters)
{
	std::string sql =
	    "EXISTS (\n\tSELECT FROM " + from + "\n\tWHERE " + join(filters, "\n\t\tAND ") + ")";
	last_exists_ = ExistsParts{from, filters, sql};
	return sql;
}

std::string QueryBuilder::item_purchase(const ItemPurchase &condition)
{
	std::vector<std::string> filters{"a.customer_id = c.customer_id",
	                                 item_filter("a.item_id", condition.items),
	                                 std::string("a.acquired_at <= ") + as_of_sql};
	if (condition.status == StatusFilter::active)
		filters.push_back(active_filter("a"));
	if (condition.days_since_purchase)
	{
		DayBounds bounds;
		std::string days = "(" + std::string(today_sql) + " - " + local_date("a.acquired_at") + ")";
		std::string predicate = compare(days, *condition.days_since_purchase, &bounds);
		for (auto &filter : days_since_filters("a.acquired_at", predicate, bounds))
			filters.push_back(std::move(filter));
	}
	if (condition.purchased_between)
	{
		std::string first = bind_ref(ParamType::date, condition.purchased_between->first);
		std::string last = bind_ref(ParamType::date, condition.purchased_between->second);
		filters.push_back(local_date("a.acquired_at") + " BETWEEN " + first + " AND " + last);
		for (auto &range : widened_range("a.acquired_at", first, last))
			filters.push_back(std::move(range));
	}
	return exists("segments.acquisition a", filters);
}

// The acquisitions of a pass that count for pass_redemptions and pass_points.
std::vector<std::string> holding_filters(const std::string &pass_filter, StatusFilter status)
{
	std::vector<std::string> filters{pass_filter, std::string("a.acquired_at <= ") + as_of_sql};
	if (status == StatusFilter::active)
		filters.push_back(active_filter("a"));
	return filters;
}

// A per-customer total over the holder's acquisitions of a pass. Each
// acquisition's total comes from a LATERAL subquery, so a holder without fact
// rows still gets a row: count and coalesce(sum) of nothing are 0. PostgreSQL
// reads those facts through the covering index on (acquisition_id, customer_id,
// time). At 1M customers this took half the time of a LEFT JOIN grouped
// afterwards, for which the planner hashed the whole fact table. The outer
// EXISTS lets PostgreSQL choose a semi-join, an anti-join or a hashed subplan,
// as for every other leaf.
std::string holder_total(const std::string &pass_filter, StatusFilter status,
                         const std::string &acquisition_total, const std::string &having)
{
	std::vector<std::string> filters = holding_filters(pass_filter, status);
	return "EXISTS (\n\tSELECT FROM (\n\t\tSELECT a.customer_id\n\t\tFROM segments.acquisition a"
	       "\n\t\tCROSS JOIN LATERAL (\n\t\t\t" +
	       acquisition_total + ") f\n\t\tWHERE " + join(filters, "\n\t\t\tAND ") +
	       "\n\t\tGROUP BY a.customer_id\n\t\tHAVING " + having +
	       ") t\n\tWHERE t.customer_id = c.customer_id)";
}

std::string QueryBuilder::pass_redemptions(const PassRedemptions &condition)
{
	std::string pass_filter = "a.item_id = " + bind_ref(ParamType::int8, int_text(condition.pass));
	std::vector<std::string> filters{"r.acquisition_id = a.acquisition_id",
	                                 "r.customer_id = a.customer_id",
	                                 std::string("r.redeemed_at <= ") + as_of_sql};
	if (condition.kind == RedemptionKind::check_in)
		filters.push_back("r.kind = 'check_in'");
	else if (condition.kind == RedemptionKind::voucher)
		filters.push_back("r.kind = 'voucher'");
	if (condition.within_days)
	{
		// Fewer than within_days calendar days ago: today and the days before it.
		Comparator fewer{Comparator::Op::less_than, *condition.within_days, *condition.within_days};
		DayBounds bounds;
		std::string days = "(" + std::string(today_sql) + " - " + local_date("r.redeemed_at") + ")";
		std::string predicate = compare(days, fewer, &bounds);
		for (auto &filter : days_since_filters("r.redeemed_at", predicate, bounds))
			filters.push_back(std::move(filter));
	}
	std::string having = compare("sum(f.total)", condition.count);
	return holder_total(pass_filter, condition.pass_status,
	                    "SELECT count(*) AS total\n\t\t\tFROM segments.redemption r\n\t\t\tWHERE " +
	                        join(filters, "\n\t\t\t\tAND "),
	                    having);
}

std::string QueryBuilder::pass_points(const PassPoints &condition)
{
	std::string pass_filter = "a.item_id = " + bind_ref(ParamType::int8, int_text(condition.pass));
	std::string total = "SELECT coalesce(sum(p.points), 0) AS total"
	                    "\n\t\t\tFROM segments.point_event p"
	                    "\n\t\t\tWHERE p.acquisition_id = a.acquisition_id"
	                    "\n\t\t\t\tAND p.customer_id = a.customer_id"
	                    "\n\t\t\t\tAND p.earned_at <= " +
	                    std::string(as_of_sql);
	std::string having = compare("sum(f.total)", condition.points);
	return holder_total(pass_filter, condition.pass_status, total, having);
}

std::string QueryBuilder::pass_expiration(const PassExpiration &condition)
{
	std::vector<std::string> filters{
	    "a.customer_id = c.customer_id",
	    "a.item_id = " + bind_ref(ParamType::int8, int_text(condition.pass)),
	    std::string("a.acquired_at <= ") + as_of_sql,
	    // Active and with an expiry date: expires_at > as_of also excludes NULL.
	    std::string("a.status = 'active' AND a.expires_at > ") + as_of_sql};
	DayBounds bounds;
	std::string days = "(" + local_date("a.expires_at") + " - " + today_sql + ")";
	filters.push_back(compare(days, condition.days_until_expiration, &bounds));
	std::optional<std::string> first_day, last_day;
	if (bounds.low)
		first_day = std::string(today_sql) + " + " + *bounds.low;
	if (bounds.high)
		last_day = std::string(today_sql) + " + " + *bounds.high;
	for (auto &range : widened_range("a.expires_at", first_day, last_day))
		filters.push_back(std::move(range));
	return exists("segments.acquisition a", filters);
}

// The SQL expression reading a stored answer as the field's type; NULL when the
// answer is empty or not a valid value of the type.
std::string stored_value(FieldType type)
{
	switch (type)
	{
	case FieldType::text:
		return "segments.normalized_text(v.value)";
	case FieldType::number:
		return "segments.field_number(v.value)";
	case FieldType::date:
		return "segments.field_date(v.value)";
	case FieldType::boolean:
		return "segments.field_boolean(v.value)";
	}
	throw Error(sqlstate::internal_error, "unknown custom field type");
}

std::string QueryBuilder::field_value_ref(FieldType type, const FieldValue &value)
{
	switch (type)
	{
	case FieldType::text:
		return "segments.normalized_text(" + bind_ref(ParamType::text, value.text) + ")";
	case FieldType::number:
		return bind_ref(ParamType::numeric, value.text);
	case FieldType::date:
		return bind_ref(ParamType::date, value.text);
	case FieldType::boolean:
		return bind_ref(ParamType::boolean, value.text);
	}
	throw Error(sqlstate::internal_error, "unknown custom field type");
}

std::string QueryBuilder::custom_field(const CustomField &condition)
{
	if (!condition.type)
		throw Error(sqlstate::internal_error,
		            "custom field \"" + condition.field + "\" has no type",
		            "References must be checked before a definition is compiled.");
	const FieldType type = *condition.type;
	const std::string stored = stored_value(type);
	const std::string field_filter =
	    "v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = " +
	    bind_ref(ParamType::text, condition.field) + ")";
	auto require_values = [&](std::size_t count) {
		if (condition.values.size() < count)
			throw Error(sqlstate::internal_error,
			            "custom field condition on \"" + condition.field + "\" lacks a value");
	};

	// The positive form of the operator; the not_ operators are its complement,
	// so they also match customers with no (valid) answer.
	bool complement = false;
	std::string test;
	auto ordering = [&](const char *sql_operator) {
		require_values(1);
		return stored + " " + sql_operator + " " + field_value_ref(type, condition.values[0]);
	};
	switch (condition.op)
	{
	case FieldOperator::not_equals:
		complement = true;
		[[fallthrough]];
	case FieldOperator::equals:
		test = ordering("=");
		break;
	case FieldOperator::not_contains:
		complement = true;
		[[fallthrough]];
	case FieldOperator::contains:
		// strpos matches the value literally, so '%', '_' and '\' are plain characters.
		require_values(1);
		test = "strpos(" + stored + ", " + field_value_ref(type, condition.values[0]) + ") > 0";
		break;
	case FieldOperator::starts_with:
		require_values(1);
		test = "starts_with(" + stored + ", " + field_value_ref(type, condition.values[0]) + ")";
		break;
	case FieldOperator::ends_with:
	{
		require_values(1);
		int number = bind(ParamType::text, condition.values[0].text);
		std::string value = "segments.normalized_text($" + std::to_string(number) + "::text)";
		test = "right(" + stored + ", length(" + value + ")) = " + value;
		break;
	}
	case FieldOperator::not_in:
		complement = true;
		[[fallthrough]];
	case FieldOperator::in:
	{
		require_values(1);
		std::vector<std::string> texts;
		for (const auto &value : condition.values)
			texts.push_back(value.text);
		std::string literal = array_literal(texts);
		switch (type)
		{
		case FieldType::text:
			test = stored + " = ANY (segments.normalized_texts(" +
			       bind_ref(ParamType::text_array, literal) + "))";
			break;
		case FieldType::number:
			test = stored + " = ANY (" + bind_ref(ParamType::numeric_array, literal) + ")";
			break;
		case FieldType::date:
			test = stored + " = ANY (" + bind_ref(ParamType::date_array, literal) + ")";
			break;
		case FieldType::boolean:
			test = stored + " = ANY (" + bind_ref(ParamType::boolean_array, literal) + ")";
			break;
		}
		break;
	}
	case FieldOperator::is_not_set:
		complement = true;
		[[fallthrough]];
	case FieldOperator::is_set:
		test = stored + " IS NOT NULL";
		break;
	case FieldOperator::greater_than:
		test = ordering(">");
		break;
	case FieldOperator::less_than:
		test = ordering("<");
		break;
	case FieldOperator::at_least:
		test = ordering(">=");
		break;
	case FieldOperator::at_most:
		test = ordering("<=");
		break;
	case FieldOperator::between:
	{
		// Two statements: the operands of + are unsequenced, and the parameter
		// numbers must follow the order of the values.
		require_values(2);
		std::string low = field_value_ref(type, condition.values[0]);
		std::string high = field_value_ref(type, condition.values[1]);
		test = stored + " BETWEEN " + low + " AND " + high;
		break;
	}
	}

	std::vector<std::string> filters{"v.customer_id = c.customer_id", field_filter, test};
	std::string found = exists("segments.custom_field_value v", filters);
	return complement ? "NOT " + found : found;
}

std::string QueryBuilder::promotion_used(const PromotionUsed &condition)
{
	std::vector<std::string> filters{"a.customer_id = c.customer_id",
	                                 std::string("a.acquired_at <= ") + as_of_sql};
	const std::string code = "segments.normalized_text(a.promotion_code)";
	if (condition.codes)
		filters.push_back(code + " = ANY (segments.normalized_texts(" +
		                  bind_ref(ParamType::text_array, array_literal(*condition.codes)) + "))");
	else
		filters.push_back(code + " IS NOT NULL");
	if (condition.items)
		filters.push_back(item_filter("a.item_id", *condition.items));
	return exists("segments.acquisition a", filters);
}

std::string QueryBuilder::location(const Location &condition)
{
	const char *column = nullptr;
	switch (condition.by)
	{
	case Location::By::country:
		column = "c.country";
		break;
	case Location::By::region:
		column = "c.region";
		break;
	case Location::By::city:
		column = "c.city";
		break;
	case Location::By::postal_code:
		column = "c.postal_code";
		break;
	case Location::By::within:
	{
		// A self semi-join, so the GiST index on segments.earth_point(latitude,
		// longitude) finds the candidates whatever the predicate is nested in:
		// the box test uses the index, the distance test makes it exact.
		std::string latitude = bind_ref(ParamType::float8, double_text(condition.latitude));
		std::string longitude = bind_ref(ParamType::float8, double_text(condition.longitude));
		std::string radius = bind_ref(ParamType::float8, double_text(condition.radius_km));
		return exists("segments.customer l",
		              {"l.customer_id = c.customer_id",
		               "segments.earth_within_box(segments.earth_point(l.latitude, l.longitude), "
		               "segments.earth_box(" +
		                   latitude + ", " + longitude + ", " + radius + "))",
		               "segments.earth_distance_km(l.latitude, l.longitude, " + latitude + ", " +
		                   longitude + ") <= " + radius});
	}
	}
	// IS TRUE: a customer whose column is NULL must be false here, not NULL, so
	// that a negated location condition keeps them.
	return "(segments.normalized_text(" + std::string(column) +
	       ") = ANY (segments.normalized_texts(" +
	       bind_ref(ParamType::text_array, array_literal(condition.values)) + ")) IS TRUE)";
}

std::string QueryBuilder::in_segment(const InSegment &condition)
{
	return exists("segments.segment_member m",
	              {"m.customer_id = c.customer_id",
	               "m.segment_id = " + bind_ref(ParamType::int8, int_text(condition.segment))});
}

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
	QueryBuilder builder(3);
	std::string predicate = builder.node(definition.root);
	CompiledQuery query;
	query.sql = "SELECT c.customer_id\nFROM segments.customer c\nWHERE " +
	            std::string(existed_sql) + "\n\tAND " + indent(predicate);
	query.params = builder.take_params();
	return query;
}

CompiledExplain compile_explain_query(const Definition &definition)
{
	root_group(definition);
	QueryBuilder builder(4);
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
	std::vector<const Node *> stack{&definition.root};
	while (!stack.empty())
	{
		const Node *node = stack.back();
		stack.pop_back();
		explain.nodes.push_back(ExplainedNode{node->path, normalized_node_json(*node)});
		if (const auto *group = std::get_if<Group>(&node->body))
			for (auto child = group->conditions.rbegin(); child != group->conditions.rend();
			     ++child)
				stack.push_back(&*child);
	}
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
