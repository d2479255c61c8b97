"""What runs inside Spark's Python workers: the extractor over one partition of articles.

Imports nothing from the project at module level: the functions here are shipped to the executors
by value (cloudpickle), and they import the extractor from the zip the driver shipped with
`SparkContext.addFile`, unpacked once per worker directory, so an executor needs only Python and
the extractor's few dependencies (pyyaml), not this project installed.
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


def extract_partition(rows, zip_name: str, claim_columns: tuple[str, ...]):
    """One output row per article: its id and hash, how many claims, the error if any, the claims."""
    use_shipped_package(zip_name)
    from orchestration.claims import Article, extract_claims

    for row in rows:
        article = Article(
            article_id=row.article_id,
            text=row.text,
            published_date=row.published_date,
            title=row.title,
            outlet=row.outlet,
        )
        try:
            claims = extract_claims(article)
            error = None
        except Exception as failure:  # one odd article must not stop the others
            claims, error = [], f"{type(failure).__name__}: {failure}"[:500]
        values = []
        for claim in claims:
            as_row = claim.as_row()
            values.append(tuple(as_row[column] for column in claim_columns))
        yield (row.article_id, row.content_hash, len(values), error, values)
