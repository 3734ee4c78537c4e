#!/usr/bin/env python3
"""Writes expected/NAME.out for a pg_regress file whose expected results are
written by hand in the file itself.

The condition_*.sql files run psql in unaligned, tuples-only mode, and put
before each query the rows it must return, one comment line per row:

    -- expect: 101,102
    SELECT pg_temp.members(...);

pg_regress runs psql with -a, which echoes every input line except blank ones,
so the expected output is the file without its blank lines and with each
query's rows printed after the line that ends it. This only moves
the hand-written rows into place; it never runs the query.

Usage: test/expected_from_sql.py sql/condition_groups.sql [...]
"""
import pathlib
import sys

MARK = "-- expect:"


def expected_output(sql: str) -> str:
    out = []
    pending = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        out.append(line)
        if stripped.startswith(MARK):
            pending.append(stripped[len(MARK):].strip())
        elif pending and not stripped.startswith("--") and stripped.endswith(";"):
            out.extend(pending)
            pending = []
    if pending:
        raise SystemExit("expectations without a query at the end of the file")
    return "\n".join(out) + "\n"


def main() -> None:
    for name in sys.argv[1:]:
        source = pathlib.Path(name)
        target = source.parent.parent / "expected" / (source.stem + ".out")
        target.write_text(expected_output(source.read_text()))
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
