// Reading stored custom field answers, which are free text typed by customers
// or loaded by ETL, as the field's type.
//
// Every function here accepts any input and reports "not a valid value" by
// returning an empty optional, never by throwing, because one malformed answer
// must never abort a recalculation. They allocate nothing and return views into
// their input, so the SQL-callable wrappers in src/pg/field_values.cpp hold no
// C++ object with a destructor while they call into PostgreSQL.
#pragma once

#include "core/no_postgres.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace segments
{

// Whitespace trimmed from both ends of answers and definition values: space,
// tab, line feed, carriage return, vertical tab and form feed (ASCII only).
bool is_trimmed_space(char ch);

// Returns text without surrounding whitespace.
std::string_view trim_space(std::string_view text);

// Returns the trimmed text when it is a number this extension compares
// numerically: an optional sign, decimal digits with an optional decimal point
// (at least one digit), and an optional exponent "e" or "E" with an optional
// sign and digits. The trimmed text is at most max_number_length characters
// and the exponent's magnitude at most max_number_exponent. The value then has
// at most 2,000 digits before and after the decimal point, where numeric allows
// 131,072 and 16,383, so PostgreSQL's numeric input accepts every result
// without overflow. NaN, Infinity, hexadecimal, underscores and anything longer
// are not numbers here.
std::optional<std::string_view> number_text(std::string_view text);

inline constexpr std::size_t max_number_length = 1000;
inline constexpr long max_number_exponent = 1000;

struct CalendarDate
{
	int year;
	int month;
	int day;
};

// Parses a trimmed "YYYY-MM-DD" that names an existing day of the proleptic
// Gregorian calendar, years 0001 to 9999. Anything else (2023-02-30, 2023-2-3,
// a time of day) is not a date.
std::optional<CalendarDate> parse_date(std::string_view text);

// Parses true/false, yes/no and 1/0 in any letter case, after trimming.
std::optional<bool> parse_boolean(std::string_view text);

} // namespace segments
