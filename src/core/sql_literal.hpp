// Text forms of parameter values, as PostgreSQL's type input functions read them.
#pragma once

#include "core/no_postgres.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace segments
{

// Array literal for bigint[]: {1,2,3}.
std::string int8_array_literal(const std::vector<int64_t> &values);

// Array literal for text[], every element double-quoted with " and \ escaped,
// so any string (commas, braces, quotes, the word NULL) stays one element.
std::string text_array_literal(const std::vector<std::string> &values);

} // namespace segments
