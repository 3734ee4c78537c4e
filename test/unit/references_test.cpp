// Checks of items, custom fields and segments against a catalog.
#include "core/definition_parser.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace segments
{
namespace
{

using test::invalid;
using test::root_with;

// Items 1 (product), 2 (prize), 7 and 8 (passes); one field of each type;
// segments 3 -> 4 -> 5, 6 alone, and 10 <-> 11, a cycle saved before the check
// existed.
Catalog sample_catalog()
{
	Catalog catalog;
	catalog.item_kinds = {{1, "product"}, {2, "prize"}, {7, "pass"}, {8, "pass"}};
	catalog.field_types = {{"city", FieldType::text},
	                       {"age", FieldType::number},
	                       {"signup", FieldType::date},
	                       {"vip", FieldType::boolean}};
	catalog.segment_dependencies = {{3, {4}}, {4, {5}}, {5, {}}, {6, {}}, {10, {11}}, {11, {10}}};
	return catalog;
}

// The what() of the error check_references raises for a one-definition text,
// or "no error".
std::string check_error(std::string_view nodes, std::optional<int64_t> self = std::nullopt)
{
	Definition definition = parse_definition(root_with(nodes));
	try
	{
		check_references(definition, sample_catalog(), self);
	}
	catch (const Error &error)
	{
		return error.what();
	}
	return "no error";
}

std::string check_hint(std::string_view nodes, std::optional<int64_t> self = std::nullopt)
{
	Definition definition = parse_definition(root_with(nodes));
	try
	{
		check_references(definition, sample_catalog(), self);
	}
	catch (const Error &error)
	{
		return error.hint();
	}
	return "no error";
}

std::string field_condition(std::string_view field, std::string_view op, std::string_view values)
{
	return R"({"type":"custom_field","field":")" + std::string(field) + R"(","operator":")" +
	       std::string(op) + "\"" + std::string(values) + "}";
}

TEST(Collect, AllKinds)
{
	Definition definition = parse_definition(root_with(R"(
		{"type":"item_purchase","items":[3,1]},
		{"match":"any","conditions":[
			{"type":"pass_points","pass":7,"points":{"exactly":1}},
			{"type":"promotion_used","items":[9]},
			{"type":"custom_field","field":"age","operator":"is_set"},
			{"type":"in_segment","segment":6}]},
		{"type":"custom_field","field":"city","operator":"is_set"},
		{"type":"location","city":["Lyon"]})"));
	References references = collect_references(definition);
	EXPECT_EQ(references.items, (std::set<int64_t>{1, 3, 7, 9}));
	EXPECT_EQ(references.fields, (std::set<std::string>{"age", "city"}));
	EXPECT_EQ(references.segments, (std::set<int64_t>{6}));
}

TEST(Items, Exist)
{
	EXPECT_EQ(check_error(R"({"type":"item_purchase","items":[1,2,7]},
		{"type":"promotion_used","items":[8]})"),
	          "no error");
}

TEST(Items, Missing)
{
	EXPECT_EQ(check_error(R"({"type":"item_purchase","items":[1,42]})"),
	          invalid("conditions[0].items: item 42 does not exist"));
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":6},
		{"type":"promotion_used","codes":["X"],"items":[43,1]})"),
	          invalid("conditions[1].items: item 43 does not exist"));
}

TEST(Items, PassMissing)
{
	EXPECT_EQ(check_error(R"({"type":"pass_expiration","pass":9,
		"days_until_expiration":{"exactly":1}})"),
	          invalid("conditions[0].pass: item 9 does not exist"));
}

TEST(Items, PassOfWrongKind)
{
	std::string node = R"({"type":"pass_redemptions","pass":2,"count":{"exactly":0}})";
	EXPECT_EQ(check_error(node), invalid("conditions[0].pass: item 2 is a \"prize\", not a pass"));
	EXPECT_EQ(check_hint(node), "Use an item of kind \"pass\", or an \"item_purchase\" condition "
	                            "for other items.");
	EXPECT_EQ(check_error(R"({"type":"pass_points","pass":1,"points":{"exactly":0}})"),
	          invalid("conditions[0].pass: item 1 is a \"product\", not a pass"));
}

