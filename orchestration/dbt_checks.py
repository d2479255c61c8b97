"""A one-line description for each dbt test, shown on its Dagster asset check.

Plain Python over a manifest node. A test with its own `description` keeps it; a generic test
(unique, not_null, accepted_values, relationships) is described from its arguments; a singular
test from the first comment of its SQL. Invariants fail the build, contradictions only warn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def describe_test(node: Mapping[str, Any]) -> str:
    kind = _kind(node)
    own = (node.get("description") or "").strip()
    if own:
        return f"{kind}: {_first_sentence(own)}"
    metadata = node.get("test_metadata") or {}
    if metadata:
        return f"{kind}: {_generic(metadata.get('name', ''), metadata.get('kwargs') or {}, node)}"
    comment = _leading_comment(node.get("raw_code") or "")
    if comment:
        return f"{kind}: {comment}"
    return f"{kind}: dbt test {node.get('name', '?')} returns no rows"


def _kind(node: Mapping[str, Any]) -> str:
    severity = str((node.get("config") or {}).get("severity") or "error").lower()
    if severity == "warn":
        return "Contradiction (warns, failing rows stored for analysts)"
    return "Invariant (fails the build)"


def _generic(name: str, kwargs: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    column = kwargs.get("column_name") or kwargs.get("arg") or "the row"
    model = _model_name(kwargs.get("model") or "", node)
    if name == "unique":
        return f"no two rows of {model} share {column}"
    if name == "not_null":
        return f"{column} is never null in {model}"
    if name == "accepted_values":
        values = ", ".join(str(v) for v in kwargs.get("values") or [])
        return f"{column} in {model} takes only the values {values}"
    if name == "relationships":
        target = _model_name(str(kwargs.get("to") or ""), node)
        return f"every {column} of {model} exists as {kwargs.get('field', '?')} in {target}"
    arguments = ", ".join(f"{k}={v}" for k, v in kwargs.items() if k not in ("model", "column_name"))
    return f"{name} on {column} of {model}" + (f" ({arguments})" if arguments else "")


def _model_name(reference: str, node: Mapping[str, Any]) -> str:
    """`{{ get_where_subquery(ref('fct_claims')) }}` -> fct_claims."""
    found = re.search(r"(?:ref|source)\(\s*'([^']+)'(?:\s*,\s*'([^']+)')?", reference)
    if found:
        return found.group(2) or found.group(1)
    return (node.get("attached_node") or "?").split(".")[-1]


def _leading_comment(sql: str) -> str:
    """The last comment paragraph before the SQL starts (earlier ones are notes on the config)."""
    paragraphs: list[list[str]] = [[]]
    for line in sql.strip().splitlines():
        stripped = line.strip()
        if stripped.startswith("--"):
            paragraphs[-1].append(stripped.lstrip("-").strip())
        elif not stripped or stripped.startswith("{{"):
            paragraphs.append([])
        else:
            break
    texts = [" ".join(p) for p in paragraphs if p]
    return _first_sentence(texts[-1]) if texts else ""


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = re.search(r"(?<=[.!?])\s", text)
    return text[: end.start()] if end else text
