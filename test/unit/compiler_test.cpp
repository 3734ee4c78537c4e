// The SQL and parameters the compiler produces for each condition kind, and
// the rules that keep them correct: bound parameters only, two-valued
// predicates under negation, shared predicates between members and explain.
#include "core/compiler.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace segments;

namespace
{

using Op = Comparator::Op;

Node leaf(NodeBody body, bool negate = false, std::string path = "conditions[0]")
{
	Node node;
	node.body = std::move(body);
	node.negate = negate;
	node.path = std::move(path);
	return node;
}

Node group_node(Match match, std::vector<Node> children, bool negate = false,
                std::string path = "conditions[0]")
{
	Group group;
	group.match = match;
	group.conditions = std::move(children);
	return leaf(std::move(group), negate, std::move(path));
}

Definition definition_of(std::vector<Node> children, Match match = Match::all)
{
	Definition definition;
	definition.root = group_node(match, std::move(children), false, "");
	return definition;
}

Comparator comparator(Op op, int64_t low, int64_t high = 0)
{
	return Comparator{op, low, op == Op::between ? high : low};
}

CustomField field(FieldType type, FieldOperator op, std::vector<std::string> values,
                  FieldValue::Kind kind = FieldValue::Kind::string)
{
	CustomField condition;
	condition.field = "favorite activity";
	condition.type = type;
	condition.op = op;
	for (auto &value : values)
		condition.values.push_back(FieldValue{kind, value});
	return condition;
}

CompiledQuery compile_one(NodeBody body, bool negate = false)
{
	return compile_members_query(definition_of({leaf(std::move(body), negate)}));
}

bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

std::size_t count_of(const std::string &text, const std::string &part)
{
	std::size_t count = 0;
	for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
		++count;
	return count;
}

ItemPurchase item(std::vector<int64_t> items)
{
	ItemPurchase condition;
	condition.items = std::move(items);
	return condition;
}

} // namespace

TEST(MembersQuery, ItemPurchaseExactSql)
{
	CompiledQuery query = compile_one(item({7}));
	EXPECT_EQ(query.sql, "SELECT c.customer_id\n"
	                     "FROM segments.customer c\n"
	                     "WHERE c.created_at <= $1::timestamptz\n"
	                     "\tAND (EXISTS (\n"
	                     "\t\t\tSELECT FROM segments.acquisition a\n"
	                     "\t\t\tWHERE a.customer_id = c.customer_id\n"
	                     "\t\t\t\tAND a.item_id = $3::bigint\n"
	                     "\t\t\t\tAND a.acquired_at <= $1::timestamptz))");
	ASSERT_EQ(query.params.size(), 1u);
	EXPECT_EQ(query.params[0].type, ParamType::int8);
	EXPECT_EQ(query.params[0].value, "7");
}

TEST(MembersQuery, ItemPurchaseSeveralItemsBindsArray)
{
	CompiledQuery query = compile_one(item({3, 7, 9007199254740993}));
	EXPECT_TRUE(contains(query.sql, "a.item_id = ANY ($3::bigint[])"));
	ASSERT_EQ(query.params.size(), 1u);
	EXPECT_EQ(query.params[0].type, ParamType::int8_array);
	EXPECT_EQ(query.params[0].value, "{3,7,9007199254740993}");
}

TEST(MembersQuery, ItemPurchaseActiveStatus)
{
	ItemPurchase condition = item({7});
	condition.status = StatusFilter::active;
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "a.status = 'active' AND (a.expires_at IS NULL OR "
	                                "a.expires_at > $1::timestamptz)"));
}

TEST(MembersQuery, DaysSinceLessThanUsesLocalDatesAndRange)
{
	ItemPurchase condition = item({7});
	condition.days_since_purchase = comparator(Op::less_than, 30);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "(($1::timestamptz AT TIME ZONE $2::text)::date - "
	                                "(a.acquired_at AT TIME ZONE $2::text)::date) < $4::bigint"));
	// Bought at most 29 days ago: the range starts at local midnight of the day
	// before today - 29, a bound the planner folds to a constant.
	EXPECT_TRUE(contains(query.sql, "a.acquired_at >= ((($1::timestamptz AT TIME ZONE "
	                                "$2::text)::date - ($4::bigint::integer - 1)) - 1)::timestamp "
	                                "AT TIME ZONE $2::text"));
	EXPECT_FALSE(contains(query.sql, "interval"));
	EXPECT_FALSE(contains(query.sql, "a.acquired_at < ("));
	ASSERT_EQ(query.params.size(), 2u);
	EXPECT_EQ(query.params[1].type, ParamType::int8);
	EXPECT_EQ(query.params[1].value, "30");
}

TEST(MembersQuery, DaysSinceEachOperator)
{
	struct Case
	{
		Comparator comparator;
		const char *exact;
		bool has_lower_range; // a range on the earliest purchase
		bool has_upper_range; // a range on the latest purchase
	};
	const std::vector<Case> cases{
	    {comparator(Op::exactly, 30), "::date) = $4::bigint", true, true},
	    {comparator(Op::greater_than, 30), "::date) > $4::bigint", false, true},
	    {comparator(Op::less_than, 30), "::date) < $4::bigint", true, false},
	    {comparator(Op::at_least, 30), "::date) >= $4::bigint", false, true},
	    {comparator(Op::at_most, 30), "::date) <= $4::bigint", true, false},
	    {comparator(Op::between, 7, 30), "::date) BETWEEN $4::bigint AND $5::bigint", true, true},
	};
	for (const auto &c : cases)
	{
		ItemPurchase condition = item({7});
		condition.days_since_purchase = c.comparator;
		CompiledQuery query = compile_one(condition);
		EXPECT_TRUE(contains(query.sql, c.exact)) << c.exact;
		EXPECT_EQ(contains(query.sql, "a.acquired_at >= ("), c.has_lower_range) << c.exact;
		EXPECT_EQ(contains(query.sql, "a.acquired_at < ("), c.has_upper_range) << c.exact;
	}
}

