// Parsing and validation of definitions that need no database: structure,
// keys, JSON types, ranges, dates and limits.
#include "core/definition_parser.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>

namespace segments
{
namespace
{

using test::invalid;
using test::node_error;
using test::parse_error;
using test::parse_hint;
using test::root_with;

// The body of the single condition of a one-node definition.
template <class Condition> Condition only_condition(std::string_view node)
{
	Definition definition = parse_definition(root_with(node));
	const Group &root = std::get<Group>(definition.root.body);
	EXPECT_EQ(root.conditions.size(), 1u);
	return std::get<Condition>(root.conditions.at(0).body);
}

// Nested groups, depth counted with the root as 1, around one condition.
std::string nested_groups(int depth)
{
	std::string inner = R"({"type":"in_segment","segment":1})";
	for (int level = 2; level <= depth; ++level)
		inner = R"({"match":"any","conditions":[)" + inner + "]}";
	return root_with(inner);
}

std::string repeated(std::string_view node, int count)
{
	std::string nodes;
	for (int i = 0; i < count; ++i)
		nodes += (i == 0 ? "" : ",") + std::string(node);
	return nodes;
}

// Valid definitions of each kind.

TEST(Parse, ItemPurchase)
{
	auto condition = only_condition<ItemPurchase>(
	    R"({"type":"item_purchase","items":[9,3,9,1],"status":"active",
			"days_since_purchase":{"less_than":30},
			"purchased_between":["2024-01-01","2024-12-31"]})");
	EXPECT_EQ(condition.items, (std::vector<int64_t>{1, 3, 9}));
	EXPECT_EQ(condition.status, StatusFilter::active);
	ASSERT_TRUE(condition.days_since_purchase.has_value());
	EXPECT_EQ(condition.days_since_purchase->op, Comparator::Op::less_than);
	EXPECT_EQ(condition.days_since_purchase->low, 30);
	EXPECT_EQ(condition.days_since_purchase->high, 30);
	ASSERT_TRUE(condition.purchased_between.has_value());
	EXPECT_EQ(condition.purchased_between->first, "2024-01-01");
	EXPECT_EQ(condition.purchased_between->second, "2024-12-31");
}

TEST(Parse, ItemPurchaseDefaults)
{
	auto condition = only_condition<ItemPurchase>(R"({"type":"item_purchase","items":[4]})");
	EXPECT_EQ(condition.status, StatusFilter::any);
	EXPECT_FALSE(condition.days_since_purchase.has_value());
	EXPECT_FALSE(condition.purchased_between.has_value());
}

TEST(Parse, PassRedemptions)
{
	auto condition = only_condition<PassRedemptions>(
	    R"({"type":"pass_redemptions","pass":7,"pass_status":"active",
			"count":{"between":[2,5]},"kind":"check_in","within_days":14})");
	EXPECT_EQ(condition.pass, 7);
	EXPECT_EQ(condition.pass_status, StatusFilter::active);
	EXPECT_EQ(condition.count.op, Comparator::Op::between);
	EXPECT_EQ(condition.count.low, 2);
	EXPECT_EQ(condition.count.high, 5);
	EXPECT_EQ(condition.kind, RedemptionKind::check_in);
	EXPECT_EQ(condition.within_days, 14);
}

TEST(Parse, PassRedemptionsDefaults)
{
	auto condition = only_condition<PassRedemptions>(
	    R"({"type":"pass_redemptions","pass":7,"count":{"exactly":0}})");
	EXPECT_EQ(condition.pass_status, StatusFilter::any);
	EXPECT_EQ(condition.kind, RedemptionKind::any);
	EXPECT_FALSE(condition.within_days.has_value());
	EXPECT_EQ(condition.count.op, Comparator::Op::exactly);
	EXPECT_EQ(condition.count.low, 0);
}

TEST(Parse, PassPointsNegative)
{
	auto condition = only_condition<PassPoints>(
	    R"({"type":"pass_points","pass":7,"points":{"between":[-50,-10]}})");
	EXPECT_EQ(condition.pass, 7);
	EXPECT_EQ(condition.pass_status, StatusFilter::any);
	EXPECT_EQ(condition.points.low, -50);
	EXPECT_EQ(condition.points.high, -10);
}

TEST(Parse, PassPointsInt64Limits)
{
	auto condition = only_condition<PassPoints>(
	    R"({"type":"pass_points","pass":7,
			"points":{"between":[-9223372036854775808,9223372036854775807]}})");
	EXPECT_EQ(condition.points.low, INT64_MIN);
	EXPECT_EQ(condition.points.high, INT64_MAX);
}

TEST(Parse, PassExpiration)
{
	auto condition = only_condition<PassExpiration>(
	    R"({"type":"pass_expiration","pass":7,"days_until_expiration":{"at_most":30}})");
	EXPECT_EQ(condition.pass, 7);
	EXPECT_EQ(condition.days_until_expiration.op, Comparator::Op::at_most);
	EXPECT_EQ(condition.days_until_expiration.low, 30);
}

TEST(Parse, CustomFieldSingleValue)
{
	auto condition = only_condition<CustomField>(
	    R"({"type":"custom_field","field":"favourite_activity","operator":"equals",
			"value":"hiking"})");
	EXPECT_EQ(condition.field, "favourite_activity");
	EXPECT_EQ(condition.op, FieldOperator::equals);
	ASSERT_EQ(condition.values.size(), 1u);
	EXPECT_EQ(condition.values[0].kind, FieldValue::Kind::string);
	EXPECT_EQ(condition.values[0].text, "hiking");
	EXPECT_FALSE(condition.type.has_value());
}

