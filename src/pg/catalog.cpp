// Catalog look-ups for definition checks, all with bound parameters.
#include "pg/catalog.hpp"

#include "core/definition_parser.hpp"
#include "core/sql_literal.hpp"

#include <set>

namespace segments::pg
{
namespace
{

std::optional<FieldType> parse_field_type(const std::string &name)
{
	if (name == "text")
		return FieldType::text;
	if (name == "number")
		return FieldType::number;
	if (name == "date")
		return FieldType::date;
	if (name == "boolean")
		return FieldType::boolean;
	return std::nullopt;
}

void read_items(SpiConnection &spi, const References &references, Catalog &catalog)
{
	if (references.items.empty())
		return;
	std::vector<int64_t> ids(references.items.begin(), references.items.end());
	uint64_t rows = spi.execute("SELECT item_id, kind FROM segments.item WHERE item_id = ANY ($1)",
								{typed_param(INT8ARRAYOID, int8_array_literal(ids))}, true);
	for (uint64_t row = 0; row < rows; row++)
		catalog.item_kinds[*spi.get_int64(row, 1)] = spi.get_text(row, 2).value_or("");
}

void read_fields(SpiConnection &spi, const References &references, Catalog &catalog)
{
	if (references.fields.empty())
		return;
	std::vector<std::string> names(references.fields.begin(), references.fields.end());
	uint64_t rows =
		spi.execute("SELECT name, data_type FROM segments.custom_field WHERE name = ANY ($1)",
					{typed_param(TEXTARRAYOID, text_array_literal(names))}, true);
	for (uint64_t row = 0; row < rows; row++)
	{
		std::optional<FieldType> type = parse_field_type(spi.get_text(row, 2).value_or(""));
		if (type)
			catalog.field_types[spi.get_text(row, 1).value_or("")] = *type;
	}
}

// The whole in_segment graph, so that check_references can find cycles.
void read_segment_graph(SpiConnection &spi, const References &references, Catalog &catalog)
{
	if (references.segments.empty())
		return;
	uint64_t rows = spi.execute(
		"SELECT s.segment_id, d.dependency "
		"FROM segments.segment AS s "
		"LEFT JOIN LATERAL ("
		"  SELECT DISTINCT (reference #>> '{}')::bigint AS dependency "
		"  FROM pg_catalog.jsonb_path_query(s.definition, "
		"       'strict $.** ? (@.type == \"in_segment\").segment') AS reference"
		") AS d ON true",
		{}, true);
	for (uint64_t row = 0; row < rows; row++)
	{
		std::vector<int64_t> &dependencies = catalog.segment_dependencies[*spi.get_int64(row, 1)];
		if (std::optional<int64_t> dependency = spi.get_int64(row, 2))
			dependencies.push_back(*dependency);
	}
}

} // namespace

Definition load_definition(SpiConnection &spi, const std::string &definition_json,
						   std::optional<int64_t> self_segment_id)
{
	Definition definition = parse_definition(definition_json);
	References references = collect_references(definition);
	Catalog catalog;
	read_items(spi, references, catalog);
	read_fields(spi, references, catalog);
	read_segment_graph(spi, references, catalog);
	check_references(definition, catalog, self_segment_id);
	return definition;
}

void check_timezone(SpiConnection &spi, const std::string &name)
{
	// Reading pg_timezone_names scans the time zone files (about 30 ms), so each
	// backend remembers the names it has already found there.
	static std::set<std::string> known_names;
	if (known_names.count(name) > 0)
		return;
	uint64_t rows = spi.execute(
		"SELECT 1 FROM pg_catalog.pg_timezone_names WHERE name = $1", {text_param(name)}, true, 1);
	if (rows == 0)
		throw Error(sqlstate::invalid_parameter_value, "invalid time zone \"" + name + "\"",
					"Time zones are names from pg_timezone_names, which are case-sensitive.",
					"Use a name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\".");
	known_names.insert(name);
}

void check_as_of(TimestampTz as_of)
{
	if (TIMESTAMP_NOT_FINITE(as_of))
		throw Error(sqlstate::invalid_parameter_value, "as_of must be a finite timestamp",
					"Days since and days until are counted from the calendar date of as_of.",
					"Pass a date and time, such as now() or '2026-06-01 00:00+00'.");
}

std::string jsonb_text(Jsonb *value)
{
	char *text = nullptr;
	pg_guard([&]() noexcept { text = JsonbToCString(nullptr, &value->root, VARSIZE(value)); });
	std::string copy(text);
	pg_guard([&]() noexcept { pfree(text); });
	return copy;
}

Datum jsonb_from_text(const std::string &text)
{
	Datum value = 0;
	const char *data = text.c_str();
	pg_guard([&]() noexcept {
		value = DirectFunctionCall1(jsonb_in, CStringGetDatum(data));
	});
	return value;
}

} // namespace segments::pg
