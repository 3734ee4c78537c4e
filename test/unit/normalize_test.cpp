// The normalized form: defaults, key order, sorted and deduplicated lists, and
// the round trip through the parser.
#include "core/definition_parser.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace segments
{
namespace
{

using test::root_with;

std::string normalized(std::string_view text)
{
	return normalized_json(parse_definition(text));
}

// The normalized text of a one-node definition.
std::string normalized_node(std::string_view node)
{
	return normalized(root_with(node));
}

std::string root_text(std::string_view normalized_nodes)
{
	return R"({"match":"all","conditions":[)" + std::string(normalized_nodes) + "]}";
}

TEST(Normalize, ItemPurchaseDefaults)
{
	EXPECT_EQ(normalized_node(R"({"items":[5],"type":"item_purchase"})"),
	          root_text(R"({"type":"item_purchase","items":[5],"status":"any","negate":false})"));
}

TEST(Normalize, ItemPurchaseFull)
{
	EXPECT_EQ(normalized_node(R"({"negate":true,"purchased_between":["2024-01-01","2024-06-30"],
		"days_since_purchase":{"between":[0,30]},"status":"active","items":[9,2,9,4,2],
		"type":"item_purchase"})"),
	          root_text(R"({"type":"item_purchase","items":[2,4,9],"status":"active",)"
	                    R"("days_since_purchase":{"between":[0,30]},)"
	                    R"("purchased_between":["2024-01-01","2024-06-30"],"negate":true})"));
}

TEST(Normalize, PassRedemptions)
{
	EXPECT_EQ(
	    normalized_node(R"({"type":"pass_redemptions","count":{"greater_than":5.0},"pass":7})"),
	    root_text(R"({"type":"pass_redemptions","pass":7,"pass_status":"any",)"
	              R"("count":{"greater_than":5},"kind":"any","negate":false})"));
	EXPECT_EQ(
	    normalized_node(R"({"type":"pass_redemptions","within_days":7,"kind":"voucher",
		"count":{"exactly":0},"pass_status":"active","pass":7})"),
	    root_text(R"({"type":"pass_redemptions","pass":7,"pass_status":"active",)"
	              R"("count":{"exactly":0},"kind":"voucher","within_days":7,"negate":false})"));
}

TEST(Normalize, PassPoints)
{
	EXPECT_EQ(normalized_node(R"({"type":"pass_points","points":{"at_most":-5},"pass":8})"),
	          root_text(R"({"type":"pass_points","pass":8,"pass_status":"any",)"
	                    R"("points":{"at_most":-5},"negate":false})"));
}

TEST(Normalize, PassExpiration)
{
	EXPECT_EQ(normalized_node(R"({"days_until_expiration":{"less_than":14},"pass":8,
		"type":"pass_expiration"})"),
	          root_text(R"({"type":"pass_expiration","pass":8,)"
	                    R"("days_until_expiration":{"less_than":14},"negate":false})"));
}

TEST(Normalize, CustomField)
{
	EXPECT_EQ(normalized_node(R"({"value":"Hiking","operator":"equals","field":"activity",
		"type":"custom_field"})"),
	          root_text(R"({"type":"custom_field","field":"activity","operator":"equals",)"
	                    R"("value":"Hiking","negate":false})"));
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"vip","operator":"is_set"})"),
	          root_text(R"({"type":"custom_field","field":"vip","operator":"is_set",)"
	                    R"("negate":false})"));
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"vip","operator":"equals",
		"value":false})"),
	          root_text(R"({"type":"custom_field","field":"vip","operator":"equals",)"
	                    R"("value":false,"negate":false})"));
}

TEST(Normalize, CustomFieldListDeduplicated)
{
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"activity","operator":"not_in",
		"values":["ski","hiking","ski",5,"5",5,5.0,true,true]})"),
	          root_text(R"({"type":"custom_field","field":"activity","operator":"not_in",)"
	                    R"("values":["ski","hiking",5,"5",5.0,true],"negate":false})"));
}

TEST(Normalize, CustomFieldBetweenKeepsBoth)
{
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"age","operator":"between",
		"values":[30,30]})"),
	          root_text(R"({"type":"custom_field","field":"age","operator":"between",)"
	                    R"("values":[30,30],"negate":false})"));
}

TEST(Normalize, NumberTextKept)
{
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"score","operator":"in",
		"values":[0.1,12345678901234567890.123456789,1E2,-0.50]})"),
	          root_text(R"({"type":"custom_field","field":"score","operator":"in",)"
	                    R"("values":[0.1,12345678901234567890.123456789,1E2,-0.50],)"
	                    R"("negate":false})"));
}

