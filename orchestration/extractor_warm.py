"""Imported once by the extraction pool's fork server (orchestration/parallel.py).

Compiles the extractor's lexicons and patterns (about 3 CPU-seconds) before any worker forks, so
every worker starts with them in memory instead of each compiling its own copy.
"""

from orchestration import parallel  # noqa: F401  (what a worker runs, pandas included, imported once)
from orchestration.article_extraction import warm_up

warm_up()
