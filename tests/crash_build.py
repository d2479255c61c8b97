"""`skyledger build`, killed with SIGKILL at a chosen point of one stage (for tests/test_crash.py).

    python tests/crash_build.py STAGE --articles FOLDER --warehouse FILE

Runs the real command in this process with one function of the stage wrapped so that, once it has
done its work, the whole process group (this process and the dbt it runs) is killed as an
operator's `kill -9` or the out-of-memory killer would: no `finally`, no `atexit`. Each point is
chosen where the stage has written something and not finished:

- loading: after the first batch of articles is stored (batches of 2 records here);
- extraction: after the claims of the first batch of articles are stored (batches of 2 articles);
- dbt: after dbt has reported a few models and tests, with `dbt build` still running;
- docs: when the new page is written beside the published one, before it replaces it;
- publish: when the new copy and its Parquet files are written, before they replace the old.

Nothing here is imported by the pipeline: the hooks are test code wrapped around the real one.
"""

from __future__ import annotations

import os
import signal
import sys
from functools import wraps

STAGES = ("loading", "extraction", "dbt", "docs", "publish")
DBT_EVENTS_BEFORE_KILL = 6


def kill() -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)


def kill_after(owner, name: str) -> None:
    """Kill once `owner.name` has returned for the first time."""
    original = getattr(owner, name)

    @wraps(original)
    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        kill()
        return result

    setattr(owner, name, wrapper)


def arm(stage: str) -> None:
    if stage == "loading":
        from orchestration import warehouse

        load_articles = warehouse.load_articles
        warehouse.load_articles = lambda con, folder, batch_size=2: load_articles(con, folder, batch_size)
        kill_after(warehouse._BatchLoad, "store")  # after the first batch of two records is stored
    elif stage == "extraction":
        from orchestration import warehouse

        pending_batches = warehouse.pending_batches
        warehouse.pending_batches = lambda con, version, batch_size: pending_batches(con, version, 2)
        kill_after(warehouse, "store_claims")
    elif stage == "dbt":
        from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation

        stream = DbtCliInvocation.stream

        def stream_then_kill(self):
            for number, event in enumerate(stream(self), start=1):
                yield event
                if number >= DBT_EVENTS_BEFORE_KILL:
                    kill()

        DbtCliInvocation.stream = stream_then_kill
    elif stage == "docs":
        import shutil

        copyfile = shutil.copyfile

        def copy_then_kill(source, destination, *args, **kwargs):
            result = copyfile(source, destination, *args, **kwargs)
            if str(destination).endswith(".partial"):  # docs_site: the page beside the published one
                kill()
            return result

        shutil.copyfile = copy_then_kill
    elif stage == "publish":
        from orchestration import publish

        kill_after(publish, "_write_parquet")
    else:
        raise SystemExit(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")


def main() -> int:
    stage, rest = sys.argv[1], sys.argv[2:]
    arm(stage)
    from orchestration.cli import main as skyledger

    return skyledger(["build", *rest])


if __name__ == "__main__":
    sys.exit(main())
