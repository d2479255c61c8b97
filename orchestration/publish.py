"""Publish a read-only copy of the warehouse for analysts and BI tools, and the marts as Parquet.

Plain Python, no Dagster. DuckDB allows one writer per file, and a reader holding the working
warehouse blocks the pipeline, so readers get their own copy, replaced whole after each build:

- The copy is written by DuckDB (the warehouse ATTACHed READ_ONLY, each table copied with
  `create table ... as select`), never by copying the bytes of a file that may be open for
  writing. It goes to a temporary file in the published folder, is fsynced, then `os.replace`d
  over the published path: a reader opens either the old file or the new one, never half of one,
  and a reader that holds the old file keeps reading its inode (Linux) until it closes it.
  Nothing here ever opens the published path as a database (an update reads its bytes, which
  DuckDB's locks do not prevent), so a reader never blocks a publish.
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

Only what changed is written (a build of 1,000 new articles over 100,000 changes a few tables, and
of those only a few rows). Each version of the Parquet folder holds a manifest (MANIFEST_NAME): a
fingerprint of every published table (its rows and the sum of their hashes: equal for equal
multisets of rows) and the identity (inode, size, modification time) of the copy written with it.
When the published copy is still that copy, the next publish:

- copies the copy's bytes to the temporary file (the published file is never written after its
  swap, so its bytes are a consistent database) and, in it, leaves alone every table whose
  fingerprint is unchanged; a changed table gets its removed rows deleted and its new rows inserted
  (rows compared by hash), and is rewritten whole if the result's fingerprint is not the
  warehouse's (duplicate rows); the file is then swapped in as before;
- hard-links each unchanged mart's Parquet file from the previous version instead of writing it.

Anything else (no manifest, another copy in place, another DuckDB version, a copy more than half
free space after earlier updates) writes everything, as the first publish does.
"""

from __future__ import annotations

import json
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
# In each Parquet version folder: what was published with it (module docstring). Hidden from
# readers who list `*.parquet`.
MANIFEST_NAME = ".published.json"
# DuckDB's memory for a publish (it spills to a temporary folder beside the copy beyond it): a
# whole copy at 100,000 articles otherwise grew the build process by 1.5 GB.
MEMORY_LIMIT_ENV = "SKYLEDGER_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"
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
    # Whether the copy was brought up to date from the previous one (else written whole), and the
    # tables ("schema.table") this publish left as they were, in the copy and as Parquet.
    updated: bool = False
    unchanged_tables: list[str] = field(default_factory=list)


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
    spill_tmp = published.with_name(f".{published.name}.{token}.spill.tmp")
    previous = _previous_manifest(published, parquet_dir)
    con = duckdb.connect(config={"memory_limit": os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT})
    try:
        con.execute(f"set temp_directory = {_literal(spill_tmp)}")
        con.execute(f"attach {_literal(warehouse)} as src (read_only)")
        tables = _published_tables(con)
        fingerprints = {f"{s}.{t}": _fingerprint(con, _select(con, s, t)) for s, t in tables}
        if previous is not None:
            shutil.copyfile(published, database_tmp)
            row_counts = _update_database(con, tables, fingerprints, previous["tables"], database_tmp)
        else:
            row_counts = _write_database(con, tables, database_tmp)
        os.chmod(database_tmp, PUBLISHED_FILE_MODE)
        unchanged = sorted(n for n, f in fingerprints.items() if previous and previous["tables"].get(n) == f)
        reusable = {
            t: Path(previous["folder"]) / f"{t}.parquet"
            for s, t in tables
            if s == PARQUET_SCHEMA and f"{s}.{t}" in unchanged
        }
        parquet_files = _write_parquet(con, [t for s, t in tables if s == PARQUET_SCHEMA], parquet_tmp, reusable)
        _write_manifest(parquet_tmp, database_tmp, fingerprints, _free_share(con, database_tmp))
    except BaseException:
        con.close()
        _remove(database_tmp, Path(f"{database_tmp}.wal"), parquet_tmp, spill_tmp)
        raise
    con.close()
    _remove(spill_tmp)

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
        updated=previous is not None,
        unchanged_tables=unchanged,
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
    con.execute("begin transaction")
    for schema in sorted({schema for schema, _ in tables}):
        con.execute(f"create schema pub.{_ident(schema)}")
    for schema, table in tables:
        name = f"{_ident(schema)}.{_ident(table)}"
        con.execute(f"create table pub.{name} as {_select(con, schema, table)}")
    con.execute("commit")
    return _finish_database(con, tables, target)


