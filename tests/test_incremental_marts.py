"""Incremental dbt models: a build over new, edited and emptied articles, and over reports that
join a group of an unchanged article's claim, leaves the same tables as rebuilding them whole
from the same raw tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from orchestration import paths
from orchestration.build_state import INCREMENTAL_STAMP
from orchestration.cli import build

ROOT = Path(__file__).resolve().parent.parent
# Incremental on DuckDB: rewritten per changed article (and the groups it touches), the rest kept.
INCREMENTAL_TABLES = (
    "main.int_claims_resolved",
    "main.int_claims_deduplicated",
    "marts.fct_claims",
    "marts.fct_claims_deduplicated",
)
# Built from them, and every other mart and contradictions table (_published_tables): must come out
# the same either way, row for row.
DOWNSTREAM_TABLES = ("marts.fct_region_daily", "marts.fct_national_daily", "marts.dim_claimant")

NEW = [
    {
        "id": "inc-new-1",
        "published_at": "2025-11-02",
        "text": "Russian air defence systems destroyed 17 Ukrainian drones over the Kursk region overnight, "
        "the Defence Ministry said.",
    },
    {
        "id": "inc-new-2",
        "published_at": "2025-11-03",
        "text": "Ukraine's air force said Russia launched 96 drones overnight, of which 71 were shot down.",
    },
]
# An article edited in place (new claims for the same id) and one emptied of every claim.
EDITED = "ministry/demo-mod-headline-tally.txt"
EMPTIED = "governors/demo-bocharov-telegram.txt"
# An unchanged article whose claims a new, earlier report repeats: the new report becomes its
# groups' representative and their first_published_at moves, on the unchanged article's rows too.
REPEATED = "ministry/demo-ria-mod-20240823.json"


def _rows(warehouse: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = [c[0] for c in con.execute(f"select * from {table} limit 0").description]
        return [columns, *con.execute(f"select * from {table} order by all").fetchall()]
    finally:
        con.close()


def _published_tables(warehouse: Path) -> list[str]:
    """Every table of the marts and contradictions schemas (what a build publishes)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('marts', 'contradictions') order by all"
            ).fetchall()
        ]
    finally:
        con.close()


def _build_log(summary: dict) -> str:
    return Path(summary["log"]).read_text(encoding="utf-8")


def test_an_incremental_build_equals_a_whole_rebuild_over_new_edited_and_emptied_articles(tmp_path: Path):
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    warehouse = tmp_path / "w.duckdb"
    first = build(articles, warehouse)
    assert first["success"], first.get("failures")
    assert "incremental models rebuilt whole" in _build_log(first)
    before = {row[0] for row in _rows(warehouse, "main.int_claims_resolved")[1:]}

    original = json.loads((ROOT / "data" / "articles" / REPEATED).read_text(encoding="utf-8"))
    earlier = {"id": "inc-earlier-report", "published_at": "2024-08-23T22:00:00+03:00"}
    earlier["text"] = original["text"] + "\n\nThe report was carried by several outlets."
    (articles / "new").mkdir()
    feed = [*NEW, earlier]
    (articles / "new" / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in feed) + "\n", encoding="utf-8")
    (articles / EDITED).write_text(
        "Russian air defence systems intercepted 41 Ukrainian drones over the Bryansk region overnight, "
        "the Defence Ministry said.\n",
        encoding="utf-8",
    )
    (articles / EMPTIED).write_text("The governor thanked the emergency services for their work.\n", encoding="utf-8")
    second = build(articles, warehouse)
    assert second["success"], second.get("failures")
    assert "incremental models rebuilt whole" not in _build_log(second)
    tables = dict.fromkeys([*INCREMENTAL_TABLES, *DOWNSTREAM_TABLES, *_published_tables(warehouse)])
    assert len(tables) >= 13, tables  # the 10 marts and 3 contradictions tables at least
    incremental = {table: _rows(warehouse, table) for table in tables}
    resolved = {row[1] for row in incremental["main.int_claims_resolved"][1:]}
    assert {"inc-new-1", "inc-new-2", Path(EDITED).stem} <= resolved and Path(EMPTIED).stem not in resolved
    assert before - {row[0] for row in incremental["main.int_claims_resolved"][1:]}, "the edit removed no claim"
    claims = incremental["marts.fct_claims"]
    moved = [
        row
        for row in claims[1:]
        if row[claims[0].index("article_id")] == original["id"]
        and str(row[claims[0].index("first_published_at")]).startswith("2024-08-23 19:00")
    ]
    assert moved, "no claim of the unchanged article took the earlier report's first_published_at"

    # The same raw tables, every incremental model rebuilt whole (--force: dbt build --full-refresh).
    whole = build(articles, warehouse, force=True)
    assert whole["success"], whole.get("failures")
    assert "incremental models rebuilt whole" in _build_log(whole)
    for table, rows in incremental.items():
        assert _rows(warehouse, table) == rows, table


