"""Loading a folder of articles: every format, rejects with reasons, idempotent reloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestration import warehouse
from orchestration.loading import parse_html, parse_published_at, read_folder

GOOD_TEXT = "Air defence forces shot down 12 Ukrainian drones over the Kursk region overnight, the ministry said."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(folder / "wire" / "tass-0001.txt", GOOD_TEXT)
    write(
        folder / "feeds" / "ministry.jsonl",
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "mod-1",
                        "text": "Two drones were destroyed over Bryansk.",
                        "published_at": "2025-10-25",
                    }
                ),
                '{"id": "mod-2", "text": "broken',
                json.dumps({"id": "mod-3", "published_at": "2025-10-25"}),
                json.dumps({"id": "mod-4", "text": "A drone was downed.", "published_at": "25/10/2025"}),
                "",
                json.dumps(["not", "an", "object"]),
                json.dumps({"id": "mod-5", "text": "   "}),
            ]
        ),
    )
    write(
        folder / "single.json",
        json.dumps({"id": "kyiv-1", "outlet": "Test Wire", "text": "Russia launched 40 drones at Kyiv overnight."}),
    )
    write(
        folder / "page.html",
        "<html><head><title>Night attack</title>"
        '<meta property="article:published_time" content="2025-05-07T08:10:00+03:00"></head>'
        "<body><nav>Home | World</nav><article><h1>Night attack</h1><p>Of 145 drones, 98 were shot down.</p>"
        "<script>var x = 1;</script><p>Debris fell on two houses.</p></article>"
        "<footer>Subscribe</footer></body></html>",
    )
    write(folder / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    write(folder / "latin1.txt", "Dr\xf6hnen \xfcber der Stadt".encode("latin-1"))
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", b"abc\x00\x00\x01def")
    write(folder / ".hidden.txt", "hidden files are ignored")
    return folder


def test_every_format_loads_and_every_bad_record_is_rejected_with_its_reason(mixed_folder: Path):
    read = read_folder(mixed_folder)
    ids = sorted(r.article_id for r in read.records)
    assert ids == ["kyiv-1", "mod-1", "page", "tass-0001"]
    reasons = sorted((r.source_path, r.source_line, r.reason) for r in read.rejects)
    assert reasons == [
        ("binary.txt", None, "invalid_utf8"),
        ("empty.txt", None, "empty_text"),
        ("feeds/ministry.jsonl", 2, "malformed_json"),
        ("feeds/ministry.jsonl", 3, "missing_text"),
        ("feeds/ministry.jsonl", 4, "bad_published_at"),
        ("feeds/ministry.jsonl", 6, "not_an_object"),
        ("feeds/ministry.jsonl", 7, "empty_text"),
        ("image.png", None, "unsupported_format"),
        ("latin1.txt", None, "invalid_utf8"),
    ]


def test_html_keeps_the_article_paragraphs_and_drops_navigation_and_scripts():
    page = parse_html(
        "<html><head><title>T</title></head><body><nav>Menu</nav><article><h1>Head</h1>"
        "<p>First &amp; only.</p><script>bad()</script></article><footer>Foot</footer></body></html>"
    )
    assert page.text == "Head\n\nFirst & only."
    assert page.fields["title"] == "T"


@pytest.mark.parametrize(
    ("value", "expected_date"),
    [
        ("2025-10-25", "2025-10-25"),
        ("2025-10-25T23:30:00+03:00", "2025-10-25"),
        ("2025-10-25T01:00:00Z", "2025-10-25"),
        (None, None),
    ],
)
def test_published_date_is_the_date_as_the_outlet_wrote_it(value, expected_date):
    _, published_date = parse_published_at(value)
    assert (str(published_date) if published_date else None) == expected_date


def test_loading_twice_changes_nothing_and_same_text_is_stored_once(mixed_folder: Path, tmp_path: Path):
    write(mixed_folder / "syndicated" / "copy.json", json.dumps({"id": "other-id", "text": GOOD_TEXT}))
    con = warehouse.connect(tmp_path / "w.duckdb")
    first = warehouse.load_articles(con, mixed_folder)
    assert first["articles_new"] == 4
    assert first["duplicates"] == 1
    assert first["rejects"] == 9
    snapshot = con.execute("select * from raw.articles order by article_id").fetchall()
    second = warehouse.load_articles(con, mixed_folder)
    assert second["files_read"] == 0 and second["articles_new"] == 0
    assert con.execute("select * from raw.articles order by article_id").fetchall() == snapshot
    assert con.execute("select count(*) from raw.article_rejects").fetchone()[0] == 9
    duplicate = con.execute("select record_id, article_id from raw.article_duplicates").fetchall()
    # Files are read in path order: the first record with a text keeps it, later copies point at it.
    assert duplicate == [("tass-0001", "other-id")]


def test_an_edited_file_replaces_its_article_and_only_it_goes_to_extraction(mixed_folder: Path, tmp_path: Path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.load_articles(con, mixed_folder)
    pending = warehouse.count_pending(con, "v1")
    assert pending == 4
    for frame in warehouse.pending_batches(con, "v1", batch_size=3):
        warehouse.store_claims(con, frame, [], "v1")
    assert warehouse.count_pending(con, "v1") == 0
    write(mixed_folder / "wire" / "tass-0001.txt", GOOD_TEXT + " Updated at 09:00.")
    summary = warehouse.load_articles(con, mixed_folder)
    assert summary["articles_updated"] == 1
    assert [f["article_id"].tolist() for f in warehouse.pending_batches(con, "v1", 10)] == [["tass-0001"]]


def test_an_id_reused_for_a_different_text_elsewhere_is_rejected_not_overwritten(tmp_path: Path):
    folder = tmp_path / "articles"
    write(folder / "a.json", json.dumps({"id": "same", "text": "First text about 3 drones."}))
    write(folder / "b.json", json.dumps({"id": "same", "text": "Second text about 5 drones."}))
    con = warehouse.connect(tmp_path / "w.duckdb")
    summary = warehouse.load_articles(con, folder)
    assert summary["articles_new"] == 1
    assert con.execute("select text from raw.articles").fetchone()[0] == "First text about 3 drones."
    assert con.execute("select source_path, reason from raw.article_rejects").fetchall() == [("b.json", "bad_id")]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="articles folder not found"):
        read_folder(tmp_path / "nope")