TEST(MembersQuery, DaysSinceHugeCountHasNoRange)
{
	ItemPurchase condition = item({7});
	condition.days_since_purchase = comparator(Op::at_most, 5000000000);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "::date) <= $4::bigint"));
	EXPECT_FALSE(contains(query.sql, "::integer"));
	EXPECT_EQ(query.params[1].value, "5000000000");
}

TEST(MembersQuery, PurchasedBetweenInclusiveLocalDates)
{
	ItemPurchase condition = item({7});
	condition.purchased_between = std::make_pair("2024-05-01", "2024-05-16");
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "(a.acquired_at AT TIME ZONE $2::text)::date BETWEEN "
	                                "$4::date AND $5::date"));
	EXPECT_TRUE(contains(query.sql,
	                     "a.acquired_at >= ($4::date - 1)::timestamp AT TIME ZONE $2::text"));
	EXPECT_TRUE(contains(query.sql,
	                     "a.acquired_at < ($5::date + 2)::timestamp AT TIME ZONE $2::text"));
	ASSERT_EQ(query.params.size(), 3u);
	EXPECT_EQ(query.params[1].type, ParamType::date);
	EXPECT_EQ(query.params[1].value, "2024-05-01");
	EXPECT_EQ(query.params[2].value, "2024-05-16");
}

TEST(MembersQuery, PassRedemptionsGroupsPerHolder)
{
	PassRedemptions condition;
	condition.pass = 12;
	condition.count = comparator(Op::greater_than, 5);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "FROM segments.acquisition a"));
	EXPECT_TRUE(contains(query.sql, "CROSS JOIN LATERAL (\n\t\t\t\t\tSELECT count(*) AS total\n"
	                                "\t\t\t\t\tFROM segments.redemption r"));
	EXPECT_TRUE(contains(query.sql, "r.acquisition_id = a.acquisition_id"));
	EXPECT_TRUE(contains(query.sql, "r.customer_id = a.customer_id"));
	EXPECT_TRUE(contains(query.sql, "r.redeemed_at <= $1::timestamptz"));
	EXPECT_TRUE(contains(query.sql, "a.item_id = $3::bigint"));
	EXPECT_TRUE(contains(query.sql, "a.acquired_at <= $1::timestamptz"));
	EXPECT_TRUE(contains(query.sql, "GROUP BY a.customer_id"));
	EXPECT_TRUE(contains(query.sql, "HAVING sum(f.total) > $4::bigint"));
	EXPECT_TRUE(contains(query.sql, "WHERE t.customer_id = c.customer_id"));
	EXPECT_FALSE(contains(query.sql, "r.kind"));
	EXPECT_FALSE(contains(query.sql, "a.status"));
	ASSERT_EQ(query.params.size(), 2u);
	EXPECT_EQ(query.params[0].value, "12");
	EXPECT_EQ(query.params[1].value, "5");
}

TEST(MembersQuery, PassRedemptionsKindStatusAndWithinDays)
{
	PassRedemptions condition;
	condition.pass = 12;
	condition.pass_status = StatusFilter::active;
	condition.kind = RedemptionKind::voucher;
	condition.within_days = 7;
	condition.count = comparator(Op::between, 2, 4);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "r.kind = 'voucher'"));
	EXPECT_TRUE(contains(query.sql, "a.status = 'active'"));
	// Fewer than 7 days ago: today and the six days before.
	EXPECT_TRUE(contains(query.sql, "(($1::timestamptz AT TIME ZONE $2::text)::date - "
	                                "(r.redeemed_at AT TIME ZONE $2::text)::date) < $4::bigint"));
	EXPECT_TRUE(contains(query.sql, "r.redeemed_at >= ((($1::timestamptz AT TIME ZONE "
	                                "$2::text)::date - ($4::bigint::integer - 1)) - 1)::timestamp"));
	EXPECT_TRUE(contains(query.sql, "HAVING sum(f.total) BETWEEN $5::bigint AND $6::bigint"));
	ASSERT_EQ(query.params.size(), 4u);
	EXPECT_EQ(query.params[1].value, "7");
	EXPECT_EQ(query.params[2].value, "2");
	EXPECT_EQ(query.params[3].value, "4");

	condition.kind = RedemptionKind::check_in;
	EXPECT_TRUE(contains(compile_one(condition).sql, "r.kind = 'check_in'"));
}

