"""The raw tables in DuckDB: schema, bulk writes, and what still needs extracting.

Plain Python, no Dagster. Every write is one statement over a whole batch (a registered
DataFrame), never a round trip per article or per claim. Table layouts: docs/raw_tables.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.claims.model import CLAIM_COLUMNS, Claim
from orchestration.loading import ArticleRecord, Reject, list_article_files, read_file

# No primary keys on raw tables: DuckDB checks them eagerly inside a transaction that deletes and
# re-inserts a key (a re-extracted article). Uniqueness is asserted by dbt tests on staging and marts.
RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.articles (
    article_id varchar not null,
    content_hash varchar not null,
    source_path varchar not null,
    source_line integer,
    source_format varchar not null,
    url varchar,
    outlet varchar,
    title varchar,
    language varchar,
    published_at timestamp,
    published_date date,
    text varchar not null,
    char_count integer not null,
    loaded_at timestamp not null
);
create table if not exists raw.article_rejects (
    source_path varchar not null,
    source_line integer,
    reason varchar not null,
    detail varchar,
    rejected_at timestamp not null
);
create table if not exists raw.article_duplicates (
    source_path varchar not null,
    source_line integer,
    record_id varchar,
    outlet varchar,
    url varchar,
    published_at timestamp,
    article_id varchar not null,
    content_hash varchar not null,
    seen_at timestamp not null
);
create table if not exists raw.source_files (
    source_path varchar not null,
    size_bytes bigint not null,
    modified_ns bigint not null,
    read_at timestamp not null
);
create table if not exists raw.claims (
    claim_id varchar not null,
    article_id varchar not null,
    claimant varchar,
    claimant_id varchar not null,
    claimant_kind varchar not null,
    claimant_country varchar,
    outcome varchar not null,
    weapon varchar not null,
    weapon_model varchar,
    weapon_origin varchar,
    count integer,
    count_qualifier varchar not null,
    country varchar,
    region_code varchar,
    scope varchar not null,
    place varchar,
    time_text varchar,
    period_start date,
    period_end date,
    parent_claim_id varchar,
    evidence_start integer not null,
    evidence_end integer not null,
    evidence_text varchar not null,
    count_text varchar,
    outcome_text varchar,
    weapon_text varchar,
    place_text varchar,
    is_place_resolved boolean not null,
    is_hedged boolean not null,
    mention_start integer not null,
    content_hash varchar not null,
    extractor_version varchar not null,
    extracted_at timestamp not null
);
create table if not exists raw.extractions (
    article_id varchar not null,
    content_hash varchar not null,
    extractor_version varchar not null,
    claim_count integer not null,
    extracted_at timestamp not null,
    error varchar
);
"""

ARTICLE_COLUMNS = (
    "article_id", "content_hash", "source_path", "source_line", "source_format", "url", "outlet",
    "title", "language", "published_at", "published_date", "text", "char_count", "loaded_at",
)  # fmt: skip


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# Columns added after a table first shipped: a warehouse built by an older version gains them.
MIGRATIONS = ("alter table raw.extractions add column if not exists error varchar",)


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(RAW_DDL)
    for statement in MIGRATIONS:
        con.execute(statement)
    return con


class LoadSummary(dict):
    """Counts of one load, also returned as Dagster metadata."""


# Records read, checked and written per step of a load: memory holds one batch of texts at a time.
LOAD_BATCH = 5000


