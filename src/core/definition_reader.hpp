// Typed reading of values from a JSON tree for the definition parser. Every
// function throws DefinitionError naming the JSON path of the value at fault.
#pragma once

#include "core/definition.hpp"
#include "core/definition_names.hpp"
#include "core/json_document.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace segments
{

// A value in the document and its JSON path ("conditions[1].count").
struct Cursor
{
	const json::Value &value;
	std::string path;

	Cursor member(std::string_view key, const json::Value &member_value) const;
	Cursor element(std::size_t index) const;
};

// Limits of the values inside a definition.
inline constexpr std::size_t max_text_characters = 1000;
inline constexpr std::size_t max_list_elements = 1000;

// The value as messages show it after "got": a number as written, a string in
// double quotes (both shortened when long), true, false, null, or "an array" or
// "an object".
std::string describe(const json::Value &value);

// text in double quotes with JSON escapes, shortened when long.
std::string quote(std::string_view text);

// Words in double quotes, separated by commas, with last_separator (" and ",
// " or ") before the last one.
std::string quote_list(std::initializer_list<std::string_view> words,
                       std::string_view last_separator);
std::string quote_list(const std::vector<std::string_view> &words, std::string_view last_separator);

// Throws "PATH: expected EXPECTED, got VALUE".
[[noreturn]] void throw_expected(const Cursor &cursor, std::string_view expected,
                                 std::string hint = {});

// The members of a JSON object whose keys are all known and each present once.
class ObjectReader
{
  public:
	// what names the object in messages, with its article: `an "item_purchase"
	// condition`. Throws when cursor is not an object, or on an unknown or
	// repeated key.
	ObjectReader(const Cursor &cursor, std::vector<std::string_view> keys, std::string what);

	std::optional<Cursor> find(std::string_view key) const;
	// Throws when the key is absent.
	Cursor require(std::string_view key) const;
	bool has(std::string_view key) const { return find(key).has_value(); }
	const Cursor &cursor() const { return cursor_; }

  private:
	Cursor cursor_;
	std::string what_;
};

bool read_boolean(const Cursor &cursor);

// A string that is not blank, at most max_text_characters long and free of NUL
// characters. blank_hint is the error hint for a blank string.
std::string read_text(const Cursor &cursor, std::string_view blank_hint);

// A non-empty array of at most max_list_elements such strings; plural names
// them in messages ("codes").
std::vector<std::string> read_text_list(const Cursor &cursor, std::string_view plural,
                                        std::string_view blank_hint);

// A positive integer id; noun names it in messages ("item id").
int64_t read_id(const Cursor &cursor, std::string_view noun);

// A non-empty array of at most max_list_elements ids, returned sorted without
// duplicates; plural names them in messages ("item ids").
std::vector<int64_t> read_id_list(const Cursor &cursor, std::string_view noun,
                                  std::string_view plural);

// An integer of at least minimum, which is INT64_MIN, 0 or 1.
int64_t read_integer(const Cursor &cursor, int64_t minimum);

// A comparator object whose operands are integers of at least minimum.
Comparator read_comparator(const Cursor &cursor, int64_t minimum);

// A date string "YYYY-MM-DD" that exists in the calendar.
IsoDate read_date(const Cursor &cursor);

// A finite number in [minimum, maximum], or in (minimum, maximum] when
// minimum_excluded.
double read_number_in_range(const Cursor &cursor, double minimum, double maximum,
                            bool minimum_excluded = false);

// An array of min_size to max_size elements; plural names them in messages.
const std::vector<json::Value> &read_array(const Cursor &cursor, std::string_view plural,
                                           std::size_t min_size, std::size_t max_size);

// An array of exactly two elements; shape names them in messages ("[low, high]").
const std::vector<json::Value> &read_pair(const Cursor &cursor, std::string_view shape);

// One of choices, written as its json_name.
template <class Enum> Enum read_choice(const Cursor &cursor, std::initializer_list<Enum> choices)
{
	std::vector<std::string_view> names;
	for (Enum choice : choices)
	{
		if (cursor.value.kind == json::Kind::string && cursor.value.text == json_name(choice))
			return choice;
		names.push_back(json_name(choice));
	}
	throw_expected(cursor, quote_list(names, " or "));
}

} // namespace segments