TEST(MembersQuery, PassRedemptionsExistenceShapes)
{
	// Counts that only ask whether a redemption exists need no count per
	// holder and no parameter for the count.
	enum Shape
	{
		total,
		none,
		holder,
		redeemed,
		not_redeemed
	};
	struct Case
	{
		Comparator count;
		Shape shape;
	};
	const std::vector<Case> cases{
	    {comparator(Op::at_least, 0), holder},
	    {comparator(Op::at_most, 9223372036854775807), total},
	    {comparator(Op::at_least, 1), redeemed},
	    {comparator(Op::greater_than, 0), redeemed},
	    {comparator(Op::exactly, 0), not_redeemed},
	    {comparator(Op::at_most, 0), not_redeemed},
	    {comparator(Op::less_than, 1), not_redeemed},
	    {comparator(Op::between, 0, 0), not_redeemed},
	    {comparator(Op::less_than, 0), none},
	    {comparator(Op::greater_than, 9223372036854775807), none},
	    {comparator(Op::exactly, 1), total},
	    {comparator(Op::at_least, 2), total},
	    {comparator(Op::between, 0, 1), total},
	    {comparator(Op::less_than, 5), total},
	};
	for (const auto &c : cases)
	{
		PassRedemptions condition;
		condition.pass = 12;
		condition.count = c.count;
		CompiledQuery query = compile_one(condition);
		const std::string label = "case " + std::to_string(&c - cases.data());
		EXPECT_EQ(contains(query.sql, "count(*)"), c.shape == total) << label;
		// The pass, and the count's operands in the general form.
		std::size_t operands = c.count.op == Op::between ? 2 : 1;
		EXPECT_EQ(query.params.size(), c.shape == total ? 1 + operands : 1) << label;
		switch (c.shape)
		{
		case none:
			EXPECT_TRUE(contains(query.sql, "AND (false)")) << label;
			break;
		case holder:
			EXPECT_EQ(count_of(query.sql, "EXISTS ("), 1u) << label;
			EXPECT_FALSE(contains(query.sql, "segments.redemption")) << label;
			break;
		case redeemed:
			EXPECT_TRUE(contains(query.sql, "HAVING bool_or(EXISTS (\n")) << label;
			EXPECT_FALSE(contains(query.sql, "NOT")) << label;
			break;
		case not_redeemed:
			EXPECT_TRUE(contains(query.sql, "HAVING NOT bool_or(EXISTS (\n")) << label;
			break;
		case total:
			EXPECT_TRUE(contains(query.sql, "HAVING sum(f.total)")) << label;
			break;
		}
	}
}

TEST(MembersQuery, PassRedemptionsExistenceKeepsFilters)
{
	PassRedemptions condition;
	condition.pass = 12;
	condition.pass_status = StatusFilter::active;
	condition.kind = RedemptionKind::check_in;
	condition.within_days = 90;
	condition.count = comparator(Op::exactly, 0);
	CompiledQuery query = compile_one(condition);
	// Holders of an active acquisition of the pass...
	EXPECT_TRUE(contains(query.sql, "\t\t\t\tFROM segments.acquisition a\n"
	                                "\t\t\t\tWHERE a.item_id = $3::bigint\n"
	                                "\t\t\t\t\tAND a.acquired_at <= $1::timestamptz\n"
	                                "\t\t\t\t\tAND a.status = 'active' AND (a.expires_at IS "
	                                "NULL OR a.expires_at > $1::timestamptz)\n"
	                                "\t\t\t\tGROUP BY a.customer_id\n"
	                                "\t\t\t\tHAVING NOT bool_or(EXISTS (\n"));
	// ... none of which has a check-in in the last 90 local days.
	EXPECT_TRUE(contains(query.sql, "\t\t\t\t\tWHERE r.acquisition_id = a.acquisition_id\n"
	                                "\t\t\t\t\t\tAND r.customer_id = a.customer_id\n"
	                                "\t\t\t\t\t\tAND r.redeemed_at <= $1::timestamptz\n"
	                                "\t\t\t\t\t\tAND r.kind = 'check_in'\n"
	                                "\t\t\t\t\t\tAND (($1::timestamptz AT TIME ZONE $2::text)"
	                                "::date - (r.redeemed_at AT TIME ZONE $2::text)::date) < "
	                                "$4::bigint\n"));
	EXPECT_TRUE(contains(query.sql, ") t\n\t\t\tWHERE t.customer_id = c.customer_id))"));
	ASSERT_EQ(query.params.size(), 2u);
	EXPECT_EQ(query.params[0].value, "12");
	EXPECT_EQ(query.params[1].value, "90");
}

TEST(MembersQuery, PassPointsSumsWithZeroForNoEvents)
{
	PassPoints condition;
	condition.pass = 12;
	condition.points = comparator(Op::between, -50, 10);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "SELECT coalesce(sum(p.points), 0) AS total"));
	EXPECT_TRUE(contains(query.sql, "FROM segments.point_event p"));
	EXPECT_TRUE(contains(query.sql, "p.acquisition_id = a.acquisition_id"));
	EXPECT_TRUE(contains(query.sql, "p.earned_at <= $1::timestamptz"));
	EXPECT_TRUE(contains(query.sql, "HAVING sum(f.total) BETWEEN $4::bigint AND $5::bigint"));
	ASSERT_EQ(query.params.size(), 3u);
	EXPECT_EQ(query.params[1].value, "-50");
	EXPECT_EQ(query.params[2].value, "10");
}

