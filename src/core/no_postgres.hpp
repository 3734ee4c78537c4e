// Compile-time guard that keeps the PostgreSQL server headers out of src/core.
//
// The core (definition parser, validator, SQL compiler) is plain C++ so it can be
// unit-tested without a server and can never longjmp. Both builds compile the
// core with SEGMENTS_CORE_BUILD defined and without the server's include path,
// so #include "postgres.h" in src/core cannot be found, and a core file that
// gets PostgreSQL definitions some other way stops here. src/pg includes core
// headers after the server headers, which is allowed.
#pragma once

#if defined(SEGMENTS_CORE_BUILD) && (defined(PG_VERSION_NUM) || defined(POSTGRES_H))
#error "src/core must not include PostgreSQL headers; put server code in src/pg"
#endif
