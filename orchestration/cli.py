"""`skyledger build` materialises the whole pipeline in-process; `skyledger eval` also scores it;
`skyledger sql` queries the published copy.

The command checks what it can before it imports Dagster (a second or two): the articles folder,
the warehouse's location, the lock of a build already running, and whether anything changed
since the last build. An error prints one line, the cause and what to do, and exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from orchestration import build_state, extraction_server, paths, preflight, tidy
from orchestration.preflight import BuildError


def _process_started() -> float:
    """time.monotonic() at the moment this process started (Linux), so the summary's time is the
    command's wall time, interpreter start-up included; else the moment this module was imported."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        started_since_boot = int(fields[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.monotonic() - (uptime - started_since_boot)
    except (OSError, ValueError, IndexError):
        return time.monotonic()


PROCESS_STARTED = _process_started()


def build(
    articles: Path,
    warehouse_path: Path,
    *,
    wait: bool = True,
    allow_shrink: bool = False,
    force: bool = False,
    verbose: bool = False,
    workers: int | None = None,
    stream=None,
    started: float | None = None,
) -> dict:
    """Materialise every asset into `warehouse_path`; returns the summary printed by the CLI.

    `workers`: extraction processes (default: SKYLEDGER_WORKERS, else one per core).
    Raises BuildError (one line: cause and remedy) when the build cannot start.
    """
    started = time.monotonic() if started is None else started
    started_at = datetime.now(UTC).replace(tzinfo=None)
    articles, warehouse_path = Path(articles), Path(warehouse_path)
    preflight.check_articles(articles)
    preflight.check_workers(workers)
    preflight.check_engine()
    preflight.check_warehouse_location(warehouse_path)
    lock = preflight.BuildLock(paths.lock_path(warehouse_path))
    lock.acquire(wait=wait, notify=lambda message: print(f"skyledger: {message}", file=sys.stderr, flush=True))
    try:
        preflight.check_warehouse_free(warehouse_path)
        inputs = build_state.current_inputs(articles)
        previous = _last_build(warehouse_path)
        changes = inputs.changes_since(previous[0] if previous else None)
        if not changes and not force and _published_outputs_exist(previous[1]):
            summary = {**previous[1], "nothing_to_do": True, "changes": [], "failures": []}
            summary["seconds"] = round(time.monotonic() - started, 1)
            _record(warehouse_path, inputs, "nothing to do", started_at, summary)
            return summary
        if force:
            # "Rebuild anyway" includes dbt's incremental models: without their stamp, dbt rebuilds them whole.
            paths.state_dir(warehouse_path).joinpath(build_state.INCREMENTAL_STAMP).unlink(missing_ok=True)
        summary = _run_pipeline(
            articles, warehouse_path, allow_shrink=allow_shrink, verbose=verbose, workers=workers, stream=stream
        )
        summary["changes"] = changes if not force else ["--force"]
        summary["seconds"] = round(time.monotonic() - started, 1)
        outcome = "failed" if not summary["success"] else ("not published" if summary.get("withheld") else "built")
        _record(warehouse_path, inputs, outcome, started_at, summary)
        return summary
    finally:
        lock.release()


def _last_build(warehouse_path: Path):
    if not warehouse_path.exists():
        return None
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return build_state.last_build(con)
    finally:
        con.close()


def _published_outputs_exist(summary: dict) -> bool:
    return all(Path(summary[key]).exists() for key in ("published", "docs") if summary.get(key)) and bool(
        summary.get("published")
    )


def _record(warehouse_path: Path, inputs, outcome: str, started_at: datetime, summary: dict) -> None:
    if not warehouse_path.exists():
        return
    import duckdb

    con = duckdb.connect(str(warehouse_path))
    try:
        build_state.record_build(con, inputs, outcome, started_at, summary.get("seconds", 0.0), summary)
    finally:
        con.close()