TEST(MembersQuery, PassExpirationCountsDaysUntilLocalExpiry)
{
	PassExpiration condition;
	condition.pass = 12;
	condition.days_until_expiration = comparator(Op::exactly, 30);
	CompiledQuery query = compile_one(condition);
	EXPECT_TRUE(contains(query.sql, "a.status = 'active' AND a.expires_at > $1::timestamptz"));
	EXPECT_TRUE(contains(query.sql, "((a.expires_at AT TIME ZONE $2::text)::date - "
	                                "($1::timestamptz AT TIME ZONE $2::text)::date) = $4::bigint"));
	EXPECT_TRUE(contains(query.sql, "a.expires_at >= ((($1::timestamptz AT TIME ZONE "
	                                "$2::text)::date + ($4::bigint::integer)) - 1)::timestamp AT "
	                                "TIME ZONE $2::text"));
	EXPECT_TRUE(contains(query.sql, "a.expires_at < ((($1::timestamptz AT TIME ZONE "
	                                "$2::text)::date + ($4::bigint::integer)) + 2)::timestamp AT "
	                                "TIME ZONE $2::text"));
}

TEST(MembersQuery, CustomFieldTextOperators)
{
	struct Case
	{
		FieldOperator op;
		const char *test;
		bool complement;
	};
	const std::vector<Case> cases{
	    {FieldOperator::equals,
	     "segments.normalized_text(v.value) = segments.normalized_text($4::text)", false},
	    {FieldOperator::not_equals,
	     "segments.normalized_text(v.value) = segments.normalized_text($4::text)", true},
	    {FieldOperator::contains,
	     "strpos(segments.normalized_text(v.value), segments.normalized_text($4::text)) > 0",
	     false},
	    {FieldOperator::not_contains,
	     "strpos(segments.normalized_text(v.value), segments.normalized_text($4::text)) > 0", true},
	    {FieldOperator::starts_with,
	     "starts_with(segments.normalized_text(v.value), segments.normalized_text($4::text))",
	     false},
	    {FieldOperator::ends_with,
	     "right(segments.normalized_text(v.value), length(segments.normalized_text($4::text))) "
	     "= segments.normalized_text($4::text)",
	     false},
	};
	for (const auto &c : cases)
	{
		CompiledQuery query = compile_one(field(FieldType::text, c.op, {"Hi%_\\"}));
		EXPECT_TRUE(contains(query.sql, c.test)) << c.test;
		EXPECT_EQ(contains(query.sql, "NOT EXISTS"), c.complement) << c.test;
		EXPECT_TRUE(contains(query.sql, "v.field_id = (SELECT f.field_id FROM "
		                                "segments.custom_field f WHERE f.name = $3::text)"));
		EXPECT_FALSE(contains(query.sql, "LIKE"));
		ASSERT_EQ(query.params.size(), 2u);
		EXPECT_EQ(query.params[0].value, "favorite activity");
		EXPECT_EQ(query.params[1].value, "Hi%_\\");
	}
}

TEST(MembersQuery, CustomFieldInAndNotIn)
{
	CompiledQuery in = compile_one(field(FieldType::text, FieldOperator::in, {"a", "B"}));
	EXPECT_TRUE(contains(in.sql, "segments.normalized_text(v.value) = ANY "
	                             "(segments.normalized_texts($4::text[]))"));
	EXPECT_FALSE(contains(in.sql, "NOT EXISTS"));
	EXPECT_EQ(in.params[1].type, ParamType::text_array);
	EXPECT_EQ(in.params[1].value, "{\"a\",\"B\"}");

	CompiledQuery not_in = compile_one(field(FieldType::text, FieldOperator::not_in, {"a"}));
	EXPECT_TRUE(contains(not_in.sql, "NOT EXISTS"));
	EXPECT_FALSE(contains(not_in.sql, "NOT IN"));

	CompiledQuery numbers = compile_one(
	    field(FieldType::number, FieldOperator::in, {"1", "2.5"}, FieldValue::Kind::number));
	EXPECT_TRUE(contains(numbers.sql, "segments.field_number(v.value) = ANY ($4::numeric[])"));
	EXPECT_EQ(numbers.params[1].type, ParamType::numeric_array);
	EXPECT_EQ(numbers.params[1].value, "{\"1\",\"2.5\"}");

	CompiledQuery dates =
	    compile_one(field(FieldType::date, FieldOperator::not_in, {"2024-01-31"}));
	EXPECT_TRUE(contains(dates.sql, "NOT EXISTS"));
	EXPECT_TRUE(contains(dates.sql, "segments.field_date(v.value) = ANY ($4::date[])"));
}

TEST(MembersQuery, CustomFieldIsSetPerType)
{
	struct Case
	{
		FieldType type;
		const char *reader;
	};
	for (const auto &c : std::vector<Case>{{FieldType::text, "segments.normalized_text(v.value)"},
	                                       {FieldType::number, "segments.field_number(v.value)"},
	                                       {FieldType::date, "segments.field_date(v.value)"},
	                                       {FieldType::boolean, "segments.field_boolean(v.value)"}})
	{
		CompiledQuery set = compile_one(field(c.type, FieldOperator::is_set, {}));
		EXPECT_TRUE(contains(set.sql, std::string(c.reader) + " IS NOT NULL")) << c.reader;
		EXPECT_FALSE(contains(set.sql, "NOT EXISTS")) << c.reader;
		CompiledQuery not_set = compile_one(field(c.type, FieldOperator::is_not_set, {}));
		EXPECT_TRUE(contains(not_set.sql, "NOT EXISTS")) << c.reader;
		EXPECT_EQ(set.params.size(), 1u);
	}
}

