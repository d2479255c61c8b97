"""The extraction pool's fork server, started at the top of a build so that the extractor's warm-up
runs beside the build's imports instead of after them.

Plain Python, no Dagster, nothing heavy imported here. The fork server (multiprocessing's
'forkserver') imports orchestration.extractor_warm once, compiling the extractor's lexicons and
patterns (about 12 CPU-seconds), and forks every worker of orchestration/parallel.py from that
warm process. Started before `skyledger build` imports Dagster, dbt and pandas (about 13 seconds
on one core), the warm-up takes the other core instead of following them.

Started only where the pool will run (the DuckDB engine, two or more workers); once started, a
build with few pending articles extracts in one worker forked from it rather than warming the
extractor up again in its own process (`started()`, orchestration/parallel.py).

Multiprocessing's temporary folder (the server's socket) is named after this process,
`sky-<pid>.*` in the temporary folder, removed when the process exits; one a killed
build left is removed by the next build (orchestration/tidy.py), as Dagster's scratch folder is.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

from orchestration import tidy

PRELOAD = ["orchestration.extractor_warm"]
# Short: the server's socket lies in the folder, and a Unix socket's path holds at most 107 bytes.
TEMP_PREFIX = "sky-"
# The socket's name inside the folder, "listener-" and 8 characters (multiprocessing.connection).
_SOCKET_NAME = len("/listener-12345678")
_started = False


def context():
    """The pool's start method: a fork server that preloads the warm extractor ('spawn' where
    there is none)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(PRELOAD)
        return forkserver
    return multiprocessing.get_context("spawn")


def will_use_pool(workers: int | None) -> bool:
    """A build with these `workers` (None: SKYLEDGER_WORKERS, else one per core) on the configured
    engine may run the pool, read as orchestration/settings.py reads them (without importing it:
    it imports Dagster)."""
    engine = os.environ.get("SKYLEDGER_ENGINE", "").strip().lower() or "duckdb"
    configured = workers or int(os.environ.get("SKYLEDGER_WORKERS", "").strip() or 0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return engine == "duckdb" and (configured or cores) >= 2


def start(workers: int | None) -> bool:
    """Start the fork server now if the build may run the pool; call before any thread exists
    (before Dagster is imported). Returns whether it was started."""
    global _started
    if _started:
        return True
    if not will_use_pool(workers) or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    if not _use_own_temp_folder():
        return False  # the pool starts its server as before, in multiprocessing's own folder
    from multiprocessing import forkserver

    context()
    forkserver.ensure_running()
    _started = True
    return True


def started() -> bool:
    """Whether this process started the warm fork server (a pool of one worker costs no warm-up)."""
    return _started


def _use_own_temp_folder() -> bool:
    """Multiprocessing's temporary folder, named after this process so that the next build removes
    it if this one is killed (multiprocessing's own `pymp-*` name says nothing of its owner).
    False, and nothing made, when the socket's path in it would be too long for a Unix socket."""
    from multiprocessing import process, util

    config = process.current_process()._config
    if config.get("tempdir") is not None:
        return True
    temp = Path(tempfile.gettempdir())
    tidy.remove_dead(temp, TEMP_PREFIX, stale=False)
    # <temp>/sky-<pid>.<8 random characters>/listener-<8 characters>
    if len(os.fsencode(temp)) + 1 + len(f"{TEMP_PREFIX}{os.getpid()}.") + 8 + _SOCKET_NAME > 107:
        return False
    folder = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}.", dir=temp)
    # What multiprocessing.util.get_temp_dir does with the folder it makes itself.
    util.Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=-100)
    config["tempdir"] = folder
    return True
