// Serialization of a definition in its normalized form: every default written
// out, keys in a fixed order, id lists sorted without duplicates, repeated
// strings and values dropped. Equal meanings then give equal text, and
// parsing the output and normalizing again gives the same text.
//
// The JSON is written here instead of through boost::json::value, because a
// custom field number must keep its digits as written (see json_document.hpp);
// Boost.JSON escapes the strings.
#include "core/definition_names.hpp"
#include "core/definition_parser.hpp"
#include "core/json_number.hpp"

#include <boost/json/serialize.hpp>

#include <set>
#include <type_traits>

namespace segments
{

namespace
{

// Compact JSON text written value by value; the caller keeps the nesting right.
class JsonWriter
{
  public:
	void begin_object()
	{
		before_value();
		text_ += '{';
		first_.push_back(true);
	}

	void end_object()
	{
		text_ += '}';
		first_.pop_back();
	}

	void begin_array()
	{
		before_value();
		text_ += '[';
		first_.push_back(true);
	}

	void end_array()
	{
		text_ += ']';
		first_.pop_back();
	}

	void key(std::string_view name)
	{
		before_value();
		text_ += boost::json::serialize(boost::json::string_view(name.data(), name.size()));
		text_ += ':';
		after_key_ = true;
	}

	void string(std::string_view value)
	{
		before_value();
		text_ += boost::json::serialize(boost::json::string_view(value.data(), value.size()));
	}

	// A number that is already JSON number text.
	void number_text(std::string_view value)
	{
		before_value();
		text_ += value;
	}

	void integer(int64_t value) { number_text(std::to_string(value)); }
	void number(double value) { number_text(format_double(value)); }
	void boolean(bool value) { number_text(value ? "true" : "false"); }

	std::string take() { return std::move(text_); }

  private:
	// Writes the comma between members or elements, but not after a key.
	void before_value()
	{
		if (after_key_)
		{
			after_key_ = false;
			return;
		}
		if (!first_.empty())
		{
			if (!first_.back())
				text_ += ',';
			first_.back() = false;
		}
	}

