// Exact integer conversion and comparison of JSON number text.
#include "core/json_number.hpp"

#include <gtest/gtest.h>

#include <climits>

namespace segments
{
namespace
{

int64_t converted(std::string_view text)
{
	int64_t result = -12345;
	EXPECT_EQ(json_number_to_int64(text, result), IntegerConversion::ok) << text;
	return result;
}

IntegerConversion conversion(std::string_view text)
{
	int64_t result = 0;
	return json_number_to_int64(text, result);
}

TEST(JsonNumber, Integers)
{
	EXPECT_EQ(converted("0"), 0);
	EXPECT_EQ(converted("-0"), 0);
	EXPECT_EQ(converted("0.000e5"), 0);
	EXPECT_EQ(converted("5"), 5);
	EXPECT_EQ(converted("5.0"), 5);
	EXPECT_EQ(converted("50e-1"), 5);
	EXPECT_EQ(converted("0.5E+1"), 5);
	EXPECT_EQ(converted("120"), 120);
	EXPECT_EQ(converted("1.2e2"), 120);
	EXPECT_EQ(converted("-42"), -42);
	EXPECT_EQ(converted("9223372036854775807"), INT64_MAX);
	EXPECT_EQ(converted("-9223372036854775808"), INT64_MIN);
	EXPECT_EQ(converted("9.223372036854775807e18"), INT64_MAX);
}

TEST(JsonNumber, NotIntegers)
{
	EXPECT_EQ(conversion("5.5"), IntegerConversion::not_integer);
	EXPECT_EQ(conversion("0.1"), IntegerConversion::not_integer);
	EXPECT_EQ(conversion("5.0000000000000001"), IntegerConversion::not_integer);
	EXPECT_EQ(conversion("1e-400"), IntegerConversion::not_integer);
	EXPECT_EQ(conversion("-0.5"), IntegerConversion::not_integer);
}

TEST(JsonNumber, OutOfRange)
{
	EXPECT_EQ(conversion("9223372036854775808"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("-9223372036854775809"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("18446744073709551616"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("1e19"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("1e30"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("1.5e30"), IntegerConversion::out_of_range);
	EXPECT_EQ(conversion("1e99999999999999999999"), IntegerConversion::out_of_range);
}

TEST(JsonNumber, Compare)
{
	EXPECT_EQ(compare_json_numbers("1", "1.0"), 0);
	EXPECT_EQ(compare_json_numbers("0.1", "1e-1"), 0);
	EXPECT_EQ(compare_json_numbers("-0", "0"), 0);
	EXPECT_LT(compare_json_numbers("9", "10"), 0);
	EXPECT_GT(compare_json_numbers("10", "9"), 0);
	EXPECT_LT(compare_json_numbers("-10", "-9"), 0);
	EXPECT_LT(compare_json_numbers("-1", "0"), 0);
	EXPECT_GT(compare_json_numbers("0", "-0.0001"), 0);
	EXPECT_LT(compare_json_numbers("1.25", "1.3"), 0);
	EXPECT_LT(compare_json_numbers("12345678901234567890.1", "12345678901234567890.2"), 0);
	EXPECT_GT(compare_json_numbers("1e400", "1e399"), 0);
}

TEST(JsonNumber, FormatDouble)
{
	EXPECT_EQ(format_double(0.1), "0.1");
	EXPECT_EQ(format_double(45.5), "45.5");
	EXPECT_EQ(format_double(-180), "-180");
	EXPECT_EQ(format_double(20037.5), "20037.5");
}

} // namespace
} // namespace segments