def load_articles(con: duckdb.DuckDBPyConnection, folder: Path, batch_size: int = LOAD_BATCH) -> LoadSummary:
    """Read new or changed files below `folder` and store their articles, rejects and duplicates.

    Unchanged files (same size and modification time as last read) are skipped, so a second run
    over the same folder reads nothing and changes nothing. Records stream through in batches of
    `batch_size` (`stream_records`): a batch is checked against the stored articles it shares an
    id or a text with, written, and dropped before the next is read. The whole load is still one
    transaction. What the load keeps between batches is the ids and text hashes it stored.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"articles folder not found: {folder}")
    files = list_article_files(folder)
    seen = {
        row[0]: (row[1], row[2])
        for row in con.execute("select source_path, size_bytes, modified_ns from raw.source_files").fetchall()
    }
    changed, fingerprints = [], []
    for path in files:
        stat = path.stat()
        relative = path.relative_to(folder).as_posix()
        fingerprint = (stat.st_size, stat.st_mtime_ns)
        if seen.get(relative) != fingerprint:
            changed.append(path)
            fingerprints.append((relative, *fingerprint))
    loaded_at = now()
    load = _Load(con, loaded_at)
    changed_paths = [f[0] for f in fingerprints]
    con.execute("begin transaction")
    try:
        if changed_paths:
            paths = pd.DataFrame({"source_path": changed_paths})
            con.register("changed_paths", paths)
            con.execute("delete from raw.article_rejects where source_path in (select source_path from changed_paths)")
            con.execute(
                "delete from raw.article_duplicates where source_path in (select source_path from changed_paths)"
            )
            con.unregister("changed_paths")
        for batch in stream_records(folder, changed, batch_size):
            load.add(batch)
        if fingerprints:
            frame = pd.DataFrame(fingerprints, columns=["source_path", "size_bytes", "modified_ns"])
            frame["read_at"] = loaded_at
            _delete_where_in(con, "raw.source_files", "source_path", changed_paths)
            _insert(con, "raw.source_files", frame)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    total = con.execute("select count(*) from raw.articles").fetchone()[0]
    return LoadSummary(
        files_seen=len(files),
        files_read=len(changed),
        articles_new=load.inserted - load.replaced,
        articles_updated=load.replaced,
        articles_unchanged=load.unchanged,
        duplicates=load.duplicates,
        rejects=load.rejects,
        articles_total=total,
    )


def stream_records(
    folder: Path, files: Sequence[Path], batch_size: int = LOAD_BATCH
) -> Iterator[list[ArticleRecord | Reject]]:
    """The records and rejects of `files`, in file and line order, `batch_size` at a time.

    A streaming wrapper over `loading.read_file`, which already yields one record at a time
    (a .jsonl feed is read line by line): no file's records are all held at once.
    """
    batch: list[ArticleRecord | Reject] = []
    for path in files:
        for item in read_file(path, path.relative_to(folder).as_posix()):
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


class _Load:
    """One load's bookkeeping across batches: which ids and texts it stored, and its counts.

    The rules are those of a load read whole: a text already stored under another id is a
    duplicate, under the same id unchanged; an id already holding a different text from another
    place is rejected, from the same place (an edited file) replaced. Earlier batches of this load
    count as stored; a replaced article's earlier text still names it, as it did before the load.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, loaded_at: datetime):
        self.con = con
        self.loaded_at = loaded_at
        self.stored_ids: dict[str, str] = {}  # this load's ids -> source path (for the reject message)
        self.stored_hashes: dict[str, str] = {}  # this load's texts (and replaced ones) -> article id
        self.inserted = self.replaced = self.unchanged = self.duplicates = self.rejects = 0

    def add(self, batch: list[ArticleRecord | Reject]) -> None:
        records = [item for item in batch if isinstance(item, ArticleRecord)]
        rejects = [item for item in batch if isinstance(item, Reject)]
        by_id, by_hash = self._stored_before(records)
        inserts: dict[str, ArticleRecord] = {}
        replaced: list[str] = []
        duplicates: list[dict] = []
        for record in records:
            owner = self.stored_hashes.get(record.content_hash) or by_hash.get(record.content_hash)
            if owner is not None:
                if owner == record.article_id:
                    self.unchanged += 1
                else:
                    duplicates.append(_duplicate_row(record, owner, self.loaded_at))
                continue
            previous = by_id.get(record.article_id)
            first_path = self.stored_ids.get(record.article_id)
            if first_path is not None or (
                previous is not None and (previous[1], previous[2]) != (record.source_path, record.source_line)
            ):
                # One id, two different texts from two places: the first keeps the id, nothing is lost.
                where = first_path if first_path is not None else previous[1]
                rejects.append(
                    Reject(
                        record.source_path,
                        record.source_line,
                        "bad_id",
                        f"id {record.article_id!r} already holds a different text from {where}",
                    )
                )
                continue
            if previous is not None:
                replaced.append(record.article_id)  # the same record, edited in place: a new version
                self.stored_hashes[previous[0]] = record.article_id
            inserts[record.article_id] = record
            self.stored_ids[record.article_id] = record.source_path
            self.stored_hashes[record.content_hash] = record.article_id
        self._write(inserts, replaced, rejects, duplicates)

    def _stored_before(self, records: list[ArticleRecord]) -> tuple[dict, dict]:
        """Stored articles sharing an id or a text with the batch, not counting this load's own."""
        ids = {r.article_id for r in records} - self.stored_ids.keys()
        hashes = {r.content_hash for r in records} - self.stored_hashes.keys()
        if not ids and not hashes:
            return {}, {}
        keys = pd.DataFrame({"key": [*ids, *hashes]})
        self.con.register("batch_keys", keys)
        try:
            rows = self.con.execute(
                "select article_id, content_hash, source_path, source_line from raw.articles "
                "where article_id in (select key from batch_keys) or content_hash in (select key from batch_keys)"
            ).fetchall()
        finally:
            self.con.unregister("batch_keys")
        by_id = {row[0]: (row[1], row[2], row[3]) for row in rows if row[0] in ids}
        by_hash = {row[1]: row[0] for row in rows if row[1] in hashes}
        return by_id, by_hash

    def _write(self, inserts: dict, replaced: list[str], rejects: list[Reject], duplicates: list[dict]) -> None:
        if replaced:
            _delete_where_in(self.con, "raw.articles", "article_id", replaced)
        if inserts:
            rows = [_article_row(r, self.loaded_at) for r in inserts.values()]
            _insert(self.con, "raw.articles", pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS)))
        if rejects:
            frame = pd.DataFrame([{**asdict(r), "rejected_at": self.loaded_at} for r in rejects])
            _insert(self.con, "raw.article_rejects", frame)
        if duplicates:
            _insert(self.con, "raw.article_duplicates", pd.DataFrame(duplicates))
        self.inserted += len(inserts)
        self.replaced += len(replaced)
        self.duplicates += len(duplicates)
        self.rejects += len(rejects)


