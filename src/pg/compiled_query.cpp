// Compiled parameters become typed Datums through each type's input function.
#include "pg/compiled_query.hpp"

namespace segments::pg
{
namespace
{

Oid param_type_oid(ParamType type)
{
	switch (type)
	{
		case ParamType::int8:
			return INT8OID;
		case ParamType::int8_array:
			return INT8ARRAYOID;
		case ParamType::int4:
			return INT4OID;
		case ParamType::text:
			return TEXTOID;
		case ParamType::text_array:
			return TEXTARRAYOID;
		case ParamType::numeric:
			return NUMERICOID;
		case ParamType::numeric_array:
			return NUMERICARRAYOID;
		case ParamType::date:
			return DATEOID;
		case ParamType::date_array:
			return DATEARRAYOID;
		case ParamType::float8:
			return FLOAT8OID;
		case ParamType::boolean:
			return BOOLOID;
		case ParamType::boolean_array:
			return BOOLARRAYOID;
	}
	return TEXTOID;
}

} // namespace

void append_params(std::vector<SqlParam> &bound, const std::vector<Param> &params)
{
	for (const Param &param : params)
		bound.push_back(typed_param(param_type_oid(param.type), param.value));
}

std::vector<SqlParam> bind_params(TimestampTz as_of, const std::string &timezone,
								  const std::vector<Param> &params)
{
	std::vector<SqlParam> bound{timestamptz_param(as_of), text_param(timezone)};
	append_params(bound, params);
	return bound;
}

} // namespace segments::pg
