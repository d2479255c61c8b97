"""The claim extractor: plain Python, no Dagster. `extract_claims(article) -> list[Claim]`."""

from orchestration.claims.extract import extract_claims, extractor_version
from orchestration.claims.model import Article, Claim

__all__ = ["Article", "Claim", "extract_claims", "extractor_version"]
