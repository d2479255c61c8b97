"""`skyledger sql`: query the published copy, read-only, from the project's own environment.

    skyledger sql "select * from marts.fct_national_daily order by claim_date desc limit 5"
    skyledger sql                       # an interactive shell: statements end with ';', .tables, .quit

Only the published copy is opened (never the working warehouse, which a reader would block).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import duckdb

from orchestration.preflight import BuildError

PROMPT, MORE = "skyledger> ", "      ...> "


def connect(published: Path) -> duckdb.DuckDBPyConnection:
    if not published.exists():
        raise BuildError(
            f"there is no published copy at {published}",
            "run `skyledger build` first, or pass --published or --warehouse",
        )
    return duckdb.connect(str(published), read_only=True)


def run(con: duckdb.DuckDBPyConnection, query: str, fmt: str = "table", out=None) -> None:
    out = out or sys.stdout
    relation = con.sql(query)
    if relation is None:  # a statement without a result (set, pragma ...)
        return
    if fmt == "table":
        print(relation.show(max_rows=200, max_width=200) or "", file=out, end="")
        return
    columns, rows = relation.columns, relation.fetchall()
    if fmt == "csv":
        import csv

        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        import json

        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), default=str), file=out)


def shell(con: duckdb.DuckDBPyConnection, published: Path) -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history, where available)
    print(f"{published} (read-only). Statements end with ';'. .tables lists the tables, .quit leaves.")
    buffer: list[str] = []
    while True:
        try:
            line = input(MORE if buffer else PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not buffer and line.strip() in (".quit", ".exit"):
            return
        if not buffer and line.strip() == ".tables":
            line = "select table_schema || '.' || table_name as name from information_schema.tables order by 1;"
        buffer.append(line)
        if line.rstrip().endswith(";"):
            try:
                run(con, "\n".join(buffer))
            except duckdb.Error as error:
                print(f"error: {str(error).splitlines()[0]}")
            buffer = []


def main(published: Path, query: str | None, fmt: str = "table") -> int:
    con = connect(published)
    try:
        if query is None:
            shell(con, published)
            return 0
        try:
            run(con, query, fmt)
        except duckdb.Error as error:
            print(f"skyledger: error: {str(error).splitlines()[0]}", file=sys.stderr)
            return 1
        return 0
    finally:
        con.close()
