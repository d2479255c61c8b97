"""Publishing: after a build, readers get a copy of the warehouse that is replaced atomically.

One real build (the seed articles) runs while two reader processes query the published file:
one holds it open the whole time, one opens it anew for every query. Before the build the
published file holds a small, different warehouse, so each reader's observations show which
version it read, and that it never read anything in between.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import reader_processes

from orchestration import publish
from orchestration.cli import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
READER = Path(__file__).with_name("published_reader.py")


def make_old_warehouse(path: Path) -> None:
    """A warehouse as if built from two articles: what the readers hold before the build."""
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        con.execute("create table marts.fct_claims as select * from (values ('old-1'), ('old-2')) t(claim_id)")
        con.execute("create table marts.dim_article as select 'old' as article_id")
    finally:
        con.close()


def start_reader(mode: str, published: Path, stop: Path) -> subprocess.Popen:
    return reader_processes.start_reader([sys.executable, str(READER), mode, str(published), str(stop)])


def finish_reader(reader: subprocess.Popen) -> dict:
    return reader_processes.finish_reader(reader, timeout=60)


def table_rows(path: Path, schema: str) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(f"select table_name from duckdb_tables() where schema_name = '{schema}'").fetchall()
        ]
        return {t: con.execute(f'select count(*) from {schema}."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def build_under_readers(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("publish")
    warehouse = scratch / "work" / "warehouse.duckdb"
    published = scratch / "readers" / "warehouse.duckdb"
    parquet = scratch / "readers" / "parquet"
    stop = scratch / "stop"

    old = scratch / "old.duckdb"
    make_old_warehouse(old)
    publish.publish(old, published, parquet)
    old_inode = published.stat().st_ino

    with pytest.MonkeyPatch.context() as env:
        env.setenv("SKYLEDGER_PUBLISHED", str(published))
        env.setenv("SKYLEDGER_PARQUET", str(parquet))
        # build() sets these two for its run; the context puts the previous values back.
        env.setenv("SKYLEDGER_WAREHOUSE", str(warehouse))
        env.setenv("SKYLEDGER_ARTICLES", str(SEEDS))
        held = start_reader("held", published, stop)
        fresh = start_reader("fresh", published, stop)
        try:
            summary = build(SEEDS, warehouse)
            time.sleep(1.0)  # let the fresh reader open the new file a few times
        finally:
            stop.touch()
            readings = {"held": finish_reader(held), "fresh": finish_reader(fresh)}
    return {
        "summary": summary,
        "readings": readings,
        "warehouse": warehouse,
        "published": published,
        "parquet": parquet,
        "old_inode": old_inode,
    }


def test_build_publishes_while_a_reader_holds_the_published_file(build_under_readers):
    summary = build_under_readers["summary"]
    assert summary["success"], summary.get("failures")
    assert summary["published"] == str(build_under_readers["published"])
    assert summary["parquet"] == str(build_under_readers["parquet"])
    published = build_under_readers["published"]
    assert published.stat().st_ino != build_under_readers["old_inode"]
    # The new copy holds the new build: every published table equals the working warehouse's.
    for schema in ("marts", "contradictions"):
        assert table_rows(published, schema) == table_rows(build_under_readers["warehouse"], schema)
    assert table_rows(published, "marts")["fct_claims"] > 2
    leftovers = [p.name for p in published.parent.iterdir() if p.name.endswith((".tmp", ".wal", ".link"))]
    assert leftovers == []


def test_reader_holding_the_old_file_kept_reading_it_whole(build_under_readers):
    held = build_under_readers["readings"]["held"]
    assert held["errors"] == []
    assert held["queries"] > 10
    assert held["states"] == [{"rows": 2, "ids": 2, "tables": ["dim_article", "fct_claims"], "seen": held["queries"]}]


def test_reader_opening_the_file_anew_saw_the_old_or_the_new_copy_never_a_mix(build_under_readers):
    fresh = build_under_readers["readings"]["fresh"]
    assert fresh["errors"] == []
    new_marts = table_rows(build_under_readers["published"], "marts")
    old = (2, 2, ["dim_article", "fct_claims"])
    new = (new_marts["fct_claims"], new_marts["fct_claims"], sorted(new_marts))
    seen = [(s["rows"], s["ids"], s["tables"]) for s in fresh["states"]]
    assert seen == [old, new]  # in that order: the old copy until the swap, then only the new one


def test_every_mart_is_published_as_parquet_with_its_rows(build_under_readers):
    parquet = build_under_readers["parquet"]
    marts = table_rows(build_under_readers["published"], "marts")
    files = {p.stem: p for p in parquet.glob("*.parquet")}
    assert set(files) == set(marts)
    con = duckdb.connect()
    try:
        counts = {
            name: con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
            for name, path in files.items()
        }
    finally:
        con.close()
    assert counts == marts
    # The folder is a link swapped in one rename; the previous version is kept for readers.
    assert parquet.is_symlink()
    versions = [p for p in parquet.parent.iterdir() if p.name.startswith(".parquet.") and p.is_dir()]
    assert len(versions) == 2


def test_published_copy_holds_the_article_texts_the_evidence_points_into(build_under_readers):
    con = duckdb.connect(str(build_under_readers["published"]), read_only=True)
    try:
        rows = con.execute(
            "select c.evidence_text, a.text, c.evidence_start, c.evidence_end "
            "from marts.fct_claims c join raw.articles a using (article_id)"
        ).fetchall()
        schemas = {r[0] for r in con.execute("select schema_name from duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert rows and all(text[start:end] == evidence for evidence, text, start, end in rows)
    assert schemas == {"marts", "contradictions", "raw"}  # no staging views, no raw claims


def test_a_failed_publish_leaves_the_previous_copy_and_no_temporary_files(tmp_path: Path, monkeypatch):
    published, parquet = tmp_path / "out" / "warehouse.duckdb", tmp_path / "out" / "parquet"
    good = tmp_path / "good.duckdb"
    make_old_warehouse(good)
    publish.publish(good, published, parquet)
    before = (published.stat().st_ino, os.readlink(parquet))

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()  # no marts: dbt never ran
    with pytest.raises(RuntimeError, match="no marts tables"):
        publish.publish(empty, published, parquet)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    # Fails after the new database file was written, before the swap.
    monkeypatch.setattr(publish, "_write_parquet", disk_full)
    with pytest.raises(OSError, match="No space"):
        publish.publish(good, published, parquet)

    assert (published.stat().st_ino, os.readlink(parquet)) == before
    names = sorted(p.name for p in published.parent.iterdir())
    assert names == [os.readlink(parquet), "parquet", "warehouse.duckdb"]
    assert table_rows(published, "marts") == {"dim_article": 1, "fct_claims": 2}


def published_rows(path: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(con.execute(query).fetchall())
    finally:
        con.close()


def test_a_second_publish_updates_the_copy_and_links_the_unchanged_parquet(tmp_path: Path):
    warehouse = tmp_path / "work.duckdb"
    published, parquet = tmp_path / "out" / "warehouse.duckdb", tmp_path / "out" / "parquet"
    make_old_warehouse(warehouse)
    con = duckdb.connect(str(warehouse))
    con.execute("create table marts.dim_region as select 'r1' as region_id")
    con.close()
    first = publish.publish(warehouse, published, parquet)
    assert not first.updated
    first_inode = published.stat().st_ino
    region_file = (parquet / "dim_region.parquet").stat().st_ino

    con = duckdb.connect(str(warehouse))
    con.execute("delete from marts.fct_claims where claim_id = 'old-1'")
    con.execute("insert into marts.fct_claims values ('new-1'), ('new-2')")
    con.execute("create table marts.dim_outlet as select 'o1' as outlet")  # a new mart
    con.execute("drop table marts.dim_article")  # a mart gone
    con.close()
    second = publish.publish(warehouse, published, parquet)

    assert second.updated
    assert second.unchanged_tables == ["marts.dim_region"]
    assert published.stat().st_ino != first_inode  # still a new file swapped in, never written in place
    assert published_rows(published, "select * from marts.fct_claims") == [("new-1",), ("new-2",), ("old-2",)]
    assert table_rows(published, "marts") == {"dim_outlet": 1, "dim_region": 1, "fct_claims": 3}
    assert {p.stem for p in parquet.glob("*.parquet")} == {"dim_outlet", "dim_region", "fct_claims"}
    assert (parquet / "dim_region.parquet").stat().st_ino == region_file  # linked, not written
    con = duckdb.connect()
    claims = sorted(con.execute(f"select * from read_parquet('{parquet / 'fct_claims.parquet'}')").fetchall())
    con.close()
    assert claims == [("new-1",), ("new-2",), ("old-2",)]


def test_duplicate_rows_and_a_copy_replaced_by_hand_are_published_whole(tmp_path: Path):
    warehouse = tmp_path / "work.duckdb"
    published, parquet = tmp_path / "out" / "warehouse.duckdb", tmp_path / "out" / "parquet"
    make_old_warehouse(warehouse)
    publish.publish(warehouse, published, parquet)

    # One more copy of a row already there: comparing hashes cannot see it, the fingerprint can.
    con = duckdb.connect(str(warehouse))
    con.execute("insert into marts.fct_claims values ('old-1')")
    con.close()
    assert publish.publish(warehouse, published, parquet).updated
    assert published_rows(published, "select * from marts.fct_claims") == [("old-1",), ("old-1",), ("old-2",)]

    # The published copy is not the one the manifest describes: nothing of it is trusted.
    other = tmp_path / "other.duckdb"
    make_old_warehouse(other)
    publish.publish(other, tmp_path / "elsewhere" / "copy.duckdb", tmp_path / "elsewhere" / "parquet")
    os.replace(tmp_path / "elsewhere" / "copy.duckdb", published)
    again = publish.publish(warehouse, published, parquet)
    assert not again.updated
    assert published_rows(published, "select * from marts.fct_claims") == [("old-1",), ("old-1",), ("old-2",)]
