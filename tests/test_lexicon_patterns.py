"""Pattern builders that only make matching faster: `lexicon.alternatives` (a trie matching exactly what
the plain alternation of its words matches) and `lexicon.first_char_guard` (never changes a match)."""

import re

import pytest

from orchestration.claims import lexicon

# (words in the order the plain alternation tries them, flags, whole words, texts)
CASES = [
    (["ukrainian", "ukraine's", "uk", "its", "their"], re.I, False, ["Ukrainian skies", "UK's its", "ukraine"]),
    (["Oct.", "Oct", "October"], re.I, False, ["October", "Oct.", "oct"]),  # shorter first: that order kept
    (["mar.", "mar", "march", "sept", "september"], re.I, True, ["March 5", "Mar. 5", "Sept", "mar-a"]),
    (["May", "may", "mayor"], 0, False, ["Mayor may May", "mayor"]),
    (["türkiye's", "turkish", "the country’s"], re.I, False, ["TÜRKIYE'S", "the country’s", "Turkish"]),
    (["п'ятниця", "п’ятниця", "області", "область", "обл"], re.I, True, ["ОБЛАСТИ", "область", "обл.", "П’ятниця"]),
]


@pytest.mark.parametrize(("words", "flags", "whole_words", "texts"), CASES, ids=[c[0][0] for c in CASES])
def test_alternatives_match_as_the_plain_alternation(words, flags, whole_words, texts):
    end = r"(?!\w)" if whole_words else ""
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + rf"){end}(?:\s|\.|$)", flags)
    trie = re.compile(rf"(?<!\w){lexicon.alternatives(words, flags, whole_words)}(?:\s|\.|$)", flags)
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


# (pattern, texts): the guard goes before the pattern, as the time words put it after "(?<!\w)".
GUARDED = [
    (r"(?:the\s+)?(?P<d>\d+)\s+(?:of\s+)?(?:oct|nov)", ["The 5 of Oct", "the  12 nov", "5th Oct", "THE 3 NOV"]),
    (r"(?:в|на|у)?\s*(?:ночь|ніч)", ["В ночь", " ніч", "на ніч", "ночь"]),  # can start with a space
    (r"(?:[-‐–]\s*)?\d+(?:[.,]\d+)?", ["-5", "– 3.5", "7,2", "x9"]),
    (r"(?:a|b)?c?", ["abc", "", "c"]),  # can match nothing: no guard
]


@pytest.mark.parametrize(("pattern", "texts"), GUARDED, ids=[g[0][:20] for g in GUARDED])
def test_first_char_guard_never_changes_a_match(pattern, texts):
    plain = re.compile(rf"(?<!\w)(?:{pattern})", re.I)
    guarded = re.compile(rf"(?<!\w){lexicon.first_char_guard(pattern)}(?:{pattern})", re.I)
    for text in texts:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


# (pattern, flags, texts the pattern matches): a prefilter must let each of them through.
PREFILTERED = [
    (r"(?<!\w)(?:during\s+)?the\s+night(?:\s+of)?", re.I, ["THE NIGHT", "during the  Night of"]),
    (r"(?<![\w])(?:the\s+)?(?:head|chief)\s+of\s+", re.I, ["Head of ", "the CHIEF of "]),
    (r"(?:в|у)\s+(?:ночь|ніч)", re.I, ["В НОЧЬ", "у ніч", "в н\u1c82чь"]),  # an old letter form folds to "о"
    (r"(?:sea|waters)", re.I, ["the ſea", "WATERS"]),  # the long s matches "s" ignoring case
    (r"(?:Kyiv|Moscow)\s+says", 0, ["Kyiv says", "Moscow  says"]),
    (r"(?:[a-z]+\s+){0,2}(?:launch(?:ed|es)?|fired)", re.I, ["Launched", "they FIRED"]),
]


@pytest.mark.parametrize(("pattern", "flags", "texts"), PREFILTERED, ids=[p[0][:20] for p in PREFILTERED])
def test_prefilter_lets_every_match_through(pattern, flags, texts):
    compiled = re.compile(pattern, flags)
    needed = lexicon.prefilter(compiled)
    assert needed is not None  # each of these has texts worth looking for
    for text in texts:
        assert compiled.search(text)
        assert needed.may_match(text)
        assert [m.span() for m in lexicon.finditer(compiled, text)] == [m.span() for m in compiled.finditer(text)]
    assert not needed.may_match("nothing to see here: 12 drones, 3 missiles")


