// Helpers shared by the core unit tests.
#pragma once

#include "core/definition_parser.hpp"

#include <string>
#include <string_view>

namespace segments::test
{

// A definition whose root group ("all") contains the given node JSON texts,
// separated by commas.
inline std::string root_with(std::string_view nodes)
{
	return R"({"match":"all","conditions":[)" + std::string(nodes) + "]}";
}

// The what() of the Error that parsing text raises, or "no error".
inline std::string parse_error(std::string_view text)
{
	try
	{
		parse_definition(text);
	}
	catch (const Error &error)
	{
		return error.what();
	}
	return "no error";
}

// The hint of the Error that parsing text raises, or "no error".
inline std::string parse_hint(std::string_view text)
{
	try
	{
		parse_definition(text);
	}
	catch (const Error &error)
	{
		return error.hint();
	}
	return "no error";
}

// The message that parsing a definition of the one node raises.
inline std::string node_error(std::string_view node)
{
	return parse_error(root_with(node));
}

inline std::string invalid(std::string_view problem)
{
	return "invalid segment definition: " + std::string(problem);
}

} // namespace segments::test
