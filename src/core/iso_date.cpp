// Checking of ISO 8601 calendar dates ("YYYY-MM-DD") in the proleptic Gregorian
// calendar, the one PostgreSQL's date type uses.
#include "core/definition_parser.hpp"

namespace segments
{

namespace
{

bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && is_leap_year(year))
		return 29;
	return days[month - 1];
}

// Reads the decimal digits text[from, from + count) into value.
bool read_digits(std::string_view text, std::size_t from, std::size_t count, int &value)
{
	value = 0;
	for (std::size_t i = from; i < from + count; ++i)
	{
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (text[i] - '0');
	}
	return true;
}

} // namespace

bool is_iso_date(std::string_view text)
{
	if (text.size() != 10 || text[4] != '-' || text[7] != '-')
		return false;
	int year = 0;
	int month = 0;
	int day = 0;
	if (!read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) ||
	    !read_digits(text, 8, 2, day))
		return false;
	// PostgreSQL writes years before 1 as BC, so "0000" is not a date it accepts.
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= days_in_month(year, month);
}

} // namespace segments
