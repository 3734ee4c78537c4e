// Typed reading of definition values, and the wording of their errors.
#include "core/definition_reader.hpp"

#include "core/definition_parser.hpp"
#include "core/error.hpp"
#include "core/json_number.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <climits>

namespace segments
{

namespace
{

// Longer values are shortened in messages, so a message stays readable.
constexpr std::size_t max_quoted_characters = 40;

bool is_utf8_continuation(char byte)
{
	return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

std::size_t count_characters(std::string_view text)
{
	return static_cast<std::size_t>(std::count_if(
	    text.begin(), text.end(), [](char byte) { return !is_utf8_continuation(byte); }));
}

// The first max_quoted_characters characters of text, and "..." when cut.
std::string shorten(std::string_view text)
{
	std::size_t characters = 0;
	for (std::size_t i = 0; i < text.size(); ++i)
	{
		if (is_utf8_continuation(text[i]))
			continue;
		if (characters == max_quoted_characters)
			return std::string(text.substr(0, i)) + "...";
		++characters;
	}
	return std::string(text);
}

bool is_blank(std::string_view text)
{
	return std::all_of(text.begin(), text.end(), [](char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	});
}

std::string capitalized(std::string text)
{
	if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
		text[0] = static_cast<char>(text[0] - 'a' + 'A');
	return text;
}

// The article and name of an integer with this minimum, for messages.
const char *integer_name(int64_t minimum)
{
	if (minimum == 1)
		return "a positive integer";
	if (minimum == 0)
		return "a non-negative integer";
	return "an integer";
}

[[noreturn]] void throw_out_of_range(const Cursor &cursor, std::string_view subject,
                                     int64_t minimum)
{
	throw DefinitionError(cursor.path, std::string(subject) + " is out of range",
	                      "Use an integer between " + std::to_string(minimum) + " and " +
	                          std::to_string(INT64_MAX) + ".");
}

} // namespace

Cursor Cursor::member(std::string_view key, const json::Value &member_value) const
{
	std::string child = path.empty() ? std::string(key) : path + "." + std::string(key);
	return Cursor{member_value, std::move(child)};
}

Cursor Cursor::element(std::size_t index) const
{
	return Cursor{value.elements[index], path + "[" + std::to_string(index) + "]"};
}

std::string quote(std::string_view text)
{
	return boost::json::serialize(boost::json::string_view(shorten(text)));
}

std::string describe(const json::Value &value)
{
	switch (value.kind)
	{
	case json::Kind::null:
		return "null";
	case json::Kind::boolean:
		return value.boolean ? "true" : "false";
	case json::Kind::number:
		return shorten(value.text);
	case json::Kind::string:
		return quote(value.text);
	case json::Kind::array:
	case json::Kind::object:
		return json::kind_name(value.kind);
	}
	return json::kind_name(value.kind);
}

std::string quote_list(const std::vector<std::string_view> &words, std::string_view last_separator)
{
	std::string list;
	for (std::size_t i = 0; i < words.size(); ++i)
	{
		if (i > 0)
			list += i + 1 == words.size() ? std::string(last_separator) : ", ";
		list += "\"" + std::string(words[i]) + "\"";
	}
	return list;
}

std::string quote_list(std::initializer_list<std::string_view> words,
                       std::string_view last_separator)
{
	return quote_list(std::vector<std::string_view>(words), last_separator);
}

void throw_expected(const Cursor &cursor, std::string_view expected, std::string hint)
{
	throw DefinitionError(cursor.path,
	                      "expected " + std::string(expected) + ", got " + describe(cursor.value),
	                      std::move(hint));
}

ObjectReader::ObjectReader(const Cursor &cursor, std::vector<std::string_view> keys,
                           std::string what)
    : cursor_(cursor), what_(std::move(what))
{
	if (cursor.value.kind != json::Kind::object)
		throw_expected(cursor, "an object");

	std::vector<bool> seen(keys.size(), false);
	for (const json::Member &member : cursor.value.members)
	{
		auto known = std::find(keys.begin(), keys.end(), member.key);
		if (known == keys.end())
			throw DefinitionError(cursor.path, "unknown key " + quote(member.key) + " in " + what_,
			                      capitalized(what_) + " takes the keys " +
			                          quote_list(keys, " and ") + ".");
		std::size_t index = static_cast<std::size_t>(known - keys.begin());
		// jsonb keeps only the last of repeated keys; text input gets an error
		// instead of a silent choice.
		if (seen[index])
			throw DefinitionError(cursor.path,
			                      "duplicate key " + quote(member.key) + " in " + what_,
			                      "Write each key once.");
		seen[index] = true;
	}
}

std::optional<Cursor> ObjectReader::find(std::string_view key) const
{
	for (const json::Member &member : cursor_.value.members)
	{
		if (member.key == key)
			return cursor_.member(key, member.value);
	}
	return std::nullopt;
}

Cursor ObjectReader::require(std::string_view key) const
{
	std::optional<Cursor> found = find(key);
	if (!found)
		throw DefinitionError(cursor_.path,
		                      "missing required key \"" + std::string(key) + "\" in " + what_);
	return *found;
}

bool read_boolean(const Cursor &cursor)
{
	if (cursor.value.kind != json::Kind::boolean)
		throw_expected(cursor, "true or false");
	return cursor.value.boolean;
}

std::string read_text(const Cursor &cursor, std::string_view blank_hint)
{
	if (cursor.value.kind != json::Kind::string)
		throw_expected(cursor, "a string");

	const std::string &text = cursor.value.text;
	if (text.empty())
		throw DefinitionError(cursor.path, "string is empty", std::string(blank_hint));
	if (is_blank(text))
		throw DefinitionError(cursor.path, "string " + quote(text) + " contains only whitespace",
		                      std::string(blank_hint));

	std::size_t characters = count_characters(text);
	if (characters > max_text_characters)
		throw DefinitionError(cursor.path, "string is " + std::to_string(characters) +
		                                       " characters long, more than the limit of " +
		                                       std::to_string(max_text_characters));
	if (text.find('\0') != std::string::npos)
		throw DefinitionError(cursor.path, "string contains the NUL character \"\\u0000\"",
		                      "Remove it: PostgreSQL text cannot store it.");
	return text;
}

std::vector<std::string> read_text_list(const Cursor &cursor, std::string_view plural,
                                        std::string_view blank_hint)
{
	const std::vector<json::Value> &elements = read_array(cursor, plural, 1, max_list_elements);
	std::vector<std::string> texts;
	texts.reserve(elements.size());
	for (std::size_t i = 0; i < elements.size(); ++i)
		texts.push_back(read_text(cursor.element(i), blank_hint));
	return texts;
}

int64_t read_id(const Cursor &cursor, std::string_view noun)
{
	bool vowel = std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
	std::string expected = (vowel ? "an " : "a ") + std::string(noun) + " (a positive integer)";
	if (cursor.value.kind != json::Kind::number)
		throw_expected(cursor, expected);

	int64_t id = 0;
	switch (json_number_to_int64(cursor.value.text, id))
	{
	case IntegerConversion::ok:
		break;
	case IntegerConversion::not_integer:
		throw_expected(cursor, expected);
	case IntegerConversion::out_of_range:
		throw_out_of_range(cursor, std::string(noun) + " " + shorten(cursor.value.text), 1);
	}
	if (id < 1)
		throw_expected(cursor, expected);
	return id;
}

std::vector<int64_t> read_id_list(const Cursor &cursor, std::string_view noun,
                                  std::string_view plural)
{
	const std::vector<json::Value> &elements = read_array(cursor, plural, 1, max_list_elements);
	std::vector<int64_t> ids;
	ids.reserve(elements.size());
	for (std::size_t i = 0; i < elements.size(); ++i)
		ids.push_back(read_id(cursor.element(i), noun));
	std::sort(ids.begin(), ids.end());
	ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
	return ids;
}

int64_t read_integer(const Cursor &cursor, int64_t minimum)
{
	if (cursor.value.kind != json::Kind::number)
		throw_expected(cursor, integer_name(minimum));

	int64_t integer = 0;
	switch (json_number_to_int64(cursor.value.text, integer))
	{
	case IntegerConversion::ok:
		break;
	case IntegerConversion::not_integer:
		throw_expected(cursor, integer_name(minimum));
	case IntegerConversion::out_of_range:
		throw_out_of_range(cursor, shorten(cursor.value.text), minimum);
	}
	if (integer < minimum)
		throw_expected(cursor, integer_name(minimum));
	return integer;
}

Comparator read_comparator(const Cursor &cursor, int64_t minimum)
{
	static const Comparator::Op operators[] = {
	    Comparator::Op::exactly,  Comparator::Op::greater_than, Comparator::Op::less_than,
	    Comparator::Op::at_least, Comparator::Op::at_most,      Comparator::Op::between,
	};
	std::vector<std::string_view> names;
	for (Comparator::Op op : operators)
		names.push_back(json_name(op));

	const json::Value &value = cursor.value;
	if (value.kind != json::Kind::object || value.members.empty())
		throw DefinitionError(cursor.path,
		                      "expected an object with one of " + quote_list(names, ", "),
		                      "Write a comparison such as {\"at_least\": 5} or "
		                      "{\"between\": [1, 10]}.");

	std::vector<std::string_view> keys;
	for (const json::Member &member : value.members)
	{
		if (std::find(names.begin(), names.end(), member.key) == names.end())
			throw DefinitionError(cursor.path, "unknown comparison " + quote(member.key),
			                      "Use one of " + quote_list(names, " or ") + ".");
		keys.push_back(member.key);
	}
	if (keys.size() > 1)
		throw DefinitionError(cursor.path,
		                      "expected one comparison, got " + quote_list(keys, " and "),
		                      "Use \"between\" for a range, or a group for other combinations.");

	const json::Member *chosen = &value.members.front();
	Comparator comparator;
	for (Comparator::Op op : operators)
	{
		if (chosen->key == json_name(op))
			comparator.op = op;
	}
	Cursor operand = cursor.member(chosen->key, chosen->value);
	if (comparator.op != Comparator::Op::between)
	{
		comparator.low = read_integer(operand, minimum);
		comparator.high = comparator.low;
		return comparator;
	}

	read_pair(operand, "[low, high]");
	comparator.low = read_integer(operand.element(0), minimum);
	comparator.high = read_integer(operand.element(1), minimum);
	if (comparator.low > comparator.high)
		throw DefinitionError(operand.path,
		                      "low bound " + std::to_string(comparator.low) +
		                          " is greater than high bound " + std::to_string(comparator.high),
		                      "Write the smaller number first.");
	return comparator;
}

IsoDate read_date(const Cursor &cursor)
{
	if (cursor.value.kind != json::Kind::string)
		throw_expected(cursor, "a date \"YYYY-MM-DD\"");
	if (!is_iso_date(cursor.value.text))
		throw DefinitionError(cursor.path, quote(cursor.value.text) + " is not a valid date",
		                      "Write dates as YYYY-MM-DD.");
	return cursor.value.text;
}

double read_number_in_range(const Cursor &cursor, double minimum, double maximum,
                            bool minimum_excluded)
{
	std::string expected = "a number ";
	if (minimum_excluded)
		expected +=
		    "greater than " + format_double(minimum) + " and at most " + format_double(maximum);
	else
		expected += "between " + format_double(minimum) + " and " + format_double(maximum);

	if (cursor.value.kind != json::Kind::number)
		throw_expected(cursor, expected);
	// The comparisons are false for NaN; an infinite double (beyond 1.8e308)
	// fails them too.
	double number = cursor.value.number;
	bool above_minimum = minimum_excluded ? number > minimum : number >= minimum;
	if (!above_minimum || !(number <= maximum))
		throw_expected(cursor, expected);
	return number;
}

const std::vector<json::Value> &read_array(const Cursor &cursor, std::string_view plural,
                                           std::size_t min_size, std::size_t max_size)
{
	if (cursor.value.kind != json::Kind::array)
		throw_expected(cursor, "an array of " + std::string(plural));
	std::size_t size = cursor.value.elements.size();
	if (size < min_size || size > max_size)
		throw DefinitionError(cursor.path, "expected between " + std::to_string(min_size) +
		                                       " and " + std::to_string(max_size) + " " +
		                                       std::string(plural) + ", got " +
		                                       std::to_string(size));
	return cursor.value.elements;
}

const std::vector<json::Value> &read_pair(const Cursor &cursor, std::string_view shape)
{
	std::string expected = "an array of 2 elements " + std::string(shape);
	if (cursor.value.kind != json::Kind::array)
		throw_expected(cursor, expected);
	if (cursor.value.elements.size() != 2)
		throw DefinitionError(cursor.path, "expected " + expected + ", got " +
		                                       std::to_string(cursor.value.elements.size()) +
		                                       " elements");
	return cursor.value.elements;
}

} // namespace segments
