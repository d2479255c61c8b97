"""What runs inside Spark's Python workers: the extractor over one partition of articles.

Imports nothing from the project at module level: the functions here are shipped to the executors
by value (cloudpickle), and they import the extractor from the zip the driver shipped with
`SparkContext.addFile`, unpacked once per worker directory, so an executor needs only Python and
the extractor's few dependencies (pyyaml, pymorphy3), not this project installed.

Each article goes through orchestration/article_extraction.py, as in the single-process path and
the process pool: dated by its own text when it has no publication date, within the time budget,
its evidence checked; a failure is that article's error.
"""

from __future__ import annotations

import os
import sys
import zipfile


def use_shipped_package(zip_name: str) -> None:
    """Put the unpacked extractor first on sys.path (once per Python worker)."""
    from pyspark import SparkFiles

    archive = SparkFiles.get(zip_name)
    target = os.path.join(os.path.dirname(archive), zip_name.removesuffix(".zip"))
    if not os.path.isdir(target):
        staging = f"{target}.{os.getpid()}.tmp"
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(staging)
        try:
            os.rename(staging, target)  # another worker may have won the race: theirs is the same
        except OSError:
            import shutil

            shutil.rmtree(staging, ignore_errors=True)
    if sys.path[0] != target:
        sys.path.insert(0, target)


def extract_partition(rows, zip_name: str, claim_columns: tuple[str, ...], seconds: float | None):
    """One output row per article: its id and hash, how many claims, the error if any, the claims.

    A claim's count travels as text: a count the extractor read beyond 64 bits must reach the
    driver, which keeps it out of raw.claims with its reason, as the single-process path does."""
    use_shipped_package(zip_name)
    from orchestration.article_extraction import extract_article, make_article

    for row in rows:
        article = make_article(row.article_id, row.text, row.published_date, row.title, row.outlet)
        claims, error = extract_article(article, seconds)
        values = []
        for claim in claims:
            as_row = claim.as_row()
            as_row["count"] = None if as_row["count"] is None else str(as_row["count"])
            values.append(tuple(as_row[column] for column in claim_columns))
        yield (row.article_id, row.content_hash, len(values), error, values)
