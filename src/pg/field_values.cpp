// SQL-callable readers of stored custom field answers (segments.normalized_text,
// field_number, field_date, field_boolean); the parsing rules are in
// src/core/field_values.cpp.
//
// They run once per stored answer in every recalculation, so they take the plain
// PG_FUNCTION_ARGS path instead of the boundary in boundary.hpp: the core
// functions they call cannot throw and allocate nothing, so no C++ object is
// alive when PostgreSQL is called, and a call into PostgreSQL that raises (out
// of memory) unwinds nothing but plain data. The inputs they pass on to
// PostgreSQL are ones its input functions accept.
#include "core/field_values.hpp"
#include "pg/postgres.hpp"

extern "C" {
#include "catalog/pg_collation.h"
#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(segments_normalized_text);
PG_FUNCTION_INFO_V1(segments_field_number);
PG_FUNCTION_INFO_V1(segments_field_date);
PG_FUNCTION_INFO_V1(segments_field_boolean);
}

#include <string_view>

namespace
{

std::string_view text_view(const text *value)
{
	return std::string_view(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

} // namespace

// Trims, lower-cases with the input's collation (as lower() does) and returns
// NULL for an empty result, so a blank answer reads as no answer.
extern "C" PGDLLEXPORT Datum segments_normalized_text(PG_FUNCTION_ARGS)
{
	text *value = PG_GETARG_TEXT_PP(0);
	std::string_view trimmed = segments::trim_space(text_view(value));
	if (trimmed.empty())
		PG_RETURN_NULL();
	Oid collation = PG_GET_COLLATION();
	if (!OidIsValid(collation))
		collation = DEFAULT_COLLATION_OID;
	char *lowered = str_tolower(trimmed.data(), trimmed.size(), collation);
	PG_RETURN_TEXT_P(cstring_to_text(lowered));
}

extern "C" PGDLLEXPORT Datum segments_field_number(PG_FUNCTION_ARGS)
{
	text *value = PG_GETARG_TEXT_PP(0);
	auto number = segments::number_text(text_view(value));
	if (!number)
		PG_RETURN_NULL();
	char *digits = pnstrdup(number->data(), number->size());
	PG_RETURN_DATUM(DirectFunctionCall3(numeric_in, CStringGetDatum(digits),
	                                    ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}

extern "C" PGDLLEXPORT Datum segments_field_date(PG_FUNCTION_ARGS)
{
	text *value = PG_GETARG_TEXT_PP(0);
	auto date = segments::parse_date(text_view(value));
	if (!date)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(date->year, date->month, date->day) - POSTGRES_EPOCH_JDATE);
}

extern "C" PGDLLEXPORT Datum segments_field_boolean(PG_FUNCTION_ARGS)
{
	text *value = PG_GETARG_TEXT_PP(0);
	auto answer = segments::parse_boolean(text_view(value));
	if (!answer)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(*answer);
}