TEST(Parse, CustomFieldNumberTextKept)
{
	auto condition = only_condition<CustomField>(
	    R"({"type":"custom_field","field":"score","operator":"in",
			"values":[0.1,12345678901234567890.123456789,1E2,-0,true]})");
	ASSERT_EQ(condition.values.size(), 5u);
	EXPECT_EQ(condition.values[0].kind, FieldValue::Kind::number);
	EXPECT_EQ(condition.values[0].text, "0.1");
	EXPECT_EQ(condition.values[1].text, "12345678901234567890.123456789");
	EXPECT_EQ(condition.values[2].text, "1E2");
	EXPECT_EQ(condition.values[3].text, "-0");
	EXPECT_EQ(condition.values[4].kind, FieldValue::Kind::boolean);
	EXPECT_EQ(condition.values[4].text, "true");
}

TEST(Parse, CustomFieldNoValue)
{
	auto condition = only_condition<CustomField>(
	    R"({"type":"custom_field","field":"vip","operator":"is_not_set"})");
	EXPECT_EQ(condition.op, FieldOperator::is_not_set);
	EXPECT_TRUE(condition.values.empty());
}

TEST(Parse, CustomFieldBetween)
{
	auto condition = only_condition<CustomField>(
	    R"({"type":"custom_field","field":"age","operator":"between","values":[18,30]})");
	ASSERT_EQ(condition.values.size(), 2u);
	EXPECT_EQ(condition.values[0].text, "18");
	EXPECT_EQ(condition.values[1].text, "30");
}

TEST(Parse, PromotionUsed)
{
	auto condition = only_condition<PromotionUsed>(
	    R"({"type":"promotion_used","codes":["SUMMER","summer","SUMMER"],"items":[5,2]})");
	ASSERT_TRUE(condition.codes.has_value());
	EXPECT_EQ(*condition.codes, (std::vector<std::string>{"SUMMER", "summer", "SUMMER"}));
	EXPECT_EQ(condition.items, (std::vector<int64_t>{2, 5}));
}

TEST(Parse, PromotionUsedAnyCode)
{
	auto condition = only_condition<PromotionUsed>(R"({"type":"promotion_used"})");
	EXPECT_FALSE(condition.codes.has_value());
	EXPECT_FALSE(condition.items.has_value());
}

TEST(Parse, LocationList)
{
	auto condition =
	    only_condition<Location>(R"({"type":"location","postal_code":["75001","75002"]})");
	EXPECT_EQ(condition.by, Location::By::postal_code);
	EXPECT_EQ(condition.values, (std::vector<std::string>{"75001", "75002"}));
}

TEST(Parse, LocationWithin)
{
	auto condition = only_condition<Location>(
	    R"({"type":"location","within":{"latitude":-33.87,"longitude":180,"radius_km":20037.5}})");
	EXPECT_EQ(condition.by, Location::By::within);
	EXPECT_DOUBLE_EQ(condition.latitude, -33.87);
	EXPECT_DOUBLE_EQ(condition.longitude, 180);
	EXPECT_DOUBLE_EQ(condition.radius_km, 20037.5);
}

TEST(Parse, InSegment)
{
	auto condition = only_condition<InSegment>(R"({"type":"in_segment","segment":12})");
	EXPECT_EQ(condition.segment, 12);
}

TEST(Parse, GroupsAndPaths)
{
	Definition definition = parse_definition(R"({"match":"any","conditions":[
		{"type":"in_segment","segment":1,"negate":true},
		{"match":"all","negate":true,"conditions":[
			{"type":"in_segment","segment":2},
			{"type":"in_segment","segment":3}]}]})");
	EXPECT_EQ(definition.root.path, "");
	EXPECT_FALSE(definition.root.negate);
	const Group &root = std::get<Group>(definition.root.body);
	EXPECT_EQ(root.match, Match::any);
	ASSERT_EQ(root.conditions.size(), 2u);
	EXPECT_EQ(root.conditions[0].path, "conditions[0]");
	EXPECT_TRUE(root.conditions[0].negate);
	const Group &inner = std::get<Group>(root.conditions[1].body);
	EXPECT_EQ(inner.match, Match::all);
	EXPECT_TRUE(root.conditions[1].negate);
	ASSERT_EQ(inner.conditions.size(), 2u);
	EXPECT_FALSE(inner.conditions[0].negate);
	EXPECT_EQ(inner.conditions[1].path, "conditions[1].conditions[1]");
}

TEST(Parse, IntegralNumbersAccepted)
{
	for (const char *operand : {"5", "5.0", "5e0", "50e-1", "0.5e1", "5.000"})
	{
		auto condition = only_condition<PassRedemptions>(
		    std::string(R"({"type":"pass_redemptions","pass":7.0,"count":{"exactly":)") + operand +
		    "}}");
		EXPECT_EQ(condition.count.low, 5) << operand;
		EXPECT_EQ(condition.pass, 7) << operand;
	}
}

