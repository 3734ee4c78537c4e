// The SQL of each kind of condition: one predicate over the customer row c,
// with every value from the definition bound as a parameter.
#include "core/error.hpp"
#include "core/query_builder.hpp"
#include "core/sql_literal.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace segments
{

namespace
{

// The largest day count the compiler turns into an index range. Beyond it the
// range is left out, and the exact predicate alone is still correct. 1,000,000
// days is about 2,740 years, so the range arithmetic stays within the timestamp
// type (4713 BC to 294276 AD) for any as_of from year 1 to year 290,000.
constexpr int64_t max_ranged_day_count = 1000000;

std::string local_date(const std::string &column)
{
	return "(" + column + " AT TIME ZONE $2::text)::date";
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

bool rangeable(int64_t value)
{
	return value >= -max_ranged_day_count && value <= max_ranged_day_count;
}

// A range on a raw timestamptz column implied by "the local date of column is
// between first_day and last_day" (both optional, SQL date expressions).
//
// The range runs from local midnight of the day before first_day to local
// midnight of the second day after last_day. The exact local-date predicate
// does the real work; the range only has to contain every instant it keeps.
// PostgreSQL reads a local midnight that falls in a daylight saving gap or
// overlap with the offset of one side of the change, so the instant it gives
// may be off by the size of the change. A whole day of margin covers every
// change in the tz database, the 24-hour date line moves of Samoa (2011) and
// Alaska (1867) included. Everything in the bounds is immutable, so the
// planner folds them to constants once the parameters are known.
std::vector<std::string> widened_range(const std::string &column,
                                       const std::optional<std::string> &first_day,
                                       const std::optional<std::string> &last_day)
{
	std::vector<std::string> out;
	if (first_day)
		out.push_back(column + " >= (" + *first_day + " - 1)::timestamp AT TIME ZONE $2::text");
	if (last_day)
		out.push_back(column + " < (" + *last_day + " + 2)::timestamp AT TIME ZONE $2::text");
	return out;
}

// Conditions on "days since": today minus the local date of column.
std::vector<std::string> days_since_filters(const std::string &column, const std::string &predicate,
                                            const DayBounds &bounds)
{
	std::vector<std::string> out{predicate};
	std::optional<std::string> first_day, last_day;
	if (bounds.high)
		first_day = "(" + std::string(today_sql) + " - " + *bounds.high + ")";
	if (bounds.low)
		last_day = "(" + std::string(today_sql) + " - " + *bounds.low + ")";
	for (auto &range : widened_range(column, first_day, last_day))
		out.push_back(std::move(range));
	return out;
}

std::string active_filter(const std::string &alias)
{
	return alias + ".status = 'active' AND (" + alias + ".expires_at IS NULL OR " + alias +
	       ".expires_at > " + as_of_sql + ")";
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

// Holders of a pass, grouped per customer and kept by a HAVING clause.
std::string holders_having(const std::string &pass_filter, StatusFilter status,
                           const std::string &having)
{
	std::vector<std::string> filters = holding_filters(pass_filter, status);
	return "EXISTS (\n\tSELECT FROM (\n\t\tSELECT a.customer_id\n\t\tFROM segments.acquisition a"
	       "\n\t\tWHERE " +
	       join(filters, "\n\t\t\tAND ") + "\n\t\tGROUP BY a.customer_id\n\t\tHAVING " + having +
	       ") t\n\tWHERE t.customer_id = c.customer_id)";
}

// The redemption counts a comparator accepts: low to high inclusive, high
// absent when unbounded, nothing when empty. Counts are never negative.
struct CountRange
{
	bool empty = false;
	int64_t low = 0;
	std::optional<int64_t> high;
};

CountRange accepted_counts(const Comparator &comparator)
{
	using Op = Comparator::Op;
	CountRange range;
	switch (comparator.op)
	{
	case Op::exactly:
		range.low = comparator.low;
		range.high = comparator.low;
		break;
	case Op::greater_than:
		if (comparator.low == std::numeric_limits<int64_t>::max())
			range.empty = true;
		else
			range.low = comparator.low + 1;
		break;
	case Op::less_than:
		if (comparator.low <= 0)
			range.empty = true;
		else
			range.high = comparator.low - 1;
		break;
	case Op::at_least:
		range.low = comparator.low;
		break;
	case Op::at_most:
		range.high = comparator.low;
		break;
	case Op::between:
		range.low = comparator.low;
		range.high = comparator.high;
		break;
	}
	if (range.low < 0)
		range.low = 0;
	if (range.high && *range.high < range.low)
		range.empty = true;
	return range;
}

// The shape of predicate a redemption count needs: the general per-holder
// total, or one of the cases that only test whether a redemption exists.
enum class CountShape
{
	total,        // any other range: count per holder
	none,         // no count matches
	holder,       // 0 or more: every holder
	redeemed,     // 1 or more: some acquisition has a redemption
	not_redeemed, // exactly 0: no acquisition has one
};

CountShape count_shape(const Comparator &comparator)
{
	CountRange range = accepted_counts(comparator);
	if (range.empty)
		return CountShape::none;
	if (!range.high && range.low == 0)
		return CountShape::holder;
	if (!range.high && range.low == 1)
		return CountShape::redeemed;
	if (range.high && *range.high == 0)
		return CountShape::not_redeemed;
	return CountShape::total;
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

} // namespace

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

LeafPredicate QueryBuilder::leaf(const NodeBody &body, bool bare)
{
	struct Visitor
	{
		QueryBuilder &builder;
		bool bare;
		LeafPredicate operator()(const Group &)
		{
			throw Error(sqlstate::internal_error, "a group is not a leaf");
		}
		LeafPredicate operator()(const ItemPurchase &v) { return {builder.item_purchase(v)}; }
		LeafPredicate operator()(const PassRedemptions &v) { return {builder.pass_redemptions(v)}; }
		LeafPredicate operator()(const PassPoints &v) { return {builder.pass_points(v)}; }
		LeafPredicate operator()(const PassExpiration &v) { return {builder.pass_expiration(v)}; }
		LeafPredicate operator()(const CustomField &v) { return builder.custom_field(v); }
		LeafPredicate operator()(const PromotionUsed &v) { return {builder.promotion_used(v)}; }
		LeafPredicate operator()(const Location &v) { return {builder.location(v, bare)}; }
		LeafPredicate operator()(const InSegment &v) { return {builder.in_segment(v)}; }
	};
	return std::visit(Visitor{*this, bare}, body);
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

std::string QueryBuilder::item_filter(const std::string &column, const std::vector<int64_t> &items)
{
	if (items.size() == 1)
		return column + " = " + bind_ref(ParamType::int8, int_text(items.front()));
	return column + " = ANY (" + bind_ref(ParamType::int8_array, int8_array_literal(items)) + ")";
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

// A count of redemptions that only tests whether one exists (0 or more, 1 or
// more, exactly 0) needs no count. "0 or more" is every holder. For the other
// two, each holding acquisition gets a flag from an EXISTS over its
// redemptions, which stops at the first one it finds in the covering index,
// and HAVING keeps the holders by bool_or of the flags. At 1M customers that
// took 1.7 s for "exactly 0" of the demo's pass against 2.1 s for the count
// per holder (holder_total), and 3.4 s for NOT EXISTS over acquisitions
// joined to redemptions, for which the planner hashed every redemption.
std::string QueryBuilder::pass_redemptions(const PassRedemptions &condition)
{
	std::string pass_filter = "a.item_id = " + bind_ref(ParamType::int8, int_text(condition.pass));
	std::vector<std::string> filters{std::string("r.redeemed_at <= ") + as_of_sql};
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

	std::vector<std::string> correlated{"r.acquisition_id = a.acquisition_id",
	                                    "r.customer_id = a.customer_id"};
	correlated.insert(correlated.end(), filters.begin(), filters.end());
	const std::string flag = "bool_or(EXISTS (\n\t\t\tSELECT FROM segments.redemption r"
	                         "\n\t\t\tWHERE " +
	                         join(correlated, "\n\t\t\t\tAND ") + "))";
	switch (count_shape(condition.count))
	{
	case CountShape::none:
		return "false";
	case CountShape::holder:
	{
		std::vector<std::string> holding{"a.customer_id = c.customer_id"};
		for (auto &filter : holding_filters(pass_filter, condition.pass_status))
			holding.push_back(std::move(filter));
		return exists("segments.acquisition a", holding);
	}
	case CountShape::redeemed:
		return holders_having(pass_filter, condition.pass_status, flag);
	case CountShape::not_redeemed:
		return holders_having(pass_filter, condition.pass_status, "NOT " + flag);
	case CountShape::total:
		break;
	}

	std::string having = compare("sum(f.total)", condition.count);
	return holder_total(pass_filter, condition.pass_status,
	                    "SELECT count(*) AS total\n\t\t\tFROM segments.redemption r\n\t\t\tWHERE " +
	                        join(correlated, "\n\t\t\t\tAND "),
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
		first_day = "(" + std::string(today_sql) + " + " + *bounds.low + ")";
	if (bounds.high)
		last_day = "(" + std::string(today_sql) + " + " + *bounds.high + ")";
	for (auto &range : widened_range("a.expires_at", first_day, last_day))
		filters.push_back(std::move(range));
	return exists("segments.acquisition a", filters);
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

LeafPredicate QueryBuilder::custom_field(const CustomField &condition)
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
		std::string literal = text_array_literal(texts);
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
	return LeafPredicate{exists("segments.custom_field_value v", filters), complement};
}

std::string QueryBuilder::promotion_used(const PromotionUsed &condition)
{
	std::vector<std::string> filters{"a.customer_id = c.customer_id",
	                                 std::string("a.acquired_at <= ") + as_of_sql};
	const std::string code = "segments.normalized_text(a.promotion_code)";
	if (condition.codes)
		filters.push_back(code + " = ANY (segments.normalized_texts(" +
		                  bind_ref(ParamType::text_array, text_array_literal(*condition.codes)) +
		                  "))");
	else
		filters.push_back(code + " IS NOT NULL");
	if (condition.items)
		filters.push_back(item_filter("a.item_id", *condition.items));
	return exists("segments.acquisition a", filters);
}

std::string QueryBuilder::location(const Location &condition, bool bare)
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
		// The box test uses the GiST index on segments.earth_point(latitude,
		// longitude) and the distance test makes it exact. Both are NULL for a
		// customer without coordinates.
		std::string latitude = bind_ref(ParamType::float8, double_text(condition.latitude));
		std::string longitude = bind_ref(ParamType::float8, double_text(condition.longitude));
		std::string radius = bind_ref(ParamType::float8, double_text(condition.radius_km));
		auto tests = [&](const std::string &alias) {
			return std::vector<std::string>{
			    "segments.earth_within_box(segments.earth_point(" + alias + ".latitude, " + alias +
			        ".longitude), segments.earth_box(" + latitude + ", " + longitude + ", " +
			        radius + "))",
			    "segments.earth_distance_km(" + alias + ".latitude, " + alias + ".longitude, " +
			        latitude + ", " + longitude + ") <= " + radius};
		};
		// A bare conjunct filters c itself, and the index finds the candidates.
		if (bare)
			return "(" + join(tests("c"), "\n\tAND ") + ")";
		// Elsewhere a self semi-join keeps the index whatever the condition is
		// nested in, and EXISTS keeps it two-valued.
		std::vector<std::string> filters{"l.customer_id = c.customer_id"};
		for (auto &test : tests("l"))
			filters.push_back(std::move(test));
		return exists("segments.customer l", filters);
	}
	}
	std::string test = "segments.normalized_text(" + std::string(column) +
	                   ") = ANY (segments.normalized_texts(" +
	                   bind_ref(ParamType::text_array, text_array_literal(condition.values)) + "))";
	if (bare)
		return "(" + test + ")";
	// IS TRUE: a customer whose column is NULL must be false here, not NULL, so
	// that a negated location condition keeps them.
	return "(" + test + " IS TRUE)";
}

std::string QueryBuilder::in_segment(const InSegment &condition)
{
	return exists("segments.segment_member m",
	              {"m.customer_id = c.customer_id",
	               "m.segment_id = " + bind_ref(ParamType::int8, int_text(condition.segment))});
}

} // namespace segments
