// The one include for PostgreSQL server headers in C++ code.
//
// The headers are C, so they are wrapped in extern "C". PGDLLEXPORT is defined
// before them because this module is built with -fvisibility=hidden and
// PostgreSQL 15 and older define it empty on Linux: every symbol PostgreSQL
// looks up (the magic block, the SQL-callable functions and their info records)
// must stay visible.
#pragma once

#ifndef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#endif

extern "C"
{
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
}