	std::string text_;
	std::vector<bool> first_; // per open object or array: nothing written in it yet
	bool after_key_ = false;
};

void write_ids(JsonWriter &out, std::string_view key, const std::vector<int64_t> &ids)
{
	// The parser sorted the ids and dropped repeats; a set keeps that true for a
	// Definition built some other way.
	std::set<int64_t> sorted(ids.begin(), ids.end());
	out.key(key);
	out.begin_array();
	for (int64_t id : sorted)
		out.integer(id);
	out.end_array();
}

// Strings keep their order, because the first one written is what a reader
// sees first; only exact repeats go.
void write_strings(JsonWriter &out, std::string_view key, const std::vector<std::string> &values)
{
	std::set<std::string> seen;
	out.key(key);
	out.begin_array();
	for (const std::string &value : values)
	{
		if (seen.insert(value).second)
			out.string(value);
	}
	out.end_array();
}

void write_comparator(JsonWriter &out, std::string_view key, const Comparator &comparator)
{
	out.key(key);
	out.begin_object();
	out.key(json_name(comparator.op));
	if (comparator.op == Comparator::Op::between)
	{
		out.begin_array();
		out.integer(comparator.low);
		out.integer(comparator.high);
		out.end_array();
	}
	else
	{
		out.integer(comparator.low);
	}
	out.end_object();
}

void write_field_value(JsonWriter &out, const FieldValue &value)
{
	switch (value.kind)
	{
	case FieldValue::Kind::string:
		out.string(value.text);
		break;
	case FieldValue::Kind::number:
		out.number_text(value.text);
		break;
	case FieldValue::Kind::boolean:
		out.boolean(value.text == "true");
		break;
	}
}

void write_parameters(JsonWriter &out, const ItemPurchase &condition)
{
	write_ids(out, "items", condition.items);
	out.key("status");
	out.string(json_name(condition.status));
	if (condition.days_since_purchase)
		write_comparator(out, "days_since_purchase", *condition.days_since_purchase);
	if (condition.purchased_between)
	{
		out.key("purchased_between");
		out.begin_array();
		out.string(condition.purchased_between->first);
		out.string(condition.purchased_between->second);
		out.end_array();
	}
}

void write_parameters(JsonWriter &out, const PassRedemptions &condition)
{
	out.key("pass");
	out.integer(condition.pass);
	out.key("pass_status");
	out.string(json_name(condition.pass_status));
	write_comparator(out, "count", condition.count);
	out.key("kind");
	out.string(json_name(condition.kind));
	if (condition.within_days)
	{
		out.key("within_days");
		out.integer(*condition.within_days);
	}
}

void write_parameters(JsonWriter &out, const PassPoints &condition)
{
	out.key("pass");
	out.integer(condition.pass);
	out.key("pass_status");
	out.string(json_name(condition.pass_status));
	write_comparator(out, "points", condition.points);
}

void write_parameters(JsonWriter &out, const PassExpiration &condition)
{
	out.key("pass");
	out.integer(condition.pass);
	write_comparator(out, "days_until_expiration", condition.days_until_expiration);
}

void write_parameters(JsonWriter &out, const CustomField &condition)
{
	out.key("field");
	out.string(condition.field);
	out.key("operator");
	out.string(json_name(condition.op));
	switch (condition.op)
	{
	case FieldOperator::is_set:
	case FieldOperator::is_not_set:
		return;
	case FieldOperator::in:
	case FieldOperator::not_in:
	{
		// 5 and 5.0 are different text and both stay; they are rare enough that
		// comparing numbers by value here is not worth it.
		std::set<std::pair<FieldValue::Kind, std::string>> seen;
		out.key("values");
		out.begin_array();
		for (const FieldValue &value : condition.values)
		{
			if (seen.emplace(value.kind, value.text).second)
				write_field_value(out, value);
		}
		out.end_array();
		return;
	}
	case FieldOperator::between:
		out.key("values");
		out.begin_array();
		for (const FieldValue &value : condition.values)
			write_field_value(out, value);
		out.end_array();
		return;
	default:
		out.key("value");
		write_field_value(out, condition.values.at(0));
		return;
	}
}

void write_parameters(JsonWriter &out, const PromotionUsed &condition)
{
	if (condition.codes)
		write_strings(out, "codes", *condition.codes);
	if (condition.items)
		write_ids(out, "items", *condition.items);
}

void write_parameters(JsonWriter &out, const Location &condition)
{
	if (condition.by != Location::By::within)
	{
		write_strings(out, json_name(condition.by), condition.values);
		return;
	}
	out.key("within");
	out.begin_object();
	out.key("latitude");
	out.number(condition.latitude);
	out.key("longitude");
	out.number(condition.longitude);
	out.key("radius_km");
	out.number(condition.radius_km);
	out.end_object();
}

void write_parameters(JsonWriter &out, const InSegment &condition)
{
	out.key("segment");
	out.integer(condition.segment);
}

void write_node(JsonWriter &out, const Node &node, bool is_root);

void write_group(JsonWriter &out, const Group &group)
{
	out.key("match");
	out.string(json_name(group.match));
	out.key("conditions");
	out.begin_array();
	for (const Node &child : group.conditions)
		write_node(out, child, false);
	out.end_array();
}

// Recursion here is bounded by the group depth limit the parser enforces.
void write_node(JsonWriter &out, const Node &node, bool is_root)
{
	out.begin_object();
	std::visit(
	    [&](const auto &body) {
		    using T = std::decay_t<decltype(body)>;
		    if constexpr (std::is_same_v<T, Group>)
		    {
			    write_group(out, body);
		    }
		    else
		    {
			    out.key("type");
			    out.string(condition_type_name(node.body));
			    write_parameters(out, body);
		    }
	    },
	    node.body);
	if (!is_root)
	{
		out.key("negate");
		out.boolean(node.negate);
	}
	out.end_object();
}

} // namespace

std::string normalized_json(const Definition &definition)
{
	JsonWriter out;
	write_node(out, definition.root, true);
	return out.take();
}

std::string normalized_node_json(const Node &node)
{
	JsonWriter out;
	write_node(out, node, false);
	return out.take();
}

} // namespace segments
