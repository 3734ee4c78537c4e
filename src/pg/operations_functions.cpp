// Support for the recalculation procedures written in PL/pgSQL.
#include "pg/boundary.hpp"

using namespace segments::pg;

// segments.transaction_control_allowed(INOUT allowed boolean DEFAULT NULL)
//
// A procedure, so that PostgreSQL passes it the CallContext of the CALL. Its
// atomic flag is the one the calling procedure was started with: false only
// when the chain of CALLs began at top level outside a transaction block and
// no procedure on the way has a SET clause or SECURITY DEFINER. That is
// exactly when the calling procedure may COMMIT. Call it outside any
// BEGIN ... EXCEPTION block, because inside one every CALL is atomic.
SEGMENTS_FUNCTION(segments_transaction_control_allowed)
{
	bool allowed = fcinfo->context != nullptr && IsA(fcinfo->context, CallContext) &&
				   !castNode(CallContext, fcinfo->context)->atomic;
	Datum result = (Datum) 0;
	pg_guard([&]() noexcept {
		TupleDesc descriptor;
		if (get_call_result_type(fcinfo, nullptr, &descriptor) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "segments.transaction_control_allowed must be a procedure with one INOUT boolean");
		descriptor = BlessTupleDesc(descriptor);
		Datum values[1] = {BoolGetDatum(allowed)};
		bool nulls[1] = {false};
		result = HeapTupleGetDatum(heap_form_tuple(descriptor, values, nulls));
	});
	return result;
}