def test_prefilter_of_the_time_patterns_on_real_sentences():
    from orchestration.claims import timewords

    texts = [
        "Overnight, 25 drones were shot down over the Belgorod region, the ministry said on Sunday.",
        "В ночь на 25 октября над Брянской областью сбиты 12 беспилотников.",
        "Вночі 14 квітня ворог атакував 40 ударними БпЛА; since October 10, between 20:00 and 06:00.",
        "In the early morning hours of October 24, over the past 24 hours, last week, in August 2024.",
    ]
    for _, pattern, _ in timewords._grammar().patterns:
        needed = lexicon.prefilter(pattern)
        for text in texts:
            if pattern.search(text):
                assert needed is None or needed.may_match(text), (pattern.pattern[:60], text)


def test_guarded_patterns_match_as_the_plain_ones():
    patterns = [
        re.compile(r";|:(?!\d)|(?<!\d)\s+[—–]\s+|,\s+(?:while|but)\s+|\.\s", re.I),  # alternatives: wrapped in a group
        re.compile(r"(?<![\w-])(?:(?P<qual>all|only)\s+)?(?P<art>a|an|one)(?![\w-])", re.I),
        re.compile(r"(?<![\w\-^])(?:about\s+)?(?:\d+|seven|сім)(?![\w^])", re.I),
    ]
    texts = ["Seven drones; all a drone: 12:30 — and 5, while 6. ALL AN x", "сім дронів, but 3 - about 40"]
    for pattern in patterns:
        guarded = lexicon.guarded(pattern)
        assert guarded.pattern != pattern.pattern
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == [
                (m.span(), m.groupdict()) for m in pattern.finditer(text)
            ]


# Texts whose lowering is irregular somewhere: the long s and dotless i (match "s", "i" ignoring case,
# lower to themselves), the dotted capital I (lowers to two characters), the Kelvin sign, an old
# Cyrillic letter form, Greek capitals (final sigma), an emoji bullet.
ODD_TEXTS = [
    "Overnight, 25 drones were shot down over the Belgorod region, the ministry said on Sunday.",
    "ON SUNDAY the Governor SAID 3 drones; on ſunday, on Sunday, İn August, on Sunday",
    "the ᲂblast governor said: 12 drones in the night of October 24 (ΣΑΣ) ▪️ 9 КАБ; ſeven",
    "В НОЧЬ на 25 октября губернатор сообщил: 12 беспилотников. KYIV, the K region, ıvan said",
    "İİİ 5 drones on Monday and 7 on Tuesday, the Governor of the Kursk region said",
]


def test_case_folded_twins_match_as_the_patterns():
    from orchestration.claims import claimants, numbers, timewords

    patterns = [p for _, p, _ in timewords._grammar().patterns]
    patterns += [claimants._title_pattern(), numbers._number_pattern(), re.compile(r"(?<!\w)on\s+sunday", re.I)]
    assert lexicon._twin(patterns[-1]) is not None  # the path under test is taken
    assert lexicon._twin(re.compile(r"(?-i:[A-Z])\w+\s+said", re.I)) is None  # a case-sensitive part: no twin
    assert lexicon._twin(re.compile(r"KYIV|Kharkiv", re.I)) is None  # upper-case literals: no twin
    for pattern in patterns:
        for text in ODD_TEXTS:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in lexicon.finditer(pattern, text)] == expected
            found, plain = lexicon.search(pattern, text, 3, len(text) - 2), pattern.search(text, 3, len(text) - 2)
            assert (found and (found.span(), found.groups())) == (plain and (plain.span(), plain.groups()))


def test_twin_of_a_pattern_with_cyrillic_capitals():
    # "ВСУ" under IGNORECASE compiles as "всу" does: the lowered source has a twin.
    pattern = re.compile(r"(?<!\w)(?:ВСУ|ЗСУ|сили\s+оборони)\s+(?:уразили|поразили)", re.I)
    assert lexicon._twin(pattern) is not None
    texts = ["ЗСУ уразили ціль, всу поразили", "сили  оборони УРАЗИЛИ; ſили оборони уразили", "ВСУ поразили İ"]
    for text in texts:
        assert [m.span() for m in lexicon.finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]