TEST(MembersQuery, CustomFieldNumberComparesNumerically)
{
	struct Case
	{
		FieldOperator op;
		const char *test;
	};
	for (const auto &c : std::vector<Case>{
	         {FieldOperator::equals, "segments.field_number(v.value) = $4::numeric"},
	         {FieldOperator::greater_than, "segments.field_number(v.value) > $4::numeric"},
	         {FieldOperator::less_than, "segments.field_number(v.value) < $4::numeric"},
	         {FieldOperator::at_least, "segments.field_number(v.value) >= $4::numeric"},
	         {FieldOperator::at_most, "segments.field_number(v.value) <= $4::numeric"}})
	{
		CompiledQuery query =
		    compile_one(field(FieldType::number, c.op, {"1.50"}, FieldValue::Kind::number));
		EXPECT_TRUE(contains(query.sql, c.test)) << c.test;
		EXPECT_EQ(query.params[1].type, ParamType::numeric);
		EXPECT_EQ(query.params[1].value, "1.50");
	}
	CompiledQuery between = compile_one(
	    field(FieldType::number, FieldOperator::between, {"-1", "2e3"}, FieldValue::Kind::number));
	EXPECT_TRUE(contains(between.sql,
	                     "segments.field_number(v.value) BETWEEN $4::numeric AND $5::numeric"));
}

TEST(MembersQuery, CustomFieldDateAndBoolean)
{
	CompiledQuery dates =
	    compile_one(field(FieldType::date, FieldOperator::between, {"1990-01-01", "1999-12-31"}));
	EXPECT_TRUE(contains(dates.sql, "segments.field_date(v.value) BETWEEN $4::date AND $5::date"));
	EXPECT_EQ(dates.params[1].type, ParamType::date);

	CompiledQuery flag = compile_one(
	    field(FieldType::boolean, FieldOperator::not_equals, {"true"}, FieldValue::Kind::boolean));
	EXPECT_TRUE(contains(flag.sql, "segments.field_boolean(v.value) = $4::boolean"));
	EXPECT_TRUE(contains(flag.sql, "NOT EXISTS"));
	EXPECT_EQ(flag.params[1].type, ParamType::boolean);
	EXPECT_EQ(flag.params[1].value, "true");
}

TEST(MembersQuery, CustomFieldWithoutTypeIsAnInternalError)
{
	CustomField condition = field(FieldType::text, FieldOperator::equals, {"x"});
	condition.type.reset();
	try
	{
		compile_one(condition);
		FAIL() << "expected an error";
	}
	catch (const Error &error)
	{
		EXPECT_EQ(error.sqlstate(), sqlstate::internal_error);
	}
}

TEST(MembersQuery, PromotionUsedWithAndWithoutCodes)
{
	PromotionUsed any_code;
	CompiledQuery any = compile_one(any_code);
	EXPECT_TRUE(contains(any.sql, "segments.normalized_text(a.promotion_code) IS NOT NULL"));
	EXPECT_TRUE(contains(any.sql, "a.acquired_at <= $1::timestamptz"));
	EXPECT_TRUE(any.params.empty());

	PromotionUsed some;
	some.codes = std::vector<std::string>{" Summer24 ", "VIP"};
	some.items = std::vector<int64_t>{4, 5};
	CompiledQuery query = compile_one(some);
	EXPECT_TRUE(contains(query.sql, "segments.normalized_text(a.promotion_code) = ANY "
	                                "(segments.normalized_texts($3::text[]))"));
	EXPECT_TRUE(contains(query.sql, "a.item_id = ANY ($4::bigint[])"));
	EXPECT_EQ(query.params[0].value, "{\" Summer24 \",\"VIP\"}");
	EXPECT_EQ(query.params[1].value, "{4,5}");
}

TEST(MembersQuery, LocationListIsTwoValued)
{
	Location condition;
	condition.by = Location::By::postal_code;
	condition.values = {"80202", "NULL"};
	CompiledQuery query = compile_one(condition, true);
	EXPECT_TRUE(contains(query.sql, "NOT (segments.normalized_text(c.postal_code) = ANY "
	                                "(segments.normalized_texts($3::text[])) IS TRUE)"));
	// As a conjunct that is not negated, a NULL column rejects the row anyway.
	CompiledQuery conjunct = compile_one(condition);
	EXPECT_TRUE(contains(conjunct.sql, "AND ((segments.normalized_text(c.postal_code) = ANY "
	                               "(segments.normalized_texts($3::text[]))))"));
	EXPECT_FALSE(contains(conjunct.sql, "IS TRUE"));
	// The word NULL is quoted, so it is a postal code and not a null element.
	EXPECT_EQ(query.params[0].value, "{\"80202\",\"NULL\"}");

	for (auto [by, column] :
	     std::vector<std::pair<Location::By, const char *>>{{Location::By::country, "c.country"},
	                                                        {Location::By::region, "c.region"},
	                                                        {Location::By::city, "c.city"}})
	{
		condition.by = by;
		EXPECT_TRUE(contains(compile_one(condition).sql,
		                     std::string("segments.normalized_text(") + column + ")"));
	}
}

Location within(double latitude, double longitude, double radius_km)
{
	Location condition;
	condition.by = Location::By::within;
	condition.latitude = latitude;
	condition.longitude = longitude;
	condition.radius_km = radius_km;
	return condition;
}

