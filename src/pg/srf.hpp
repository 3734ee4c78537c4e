// Set-returning functions in materialize mode: the rows go into a tuplestore,
// which spills to disk past work_mem, so memory stays bounded however many
// members a segment has.
#pragma once

#include "pg/spi.hpp"

namespace segments::pg
{

struct MaterializedResult
{
	Tuplestorestate *store = nullptr;
	TupleDesc descriptor = nullptr;
};

// Prepares fcinfo's result set; raises if the caller cannot accept one.
MaterializedResult begin_materialized_result(FunctionCallInfo fcinfo);

// Appends one row; values and nulls have one entry per result column.
void put_row(const MaterializedResult &result, Datum *values, bool *nulls);

// Runs sql through an SPI cursor and copies each row into result, whose
// columns must match the query's columns in order and type.
void stream_query(SpiConnection &spi, const std::string &sql, const std::vector<SqlParam> &params,
				  const MaterializedResult &result);

} // namespace segments::pg
