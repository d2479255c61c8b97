"""The dbt models run unchanged on DuckDB and on Spark: no engine-only syntax outside the macros.

Every function a model or test calls is listed per file (the report is printed with `pytest -s`
and shown on failure), and must be one both engines have with the same meaning. The engine-only
spellings live in dbt_project/macros/portable.sql behind adapter.dispatch.
"""

import re
from pathlib import Path

import pytest

DBT = Path(__file__).resolve().parent.parent / "dbt_project"
SQL_FILES = sorted([*(DBT / "models").rglob("*.sql"), *(DBT / "tests").rglob("*.sql")])

# Functions DuckDB and Spark both have, with the same meaning for the arguments the models pass.
PORTABLE = {
    "avg", "cast", "coalesce", "count", "length", "lower", "max", "md5", "min", "nullif", "round",
    "row_number", "split_part", "substr", "sum", "trim", "upper",
}  # fmt: skip
# Known DuckDB-only functions and syntax, named in the failure so the fix is clear (a macro).
DUCKDB_ONLY = {
    "list", "list_distinct", "list_filter", "list_transform", "flatten", "unnest", "len", "string_split",
    "try_cast", "strftime", "regexp_matches", "arg_max", "arg_min", "generate_series", "struct_pack",
    "list_value", "array_agg", "string_agg", "epoch", "date_diff", "datediff", "regexp_replace", "concat",
}  # fmt: skip
# Silent differences (same name, other meaning) are in DUCKDB_ONLY too: regexp_replace replaces all
# matches in Spark and the first in DuckDB; concat skips NULL in DuckDB; datediff's arguments differ.
SYNTAX = {
    "a :: cast": r"::",
    "a list literal [...]": r"(?<![\w\]])\[",
    "a ->> or -> operator": r"->",
    "a lambda": r"\blambda\b",
    "a trailing comma before from": r",\s*from\b",
    "a trailing comma before )": r",\s*\)",
    "date minus date": r"\b\w*(date|_start|_end)\s*-\s*\w*(date|_start|_end)\b",
    "a backslash in a literal": r"\\",
    "a struct literal {...}": r"(?<![{]){(?![{%#])",
    "varchar, which Spark only takes with a length (dbt.type_string())": r"\bvarchar\b",
}
KEYWORDS = {
    "in", "as", "and", "or", "not", "over", "filter", "on", "using", "exists", "from", "when", "then", "values",
    "where", "select", "case", "else", "is", "distinct", "union", "join",
}  # fmt: skip


def strip(sql: str) -> str:
    """The SQL a model holds itself: without comments, Jinja (macro calls) and string literals."""
    sql = re.sub(r"\{#.*?#\}", " ", sql, flags=re.S)
    sql = re.sub(r"\{\{.*?\}\}", " macro_call ", sql, flags=re.S)
    sql = re.sub(r"\{%.*?%\}", " ", sql, flags=re.S)
    sql = re.sub(r"--[^\n]*", " ", sql)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def functions_used(sql: str) -> set[str]:
    names = {name.lower() for name in re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", strip(sql))}
    ctes = {name.lower() for name in re.findall(r"\b(\w+)\s+as\s*\(", strip(sql), flags=re.I)}
    return names - KEYWORDS - ctes - {"macro_call"}


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_model_uses_only_functions_both_engines_have(path: Path):
    used = functions_used(path.read_text())
    print(f"{path.relative_to(DBT)}: {', '.join(sorted(used)) or '(no functions)'}")
    duckdb_only = sorted(used & DUCKDB_ONLY)
    unknown = sorted(used - PORTABLE - DUCKDB_ONLY)
    assert not duckdb_only, f"DuckDB-only functions in {path.name}: {duckdb_only}; use a macro in macros/portable.sql"
    assert not unknown, (
        f"functions not known to be portable in {path.name}: {unknown}; "
        "add them to PORTABLE once checked on both engines, or use a macro"
    )


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_model_has_no_duckdb_only_syntax(path: Path):
    sql = strip(path.read_text())
    found = [name for name, pattern in SYNTAX.items() if re.search(pattern, sql, flags=re.I)]
    assert not found, f"engine-only syntax in {path.name}: {found}"


def test_the_check_catches_what_bit_us():
    """The differences met porting to Spark are all caught (the check is not vacuous)."""
    sql = "select list(x order by x), try_cast(y as int), z::varchar, [1, 2], a ->> 'b', c, from t"
    assert {"list", "try_cast"} <= functions_used(sql) & DUCKDB_ONLY
    found = [name for name, pattern in SYNTAX.items() if re.search(pattern, strip(sql))]
    assert {"a :: cast", "a list literal [...]", "a ->> or -> operator", "a trailing comma before from"} <= set(found)
