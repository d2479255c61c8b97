"""The raw tables in DuckDB: schema, bulk writes, and what still needs extracting.

Plain Python, no Dagster. Every write is one statement over a whole batch (a registered
DataFrame), never a round trip per article or per claim. Table layouts: docs/raw_tables.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.claims.model import CLAIM_COLUMNS, Claim
from orchestration.claims.numbers import MAX_COUNT
from orchestration.loading import ArticleRecord, Reject, read_items, scan_folder

# Records are read, checked and written this many at a time: a feed of any size loads in bounded memory.
LOAD_BATCH_RECORDS = 500

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
    count bigint,
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
create table if not exists raw.claim_rejects (
    claim_id varchar not null,
    article_id varchar not null,
    reason varchar not null,
    detail varchar,
    count_text varchar,
    evidence_start integer,
    evidence_end integer,
    evidence_text varchar,
    content_hash varchar not null,
    extractor_version varchar not null,
    rejected_at timestamp not null
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


# Rows per row group of the tables this module writes. At DuckDB's default (122,880 rows) a row
# group of raw.articles holds about 350 MB of text, and the automatic checkpoints of a batch load
# (every 16 MB of write-ahead log) allocate in proportion to the group being filled: a 1 GB feed
# peaked at 2.3 GB resident. `memory_limit` does not bound those allocations (DuckDB counted 55 MB
# while the process held 540). At 8,192 rows a group is about 24 MB of text and the same feed
# peaks under 600 MB (bench/load_memory.py; figures in bench/README.md).
ROW_GROUP_ROWS = 8192
_BUILT_IN_CATALOGS = {"memory", "system", "temp"}


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Only ATTACH takes a row group size: the file is attached to an in-memory database under the
    # name duckdb.connect(path) would give it (its stem) and made the default.
    name = path.stem if path.stem.lower() not in _BUILT_IN_CATALOGS else "warehouse"
    con = duckdb.connect()
    try:
        con.execute(f"attach {_sql_string(str(path))} as {_sql_name(name)} (row_group_size {ROW_GROUP_ROWS})")
        con.execute(f"use {_sql_name(name)}")
    except BaseException:
        con.close()
        raise
    con.execute(RAW_DDL)
    for statement in MIGRATIONS:
        con.execute(statement)
    # raw.claims.count was an integer: a count over 2^31 failed the whole batch's insert.
    count_type = con.execute(
        "select data_type from information_schema.columns "
        "where table_schema = 'raw' and table_name = 'claims' and column_name = 'count'"
    ).fetchone()
    if count_type and count_type[0] != "BIGINT":
        con.execute("alter table raw.claims alter column count type bigint")
    return con


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_name(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


class LoadSummary(dict):
    """Counts of one load, also returned as Dagster metadata."""


def load_articles(con: duckdb.DuckDBPyConnection, folder: Path, batch_size: int = LOAD_BATCH_RECORDS) -> LoadSummary:
    """Read new or changed files below `folder` and store their articles, rejects and duplicates.

    Unchanged files (same size and modification time as last read) are skipped, so a second run
    over the same folder reads nothing and changes nothing. Records stream through in batches of
    `batch_size`, each written in its own transaction (the tables are the same whatever the
    size); a file's fingerprint is written last, so a load that dies part-way reads the file
    again next time (its stored records count as unchanged). Entries the scan refuses (links
    leaving the folder, loops, broken links) are rejects of their own path, refreshed when the
    link changes.
    """
    folder = Path(folder)
    scan = scan_folder(folder)
    seen = {
        row[0]: (row[1], row[2])
        for row in con.execute("select source_path, size_bytes, modified_ns from raw.source_files").fetchall()
    }
    changed, fingerprints = [], []
    for path in scan.files:
        stat = path.stat()
        relative = path.relative_to(folder).as_posix()
        fingerprint = (stat.st_size, stat.st_mtime_ns)
        if seen.get(relative) != fingerprint:
            changed.append(path)
            fingerprints.append((relative, *fingerprint))
    scan_rejects = []
    for reject in scan.rejects:
        try:
            info = (folder / reject.source_path).lstat()
            fingerprint = (info.st_size, info.st_mtime_ns)
        except OSError:
            fingerprint = (0, 0)
        if seen.get(reject.source_path) != fingerprint:
            scan_rejects.append(reject)
            fingerprints.append((reject.source_path, *fingerprint))
    loaded_at = now()

    load = _BatchLoad(con, loaded_at)

    changed_paths = [f[0] for f in fingerprints]
    if changed_paths:
        with _transaction(con):
            paths = pd.DataFrame({"source_path": changed_paths})
            con.register("changed_paths", paths)
            con.execute("delete from raw.article_rejects where source_path in (select source_path from changed_paths)")
            con.execute(
                "delete from raw.article_duplicates where source_path in (select source_path from changed_paths)"
            )
            con.unregister("changed_paths")

    batch: list[ArticleRecord | Reject] = [*scan_rejects]
    for item in read_items(folder, changed):
        if isinstance(item, str):
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            load.store(batch)
            batch = []
    load.store(batch)
    counts = load.counts
    if fingerprints:
        with _transaction(con):
            frame = pd.DataFrame(fingerprints, columns=["source_path", "size_bytes", "modified_ns"])
            frame["read_at"] = loaded_at
            _delete_where_in(con, "raw.source_files", "source_path", changed_paths)
            _insert(con, "raw.source_files", frame)
    total = con.execute("select count(*) from raw.articles").fetchone()[0]
    return LoadSummary(
        files_seen=len(scan.files),
        files_read=len(changed),
        articles_new=counts["new"],
        articles_updated=counts["replaced"],
        articles_unchanged=counts["unchanged"],
        duplicates=counts["duplicates"],
        rejects=counts["rejects"],
        articles_total=total,
    )


class _BatchLoad:
    """One load's batches: each sorted into new articles, replaced versions, duplicates and
    rejects against what is stored, then written in its own transaction.

    What is stored is asked of the database, batch by batch, for the ids and texts of the batch
    only (`_stored`): the earlier batches of this load are committed, so they count as stored, and
    memory holds one batch and its matches, never every id and text hash of the warehouse or of
    the feed. The one thing kept across batches is the texts this load replaced (an article edited
    in place): a later record with such a text is a duplicate of that article, as it would have
    been before the load. It grows with the edits, not with the feed.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, loaded_at: datetime):
        self.con = con
        self.loaded_at = loaded_at
        self.replaced_texts: dict[str, str] = {}  # content hash of a replaced version -> its article id
        self.counts = {"new": 0, "replaced": 0, "unchanged": 0, "duplicates": 0, "rejects": 0}

    def store(self, batch: list[ArticleRecord | Reject]) -> None:
        records = [item for item in batch if isinstance(item, ArticleRecord)]
        rejects = [item for item in batch if isinstance(item, Reject)]
        existing, hash_owner = self._stored(records)
        inserts: dict[str, ArticleRecord] = {}
        replaced: list[str] = []
        duplicates: list[dict] = []
        for record in records:
            owner = hash_owner.get(record.content_hash) or self.replaced_texts.get(record.content_hash)
            if owner is not None:
                if owner == record.article_id:
                    self.counts["unchanged"] += 1
                else:
                    duplicates.append(_duplicate_row(record, owner, self.loaded_at))
                continue
            previous = existing.get(record.article_id)
            if previous is not None and (previous[1], previous[2]) != (record.source_path, record.source_line):
                # One id, two different texts from two places: the first keeps the id, nothing is lost.
                rejects.append(
                    Reject(
                        record.source_path,
                        record.source_line,
                        "bad_id",
                        f"id {record.article_id!r} already holds a different text from {previous[1]}",
                    )
                )
                continue
            if previous is not None and record.article_id not in inserts:
                replaced.append(record.article_id)  # the same record, edited in place: a new version
                self.replaced_texts[previous[0]] = record.article_id
            inserts[record.article_id] = record
            existing[record.article_id] = (record.content_hash, record.source_path, record.source_line)
            hash_owner[record.content_hash] = record.article_id
        if not (inserts or rejects or duplicates):
            return
        with _transaction(self.con):
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
        self.counts["new"] += len(inserts) - len(replaced)
        self.counts["replaced"] += len(replaced)
        self.counts["duplicates"] += len(duplicates)
        self.counts["rejects"] += len(rejects)

    def _stored(self, records: list[ArticleRecord]) -> tuple[dict[str, tuple], dict[str, str]]:
        """The stored articles sharing an id or a text with `records`: (id -> (content hash, source
        path, source line), content hash -> id)."""
        if not records:
            return {}, {}
        keys = pd.DataFrame({"key": list({r.article_id for r in records} | {r.content_hash for r in records})})
        self.con.register("batch_keys", keys)
        try:
            rows = self.con.execute(
                "select article_id, content_hash, source_path, source_line from raw.articles "
                "where article_id in (select key from batch_keys) or content_hash in (select key from batch_keys)"
            ).fetchall()
        finally:
            self.con.unregister("batch_keys")
        return {row[0]: (row[1], row[2], row[3]) for row in rows}, {row[1]: row[0] for row in rows}


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


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
            with suppress(duckdb.ConnectionException):  # closed by an interrupted build
                con.unregister("batch_ids")


