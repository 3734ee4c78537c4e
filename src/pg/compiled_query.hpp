// Binding the parameters of a compiled query.
#pragma once

#include "core/compiler.hpp"
#include "pg/spi.hpp"

#include <string>
#include <vector>

namespace segments::pg
{

// $1 = as_of and $2 = time zone, then every compiled parameter in order.
std::vector<SqlParam> bind_params(TimestampTz as_of, const std::string &timezone,
								  const std::vector<Param> &params);

// Appends the compiled parameters to already bound ones.
void append_params(std::vector<SqlParam> &bound, const std::vector<Param> &params);

} // namespace segments::pg
