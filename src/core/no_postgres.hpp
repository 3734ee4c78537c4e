// Compile-time guard that keeps the PostgreSQL server headers out of src/core.
//
// The core (definition parser, validator, SQL compiler) is plain C++ so it can be
// unit-tested without a server and can never longjmp. Every core header includes
// this file; postgres.h defines PG_VERSION_NUM, so including it first fails the build.
#pragma once

#if defined(PG_VERSION_NUM) || defined(POSTGRES_H)
#error "src/core must not include PostgreSQL headers; put server code in src/pg"
#endif
