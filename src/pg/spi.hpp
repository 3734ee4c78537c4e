// SPI, the server programming interface, wrapped for C++ callers.
//
// Every statement runs with bound parameters (SPI_execute_with_args); values
// never become SQL text. Every call that can raise goes through pg_guard().
#pragma once

#include "pg/boundary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace segments::pg
{

// One bound parameter of a statement.
struct SqlParam
{
	Oid type;
	Datum value;
	bool is_null;
};

SqlParam int8_param(int64_t value);
SqlParam bool_param(bool value);
SqlParam timestamptz_param(TimestampTz value);
SqlParam text_param(const std::string &value);
SqlParam null_param(Oid type);
// A parameter given as text, converted by the type's input function.
SqlParam typed_param(Oid type, const std::string &text);

// An SPI connection for the duration of one function call. Call finish() on
// the normal path. When an exception unwinds past it, the connection is left
// for PostgreSQL's transaction or subtransaction abort to close, because no
// PostgreSQL call is safe after a caught PostgreSQL error.
class SpiConnection
{
  public:
	SpiConnection();
	~SpiConnection();
	SpiConnection(const SpiConnection &) = delete;
	SpiConnection &operator=(const SpiConnection &) = delete;

	// Runs sql with params and returns the number of rows processed; the rows
	// are in SPI_tuptable until the next call. Throws PostgresError, or Error
	// when the result code is not the expected one.
	uint64_t execute(const std::string &sql, const std::vector<SqlParam> &params,
					 bool read_only, long max_rows = 0);

	// Value of column (1-based) of row in the last result, as C++ data.
	std::optional<int64_t> get_int64(uint64_t row, int column) const;
	std::optional<bool> get_bool(uint64_t row, int column) const;
	std::optional<std::string> get_text(uint64_t row, int column) const;
	// The raw Datum, valid until the next execute() or finish().
	std::optional<Datum> get_datum(uint64_t row, int column) const;

	void finish();

  private:
	bool connected_ = false;
	int uncaught_at_connect_ = 0;
};

} // namespace segments::pg
