"""`skyledger build` materialises the whole pipeline in-process; `skyledger eval` also scores it."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from orchestration import settings


def build(articles: Path, warehouse_path: Path) -> dict:
    """Materialise every asset into `warehouse_path`; returns the summary printed by the CLI."""
    import dagster as dg

    # One setting reaches Dagster and the dbt subprocess alike.
    os.environ["SKYLEDGER_WAREHOUSE"] = str(warehouse_path)
    os.environ["SKYLEDGER_ARTICLES"] = str(articles)
    # dagster-dbt looks for `dbt` on PATH when it parses the project: put ours first.
    os.environ["PATH"] = f"{Path(settings.dbt_executable()).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    if not articles.is_dir():
        raise SystemExit(f"skyledger: articles folder not found: {articles}")
    _prepare_dbt()
    from orchestration.definitions import defs

    started = time.monotonic()
    job = defs.resolve_job_def("build_warehouse")
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            # Progress at INFO (articles loaded, extraction batches, dbt nodes), not every engine event.
            run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        )
    summary = _summarise(result, warehouse_path)
    summary["seconds"] = round(time.monotonic() - started, 1)
    return summary


def _prepare_dbt() -> None:
    """Parse the dbt project so its manifest exists before the definitions import it."""
    from dagster_dbt import DbtProject

    project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
    project.preparer.prepare(project)


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
    failures = [
        f"{e.step_key}: {e.event_specific_data.error.message.strip().splitlines()[0]}"
        for e in result.all_events
        if e.is_step_failure and e.event_specific_data and e.event_specific_data.error
    ]
    if failures:
        summary["failures"] = failures
    for event in result.get_asset_materialization_events():
        if event.asset_key.to_user_string() == "published_warehouse":
            metadata = event.materialization.metadata
            summary["published"] = metadata["path"].value
            summary["parquet"] = metadata["parquet_dir"].value
        if event.asset_key.to_user_string() == "docs_page":
            summary["docs"] = event.materialization.metadata["path"].value
    if warehouse_path.exists():
        con = duckdb.connect(str(warehouse_path), read_only=True)
        try:
            one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
            summary["articles"] = one("select count(*) from raw.articles")
            summary["rejected"] = one("select count(*) from raw.article_rejects")
            summary["duplicates"] = one("select count(*) from raw.article_duplicates")
            summary["claims"] = one("select count(*) from raw.claims")
            # The contradiction tables exist once dbt has run; before that the list is empty.
            summary["contradictions"] = {
                table: one(f"select count(*) from contradictions.{table}")
                for (table,) in con.execute(
                    "select table_name from information_schema.tables where table_schema = 'contradictions'"
                ).fetchall()
            }
        finally:
            con.close()
    return summary


def _print_summary(summary: dict) -> None:
    status = "built" if summary["success"] else "FAILED"
    print(f"\nskyledger {status}: {summary['warehouse']} in {summary.get('seconds', '?')} s")
    for key in ("articles", "rejected", "duplicates", "claims"):
        if key in summary:
            print(f"  {key:14s} {summary[key]}")
    for key in ("published", "parquet", "docs"):
        print(f"  {key:14s} {summary.get(key, 'not updated')}")
    print(
        f"  {'tests':14s} {summary['tests_passed']} passed, {summary['tests_warned']} warned, "
        f"{summary['tests_failed']} failed"
    )
    for table, rows in summary.get("contradictions", {}).items():
        print(f"  contradictions.{table}: {rows} row(s)")
    for failure in summary.get("failures", []):
        print(f"  failed step {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skyledger", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="load, extract and build the warehouse")
    build_cmd.add_argument("--articles", type=Path, help=f"default: {settings.DEFAULT_ARTICLES}")
    build_cmd.add_argument("--warehouse", type=Path, help=f"default: {settings.DEFAULT_WAREHOUSE}")
    build_cmd.add_argument("--json", action="store_true", help="print the summary as JSON")
    build_cmd.add_argument(
        "--engine", choices=settings.ENGINES, help="extract and build the marts on (default: SKYLEDGER_ENGINE, duckdb)"
    )
    eval_cmd = commands.add_parser("eval", help="extract from a folder and score against gold files")
    eval_cmd.add_argument("--gold", type=Path, required=True, nargs="+", help="one or more gold JSONL files")
    eval_cmd.add_argument("--articles", type=Path, required=True)
    eval_cmd.add_argument(
        "--full", action="store_true", help="score a whole build (dbt included), not the extractor alone"
    )
    eval_cmd.add_argument("--warehouse", type=Path, help="with --full; default: a temporary file")
    eval_cmd.add_argument("--quiet", action="store_true", help="leave out the list of misses")
    args = parser.parse_args(argv)

    if getattr(args, "engine", None):
        os.environ["SKYLEDGER_ENGINE"] = args.engine  # read by Dagster and dbt's profiles.yml alike
    if args.command == "build":
        summary = build(settings.articles_dir(args.articles), settings.warehouse_path(args.warehouse))
        print(json.dumps(summary, indent=2)) if args.json else _print_summary(summary)
        return 0 if summary["success"] else 1

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
        summary = build(args.articles.resolve(), target)
        _print_summary(summary)
        if not summary["success"]:
            return 1
        result = evaluation.score(gold, evaluation.read_predictions(target))
        print(evaluation.report(result, show_misses=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