TEST(Parse, LongStrings)
{
	std::string ascii(1000, 'a');
	std::string accented;
	for (int i = 0; i < 1000; ++i)
		accented += "\xC3\xA9"; // é: 1000 characters, 2000 bytes
	auto condition = only_condition<PromotionUsed>(R"({"type":"promotion_used","codes":[")" +
	                                               ascii + R"(",")" + accented + R"("]})");
	ASSERT_TRUE(condition.codes.has_value());
	EXPECT_EQ(condition.codes->at(1), accented);
}

// Limits.

TEST(Limits, TooLarge)
{
	std::string text = root_with(R"({"type":"in_segment","segment":1})");
	text.append(max_definition_bytes + 1 - text.size(), ' ');
	try
	{
		parse_definition(text);
		FAIL() << "no error";
	}
	catch (const Error &error)
	{
		EXPECT_EQ(error.sqlstate(), "54000");
		EXPECT_STREQ(error.what(), "segment definition is too large");
		EXPECT_EQ(error.detail(), "It is 1048577 bytes; the limit is 1048576 bytes.");
		EXPECT_EQ(error.hint(), "Split the definition into several segments and combine them "
		                        "with \"in_segment\" conditions.");
	}
}

TEST(Limits, LargestSizeParsed)
{
	std::string text = root_with(R"({"type":"in_segment","segment":1})");
	text.append(max_definition_bytes - text.size(), ' ');
	EXPECT_EQ(parse_error(text), "no error");
}

TEST(Limits, TenMegabytesFast)
{
	std::string text(10 * 1024 * 1024, '[');
	auto start = std::chrono::steady_clock::now();
	EXPECT_EQ(parse_error(text), "segment definition is too large");
	auto elapsed = std::chrono::steady_clock::now() - start;
	EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(Limits, DeepArraysFast)
{
	std::string text = std::string(10000, '[') + std::string(10000, ']');
	auto start = std::chrono::steady_clock::now();
	EXPECT_EQ(parse_error(text), invalid("JSON is nested more than 64 levels deep"));
	EXPECT_EQ(parse_hint(text), "Groups nest at most 8 deep, which needs far fewer JSON levels.");
	auto elapsed = std::chrono::steady_clock::now() - start;
	EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(Limits, DeepObjects)
{
	std::string text;
	for (int i = 0; i < 10000; ++i)
		text += R"({"a":)";
	text += "1" + std::string(10000, '}');
	EXPECT_EQ(parse_error(text), invalid("JSON is nested more than 64 levels deep"));
}

TEST(Limits, EightDeepAccepted)
{
	EXPECT_EQ(parse_error(nested_groups(8)), "no error");
}

TEST(Limits, NineDeepRejected)
{
	std::string path = "conditions[0]";
	for (int level = 3; level <= 9; ++level)
		path += ".conditions[0]";
	EXPECT_EQ(parse_error(nested_groups(9)),
	          invalid(path + ": groups are nested more than 8 deep"));
	EXPECT_EQ(parse_hint(nested_groups(9)),
	          "Merge nested groups that have the same \"match\", or move part of the tree into "
	          "another segment and use \"in_segment\".");
}

TEST(Limits, HundredNodesAccepted)
{
	EXPECT_EQ(node_error(repeated(R"({"type":"in_segment","segment":1})", 100)), "no error");
}

TEST(Limits, HundredOneNodesRejected)
{
	EXPECT_EQ(node_error(repeated(R"({"type":"in_segment","segment":1})", 101)),
	          invalid("conditions: expected between 1 and 100 nodes, got 101"));
}

TEST(Limits, ThousandNodesAccepted)
{
	// 10 groups of 99 conditions: 1000 nodes below the root.
	std::string group = R"({"match":"any","conditions":[)" +
	                    repeated(R"({"type":"in_segment","segment":1})", 99) + "]}";
	EXPECT_EQ(node_error(repeated(group, 10)), "no error");
}

TEST(Limits, ThousandTenNodesRejected)
{
	std::string group = R"({"match":"any","conditions":[)" +
	                    repeated(R"({"type":"in_segment","segment":1})", 100) + "]}";
	std::string text = root_with(repeated(group, 10));
	EXPECT_EQ(parse_error(text), invalid("definition has 1010 nodes, more than the limit of 1000"));
}

TEST(Limits, ThousandOneListElements)
{
	std::string ids = repeated("1", 1001);
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[)" + ids + "]}"),
	          invalid("conditions[0].items: expected between 1 and 1000 item ids, got 1001"));
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[)" + repeated("1", 1000) + "]}"),
	          "no error");
}

TEST(Limits, StringTooLong)
{
	std::string code(1001, 'a');
	EXPECT_EQ(node_error(R"({"type":"promotion_used","codes":[")" + code + R"("]})"),
	          invalid("conditions[0].codes[0]: string is 1001 characters long, more than the "
	                  "limit of 1000"));
}

// The JSON text itself.

TEST(Json, Incomplete)
{
	EXPECT_EQ(parse_error(R"({"match":)"),
	          invalid("text is not valid JSON: incomplete JSON at byte offset 9"));
}

TEST(Json, SyntaxError)
{
	EXPECT_EQ(parse_error(R"({"match" "all"})"),
	          invalid("text is not valid JSON: syntax error at byte offset 9"));
}

TEST(Json, TrailingData)
{
	std::string text = root_with(R"({"type":"in_segment","segment":1})") + " x";
	EXPECT_EQ(parse_error(text), invalid("text is not valid JSON: extra data at byte offset " +
	                                     std::to_string(text.size() - 1)));
}

