"""Production orchestration: incremental extraction, the schedule and the sensor, end to end."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.cli import build

ROOT = Path(__file__).resolve().parent.parent

NEW_ARTICLES = [
    (
        "inc-1",
        "2025-11-02",
        "Russian air defence systems destroyed 17 Ukrainian drones over the Kursk region overnight, "
        "the Defence Ministry said.",
    ),
    (
        "inc-2",
        "2025-11-02",
        "Governor Vyacheslav Gladkov said two people were injured when a drone struck a car near Shebekino on Sunday.",
    ),
    (
        "inc-3",
        "2025-11-03",
        "Ukraine's air force said Russia launched 96 drones overnight, of which 71 were shot down.",
    ),
    (
        "inc-4",
        "2025-11-03",
        "Debris from a downed drone damaged three private houses in the Odesa region, regional head Oleh Kiper said.",
    ),
    (
        "inc-5",
        "2025-11-04",
        "The Hajun Project said one Shahed drone crashed near Lelchytsy in the Gomel region overnight.",
    ),
]


def _extracted_ids(warehouse: Path) -> dict[str, str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return dict(con.execute("select article_id, cast(extracted_at as varchar) from raw.extractions").fetchall())
    finally:
        con.close()


def test_a_rebuild_with_five_new_articles_extracts_only_those_five(tmp_path: Path):
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    warehouse = tmp_path / "w.duckdb"
    first = build(articles, warehouse)
    assert first["success"], first.get("failures")
    before = _extracted_ids(warehouse)
    feed = articles / "new" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(
        "\n".join(json.dumps({"id": i, "published_at": d, "text": t}) for i, d, t in NEW_ARTICLES) + "\n",
        encoding="utf-8",
    )
    second = build(articles, warehouse)
    assert second["success"], second.get("failures")
    after = _extracted_ids(warehouse)
    re_extracted = {a for a, at in after.items() if before.get(a) != at}
    assert re_extracted == {i for i, _, _ in NEW_ARTICLES}
    assert second["articles"] == first["articles"] + 5


@pytest.fixture
def project_env(tmp_path: Path, monkeypatch):
    """The settings the schedule, the sensor and the job read, pointed at a scratch folder."""
    articles = tmp_path / "articles"
    shutil.copytree(ROOT.parent / "shared" / "seeds", articles)
    monkeypatch.setenv("SKYLEDGER_ARTICLES", str(articles))
    monkeypatch.setenv("SKYLEDGER_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("SKYLEDGER_PUBLISHED", str(tmp_path / "published" / "warehouse.duckdb"))
    monkeypatch.setenv("SKYLEDGER_PARQUET", str(tmp_path / "published" / "parquet"))
    monkeypatch.setenv("SKYLEDGER_DOCS", str(tmp_path / "published" / "docs" / "index.html"))
    monkeypatch.setenv("PATH", f"{Path(os.sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    from orchestration.cli import _prepare_dbt

    _prepare_dbt()
    return articles, tmp_path / "w.duckdb"


def _run(defs, run_request: dg.RunRequest, instance: dg.DagsterInstance):
    job = defs.resolve_job_def(run_request.job_name or "build_warehouse")
    return job.execute_in_process(instance=instance, tags=run_request.tags, raise_on_error=False)


def test_the_sensor_requests_a_build_for_new_files_and_the_build_runs(project_env):
    articles, warehouse = project_env
    from orchestration.definitions import defs

    sensor = defs.resolve_sensor_def("new_articles_sensor")
    with dg.instance_for_test() as instance:
        first = sensor(dg.build_sensor_context(instance=instance, cursor=None))
        assert isinstance(first, dg.RunRequest)
        cursor = first.run_key
        quiet = sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
        assert isinstance(quiet, dg.SkipReason)
        (articles / "extra.txt").write_text("Two Ukrainian drones were shot down over the Bryansk region.", "utf-8")
        again = sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
        assert isinstance(again, dg.RunRequest) and again.run_key != cursor
        result = _run(defs, again, instance)
        assert result.success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_article").fetchone()[0] == 6
    finally:
        con.close()


def test_the_daily_schedule_requests_the_build_job_and_it_runs(project_env):
    _, warehouse = project_env
    from orchestration.definitions import defs

    schedule = defs.resolve_schedule_def("daily_build")
    assert schedule.cron_schedule == "15 6 * * *"
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(instance=instance)
        requests = schedule.evaluate_tick(context).run_requests
        assert len(requests) == 1
        result = _run(defs, requests[0], instance)
        assert result.success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from marts.fct_claims").fetchone()[0] > 0
    finally:
        con.close()
