// Reading stored custom field answers: what counts as a number, a date, a
// boolean, and what is trimmed.
#include "core/field_values.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace segments;

TEST(TrimSpace, RemovesAsciiWhitespaceOnly)
{
	EXPECT_EQ(trim_space(" \t\n\r\v\fHiking \t\n"), "Hiking");
	EXPECT_EQ(trim_space("a b"), "a b");
	EXPECT_EQ(trim_space("   "), "");
	EXPECT_EQ(trim_space(""), "");
	// A no-break space (U+00A0, UTF-8 C2 A0) is not trimmed.
	EXPECT_EQ(trim_space("\xC2\xA0x"), "\xC2\xA0x");
}

TEST(NumberText, AcceptsDecimalForms)
{
	for (const char *text : {"0", "42", "-7", "+7", "3.25", "-0.5", ".5", "5.", "1e3", "1E-3",
	                         "2.5e+10", " 12 ", "\t-1.0\n", "007"})
		EXPECT_TRUE(number_text(text).has_value()) << text;
}

TEST(NumberText, ReturnsTrimmedText)
{
	EXPECT_EQ(number_text("  -12.5e2\n").value(), "-12.5e2");
}

TEST(NumberText, RejectsNonNumbers)
{
	for (const char *text :
	     {"",      "  ",    "n/a",   "NaN",   "nan", "Infinity", "-Infinity", "inf",
	      "1,000", "1_000", "0x1A",  "12abc", "1e",  "e5",       ".",         "-",
	      "+.",    "1.2.3", "1e5.5", "--1",   "1 2", "١٢"})
		EXPECT_FALSE(number_text(text).has_value()) << text;
}

TEST(NumberText, BoundsExponentAndLength)
{
	EXPECT_TRUE(number_text("1e1000").has_value());
	EXPECT_TRUE(number_text("1e-1000").has_value());
	EXPECT_FALSE(number_text("1e1001").has_value());
	EXPECT_FALSE(number_text("1e-1001").has_value());
	EXPECT_FALSE(number_text("1e99999999999999999999999999").has_value());
	EXPECT_TRUE(number_text(std::string(max_number_length, '9')).has_value());
	EXPECT_FALSE(number_text(std::string(max_number_length + 1, '9')).has_value());
	// Surrounding whitespace does not count toward the length.
	EXPECT_TRUE(number_text("  " + std::string(max_number_length, '9') + "  ").has_value());
}

TEST(ParseDate, AcceptsExistingDays)
{
	auto date = parse_date(" 2024-02-29 ");
	ASSERT_TRUE(date.has_value());
	EXPECT_EQ(date->year, 2024);
	EXPECT_EQ(date->month, 2);
	EXPECT_EQ(date->day, 29);
	EXPECT_TRUE(parse_date("2000-02-29").has_value());
	EXPECT_TRUE(parse_date("0001-01-01").has_value());
	EXPECT_TRUE(parse_date("9999-12-31").has_value());
}

TEST(ParseDate, RejectsDaysThatDoNotExist)
{
	for (const char *text : {"2023-02-29", "2023-02-30", "1900-02-29", "2023-04-31", "2023-13-01",
	                         "2023-00-10", "2023-01-00", "0000-01-01"})
		EXPECT_FALSE(parse_date(text).has_value()) << text;
}

TEST(ParseDate, RejectsOtherFormats)
{
	for (const char *text : {"", "2023-2-3", "2023/02/03", "03.02.2023", "2023-02-03T10:00",
	                         "2023-02-03 10:00", "+2023-02-03", "2023-02-0x", "20230203", "today"})
		EXPECT_FALSE(parse_date(text).has_value()) << text;
}

TEST(ParseBoolean, ReadsTheSixWordsInAnyCase)
{
	for (const char *text : {"true", "TRUE", "True", "yes", "YES", " Yes ", "1"})
		EXPECT_EQ(parse_boolean(text), std::optional<bool>(true)) << text;
	for (const char *text : {"false", "FALSE", "no", "No", "\t0\n"})
		EXPECT_EQ(parse_boolean(text), std::optional<bool>(false)) << text;
}

TEST(ParseBoolean, LeavesEverythingElseUnread)
{
	for (const char *text :
	     {"", "maybe", "t", "f", "y", "n", "on", "off", "2", "01", "yes!", "truee"})
		EXPECT_FALSE(parse_boolean(text).has_value()) << text;
}
