"""Where the extractor's CPU time goes on the real-shaped corpus, and what skipping could save at most.

On `bench/corpus.py`'s articles (one core, after a warm-up pass, CPU seconds, median of the
rounds): the whole extractor; `grammar.read_sentences` (the mention finders and putting each
sentence's mentions together); each mention finder alone over every sentence; `draft_claims`
over every sentence's reading (with no context from the sentences before); the rest, which is the
article pass (identities, context, resolving, merging and linking). Then the same finders over
two groups of sentences: those whose reading drafts a claim and the quiet ones, whose reading
drafts none. A sentence triage skips work on the quiet ones only, so their finder time that no
later sentence needs, plus their drafting, bounds what any triage could save (an oracle's
triage, free).

Run: `.venv/bin/python bench/extraction_parts.py [--articles 600] [--rounds 3]`. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from corpus import generate

from orchestration.claims import Article, extract_claims, grammar
from orchestration.claims.extract import _PLAIN_APOSTROPHE
from orchestration.claims.sentences import split_sentences

FINDERS = ("times", "claimants", "things", "places", "counts", "outcomes", "clauses", "hedged")


def cpu(function) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    articles = [Article(r["id"], r["text"], None, r["title"], r["outlet"]) for r in generate(args.articles)]
    for article in articles[:100]:  # warm-up: lexicons and patterns compiled once
        extract_claims(article)
    split = [split_sentences(a.text.translate(_PLAIN_APOSTROPHE)) for a in articles]
    readings = [
        m for a, sentences in zip(articles, split, strict=True) for m in grammar.read_sentences(sentences, None)
    ]
    drafting = [m for m in readings if grammar.draft_claims(m, None, [], None)]
    quiet = [m for m in readings if not grammar.draft_claims(m, None, [], None)]

    def finder_seconds(group) -> dict[str, float]:
        texts = [m.sentence.text for m in group]
        return {
            name: cpu(lambda f=find: [f(t) for t in texts])
            for name, find in zip(FINDERS, grammar._finders(None), strict=True)
        }

    rounds: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        measured = {
            "whole": cpu(lambda: [extract_claims(a) for a in articles]),
            "read_sentences": cpu(lambda: [grammar.read_sentences(s, None) for s in split]),
            "draft_claims": cpu(lambda: [grammar.draft_claims(m, None, [], None) for m in readings]),
            "draft_claims_of_quiet_sentences": cpu(lambda: [grammar.draft_claims(m, None, [], None) for m in quiet]),
        }
        measured |= {f"finder_{k}": v for k, v in finder_seconds(readings).items()}
        measured |= {f"drafting_sentences_finder_{k}": v for k, v in finder_seconds(drafting).items()}
        measured |= {f"quiet_sentences_finder_{k}": v for k, v in finder_seconds(quiet).items()}
        for key, value in measured.items():
            rounds.setdefault(key, []).append(value)
    median = {key: round(statistics.median(values), 3) for key, values in rounds.items()}
    median["article_pass"] = round(median["whole"] - median["read_sentences"] - median["draft_claims"], 3)
    print(
        json.dumps(
            {
                "articles": len(articles),
                "sentences": len(readings),
                "sentences_drafting_a_claim": len(drafting),
                "characters_of_quiet_sentences": sum(len(m.sentence.text) for m in quiet),
                "characters": sum(len(m.sentence.text) for m in readings),
                "cpu_seconds_median": median,
                "load_average": [round(x, 2) for x in os.getloadavg()],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
