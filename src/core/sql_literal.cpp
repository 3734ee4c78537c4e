// Array literals for bound parameters (never pasted into SQL text).
#include "core/sql_literal.hpp"

namespace segments
{

std::string int8_array_literal(const std::vector<int64_t> &values)
{
	std::string literal = "{";
	for (std::size_t i = 0; i < values.size(); i++)
	{
		if (i > 0)
			literal += ',';
		literal += std::to_string(values[i]);
	}
	literal += '}';
	return literal;
}

std::string text_array_literal(const std::vector<std::string> &values)
{
	std::string literal = "{";
	for (std::size_t i = 0; i < values.size(); i++)
	{
		if (i > 0)
			literal += ',';
		literal += '"';
		for (char c : values[i])
		{
			if (c == '"' || c == '\\')
				literal += '\\';
			literal += c;
		}
		literal += '"';
	}
	literal += '}';
	return literal;
}

} // namespace segments
