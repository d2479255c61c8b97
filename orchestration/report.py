"""The report page: three questions answered with charts, published beside the docs page.

Plain Python, no Dagster. Reads the marts read-only and writes one self-contained HTML file
(charts drawn offline by matplotlib as inline SVG; no script, no network), replaced atomically:

1. National series: launched against intercepted per day, per reporting side and weapon
   (marts.fct_national_daily).
2. Claims per region per day: the regions with the most claims (marts.fct_claims).
3. Where the ministry and the governor disagree: per region and night, both figures
   (marts.fct_region_night_comparison).
"""

from __future__ import annotations

import html
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

TOP_REGIONS = 8
# Claims per region per day: a bar per day up to this many days, a stacked area past it.
MAX_BAR_DAYS = 60
MAX_TABLE_ROWS = 40


def build_report(warehouse: Path | str, target: Path | str) -> Path:
    warehouse, target = Path(warehouse), Path(target)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("set enable_progress_bar = false")
        national = con.execute(
            "select claim_date, claimant_country, weapon, max(launched_count) as launched, "
            "max(intercepted_count) as intercepted from marts.fct_national_daily "
            "where launched_count is not null and intercepted_count is not null "
            "group by all order by claim_date"
        ).df()
        regions = con.execute(
            f"""
            with top as (
                select region_code from marts.fct_claims where region_code is not null and claim_date is not null
                group by region_code order by count(*) desc, region_code limit {TOP_REGIONS}
            )
            select claim_date, region_code, count(*) as claims
            from marts.fct_claims join top using (region_code)
            where claim_date is not null
            group by all order by claim_date, region_code
            """
        ).df()
        disagreements = con.execute(
            "select claim_date, region_code, region_name, outcome, weapon, ministry_count, governor_count, "
            "ministry_minus_governor_count from marts.fct_region_night_comparison where is_disagreement "
            "order by claim_date desc, region_code"
        ).df()
        undated = con.execute("select count(*) from marts.fct_claims where claim_date is null").fetchone()[0]
        total = con.execute("select count(*) from marts.fct_claims").fetchone()[0]
    finally:
        con.close()

    sections = [
        _section(
            "national",
            "Launched against intercepted, per day",
            "Each side's own national figures (marts.fct_national_daily): how many it says were launched "
            "at it and how many it says it intercepted.",
            _national_chart(national),
            _table(national, ["claim_date", "claimant_country", "weapon", "launched", "intercepted"]),
        ),
        _section(
            "regions",
            "Claims per region per day",
            f"The {TOP_REGIONS} regions with the most dated claims (marts.fct_claims). "
            f"{undated} of {total} claims have no date and are not counted here (marts.fct_undated_claims says why).",
            _regions_chart(regions),
            "",
        ),
        _section(
            "disagreements",
            "Where the ministry and the governor disagree",
            "Per region and night, the defence ministry's figure beside the governor's "
            "(marts.fct_region_night_comparison where is_disagreement).",
            _disagreement_chart(disagreements),
            _table(
                disagreements,
                [
                    "claim_date",
                    "region_name",
                    "outcome",
                    "weapon",
                    "ministry_count",
                    "governor_count",
                    "ministry_minus_governor_count",
                ],
            ),  # fmt: skip
        ),
    ]
    page = _PAGE.format(
        generated=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        warehouse=html.escape(warehouse.name),
        sections="\n".join(sections),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, target)
    return target


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(9, 3.6))
    axes.spines[["top", "right"]].set_visible(False)
    return plt, figure, axes


def _svg(plt, figure) -> str:
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


def _national_chart(frame) -> str:
    if frame.empty:
        return _empty("No day has both a launched and an intercepted national figure yet.")
    plt, figure, axes = _figure()
    for (country, weapon), rows in frame.groupby(["claimant_country", "weapon"]):
        label = f"{country} {weapon}s"
        axes.plot(rows["claim_date"], rows["launched"], marker="o", label=f"{label} launched")
        axes.plot(rows["claim_date"], rows["intercepted"], marker="s", linestyle="--", label=f"{label} intercepted")
    axes.set_ylabel("count")
    axes.legend(fontsize=8, frameon=False)
    figure.autofmt_xdate()
    return _svg(plt, figure)


