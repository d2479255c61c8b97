"""Read a folder of articles in every input format of the spec into records and rejects.

Plain Python, no Dagster: the `raw_articles` asset calls `read_folder` and writes the result.
A record that cannot be read never stops the run: it becomes a `Reject` with file, line and reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt": "txt", ".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
# A news article is tens of kilobytes; anything far larger is a dump or a mistake, not an article.
MAX_RECORD_BYTES = 2_000_000
MAX_TEXT_CHARS = 400_000
MAX_ID_CHARS = 200
# A whole .jsonl feed may be large; only its lines are held to the record limit.
MAX_JSONL_FILE_BYTES = 2_000_000_000

REJECT_REASONS = (
    "invalid_utf8",
    "malformed_json",
    "not_an_object",
    "missing_text",
    "empty_text",
    "too_large",
    "bad_published_at",
    "bad_id",
    "unreadable_html",
    "unsupported_format",
)


@dataclass(frozen=True)
class ArticleRecord:
    article_id: str
    text: str
    content_hash: str
    source_path: str
    source_line: int | None
    source_format: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    published_at: datetime | None = None  # UTC, naive
    published_date: date | None = None  # the date as the outlet wrote it


@dataclass(frozen=True)
class Reject:
    source_path: str
    source_line: int | None
    reason: str
    detail: str


@dataclass
class FolderRead:
    records: list[ArticleRecord] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)


class RecordError(Exception):
    def __init__(self, reason: str, detail: str):
        assert reason in REJECT_REASONS, reason
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def list_article_files(folder: Path) -> list[Path]:
    """Every file below `folder`, sorted, hidden files and folders left out."""
    files = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            files.append(path)
    return sorted(files)


def read_folder(folder: Path, files: Iterable[Path] | None = None) -> FolderRead:
    """Read `files` (default: every file below `folder`) into article records and rejects."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"articles folder not found: {folder}")
    result = FolderRead()
    for path in files if files is not None else list_article_files(folder):
        relative = path.relative_to(folder).as_posix()
        result.files_read.append(relative)
        for item in read_file(path, relative):
            (result.rejects if isinstance(item, Reject) else result.records).append(item)
    return result


def read_file(path: Path, relative: str) -> Iterator[ArticleRecord | Reject]:
    source_format = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if source_format is None:
        yield Reject(relative, None, "unsupported_format", f"unknown file type {path.suffix or '(none)'}")
        return
    size = path.stat().st_size
    limit = MAX_JSONL_FILE_BYTES if source_format == "jsonl" else MAX_RECORD_BYTES
    if size > limit:
        yield Reject(relative, None, "too_large", f"{size} bytes, limit {limit}")
        return
    if source_format == "jsonl":
        yield from _read_jsonl(path, relative)
        return
    try:
        raw = _decode(path.read_bytes())
        if not raw.strip():
            raise RecordError("empty_text", "the file is empty")
        if source_format == "txt":
            record = _make_record(path.stem, raw, {}, relative, None, "txt")
        elif source_format == "json":
            record = _record_from_json(raw, path.stem, relative, None, "json")
        else:
            page = parse_html(raw)
            try:
                parse_published_at(page.fields["published_at"])
            except RecordError:
                # A page's meta date is a hint, not a field the sender vouched for: keep the article.
                page.fields["published_at"] = None
            record = _make_record(path.stem, page.text, page.fields, relative, None, "html")
    except RecordError as error:
        yield Reject(relative, None, error.reason, error.detail)
        return
    yield record


def _read_jsonl(path: Path, relative: str) -> Iterator[ArticleRecord | Reject]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                if len(line) > MAX_RECORD_BYTES:
                    raise RecordError("too_large", f"{len(line)} bytes, limit {MAX_RECORD_BYTES}")
                # A .jsonl record without an id falls back to file name and line number.
                record = _record_from_json(_decode(line), f"{path.stem}-{number}", relative, number, "jsonl")
            except RecordError as error:
                yield Reject(relative, number, error.reason, error.detail)
                continue
            yield record


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordError("invalid_utf8", f"byte {error.start}: {error.reason}") from None
    if "\x00" in text:
        raise RecordError("invalid_utf8", "contains NUL bytes: a binary file")
    return text