TEST(Json, Empty)
{
	EXPECT_EQ(parse_error(""), invalid("text is not valid JSON: incomplete JSON at byte offset 0"));
}

TEST(Json, InvalidUtf8)
{
	EXPECT_EQ(parse_error("{\"match\":\"\xff\"}"),
	          invalid("text is not valid JSON: syntax error at byte offset 10"));
}

TEST(Json, DuplicateKey)
{
	EXPECT_EQ(parse_error(R"({"match":"all","match":"any","conditions":[]})"),
	          invalid("duplicate key \"match\" in the definition"));
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":1,"segment":2})"),
	          invalid("conditions[0]: duplicate key \"segment\" in an \"in_segment\" condition"));
}

// The root and groups.

TEST(Root, NotAnObject)
{
	EXPECT_EQ(parse_error("[]"),
	          invalid("expected an object with \"match\" and \"conditions\", got an array"));
	EXPECT_EQ(parse_error("\"all\""),
	          invalid("expected an object with \"match\" and \"conditions\", got \"all\""));
}

TEST(Root, UnknownKey)
{
	std::string text = R"({"match":"all","conditions":[{"type":"in_segment","segment":1}],
		"name":"x"})";
	EXPECT_EQ(parse_error(text), invalid("unknown key \"name\" in the definition"));
	EXPECT_EQ(parse_hint(text), "The definition takes the keys \"match\" and \"conditions\".");
}

TEST(Root, Negated)
{
	for (const char *negate : {"true", "false"})
	{
		std::string text = std::string(R"({"match":"all","negate":)") + negate +
		                   R"(,"conditions":[{"type":"in_segment","segment":1}]})";
		EXPECT_EQ(parse_error(text),
		          invalid("negate: \"negate\" is not allowed on the root group"));
		EXPECT_EQ(parse_hint(text), "Negate a nested group instead.");
	}
}

TEST(Root, MissingKeys)
{
	EXPECT_EQ(parse_error(R"({"conditions":[{"type":"in_segment","segment":1}]})"),
	          invalid("missing required key \"match\" in the definition"));
	EXPECT_EQ(parse_error(R"({"match":"all"})"),
	          invalid("missing required key \"conditions\" in the definition"));
}

TEST(Root, BadMatch)
{
	EXPECT_EQ(parse_error(R"({"match":"every","conditions":[]})"),
	          invalid("match: expected \"all\" or \"any\", got \"every\""));
	EXPECT_EQ(parse_error(R"({"match":1,"conditions":[]})"),
	          invalid("match: expected \"all\" or \"any\", got 1"));
}

TEST(Root, ConditionsNotArray)
{
	EXPECT_EQ(parse_error(R"({"match":"all","conditions":{}})"),
	          invalid("conditions: expected an array of nodes, got an object"));
}

TEST(Root, ConditionsEmpty)
{
	EXPECT_EQ(parse_error(R"({"match":"all","conditions":[]})"),
	          invalid("conditions: expected between 1 and 100 nodes, got 0"));
}

TEST(Group, NodeNotAnObject)
{
	EXPECT_EQ(node_error(R"("item_purchase")"),
	          invalid("conditions[0]: expected an object (a condition or a group), got "
	                  "\"item_purchase\""));
	EXPECT_EQ(node_error("null"),
	          invalid("conditions[0]: expected an object (a condition or a group), got null"));
}

TEST(Group, NeitherGroupNorCondition)
{
	EXPECT_EQ(node_error(R"({"items":[1]})"),
	          invalid("conditions[0]: expected a condition with \"type\" or a group with "
	                  "\"match\" and \"conditions\""));
}

TEST(Group, BothGroupAndCondition)
{
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":1,"match":"all"})"),
	          invalid("conditions[0]: a node cannot have both \"type\" and \"match\" or "
	                  "\"conditions\""));
}

TEST(Group, MissingConditions)
{
	EXPECT_EQ(node_error(R"({"match":"all"})"),
	          invalid("conditions[0]: missing required key \"conditions\" in a group"));
	EXPECT_EQ(node_error(R"({"conditions":[{"type":"in_segment","segment":1}]})"),
	          invalid("conditions[0]: missing required key \"match\" in a group"));
}

TEST(Group, UnknownKey)
{
	std::string node = R"({"match":"all","conditions":[{"type":"in_segment","segment":1}],
		"name":"x"})";
	EXPECT_EQ(node_error(node), invalid("conditions[0]: unknown key \"name\" in a group"));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "A group takes the keys \"match\", \"conditions\" and \"negate\".");
}

TEST(Group, EmptyNested)
{
	EXPECT_EQ(node_error(R"({"match":"any","conditions":[]})"),
	          invalid("conditions[0].conditions: expected between 1 and 100 nodes, got 0"));
}

TEST(Group, NegateNotBoolean)
{
	EXPECT_EQ(node_error(R"({"match":"all","negate":"yes",
		"conditions":[{"type":"in_segment","segment":1}]})"),
	          invalid("conditions[0].negate: expected true or false, got \"yes\""));
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":1,"negate":1})"),
	          invalid("conditions[0].negate: expected true or false, got 1"));
}

