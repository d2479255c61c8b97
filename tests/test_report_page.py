"""The report page renders in headless Chromium with its three charts (a screenshot is taken and
checked for drawn pixels; the DOM holds one SVG chart per question)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import duckdb
import pytest

from orchestration.report import build_report

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


def chromium() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    pytest.fail("chromium is not installed: run `make browser` (apt-get install chromium)", pytrace=False)


def make_marts(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        """create table marts.fct_national_daily as select * from (values
        (date '2025-07-08', 'UA', 'drone', 'launched', 400, 380),
        (date '2025-07-09', 'UA', 'drone', 'launched', 728, 718),
        (date '2025-07-10', 'UA', 'drone', 'launched', 397, 376)
        ) t(claim_date, claimant_country, weapon, outcome, launched_count, intercepted_count)"""
    )
    con.execute(
        """create table marts.fct_claims as select * from (values
        ('c1', date '2025-07-08', 'RU-BEL'), ('c2', date '2025-07-08', 'RU-KRS'), ('c3', date '2025-07-09', 'RU-BEL'),
        ('c4', date '2025-07-09', 'UA-65'), ('c5', cast(null as date), 'RU-BEL')
        ) t(claim_id, claim_date, region_code)"""
    )
    con.execute(
        """create table marts.fct_region_night_comparison as select * from (values
        (date '2025-07-09', 'RU-BRY', 'Bryansk Oblast', 'intercepted', 'drone', 41, 12, 29, true),
        (date '2025-07-08', 'RU-KRS', 'Kursk Oblast', 'intercepted', 'drone', 5, 5, 0, false)
        ) t(claim_date, region_code, region_name, outcome, weapon, ministry_count, governor_count,
            ministry_minus_governor_count, is_disagreement)"""
    )
    con.close()


def drawn_fraction(png: bytes) -> float:
    """Share of rows of a PNG screenshot that are not a single flat colour (a blank page has none)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    data, offset = b"", 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset : offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    channels = {2: 3, 6: 4}[colour]
    stride = width * channels + 1
    # Filter bytes aside, a row whose bytes after filtering are not all zero holds a change.
    busy = sum(1 for y in range(height) if any(raw[y * stride + 1 : (y + 1) * stride]))
    return busy / height


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("report")
    make_marts(scratch / "published.duckdb")
    return build_report(scratch / "published.duckdb", scratch / "docs" / "report.html")


def test_the_report_has_one_chart_per_question_and_no_script(report: Path):
    page = report.read_text()
    for anchor in ("national", "regions", "disagreements"):
        assert f'id="{anchor}"' in page
    assert page.count("<svg") == 3
    # self-contained: nothing fetched (XML namespace URIs in the SVGs are names, not requests)
    assert "<script" not in page and 'src="http' not in page and "url(http" not in page
    assert 'href="http' not in page
    assert "Bryansk Oblast" in page and "1 of 5 claims have no date" in page


def test_the_report_renders_in_headless_chromium_with_its_charts(report: Path, tmp_path: Path):
    shot = tmp_path / "report.png"
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1000,2600", f"--screenshot={shot}", report.as_uri(),
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and shot.exists(), completed.stderr[-2000:]
    assert drawn_fraction(shot.read_bytes()) > 0.3
    dom = subprocess.run(
        [*command[:-2], "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert dom.count("<svg") == 3 and "Launched against intercepted" in dom


def test_a_disagreement_with_one_side_silent_is_drawn_not_an_error(tmp_path: Path):
    # At 10,000 articles some nights have a ministry figure, another side's figure that disagrees
    # and no governor's: the governor's count is null (pandas' NA), which matplotlib cannot draw.
    make_marts(tmp_path / "published.duckdb")
    con = duckdb.connect(str(tmp_path / "published.duckdb"))
    con.execute(
        "insert into marts.fct_region_night_comparison values "
        "(date '2025-07-10', 'RU-KRS', 'Kursk Oblast', 'intercepted', 'drone', 9, null, null, true)"
    )
    con.close()
    page = build_report(tmp_path / "published.duckdb", tmp_path / "report.html").read_text()
    assert page.count("<svg") == 3 and "Kursk Oblast" in page


def test_two_years_of_regional_claims_are_drawn_as_areas_not_a_bar_per_day(tmp_path: Path):
    # A bar per day and region over two years is thousands of shapes: 27 CPU-seconds at every build
    # of a 10,000-article warehouse. Past MAX_BAR_DAYS the chart is one stacked area per region.
    make_marts(tmp_path / "published.duckdb")
    con = duckdb.connect(str(tmp_path / "published.duckdb"))
    con.execute(
        "insert into marts.fct_claims select 'd' || i, date '2024-01-01' + cast(i % 730 as integer), "
        "['RU-BEL', 'RU-KRS', 'UA-65'][i % 3 + 1] from range(3000) t(i)"
    )
    con.close()
    page = build_report(tmp_path / "published.duckdb", tmp_path / "report.html").read_text()
    regions = page[page.index('id="regions"') : page.index('id="disagreements"')]
    assert regions.count("<svg") == 1 and regions.count("<path") < 300