def _regions_chart(frame) -> str:
    if frame.empty:
        return _empty("No dated claim names a region yet.")
    import pandas as pd

    plt, figure, axes = _figure()
    table = frame.pivot_table(index="claim_date", columns="region_code", values="claims", fill_value=0)
    if len(table) <= MAX_BAR_DAYS:
        bottom = None
        for region in table.columns:
            values = table[region].to_numpy()
            axes.bar([_text(d) for d in table.index], values, bottom=bottom, label=region)
            bottom = values if bottom is None else bottom + values
        axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    else:
        # Past a few weeks a bar per day and region is thousands of shapes (27 s to draw two years
        # of a 10,000-article warehouse, at every build) that no reader can tell apart: one stacked
        # area per region over every day instead, days without a claim at 0.
        days = pd.date_range(pd.Timestamp(table.index.min()), pd.Timestamp(table.index.max()), freq="D")
        table = table.set_axis(pd.to_datetime(table.index)).reindex(days, fill_value=0)
        axes.stackplot(table.index, *(table[region].to_numpy() for region in table.columns), labels=table.columns)
        figure.autofmt_xdate()
    axes.set_ylabel("claims")
    axes.legend(fontsize=8, frameon=False, ncol=4)
    return _svg(plt, figure)


def _disagreement_chart(frame) -> str:
    if frame.empty:
        return _empty("The ministry and the governors agree on every region and night reported by both.")
    plt, figure, axes = _figure()
    rows = frame.head(15)
    labels = [f"{r.region_code} {_text(r.claim_date)} {r.weapon}" for r in rows.itertuples()]
    positions = range(len(rows))
    # A night where only one of them gave a figure (the other side's disagreed) has a null count:
    # no bar, not an error (matplotlib cannot draw pandas' NA).
    ministry = rows["ministry_count"].astype("float64").fillna(0)
    governor = rows["governor_count"].astype("float64").fillna(0)
    axes.barh([p - 0.2 for p in positions], ministry, height=0.4, label="ministry")
    axes.barh([p + 0.2 for p in positions], governor, height=0.4, label="governor")
    axes.set_yticks(list(positions), labels, fontsize=8)
    axes.set_xlabel("count")
    axes.legend(fontsize=8, frameon=False)
    return _svg(plt, figure)


def _table(frame, columns: list[str]) -> str:
    if frame.empty:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_text(v))}</td>" for v in row) + "</tr>"
        for row in frame[columns].head(MAX_TABLE_ROWS).itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _text(value) -> str:
    if _missing(value):
        return ""
    if hasattr(value, "hour") and hasattr(value, "date") and not (value.hour or value.minute):
        return str(value.date())  # a day read through pandas arrives as a midnight Timestamp
    return str(value)


def _missing(value) -> bool:
    try:
        return value != value or value is None  # NaN, NaT, None
    except (TypeError, ValueError):
        return False


def _section(anchor: str, title: str, text: str, chart: str, table: str) -> str:
    return (
        f'<section id="{anchor}"><h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>'
        f'<figure class="chart">{chart}</figure>{table}</section>'
    )


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>skyledger report</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; color: #222; }}
h1 {{ margin-bottom: 0; }} .meta {{ color: #666; }} svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin-top: 0.5em; }}
td, th {{ border: 1px solid #ddd; padding: 2px 6px; text-align: left; }} .empty {{ color: #666; }}
</style></head>
<body>
<h1>skyledger report</h1>
<p class="meta">Built {generated} from {warehouse}. Tables and columns: <a href="index.html">the docs page</a>.</p>
{sections}
</body></html>
"""
