"""`lexicon.alternatives`: a trie that matches exactly what the plain alternation of its words matches."""

import re

import pytest

from orchestration.claims import lexicon

# (words in the order the plain alternation tries them, flags, texts)
CASES = [
    (["ukrainian", "ukraine's", "uk", "its", "their"], re.IGNORECASE, ["Ukrainian skies", "UK's its", "ukraine"]),
    (["Oct", "October"], re.IGNORECASE, ["October", "Oct.", "oct"]),  # shorter first: the plain one's order kept
    (["May", "may", "mayor"], 0, ["Mayor may May", "mayor"]),
    (["türkiye's", "turkish", "the country’s"], re.IGNORECASE, ["TÜRKIYE'S", "the country’s", "Turkish"]),
    (["области", "область", "обл"], re.IGNORECASE, ["ОБЛАСТИ", "область", "обл."]),
]


@pytest.mark.parametrize(("words", "flags", "texts"), CASES, ids=[c[0][0] for c in CASES])
def test_alternatives_match_as_the_plain_alternation(words, flags, texts):
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s|\.|$)", flags)
    trie = re.compile(rf"(?<!\w){lexicon.alternatives(words, flags)}(?:\s|\.|$)", flags)
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
