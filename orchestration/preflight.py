"""Checks before a build, each failing with one line that says what is wrong and what to do.

Plain Python, no Dagster: `skyledger build` runs these before it starts the pipeline, so an
error that no retry can heal (a missing folder, a read-only disk, a warehouse another process
holds) stops the command at once with a `BuildError`, never as a traceback from inside a step.
A second build on the same warehouse waits for the first (`BuildLock`), or fails with --no-wait.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb


class BuildError(Exception):
    """An error a person can fix: the cause and the remedy, printed as one line."""

    def __init__(self, cause: str, remedy: str):
        super().__init__(f"{cause}; {remedy}")
        self.cause = cause
        self.remedy = remedy


def check_articles(folder: Path) -> None:
    """The articles folder exists, is a folder and can be listed (its first entry is read)."""
    if not folder.exists():
        raise BuildError(f"the articles folder {folder} does not exist", "pass --articles with a folder of articles")
    if not folder.is_dir():
        raise BuildError(
            f"--articles names a file, not a folder: {folder}",
            f"pass the folder that holds it (--articles {folder.parent})",
        )
    if not os.access(folder, os.R_OK | os.X_OK):
        raise BuildError(f"the articles folder {folder} cannot be read (permission denied)", "fix its permissions")
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as error:
        raise BuildError(
            f"the articles folder {folder} cannot be read ({error.strerror or error})", "fix its permissions"
        ) from error


def check_workers(explicit: int | None) -> None:
    """SKYLEDGER_WORKERS, when it is what decides, is a whole number of 1 or more."""
    value = os.environ.get("SKYLEDGER_WORKERS", "").strip()
    if explicit is None and value and not (value.isdigit() and int(value) >= 1):
        raise BuildError(
            f"SKYLEDGER_WORKERS is {value!r}, not a whole number of 1 or more",
            "set it to the number of extraction processes, or unset it for one per core",
        )


def check_engine() -> None:
    """SKYLEDGER_ENGINE, when set, names an engine."""
    from orchestration.paths import ENGINES

    value = os.environ.get("SKYLEDGER_ENGINE", "").strip().lower()
    if value and value not in ENGINES:
        raise BuildError(
            f"SKYLEDGER_ENGINE is {value!r}, not one of {', '.join(ENGINES)}",
            "set it to duckdb (the default) or spark, or unset it",
        )


def check_warehouse_location(warehouse: Path) -> None:
    """The warehouse's folder exists or can be made, and a file can be written in it."""
    folder = warehouse.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{warehouse.name}.", suffix=".probe"):
            pass
        if warehouse.exists() and not os.access(warehouse, os.W_OK):
            raise PermissionError(errno.EACCES, "Permission denied", str(warehouse))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BuildError(
            f"cannot write the warehouse {warehouse} ({reason})",
            "pass --warehouse with a path on a writable disk, or fix the folder's permissions",
        ) from error


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def check_warehouse_free(warehouse: Path) -> None:
    """No other process has the warehouse file open (DuckDB allows one writer, and readers block it)."""
    if not warehouse.exists():
        return
    try:
        duckdb.connect(str(warehouse)).close()
    except duckdb.IOException as error:
        message = str(error)
        holder = _LOCK_HOLDER.search(message)
        if holder is None and "lock" not in message.lower():
            raise BuildError(
                f"cannot open the warehouse {warehouse} ({message.splitlines()[0]})",
                "check the file, or pass --warehouse with another path",
            ) from error
        who = f"process {holder['pid']} ({Path(holder['program']).name})" if holder else "another process"
        raise BuildError(
            f"the warehouse {warehouse} is held by {who}",
            "close it there (readers should open the published copy), then build again",
        ) from error


class BuildLock:
    """One build per warehouse: an exclusive lock on a file beside it, released when the process ends.

    The lock is the operating system's (flock), so a build that dies, even killed, never leaves a
    stale lock behind. The file records who holds it, for the message of the build that waits.
    """

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: bool = True, notify: Callable[[str], None] | None = None, poll: float = 1.0) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self._holder()
                if not wait:
                    os.close(fd)
                    raise BuildError(
                        f"a build is already running on this warehouse ({holder})",
                        "wait for it to finish, or run without --no-wait to queue behind it",
                    ) from None
                if not told and notify:
                    notify(f"waiting for the build already running on this warehouse ({holder}) ...")
                    told = True
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC {' '.join(sys.argv[:3])}\n".encode())
        self._fd = fd

    def _holder(self) -> str:
        try:
            text = self.path.read_text().strip()
        except OSError:
            return "holder unknown"
        if not text:
            return "holder unknown"
        pid, _, rest = text.partition(" ")
        return f"process {pid}, started {rest.split(' UTC')[0]} UTC"

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> BuildLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