def store_claims(
    con: duckdb.DuckDBPyConnection,
    articles: pd.DataFrame,
    claims: list[Claim],
    extractor_version: str,
    errors: dict[str, str] | None = None,
) -> None:
    """Replace the claims of these articles and record that they were extracted: one transaction.

    A claim whose count is not an integer from 0 to MAX_COUNT goes to raw.claim_rejects with the
    reason (count_out_of_range), never to raw.claims; claims that named it as their total lose
    the link (parent_claim_id null), as a part of a total that is not stored.
    """
    extracted_at = now()
    hashes = dict(zip(articles["article_id"], articles["content_hash"], strict=True))
    claims, rejected = split_out_of_range(claims)
    rejected_ids = {claim.claim_id for claim in rejected}
    rows = []
    for claim in claims:
        if claim.parent_claim_id in rejected_ids:
            claim = replace(claim, parent_claim_id=None)
        row = claim.as_row()
        row["content_hash"] = hashes[claim.article_id]
        row["extractor_version"] = extractor_version
        row["extracted_at"] = extracted_at
        rows.append(row)
    columns = [*CLAIM_COLUMNS, "content_hash", "extractor_version", "extracted_at"]
    claim_frame = pd.DataFrame(rows, columns=columns)
    claim_frame["count"] = claim_frame["count"].astype("Int64")
    reject_frame = pd.DataFrame(
        [
            {
                "claim_id": c.claim_id,
                "article_id": c.article_id,
                "reason": "count_out_of_range",
                "detail": f"count {_digits(c.count)} is outside 0..{MAX_COUNT:,}",
                "count_text": c.count_text,
                "evidence_start": c.evidence_start,
                "evidence_end": c.evidence_end,
                "evidence_text": c.evidence_text,
                "content_hash": hashes[c.article_id],
                "extractor_version": extractor_version,
                "rejected_at": extracted_at,
            }
            for c in rejected
        ],
        columns=list(CLAIM_REJECT_COLUMNS),
    )
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
        _delete_where_in(con, "raw.claim_rejects", "article_id", ids)
        _delete_where_in(con, "raw.extractions", "article_id", ids)
        if len(claim_frame):
            _insert(con, "raw.claims", claim_frame)
        if len(reject_frame):
            _insert(con, "raw.claim_rejects", reject_frame)
        _insert(con, "raw.extractions", extraction_frame)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


CLAIM_REJECT_COLUMNS = (
    "claim_id", "article_id", "reason", "detail", "count_text", "evidence_start", "evidence_end",
    "evidence_text", "content_hash", "extractor_version", "rejected_at",
)  # fmt: skip


def split_out_of_range(claims: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """(claims to store, claims whose count is no integer from 0 to MAX_COUNT)."""
    kept, rejected = [], []
    for claim in claims:
        count = claim.count
        ok = count is None or (isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= MAX_COUNT)
        (kept if ok else rejected).append(claim)
    return kept, rejected


def _digits(count: object) -> str:
    text = repr(count) if not isinstance(count, int) else (f"{count:,}" if abs(count) < 10**60 else "of 60+ digits")
    return text[:80]


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Reference tables are small and rebuilt whole from the data files."""
    con.register("reference_rows", frame)
    try:
        con.execute(f"create or replace table {table} as select * from reference_rows")
    finally:
        con.unregister("reference_rows")