TEST(MembersQuery, LocationWithinConjunctFiltersCustomer)
{
	CompiledQuery query = compile_one(within(-17.8, 179.99, 0.1));
	EXPECT_TRUE(contains(query.sql, "AND ((segments.earth_within_box(segments.earth_point("
	                                "c.latitude, c.longitude), segments.earth_box($3::double "
	                                "precision, $4::double precision, $5::double precision))\n"));
	EXPECT_TRUE(contains(query.sql, "AND segments.earth_distance_km(c.latitude, c.longitude, "
	                                "$3::double precision, $4::double precision) <= $5::double "
	                                "precision)"));
	EXPECT_FALSE(contains(query.sql, "EXISTS"));
	EXPECT_FALSE(contains(query.sql, "IS TRUE"));
	ASSERT_EQ(query.params.size(), 3u);
}

TEST(MembersQuery, LocationWithinNestedUsesSelfJoin)
{
	// Under NOT the bare test would be NULL for a customer without
	// coordinates, so the condition keeps its two-valued EXISTS.
	CompiledQuery query = compile_one(within(-17.8, 179.99, 0.1), true);
	EXPECT_TRUE(contains(query.sql, "AND (NOT EXISTS (\n"));
	EXPECT_TRUE(contains(query.sql, "FROM segments.customer l"));
	EXPECT_TRUE(contains(query.sql, "l.customer_id = c.customer_id"));
	EXPECT_TRUE(contains(query.sql, "segments.earth_within_box(segments.earth_point(l.latitude, "
	                                "l.longitude), segments.earth_box($3::double precision, "
	                                "$4::double precision, $5::double precision))"));
	EXPECT_TRUE(contains(query.sql, "segments.earth_distance_km(l.latitude, l.longitude, "
	                                "$3::double precision, $4::double precision) <= $5::double "
	                                "precision"));
	ASSERT_EQ(query.params.size(), 3u);
	EXPECT_EQ(query.params[0].type, ParamType::float8);
	EXPECT_EQ(query.params[0].value, "-17.8");
	EXPECT_EQ(query.params[1].value, "179.99");
	EXPECT_EQ(query.params[2].value, "0.1");
}

TEST(MembersQuery, InSegmentReadsStoredMembers)
{
	CompiledQuery query = compile_one(InSegment{42});
	EXPECT_TRUE(contains(query.sql, "FROM segments.segment_member m"));
	EXPECT_TRUE(contains(query.sql, "m.segment_id = $3::bigint"));
	EXPECT_TRUE(contains(query.sql, "m.customer_id = c.customer_id"));
	EXPECT_EQ(query.params[0].value, "42");
}

TEST(MembersQuery, NegatedConditionIsNotExists)
{
	CompiledQuery query = compile_one(item({7}), true);
	EXPECT_TRUE(contains(query.sql, "AND (NOT EXISTS ("));
	EXPECT_FALSE(contains(query.sql, "NOT IN"));
}

TEST(MembersQuery, GroupsNestWithAndOrNot)
{
	Definition definition =
	    definition_of({leaf(item({1}), false, "conditions[0]"),
	                   group_node(Match::any,
	                              {leaf(item({2}), false, "conditions[1].conditions[0]"),
	                               leaf(InSegment{5}, true, "conditions[1].conditions[1]")},
	                              true, "conditions[1]")});
	CompiledQuery query = compile_members_query(definition);
	EXPECT_EQ(count_of(query.sql, "EXISTS ("), 3u);
	// NOT (item 2 OR NOT in segment 5) is a conjunct, so it becomes NOT item 2
	// AND in segment 5: an anti-join and a semi-join.
	EXPECT_TRUE(contains(query.sql, "\t\tAND (NOT EXISTS ("));
	EXPECT_TRUE(contains(query.sql, "\t\t\tAND EXISTS (\n\t\t\t\tSELECT FROM "
	                                "segments.segment_member m"));
	EXPECT_FALSE(contains(query.sql, "OR"));
	// Parameters are numbered in the order of the tree.
	ASSERT_EQ(query.params.size(), 3u);
	EXPECT_EQ(query.params[0].value, "1");
	EXPECT_EQ(query.params[1].value, "2");
	EXPECT_EQ(query.params[2].value, "5");
	EXPECT_TRUE(contains(query.sql, "a.item_id = $3::bigint"));
	EXPECT_TRUE(contains(query.sql, "a.item_id = $4::bigint"));
	EXPECT_TRUE(contains(query.sql, "m.segment_id = $5::bigint"));
}

TEST(MembersQuery, NegatedAllConjunctStaysOneNot)
{
	// NOT (A AND B) is NOT A OR NOT B, which gains no join, so it stays as it is.
	Definition definition = definition_of(
	    {group_node(Match::all, {leaf(item({1})), leaf(item({2}))}, true, "conditions[0]")});
	CompiledQuery query = compile_members_query(definition);
	EXPECT_TRUE(contains(query.sql, "\tAND (NOT (EXISTS ("));
	EXPECT_TRUE(contains(query.sql, ")\n\t\t\tAND EXISTS ("));
	EXPECT_FALSE(contains(query.sql, "NOT EXISTS"));
}