def test_a_changed_dbt_project_rebuilds_the_incremental_models_whole(tmp_path: Path):
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles" / "ministry", articles)
    warehouse = tmp_path / "w.duckdb"
    assert build(articles, warehouse)["success"]
    (articles / "one.jsonl").write_text(json.dumps(NEW[0]) + "\n", encoding="utf-8")
    unchanged = build(articles, warehouse)
    assert unchanged["changes"] == ["articles added or changed"]
    assert "incremental models rebuilt whole" not in _build_log(unchanged)
    stamp = paths.state_dir(warehouse) / INCREMENTAL_STAMP
    stamp.write_text("a project as it was before an edit")
    (articles / "two.jsonl").write_text(json.dumps(NEW[1]) + "\n", encoding="utf-8")
    changed = build(articles, warehouse)
    assert "incremental models rebuilt whole" in _build_log(changed)
    assert stamp.read_text() != "a project as it was before an edit"


def test_row_local_invariants_read_the_rows_changed_since_the_last_build_that_finished(tmp_path: Path):
    """dbt_project/macros/checked_rows.sql: rows a failed build wrote are read again by the next
    build; rows of an article unchanged since the last finished build are not read again."""
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles" / "ministry", articles)
    warehouse = tmp_path / "w.duckdb"
    assert build(articles, warehouse)["success"]
    old_article = _rows(warehouse, "marts.fct_claims")[1][1]
    (articles / "one.jsonl").write_text(json.dumps(NEW[0]) + "\n", encoding="utf-8")
    assert build(articles, warehouse)["success"]

    def break_evidence(article_id: str) -> None:
        con = duckdb.connect(str(warehouse))
        con.execute("update marts.fct_claims set evidence_text = 'not in the text' where article_id = ?", [article_id])
        con.close()

    # The second build's rows wrong, and that build not recorded as finished (as if its test had
    # failed after dbt wrote them): the next build reads them again, and fails.
    break_evidence(NEW[0]["id"])
    con = duckdb.connect(str(warehouse))
    con.execute("delete from ops.builds where started_at > (select min(started_at) from ops.builds)")
    con.close()
    (articles / "two.jsonl").write_text(json.dumps(NEW[1]) + "\n", encoding="utf-8")
    third = build(articles, warehouse)
    assert not third["success"] and third["tests_failed"] == 1
    assert "Failure in test assert_evidence_text_matches_article_slice" in _build_log(third)

    # A whole rebuild writes every row again and reads every row.
    assert build(articles, warehouse, force=True)["success"]

    # An article unchanged since the last finished build: its rows were read then, not now.
    break_evidence(old_article)
    (articles / "three.jsonl").write_text(json.dumps({**NEW[1], "id": "inc-new-3"}) + "\n", encoding="utf-8")
    assert build(articles, warehouse)["success"]