TEST(Fields, Missing)
{
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":6},{"type":"in_segment","segment":6},
		{"type":"in_segment","segment":6},
		{"type":"custom_field","field":"favourite_activity","operator":"is_set"})"),
	          invalid("conditions[3].field: custom field \"favourite_activity\" does not exist"));
}

TEST(Fields, NamesAreCaseSensitive)
{
	EXPECT_EQ(check_error(field_condition("City", "is_set", "")),
	          invalid("conditions[0].field: custom field \"City\" does not exist"));
}

TEST(Fields, TypeFilled)
{
	Definition definition = parse_definition(root_with(
	    R"({"match":"all","conditions":[{"type":"custom_field","field":"signup","operator":"is_set"}]})"));
	check_references(definition, sample_catalog(), std::nullopt);
	const Group &root = std::get<Group>(definition.root.body);
	const Group &inner = std::get<Group>(root.conditions[0].body);
	const CustomField &condition = std::get<CustomField>(inner.conditions[0].body);
	EXPECT_EQ(condition.type, FieldType::date);
}

// One field of each type, with a value of that type for each operator arity.
struct FieldSample
{
	const char *field;
	const char *value;
	const char *low;
	const char *high;
};

const FieldSample text_sample{"city", "\"Lyon\"", "\"A\"", "\"B\""};
const FieldSample number_sample{"age", "30", "18", "65"};
const FieldSample date_sample{"signup", "\"2024-03-01\"", "\"2024-01-01\"", "\"2024-12-31\""};
const FieldSample boolean_sample{"vip", "true", "false", "true"};

std::string condition_for(const FieldSample &sample, std::string_view op)
{
	if (op == "is_set" || op == "is_not_set")
		return field_condition(sample.field, op, "");
	if (op == "in" || op == "not_in")
		return field_condition(
		    sample.field, op, std::string(R"(,"values":[)") + sample.low + "," + sample.high + "]");
	if (op == "between")
		return field_condition(
		    sample.field, op, std::string(R"(,"values":[)") + sample.low + "," + sample.high + "]");
	return field_condition(sample.field, op, std::string(R"(,"value":)") + sample.value);
}

const char *all_operators[] = {"equals",      "not_equals", "contains",     "not_contains",
                               "starts_with", "ends_with",  "in",           "not_in",
                               "is_set",      "is_not_set", "greater_than", "less_than",
                               "at_least",    "at_most",    "between"};

void expect_operators(const FieldSample &sample, const char *type,
                      const std::set<std::string> &allowed, const char *hint)
{
	for (const char *op : all_operators)
	{
		std::string node = condition_for(sample, op);
		if (allowed.count(op) > 0)
		{
			EXPECT_EQ(check_error(node), "no error") << op;
			continue;
		}
		EXPECT_EQ(check_error(node),
		          invalid(std::string("conditions[0].operator: operator \"") + op +
		                  "\" does not apply to " + type + " field \"" + sample.field + "\""));
		EXPECT_EQ(check_hint(node), hint) << op;
	}
}

TEST(Operators, Text)
{
	expect_operators(text_sample, "text",
	                 {"equals", "not_equals", "contains", "not_contains", "starts_with",
	                  "ends_with", "in", "not_in", "is_set", "is_not_set"},
	                 "A text field takes \"equals\", \"not_equals\", \"contains\", "
	                 "\"not_contains\", \"starts_with\", \"ends_with\", \"in\", \"not_in\", "
	                 "\"is_set\" or \"is_not_set\".");
}

TEST(Operators, Number)
{
	expect_operators(number_sample, "number",
	                 {"equals", "not_equals", "in", "not_in", "is_set", "is_not_set",
	                  "greater_than", "less_than", "at_least", "at_most", "between"},
	                 "A number field takes \"equals\", \"not_equals\", \"in\", \"not_in\", "
	                 "\"is_set\", \"is_not_set\", \"greater_than\", \"less_than\", \"at_least\", "
	                 "\"at_most\" or \"between\".");
}

