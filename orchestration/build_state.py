"""What a build depends on, and the record of each build, kept in the warehouse itself.

Plain Python, no Dagster (the command line checks it before importing Dagster). A build's inputs
are four fingerprints: the articles folder's files (path, size, modification time), the extractor
version, the dbt project's files, and the reference data. When all four equal those of the last
build that finished and published, there is nothing to do. Each build appends one row to
`ops.builds`; the articles folder's per-file state is `raw.source_files` (written by the loader),
which the sensor compares the folder against.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orchestration.paths import DBT_PROJECT_DIR, PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "orchestration" / "claims" / "data"
# dbt's own output folders are not the project.
DBT_IGNORED = {"target", "logs", "dbt_packages", ".user.yml"}

OPS_DDL = """
create schema if not exists ops;
create table if not exists ops.builds (
    started_at timestamp not null,
    finished_at timestamp not null,
    seconds double not null,
    outcome varchar not null,
    articles_folder varchar not null,
    files_fingerprint varchar not null,
    extractor_version varchar not null,
    dbt_project_hash varchar not null,
    reference_hash varchar not null,
    summary varchar
);
"""
# Outcomes after which the warehouse and its published copy are current.
CURRENT_OUTCOMES = ("built", "nothing to do")


@dataclass(frozen=True)
class Inputs:
    articles_folder: str
    files_fingerprint: str
    extractor_version: str
    dbt_project_hash: str
    reference_hash: str

    def changes_since(self, other: Inputs | None) -> list[str]:
        """The names of the inputs that differ from `other` (all of them when there is none)."""
        if other is None:
            return ["no earlier complete build"]
        names = {
            "articles_folder": "another articles folder",
            "files_fingerprint": "articles added or changed",
            "extractor_version": "extractor changed",
            "dbt_project_hash": "dbt project changed",
            "reference_hash": "reference data changed",
        }
        mine, theirs = asdict(self), asdict(other)
        return [label for key, label in names.items() if mine[key] != theirs[key]]


def folder_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (size, modification time in ns) of every article file below `folder`.

    The files `loading.list_article_files` lists (hidden files and folders left out), read with
    one scandir pass: a folder of 100,000 files is listed in about a second, not tens.
    """
    state = {}
    stack = [("", os.fspath(folder))]
    while stack:
        prefix, directory = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue  # an unreadable folder: the loader reports it; it changes nothing here
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = f"{prefix}{entry.name}"
            try:
                if entry.is_symlink():
                    # A link is fingerprinted as a link (never followed: it may loop or leave the folder).
                    stat = entry.stat(follow_symlinks=False)
                    state[relative] = (stat.st_size, stat.st_mtime_ns)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((f"{relative}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    stat = entry.stat(follow_symlinks=False)
                    state[relative] = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                continue
    return dict(sorted(state.items()))


def files_fingerprint(files: dict[str, tuple[int, int]]) -> str:
    digest = hashlib.sha256()
    for relative, (size, modified) in sorted(files.items()):
        digest.update(f"{relative}|{size}|{modified}\n".encode())
    return digest.hexdigest()[:16]


def tree_hash(root: Path, ignored: set[str] = frozenset()) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in ignored or not path.is_file() or "__pycache__" in relative.parts:
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def dbt_project_hash() -> str:
    return tree_hash(DBT_PROJECT_DIR, DBT_IGNORED)


# Beside the warehouse (paths.state_dir): what dbt's incremental models were last rebuilt whole from.
INCREMENTAL_STAMP = "dbt-incremental.hash"


def incremental_fingerprint() -> str:
    """What dbt's incremental models cannot see in the raw tables' timestamps: the dbt project's
    files, the reference data, and the way undated articles are dated (orchestration/reference_date.py,
    applied to every undated article at each build). When it changes, they are rebuilt whole."""
    dating = hashlib.sha256((PROJECT_ROOT / "orchestration" / "reference_date.py").read_bytes()).hexdigest()
    return f"{dbt_project_hash()} {tree_hash(REFERENCE_DIR)} {dating[:16]}"


def current_inputs(folder: Path) -> Inputs:
    from orchestration.claims import extractor_version

    return Inputs(
        articles_folder=str(folder),
        files_fingerprint=files_fingerprint(folder_files(folder)),
        extractor_version=extractor_version(),
        dbt_project_hash=dbt_project_hash(),
        reference_hash=tree_hash(REFERENCE_DIR),
    )


def last_build(con: duckdb.DuckDBPyConnection) -> tuple[Inputs, dict] | None:
    """The inputs and summary of the last build after which everything was current."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'ops' and table_name = 'builds'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute(
        "select articles_folder, files_fingerprint, extractor_version, dbt_project_hash, reference_hash, summary "
        f"from ops.builds where outcome in ({', '.join(_literal(o) for o in CURRENT_OUTCOMES)}) "
        "order by finished_at desc limit 1"
    ).fetchone()
    if row is None:
        return None
    return Inputs(*row[:5]), json.loads(row[5] or "{}")


def record_build(
    con: duckdb.DuckDBPyConnection, inputs: Inputs, outcome: str, started_at: datetime, seconds: float, summary: dict
) -> None:
    con.execute(OPS_DDL)
    finished_at = datetime.now(UTC).replace(tzinfo=None)
    values = [
        f"timestamp {_literal(started_at.isoformat(sep=' '))}",
        f"timestamp {_literal(finished_at.isoformat(sep=' '))}",
        repr(float(seconds)),
        _literal(outcome),
        *(_literal(v) for v in asdict(inputs).values()),
        _literal(json.dumps(summary, default=str)),
    ]
    # Literals, not parameters: binding parameters makes the duckdb module import pandas (seconds),
    # and this runs on the path of a build with nothing to do.
    con.execute(f"insert into ops.builds values ({', '.join(values)})")


def _literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def unread_files(con: duckdb.DuckDBPyConnection, files: dict[str, tuple[int, int]]) -> list[str]:
    """Files of the folder that the warehouse has not read in their current state (raw.source_files)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'source_files'"
    ).fetchone()[0]
    if not exists:
        return sorted(files)
    seen = {
        path: (size, modified)
        for path, size, modified in con.execute(
            "select source_path, size_bytes, modified_ns from raw.source_files"
        ).fetchall()
    }
    return sorted(path for path, state in files.items() if seen.get(path) != state)
