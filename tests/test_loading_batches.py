"""Loading streams records in batches: the tables are the same whatever the batch size."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from orchestration import warehouse

TEXT = "Air defence forces shot down {n} Ukrainian drones over the Kursk region overnight."
TABLES = {
    "raw.articles": "select * exclude (loaded_at) from raw.articles order by article_id",
    "raw.article_rejects": "select * exclude (rejected_at) from raw.article_rejects order by all",
    "raw.article_duplicates": "select * exclude (seen_at) from raw.article_duplicates order by all",
}


def _feed(folder: Path, name: str, records: list[dict | str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _corpus(folder: Path) -> None:
    """Duplicates, a reused id and rejects, within one batch and across batches and files."""
    _feed(
        folder,
        "a.jsonl",
        [
            {"id": "a1", "text": TEXT.format(n=1)},
            {"id": "a2", "text": TEXT.format(n=2)},
            {"id": "a3", "text": TEXT.format(n=1)},  # a relay of a1
            '{"id": "broken',
            {"id": "a2", "text": TEXT.format(n=22)},  # a2 again, another text: rejected
            {"id": "a4", "text": TEXT.format(n=4)},
        ],
    )
    _feed(
        folder,
        "b.jsonl",
        [
            {"id": "b1", "text": TEXT.format(n=4)},  # a relay of a4, in the next file
            {"id": "a1", "text": TEXT.format(n=11)},  # a1's id from another file: rejected
            {"id": "b2", "text": TEXT.format(n=5)},
        ],
    )


def _load(folder: Path, database: Path, batch_size: int) -> tuple[dict, dict]:
    con = warehouse.connect(database)
    try:
        summary = warehouse.load_articles(con, folder, batch_size=batch_size)
        return dict(summary), {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


@pytest.mark.parametrize("batch_size", [1, 2, 3, 7])
def test_any_batch_size_stores_what_one_batch_stores(tmp_path: Path, batch_size: int):
    folder = tmp_path / "articles"
    _corpus(folder)
    whole_summary, whole = _load(folder, tmp_path / "whole.duckdb", batch_size=10_000)
    assert whole_summary["articles_new"] == 4
    assert whole_summary["duplicates"] == 2
    assert whole_summary["rejects"] == 3
    summary, tables = _load(folder, tmp_path / f"batches-{batch_size}.duckdb", batch_size=batch_size)
    assert summary == whole_summary
    assert tables == whole


@pytest.mark.parametrize("batch_size", [1, 10_000])
def test_an_edited_record_replaces_its_article_and_its_old_text_still_names_it(tmp_path: Path, batch_size: int):
    folder = tmp_path / "articles"
    _corpus(folder)
    database = tmp_path / "w.duckdb"
    _load(folder, database, batch_size)
    # a4 is edited in place; a later record carries a4's old text: a relay of a4, as before the load.
    _feed(
        folder,
        "a.jsonl",
        [
            {"id": "a1", "text": TEXT.format(n=1)},
            {"id": "a2", "text": TEXT.format(n=2)},
            {"id": "a3", "text": TEXT.format(n=1)},
            '{"id": "broken',
            {"id": "a2", "text": TEXT.format(n=22)},
            {"id": "a4", "text": TEXT.format(n=44)},
            {"id": "a5", "text": TEXT.format(n=4)},
        ],
    )
    summary, tables = _load(folder, database, batch_size)
    assert summary["articles_updated"] == 1
    assert summary["articles_new"] == 0
    texts = {row[0]: row[11] for row in tables["raw.articles"]}
    assert texts["a4"] == TEXT.format(n=44)
    assert tables["raw.article_duplicates"][1][:7] == ("a.jsonl", 7, "a5", None, None, None, "a4")


def test_a_load_writes_raw_articles_in_small_row_groups(tmp_path: Path):
    """At DuckDB's default row group (122,880 rows, about 350 MB of news text) every automatic
    checkpoint of a batch load rewrote the open group whole: a 1 GB feed peaked at 2.3 GB
    (bench/load_memory.py). The warehouse is attached with warehouse.ROW_GROUP_ROWS instead."""
    folder = tmp_path / "articles"
    rows = 2 * warehouse.ROW_GROUP_ROWS + 10
    _feed(folder, "feed.jsonl", [{"id": f"r{n}", "text": TEXT.format(n=n)} for n in range(rows)])
    database = tmp_path / "w.duckdb"
    con = warehouse.connect(database)
    try:
        assert con.execute("select current_database()").fetchone()[0] == "w"  # as duckdb.connect(path) names it
        warehouse.load_articles(con, folder, batch_size=5_000)
        con.execute("checkpoint")
        groups = con.execute(
            "select row_group_id, max(count) from pragma_storage_info('raw.articles') group by row_group_id"
        ).fetchall()
    finally:
        con.close()
    assert len(groups) == 3
    assert max(count for _, count in groups) <= warehouse.ROW_GROUP_ROWS
    reopened = duckdb.connect(str(database), read_only=True)  # closed cleanly: readable as any DuckDB file
    try:
        assert reopened.execute("select count(*) from raw.articles").fetchone()[0] == rows
    finally:
        reopened.close()


def test_a_warehouse_file_named_like_a_built_in_database_opens(tmp_path: Path):
    con = warehouse.connect(tmp_path / "memory.duckdb")
    try:
        con.execute("insert into raw.source_files values ('a.jsonl', 1, 1, now())")
        assert con.execute("select count(*) from raw.source_files").fetchone()[0] == 1
    finally:
        con.close()