TEST(Group, ErrorPathInNestedGroup)
{
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":1},{"match":"all","conditions":[
		{"type":"in_segment","segment":1},{"type":"in_segment","segment":1},
		{"type":"location","within":{"latitude":91,"longitude":0,"radius_km":1}}]})"),
	          invalid("conditions[1].conditions[2].within.latitude: expected a number between "
	                  "-90 and 90, got 91"));
}

// Conditions in general.

TEST(Condition, TypeNotString)
{
	EXPECT_EQ(node_error(R"({"type":3})"), invalid("conditions[0].type: expected a string, got 3"));
}

TEST(Condition, UnknownType)
{
	std::string node = R"({"type":"purchase","items":[1]})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].type: unknown condition type \"purchase\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Use one of \"item_purchase\", \"pass_redemptions\", \"pass_points\", "
	          "\"pass_expiration\", \"custom_field\", \"promotion_used\", \"location\" or "
	          "\"in_segment\".");
}

TEST(Condition, UnknownKey)
{
	std::string node = R"({"type":"item_purchase","items":[1],"colour":"red"})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0]: unknown key \"colour\" in an \"item_purchase\" condition"));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "An \"item_purchase\" condition takes the keys \"type\", \"items\", \"status\", "
	          "\"days_since_purchase\", \"purchased_between\" and \"negate\".");
}

TEST(Condition, MissingKey)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase"})"),
	          invalid("conditions[0]: missing required key \"items\" in an \"item_purchase\" "
	                  "condition"));
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":1})"),
	          invalid("conditions[0]: missing required key \"count\" in a \"pass_redemptions\" "
	                  "condition"));
	EXPECT_EQ(node_error(R"({"type":"pass_points","points":{"exactly":1}})"),
	          invalid("conditions[0]: missing required key \"pass\" in a \"pass_points\" "
	                  "condition"));
	EXPECT_EQ(node_error(R"({"type":"pass_expiration","pass":1})"),
	          invalid("conditions[0]: missing required key \"days_until_expiration\" in a "
	                  "\"pass_expiration\" condition"));
	EXPECT_EQ(node_error(R"({"type":"custom_field","operator":"is_set"})"),
	          invalid("conditions[0]: missing required key \"field\" in a \"custom_field\" "
	                  "condition"));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a"})"),
	          invalid("conditions[0]: missing required key \"operator\" in a \"custom_field\" "
	                  "condition"));
	EXPECT_EQ(node_error(R"({"type":"in_segment"})"),
	          invalid("conditions[0]: missing required key \"segment\" in an \"in_segment\" "
	                  "condition"));
}

// Ids.

TEST(Ids, NotArray)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":5})"),
	          invalid("conditions[0].items: expected an array of item ids, got 5"));
}

TEST(Ids, EmptyArray)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[]})"),
	          invalid("conditions[0].items: expected between 1 and 1000 item ids, got 0"));
}

TEST(Ids, WrongValues)
{
	const char *expected = "(a positive integer), got ";
	EXPECT_EQ(
	    node_error(R"({"type":"item_purchase","items":[1,"7"]})"),
	    invalid(std::string("conditions[0].items[1]: expected an item id ") + expected + "\"7\""));
	EXPECT_EQ(
	    node_error(R"({"type":"item_purchase","items":[0]})"),
	    invalid(std::string("conditions[0].items[0]: expected an item id ") + expected + "0"));
	EXPECT_EQ(
	    node_error(R"({"type":"item_purchase","items":[-3]})"),
	    invalid(std::string("conditions[0].items[0]: expected an item id ") + expected + "-3"));
	EXPECT_EQ(
	    node_error(R"({"type":"item_purchase","items":[1.5]})"),
	    invalid(std::string("conditions[0].items[0]: expected an item id ") + expected + "1.5"));
	EXPECT_EQ(node_error(R"({"type":"pass_points","pass":null,"points":{"exactly":1}})"),
	          invalid(std::string("conditions[0].pass: expected an item id ") + expected + "null"));
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":[1]})"),
	          invalid(std::string("conditions[0].segment: expected a segment id ") + expected +
	                  "an array"));
}

TEST(Ids, OutOfRange)
{
	std::string node = R"({"type":"item_purchase","items":[1e30]})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].items[0]: item id 1e30 is out of range"));
	EXPECT_EQ(parse_hint(root_with(node)), "Use an integer between 1 and 9223372036854775807.");
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":9223372036854775808})"),
	          invalid("conditions[0].segment: segment id 9223372036854775808 is out of range"));
	EXPECT_EQ(node_error(R"({"type":"in_segment","segment":9223372036854775807})"), "no error");
}

// Comparators.

TEST(Comparator, NotAnObject)
{
	std::string node = R"({"type":"item_purchase","items":[1]},
		{"type":"pass_redemptions","pass":7,"count":5})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[1].count: expected an object with one of \"exactly\", "
	                  "\"greater_than\", \"less_than\", \"at_least\", \"at_most\", \"between\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Write a comparison such as {\"at_least\": 5} or {\"between\": [1, 10]}.");
}

TEST(Comparator, EmptyObject)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{}})"),
	          invalid("conditions[0].count: expected an object with one of \"exactly\", "
	                  "\"greater_than\", \"less_than\", \"at_least\", \"at_most\", \"between\""));
}

TEST(Comparator, UnknownOperator)
{
	std::string node = R"({"type":"pass_redemptions","pass":7,"count":{"more_than":5}})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].count: unknown comparison \"more_than\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Use one of \"exactly\", \"greater_than\", \"less_than\", \"at_least\", "
	          "\"at_most\" or \"between\".");
}