TEST(Normalize, PromotionUsed)
{
	EXPECT_EQ(normalized_node(R"({"type":"promotion_used"})"),
	          root_text(R"({"type":"promotion_used","negate":false})"));
	EXPECT_EQ(normalized_node(R"({"items":[3,3,1],"codes":["b","a","b","B"],
		"type":"promotion_used"})"),
	          root_text(R"({"type":"promotion_used","codes":["b","a","B"],"items":[1,3],)"
	                    R"("negate":false})"));
}

TEST(Normalize, Location)
{
	EXPECT_EQ(normalized_node(R"({"type":"location","country":["FR","BE","FR"]})"),
	          root_text(R"({"type":"location","country":["FR","BE"],"negate":false})"));
	EXPECT_EQ(normalized_node(R"({"type":"location",
		"within":{"radius_km":2.5e1,"longitude":2.3522,"latitude":48.8566}})"),
	          root_text(R"({"type":"location","within":{"latitude":48.8566,"longitude":2.3522,)"
	                    R"("radius_km":25},"negate":false})"));
}

TEST(Normalize, InSegment)
{
	EXPECT_EQ(normalized_node(R"({"negate":true,"segment":4,"type":"in_segment"})"),
	          root_text(R"({"type":"in_segment","segment":4,"negate":true})"));
}

TEST(Normalize, Groups)
{
	EXPECT_EQ(normalized(R"({"conditions":[{"conditions":[{"type":"in_segment","segment":1}],
		"negate":true,"match":"any"},{"conditions":[{"type":"in_segment","segment":2}],
		"match":"all"}],"match":"any"})"),
	          R"({"match":"any","conditions":[)"
	          R"({"match":"any","conditions":[{"type":"in_segment","segment":1,"negate":false}],)"
	          R"("negate":true},)"
	          R"({"match":"all","conditions":[{"type":"in_segment","segment":2,"negate":false}],)"
	          R"("negate":false}]})");
}

TEST(Normalize, StringsEscaped)
{
	EXPECT_EQ(normalized_node(R"({"type":"custom_field","field":"na\"me\\","operator":"equals",
		"value":"caf\u00e9\ttab\u0001"})"),
	          root_text("{\"type\":\"custom_field\",\"field\":\"na\\\"me\\\\\","
	                    "\"operator\":\"equals\",\"value\":\"caf\xC3\xA9\\ttab\\u0001\","
	                    "\"negate\":false}"));
}

TEST(Normalize, NodeJson)
{
	Definition definition = parse_definition(root_with(
	    R"({"type":"in_segment","segment":1},{"match":"any","negate":true,
		"conditions":[{"type":"location","city":["Lyon"]}]})"));
	const Group &root = std::get<Group>(definition.root.body);
	EXPECT_EQ(normalized_node_json(root.conditions[0]),
	          R"({"type":"in_segment","segment":1,"negate":false})");
	EXPECT_EQ(normalized_node_json(root.conditions[1]),
	          R"({"match":"any","conditions":[{"type":"location","city":["Lyon"],)"
	          R"("negate":false}],"negate":true})");
}

TEST(Normalize, RoundTrip)
{
	std::string text = R"({"match":"any","conditions":[
		{"type":"item_purchase","items":[3,1,3],"days_since_purchase":{"at_least":1.0}},
		{"type":"pass_redemptions","pass":7,"count":{"between":[1,5e0]},"within_days":30},
		{"type":"pass_points","pass":7,"points":{"less_than":-0}},
		{"type":"pass_expiration","pass":7,"days_until_expiration":{"exactly":0}},
		{"match":"all","negate":true,"conditions":[
			{"type":"custom_field","field":"age","operator":"between","values":[1.50,2e1]},
			{"type":"custom_field","field":"city","operator":"in","values":["a","b","a"]},
			{"type":"promotion_used","codes":["X"]},
			{"type":"location","within":{"latitude":-0.000001,"longitude":179.9999999,
				"radius_km":0.1}},
			{"type":"location","region":["Bretagne"],"negate":true}]},
		{"type":"in_segment","segment":9}]})";
	std::string once = normalized(text);
	std::string twice = normalized(once);
	EXPECT_EQ(twice, once);
	EXPECT_NE(once.find(R"("latitude":-1e-06)"), std::string::npos) << once;
	EXPECT_NE(once.find(R"("values":[1.50,2e1])"), std::string::npos) << once;
}

} // namespace
} // namespace segments
