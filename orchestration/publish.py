"""Publish a read-only copy of the warehouse for analysts and BI tools, and the marts as Parquet.

Plain Python, no Dagster. DuckDB allows one writer per file, and a reader holding the working
warehouse blocks the pipeline, so readers get their own copy, replaced whole after each build:

- The copy is written by DuckDB (the warehouse ATTACHed READ_ONLY, each table copied with
  `create table ... as select`), never by copying the bytes of a file that may be open for
  writing. It goes to a temporary file in the published folder, is fsynced, then `os.replace`d
  over the published path: a reader opens either the old file or the new one, never half of one,
  and a reader that holds the old file keeps reading its inode (Linux) until it closes it.
  Nothing here ever opens the published path itself, so a reader never blocks a publish.
- It is written with `STORAGE_VERSION 'v1.4.0'`: DuckDB 1.4 and later open it, whatever 1.x
  version the pipeline runs.
- Parquet: a directory cannot be swapped atomically for another, so the Parquet folder is a
  symbolic link to a versioned sibling folder (`.parquet.<stamp>.<id>`); the new version is
  written and fsynced beside it and the link is replaced with `os.replace`. The version before
  it is kept for readers still listing it; older ones are removed.
- Only what readers need: the marts, the contradictions, and `raw.articles` cut down to the
  articles that hold a claim (the texts evidence offsets point into), never the source paths,
  line numbers or content hashes of the working warehouse, nor the high-water mark of its
  incremental models (INTERNAL_COLUMNS, dropped from every table and Parquet file). Files are
  written 0644 and folders 0755 (PUBLISHED_FILE_MODE, PUBLISHED_DIR_MODE): readable by every
  reader, writable by the pipeline's user only.
- Temporary names carry the writer's process id: a publish killed half-way leaves files the next
  publish removes at once (orchestration/tidy.py).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orchestration import tidy

# Every table of these schemas is published: the marts and what the sources contradict.
PUBLISHED_SCHEMAS = ("marts", "contradictions")
# Plus the article texts, which every claim's evidence offsets point into: only the articles that
# hold a claim (ARTICLES_WITH_CLAIMS), without the columns below.
PUBLISHED_TABLES = (("raw", "articles"),)
ARTICLES_WITH_CLAIMS = "article_id in (select article_id from src.marts.fct_claims)"
# Where the working warehouse found a text, its hash, and when its rows changed (the incremental
# models' high-water mark): internal, never published.
INTERNAL_COLUMNS = frozenset({"source_path", "source_line", "content_hash", "loaded_at", "source_changed_at"})
PUBLISHED_FILE_MODE = 0o644
PUBLISHED_DIR_MODE = 0o755
# The schema exported as one Parquet file per table.
PARQUET_SCHEMA = "marts"
# The oldest DuckDB that must open the published file (the BI drivers pin duckdb<2).
STORAGE_VERSION = "v1.4.0"
# A temporary file or folder older than this was left by a publish that died: remove it (one whose
# writer's process has ended is removed at once).
STALE_SECONDS = tidy.STALE_SECONDS


@dataclass
class PublishSummary:
    path: Path
    bytes: int
    parquet_dir: Path
    parquet_bytes: int
    row_counts: dict[str, int] = field(default_factory=dict)  # "schema.table" -> rows
    parquet_files: dict[str, Path] = field(default_factory=dict)  # table -> the file behind the link


def publish(warehouse: Path, published: Path, parquet_dir: Path) -> PublishSummary:
    """Copy the published tables of `warehouse` to `published` and the marts to `parquet_dir`.

    Both are built beside their targets first and swapped in only when complete; on any error
    the previous versions stay in place and the temporary files are removed.
    """
    warehouse, published, parquet_dir = Path(warehouse), Path(published), Path(parquet_dir)
    if published.resolve() == warehouse.resolve():
        raise ValueError(f"the published path is the working warehouse itself: {published}")
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse to publish: {warehouse}")
    published.parent.mkdir(parents=True, exist_ok=True)
    parquet_dir.parent.mkdir(parents=True, exist_ok=True)
    tidy.remove_dead(published.parent, f".{published.name}.", ".tmp")
    tidy.remove_dead(published.parent, f".{published.name}.", ".tmp.wal")
    tidy.remove_dead(parquet_dir.parent, f".{parquet_dir.name}.", ".tmp")
    tidy.remove_dead(parquet_dir.parent, f".{parquet_dir.name}.", ".link")

    token = f"{os.getpid()}.{datetime.now(UTC):%Y%m%dT%H%M%S}.{uuid.uuid4().hex[:8]}"
    database_tmp = published.with_name(f".{published.name}.{token}.tmp")
    parquet_tmp = parquet_dir.with_name(f".{parquet_dir.name}.{token}.tmp")
    con = duckdb.connect()  # in memory: it only attaches the two files
    try:
        con.execute(f"attach {_literal(warehouse)} as src (read_only)")
        tables = _published_tables(con)
        row_counts = _write_database(con, tables, database_tmp)
        os.chmod(database_tmp, PUBLISHED_FILE_MODE)
        parquet_files = _write_parquet(con, [t for s, t in tables if s == PARQUET_SCHEMA], parquet_tmp)
    except BaseException:
        con.close()
        _remove(database_tmp, Path(f"{database_tmp}.wal"), parquet_tmp)
        raise
    con.close()

    os.replace(database_tmp, published)
    _fsync_directory(published.parent)
    version = _swap_parquet(parquet_tmp, parquet_dir)
    return PublishSummary(
        path=published,
        bytes=published.stat().st_size,
        parquet_dir=parquet_dir,
        parquet_bytes=sum(f.stat().st_size for f in version.iterdir()),
        row_counts=row_counts,
        parquet_files={table: parquet_dir / path.name for table, path in parquet_files.items()},
    )


def _published_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    rows = con.execute(
        "select table_schema, table_name, table_type from information_schema.tables "
        "where table_catalog = 'src' order by table_schema, table_name"
    ).fetchall()
    wanted = [
        (schema, table)
        for schema, table, _ in rows
        if schema in PUBLISHED_SCHEMAS or (schema, table) in PUBLISHED_TABLES
    ]
    if not any(schema == PARQUET_SCHEMA for schema, _ in wanted):
        raise RuntimeError(f"the warehouse has no {PARQUET_SCHEMA} tables yet: has dbt run?")
    return wanted


def _write_database(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]], target: Path) -> dict[str, int]:
    """Copy each table (views become tables: a copy cannot point back at the warehouse)."""
    con.execute(f"attach {_literal(target)} as pub (storage_version '{STORAGE_VERSION}')")
    row_counts = {}
    con.execute("begin transaction")
    for schema in sorted({schema for schema, _ in tables}):
        con.execute(f"create schema pub.{_ident(schema)}")
    for schema, table in tables:
        name = f"{_ident(schema)}.{_ident(table)}"
        con.execute(f"create table pub.{name} as {_select(con, schema, table)}")
    con.execute("commit")
    for schema, table in tables:
        name = f"{_ident(schema)}.{_ident(table)}"
        row_counts[f"{schema}.{table}"] = con.execute(f"select count(*) from pub.{name}").fetchone()[0]
    # Everything into the file itself, then closed: the file alone is the database.
    con.execute("checkpoint pub")
    con.execute("detach pub")
    if Path(f"{target}.wal").exists():
        raise RuntimeError(f"DuckDB left a write-ahead log beside {target}: the copy is incomplete")
    _fsync(target)
    return row_counts


def _select(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """The query that publishes one table: its public columns, and for the article texts only
    the articles that hold a claim."""
    columns = [
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_catalog = 'src' "
            "and table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
        if name not in INTERNAL_COLUMNS
    ]
    query = f"select {', '.join(_ident(c) for c in columns)} from src.{_ident(schema)}.{_ident(table)}"
    if (schema, table) in PUBLISHED_TABLES:
        query += f" where {ARTICLES_WITH_CLAIMS}"
    return query


def _write_parquet(con: duckdb.DuckDBPyConnection, tables: list[str], folder: Path) -> dict[str, Path]:
    folder.mkdir(mode=PUBLISHED_DIR_MODE)
    os.chmod(folder, PUBLISHED_DIR_MODE)
    files = {}
    for table in tables:
        path = folder / f"{table}.parquet"
        con.execute(
            f"copy ({_select(con, PARQUET_SCHEMA, table)}) to {_literal(path)} (format parquet, compression zstd)"
        )
        os.chmod(path, PUBLISHED_FILE_MODE)
        _fsync(path)
        files[table] = path
    _fsync_directory(folder)
    return files


def _swap_parquet(written: Path, link: Path) -> Path:
    """Point `link` at the freshly written folder in one rename; returns the folder."""
    version = written.with_name(written.name.removesuffix(".tmp"))
    os.rename(written, version)
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        # A plain folder from before links were used: move it aside, once.
        os.rename(link, link.with_name(f".{link.name}.legacy.{uuid.uuid4().hex[:8]}"))
    new_link = link.with_name(f".{link.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.link")
    os.symlink(version.name, new_link, target_is_directory=True)
    os.replace(new_link, link)
    _fsync_directory(link.parent)
    # Keep the version readers may still be listing; remove the ones before it.
    keep = {version.resolve(), previous}
    for old in link.parent.glob(f".{link.name}.*"):
        is_version = old.is_dir() and not old.is_symlink() and not old.name.endswith(".tmp")
        if is_version and old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return version


def _literal(value: Path | str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