TEST(Operators, Date)
{
	expect_operators(date_sample, "date",
	                 {"equals", "not_equals", "in", "not_in", "is_set", "is_not_set",
	                  "greater_than", "less_than", "at_least", "at_most", "between"},
	                 "A date field takes \"equals\", \"not_equals\", \"in\", \"not_in\", "
	                 "\"is_set\", \"is_not_set\", \"greater_than\", \"less_than\", \"at_least\", "
	                 "\"at_most\" or \"between\".");
}

TEST(Operators, Boolean)
{
	expect_operators(boolean_sample, "boolean", {"equals", "not_equals", "is_set", "is_not_set"},
	                 "A boolean field takes \"equals\", \"not_equals\", \"is_set\" or "
	                 "\"is_not_set\".");
}

// Every field type against a value of each JSON type, with an operator the
// field allows.

TEST(Values, TextField)
{
	EXPECT_EQ(check_error(field_condition("city", "equals", R"(,"value":"Lyon")")), "no error");
	EXPECT_EQ(check_error(field_condition("city", "equals", R"(,"value":69)")),
	          invalid("conditions[0].value: expected a string for text field \"city\", got 69"));
	EXPECT_EQ(check_error(field_condition("city", "in", R"(,"values":["Lyon",true])")),
	          invalid("conditions[0].values[1]: expected a string for text field \"city\", got "
	                  "true"));
}

TEST(Values, NumberField)
{
	EXPECT_EQ(check_error(field_condition("age", "at_least", R"(,"value":18.5)")), "no error");
	std::string node = field_condition("age", "equals", R"(,"value":"30")");
	EXPECT_EQ(check_error(node),
	          invalid("conditions[0].value: expected a number for number field \"age\", got "
	                  "\"30\""));
	EXPECT_EQ(check_hint(node), "Write numbers without quotes.");
	EXPECT_EQ(check_error(field_condition("age", "not_in", R"(,"values":[1,false])")),
	          invalid("conditions[0].values[1]: expected a number for number field \"age\", got "
	                  "false"));
}

TEST(Values, DateField)
{
	EXPECT_EQ(check_error(field_condition("signup", "less_than", R"(,"value":"2024-02-29")")),
	          "no error");
	EXPECT_EQ(check_error(field_condition("signup", "equals", R"(,"value":20240301)")),
	          invalid("conditions[0].value: expected a date \"YYYY-MM-DD\" for date field "
	                  "\"signup\", got 20240301"));
	EXPECT_EQ(check_error(field_condition("signup", "equals", R"(,"value":true)")),
	          invalid("conditions[0].value: expected a date \"YYYY-MM-DD\" for date field "
	                  "\"signup\", got true"));
	std::string node = field_condition("signup", "in", R"(,"values":["2024-01-01","2024-02-30"])");
	EXPECT_EQ(check_error(node), invalid("conditions[0].values[1]: \"2024-02-30\" is not a valid "
	                                     "date"));
	EXPECT_EQ(check_hint(node), "Write dates as YYYY-MM-DD.");
}

TEST(Values, BooleanField)
{
	EXPECT_EQ(check_error(field_condition("vip", "not_equals", R"(,"value":false)")), "no error");
	EXPECT_EQ(check_error(field_condition("vip", "equals", R"(,"value":"yes")")),
	          invalid("conditions[0].value: expected true or false for boolean field \"vip\", got "
	                  "\"yes\""));
	EXPECT_EQ(check_error(field_condition("vip", "equals", R"(,"value":1)")),
	          invalid("conditions[0].value: expected true or false for boolean field \"vip\", got "
	                  "1"));
}

TEST(Values, NumberBetween)
{
	EXPECT_EQ(check_error(field_condition("age", "between", R"(,"values":[18,65])")), "no error");
	EXPECT_EQ(check_error(field_condition("age", "between", R"(,"values":[0.1,1e-1])")),
	          "no error");
	std::string node = field_condition("age", "between", R"(,"values":[65,18])");
	EXPECT_EQ(check_error(node),
	          invalid("conditions[0].values: low bound 65 is greater than high bound 18"));
	EXPECT_EQ(check_hint(node), "Write the smaller value first.");
	// Compared by value, not as text or as doubles.
	EXPECT_EQ(check_error(field_condition("age", "between", R"(,"values":[9,10])")), "no error");
	EXPECT_EQ(check_error(field_condition("age", "between", R"(,"values":[-1,-2])")),
	          invalid("conditions[0].values: low bound -1 is greater than high bound -2"));
	EXPECT_EQ(
	    check_error(field_condition(
	        "age", "between",
	        R"(,"values":[12345678901234567890.000000000000000002,12345678901234567890.000000000000000001])")),
	    invalid("conditions[0].values: low bound 12345678901234567890.000000000000000002 is "
	            "greater than high bound 12345678901234567890.000000000000000001"));
}

