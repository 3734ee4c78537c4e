// The module's magic block, which PostgreSQL checks when it loads the library.
#include "pg/postgres.hpp"

extern "C"
{
	PG_MODULE_MAGIC;
}
