"""The extractor's work grows linearly with the length of an article (issue 9).

Work is counted, not timed: the lines of `orchestration/claims` executed for an article of a
phrase repeated to N and to 4N characters. Linear work gives a ratio of 4; one loop over pairs of
claims (every claim compared with every claim before it) gave 8 and more on these shapes. Wall-clock
figures for 400,000 characters are in `bench/fuzz_extractor.py` and bench/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from orchestration.claims import Article, extract_claims

PACKAGE = str(Path(__file__).resolve().parent.parent / "orchestration" / "claims")
SHORT = 5_000


def counted(n: int) -> str:
    """A different figure in every clause: claims that stay apart, each a possible total."""
    parts, length, k = [], 0, 0
    while length < n:
        k += 1
        parts.append(f"{k} drones were shot down over the Kursk region, ")
        length += len(parts[-1])
    return "".join(parts)[:n]


def repeated(phrase: str):
    return lambda n: (phrase * (n // len(phrase) + 1))[:n]


SHAPES = {
    # One claim told thousands of times: repeats merge into the first.
    "drones shot down over Kursk,": repeated("drones shot down over Kursk, "),
    # No number, 'the drones': a claim that may only retell an earlier counted one.
    "the drones were shot down over Kursk,": repeated("the drones were shot down over Kursk, "),
    "Russia fired missiles at Kyiv, the missiles were launched,": repeated(
        "Russia fired missiles at Kyiv, the missiles were launched, "
    ),
    "1 drones ..., 2 drones ..., 3 drones ...": counted,
    "governor of Belgorod said that": repeated("the governor of Belgorod said that "),
}


def lines_executed(text: str) -> int:
    """Lines of the extractor's package run while extracting `text` (other code is not traced)."""
    count = 0

    def in_package(frame, event, arg):
        nonlocal count
        count += event == "line"
        return in_package

    def on_call(frame, event, arg):
        return in_package if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        extract_claims(Article("scaling", text))
    finally:
        sys.settrace(previous)
    return count


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    """Lexicons loaded and patterns compiled before anything is counted. Some patterns are compiled
    (and their prefilters worked out) the first time a long article reaches them; one long article of
    each shape first keeps that one-time cost out of the count, whichever tests ran before in the
    process."""
    extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region, the ministry said."))
    for make in SHAPES.values():
        extract_claims(Article("warm-up", make(4 * SHORT)))


@pytest.mark.parametrize("shape", SHAPES)
def test_work_grows_linearly_with_the_length_of_an_article(shape):
    make = SHAPES[shape]
    short, long = lines_executed(make(SHORT)), lines_executed(make(4 * SHORT))
    assert long / short < 5, f"{long / short:.1f} times the work for 4 times the text ({short} -> {long} lines)"