# Patterns whose matches start after a zero-width part, ignoring case or not: `fast_re` gives each the
# set of characters a match can start with (case forms written out), `re` none.
STARTING_AFTER_ASSERTIONS = [
    (r"(?<![\w])(?:nationwide|countrywide|sunday)(?![\w])", re.I),
    (r"\bset(?:ting)?(?=\s+\w+\s+on\s+fire)", re.I),
    (r"(?<!\w)(?=[iks])(?:in|kelvin|seven|ſ\w+)", re.I),
    (r"(?<!\w)(?:\d+|бпла|ОБЛАСТ\w*)\s*", re.I),
    (r"(?<!\w)(?:\d+\s+)?(?:drones?|Drones)", 0),
    (r"(?<![\w-])(?:ΣΑΣ|σας|İn)", re.I),
]


@pytest.mark.parametrize(
    ("pattern", "flags"), STARTING_AFTER_ASSERTIONS, ids=[p[:24] for p, _ in STARTING_AFTER_ASSERTIONS]
)
def test_fast_re_matches_as_re(pattern, flags):
    from re import _parser

    from orchestration.claims import fast_re

    fast, plain = fast_re.compile(pattern, flags), re.compile(pattern, flags)
    assert fast_re._start_set(_parser.parse(pattern, flags).data, plain.flags) is not None  # the path under test
    assert (fast.pattern, fast.flags, fast.groupindex) == (plain.pattern, plain.flags, plain.groupindex)
    texts = [*ODD_TEXTS, "SET 11 cars on fire; ſetting them on fire", "12 ОБЛАСТИ, 3 бпла, KELVIN ſeven İn σας"]
    for text in texts:
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert fast.sub("_", text) == plain.sub("_", text)
    empty = r"(?<!\w)(?:a|b?)"  # may match nothing: no set, re's own scan
    assert fast_re._start_set(_parser.parse(empty).data, 0) is None
    assert fast_re.compile(empty).search(" xb").span() == re.search(empty, " xb").span()


def test_prefilters_answered_by_one_scan_as_by_their_own_search(monkeypatch):
    """A text asked about again is scanned once for every prefilter's texts: each prefilter's answer
    from that scan lets every match through, as its own search does, also inside a part of the text."""
    compiled = [(re.compile(pattern, flags), texts) for pattern, flags, texts in PREFILTERED]
    prefilters = [lexicon.prefilter(pattern) for pattern, _ in compiled]
    monkeypatch.setattr(lexicon, "_scans_since_build", lexicon._RESCAN_AFTER)  # the scan covers them all
    for pattern, texts in compiled:
        for text in texts:
            sentence = f"Before it, {text}, and after it."
            for _ in range(3):  # the first ask searches; the next ones read the scan
                needed = lexicon.prefilter(pattern)
                assert needed.may_match(sentence)
                start = sentence.index(text)
                assert needed.may_match_in(sentence, start, start + len(text))
                assert [m.span() for m in lexicon.finditer(pattern, sentence)] == [
                    m.span() for m in pattern.finditer(sentence)
                ]
    assert lexicon._SCAN[2] == len(lexicon._ALL_PREFILTERS)
    quiet = "nothing to see here: 12 drones, 3 missiles"
    for _ in range(3):
        assert not any(p.may_match(quiet) for p in prefilters)


def test_search_in_a_slice_as_in_the_slice_itself():
    """`search_slice` and `finditer_slice` find what `search` and `finditer` find in the slice as a text
    of its own (its ends are ends to anchors and look-behinds), only rejected from the whole text's lowering."""
    sentence = "Air defence shot down 12 drones; the rest, including two Shaheds, were jammed, the ministry said."
    patterns = [re.compile(pattern, flags) for pattern, flags, _ in PREFILTERED] + [
        re.compile(r"(?:including|among them)\s*$", re.I),
        re.compile(r"^\s*the\s+rest\b", re.I),
        re.compile(r"\b(?:shot\s+down|jammed)\b", re.I),
    ]
    for pattern in patterns:
        for start in range(0, len(sentence), 7):
            for end in (start, start + 20, start + 45, len(sentence), None):
                part = sentence[start:end]
                found = lexicon.search_slice(pattern, sentence, start, end)
                expected = pattern.search(part)
                assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))
                assert [m.span() for m in lexicon.finditer_slice(pattern, sentence, start, end)] == [
                    m.span() for m in pattern.finditer(part)
                ]
