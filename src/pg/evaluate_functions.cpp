// Live evaluation of a definition that is not stored: evaluate, preview, compile.
#include "core/compiler.hpp"
#include "core/error.hpp"
#include "pg/catalog.hpp"
#include "pg/compiled_query.hpp"
#include "pg/srf.hpp"

using namespace segments;
using namespace segments::pg;

namespace
{

struct DefinitionArguments
{
	std::string definition_json;
	std::string timezone;
};

// Arguments 0 (definition jsonb) and 1 (timezone text); the SQL declarations are STRICT.
DefinitionArguments read_definition_arguments(FunctionCallInfo fcinfo)
{
	Jsonb *definition = nullptr;
	char *timezone = nullptr;
	pg_guard([&]() noexcept {
		definition = PG_GETARG_JSONB_P(0);
		timezone = text_to_cstring(PG_GETARG_TEXT_PP(1));
	});
	return DefinitionArguments{jsonb_text(definition), timezone};
}

} // namespace

// segments.evaluate(definition jsonb, timezone text, as_of timestamptz) RETURNS SETOF bigint
SEGMENTS_FUNCTION(segments_evaluate)
{
	DefinitionArguments arguments = read_definition_arguments(fcinfo);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(2);
	check_as_of(as_of);
	MaterializedResult result = begin_materialized_result(fcinfo);

	SpiConnection spi;
	check_timezone(spi, arguments.timezone);
	Definition definition = load_definition(spi, arguments.definition_json, std::nullopt);
	CompiledQuery query = compile_members_query(definition);
	pg_guard([&]() noexcept { elog(DEBUG1, "segments.evaluate: %s", query.sql.c_str()); });
	stream_query(spi, query.sql, bind_params(as_of, arguments.timezone, query.params), result);
	spi.finish();
	return (Datum) 0;
}

// segments.preview(definition jsonb, timezone text, as_of timestamptz) RETURNS bigint
SEGMENTS_FUNCTION(segments_preview)
{
	DefinitionArguments arguments = read_definition_arguments(fcinfo);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(2);
	check_as_of(as_of);

	SpiConnection spi;
	check_timezone(spi, arguments.timezone);
	Definition definition = load_definition(spi, arguments.definition_json, std::nullopt);
	CompiledQuery query = compile_members_query(definition);
	std::string sql = "SELECT pg_catalog.count(*) FROM (" + query.sql + ") AS members";
	pg_guard([&]() noexcept { elog(DEBUG1, "segments.preview: %s", sql.c_str()); });
	spi.execute(sql, bind_params(as_of, arguments.timezone, query.params), true);
	int64_t count = spi.get_int64(0, 1).value_or(0);
	spi.finish();
	PG_RETURN_INT64(count);
}

// segments.compile(definition jsonb, timezone text) RETURNS text
SEGMENTS_FUNCTION(segments_compile)
{
	DefinitionArguments arguments = read_definition_arguments(fcinfo);

	SpiConnection spi;
	check_timezone(spi, arguments.timezone);
	Definition definition = load_definition(spi, arguments.definition_json, std::nullopt);
	spi.finish();

	CompiledQuery query = compile_members_query(definition);
	std::string text = "-- $1 = as_of, bound when the query runs (timestamptz)\n"
					   "-- $2 = '" +
					   arguments.timezone + "'::text\n" + describe_query(query);
	Datum value = 0;
	pg_guard([&]() noexcept {
		value = PointerGetDatum(cstring_to_text_with_len(text.data(), static_cast<int>(text.size())));
	});
	return value;
}