TEST(Comparator, TwoOperators)
{
	std::string node = R"({"type":"pass_redemptions","pass":7,"count":{"at_least":2,"at_most":5}})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].count: expected one comparison, got "
	                                    "\"at_least\" and \"at_most\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Use \"between\" for a range, or a group for other combinations.");
}

TEST(Comparator, NotInteger)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"exactly":5.5}})"),
	          invalid("conditions[0].count.exactly: expected a non-negative integer, got 5.5"));
	// The double nearest to this text is 5, but the text is not an integer.
	EXPECT_EQ(node_error(
	              R"({"type":"pass_redemptions","pass":7,"count":{"exactly":5.0000000000000001}})"),
	          invalid("conditions[0].count.exactly: expected a non-negative integer, got "
	                  "5.0000000000000001"));
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"exactly":"5"}})"),
	          invalid("conditions[0].count.exactly: expected a non-negative integer, got \"5\""));
	EXPECT_EQ(node_error(R"({"type":"pass_points","pass":7,"points":{"exactly":true}})"),
	          invalid("conditions[0].points.exactly: expected an integer, got true"));
}

TEST(Comparator, Negative)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"at_least":-1}})"),
	          invalid("conditions[0].count.at_least: expected a non-negative integer, got -1"));
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[1],
		"days_since_purchase":{"less_than":-1}})"),
	          invalid("conditions[0].days_since_purchase.less_than: expected a non-negative "
	                  "integer, got -1"));
	EXPECT_EQ(node_error(R"({"type":"pass_expiration","pass":7,
		"days_until_expiration":{"exactly":-2}})"),
	          invalid("conditions[0].days_until_expiration.exactly: expected a non-negative "
	                  "integer, got -2"));
}

TEST(Comparator, OutOfRange)
{
	std::string node = R"({"type":"pass_redemptions","pass":7,"count":{"exactly":1e30}})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].count.exactly: 1e30 is out of range"));
	EXPECT_EQ(parse_hint(root_with(node)), "Use an integer between 0 and 9223372036854775807.");

	node = R"({"type":"pass_points","pass":7,"points":{"at_least":-9223372036854775809}})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].points.at_least: -9223372036854775809 is out of range"));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Use an integer between -9223372036854775808 and 9223372036854775807.");
}

TEST(Comparator, BetweenShape)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"between":5}})"),
	          invalid("conditions[0].count.between: expected an array of 2 elements [low, high], "
	                  "got 5"));
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"between":[1,2,3]}})"),
	          invalid("conditions[0].count.between: expected an array of 2 elements [low, high], "
	                  "got 3 elements"));
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"between":[1,2.5]}})"),
	          invalid("conditions[0].count.between[1]: expected a non-negative integer, got 2.5"));
}

TEST(Comparator, BetweenReversed)
{
	std::string node = R"({"type":"pass_redemptions","pass":7,"count":{"between":[10,5]}})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].count.between: low bound 10 is greater than high bound 5"));
	EXPECT_EQ(parse_hint(root_with(node)), "Write the smaller number first.");
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"between":[5,5]}})"),
	          "no error");
}

// Enumerated settings and other numbers.

TEST(Setting, Status)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[1],"status":"inactive"})"),
	          invalid("conditions[0].status: expected \"active\" or \"any\", got \"inactive\""));
	EXPECT_EQ(node_error(R"({"type":"pass_points","pass":1,"pass_status":null,
		"points":{"exactly":1}})"),
	          invalid("conditions[0].pass_status: expected \"active\" or \"any\", got null"));
}

TEST(Setting, RedemptionKind)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"exactly":1},
		"kind":"checkin"})"),
	          invalid("conditions[0].kind: expected \"check_in\", \"voucher\" or \"any\", got "
	                  "\"checkin\""));
}

TEST(Setting, WithinDays)
{
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"exactly":1},
		"within_days":0})"),
	          invalid("conditions[0].within_days: expected a positive integer, got 0"));
	EXPECT_EQ(node_error(R"({"type":"pass_redemptions","pass":7,"count":{"exactly":1},
		"within_days":1.5})"),
	          invalid("conditions[0].within_days: expected a positive integer, got 1.5"));
}

// Dates.

TEST(Dates, NotRealDates)
{
	for (const char *date : {"2023-02-29", "2024-13-01", "2024-1-5", "2024-04-31", "0000-01-01",
	                         "2024-01-01T00:00:00", "tomorrow"})
	{
		std::string node = std::string(R"({"type":"item_purchase","items":[1],
			"purchased_between":[")") +
		                   date + R"(","2030-01-01"]})";
		EXPECT_EQ(node_error(node), invalid(std::string("conditions[0].purchased_between[0]: \"") +
		                                    date + "\" is not a valid date"));
		EXPECT_EQ(parse_hint(root_with(node)), "Write dates as YYYY-MM-DD.");
	}
}

TEST(Dates, NotAString)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[1],
		"purchased_between":["2024-01-01",20240105]})"),
	          invalid("conditions[0].purchased_between[1]: expected a date \"YYYY-MM-DD\", got "
	                  "20240105"));
}

