#!/usr/bin/env bash
# Round trip of a 100,000-member export through a CSV parser.
#
# Generates 110,000 customers whose text values contain commas, double
# quotes, newlines, carriage returns, tabs, backslashes, formula characters,
# non-ASCII text, empty strings and NULLs, plus custom field answers and field
# names of the same kind. 100,000 of them hold the pass a segment selects.
# The segment is exported three ways: export_csv on the server, export_csv with
# neutralize_formulas, and \copy of export_rows on the client. Python's csv
# module reads each file back, and every value of every record is compared
# with the generated data: exactly one record per member, plus the header.
#
# CSV has no NULL: COPY writes NULL as an empty field and '' as "", and
# Python's csv module reads both as '', so the comparison treats NULL as ''.
#
# Runs against the server named by PGHOST, PGPORT and PGUSER (a superuser);
# creates and drops its own database.
set -euo pipefail

database="segments_export_roundtrip_$$"
work_dir=$(mktemp -d /tmp/segments-export-roundtrip.XXXXXX)
# The server writes export_csv's files here as its own operating system user.
chmod 1777 "$work_dir"

cleanup() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    rm -rf "$work_dir"
}
trap cleanup EXIT

export PGCLIENTENCODING=UTF8
export PGOPTIONS="-c TimeZone=UTC -c DateStyle=ISO,YMD"
run_psql() { psql -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $database"
run_psql -c "SET client_min_messages = warning" -c "CREATE EXTENSION segments CASCADE"

# 1. Generate the data and files in COPY's text format to load it.
python3 - "$work_dir" <<'PYTHON'
import json
import random
import sys

work_dir = sys.argv[1]
rng = random.Random(20260201)

fragments = [
    "plain", "comma, inside", 'quote " inside', '""', "new\nline", "cr\rreturn",
    "crlf\r\nend", "tab\there", "back\\slash", "\\N", "NULL", "=1+1", "+49 30 1234567",
    "-5", "@SUM(A1)", "\t=lead tab", "\rlead cr", " leading space", "trailing space ",
    "Zoë", "Ångström", "陈伟", "Ωμέγα", "emoji 🎉", "semi;colon", "apostrophe's",
    "'; DROP TABLE segments.customer; --", "$$", "a,b,\"c\"\n,d",
]


def tricky_value(null_share=0.1):
    if rng.random() < null_share:
        return None
    if rng.random() < 0.05:
        return ""
    if rng.random() < 0.01:
        return rng.choice(fragments) * 200
    return "".join(rng.choice(fragments) for _ in range(rng.randint(1, 3)))


def copy_text(value):
    """A value in COPY's text format: backslash escapes, \\N for NULL."""
    if value is None:
        return "\\N"
    return (value.replace("\\", "\\\\").replace("\t", "\\t")
                 .replace("\n", "\\n").replace("\r", "\\r"))


fields = [
    (1, "favorite activity"),
    (2, 'party, size "adults"'),
    (3, "email"),
    (4, "Wie viele Personen reisen mit Ihnen, einschließlich Kinder und Begleitpersonen?"),
    (5, "=cmd|' /C calc'!A0"),
    (6, "line\nbreak"),
]
customer_columns = ["email", "first_name", "last_name", "phone", "city", "region", "country",
                    "postal_code"]
customers = {}
answers = {}
for customer_id in range(1, 110001):
    customers[customer_id] = [tricky_value() for _ in customer_columns]
    for field_id, _ in fields:
        if rng.random() < 0.6:
            answers[(customer_id, field_id)] = tricky_value(null_share=0.15)

with open(f"{work_dir}/customer.tsv", "w", encoding="utf-8", newline="") as out:
    for customer_id, values in customers.items():
        row = [str(customer_id)] + [copy_text(v) for v in values] + ["2026-01-01 00:00:00+00"]
        out.write("\t".join(row) + "\n")
with open(f"{work_dir}/custom_field.tsv", "w", encoding="utf-8", newline="") as out:
    for field_id, name in fields:
        out.write(f"{field_id}\t{copy_text(name)}\ttext\n")
with open(f"{work_dir}/custom_field_value.tsv", "w", encoding="utf-8", newline="") as out:
    for (customer_id, field_id), value in answers.items():
        out.write(f"{customer_id}\t{field_id}\t{copy_text(value)}\n")
with open(f"{work_dir}/generated.json", "w", encoding="utf-8") as out:
    json.dump({"fields": fields, "customer_columns": customer_columns,
               "customers": customers,
               "answers": [[c, f, v] for (c, f), v in answers.items()]}, out)
PYTHON

# 2. Load it, and make every customer whose id is not a multiple of 11 a pass
#    holder: 110,000 - 10,000 = 100,000 members.
run_psql <<SQL
\copy segments.customer (customer_id, email, first_name, last_name, phone, city, region, country, postal_code, created_at) FROM '$work_dir/customer.tsv'
\copy segments.custom_field (field_id, name, data_type) FROM '$work_dir/custom_field.tsv'
\copy segments.custom_field_value (customer_id, field_id, value) FROM '$work_dir/custom_field_value.tsv'
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City pass', 'pass');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
SELECT customer_id, 1, '2026-01-10 10:00+00' FROM segments.customer WHERE customer_id % 11 <> 0;
INSERT INTO segments.segment (name, definition)
VALUES ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}')
RETURNING segment_id \gset
CALL segments.recalculate(:segment_id, '2026-02-01 00:00+00');
SQL

