"""Tidy after a crash: temporary files and folders a killed build left behind are removed by the next.

Plain Python, no Dagster. A temporary name carries the id of the process writing it
(`<prefix><pid>.<rest>`): the next build removes every one whose process is gone, at once, and
any older than STALE_SECONDS whatever it says (a process id may be reused).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

# A temporary file or folder older than this is dead, whatever process id it names.
STALE_SECONDS = 3600


def is_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def remove_dead(folder: Path, prefix: str, suffix: str = "", *, stale: bool = True) -> list[Path]:
    """Remove entries of `folder` named `<prefix><pid>.<...><suffix>` whose process has ended, and
    (unless `stale` is False: for what a build of hours keeps) entries named `<prefix>...<suffix>`
    older than STALE_SECONDS. Returns what was removed."""
    removed = []
    cutoff = time.time() - STALE_SECONDS if stale else float("-inf")
    pid_pattern = re.compile(re.escape(prefix) + r"(\d+)\.")
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        name = path.name
        if not name.startswith(prefix) or not name.endswith(suffix):
            continue
        match = pid_pattern.match(name)
        try:
            dead = (match is not None and not is_alive(int(match.group(1)))) or path.lstat().st_mtime < cutoff
        except OSError:
            continue
        if dead and not (match and int(match.group(1)) == os.getpid()):
            remove(path)
            removed.append(path)
    return removed


def remove_stale(folder: Path, prefix: str) -> list[Path]:
    """Remove entries of `folder` named `<prefix>...` older than STALE_SECONDS (no process id in the name)."""
    removed = []
    cutoff = time.time() - STALE_SECONDS
    try:
        entries = [p for p in Path(folder).iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for path in entries:
        try:
            if path.lstat().st_mtime < cutoff:
                remove(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
