"""What `skyledger build` shows a person: one line per stage with counts and rates, a progress bar
while extracting, and the whole log in a file.

`Reporter` receives every Dagster log record of the run through the `skyledger_progress` logger
(defined here, listed in the Definitions, switched on only by the CLI's run config, so runs
from the UI log as usual). Every record goes to the log file; with `verbose` every record is
also printed; otherwise the reporter prints a line when a stage finishes.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

import dagster as dg

# The reporters of the builds running in this process, by the key in the logger's config.
REPORTERS: dict[str, Reporter] = {}

# Messages of the raw_claims asset (orchestration/defs/claims.py) that drive the progress bar.
_PENDING = re.compile(r"^(\d+) article\(s\) to extract")
_EXTRACTED = re.compile(r"^extracted (\d+)/(\d+) articles, (\d+) claims")


class Reporter:
    def __init__(self, log_file: Path, verbose: bool = False, stream: TextIO | None = None):
        self.log_file = log_file
        self.verbose = verbose
        self.stream = stream or sys.stdout
        log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_file.open("a", encoding="utf-8")
        self._started: dict[str, float] = {}
        self.checks: Counter[str] = Counter()
        self.models = 0
        self._bar = None
        self._bar_task = None
        self._extract_started = 0.0

    # --- lines for people -------------------------------------------------------------------
    def say(self, line: str) -> None:
        """A line for the person at the terminal, also kept in the log."""
        self.write_log(line)
        print(line, file=self.stream, flush=True)

    def write_log(self, line: str) -> None:
        self._log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
        self._log.flush()

    def capture(self):
        """A file-like object for output written straight to stdout during the run (dbt's lines,
        which dagster-dbt writes there): into the log, and to the terminal only when verbose."""
        return _Captured(self)

    def close(self) -> None:
        self._stop_bar()
        self._log.close()

    # --- Dagster records ------------------------------------------------------------------
    def handle(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        message = meta.get("orig_message") or record.getMessage()
        step = meta.get("step_key") or ""
        event = meta.get("dagster_event")
        kind = event.event_type_value if event is not None else "LOG"
        line = f"{logging.getLevelName(record.levelno):7s} {step or '-'} {kind} {message}"
        self.write_log(line)
        if self.verbose:
            print(line, file=self.stream, flush=True)
            return
        if event is None:
            self._on_message(message)
            return
        if kind == "STEP_START":
            self._started[step] = time.monotonic()
        elif kind == "ASSET_MATERIALIZATION":
            self._on_materialization(step, event)
        elif kind == "ASSET_CHECK_EVALUATION":
            data = event.event_specific_data
            self.checks[_check_outcome(data)] += 1
        elif kind == "STEP_SUCCESS" and step == "skyledger_dbt_models":
            self.say(
                f"{'dbt':11s} {self.models} models built, {sum(self.checks.values())} tests: "
                f"{self.checks['passed']} passed, {self.checks['warned']} warned, {self.checks['failed']} failed "
                f"({self._elapsed(step)})"
            )
        elif kind == "STEP_FAILURE":
            self._stop_bar()
            first = root_cause(getattr(event.event_specific_data, "error", None))
            self.say(f"{'FAILED':11s} {step}: {first}")

    def _on_message(self, message: str) -> None:
        pending = _PENDING.match(message)
        if pending:
            self._start_bar(int(pending.group(1)))
            return
        extracted = _EXTRACTED.match(message)
        if extracted and self._bar is not None:
            done, _, claims = (int(g) for g in extracted.groups())
            self._bar.update(self._bar_task, completed=done, claims=claims)

    def _on_materialization(self, step: str, event) -> None:
        key = event.asset_key.to_user_string() if event.asset_key else ""
        meta = {k: getattr(v, "value", v) for k, v in event.event_specific_data.materialization.metadata.items()}
        if step == "skyledger_dbt_models":
            self.models += 1
            return
        elapsed = self._elapsed(step)
        if key == "reference_places":
            self.say(f"{'reference':11s} {meta.get('regions')} regions, {meta.get('countries')} countries ({elapsed})")
        elif key == "reference_claimants":
            self.say(f"{'reference':11s} {meta.get('claimants')} claimants ({elapsed})")
        elif key == "raw_articles":
            self.say(
                f"{'articles':11s} {meta.get('files_read')} of {meta.get('files_seen')} files read: "
                f"{meta.get('articles_new')} new, {meta.get('articles_updated')} updated, "
                f"{meta.get('duplicates')} duplicates, {meta.get('rejects')} rejected; "
                f"{meta.get('articles_total')} in the warehouse ({elapsed})"
            )
        elif key == "raw_claims":
            self._stop_bar()
            self.say(
                f"{'extraction':11s} {meta.get('articles_extracted')} articles, {meta.get('claims_written')} claims, "
                f"{meta.get('extraction_errors')} errors, {meta.get('articles_per_second')} articles/s ({elapsed})"
            )
        elif key == "raw_reference_dates":
            self.say(
                f"{'dates':11s} {meta.get('articles_without_publication_date')} articles without a publication "
                f"date, {meta.get('dated_from_text')} dated from their text ({elapsed})"
            )
        elif key == "published_warehouse":
            if meta.get("withheld"):
                self.say(f"{'publish':11s} KEPT the previous copy: {meta.get('withheld')}")
            else:
                self.say(f"{'publish':11s} {meta.get('path')} and Parquet ({elapsed})")
        elif key == "docs_page":
            state = "rebuilt" if meta.get("rebuilt", True) else "unchanged (the dbt project did not change)"
            self.say(f"{'docs':11s} {state} ({elapsed})")
        elif key == "report_page":
            self.say(f"{'report':11s} {meta.get('path')} ({elapsed})")

    def _elapsed(self, step: str) -> str:
        started = self._started.get(step)
        return f"{time.monotonic() - started:.1f} s" if started else "-"

    # --- the extraction bar -------------------------------------------------------------------
    def _start_bar(self, total: int) -> None:
        self._stop_bar()
        if total == 0 or not getattr(self.stream, "isatty", lambda: False)():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("{task.description:11s}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles, {task.fields[claims]} claims"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._bar_task = self._bar.add_task("extraction", total=total, claims=0)
        self._bar.start()

    def _stop_bar(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def root_cause(error) -> str:
    """The first line of the innermost error: the cause, not Dagster's 'Error occurred while executing'."""
    if error is None:
        return "failed"
    while getattr(error, "cause", None) is not None:
        error = error.cause
    lines = (error.message or "").strip().splitlines()
    return lines[0] if lines else (error.cls_name or "failed")


