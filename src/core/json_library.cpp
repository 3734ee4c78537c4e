// The compiled part of Boost.JSON, built into this module instead of linked from
// libboost_json.so: the extension then has no run-time dependency on a Boost
// shared library, and with -fvisibility=hidden none of these symbols is exported.
#include "core/no_postgres.hpp"

#include <boost/json/src.hpp>
