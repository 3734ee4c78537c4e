// A parsed JSON document that keeps every number's text as written.
//
// boost::json::value stores a number as int64, uint64 or double, and Boost.JSON
// 1.81 has no option to keep its text: 0.1 serializes back as 1E-1, and
// 12345678901234567890.123456789 comes back as 1.2345678901234567E19. Custom
// field values reach PostgreSQL as numeric, so their digits must survive. This
// tree is built from boost::json::basic_parser events, which carry each
// number's text beside the converted value.
#pragma once

#include "core/no_postgres.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace segments::json
{

enum class Kind
{
	null,
	boolean,
	number,
	string,
	array,
	object
};

struct Member;

struct Value
{
	Kind kind = Kind::null;
	bool boolean = false;
	std::string text;            // a string's characters (UTF-8), or a number as written
	double number = 0;           // a number's nearest double; infinite beyond the double range
	std::vector<Value> elements; // an array's elements
	std::vector<Member> members; // an object's members in document order, duplicate keys kept
};

struct Member
{
	std::string key;
	Value value;
};

// Parses text as one JSON document nested at most max_depth levels deep. Throws
// DefinitionError with an empty path when the text is not JSON or is nested
// deeper.
Value parse_json(std::string_view text, std::size_t max_depth);

// The kind with its article, as messages name it: "an object", "a number".
const char *kind_name(Kind kind);

} // namespace segments::json
