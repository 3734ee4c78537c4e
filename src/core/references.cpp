// Checks of the ids and names a definition refers to against the catalog:
// items and their kinds, custom fields and their data types, and segments with
// the in_segment graph they would join.
#include "core/definition_names.hpp"
#include "core/definition_parser.hpp"
#include "core/definition_reader.hpp"
#include "core/error.hpp"
#include "core/json_number.hpp"
#include "core/node_walk.hpp"

#include <deque>
#include <map>
#include <type_traits>

namespace segments
{

namespace
{

std::string describe(const FieldValue &value)
{
	return value.kind == FieldValue::Kind::string ? quote(value.text) : value.text;
}

bool operator_applies(FieldType type, FieldOperator op)
{
	switch (op)
	{
	case FieldOperator::equals:
	case FieldOperator::not_equals:
	case FieldOperator::is_set:
	case FieldOperator::is_not_set:
		return true;
	case FieldOperator::in:
	case FieldOperator::not_in:
		return type != FieldType::boolean;
	case FieldOperator::contains:
	case FieldOperator::not_contains:
	case FieldOperator::starts_with:
	case FieldOperator::ends_with:
		return type == FieldType::text;
	case FieldOperator::greater_than:
	case FieldOperator::less_than:
	case FieldOperator::at_least:
	case FieldOperator::at_most:
	case FieldOperator::between:
		return type == FieldType::number || type == FieldType::date;
	}
	return false;
}

std::vector<std::string_view> operators_for(FieldType type)
{
	std::vector<std::string_view> names;
	for (FieldOperator op : all_field_operators)
	{
		if (operator_applies(type, op))
			names.push_back(json_name(op));
	}
	return names;
}

// The JSON path of the index-th value of a custom_field condition at path.
std::string value_path(const std::string &path, FieldOperator op, std::size_t index)
{
	if (op == FieldOperator::in || op == FieldOperator::not_in || op == FieldOperator::between)
		return path + ".values[" + std::to_string(index) + "]";
	return path + ".value";
}

void check_field_value(const std::string &path, const FieldValue &value, FieldType type,
                       const std::string &field)
{
	std::string field_name = std::string(json_name(type)) + " field " + quote(field);
	switch (type)
	{
	case FieldType::text:
		if (value.kind != FieldValue::Kind::string)
			throw DefinitionError(path, "expected a string for " + field_name + ", got " +
			                                describe(value));
		return;
	case FieldType::number:
		if (value.kind != FieldValue::Kind::number)
			throw DefinitionError(
			    path, "expected a number for " + field_name + ", got " + describe(value),
			    value.kind == FieldValue::Kind::string ? "Write numbers without quotes." : "");
		return;
	case FieldType::date:
		if (value.kind != FieldValue::Kind::string)
			throw DefinitionError(path, "expected a date \"YYYY-MM-DD\" for " + field_name +
			                                ", got " + describe(value));
		if (!is_iso_date(value.text))
			throw DefinitionError(path, quote(value.text) + " is not a valid date",
			                      "Write dates as YYYY-MM-DD.");
		return;
	case FieldType::boolean:
		if (value.kind != FieldValue::Kind::boolean)
			throw DefinitionError(path, "expected true or false for " + field_name + ", got " +
			                                describe(value));
		return;
	}
}

void check_custom_field(CustomField &condition, const std::string &path, const Catalog &catalog)
{
	auto found = catalog.field_types.find(condition.field);
	if (found == catalog.field_types.end())
		throw DefinitionError(path + ".field",
		                      "custom field " + quote(condition.field) + " does not exist");
	FieldType type = found->second;

	if (!operator_applies(type, condition.op))
		throw DefinitionError(path + ".operator",
		                      "operator " + quote(json_name(condition.op)) + " does not apply to " +
		                          std::string(json_name(type)) + " field " + quote(condition.field),
		                      "A " + std::string(json_name(type)) + " field takes " +
		                          quote_list(operators_for(type), " or ") + ".");

	for (std::size_t i = 0; i < condition.values.size(); ++i)
		check_field_value(value_path(path, condition.op, i), condition.values[i], type,
		                  condition.field);

	if (condition.op == FieldOperator::between)
	{
		const FieldValue &low = condition.values[0];
		const FieldValue &high = condition.values[1];
		if (type == FieldType::number && compare_json_numbers(low.text, high.text) > 0)
			throw DefinitionError(path + ".values",
			                      "low bound " + low.text + " is greater than high bound " +
			                          high.text,
			                      "Write the smaller value first.");
		// "YYYY-MM-DD" strings sort in date order.
		if (type == FieldType::date && low.text > high.text)
			throw DefinitionError(path + ".values",
			                      "start date " + quote(low.text) + " is after end date " +
			                          quote(high.text),
			                      "Write the earlier date first.");
	}
	condition.type = type;
}

void check_item(const std::string &path, int64_t item, const Catalog &catalog)
{
	if (catalog.item_kinds.count(item) == 0)
		throw DefinitionError(path, "item " + std::to_string(item) + " does not exist");
}

void check_pass(const std::string &path, int64_t item, const Catalog &catalog)
{
	auto found = catalog.item_kinds.find(item);
	if (found == catalog.item_kinds.end())
		throw DefinitionError(path, "item " + std::to_string(item) + " does not exist");
	if (found->second != "pass")
		throw DefinitionError(
		    path, "item " + std::to_string(item) + " is a " + quote(found->second) + ", not a pass",
		    "Use an item of kind \"pass\", or an \"item_purchase\" condition for "
		    "other items.");
}

// The chain self -> target -> ... -> self through the stored in_segment
// references, shortest first; empty when target does not lead back to self.
// Breadth-first with a visited set, so cycles already in the catalog (from
// data saved before this check existed) end the walk instead of looping.
std::vector<int64_t> find_cycle(const Catalog &catalog, int64_t self, int64_t target)
{
	if (target == self)
		return {self, self};

	std::map<int64_t, int64_t> reached_from{{target, target}};
	std::deque<int64_t> queue{target};
	while (!queue.empty())
	{
		int64_t current = queue.front();
		queue.pop_front();
		auto edges = catalog.segment_dependencies.find(current);
		if (edges == catalog.segment_dependencies.end())
			continue;
		for (int64_t next : edges->second)
		{
			if (next == self)
			{
				std::vector<int64_t> chain{self};
				std::vector<int64_t> back{current};
				while (back.back() != target)
					back.push_back(reached_from[back.back()]);
				chain.insert(chain.end(), back.rbegin(), back.rend());
				chain.push_back(self);
				return chain;
			}
			if (reached_from.emplace(next, current).second)
				queue.push_back(next);
		}
	}
	return {};
}

void check_segment(const std::string &path, int64_t segment, const Catalog &catalog,
                   std::optional<int64_t> self)
{
	if (segment != self && catalog.segment_dependencies.count(segment) == 0)
		throw DefinitionError(path, "segment " + std::to_string(segment) + " does not exist");
	if (!self)
		return;

	std::vector<int64_t> chain = find_cycle(catalog, *self, segment);
	if (chain.empty())
		return;
	std::string rendered;
	for (int64_t id : chain)
		rendered += (rendered.empty() ? "" : " -> ") + std::to_string(id);
	throw DefinitionError(path,
	                      "segment " + std::to_string(segment) + " would form a cycle: " + rendered,
	                      "A segment cannot include itself, directly or through other segments.");
}

} // namespace

References collect_references(const Definition &definition)
{
	References references;
	for_each_node(definition.root, [&](const Node &node) {
		std::visit(
		    [&](const auto &condition) {
			    using T = std::decay_t<decltype(condition)>;
			    if constexpr (std::is_same_v<T, ItemPurchase>)
				    references.items.insert(condition.items.begin(), condition.items.end());
			    else if constexpr (std::is_same_v<T, PassRedemptions> ||
			                       std::is_same_v<T, PassPoints> ||
			                       std::is_same_v<T, PassExpiration>)
				    references.items.insert(condition.pass);
			    else if constexpr (std::is_same_v<T, PromotionUsed>)
			    {
				    if (condition.items)
					    references.items.insert(condition.items->begin(), condition.items->end());
			    }
			    else if constexpr (std::is_same_v<T, CustomField>)
				    references.fields.insert(condition.field);
			    else if constexpr (std::is_same_v<T, InSegment>)
				    references.segments.insert(condition.segment);
		    },
		    node.body);
	});
	return references;
}

void check_references(Definition &definition, const Catalog &catalog,
                      std::optional<int64_t> self_segment_id)
{
	// Item lists are sorted and without duplicates after parsing, so an index
	// would not point into the text the user wrote: messages name the list and
	// the id instead.
	for_each_node(definition.root, [&](Node &node) {
		std::visit(
		    [&](auto &condition) {
			    using T = std::decay_t<decltype(condition)>;
			    if constexpr (std::is_same_v<T, ItemPurchase>)
			    {
				    for (int64_t item : condition.items)
					    check_item(node.path + ".items", item, catalog);
			    }
			    else if constexpr (std::is_same_v<T, PassRedemptions> ||
			                       std::is_same_v<T, PassPoints> ||
			                       std::is_same_v<T, PassExpiration>)
				    check_pass(node.path + ".pass", condition.pass, catalog);
			    else if constexpr (std::is_same_v<T, PromotionUsed>)
			    {
				    if (condition.items)
				    {
					    for (int64_t item : *condition.items)
						    check_item(node.path + ".items", item, catalog);
				    }
			    }
			    else if constexpr (std::is_same_v<T, CustomField>)
				    check_custom_field(condition, node.path, catalog);
			    else if constexpr (std::is_same_v<T, InSegment>)
				    check_segment(node.path + ".segment", condition.segment, catalog,
				                  self_segment_id);
		    },
		    node.body);
	});
}

} // namespace segments