TEST(MembersQuery, DoubleNegationCancels)
{
	// NOT (any of: NOT within, item 3) as a conjunct: within AND NOT item 3, and
	// the within test filters c directly.
	Definition definition = definition_of({group_node(
	    Match::any,
	    {leaf(within(48.85, 2.35, 10), true, "conditions[0].conditions[0]"),
	     leaf(item({3}), false, "conditions[0].conditions[1]")},
	    true, "conditions[0]")});
	CompiledQuery query = compile_members_query(definition);
	EXPECT_TRUE(contains(query.sql, "segments.earth_point(c.latitude, c.longitude)"));
	EXPECT_FALSE(contains(query.sql, "segments.customer l"));
	EXPECT_TRUE(contains(query.sql, "\t\tAND NOT EXISTS (\n\t\t\t\tSELECT FROM "
	                                "segments.acquisition a"));
	EXPECT_EQ(count_of(query.sql, "NOT"), 1u);
}

TEST(MembersQuery, SingleConditionGroupIsItsCondition)
{
	// "any" of one condition at the root is that condition, so it is a conjunct.
	CompiledQuery query =
	    compile_members_query(definition_of({leaf(within(48.85, 2.35, 10))}, Match::any));
	EXPECT_TRUE(contains(query.sql, "segments.earth_point(c.latitude, c.longitude)"));
	// A negated group of one negates its condition.
	Definition negated = definition_of({group_node(
	    Match::any, {leaf(item({3}), false, "conditions[0].conditions[0]")}, true,
	    "conditions[0]")});
	EXPECT_TRUE(contains(compile_members_query(negated).sql, "AND ((NOT EXISTS (\n"));
}

TEST(MembersQuery, AnyGroupChildrenStayTwoValued)
{
	Location region;
	region.by = Location::By::region;
	region.values = {"NC"};
	CompiledQuery query = compile_members_query(
	    definition_of({leaf(within(48.85, 2.35, 10)), leaf(region)}, Match::any));
	EXPECT_TRUE(contains(query.sql, "FROM segments.customer l"));
	EXPECT_TRUE(contains(query.sql, "IS TRUE)"));
	EXPECT_TRUE(contains(query.sql, "\n\t\tOR (segments.normalized_text(c.region)"));
}

TEST(MembersQuery, RootAnyJoinsWithOr)
{
	CompiledQuery query =
	    compile_members_query(definition_of({leaf(item({1})), leaf(InSegment{2})}, Match::any));
	EXPECT_TRUE(contains(query.sql, ")\n\t\tOR EXISTS ("));
	EXPECT_FALSE(contains(query.sql, "\nAND EXISTS"));
}

TEST(MembersQuery, AnyGroupMergesLeavesOnOneTable)
{
	ItemPurchase active = item({2});
	active.status = StatusFilter::active;
	Definition definition = definition_of(
	    {leaf(item({1})), leaf(InSegment{5}), leaf(active), leaf(item({3}), true)}, Match::any);
	CompiledQuery query = compile_members_query(definition);
	// Items 1 and 2 share one EXISTS; the negated leaf stays apart.
	EXPECT_EQ(count_of(query.sql, "EXISTS ("), 3u);
	EXPECT_EQ(count_of(query.sql, "FROM segments.acquisition a"), 2u);
	EXPECT_TRUE(contains(query.sql, "WHERE a.customer_id = c.customer_id\n"
	                                "\t\t\t\tAND ((a.item_id = $3::bigint\n"
	                                "\t\t\t\tAND a.acquired_at <= $1::timestamptz)\n"
	                                "\t\t\t\tOR (a.item_id = $5::bigint\n"));
	EXPECT_TRUE(contains(query.sql, "OR NOT EXISTS ("));
	EXPECT_TRUE(contains(query.sql, "m.segment_id = $4::bigint"));
	EXPECT_TRUE(contains(query.sql, "a.item_id = $6::bigint"));
	ASSERT_EQ(query.params.size(), 4u);

	// The explain columns of the merged leaves are their own EXISTS, with the
	// same parameters as in the merged one.
	CompiledExplain explain = compile_explain_query(definition);
	EXPECT_TRUE(contains(explain.sql, "WHERE a.customer_id = c.customer_id\n"
	                                  "\t\t\tAND a.item_id = $4::bigint\n"
	                                  "\t\t\tAND a.acquired_at <= $1::timestamptz)) AS node_1"));
}

TEST(MembersQuery, AllGroupKeepsLeavesApart)
{
	CompiledQuery query =
	    compile_members_query(definition_of({leaf(item({1})), leaf(item({2}))}, Match::all));
	EXPECT_EQ(count_of(query.sql, "EXISTS ("), 2u);
	EXPECT_TRUE(contains(query.sql, ")\n\t\tAND EXISTS ("));
}

TEST(MembersQuery, RejectsEmptyGroupAndNegatedRoot)
{
	Definition empty = definition_of({});
	EXPECT_THROW(compile_members_query(empty), Error);
	Definition negated = definition_of({leaf(item({1}))});
	negated.root.negate = true;
	EXPECT_THROW(compile_members_query(negated), Error);
}

TEST(MembersQuery, HostileStringsStayInParameters)
{
	const std::string hostile = "x'); DROP TABLE segments.customer; --\"\\{,}NULL ü\t";
	CompiledQuery query =
	    compile_one(field(FieldType::text, FieldOperator::in, {hostile, "", "plain"}));
	EXPECT_FALSE(contains(query.sql, "DROP TABLE"));
	EXPECT_FALSE(contains(query.sql, "ü"));
	// Every element quoted; '"' and '\' escaped by a backslash, nothing else changed.
	EXPECT_EQ(query.params[1].value,
	          "{\"x'); DROP TABLE segments.customer; --\\\"\\\\{,}NULL ü\t\",\"\",\"plain\"}");
	CustomField named = field(FieldType::text, FieldOperator::equals, {"v"});
	named.field = hostile;
	CompiledQuery by_name = compile_one(named);
	EXPECT_FALSE(contains(by_name.sql, "DROP TABLE"));
	EXPECT_EQ(by_name.params[0].value, hostile);
}

