"""Reader processes that hold or reopen a published warehouse while a build runs (shared by tests)."""

from __future__ import annotations

import json
import subprocess


def start_reader(command: list[str]) -> subprocess.Popen:
    """Start a reader and wait until it has read the file once (it prints `ready`)."""
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
    return reader


def finish_reader(reader: subprocess.Popen, timeout: float) -> dict:
    """What the reader saw: its last stdout line, as JSON."""
    out, err = reader.communicate(timeout=timeout)
    assert reader.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])
