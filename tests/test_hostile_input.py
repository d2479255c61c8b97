"""Hostile input (issue 9): one folder holding every case next to 50 good articles.

One real build (load, extract, dbt, publish, docs) runs in-process over the folder. It must exit
0, load every good article with its claims, leave a reject row with its reason for every bad
file or record, keep counts out of range in raw.claim_rejects, turn a runaway article into an
extraction error with its id, and let no byte of a file outside the folder reach any table or
published file. The published copy holds only what readers need.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import duckdb
import pytest

from orchestration import article_extraction, cli, loading

MARKER = "OUTSIDE-SECRET-7f3a9c"  # in every file outside the folder: must appear nowhere
REGIONS = ["Kursk", "Belgorod", "Bryansk", "Oryol", "Voronezh"]
SENTENCE = (
    "Air defence forces shot down {n} Ukrainian drones over the {region} region overnight, "
    "the Russian Defence Ministry said."
)
DEEP = "[" * 100_000 + "]" * 100_000


def good_text(i: int) -> str:
    return SENTENCE.format(n=i + 2, region=REGIONS[i % len(REGIONS)]) + f" Debris fell near house {i}."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def make_folder(root: Path) -> tuple[Path, dict[str, str], dict[tuple[str, int | None], str]]:
    """(folder, good article id -> text, (source_path, line) -> the reason its reject must give)."""
    folder = root / "articles"
    outside = root / "outside"
    write(outside / "secret.txt", f"{MARKER} " + SENTENCE.format(n=99, region="Kursk"))
    write(outside / "nested" / "more.json", json.dumps({"id": "leak", "text": f"{MARKER} 12 drones shot down"}))
    good: dict[str, str] = {}
    # 50 good articles in every format: 20 .txt, 10 .json, 10 .html, 10 lines of a .jsonl.
    for i in range(20):
        write(folder / "txt" / f"good-{i:02d}.txt", good_text(i))
        good[f"good-{i:02d}"] = good_text(i)
    for i in range(20, 30):
        write(folder / "json" / f"g{i}.json", json.dumps({"id": f"good-{i:02d}", "text": good_text(i)}))
        good[f"good-{i:02d}"] = good_text(i)
    for i in range(30, 40):
        html = (
            f"<html><head><title>Night {i}</title></head><body><article><p>{good_text(i)}</p></article></body></html>"
        )
        write(folder / "html" / f"good-{i:02d}.html", html)
        good[f"good-{i:02d}"] = good_text(i)
    bad: dict[tuple[str, int | None], str] = {}
    lines = []
    for i in range(40, 50):
        lines.append(json.dumps({"id": f"good-{i:02d}", "text": good_text(i)}))
        good[f"good-{i:02d}"] = good_text(i)
        # Between the good lines, one bad record of each kind.
        hostile = [
            '{"id": "deep-line", "text": "x", "n": ' + DEEP + "}",  # RecursionError
            '{"id": "surrogate-line", "text": "12 drones \\ud800 shot down"}',  # lone surrogate
            '{"id": "bigint-line", "text": "12 drones", "n": ' + "9" * 5000 + "}",  # int over 4,300 digits
            '{"id": "nul-line", "text": "12 drones \\u0000 shot down"}',  # NUL in JSON text
            json.dumps({"id": "../../etc/passwd", "text": "12 drones shot down"}),  # a path as id
            json.dumps({"id": "tab\tid", "text": "12 drones shot down"}),  # a control character in the id
            '{"id": "huge-line", "text": "' + "x" * (loading.MAX_RECORD_BYTES + 10) + '"}',  # over the line limit
            "{broken json",
            json.dumps({"id": "\u200bzero-width", "text": "12 drones shot down"}),  # format character in the id
            json.dumps([1, 2, 3]),
        ][i - 40]
        lines.append(hostile)
    write(folder / "feed.jsonl", "\n".join(lines) + "\n")
    reasons = ["too_deep", "invalid_text", "malformed_json", "invalid_text", "bad_id", "bad_id", "too_large"]
    reasons += ["malformed_json", "bad_id", "not_an_object"]
    for k, reason in enumerate(reasons):
        bad[("feed.jsonl", 2 * k + 2)] = reason

    # Whole files.
    write(folder / "bad" / "deep.json", '{"id": "deep", "text": "12 drones", "n": ' + DEEP + "}")
    bad[("bad/deep.json", None)] = "too_deep"
    write(folder / "bad" / "surrogate.json", '{"id": "surrogate", "text": "Drones \\udc00 were shot down"}')
    bad[("bad/surrogate.json", None)] = "invalid_text"
    write(folder / "bad" / "bigint.json", '{"id": "bigint", "text": "12 drones", "views": ' + "7" * 5000 + "}")
    bad[("bad/bigint.json", None)] = "malformed_json"
    write(folder / "bad" / "nul.json", '{"id": "nul", "text": "Drones\\u0000 were shot down"}')
    bad[("bad/nul.json", None)] = "invalid_text"
    write(folder / "bad" / "pathid.json", json.dumps({"id": "../../etc/shadow", "text": "12 drones shot down"}))
    bad[("bad/pathid.json", None)] = "bad_id"
    write(folder / "bad" / "utf16.txt", SENTENCE.format(n=5, region="Kursk").encode("utf-16"))
    bad[("bad/utf16.txt", None)] = "invalid_utf8"
    noperm = write(folder / "bad" / "noperm.txt", SENTENCE.format(n=6, region="Kursk"))
    noperm.chmod(0)
    bad[("bad/noperm.txt", None)] = "unreadable"
    os.mkfifo(folder / "bad" / "fifo.txt")  # would block a reader forever
    bad[("bad/fifo.txt", None)] = "unsupported_format"
    write(folder / "bad" / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    bad[("bad/binary.txt", None)] = "invalid_utf8"

    # Links: out of the folder, in loops, broken; and one to a good file inside, which is read.
    links = folder / "links"
    links.mkdir()
    (links / "passwd.txt").symlink_to("/etc/passwd")
    (links / "shadow.txt").symlink_to("/etc/shadow")
    (links / "secret.txt").symlink_to(outside / "secret.txt")
    (links / "relative-escape.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (links / "outside-dir").symlink_to(outside / "nested", target_is_directory=True)
    (links / "loop-a.txt").symlink_to(links / "loop-b.txt")
    (links / "loop-b.txt").symlink_to(links / "loop-a.txt")
    (links / "self.txt").symlink_to(links / "self.txt")
    (links / "broken.txt").symlink_to(root / "does-not-exist.txt")
    (links / "inside.json").symlink_to(folder / "json" / "g20.json")  # read as that file: not a reject
    for name in ("passwd.txt", "shadow.txt", "secret.txt", "relative-escape.txt", "outside-dir"):
        bad[(f"links/{name}", None)] = "outside_folder"
    bad[("links/loop-a.txt", None)] = "link_loop"
    bad[("links/loop-b.txt", None)] = "link_loop"
    bad[("links/self.txt", None)] = "link_loop"
    bad[("links/broken.txt", None)] = "broken_link"

    # Articles that load but test the extractor: counts out of range, long and odd sentences.
    extreme = {
        "count-3e9": SENTENCE.format(n="3,000,000,000", region="Kursk"),
        "count-20-digits": SENTENCE.format(n="99999999999999999999", region="Belgorod"),
        "count-spaced": SENTENCE.format(n="1 000 000 000", region="Bryansk"),
        "count-arabic": SENTENCE.format(n="٣,٠٠٠,٠٠٠,٠٠٠", region="Oryol"),
        "decimals": "Air defence forces shot down 1.5 drones, 3.14159 missiles, 10^9 rockets and −5 drones.",
        "dots": "." * 16_000 + " " + SENTENCE.format(n=3, region="Kursk"),
        "numbers": "Drones " + " ".join(str(n) for n in range(10_000)) + " were shot down.",
        "long-sentence": "the governor of Belgorod said that " * 2_000,
        "runaway": SENTENCE.format(n=8, region="Kursk"),
    }
    for article_id, text in extreme.items():
        write(folder / "extreme" / f"{article_id}.txt", text)
    return folder, good, bad


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder, good, bad = make_folder(root)
    warehouse = root / "warehouse.duckdb"
    patch = pytest.MonkeyPatch()
    # A runaway article: the extractor never returns for it; the time budget must stop it.
    real = article_extraction.extract_claims

    def runaway(article):
        if article.article_id == "runaway":
            while True:
                time.sleep(0.01)
        return real(article)

    patch.setattr(article_extraction, "extract_claims", runaway)
    patch.setattr(article_extraction, "ARTICLE_SECONDS", 10.0)
    if os.geteuid() == 0:
        # root reads a file whatever its mode: make the unreadable file unreadable for root too.
        real_open = loading._open

        def refuse(path):
            if path.name == "noperm.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path)

        patch.setattr(loading, "_open", refuse)
    try:
        # One worker: the runaway stand-in above is patched into this process only (the time budget
        # in the pool's workers: tests/test_parallel.py).
        code = cli.main(["build", "--articles", str(folder), "--warehouse", str(warehouse), "--json", "--workers", "1"])
    finally:
        patch.undo()
        (folder / "bad" / "noperm.txt").chmod(stat.S_IRUSR | stat.S_IWUSR)
    return {"code": code, "folder": folder, "good": good, "bad": bad, "warehouse": warehouse, "root": root}


def query(path: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_the_build_exits_0_over_a_folder_of_hostile_files(hostile_build):
    assert hostile_build["code"] == 0


def test_every_good_article_loads_with_its_claims(hostile_build):
    warehouse, good = hostile_build["warehouse"], hostile_build["good"]
    loaded = dict(query(warehouse, "select article_id, text from raw.articles"))
    assert {k: loaded.get(k) for k in good} == good
    with_claims = {row[0] for row in query(warehouse, "select distinct article_id from marts.fct_claims")}
    assert set(good) <= with_claims
    counts = dict(query(warehouse, "select article_id, max(count) from marts.fct_claims group by article_id"))
    assert all(counts[k] == int(k.split("-")[1]) + 2 for k in good)


def test_every_bad_file_and_record_has_a_reject_row_with_its_reason(hostile_build):
    rows = query(hostile_build["warehouse"], "select source_path, source_line, reason, detail from raw.article_rejects")
    found = {(path, line): reason for path, line, reason, _ in rows}
    assert {key: found.get(key) for key in hostile_build["bad"]} == hostile_build["bad"]
    assert all(detail for *_, detail in rows)
    details = {(path, line): detail for path, line, _, detail in rows}
    assert "UTF-16" in details[("bad/utf16.txt", None)]
    assert set(found) == set(hostile_build["bad"]), "a reject nobody expected"


def test_counts_out_of_range_are_rejected_claims_with_a_reason_not_a_failed_batch(hostile_build):
    warehouse = hostile_build["warehouse"]
    rejected = query(warehouse, "select article_id, reason, count_text from raw.claim_rejects order by article_id")
    assert [(a, r) for a, r, _ in rejected] == [
        ("count-20-digits", "count_out_of_range"),
        ("count-3e9", "count_out_of_range"),
        ("count-arabic", "count_out_of_range"),
        ("count-spaced", "count_out_of_range"),
    ]
    assert query(warehouse, "select max(count) from raw.claims")[0][0] <= 10_000_000
    column_type = query(
        warehouse,
        "select data_type from information_schema.columns where table_schema = 'raw' "
        "and table_name = 'claims' and column_name = 'count'",
    )
    assert column_type == [("BIGINT",)]


def test_a_runaway_article_is_an_extraction_error_with_its_id_and_a_failed_check(hostile_build, capsys):
    warehouse = hostile_build["warehouse"]
    errors = dict(query(warehouse, "select article_id, error from raw.extractions where error is not null"))
    assert list(errors) == ["runaway"]
    assert errors["runaway"].startswith("ArticleTimeout")
    # Every other extreme article was read within the budget.
    extracted = {row[0] for row in query(warehouse, "select article_id from raw.extractions where error is null")}
    assert {"dots", "numbers", "long-sentence", "decimals"} <= extracted


def test_no_byte_of_a_file_outside_the_folder_reaches_a_table_or_a_published_file(hostile_build):
    root = hostile_build["root"]
    secrets = [MARKER]
    passwd = Path("/etc/passwd").read_text(errors="replace").splitlines()
    secrets += [line for line in passwd[:3] if len(line) > 8]
    published = root / "published"
    for database in (hostile_build["warehouse"], published / "warehouse.duckdb"):
        con = duckdb.connect(str(database), read_only=True)
        try:
            columns = con.execute(
                "select table_schema, table_name, list(column_name) from information_schema.columns "
                "where data_type = 'VARCHAR' and table_schema not in ('information_schema', 'pg_catalog') "
                "group by all"
            ).fetchall()
            for schema, table, names in columns:
                every = " || '|' || ".join(f"coalesce(\"{name}\", '')" for name in names)
                for secret in secrets:
                    sql = f'select count(*) from "{schema}"."{table}" where contains({every}, ?)'
                    hits = con.execute(sql, [secret]).fetchone()[0]
                    assert hits == 0, f"{secret[:20]!r} in {database.name} {schema}.{table}"
        finally:
            con.close()
    for path in published.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert all(secret.encode() not in data for secret in secrets), path


def test_the_published_copy_holds_only_what_readers_need(hostile_build):
    published = hostile_build["root"] / "published"
    copy = published / "warehouse.duckdb"
    schemas = {row[0] for row in query(copy, "select distinct schema_name from duckdb_tables()")}
    assert schemas == {"marts", "contradictions", "raw"}
    assert query(copy, "select table_name from duckdb_tables() where schema_name = 'raw'") == [("articles",)]
    columns = {row[0] for row in query(copy, "select column_name from information_schema.columns")}
    assert not columns & {"source_path", "source_line", "content_hash"}
    # Article texts only for articles that hold a claim (the extreme ones without claims are left out).
    texts = {row[0] for row in query(copy, "select article_id from raw.articles")}
    holding = {row[0] for row in query(copy, "select distinct article_id from marts.fct_claims")}
    assert texts == holding and set(hostile_build["good"]) <= texts
    assert "long-sentence" not in texts
    for path in [copy, *published.rglob("*.parquet"), *published.rglob("*.html")]:
        mode = path.stat().st_mode
        assert not mode & stat.S_IWOTH and not mode & stat.S_IWGRP, f"{path} is writable by others"
        assert mode & stat.S_IROTH, f"{path} is not readable by readers"
    for parquet in published.rglob("*.parquet"):
        names = {row[0] for row in duckdb.sql(f"describe select * from '{parquet}'").fetchall()}
        assert not names & {"source_path", "source_line", "content_hash"}, parquet


def test_no_temporary_file_or_dbt_run_folder_is_left(hostile_build):
    published = hostile_build["root"] / "published"
    leftovers = [p.name for p in published.iterdir() if p.name.endswith((".tmp", ".wal", ".link", ".partial"))]
    assert leftovers == []
    target = Path(__file__).resolve().parent.parent / "dbt_project" / "target"
    assert not [p for p in target.glob("skyledger_dbt_models-*") if p.stat().st_mtime > time.time() - 60]
