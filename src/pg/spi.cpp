// SPI wrapper: connection lifetime, bound parameters and result access.
#include "pg/spi.hpp"

#include "core/error.hpp"

#include <exception>

namespace segments::pg
{

SqlParam int8_param(int64_t value)
{
	return SqlParam{INT8OID, Int64GetDatum(value), false};
}

SqlParam bool_param(bool value)
{
	return SqlParam{BOOLOID, BoolGetDatum(value), false};
}

SqlParam timestamptz_param(TimestampTz value)
{
	return SqlParam{TIMESTAMPTZOID, TimestampTzGetDatum(value), false};
}

SqlParam text_param(const std::string &value)
{
	Datum datum = 0;
	const char *data = value.data();
	int length = static_cast<int>(value.size());
	pg_guard([&]() noexcept { datum = PointerGetDatum(cstring_to_text_with_len(data, length)); });
	return SqlParam{TEXTOID, datum, false};
}

SqlParam null_param(Oid type)
{
	return SqlParam{type, 0, true};
}

SqlParam typed_param(Oid type, const std::string &text)
{
	Datum datum = 0;
	const char *data = text.c_str();
	pg_guard([&]() noexcept {
		Oid input_function;
		Oid io_param;
		getTypeInputInfo(type, &input_function, &io_param);
		datum = OidInputFunctionCall(input_function, const_cast<char *>(data), io_param, -1);
	});
	return SqlParam{type, datum, false};
}

SpiConnection::SpiConnection()
{
	int result = 0;
	pg_guard([&]() noexcept { result = SPI_connect(); });
	if (result != SPI_OK_CONNECT)
		throw Error(sqlstate::internal_error, "could not connect to SPI");
	connected_ = true;
	uncaught_at_connect_ = std::uncaught_exceptions();
}

SpiConnection::~SpiConnection()
{
	// SPI_finish() reports problems by its result code and does not raise.
	if (connected_ && std::uncaught_exceptions() == uncaught_at_connect_)
		SPI_finish();
}

void SpiConnection::finish()
{
	if (!connected_)
		return;
	connected_ = false;
	int result = 0;
	pg_guard([&]() noexcept { result = SPI_finish(); });
	if (result != SPI_OK_FINISH)
		throw Error(sqlstate::internal_error, "could not disconnect from SPI");
}

uint64_t SpiConnection::execute(const std::string &sql, const std::vector<SqlParam> &params,
								bool read_only, long max_rows)
{
	std::vector<Oid> types;
	std::vector<Datum> values;
	std::vector<char> nulls;
	types.reserve(params.size());
	values.reserve(params.size());
	nulls.reserve(params.size());
	for (const SqlParam &param : params)
	{
		types.push_back(param.type);
		values.push_back(param.value);
		nulls.push_back(param.is_null ? 'n' : ' ');
	}

	int result = 0;
	uint64_t processed = 0;
	const char *text = sql.c_str();
	int count = static_cast<int>(params.size());
	pg_guard([&]() noexcept {
		result = SPI_execute_with_args(text, count, types.data(), values.data(), nulls.data(),
									   read_only, max_rows);
		processed = SPI_processed;
	});
	if (result < 0)
		throw Error(sqlstate::internal_error,
					"SPI_execute_with_args failed: " + std::string(SPI_result_code_string(result)));
	return processed;
}

std::optional<Datum> SpiConnection::get_datum(uint64_t row, int column) const
{
	bool is_null = true;
	Datum value = 0;
	pg_guard([&]() noexcept {
		value = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &is_null);
	});
	if (is_null)
		return std::nullopt;
	return value;
}

std::optional<int64_t> SpiConnection::get_int64(uint64_t row, int column) const
{
	std::optional<Datum> value = get_datum(row, column);
	if (!value)
		return std::nullopt;
	return DatumGetInt64(*value);
}

std::optional<bool> SpiConnection::get_bool(uint64_t row, int column) const
{
	std::optional<Datum> value = get_datum(row, column);
	if (!value)
		return std::nullopt;
	return DatumGetBool(*value);
}

std::optional<std::string> SpiConnection::get_text(uint64_t row, int column) const
{
	char *text = nullptr;
	pg_guard([&]() noexcept { text = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column); });
	if (text == nullptr)
		return std::nullopt;
	std::string copy(text);
	pg_guard([&]() noexcept { pfree(text); });
	return copy;
}

} // namespace segments::pg
