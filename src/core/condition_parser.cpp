// Parsing of the parameters of each condition type, with their defaults.
#include "core/condition_parser.hpp"

#include "core/error.hpp"

#include <climits>

namespace segments
{

namespace
{

// Half the Earth's equatorial circumference: no two points are farther apart.
constexpr double max_radius_km = 20037.5;

const std::initializer_list<StatusFilter> status_choices = {StatusFilter::active,
                                                            StatusFilter::any};

const std::initializer_list<RedemptionKind> redemption_kind_choices = {
    RedemptionKind::check_in, RedemptionKind::voucher, RedemptionKind::any};

const Location::By location_filters[] = {Location::By::country, Location::By::region,
                                         Location::By::city, Location::By::postal_code,
                                         Location::By::within};

const char *blank_field_value_hint =
    "An empty answer counts as not set, so use the \"is_not_set\" operator to match it.";

NodeBody parse_item_purchase(const ObjectReader &fields)
{
	ItemPurchase condition;
	condition.items = read_id_list(fields.require("items"), "item id", "item ids");
	if (auto status = fields.find("status"))
		condition.status = read_choice(*status, status_choices);
	if (auto days = fields.find("days_since_purchase"))
		condition.days_since_purchase = read_comparator(*days, 0);
	if (auto dates = fields.find("purchased_between"))
	{
		read_pair(*dates, "[from, to]");
		IsoDate from = read_date(dates->element(0));
		IsoDate to = read_date(dates->element(1));
		// "YYYY-MM-DD" strings sort in date order.
		if (from > to)
			throw DefinitionError(dates->path,
			                      "start date " + quote(from) + " is after end date " + quote(to),
			                      "Write the earlier date first.");
		condition.purchased_between = std::make_pair(std::move(from), std::move(to));
	}
	return condition;
}

NodeBody parse_pass_redemptions(const ObjectReader &fields)
{
	PassRedemptions condition;
	condition.pass = read_id(fields.require("pass"), "item id");
	if (auto status = fields.find("pass_status"))
		condition.pass_status = read_choice(*status, status_choices);
	condition.count = read_comparator(fields.require("count"), 0);
	if (auto kind = fields.find("kind"))
		condition.kind = read_choice(*kind, redemption_kind_choices);
	if (auto days = fields.find("within_days"))
		condition.within_days = read_integer(*days, 1);
	return condition;
}

NodeBody parse_pass_points(const ObjectReader &fields)
{
	PassPoints condition;
	condition.pass = read_id(fields.require("pass"), "item id");
	if (auto status = fields.find("pass_status"))
		condition.pass_status = read_choice(*status, status_choices);
	// Points can be taken back, so totals and their bounds may be negative.
	condition.points = read_comparator(fields.require("points"), INT64_MIN);
	return condition;
}

NodeBody parse_pass_expiration(const ObjectReader &fields)
{
	PassExpiration condition;
	condition.pass = read_id(fields.require("pass"), "item id");
	// Only acquisitions that have not expired count, so the days left are never
	// negative.
	condition.days_until_expiration = read_comparator(fields.require("days_until_expiration"), 0);
	return condition;
}

// How many values each custom field operator takes.
enum class Arity
{
	none,
	one,
	list,
	pair
};

Arity arity_of(FieldOperator op)
{
	switch (op)
	{
	case FieldOperator::is_set:
	case FieldOperator::is_not_set:
		return Arity::none;
	case FieldOperator::in:
	case FieldOperator::not_in:
		return Arity::list;
	case FieldOperator::between:
		return Arity::pair;
	default:
		return Arity::one;
	}
}

// A custom field value of any scalar JSON type; check_references matches the
// type to the field.
FieldValue read_field_value(const Cursor &cursor)
{
	FieldValue value;
	switch (cursor.value.kind)
	{
	case json::Kind::string:
		value.kind = FieldValue::Kind::string;
		value.text = read_text(cursor, blank_field_value_hint);
		break;
	case json::Kind::number:
		value.kind = FieldValue::Kind::number;
		value.text = cursor.value.text;
		break;
	case json::Kind::boolean:
		value.kind = FieldValue::Kind::boolean;
		value.text = cursor.value.boolean ? "true" : "false";
		break;
	default:
		throw_expected(cursor, "a string, number or boolean");
	}
	return value;
}

FieldOperator read_field_operator(const Cursor &cursor)
{
	std::vector<std::string_view> names;
	for (FieldOperator op : all_field_operators)
	{
		if (cursor.value.kind == json::Kind::string && cursor.value.text == json_name(op))
			return op;
		names.push_back(json_name(op));
	}
	std::string hint = "Use one of " + quote_list(names, " or ") + ".";
	if (cursor.value.kind != json::Kind::string)
		throw_expected(cursor, "a string", hint);
	throw DefinitionError(cursor.path, "unknown operator " + quote(cursor.value.text), hint);
}

// Reads "value" or "values", whichever the operator takes, and rejects the
// other key.
std::vector<FieldValue> read_field_values(const ObjectReader &fields, FieldOperator op,
                                          const std::string &op_name)
{
	std::optional<Cursor> value = fields.find("value");
	std::optional<Cursor> values = fields.find("values");
	Arity arity = arity_of(op);

	if (arity == Arity::none)
	{
		if (value || values)
		{
			const Cursor &extra = value ? *value : *values;
			throw DefinitionError(extra.path, "operator " + op_name + " takes no value",
			                      "Remove \"" + std::string(value ? "value" : "values") + "\".");
		}
		return {};
	}

	if (arity == Arity::one)
	{
		if (values)
			throw DefinitionError(values->path,
			                      "operator " + op_name + " takes \"value\", not \"values\"",
			                      "Write one value as \"value\".");
		if (!value)
			throw DefinitionError(fields.cursor().path,
			                      "missing required key \"value\" for operator " + op_name);
		return {read_field_value(*value)};
	}

	if (value)
		throw DefinitionError(value->path,
		                      "operator " + op_name + " takes \"values\", not \"value\"",
		                      arity == Arity::pair ? "Write the bounds as \"values\": [low, high]."
		                                           : "Write the values as an array in \"values\".");
	if (!values)
		throw DefinitionError(fields.cursor().path,
		                      "missing required key \"values\" for operator " + op_name);
	if (arity == Arity::pair)
		read_pair(*values, "[low, high]");
	else
		read_array(*values, "values", 1, max_list_elements);

	std::vector<FieldValue> result;
	for (std::size_t i = 0; i < values->value.elements.size(); ++i)
		result.push_back(read_field_value(values->element(i)));
	return result;
}

NodeBody parse_custom_field(const ObjectReader &fields)
{
	CustomField condition;
	condition.field = read_text(fields.require("field"), "Write the name of a custom field.");
	Cursor op_cursor = fields.require("operator");
	condition.op = read_field_operator(op_cursor);
	condition.values = read_field_values(fields, condition.op, quote(op_cursor.value.text));
	return condition;
}

NodeBody parse_promotion_used(const ObjectReader &fields)
{
	PromotionUsed condition;
	if (auto codes = fields.find("codes"))
		condition.codes = read_text_list(*codes, "codes",
		                                 "Remove the blank code, or leave out \"codes\" to match "
		                                 "any promotion code.");
	if (auto items = fields.find("items"))
		condition.items = read_id_list(*items, "item id", "item ids");
	return condition;
}

Location read_within(const Cursor &cursor)
{
	if (cursor.value.kind != json::Kind::object)
		throw_expected(cursor, "an object with \"latitude\", \"longitude\" and \"radius_km\"");
	ObjectReader fields(cursor, {"latitude", "longitude", "radius_km"}, "\"within\"");

	// Coordinates keep only their nearest double, the type the distance
	// functions in PostgreSQL take.
	Location location;
	location.by = Location::By::within;
	location.latitude = read_number_in_range(fields.require("latitude"), -90, 90);
	location.longitude = read_number_in_range(fields.require("longitude"), -180, 180);
	location.radius_km = read_number_in_range(fields.require("radius_km"), 0, max_radius_km, true);
	return location;
}

NodeBody parse_location(const ObjectReader &fields)
{
	std::vector<std::string_view> present;
	std::vector<std::string_view> names;
	Location::By by = Location::By::country;
	for (Location::By filter : location_filters)
	{
		names.push_back(json_name(filter));
		if (fields.has(json_name(filter)))
		{
			present.push_back(json_name(filter));
			by = filter;
		}
	}
	if (present.empty())
		throw DefinitionError(fields.cursor().path, "missing one of " + quote_list(names, " or ") +
		                                                " in a \"location\" condition");
	if (present.size() > 1)
		throw DefinitionError(fields.cursor().path,
		                      "expected one of " + quote_list(names, " or ") + ", got " +
		                          quote_list(present, " and "),
		                      "Combine several \"location\" conditions in a group.");

	Cursor filter = *fields.find(present.front());
	if (by == Location::By::within)
		return read_within(filter);

	std::string_view plural = by == Location::By::country  ? "countries"
	                          : by == Location::By::region ? "regions"
	                          : by == Location::By::city   ? "cities"
	                                                       : "postal codes";
	Location location;
	location.by = by;
	location.values = read_text_list(filter, plural, "Remove the blank value.");
	return location;
}

NodeBody parse_in_segment(const ObjectReader &fields)
{
	InSegment condition;
	condition.segment = read_id(fields.require("segment"), "segment id");
	return condition;
}

struct ConditionType
{
	std::string_view name;
	std::vector<std::string_view> parameters; // keys besides "type" and "negate"
	NodeBody (*parse)(const ObjectReader &fields);
};

const std::vector<ConditionType> &condition_types()
{
	static const std::vector<ConditionType> types = {
	    {"item_purchase",
	     {"items", "status", "days_since_purchase", "purchased_between"},
	     parse_item_purchase},
	    {"pass_redemptions",
	     {"pass", "pass_status", "count", "kind", "within_days"},
	     parse_pass_redemptions},
	    {"pass_points", {"pass", "pass_status", "points"}, parse_pass_points},
	    {"pass_expiration", {"pass", "days_until_expiration"}, parse_pass_expiration},
	    {"custom_field", {"field", "operator", "value", "values"}, parse_custom_field},
	    {"promotion_used", {"codes", "items"}, parse_promotion_used},
	    {"location", {"country", "region", "city", "postal_code", "within"}, parse_location},
	    {"in_segment", {"segment"}, parse_in_segment},
	};
	return types;
}

const ConditionType &find_condition_type(const Cursor &type)
{
	std::vector<std::string_view> names;
	for (const ConditionType &candidate : condition_types())
	{
		if (type.value.kind == json::Kind::string && type.value.text == candidate.name)
			return candidate;
		names.push_back(candidate.name);
	}
	std::string hint = "Use one of " + quote_list(names, " or ") + ".";
	if (type.value.kind != json::Kind::string)
		throw_expected(type, "a string", hint);
	throw DefinitionError(type.path, "unknown condition type " + quote(type.value.text), hint);
}

} // namespace

void parse_condition(const Cursor &cursor, Node &node)
{
	const json::Value *type_value = nullptr;
	for (const json::Member &member : cursor.value.members)
	{
		if (member.key == "type")
			type_value = &member.value;
	}
	const ConditionType &type = find_condition_type(cursor.member("type", *type_value));

	std::vector<std::string_view> keys = {"type"};
	keys.insert(keys.end(), type.parameters.begin(), type.parameters.end());
	keys.push_back("negate");
	bool vowel = std::string_view("aeiou").find(type.name.front()) != std::string_view::npos;
	std::string what =
	    std::string(vowel ? "an" : "a") + " \"" + std::string(type.name) + "\" condition";
	ObjectReader fields(cursor, std::move(keys), std::move(what));

	node.body = type.parse(fields);
	if (auto negate = fields.find("negate"))
		node.negate = read_boolean(*negate);
}

} // namespace segments
