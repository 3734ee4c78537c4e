# PGXS build of the segments extension. This Makefile is the authority for the
# extension itself; CMakeLists.txt builds src/core and its unit tests.
#
#   make && make install          build and install (PG_CONFIG=... to pick a server)
#   make installcheck             pg_regress tests against a running server
#   scripts/test.sh               everything, on a throwaway server

EXTENSION = segments
EXTVERSION = 0.1

MODULE_big = segments
CORE_SRCS = $(sort $(wildcard src/core/*.cpp))
PG_SRCS = $(sort $(wildcard src/pg/*.cpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(PG_SRCS:.cpp=.o)

# The install script is assembled from the topic files in extension/, in name order.
INSTALL_PARTS = $(sort $(wildcard extension/*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql

# One pg_regress file per topic; the files set up their own data.
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=.

# -isystem: the server headers are system headers here, so -Wextra reports only
# this project's code.
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(includedir_server) -isystem $(includedir_internal)
# -Wno-register: the PostgreSQL 15 headers use "register", which C++17 removed.
# -fvisibility=hidden: Boost's inline symbols stay private to this module, so they
# cannot clash with another module's copy; PGDLLEXPORT marks what PostgreSQL calls.
PG_CXXFLAGS = -std=c++17 -Wall -Wextra -Wno-register -fvisibility=hidden -fvisibility-inlines-hidden
SHLIB_LINK = -lstdc++

# PGXS would also compile every .cpp to LLVM bitcode with clang's default C++
# standard, which cannot build this code; JIT inlining of it brings nothing.
override with_llvm = no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(DATA_built): $(INSTALL_PARTS)
	cat $^ > $@

# The core is built without the server's include path, so an #include of a
# PostgreSQL header there fails to compile (see src/core/no_postgres.hpp).
$(CORE_SRCS:.cpp=.o): override CPPFLAGS := -I$(srcdir)/src -DSEGMENTS_CORE_BUILD

# Every object depends on the core headers, so a changed header rebuilds them.
$(OBJS): $(wildcard src/core/*.hpp) $(wildcard src/pg/*.hpp)

EXTRA_CLEAN = $(DATA_built) results/ regression.diffs regression.out