def _record_from_json(raw: str, default_id: str, relative: str, line: int | None, fmt: str) -> ArticleRecord:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RecordError("malformed_json", f"line {error.lineno} column {error.colno}: {error.msg}") from None
    if not isinstance(obj, dict):
        raise RecordError("not_an_object", f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj or obj["text"] is None:
        raise RecordError("missing_text", "no 'text' field")
    if not isinstance(obj["text"], str):
        raise RecordError("missing_text", f"'text' is {type(obj['text']).__name__}, not a string")
    return _make_record(obj.get("id", default_id), obj["text"], obj, relative, line, fmt)


def _make_record(raw_id: object, text: str, fields: dict, relative: str, line: int | None, fmt: str) -> ArticleRecord:
    article_id = _clean_id(raw_id)
    # Only line endings are normalised: evidence offsets must slice the stored text exactly.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RecordError("empty_text", "the text is empty or only whitespace")
    if len(text) > MAX_TEXT_CHARS:
        raise RecordError("too_large", f"{len(text)} characters, limit {MAX_TEXT_CHARS}")
    published_at, published_date = parse_published_at(fields.get("published_at"))
    return ArticleRecord(
        article_id=article_id,
        text=text,
        content_hash=content_hash(text),
        source_path=relative,
        source_line=line,
        source_format=fmt,
        url=_optional_str(fields.get("url")),
        outlet=_optional_str(fields.get("outlet")),
        title=_optional_str(fields.get("title")),
        language=_optional_str(fields.get("language")),
        published_at=published_at,
        published_date=published_date,
    )


def _clean_id(raw_id: object) -> str:
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        raise RecordError("bad_id", f"id must be a string or integer, got {type(raw_id).__name__}")
    article_id = str(raw_id).strip()
    if not article_id or len(article_id) > MAX_ID_CHARS or any(ch in article_id for ch in "\n\r\t"):
        raise RecordError("bad_id", f"unusable id {str(raw_id)[:60]!r}")
    return article_id


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_published_at(value: object) -> tuple[datetime | None, date | None]:
    """ISO 8601 date or date-time -> (UTC naive timestamp, the date as written)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if not isinstance(value, str):
        raise RecordError("bad_published_at", f"published_at must be a string, got {type(value).__name__}")
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day), day
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError("bad_published_at", f"not an ISO 8601 date: {text[:40]!r}") from None
    local_date = moment.date()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment, local_date


@dataclass
class HtmlPage:
    text: str
    fields: dict


_SKIPPED_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg"}
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td"}
_META_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "date",
    "dc.date",
    "og:published_time",
)


class _MainTextParser(HTMLParser):
    """Collects block text, preferring <article>, then <main>, then the whole body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.container_depth = {"article": 0, "main": 0}
        self.blocks: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.current: list[str] | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in self.container_depth:
            self.container_depth[tag] += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"])
        elif tag == "time" and attributes.get("datetime") and self.time_datetime is None:
            self.time_datetime = attributes["datetime"]
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self._flush()
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag in self.container_depth and self.container_depth[tag]:
            self.container_depth[tag] -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif self.current is not None and not self.skip_depth:
            self.current.append(data)

    def _flush(self) -> None:
        if self.current is None:
            return
        block = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = None
        if not block:
            return
        self.blocks["body"].append(block)
        if self.container_depth["main"]:
            self.blocks["main"].append(block)
        if self.container_depth["article"]:
            self.blocks["article"].append(block)


def parse_html(raw: str) -> HtmlPage:
    parser = _MainTextParser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception as error:  # html.parser rarely fails, but a broken page must not stop the run
        raise RecordError("unreadable_html", str(error)[:200]) from None
    parser._flush()
    blocks = parser.blocks["article"] or parser.blocks["main"] or parser.blocks["body"]
    title = re.sub(r"\s+", " ", "".join(parser.title_parts)).strip() or parser.meta.get("og:title")
    published = next((parser.meta[k] for k in _META_DATE_KEYS if parser.meta.get(k)), parser.time_datetime)
    fields = {
        "title": title,
        "url": parser.meta.get("og:url"),
        "outlet": parser.meta.get("og:site_name"),
        "published_at": published,
        "language": parser.meta.get("og:locale"),
    }
    return HtmlPage(text="\n\n".join(blocks), fields=fields)