def _check_outcome(evaluation) -> str:
    if evaluation.passed:
        return "passed"
    return "warned" if evaluation.severity == dg.AssetCheckSeverity.WARN else "failed"


class _Captured:
    def __init__(self, reporter: Reporter):
        self.reporter = reporter
        self._partial = ""

    def write(self, text: str) -> int:
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            if line.strip():
                self.reporter.write_log(f"OUTPUT  {line}")
                if self.reporter.verbose:
                    print(line, file=self.reporter.stream, flush=True)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Handler(logging.Handler):
    def __init__(self, reporter: Reporter):
        super().__init__(level=logging.DEBUG)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.reporter.handle(record)
        except Exception:  # reporting must never fail a build
            self.handleError(record)


@dg.logger(
    config_schema={"reporter": dg.Field(str, is_required=False, default_value="", description="a key of REPORTERS")},
    description="Stage lines, a progress bar and a log file for `skyledger build` (set by the CLI only).",
)
def skyledger_progress(init_context: dg.InitLoggerContext) -> logging.Logger:
    reporter = REPORTERS.get(init_context.logger_config["reporter"])
    logger = logging.Logger("skyledger_progress", level=logging.DEBUG)
    if reporter is not None:  # else a run not started by the CLI: this logger stays silent
        logger.addHandler(_Handler(reporter))
    return logger