def _run_pipeline(
    articles: Path, warehouse_path: Path, *, allow_shrink: bool, verbose: bool, workers: int | None, stream
) -> dict:
    # Before Dagster's imports (no thread of this process yet): the extractor warms up in the
    # pool's fork server on the other core while this process imports.
    extraction_server.start(workers)
    import dagster as dg

    from orchestration import progress

    # One setting reaches Dagster and the dbt subprocess alike.
    os.environ["SKYLEDGER_WAREHOUSE"] = str(warehouse_path)
    os.environ["SKYLEDGER_ARTICLES"] = str(articles)
    _prepare_dbt(warehouse_path)
    from orchestration.definitions import defs

    log_file = paths.log_dir(warehouse_path) / f"build-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}.log"
    reporter = progress.Reporter(log_file, verbose=verbose, stream=stream)
    key = uuid.uuid4().hex
    progress.REPORTERS[key] = reporter
    try:
        job = defs.resolve_job_def("build_warehouse")
        # Dagster's scratch folder carries this process's id, so that the next build removes the
        # one a killed build left (tidy.py); Dagster's own would stay in the temp folder for good.
        # Not by age: another warehouse's build may run for hours.
        scratch_prefix = "skyledger-dagster-"
        tidy.remove_dead(Path(tempfile.gettempdir()), scratch_prefix, stale=False)
        with (
            tempfile.TemporaryDirectory(prefix=f"{scratch_prefix}{os.getpid()}.") as scratch,
            dg.DagsterInstance.ephemeral(tempdir=scratch) as instance,
            contextlib.redirect_stdout(reporter.capture()),
        ):
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={
                    "loggers": {"skyledger_progress": {"config": {"reporter": key}}},
                    "resources": {"skyledger": {"config": {"allow_shrink": allow_shrink, "workers": workers or 0}}},
                },
            )
        summary = _summarise(result, warehouse_path)
        summary["log"] = str(log_file)
        return summary
    finally:
        progress.REPORTERS.pop(key, None)
        reporter.close()


def _prepare_dbt(warehouse_path: Path | None = None) -> None:
    """Parse the dbt project into the warehouse's own target folder, when it changed.

    The manifest must exist before the definitions import it; parsing takes seconds, so it is
    skipped when the project's fingerprint matches the one recorded beside the manifest
    (orchestration/dbt_prepare.py).
    """
    from dagster_dbt import DbtProject

    from orchestration.dbt_prepare import prepare_dbt_project

    # dagster-dbt looks for `dbt` on PATH when it parses the project: put ours first.
    beside = str(Path(paths.dbt_executable()).parent)
    if beside not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = f"{beside}{os.pathsep}{os.environ.get('PATH', '')}"
    target = paths.dbt_target_dir(warehouse_path or paths.warehouse_path())
    project = DbtProject(project_dir=paths.DBT_PROJECT_DIR, profiles_dir=paths.DBT_PROJECT_DIR, target_path=target)
    try:
        prepare_dbt_project(project)
    except Exception as error:  # dbt's parse errors: the project, not the run, needs fixing
        detail = next((line.strip() for line in str(error).splitlines() if "Error" in line and "dbt" not in line), "")
        raise BuildError(
            f"the dbt project does not parse{f' ({detail})' if detail else ''}",
            f"fix it (`dbt parse` in dbt_project/ shows the error; log: {target / 'dbt.log'})",
        ) from error


def _summarise(result, warehouse_path: Path) -> dict:
    import duckdb

    checks = result.get_asset_check_evaluations()
    passed = sum(1 for c in checks if c.passed)
    warned = sum(1 for c in checks if not c.passed and c.severity.value == "WARN")
    failed = sum(1 for c in checks if not c.passed and c.severity.value == "ERROR")
    summary = {
        "success": result.success,
        "warehouse": str(warehouse_path),
        "tests_passed": passed,
        "tests_warned": warned,
        "tests_failed": failed,
    }
    from orchestration.progress import root_cause

    failures = [
        f"{e.step_key}: {root_cause(e.event_specific_data.error)}"
        for e in result.all_events
        if e.is_step_failure and e.event_specific_data and e.event_specific_data.error
    ]
    summary["failures"] = failures
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        name = event.asset_key.to_user_string()
        if name == "published_warehouse":
            if "withheld" in metadata:
                summary["withheld"] = metadata["withheld"].value
                summary["published"] = metadata["path"].value
            else:
                summary["published"] = metadata["path"].value
                summary["parquet"] = metadata["parquet_dir"].value
        if name == "docs_page":
            summary["docs"] = metadata["path"].value
            summary["docs_rebuilt"] = metadata["rebuilt"].value if "rebuilt" in metadata else True
        if name == "report_page":
            summary["report"] = metadata["path"].value
    if warehouse_path.exists():
        con = duckdb.connect(str(warehouse_path), read_only=True)
        try:
            summary.update(_counts(con))
        finally:
            con.close()
    published = summary.get("published")
    if "undated_claims" not in summary and published and not summary.get("withheld") and Path(published).exists():
        # The Spark engine builds the marts on the cluster: their counts come from the published copy.
        con = duckdb.connect(str(published), read_only=True)
        try:
            summary.update(_mart_counts(con))
        finally:
            con.close()
    return summary


