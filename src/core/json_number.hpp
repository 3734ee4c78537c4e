// Exact arithmetic on the text of JSON numbers.
//
// A JSON number's text is exact where a double is not, so integers and custom
// field bounds are judged from the text: 5.0 and 50e-1 are the integer 5, and
// 5.0000000000000001 is not an integer although its double is 5.
#pragma once

#include "core/no_postgres.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace segments
{

enum class IntegerConversion
{
	ok,
	not_integer,
	out_of_range
};

// Converts the text of a JSON number to int64 when its value is an integer that
// fits. The text must follow the JSON number grammar (the parser checked it).
IntegerConversion json_number_to_int64(std::string_view text, int64_t &result);

// Compares two JSON numbers by value: negative when a < b, zero when equal,
// positive when a > b.
int compare_json_numbers(std::string_view a, std::string_view b);

// The shortest JSON text that reads back as the same double ("0.1", "45.5",
// "1e-07"). value must be finite.
std::string format_double(double value);

} // namespace segments
