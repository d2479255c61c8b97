"""Read the published warehouse as a BI tool would, from a separate virtual environment.

Run by tests/test_bi_connection.py with the Python of a venv holding what Superset's `duckdb`
extra installs (duckdb-engine, SQLAlchemy 1.4) and duckdb 1.4: never imported by the project.

    python read_published.py duckdb PUBLISHED
        open the file with this venv's duckdb, read-only; print its version and every table's rows
    python read_published.py sqlalchemy|sqlalchemy-held PUBLISHED README STOP_FILE
        until STOP_FILE exists: connect through duckdb-engine (a new connection per round, as
        Superset's NullPool does, or one connection held throughout), reflect the marts and run
        the README's example queries; print what was seen and every error
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from importlib.metadata import version
from pathlib import Path

LIMIT = 300  # seconds: never outlive a test that died without creating the stop file
PAUSE = 0.1


def read_with_duckdb(published: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall()
        rows = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
        evidence_ok = con.execute(
            "select bool_and(substr(a.text, c.evidence_start + 1, c.evidence_end - c.evidence_start) "
            "= c.evidence_text) from marts.fct_claims c join raw.articles a using (article_id)"
        ).fetchone()[0]
    finally:
        con.close()
    return {"duckdb": duckdb.__version__, "rows": rows, "evidence_matches_text": evidence_ok}


def readme_queries(readme: Path) -> list[str]:
    """The SQL block under "## Querying", one statement each, with its placeholder filled in."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("\n## Querying", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    block = block.replace(
        "'<claim_id of a total>'",
        "(select parent_claim_id from marts.fct_claims where parent_claim_id is not null limit 1)",
    )
    if re.search(r"'<[^>]*>'", block):
        raise ValueError("a README query has a placeholder this reader cannot fill in")
    statements = [s.strip() for s in block.split(";")]
    return [s for s in statements if re.sub(r"--[^\n]*", "", s).strip()]


def read_with_sqlalchemy(published: Path, readme: Path, stop: Path, hold: bool) -> dict:
    """Rounds of reflection and README queries until `stop` exists.

    hold=False: a new connection each round (Superset's NullPool), so each round opens the file
    the name points to now. hold=True: one pooled connection for every round, as a tool that
    keeps its session. DuckDB shares one open file among a process's connections to a path, so
    the two kinds of reader run as two processes.
    """
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    url = f"duckdb:///{published}?access_mode=read_only"
    engine = sa.create_engine(url) if hold else sa.create_engine(url, poolclass=NullPool)
    held = engine.connect() if hold else None
    queries = readme_queries(readme)
    result: dict = {
        "url": url,
        "versions": {name: version(name) for name in ("duckdb", "duckdb-engine", "sqlalchemy")},
        "queries": queries,
        "rounds": 0,
        "errors": [],
        "inodes": [],  # distinct inodes behind the published name, in the order seen
        "rows": [],  # distinct counts of marts.fct_claims, in the order seen
    }
    started = time.monotonic()
    while True:
        try:
            inode = os.stat(published).st_ino
            if inode not in result["inodes"]:
                result["inodes"].append(inode)
            con = held or engine.connect()
            try:
                inspector = sa.inspect(con)
                result["marts"] = sorted(inspector.get_table_names(schema="marts"))
                columns = inspector.get_columns("fct_claims", schema="marts")
                result["columns"] = {c["name"]: str(c["type"]) for c in columns}
                result["access_mode"] = con.execute(sa.text("select current_setting('access_mode')")).scalar()
                result["query_rows"] = [len(con.execute(sa.text(q)).fetchall()) for q in queries]
                rows = con.execute(sa.text("select count(*) from marts.fct_claims")).scalar()
            finally:
                if con is not held:
                    con.close()
            if rows not in result["rows"]:
                result["rows"].append(rows)
        except Exception as error:  # recorded, never fatal: the test asserts there were none
            result["errors"].append(f"{type(error).__name__}: {error}")
        result["rounds"] += 1
        if result["rounds"] == 1:
            print("ready", flush=True)
        if stop.exists() or time.monotonic() - started > LIMIT:
            break
        time.sleep(PAUSE)
    if held is not None:
        held.close()
    return result


if __name__ == "__main__":
    mode, published = sys.argv[1], Path(sys.argv[2])
    if mode == "duckdb":
        print(json.dumps(read_with_duckdb(published)))
    else:
        hold = mode == "sqlalchemy-held"
        print(json.dumps(read_with_sqlalchemy(published, Path(sys.argv[3]), Path(sys.argv[4]), hold)))