TEST(Dates, NotAPair)
{
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[1],
		"purchased_between":["2024-01-01"]})"),
	          invalid("conditions[0].purchased_between: expected an array of 2 elements [from, "
	                  "to], got 1 elements"));
	EXPECT_EQ(node_error(R"({"type":"item_purchase","items":[1],
		"purchased_between":"2024-01-01"})"),
	          invalid("conditions[0].purchased_between: expected an array of 2 elements [from, "
	                  "to], got \"2024-01-01\""));
}

TEST(Dates, Reversed)
{
	std::string node = R"({"type":"item_purchase","items":[1],
		"purchased_between":["2024-05-01","2024-04-30"]})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].purchased_between: start date "
	                                    "\"2024-05-01\" is after end date \"2024-04-30\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Write the earlier date first.");
}

TEST(Dates, IsoDate)
{
	EXPECT_TRUE(is_iso_date("2024-02-29"));
	EXPECT_TRUE(is_iso_date("2000-02-29"));
	EXPECT_TRUE(is_iso_date("0001-01-01"));
	EXPECT_TRUE(is_iso_date("9999-12-31"));
	EXPECT_FALSE(is_iso_date("1900-02-29"));
	EXPECT_FALSE(is_iso_date("2023-02-29"));
	EXPECT_FALSE(is_iso_date("2024-00-10"));
	EXPECT_FALSE(is_iso_date("2024-01-00"));
	EXPECT_FALSE(is_iso_date("2024-06-31"));
	EXPECT_FALSE(is_iso_date("2024-01-01 "));
	EXPECT_FALSE(is_iso_date("2024/01/01"));
	EXPECT_FALSE(is_iso_date("+024-01-01"));
	EXPECT_FALSE(is_iso_date(""));
}

// Strings.

TEST(Strings, Blank)
{
	std::string node = R"({"type":"promotion_used","codes":["SUMMER",""]})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].codes[1]: string is empty"));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Remove the blank code, or leave out \"codes\" to match any promotion code.");
	EXPECT_EQ(node_error(R"({"type":"location","city":[" \t\n"]})"),
	          invalid("conditions[0].city[0]: string \" \\t\\n\" contains only whitespace"));
}

TEST(Strings, NotAString)
{
	EXPECT_EQ(node_error(R"({"type":"location","region":["Bretagne",5]})"),
	          invalid("conditions[0].region[1]: expected a string, got 5"));
}

TEST(Strings, NulCharacter)
{
	std::string node = R"({"type":"location","country":["F\u0000R"]})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].country[0]: string contains the NUL character \"\\u0000\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Remove it: PostgreSQL text cannot store it.");
}

TEST(Strings, LongValueShortenedInMessage)
{
	std::string long_value(100, 'x');
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"nope")"
	                     R"(},{"type":")" +
	                     long_value + R"("})"),
	          invalid("conditions[0].operator: unknown operator \"nope\""));
	EXPECT_EQ(
	    node_error(R"({"type":")" + long_value + R"("})"),
	    invalid("conditions[0].type: unknown condition type \"" + std::string(40, 'x') + "...\""));
}

// Custom fields in the syntactic phase.

TEST(CustomField, UnknownOperator)
{
	std::string node = R"({"type":"custom_field","field":"a","operator":"like","value":"x"})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].operator: unknown operator \"like\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "Use one of \"equals\", \"not_equals\", \"contains\", \"not_contains\", "
	          "\"starts_with\", \"ends_with\", \"in\", \"not_in\", \"is_set\", \"is_not_set\", "
	          "\"greater_than\", \"less_than\", \"at_least\", \"at_most\" or \"between\".");
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":["equals"]})"),
	          invalid("conditions[0].operator: expected a string, got an array"));
}

TEST(CustomField, BlankField)
{
	std::string node = R"({"type":"custom_field","field":" ","operator":"is_set"})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].field: string \" \" contains only whitespace"));
	EXPECT_EQ(parse_hint(root_with(node)), "Write the name of a custom field.");
}

TEST(CustomField, ValueForNoValueOperator)
{
	std::string node = R"({"type":"custom_field","field":"a","operator":"is_set","value":1})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].value: operator \"is_set\" takes no value"));
	EXPECT_EQ(parse_hint(root_with(node)), "Remove \"value\".");
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"is_not_set",
		"values":[1]})"),
	          invalid("conditions[0].values: operator \"is_not_set\" takes no value"));
}

TEST(CustomField, ValuesForSingleOperator)
{
	std::string node =
	    R"({"type":"custom_field","field":"a","operator":"equals","values":["x","y"]})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].values: operator \"equals\" takes \"value\", not \"values\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Write one value as \"value\".");
}

TEST(CustomField, MissingValue)
{
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"contains"})"),
	          invalid("conditions[0]: missing required key \"value\" for operator \"contains\""));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"not_in"})"),
	          invalid("conditions[0]: missing required key \"values\" for operator \"not_in\""));
}

TEST(CustomField, ValueForListOperator)
{
	std::string node = R"({"type":"custom_field","field":"a","operator":"in","value":"x"})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].value: operator \"in\" takes \"values\", not \"value\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Write the values as an array in \"values\".");
	node = R"({"type":"custom_field","field":"a","operator":"between","value":3})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].value: operator \"between\" takes \"values\", not \"value\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Write the bounds as \"values\": [low, high].");
}