segment_id=$(run_psql -At -c "SELECT segment_id FROM segments.segment WHERE name = 'Pass holders'")
member_count=$(run_psql -At -c "SELECT member_count FROM segments.segment WHERE segment_id = $segment_id")
joined_at=$(run_psql -At -c "SELECT DISTINCT joined_at FROM segments.segment_member WHERE segment_id = $segment_id")
if [ "$member_count" != 100000 ]; then
    echo "export_roundtrip: expected 100000 members, the segment has $member_count" >&2
    exit 1
fi

# 3. Export three ways.
written=$(run_psql -At -c "SELECT segments.export_csv($segment_id, '$work_dir/server.csv')")
written_neutralized=$(run_psql -At \
    -c "SELECT segments.export_csv($segment_id, '$work_dir/neutralized.csv', neutralize_formulas => true)")
run_psql -c "\\copy (SELECT * FROM segments.export_rows($segment_id)) TO '$work_dir/client.csv' WITH (FORMAT csv, HEADER)"
for count in "$written" "$written_neutralized"; do
    if [ "$count" != 100000 ]; then
        echo "export_roundtrip: export_csv returned $count, expected 100000" >&2
        exit 1
    fi
done

# 4. Read the files back and compare every value.
python3 - "$work_dir" "$joined_at" <<'PYTHON'
import csv
import json
import sys

work_dir, joined_at = sys.argv[1], sys.argv[2]
with open(f"{work_dir}/generated.json", encoding="utf-8") as source:
    generated = json.load(source)
fields = [(int(i), name) for i, name in generated["fields"]]
customers = {int(k): v for k, v in generated["customers"].items()}
answers = {}
for customer_id, field_id, value in generated["answers"]:
    answers.setdefault(int(customer_id), {})[int(field_id)] = value
members = [c for c in sorted(customers) if c % 11 != 0]
fixed = ["customer_id", "email", "first_name", "last_name", "phone", "city", "region",
         "country", "postal_code", "joined_at"]
failures = []


def fail(message):
    failures.append(message)
    if len(failures) >= 20:
        report()


def report():
    for message in failures:
        print("export_roundtrip: " + message, file=sys.stderr)
    sys.exit(1)


def neutralize(value):
    """The documented rule: a leading single quote before = + - @ tab CR."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def header_labels(neutralized):
    """The documented header rule: the field's name, or when it is longer than
    63 bytes or already taken, the name cut to fit before " (field N)"."""
    labels = list(fixed)
    for field_id, name in fields:
        label = neutralize(name) if neutralized else name
        if len(label.encode()) > 63 or label in labels:
            suffix = f" (field {field_id})"
            stem = label
            while len(stem.encode()) > 63 - len(suffix.encode()):
                stem = stem[:-1]
            label = stem + suffix
        labels.append(label)
    return labels


def read_csv(name):
    # newline='' lets the csv module see the newlines inside quoted values.
    with open(f"{work_dir}/{name}", encoding="utf-8", newline="") as csv_file:
        return list(csv.reader(csv_file))


def as_csv(value):
    return "" if value is None else value


def check_spreadsheet_file(name, neutralized):
    records = read_csv(name)
    if len(records) != len(members) + 1:
        fail(f"{name}: {len(records)} records, expected {len(members)} members plus the header")
    if records[0] != header_labels(neutralized):
        fail(f"{name}: header {records[0]!r}, expected {header_labels(neutralized)!r}")
    transform = neutralize if neutralized else (lambda value: value)
    for customer_id, record in zip(members, records[1:]):
        expected = [str(customer_id)]
        expected += [as_csv(transform(value)) for value in customers[customer_id]]
        expected.append(joined_at)
        given = answers.get(customer_id, {})
        expected += [as_csv(transform(given.get(field_id))) for field_id, _ in fields]
        if record != expected:
            fail(f"{name}: customer {customer_id}: {record!r} != {expected!r}")


def check_client_file():
    records = read_csv("client.csv")
    if len(records) != len(members) + 1:
        fail(f"client.csv: {len(records)} records, expected {len(members)} members plus the header")
    if records[0] != fixed + ["custom_fields"]:
        fail(f"client.csv: header {records[0]!r}")
    names = dict(fields)
    for customer_id, record in zip(members, records[1:]):
        expected = [str(customer_id)] + [as_csv(v) for v in customers[customer_id]] + [joined_at]
        if record[:10] != expected:
            fail(f"client.csv: customer {customer_id}: {record[:10]!r} != {expected!r}")
        expected_answers = {names[field_id]: value
                            for field_id, value in answers.get(customer_id, {}).items()
                            if value is not None}
        if json.loads(record[10]) != expected_answers:
            fail(f"client.csv: customer {customer_id}: custom_fields {record[10]!r}")


check_spreadsheet_file("server.csv", neutralized=False)
check_spreadsheet_file("neutralized.csv", neutralized=True)
check_client_file()
if failures:
    report()
print(f"export_roundtrip: {len(members)} members, every value read back from 3 files")
PYTHON