TEST(ExplainQuery, OneColumnPerNodeInPreOrder)
{
	Definition definition =
	    definition_of({leaf(item({1}), false, "conditions[0]"),
	                   group_node(Match::any,
	                              {leaf(item({2}), false, "conditions[1].conditions[0]"),
	                               leaf(InSegment{5}, true, "conditions[1].conditions[1]")},
	                              true, "conditions[1]")});
	CompiledExplain explain = compile_explain_query(definition);
	ASSERT_EQ(explain.nodes.size(), 5u);
	EXPECT_EQ(explain.nodes[0].path, "");
	EXPECT_EQ(explain.nodes[1].path, "conditions[0]");
	EXPECT_EQ(explain.nodes[2].path, "conditions[1]");
	EXPECT_EQ(explain.nodes[3].path, "conditions[1].conditions[0]");
	EXPECT_EQ(explain.nodes[4].path, "conditions[1].conditions[1]");
	for (int i = 0; i < 5; ++i)
		EXPECT_TRUE(contains(explain.sql, ") AS node_" + std::to_string(i))) << i;
	EXPECT_TRUE(contains(explain.sql, "WHERE c.customer_id = $3::bigint"));
	// Definition values start at $4.
	ASSERT_EQ(explain.params.size(), 3u);
	EXPECT_TRUE(contains(explain.sql, "a.item_id = $4::bigint"));
	EXPECT_TRUE(contains(explain.sql, "m.segment_id = $6::bigint"));
	EXPECT_FALSE(contains(explain.sql, "$7"));
}

TEST(ExplainQuery, ColumnsRepeatTheMembersPredicates)
{
	Definition definition = definition_of({leaf(item({1})), leaf(InSegment{5}, true)});
	CompiledQuery members = compile_members_query(definition);
	CompiledExplain explain = compile_explain_query(definition);
	// Shifting the members query's parameters by one gives the explain text of
	// the root predicate.
	std::string shifted = members.sql;
	for (int n = 4; n >= 3; --n)
	{
		std::string from = "$" + std::to_string(n) + "::";
		std::string to = "$" + std::to_string(n + 1) + "::";
		for (auto at = shifted.find(from); at != std::string::npos; at = shifted.find(from, at))
		{
			shifted.replace(at, from.size(), to);
			at += to.size();
		}
	}
	std::string root = shifted.substr(shifted.find("WHERE ") + 6);
	EXPECT_TRUE(contains(explain.sql, "SELECT (" + root + ") AS node_0")) << explain.sql;
}

TEST(ExplainQuery, KeepsTwoValuedForms)
{
	// The explain columns never use the rewrites of the members query: a bare
	// within test would be NULL, not false, for a customer without coordinates.
	Location region;
	region.by = Location::By::region;
	region.values = {"NC"};
	Definition definition =
	    definition_of({leaf(within(48.85, 2.35, 10)),
	                   group_node(Match::any, {leaf(item({1}), false, "conditions[1].conditions[0]"),
	                                           leaf(region, false, "conditions[1].conditions[1]")},
	                              true, "conditions[1]")});
	CompiledExplain explain = compile_explain_query(definition);
	EXPECT_TRUE(contains(explain.sql, "FROM segments.customer l"));
	EXPECT_FALSE(contains(explain.sql, "c.latitude"));
	EXPECT_TRUE(contains(explain.sql, "AND NOT (EXISTS ("));
	EXPECT_TRUE(contains(explain.sql, "IS TRUE))) AS node_2"));
	CompiledQuery members = compile_members_query(definition);
	EXPECT_TRUE(contains(members.sql, "c.latitude"));
	EXPECT_TRUE(contains(members.sql, "AND NOT (segments.normalized_text(c.region)"));
}

TEST(DescribeQuery, ListsParametersAsLiterals)
{
	CompiledQuery query;
	query.sql = "SELECT 1";
	query.params = {{ParamType::int8_array, "{1,2}"},
	                {ParamType::text, "it's"},
	                {ParamType::text, "two\nlines \\ here"}};
	EXPECT_EQ(describe_query(query), "SELECT 1\n"
	                                 "-- $3 = '{1,2}'::bigint[]\n"
	                                 "-- $4 = 'it''s'::text\n"
	                                 "-- $5 = E'two\\x0alines \\\\ here'::text\n");
}

TEST(ParamTypeName, SpellsPostgresTypes)
{
	EXPECT_STREQ(param_type_name(ParamType::int8), "bigint");
	EXPECT_STREQ(param_type_name(ParamType::int8_array), "bigint[]");
	EXPECT_STREQ(param_type_name(ParamType::int4), "integer");
	EXPECT_STREQ(param_type_name(ParamType::text_array), "text[]");
	EXPECT_STREQ(param_type_name(ParamType::numeric_array), "numeric[]");
	EXPECT_STREQ(param_type_name(ParamType::date_array), "date[]");
	EXPECT_STREQ(param_type_name(ParamType::float8), "double precision");
	EXPECT_STREQ(param_type_name(ParamType::boolean), "boolean");
}