TEST(Values, DateBetween)
{
	EXPECT_EQ(check_error(
	              field_condition("signup", "between", R"(,"values":["2024-01-01","2024-01-01"])")),
	          "no error");
	std::string node =
	    field_condition("signup", "between", R"(,"values":["2024-05-01","2024-04-01"])");
	EXPECT_EQ(check_error(node), invalid("conditions[0].values: start date \"2024-05-01\" is after "
	                                     "end date \"2024-04-01\""));
	EXPECT_EQ(check_hint(node), "Write the earlier date first.");
}

// Segments and cycles.

TEST(Segments, Exist)
{
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":3})", 6), "no error");
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":3})"), "no error");
}

TEST(Segments, Missing)
{
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":99})"),
	          invalid("conditions[0].segment: segment 99 does not exist"));
}

TEST(Segments, SelfReference)
{
	std::string node = R"({"type":"in_segment","segment":6})";
	EXPECT_EQ(check_error(node, 6),
	          invalid("conditions[0].segment: segment 6 would form a cycle: 6 -> 6"));
	EXPECT_EQ(check_hint(node, 6),
	          "A segment cannot include itself, directly or through other segments.");
}

TEST(Segments, SelfReferenceNotInCatalog)
{
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":20})", 20),
	          invalid("conditions[0].segment: segment 20 would form a cycle: 20 -> 20"));
}

TEST(Segments, IndirectCycle)
{
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":4})", 5),
	          invalid("conditions[0].segment: segment 4 would form a cycle: 5 -> 4 -> 5"));
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":6},
		{"match":"any","conditions":[{"type":"in_segment","segment":3}]})",
	                      5),
	          invalid("conditions[1].conditions[0].segment: segment 3 would form a cycle: "
	                  "5 -> 3 -> 4 -> 5"));
}

TEST(Segments, NoCycleDownstream)
{
	// 3 depends on 5, so 5 may not read 3, but 3 may read 5 and 6.
	EXPECT_EQ(
	    check_error(R"({"type":"in_segment","segment":5},{"type":"in_segment","segment":6})", 3),
	    "no error");
}

TEST(Segments, ExistingCycleEnds)
{
	// 10 and 11 already read each other, and the walk must stop anyway.
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":10})", 6), "no error");
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":11})"), "no error");
	EXPECT_EQ(check_error(R"({"type":"in_segment","segment":11})", 10),
	          invalid("conditions[0].segment: segment 11 would form a cycle: 10 -> 11 -> 10"));
}

TEST(Segments, DanglingDependency)
{
	Catalog catalog = sample_catalog();
	catalog.segment_dependencies[6] = {404};
	Definition definition = parse_definition(root_with(R"({"type":"in_segment","segment":6})"));
	EXPECT_NO_THROW(check_references(definition, catalog, 5));
}

TEST(Segments, ShortestChain)
{
	Catalog catalog = sample_catalog();
	// 20 reaches 30 both directly and through 21.
	catalog.segment_dependencies[20] = {21, 30};
	catalog.segment_dependencies[21] = {30};
	catalog.segment_dependencies[30] = {};
	Definition definition = parse_definition(root_with(R"({"type":"in_segment","segment":20})"));
	try
	{
		check_references(definition, catalog, 30);
		FAIL() << "no error";
	}
	catch (const DefinitionError &error)
	{
		EXPECT_EQ(error.problem(), "segment 20 would form a cycle: 30 -> 20 -> 30");
		EXPECT_EQ(error.path(), "conditions[0].segment");
	}
}

} // namespace
} // namespace segments
