// Materialize-mode result sets filled from SPI cursors.
#include "pg/srf.hpp"

#include "core/error.hpp"

namespace segments::pg
{
namespace
{

// Rows fetched from the cursor at a time; each batch is freed before the next.
constexpr long fetch_batch_rows = 10000;
constexpr int max_result_columns = 8;

} // namespace

// Sets up materialize mode by hand rather than with InitMaterializedSRF(), which
// accepts only functions returning a row type: segments.evaluate returns SETOF
// bigint, whose result rows have one column of the function's scalar type.
MaterializedResult begin_materialized_result(FunctionCallInfo fcinfo)
{
	MaterializedResult result;
	pg_guard([&]() noexcept {
		ReturnSetInfo *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
		if (rsinfo == nullptr || !IsA(rsinfo, ReturnSetInfo) ||
			(rsinfo->allowedModes & SFRM_Materialize) == 0)
			ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
							errmsg("set-valued function called in context that cannot accept a set")));
		MemoryContext old_context = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
		Oid result_type = InvalidOid;
		TupleDesc descriptor = nullptr;
		switch (get_call_result_type(fcinfo, &result_type, &descriptor))
		{
			case TYPEFUNC_COMPOSITE:
				descriptor = CreateTupleDescCopy(descriptor);
				break;
			case TYPEFUNC_SCALAR:
				descriptor = CreateTemplateTupleDesc(1);
				TupleDescInitEntry(descriptor, 1, "value", result_type, -1, 0);
				break;
			default:
				elog(ERROR, "function returning a set has an unsupported result type");
		}
		bool random_access = (rsinfo->allowedModes & SFRM_Materialize_Random) != 0;
		rsinfo->returnMode = SFRM_Materialize;
		rsinfo->setDesc = descriptor;
		rsinfo->setResult = tuplestore_begin_heap(random_access, false, work_mem);
		MemoryContextSwitchTo(old_context);
		result.store = rsinfo->setResult;
		result.descriptor = rsinfo->setDesc;
	});
	return result;
}

void put_row(const MaterializedResult &result, Datum *values, bool *nulls)
{
	pg_guard([&]() noexcept { tuplestore_putvalues(result.store, result.descriptor, values, nulls); });
}

void stream_query(SpiConnection &spi, const std::string &sql, const std::vector<SqlParam> &params,
				  const MaterializedResult &result)
{
	(void) spi; // the cursor belongs to the open connection
	int columns = result.descriptor->natts;
	if (columns > max_result_columns)
		throw Error(sqlstate::internal_error, "too many result columns for stream_query");

	std::vector<Oid> types;
	std::vector<Datum> values;
	std::vector<char> nulls;
	for (const SqlParam &param : params)
	{
		types.push_back(param.type);
		values.push_back(param.value);
		nulls.push_back(param.is_null ? 'n' : ' ');
	}

	const char *text = sql.c_str();
	int count = static_cast<int>(params.size());
	pg_guard([&]() noexcept {
		Portal portal = SPI_cursor_open_with_args(nullptr, text, count, types.data(), values.data(),
												  nulls.data(), true, 0);
		Datum row_values[max_result_columns];
		bool row_nulls[max_result_columns];
		for (;;)
		{
			SPI_cursor_fetch(portal, true, fetch_batch_rows);
			if (SPI_processed == 0)
				break;
			for (uint64 row = 0; row < SPI_processed; row++)
			{
				for (int column = 0; column < columns; column++)
					row_values[column] = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
													   column + 1, &row_nulls[column]);
				tuplestore_putvalues(result.store, result.descriptor, row_values, row_nulls);
			}
			SPI_freetuptable(SPI_tuptable);
		}
		SPI_cursor_close(portal);
	});
}

} // namespace segments::pg
