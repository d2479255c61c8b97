"""A reader of the published warehouse, run as its own process by tests/test_publish.py.

    python tests/published_reader.py held|fresh PUBLISHED STOP_FILE

`held` opens the file once and queries it until STOP_FILE exists, as an analyst's open session
would; `fresh` opens the file anew for every query, as a BI tool with no connection pool would.
Prints `ready` once the first query succeeded, then, when stopped, one JSON line: every distinct
state it saw (rows and distinct ids of marts.fct_claims, the marts tables) and every error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

PAUSE = 0.05  # seconds between queries: keep a 2-core machine free for the build
LIMIT = 1200  # seconds: never outlive a test that died without creating the stop file (a build on a
# loaded two-core machine beside a second test process took over 300 s, and the reader stopped first)


def observe(con: duckdb.DuckDBPyConnection) -> tuple:
    rows, ids = con.execute("select count(*), count(distinct claim_id) from marts.fct_claims").fetchone()
    tables = [
        r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    ]
    return rows, ids, sorted(tables)


def main(mode: str, published: Path, stop: Path) -> None:
    held = duckdb.connect(str(published), read_only=True) if mode == "held" else None
    states: dict[str, dict] = {}
    errors: list[str] = []
    queries = 0
    started = time.monotonic()
    while True:
        try:
            if held is not None:
                state = observe(held)
            else:
                con = duckdb.connect(str(published), read_only=True)
                try:
                    state = observe(con)
                finally:
                    con.close()
            key = json.dumps(state)
            states.setdefault(key, {"rows": state[0], "ids": state[1], "tables": state[2], "seen": 0})
            states[key]["seen"] += 1
        except Exception as error:  # recorded, never fatal: the test asserts there were none
            errors.append(f"{type(error).__name__}: {error}")
        queries += 1
        if queries == 1:
            print("ready", flush=True)
        if stop.exists() or time.monotonic() - started > LIMIT:
            break
        time.sleep(PAUSE)
    print(json.dumps({"mode": mode, "queries": queries, "states": list(states.values()), "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