TEST(CustomField, ValuesShape)
{
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"in","values":[]})"),
	          invalid("conditions[0].values: expected between 1 and 1000 values, got 0"));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"in","values":"x"})"),
	          invalid("conditions[0].values: expected an array of values, got \"x\""));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"between",
		"values":[1,2,3]})"),
	          invalid("conditions[0].values: expected an array of 2 elements [low, high], got 3 "
	                  "elements"));
}

TEST(CustomField, NonScalarValue)
{
	const char *expected = "expected a string, number or boolean, got ";
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"equals",
		"value":null})"),
	          invalid(std::string("conditions[0].value: ") + expected + "null"));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"in",
		"values":["x",["y"]]})"),
	          invalid(std::string("conditions[0].values[1]: ") + expected + "an array"));
	EXPECT_EQ(node_error(R"({"type":"custom_field","field":"a","operator":"greater_than",
		"value":{"n":1}})"),
	          invalid(std::string("conditions[0].value: ") + expected + "an object"));
}

TEST(CustomField, BlankValue)
{
	std::string node = R"({"type":"custom_field","field":"a","operator":"equals","value":""})";
	EXPECT_EQ(node_error(node), invalid("conditions[0].value: string is empty"));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "An empty answer counts as not set, so use the \"is_not_set\" operator to match it.");
}

// Promotions and locations.

TEST(Promotion, CodesShape)
{
	EXPECT_EQ(node_error(R"({"type":"promotion_used","codes":[]})"),
	          invalid("conditions[0].codes: expected between 1 and 1000 codes, got 0"));
	EXPECT_EQ(node_error(R"({"type":"promotion_used","codes":null})"),
	          invalid("conditions[0].codes: expected an array of codes, got null"));
	EXPECT_EQ(node_error(R"({"type":"promotion_used","items":[]})"),
	          invalid("conditions[0].items: expected between 1 and 1000 item ids, got 0"));
}

TEST(Location, NoFilter)
{
	EXPECT_EQ(node_error(R"({"type":"location"})"),
	          invalid("conditions[0]: missing one of \"country\", \"region\", \"city\", "
	                  "\"postal_code\" or \"within\" in a \"location\" condition"));
}

TEST(Location, TwoFilters)
{
	std::string node = R"({"type":"location","country":["FR"],"city":["Paris"]})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0]: expected one of \"country\", \"region\", \"city\", "
	                  "\"postal_code\" or \"within\", got \"country\" and \"city\""));
	EXPECT_EQ(parse_hint(root_with(node)), "Combine several \"location\" conditions in a group.");
}

TEST(Location, EmptyList)
{
	EXPECT_EQ(
	    node_error(R"({"type":"location","postal_code":[]})"),
	    invalid("conditions[0].postal_code: expected between 1 and 1000 postal codes, got 0"));
	EXPECT_EQ(node_error(R"({"type":"location","country":"FR"})"),
	          invalid("conditions[0].country: expected an array of countries, got \"FR\""));
}

TEST(Location, WithinShape)
{
	EXPECT_EQ(node_error(R"({"type":"location","within":[48.8,2.3,10]})"),
	          invalid("conditions[0].within: expected an object with \"latitude\", "
	                  "\"longitude\" and \"radius_km\", got an array"));
	EXPECT_EQ(node_error(R"({"type":"location","within":{"latitude":48.8,"longitude":2.3}})"),
	          invalid("conditions[0].within: missing required key \"radius_km\" in \"within\""));
	std::string node = R"({"type":"location",
		"within":{"latitude":48.8,"longitude":2.3,"radius_km":1,"unit":"km"}})";
	EXPECT_EQ(node_error(node),
	          invalid("conditions[0].within: unknown key \"unit\" in \"within\""));
	EXPECT_EQ(parse_hint(root_with(node)),
	          "\"within\" takes the keys \"latitude\", \"longitude\" and \"radius_km\".");
}

TEST(Location, WithinRanges)
{
	auto within = [](const char *latitude, const char *longitude, const char *radius) {
		return node_error(std::string(R"({"type":"location","within":{"latitude":)") + latitude +
		                  R"(,"longitude":)" + longitude + R"(,"radius_km":)" + radius + "}}");
	};
	EXPECT_EQ(within("90", "-180", "0.001"), "no error");
	EXPECT_EQ(within("91", "0", "1"),
	          invalid("conditions[0].within.latitude: expected a number between -90 and 90, got "
	                  "91"));
	EXPECT_EQ(within("-90.5", "0", "1"),
	          invalid("conditions[0].within.latitude: expected a number between -90 and 90, got "
	                  "-90.5"));
	EXPECT_EQ(within("\"48.8\"", "0", "1"),
	          invalid("conditions[0].within.latitude: expected a number between -90 and 90, got "
	                  "\"48.8\""));
	EXPECT_EQ(within("0", "180.5", "1"),
	          invalid("conditions[0].within.longitude: expected a number between -180 and 180, "
	                  "got 180.5"));
	EXPECT_EQ(within("0", "1e400", "1"),
	          invalid("conditions[0].within.longitude: expected a number between -180 and 180, "
	                  "got 1e400"));
	EXPECT_EQ(within("0", "0", "0"),
	          invalid("conditions[0].within.radius_km: expected a number greater than 0 and at "
	                  "most 20037.5, got 0"));
	EXPECT_EQ(within("0", "0", "20037.6"),
	          invalid("conditions[0].within.radius_km: expected a number greater than 0 and at "
	                  "most 20037.5, got 20037.6"));
}

} // namespace
} // namespace segments
