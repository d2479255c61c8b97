"""A real BI connection: the published file read by the drivers BI tools ship, during a build.

The readers run in a separate virtual environment (created once under pytest's cache folder,
then reused) holding duckdb 1.4 and what Apache Superset's `duckdb` extra installs, so their
pinned versions never touch the project's environment. tests/bi/read_published.py does the
reading; these tests start it with that environment's Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
import reader_processes

from orchestration.cli import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "data" / "articles"
READER = Path(__file__).parent / "bi" / "read_published.py"

# apache/superset pyproject.toml: the `duckdb` extra is "duckdb-engine>=0.12.1, <0.13" and the
# core pins "sqlalchemy>=1.4, <2"; duckdb itself at the oldest minor the published file promises.
BI_REQUIREMENTS = ("duckdb==1.4.*", "duckdb-engine>=0.12.1,<0.13", "sqlalchemy>=1.4,<2")
SPEC_COLUMNS_START = ["claim_id", "article_id", "claimant", "claimant_id", "claimant_kind"]


def index_reachable() -> bool:
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/")
    try:
        urllib.request.urlopen(f"{index}/duckdb/", timeout=15).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def bi_python(request) -> Path:
    """The Python of the separate BI environment (SKYLEDGER_BI_VENV, else under .pytest_cache)."""
    venv = Path(os.environ.get("SKYLEDGER_BI_VENV") or request.config.cache.mkdir("bi-venv"))
    python = venv / "bin" / "python"
    marker = venv / "skyledger-requirements.txt"
    wanted = "\n".join(BI_REQUIREMENTS)
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *BI_REQUIREMENTS],
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        if not index_reachable():
            pytest.skip(f"the package index is unreachable: cannot install {', '.join(BI_REQUIREMENTS)}")
        pytest.fail(f"pip install into {venv} failed:\n{install.stdout}\n{install.stderr}")
    marker.write_text(wanted)
    return python


@pytest.fixture(scope="module")
def published_seeds(tmp_path_factory):
    """A warehouse built from the seed articles and published to readers/warehouse.duckdb."""
    scratch = tmp_path_factory.mktemp("bi")
    paths = {
        "warehouse": scratch / "work" / "warehouse.duckdb",
        "published": scratch / "readers" / "warehouse.duckdb",
        "parquet": scratch / "readers" / "parquet",
    }
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SKYLEDGER_PUBLISHED", str(paths["published"]))
        env.setenv("SKYLEDGER_PARQUET", str(paths["parquet"]))
        env.setenv("SKYLEDGER_WAREHOUSE", str(paths["warehouse"]))  # set by build(); put back after
        env.setenv("SKYLEDGER_ARTICLES", str(SEEDS))
        summary = build(SEEDS, paths["warehouse"])
    assert summary["success"], summary.get("failures")
    return paths


def fct_claims_rows(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from marts.fct_claims").fetchone()[0]
    finally:
        con.close()


def test_published_file_opens_in_duckdb_1_4(bi_python, published_seeds):
    published = published_seeds["published"]
    done = subprocess.run(
        [str(bi_python), str(READER), "duckdb", str(published)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["duckdb"].startswith("1.4.")
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables()").fetchall()
        expected = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
    finally:
        con.close()
    assert seen["rows"] == expected
    assert seen["rows"]["marts.fct_claims"] > 0 and seen["evidence_matches_text"] is True


def start_reader(bi_python: Path, mode: str, published: Path, stop: Path) -> subprocess.Popen:
    return reader_processes.start_reader(
        [str(bi_python), str(READER), mode, str(published), str(ROOT / "README.md"), str(stop)]
    )


def finish_reader(reader: subprocess.Popen) -> dict:
    return reader_processes.finish_reader(reader, timeout=120)


def test_superset_driver_reflects_and_queries_the_published_copy_during_a_build(bi_python, published_seeds):
    published, stop = published_seeds["published"], published_seeds["published"].parent / "stop"
    old_rows = fct_claims_rows(published)
    # Superset's way (a new connection per query) and a session kept open, in two processes.
    readers = {mode: start_reader(bi_python, mode, published, stop) for mode in ("sqlalchemy", "sqlalchemy-held")}
    try:
        # The pipeline's own command, in its own process: more articles into the working warehouse.
        env = {
            **os.environ,
            "SKYLEDGER_PUBLISHED": str(published),
            "SKYLEDGER_PARQUET": str(published_seeds["parquet"]),
        }
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "orchestration.cli",
                "build",
                "--json",
                "--articles",
                str(DEMO),
                "--warehouse",
                str(published_seeds["warehouse"]),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=900,  # a whole build on a loaded two-core machine
        )
        time.sleep(1.0)  # a few more rounds on the new copy
    finally:
        stop.touch()
        seen = {mode: finish_reader(reader) for mode, reader in readers.items()}
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    summary = json.loads(built.stdout[built.stdout.index("{") :])
    assert summary["published"] == str(published)
    new_rows = fct_claims_rows(published)
    assert new_rows > old_rows

    for mode, reading in seen.items():
        assert reading["errors"] == [], mode
        assert reading["versions"]["sqlalchemy"].startswith("1.4.")
        assert reading["versions"]["duckdb-engine"].startswith("0.12.")
        assert reading["access_mode"] == "read_only"
        assert list(reading["columns"])[: len(SPEC_COLUMNS_START)] == SPEC_COLUMNS_START
        assert {"fct_claims", "fct_region_daily", "dim_article"} <= set(reading["marts"])
        # every example query of the README's "Querying" section ran (there are at least five)
        assert len(reading["query_rows"]) == len(reading["queries"]) >= 5
        assert len(reading["inodes"]) == 2, mode  # it read while the name moved to the new file
    assert seen["sqlalchemy"]["rows"] == [old_rows, new_rows]  # each connection whole on its file
    assert seen["sqlalchemy-held"]["rows"] == [old_rows]  # the open session kept its copy


def test_readme_gives_the_url_the_driver_was_tested_with():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Connecting a BI tool", 1)[1].split("\n## ", 1)[0]
    assert "duckdb:////" in section and "?access_mode=read_only" in section