def _article_row(record: ArticleRecord, loaded_at: datetime) -> dict:
    row = asdict(record)
    row["char_count"] = len(record.text)
    row["loaded_at"] = loaded_at
    return row


def _duplicate_row(record: ArticleRecord, owner: str, seen_at: datetime) -> dict:
    return {
        "source_path": record.source_path,
        "source_line": record.source_line,
        "record_id": record.article_id,
        "outlet": record.outlet,
        "url": record.url,
        "published_at": record.published_at,
        "article_id": owner,
        "content_hash": record.content_hash,
        "seen_at": seen_at,
    }


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("incoming_rows", frame)
    try:
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _delete_where_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    con.register("doomed_keys", pd.DataFrame({"key": list(values)}))
    try:
        con.execute(f"delete from {table} where {column} in (select key from doomed_keys)")
    finally:
        con.unregister("doomed_keys")


def count_pending(con: duckdb.DuckDBPyConnection, extractor_version: str) -> int:
    return con.execute(_PENDING_SQL.format(columns="count(*)"), [extractor_version]).fetchone()[0]


_PENDING_SQL = """
select {columns}
from raw.articles as a
left join raw.extractions as e
    on e.article_id = a.article_id
    and e.content_hash = a.content_hash
    and e.extractor_version = ?
where e.article_id is null
"""


def pending_batches(con: duckdb.DuckDBPyConnection, extractor_version: str, batch_size: int) -> Iterator[pd.DataFrame]:
    """Articles not yet extracted by this extractor version, one batch in memory at a time.

    The ids are listed first, then each batch's texts are read: the caller may write between
    batches on the same connection.
    """
    ids = [
        row[0]
        for row in con.execute(
            _PENDING_SQL.format(columns="a.article_id") + " order by a.article_id", [extractor_version]
        ).fetchall()
    ]
    for offset in range(0, len(ids), batch_size):
        con.register("batch_ids", pd.DataFrame({"article_id": ids[offset : offset + batch_size]}))
        try:
            yield con.execute(
                "select a.article_id, a.content_hash, a.text, a.published_date, a.title, a.outlet "
                "from raw.articles as a join batch_ids using (article_id) order by a.article_id"
            ).df()
        finally:
            con.unregister("batch_ids")


def store_claims(
    con: duckdb.DuckDBPyConnection,
    articles: pd.DataFrame,
    claims: list[Claim],
    extractor_version: str,
    errors: dict[str, str] | None = None,
) -> None:
    """Replace the claims of these articles and record that they were extracted: one transaction."""
    extracted_at = now()
    hashes = dict(zip(articles["article_id"], articles["content_hash"], strict=True))
    rows = []
    for claim in claims:
        row = claim.as_row()
        row["content_hash"] = hashes[claim.article_id]
        row["extractor_version"] = extractor_version
        row["extracted_at"] = extracted_at
        rows.append(row)
    columns = [*CLAIM_COLUMNS, "content_hash", "extractor_version", "extracted_at"]
    claim_frame = pd.DataFrame(rows, columns=columns)
    claim_frame["count"] = claim_frame["count"].astype("Int64")
    per_article = pd.Series([c.article_id for c in claims], dtype="object").value_counts()
    extraction_frame = pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "content_hash": articles["content_hash"],
            "extractor_version": extractor_version,
            "claim_count": [int(per_article.get(a, 0)) for a in articles["article_id"]],
            "extracted_at": extracted_at,
            # An article the extractor failed on is recorded with the error, not silently skipped.
            "error": [(errors or {}).get(a) for a in articles["article_id"]],
        }
    )
    ids = list(articles["article_id"])
    con.execute("begin transaction")
    try:
        _delete_where_in(con, "raw.claims", "article_id", ids)
        _delete_where_in(con, "raw.extractions", "article_id", ids)
        if len(claim_frame):
            _insert(con, "raw.claims", claim_frame)
        _insert(con, "raw.extractions", extraction_frame)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Reference tables are small and rebuilt whole from the data files."""
    con.register("reference_rows", frame)
    try:
        con.execute(f"create or replace table {table} as select * from reference_rows")
    finally:
        con.unregister("reference_rows")
