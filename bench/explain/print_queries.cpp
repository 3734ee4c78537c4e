// Prints, as a psql script, the compiled members query of one example
// definition per condition kind, with EXPLAIN (ANALYZE, BUFFERS) of each, so
// the shapes in NOTES.md are measured on exactly what the compiler emits.
//   cmake --build build && g++ -std=c++17 -O2 -Isrc -o build/print_queries
//       bench/explain/print_queries.cpp build/libsegments_core.a
//   build/print_queries > build/queries.sql
#include "core/compiler.hpp"

#include <iostream>
#include <string>
#include <vector>

using namespace segments;

namespace
{

Node leaf(NodeBody body, bool negate = false)
{
	Node node;
	node.body = std::move(body);
	node.negate = negate;
	return node;
}

Node group(Match match, std::vector<Node> children, bool negate = false)
{
	Group g;
	g.match = match;
	g.conditions = std::move(children);
	return leaf(std::move(g), negate);
}

Comparator cmp(Comparator::Op op, int64_t low, int64_t high = 0)
{
	return Comparator{op, low, op == Comparator::Op::between ? high : low};
}

CustomField field(std::string name, FieldType type, FieldOperator op,
                  std::vector<FieldValue> values)
{
	CustomField f;
	f.field = std::move(name);
	f.type = type;
	f.op = op;
	f.values = std::move(values);
	return f;
}

FieldValue string_value(std::string text)
{
	return FieldValue{FieldValue::Kind::string, std::move(text)};
}

FieldValue number_value(std::string text)
{
	return FieldValue{FieldValue::Kind::number, std::move(text)};
}

void print(const std::string &name, Node node)
{
	Definition definition;
	definition.root = group(Match::all, {std::move(node)});
	CompiledQuery query = compile_members_query(definition);
	std::string types = "timestamptz, text";
	std::string args = "'2026-03-10 12:00+00', 'America/New_York'";
	for (const auto &param : query.params)
	{
		types += std::string(", ") + param_type_name(param.type);
		std::string quoted;
		for (char ch : param.value)
			quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
		args += ", '" + quoted + "'";
	}
	std::cout << "\\echo ==== " << name << "\nDEALLOCATE ALL;\nPREPARE q(" << types << ") AS\n"
	          << query.sql << ";\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q(" << args
	          << ");\n";
}

} // namespace

int main()
{
	using Op = Comparator::Op;
	ItemPurchase recent;
	recent.items = {3};
	recent.days_since_purchase = cmp(Op::less_than, 30);
	print("item_purchase less_than 30 days", leaf(recent));

	ItemPurchase active;
	active.items = {3, 4};
	active.status = StatusFilter::active;
	print("item_purchase active", leaf(active));

	ItemPurchase between;
	between.items = {3};
	between.purchased_between = std::make_pair("2025-06-01", "2025-06-30");
	print("item_purchase purchased_between", leaf(between));

	PassRedemptions many;
	many.pass = 2;
	many.count = cmp(Op::greater_than, 5);
	print("pass_redemptions greater_than 5", leaf(many));

	PassRedemptions unused;
	unused.pass = 2;
	unused.pass_status = StatusFilter::active;
	unused.count = cmp(Op::exactly, 0);
	print("pass_redemptions active exactly 0", leaf(unused));

	PassRedemptions recent_check_ins;
	recent_check_ins.pass = 2;
	recent_check_ins.kind = RedemptionKind::check_in;
	recent_check_ins.within_days = 30;
	recent_check_ins.count = cmp(Op::at_least, 1);
	print("pass_redemptions check_in within 30 at_least 1", leaf(recent_check_ins));

	PassPoints points;
	points.pass = 2;
	points.points = cmp(Op::at_least, 100);
	print("pass_points at_least 100", leaf(points));

	PassExpiration expiring;
	expiring.pass = 2;
	expiring.days_until_expiration = cmp(Op::exactly, 30);
	print("pass_expiration exactly 30", leaf(expiring));

	print("custom_field text equals", leaf(field("favorite_activity", FieldType::text,
	                                             FieldOperator::equals, {string_value("Hiking")})));
	print("custom_field text not_equals",
	      leaf(field("favorite_activity", FieldType::text, FieldOperator::not_equals,
	                 {string_value("Hiking")})));
	print("custom_field number greater_than",
	      leaf(field("age", FieldType::number, FieldOperator::greater_than, {number_value("40")})));

	PromotionUsed promotion;
	promotion.codes = std::vector<std::string>{"Summer24"};
	print("promotion_used codes", leaf(promotion));

	Location country;
	country.by = Location::By::country;
	country.values = {"US"};
	print("location country", leaf(country));

	Location near;
	near.by = Location::By::within;
	near.latitude = 40;
	near.longitude = -105;
	near.radius_km = 50;
	print("location within 50 km", leaf(near));
	print("location within 50 km negated", leaf(near, true));

	print("in_segment", leaf(InSegment{1}));

	print("any of item_purchase, pass_redemptions, within",
	      group(Match::any, {leaf(recent), leaf(many), leaf(near)}));
	print("not (all of item_purchase active, custom_field equals)",
	      group(Match::all,
	            {leaf(active), leaf(field("favorite_activity", FieldType::text,
	                                      FieldOperator::equals, {string_value("Hiking")}))},
	            true));
	return 0;
}