def _finish_database(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]], target: Path) -> dict[str, int]:
    """Count the rows, checkpoint and close the copy attached as `pub`, and fsync it."""
    row_counts = {}
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


def _fingerprint(con: duckdb.DuckDBPyConnection, query: str) -> list:
    """[rows, sum of the rows' hashes as text]: equal for equal multisets of rows, whatever their order."""
    rows, total = con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from ({query}) t").fetchone()
    return [rows, str(total)]


def _update_database(
    con: duckdb.DuckDBPyConnection,
    tables: list[tuple[str, str]],
    fingerprints: dict[str, list],
    published_fingerprints: dict[str, list],
    target: Path,
) -> dict[str, int]:
    """Bring `target`, a byte copy of the published copy whose tables have `published_fingerprints`,
    up to the warehouse: unchanged tables stay, changed ones get their row differences."""
    # No transaction: the file is a temporary one until it is swapped in (removed on any error),
    # and one DuckDB transaction cannot write both it and the temporary tables of the comparison.
    con.execute(f"attach {_literal(target)} as pub")
    wanted = {f"{schema}.{table}" for schema, table in tables}
    for name in sorted(set(published_fingerprints) - wanted):
        schema, table = name.split(".", 1)
        con.execute(f"drop table if exists pub.{_ident(schema)}.{_ident(table)}")
    for schema in sorted({schema for schema, _ in tables}):
        con.execute(f"create schema if not exists pub.{_ident(schema)}")
    for schema, table in tables:
        name = f"{schema}.{table}"
        if published_fingerprints.get(name) == fingerprints[name]:
            continue
        query = _select(con, schema, table)
        if name not in published_fingerprints or not _same_columns(con, schema, table, query):
            con.execute(f"drop table if exists pub.{_ident(schema)}.{_ident(table)}")
            con.execute(f"create table pub.{_ident(schema)}.{_ident(table)} as {query}")
        elif not _apply_row_differences(con, schema, table, query, published_fingerprints[name], fingerprints[name]):
            # Duplicate rows (the hashes cannot tell one copy from two): this table whole.
            con.execute(f"delete from pub.{_ident(schema)}.{_ident(table)}")
            con.execute(f"insert into pub.{_ident(schema)}.{_ident(table)} {query}")
    return _finish_database(con, tables, target)


def _same_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str, query: str) -> bool:
    published = con.execute(f"describe select * from pub.{_ident(schema)}.{_ident(table)}").fetchall()
    wanted = con.execute(f"describe {query}").fetchall()
    return [row[:2] for row in published] == [row[:2] for row in wanted]


