"""Publishing never loses what readers have: a build with fewer articles than the published copy
(an empty or wrong articles folder, a fresh warehouse) does not replace it unless asked.

Plain Python, no Dagster. Only reads: the working warehouse and the published copy, read-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def article_count(database: Path) -> int | None:
    """Rows of raw.articles in `database`; None when the file or the table is missing."""
    if not Path(database).exists():
        return None
    con = duckdb.connect(str(database), read_only=True)
    try:
        found = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'articles'"
        ).fetchone()[0]
        return con.execute("select count(*) from raw.articles").fetchone()[0] if found else None
    finally:
        con.close()


def shrink_reason(warehouse: Path, published: Path) -> str | None:
    """Why publishing `warehouse` over `published` would lose articles readers have; None if it would not."""
    before = article_count(published)
    if not before:
        return None
    after = article_count(warehouse) or 0
    if after >= before:
        return None
    return (
        f"this build has {after} articles, the published copy {published} has {before}; "
        "pass --allow-shrink to replace it anyway"
    )
