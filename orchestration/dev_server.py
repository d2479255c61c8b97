"""`make dagster`: run `dagster dev` so that Ctrl-C or SIGTERM stops it, and everything it started, in seconds.

`dagster dev` maps SIGTERM onto its SIGINT handler, so when it starts with SIGINT ignored (a
shell that started it in the background, nohup, some service managers) it ignores both, and on
shutdown it waits up to a minute for each of its services. This wrapper starts it in its own
process group with SIGINT restored, passes Ctrl-C or SIGTERM on to the whole group as SIGINT
(webserver, daemon, code servers and any run they launched), and kills the group if it is
still there after a few seconds.

    python -m orchestration.dev_server [dagster dev arguments ...]
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE_SECONDS = 5.0


def _restore_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # If this wrapper is killed outright (SIGKILL), Linux sends `dagster dev` SIGTERM, which it
    # treats as Ctrl-C: it never outlives the wrapper as an orphan.
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dagster = Path(sys.executable).with_name("dagster")
    # dagster-dbt parses the project with the `dbt` it finds on PATH: the one beside this Python.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    child = subprocess.Popen([str(dagster), "dev", *argv], env=env, start_new_session=True, preexec_fn=_restore_signals)
    stopping = {"at": None}

    def stop(signum, _frame):
        if stopping["at"] is None:
            stopping["at"] = time.monotonic()
            print(f"\nskyledger: stopping Dagster (signal {signum}) ...", file=sys.stderr, flush=True)
            _signal_group(child.pid, signal.SIGINT)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        try:
            code = child.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            if stopping["at"] is not None and time.monotonic() - stopping["at"] > GRACE_SECONDS:
                _signal_group(child.pid, signal.SIGKILL)
                code = child.wait()
                break
    # Anything of the group still running (a run's process) goes with it.
    _signal_group(child.pid, signal.SIGKILL)
    return 0 if stopping["at"] is not None else code


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signum)


if __name__ == "__main__":
    sys.exit(main())