def _counts(con) -> dict:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    tables = {
        f"{schema}.{table}"
        for schema, table in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    }
    counts = {
        "articles": one("select count(*) from raw.articles"),
        "rejected": one("select count(*) from raw.article_rejects"),
        "duplicates": one("select count(*) from raw.article_duplicates"),
        "claims": one("select count(*) from raw.claims"),
    }
    # Claims kept out for a count out of range, articles the extractor failed on (issue 9).
    if "raw.claim_rejects" in tables:
        counts["claims_rejected"] = one("select count(*) from raw.claim_rejects")
    counts["extraction_errors"] = one("select count(*) from raw.extractions where error is not null")
    counts.update(_mart_counts(con, tables))
    return counts


def _mart_counts(con, tables: set[str] | None = None) -> dict:
    """Undated claims and contradictions, from a database holding the marts (warehouse or published copy)."""
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    if tables is None:
        tables = {
            f"{schema}.{table}"
            for schema, table in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
    counts = {}
    if "marts.fct_claims" in tables:
        counts["undated_claims"] = one("select count(*) from marts.fct_claims where claim_date is null")
        if "marts.fct_undated_claims" in tables:
            counts["undated_reasons"] = dict(
                con.execute(
                    "select undated_reason, count(*) from marts.fct_undated_claims group by 1 order by 2 desc"
                ).fetchall()
            )
    # The contradiction tables exist once dbt has run; before that the list is empty.
    counts["contradictions"] = {
        table.split(".", 1)[1]: one(f"select count(*) from {table}")
        for table in sorted(tables)
        if table.startswith("contradictions.")
    }
    return counts


def _print_summary(summary: dict) -> None:
    if summary.get("nothing_to_do"):
        print(
            f"\nskyledger: nothing to do: {summary['warehouse']} is current (no new or changed article, "
            f"extractor, dbt project or reference data) in {summary.get('seconds', '?')} s"
        )
    else:
        status = "built" if summary["success"] else "FAILED"
        if summary["success"] and summary.get("withheld"):
            status = "built, NOT published"
        print(f"\nskyledger {status}: {summary['warehouse']} in {summary.get('seconds', '?')} s")
        if summary.get("changes"):
            print(f"  {'because':14s} {', '.join(summary['changes'])}")
    for key in ("articles", "rejected", "duplicates", "claims", "claims_rejected", "extraction_errors"):
        if key in summary:
            print(f"  {key:14s} {summary[key]}")
    if "undated_claims" in summary:
        reasons = ", ".join(f"{n} {reason}" for reason, n in (summary.get("undated_reasons") or {}).items())
        print(
            f"  {'undated':14s} {summary['undated_claims']} claims have no date" + (f" ({reasons})" if reasons else "")
        )
    if summary.get("withheld"):
        print(f"  {'published':14s} NOT replaced: {summary['withheld']}")
    else:
        for key in ("published", "parquet"):
            print(f"  {key:14s} {summary.get(key, 'not updated')}")
    print(f"  {'docs':14s} {summary.get('docs', 'not updated')}")
    if summary.get("report"):
        print(f"  {'report':14s} {summary['report']}")
    print(
        f"  {'tests':14s} {summary['tests_passed']} passed, {summary['tests_warned']} warned, "
        f"{summary['tests_failed']} failed"
    )
    for table, rows in summary.get("contradictions", {}).items():
        print(f"  contradictions.{table}: {rows} row(s)")
    for failure in summary.get("failures", []):
        print(f"  failed step {failure}")
    if summary.get("log"):
        label = "log (last build)" if summary.get("nothing_to_do") else "log"
        print(f"  {label:14s} {summary['log']}")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skyledger", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="load, extract and build the warehouse")
    build_cmd.add_argument("--articles", type=Path, help=f"default: {paths.DEFAULT_ARTICLES}")
    build_cmd.add_argument("--warehouse", type=Path, help=f"default: {paths.DEFAULT_WAREHOUSE}")
    build_cmd.add_argument("--json", action="store_true", help="print the summary as JSON")
    build_cmd.add_argument(
        "--verbose", action="store_true", help="stream every log line (they always go to the log file)"
    )
    build_cmd.add_argument(
        "--no-wait", action="store_true", help="fail at once if a build is running on this warehouse"
    )
    build_cmd.add_argument(
        "--allow-shrink",
        action="store_true",
        help="publish even when the build has fewer articles than the published copy",
    )
    build_cmd.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    build_cmd.add_argument(
        "--workers", type=_positive, help="extraction processes (SKYLEDGER_WORKERS); default: one per core"
    )
    build_cmd.add_argument(
        "--engine", choices=paths.ENGINES, help="extract and build the marts on (default: SKYLEDGER_ENGINE, duckdb)"
    )
    eval_cmd = commands.add_parser("eval", help="extract from a folder and score against gold files")
    eval_cmd.add_argument("--gold", type=Path, required=True, nargs="+", help="one or more gold JSONL files")
    eval_cmd.add_argument("--articles", type=Path, required=True)
    eval_cmd.add_argument(
        "--full", action="store_true", help="score a whole build (dbt included), not the extractor alone"
    )
    eval_cmd.add_argument("--warehouse", type=Path, help="with --full; default: a temporary file")
    eval_cmd.add_argument("--quiet", action="store_true", help="leave out the list of misses")
    sql_cmd = commands.add_parser("sql", help="query the published copy (read-only); no query: an interactive shell")
    sql_cmd.add_argument("query", nargs="?", help='e.g. "select * from marts.fct_national_daily limit 5"')
    sql_cmd.add_argument("--warehouse", type=Path, help="whose published copy (default: the default warehouse)")
    sql_cmd.add_argument("--published", type=Path, help="a published copy to open instead")
    sql_cmd.add_argument("--format", choices=("table", "csv", "json"), default="table")
    args = parser.parse_args(argv)

    if getattr(args, "engine", None):
        os.environ["SKYLEDGER_ENGINE"] = args.engine  # read by Dagster and dbt's profiles.yml alike
    try:
        if args.command == "build":
            summary = build(
                paths.articles_dir(args.articles),
                paths.warehouse_path(args.warehouse),
                wait=not args.no_wait,
                allow_shrink=args.allow_shrink,
                force=args.force,
                verbose=args.verbose,
                workers=args.workers,
                started=PROCESS_STARTED,
            )
            print(json.dumps(summary, indent=2)) if args.json else _print_summary(summary)
            return 0 if summary["success"] and not summary.get("withheld") else 1
        if args.command == "sql":
            from orchestration import sql

            published = args.published or paths.published_path(warehouse=paths.warehouse_path(args.warehouse))
            return sql.main(published, args.query, args.format)
        return _evaluate(args)
    except BuildError as error:
        print(f"skyledger: error: {error}", file=sys.stderr)
        return 2


def _evaluate(args) -> int:
    from orchestration import evaluation

    gold = [claim for path in args.gold for claim in evaluation.read_gold(path)]
    if not args.full:
        predicted, errors = evaluation.extract_folder(args.articles)
        for article_id, error in sorted(errors.items()):
            print(f"EXTRACTION ERROR {article_id}: {error}")
        print(evaluation.report(evaluation.score(gold, predicted), show_misses=not args.quiet))
        return 1 if errors else 0

    with tempfile.TemporaryDirectory() as scratch:
        target = (args.warehouse or Path(scratch) / "eval.duckdb").resolve()
        summary = build(args.articles.resolve(), target, started=PROCESS_STARTED, force=True)
        _print_summary(summary)
        if not summary["success"]:
            return 1
        result = evaluation.score(gold, evaluation.read_predictions(target))
        print(evaluation.report(result, show_misses=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
