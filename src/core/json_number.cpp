// Exact value of a JSON number's text as sign, significant digits and exponent.
#include "core/json_number.hpp"

#include <charconv>
#include <string>

namespace segments
{

namespace
{

// value = (negative ? -1 : 1) * 0.DIGITS * 10^exponent. digits has no leading
// or trailing zeros, so zero has no digits, and equal values have equal parts.
struct Decimal
{
	bool negative = false;
	std::string digits;
	int64_t exponent = 0;
};

bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

// NOTE: an exponent beyond +-10^15 is clamped there, so two numbers both past
// that range may compare equal when they are not. PostgreSQL numeric, which
// every jsonb number fits, stays far inside it.
constexpr int64_t exponent_clamp = 1'000'000'000'000'000;

Decimal parse_decimal(std::string_view text)
{
	Decimal decimal;
	std::size_t i = 0;
	if (i < text.size() && text[i] == '-')
	{
		decimal.negative = true;
		++i;
	}

	// Collect the significant digits; point is where the decimal point falls
	// among them.
	int64_t point = 0;
	bool seen_point = false;
	for (; i < text.size() && (is_digit(text[i]) || text[i] == '.'); ++i)
	{
		if (text[i] == '.')
		{
			seen_point = true;
			continue;
		}
		if (decimal.digits.empty() && text[i] == '0')
		{
			if (seen_point)
				--point;
			continue;
		}
		decimal.digits.push_back(text[i]);
		if (!seen_point)
			++point;
	}

	int64_t exponent = 0;
	if (i < text.size() && (text[i] == 'e' || text[i] == 'E'))
	{
		++i;
		bool exponent_negative = false;
		if (i < text.size() && (text[i] == '+' || text[i] == '-'))
		{
			exponent_negative = text[i] == '-';
			++i;
		}
		for (; i < text.size() && is_digit(text[i]); ++i)
		{
			if (exponent < exponent_clamp)
				exponent = exponent * 10 + (text[i] - '0');
		}
		if (exponent > exponent_clamp)
			exponent = exponent_clamp;
		if (exponent_negative)
			exponent = -exponent;
	}

	while (!decimal.digits.empty() && decimal.digits.back() == '0')
		decimal.digits.pop_back();
	if (decimal.digits.empty())
	{
		decimal.negative = false;
		return decimal;
	}
	decimal.exponent = point + exponent;
	return decimal;
}

// Compares absolute values.
int compare_magnitudes(const Decimal &a, const Decimal &b)
{
	if (a.digits.empty() || b.digits.empty())
		return static_cast<int>(!a.digits.empty()) - static_cast<int>(!b.digits.empty());
	if (a.exponent != b.exponent)
		return a.exponent < b.exponent ? -1 : 1;
	int order = a.digits.compare(b.digits);
	return (order > 0) - (order < 0);
}

} // namespace

IntegerConversion json_number_to_int64(std::string_view text, int64_t &result)
{
	Decimal decimal = parse_decimal(text);
	if (decimal.digits.empty())
	{
		result = 0;
		return IntegerConversion::ok;
	}

	// The last digit is not zero, so the value is an integer exactly when that
	// digit sits before the decimal point.
	if (decimal.exponent < static_cast<int64_t>(decimal.digits.size()))
		return IntegerConversion::not_integer;
	if (decimal.exponent > 19)
		return IntegerConversion::out_of_range;

	// At most 19 digits, so the magnitude fits in uint64 (max 1.8e19).
	uint64_t magnitude = 0;
	for (int64_t position = 0; position < decimal.exponent; ++position)
	{
		std::size_t index = static_cast<std::size_t>(position);
		int digit = index < decimal.digits.size() ? decimal.digits[index] - '0' : 0;
		magnitude = magnitude * 10 + static_cast<uint64_t>(digit);
	}

	constexpr uint64_t max_positive = static_cast<uint64_t>(INT64_MAX);
	if (decimal.negative)
	{
		if (magnitude > max_positive + 1)
			return IntegerConversion::out_of_range;
		// Negating in unsigned arithmetic keeps INT64_MIN representable.
		result = static_cast<int64_t>(0 - magnitude);
	}
	else
	{
		if (magnitude > max_positive)
			return IntegerConversion::out_of_range;
		result = static_cast<int64_t>(magnitude);
	}
	return IntegerConversion::ok;
}

int compare_json_numbers(std::string_view a, std::string_view b)
{
	Decimal left = parse_decimal(a);
	Decimal right = parse_decimal(b);
	bool left_negative = left.negative && !left.digits.empty();
	bool right_negative = right.negative && !right.digits.empty();
	if (left_negative != right_negative)
		return left_negative ? -1 : 1;
	int order = compare_magnitudes(left, right);
	return left_negative ? -order : order;
}

std::string format_double(double value)
{
	// Shortest round-trip form (std::to_chars without a format, GCC 11 and
	// later): fixed or scientific, whichever is shorter. 24 characters hold any
	// double.
	char buffer[32];
	auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
	return std::string(buffer, result.ptr);
}

} // namespace segments