def _apply_row_differences(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, query: str, before: list, after: list
) -> bool:
    """Delete the published rows the warehouse no longer has and insert the ones it has anew, rows
    matched by hash; False (nothing committed yet, the caller rewrites the table) when the result's
    fingerprint, worked out from the differences, would not be the warehouse's."""
    name = f"pub.{_ident(schema)}.{_ident(table)}"
    con.execute(f"create or replace temp table published_rows as select rowid as row_id, hash(t) as h from {name} t")
    con.execute(f"create or replace temp table wanted_rows as select hash(t) as h from ({query}) t")
    con.execute(
        "create or replace temp table gone_rows as "
        "select row_id, h from published_rows where h not in (select h from wanted_rows)"
    )
    con.execute(
        "create or replace temp table new_rows as "
        "select h from wanted_rows where h not in (select h from published_rows)"
    )
    gone, gone_sum = con.execute("select count(*), coalesce(sum(h), 0) from gone_rows").fetchone()
    new, new_sum = con.execute("select count(*), coalesce(sum(h), 0) from new_rows").fetchone()
    worked_out = [before[0] - gone + new, str(int(before[1]) - int(gone_sum) + int(new_sum))]
    if worked_out == after:
        con.execute(f"delete from {name} where rowid in (select row_id from gone_rows)")
        con.execute(f"insert into {name} select * from ({query}) t where hash(t) in (select h from new_rows)")
    for temp in ("published_rows", "wanted_rows", "gone_rows", "new_rows"):
        con.execute(f"drop table temp.{temp}")
    return worked_out == after


def _free_share(con: duckdb.DuckDBPyConnection, database: Path) -> float:
    """The share of `database`'s blocks that are free (left by deleted rows and dropped tables)."""
    con.execute(f"attach {_literal(database)} as written (read_only)")
    try:
        free, used = con.execute(
            "select free_blocks, used_blocks from pragma_database_size() where database_name = 'written'"
        ).fetchone()
    finally:
        con.execute("detach written")
    return free / max(free + used, 1)


def _write_manifest(folder: Path, database: Path, fingerprints: dict[str, list], free_share: float) -> None:
    """What this version publishes, for the next publish to compare with (module docstring)."""
    stat = database.stat()  # the copy keeps its inode, size and mtime through os.replace
    manifest = {
        "duckdb": duckdb.__version__,
        "copy": {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns},
        "free_share": round(free_share, 3),
        "tables": fingerprints,
    }
    path = folder / MANIFEST_NAME
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.chmod(path, PUBLISHED_FILE_MODE)
    _fsync(path)
    _fsync_directory(folder)


# A copy more than this share free space (rows deleted, tables dropped by updates) is written whole.
MAX_FREE_SHARE = 0.5


def _previous_manifest(published: Path, parquet_dir: Path) -> dict | None:
    """The manifest of the published Parquet version, with its folder, when the published copy is
    the one written with it; None when the next copy must be written whole."""
    try:
        folder = parquet_dir.resolve(strict=True)
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        stat = published.stat()
    except (OSError, ValueError):
        return None
    copy = manifest.get("copy", {})
    same_copy = (copy.get("inode"), copy.get("size"), copy.get("mtime_ns")) == (
        stat.st_ino,
        stat.st_size,
        stat.st_mtime_ns,
    )
    if not same_copy or manifest.get("duckdb") != duckdb.__version__ or Path(f"{published}.wal").exists():
        return None
    if manifest.get("free_share", 1.0) > MAX_FREE_SHARE:
        return None
    return {"folder": folder, "tables": manifest.get("tables", {})}


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


def _write_parquet(
    con: duckdb.DuckDBPyConnection, tables: list[str], folder: Path, reusable: dict[str, Path] | None = None
) -> dict[str, Path]:
    """One Parquet file per table; a table in `reusable` (unchanged since that file was written)
    gets a hard link to it instead: the file is never written again, so both versions share it."""
    folder.mkdir(mode=PUBLISHED_DIR_MODE)
    os.chmod(folder, PUBLISHED_DIR_MODE)
    files = {}
    for table in tables:
        path = folder / f"{table}.parquet"
        files[table] = path
        if table in (reusable or {}):
            try:
                os.link(reusable[table], path)
                continue
            except OSError:
                pass  # gone, or a file system without hard links: write it
        con.execute(
            f"copy ({_select(con, PARQUET_SCHEMA, table)}) to {_literal(path)} (format parquet, compression zstd)"
        )
        os.chmod(path, PUBLISHED_FILE_MODE)
        _fsync(path)
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
