// Parsing rules for stored custom field answers; see field_values.hpp.
#include "core/field_values.hpp"

namespace segments
{

namespace
{

bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

// Compares ASCII letters without regard to case; word is lower case.
bool equals_ignoring_case(std::string_view text, std::string_view word)
{
	if (text.size() != word.size())
		return false;
	for (std::size_t i = 0; i < text.size(); ++i)
	{
		char ch = text[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = static_cast<char>(ch - 'A' + 'a');
		if (ch != word[i])
			return false;
	}
	return true;
}

bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
	static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

int digits_value(std::string_view text)
{
	int value = 0;
	for (char ch : text)
		value = value * 10 + (ch - '0');
	return value;
}

} // namespace

bool is_trimmed_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

std::string_view trim_space(std::string_view text)
{
	std::size_t begin = 0;
	std::size_t end = text.size();
	while (begin < end && is_trimmed_space(text[begin]))
		++begin;
	while (end > begin && is_trimmed_space(text[end - 1]))
		--end;
	return text.substr(begin, end - begin);
}

std::optional<std::string_view> number_text(std::string_view text)
{
	std::string_view number = trim_space(text);
	if (number.empty() || number.size() > max_number_length)
		return std::nullopt;

	std::size_t i = 0;
	if (number[i] == '+' || number[i] == '-')
		++i;
	std::size_t digits = 0;
	while (i < number.size() && is_digit(number[i]))
	{
		++i;
		++digits;
	}
	if (i < number.size() && number[i] == '.')
	{
		++i;
		while (i < number.size() && is_digit(number[i]))
		{
			++i;
			++digits;
		}
	}
	if (digits == 0)
		return std::nullopt;

	if (i < number.size() && (number[i] == 'e' || number[i] == 'E'))
	{
		++i;
		if (i < number.size() && (number[i] == '+' || number[i] == '-'))
			++i;
		std::size_t exponent_start = i;
		long exponent = 0;
		while (i < number.size() && is_digit(number[i]))
		{
			// Stop accumulating once past the limit so a long exponent cannot overflow.
			if (exponent <= max_number_exponent)
				exponent = exponent * 10 + (number[i] - '0');
			++i;
		}
		if (i == exponent_start || exponent > max_number_exponent)
			return std::nullopt;
	}
	if (i != number.size())
		return std::nullopt;
	return number;
}

std::optional<CalendarDate> parse_date(std::string_view text)
{
	std::string_view date = trim_space(text);
	if (date.size() != 10 || date[4] != '-' || date[7] != '-')
		return std::nullopt;
	for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
		if (!is_digit(date[i]))
			return std::nullopt;
	CalendarDate result{digits_value(date.substr(0, 4)), digits_value(date.substr(5, 2)),
	                    digits_value(date.substr(8, 2))};
	if (result.year < 1 || result.month < 1 || result.month > 12 || result.day < 1 ||
	    result.day > days_in_month(result.year, result.month))
		return std::nullopt;
	return result;
}

std::optional<bool> parse_boolean(std::string_view text)
{
	std::string_view word = trim_space(text);
	if (equals_ignoring_case(word, "true") || equals_ignoring_case(word, "yes") || word == "1")
		return true;
	if (equals_ignoring_case(word, "false") || equals_ignoring_case(word, "no") || word == "0")
		return false;
	return std::nullopt;
}

} // namespace segments
