// The boundary between C++ and PostgreSQL error handling.
//
// PostgreSQL raises errors with longjmp, which skips C++ destructors; a C++
// exception that reaches PostgreSQL's C frames terminates the backend. So the
// two never meet:
//
//  * Every SQL-callable function is declared with SEGMENTS_FUNCTION. Its body
//    is ordinary C++ and runs inside try/catch in call_function_body(). There
//    any exception is turned into plain data, and the PostgreSQL error is
//    raised only after all C++ objects are gone. A PostgreSQL error carried by
//    PostgresError is re-raised unchanged (SQLSTATE, detail, hint, context); a
//    segments::Error keeps its SQLSTATE, detail and hint; anything else becomes
//    XX000 (out of memory becomes 53200).
//
//  * Every call from C++ into PostgreSQL that can raise goes through
//    pg_guard(), whose PG_TRY frame holds only plain data. On an error it
//    restores the memory context, copies the error data, clears the error state
//    and throws PostgresError, so destructors run on the way back up.
//
// After pg_guard() has caught an error, the transaction is in an undefined
// state until that error is re-raised: code unwinding from PostgresError must
// not call PostgreSQL again (see SpiConnection's destructor).
#pragma once

#include "pg/postgres.hpp"

#include <exception>
#include <type_traits>

namespace segments::pg
{

// A PostgreSQL error caught by pg_guard(), on its way to the function boundary.
class PostgresError : public std::exception
{
  public:
	explicit PostgresError(ErrorData *data) : data_(data) {}

	ErrorData *data() const { return data_; }
	const char *what() const noexcept override
	{
		return data_->message != nullptr ? data_->message : "PostgreSQL error";
	}

  private:
	ErrorData *data_; // palloc'd in the memory context current when pg_guard() was entered
};

// Runs fn, a noexcept callable that calls PostgreSQL, and turns a PostgreSQL
// error into PostgresError. fn must not create objects with destructors that
// live across a PostgreSQL call; capture results by reference into variables
// declared outside.
template <typename Fn>
void pg_guard(Fn &&fn)
{
	static_assert(std::is_nothrow_invocable_v<Fn &>,
				  "pg_guard needs a noexcept callable: a C++ exception must not cross PG_TRY");
	MemoryContext caller_context = CurrentMemoryContext;
	// volatile: assigned after the longjmp and read after PG_END_TRY().
	ErrorData *volatile error = nullptr;

	PG_TRY();
	{
		fn();
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(caller_context);
		error = CopyErrorData();
		FlushErrorState();
	}
	PG_END_TRY();

	if (error != nullptr)
		throw PostgresError(error);
}

using FunctionBody = Datum (*)(FunctionCallInfo fcinfo);

// Runs body and raises whatever it threw as a PostgreSQL error. Defined in boundary.cpp.
Datum call_function_body(FunctionCallInfo fcinfo, FunctionBody body);

} // namespace segments::pg

// Declares the SQL-callable C function NAME; the block that follows is its C++
// body, with `fcinfo` in scope as in any PG_FUNCTION_ARGS function.
#define SEGMENTS_FUNCTION(NAME)                                                          \
	extern "C"                                                                           \
	{                                                                                    \
		PGDLLEXPORT Datum NAME(PG_FUNCTION_ARGS);                                        \
		PG_FUNCTION_INFO_V1(NAME);                                                       \
	}                                                                                    \
	static Datum NAME##_body(FunctionCallInfo fcinfo);                                   \
	Datum NAME(PG_FUNCTION_ARGS)                                                         \
	{                                                                                    \
		return segments::pg::call_function_body(fcinfo, NAME##_body);                    \
	}                                                                                    \
	static Datum NAME##_body(FunctionCallInfo fcinfo)
