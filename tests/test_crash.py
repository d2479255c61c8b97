"""A build killed (SIGKILL) at any stage leaves the published copy as it was, and the next build,
run as usual, goes past the stage, removes what the killed one left behind and, in the end,
publishes what a build never killed would have.

The kill is placed by tests/crash_build.py inside each stage (loading, extraction, dbt, docs page,
publish) at a point where the stage has written something and not finished. One warehouse is
built from three seed articles; two more arrive; then builds are killed one stage further each
time (each one resumes what the one before it left, runs past that stage, and is killed in the
next), and a last build runs to the end. A chain rather than a build and a recovery per stage:
the dbt build is most of a build's time, and CI has two cores. Temporary files go to a folder
of the test's own (TMPDIR), so that anything a build leaves there is seen.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration import paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
FIRST = 3  # seed articles in the first build; the rest arrive before the build that is killed
STAGES = ("loading", "extraction", "dbt", "docs", "publish")
SKYLEDGER = [sys.executable, "-m", "orchestration.cli"]


def run(command: list[str], root: Path) -> subprocess.CompletedProcess:
    """A build in its own process group, with its temporary files in `root/tmp`."""
    env = {**os.environ, "TMPDIR": str(root / "tmp")}
    (root / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [*command, "--articles", str(root / "articles"), "--warehouse", str(root / "warehouse.duckdb")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        start_new_session=True,  # the crash kills its process group: never this one
    )


def published(root: Path) -> dict:
    """What a reader sees: the row count of every table of the published copy and the Parquet
    files behind the link."""
    warehouse = root / "warehouse.duckdb"
    con = duckdb.connect(str(paths.published_path(warehouse=warehouse)), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        counts = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
    finally:
        con.close()
    parquet = paths.parquet_dir(warehouse=warehouse)
    return {"rows": counts, "parquet": sorted(p.name for p in parquet.resolve().iterdir())}


def docs_page(root: Path) -> bytes:
    page = paths.docs_path(warehouse=root / "warehouse.duckdb").read_bytes()
    assert page.rstrip().endswith(b"</html>"), "the docs page is cut short"
    return page


def leftovers(root: Path) -> list[str]:
    """Temporary files and folders of builds: in TMPDIR, beside the published files, in dbt's folder."""
    warehouse = root / "warehouse.duckdb"
    found = [f"tmp/{p.name}" for p in (root / "tmp").iterdir()]
    for folder in (root / "published", paths.docs_path(warehouse=warehouse).parent):
        found += [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".partial", ".link", ".wal"))]
    found += [f"dbt/{p.name}" for p in paths.dbt_target_dir(warehouse).glob("build-*")]
    return sorted(found)


def summary_of(completed: subprocess.CompletedProcess) -> dict:
    """The JSON summary printed after the stage lines."""
    return json.loads(completed.stdout[completed.stdout.index("\n{") :])


def expected_claims() -> dict[str, int]:
    """Claims per article of the seeds, by the extractor alone (as evaluation.extract_folder)."""
    from orchestration.evaluation import extract_folder

    rows, errors = extract_folder(ROOT.parent / "shared" / "seeds")
    assert not errors
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["article_id"]] = counts.get(row["article_id"], 0) + 1
    return counts


def claims_per_article(root: Path) -> dict[str, int]:
    warehouse = root / "warehouse.duckdb"
    con = duckdb.connect(str(paths.published_path(warehouse=warehouse)), read_only=True)
    try:
        return dict(con.execute("select article_id, count(*) from marts.fct_claims group by 1").fetchall())
    finally:
        con.close()


def test_builds_killed_at_each_stage_keep_the_published_copy_and_the_next_build_recovers(tmp_path, monkeypatch):
    for name in ("WAREHOUSE", "ARTICLES", "PUBLISHED", "PARQUET", "DOCS"):
        monkeypatch.delenv(f"SKYLEDGER_{name}", raising=False)  # every path follows the warehouse's
    root = tmp_path
    (root / "articles").mkdir()
    for seed in SEEDS[:FIRST]:
        shutil.copy(seed, root / "articles" / seed.name)
    completed = run([*SKYLEDGER, "build", "--json"], root)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    first, first_docs = published(root), docs_page(root)
    assert leftovers(root) == []
    for seed in SEEDS[FIRST:]:
        shutil.copy(seed, root / "articles" / seed.name)

    left_before: list[str] = []
    for stage in STAGES:
        if stage == "docs":
            # The docs page is rebuilt only when the dbt project changes: forget that it was built.
            (paths.state_dir(root / "warehouse.duckdb") / "docs-page.hash").unlink()
        killed = run([sys.executable, str(ROOT / "tests" / "crash_build.py"), stage], root)
        assert killed.returncode == -signal.SIGKILL, (stage, killed.stdout[-2000:] + killed.stderr[-2000:])
        assert published(root) == first, f"killed at {stage}: the published copy changed"
        if stage == "docs":
            assert docs_page(root) == first_docs, "killed while writing the docs page: it changed"
        docs_page(root)  # whole, the old one or a new one (a later build rebuilds it before publishing)
        left = leftovers(root)
        # What the build killed before this one left in the stage this one went through is gone.
        assert not set(left_before) & set(left), f"killed at {stage}: {left_before} still there: {left}"
        left_before = left

    completed = run([*SKYLEDGER, "build", "--json"], root)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    summary = summary_of(completed)
    assert summary["success"] and summary["failures"] == [], summary
    assert claims_per_article(root) == expected_claims()
    assert leftovers(root) == []
