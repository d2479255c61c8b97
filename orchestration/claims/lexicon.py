"""Loads the data files in data/ once and compiles them into matchers.

The files are the extractor's knowledge (lexicons, gazetteer, aliases); this module only turns
them into regular expressions and lookup tables, so people extend the data, not the code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

# The parser behind `re`: a pattern's parsed form tells which characters a match can start with.
from re import _compiler as _sre_compiler
from re import _constants as _sre
from re import _parser as _sre_parser

import yaml

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start

DATA_DIR = Path(__file__).parent / "data"


# A word with its apostrophes and hyphens ("об'єкт", "Kh-101"), for walking a phrase word by word.
WORD = re.compile(r"[\w'’-]+")


def load_yaml(name: str):
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def load_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def phrase_pattern(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any phrase as whole words, the longest phrase at a position winning.

    The phrases are compiled as a trie (shared prefixes factored out), which keeps matching fast
    with thousands of names; any run of spaces matches a space, and either apostrophe matches.
    """
    fold = bool(flags & re.IGNORECASE)
    unique = {p.strip().lower() if fold else p.strip() for p in phrases if p and p.strip()}
    body = _trie_regex(unique) if unique else r"(?!x)x"
    return re.compile(rf"(?<![\w-]){first_char_guard(body, flags)}(?:{body})(?![\w])", flags)


def _trie_regex(phrases: Iterable[str]) -> str:
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in re.sub(r"\s+", " ", phrase.replace("’", "'")):
            node = node.setdefault(char, {})
        node[""] = {}
    depths: dict[int, int] = {}
    _depths(trie, depths)
    return _node_regex(trie, depths)


def _depths(node: dict, depths: dict[int, int]) -> int:
    """Each node's height, computed once (keyed by id) rather than again at every level."""
    height = 1 + max((_depths(child, depths) for child in node.values()), default=0)
    depths[id(node)] = height
    return height


def _node_regex(node: dict, depths: dict[int, int]) -> str:
    ends_here = "" in node
    branches = []
    # Longer continuations are tried first; the empty ending last, so the longest phrase wins.
    for char in sorted((c for c in node if c), key=lambda c: -depths[id(node[c])]):
        if char == " ":
            atom = r"[\s\u00a0]+"
        elif char == "'":
            atom = "['’]"
        else:
            atom = re.escape(char)
        branches.append(atom + _node_regex(node[char], depths))
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{group})?" if ends_here else group


def alternatives(words: Iterable[str], flags: int = re.IGNORECASE, whole_words: bool = False) -> str:
    """`(?:w1|w2|...)` of literal words (each `re.escape`d), the same matches in the same order,
    compiled as a trie so that a position is not tried against every word in turn. With
    `whole_words`, followed by no word character.

    Exact only when, at every position, the words that can match form a chain of prefixes tried
    longest first; otherwise (a shorter word given before a longer one it begins, a character
    outside Latin and Cyrillic whose case folding is irregular) the plain alternation is returned.
    """
    words = list(dict.fromkeys(words))
    end = r"(?!\w)" if whole_words else ""
    plain = "(?:" + "|".join(re.escape(w) for w in words) + ")" + end
    fold = flags & re.IGNORECASE
    if not all(words) or flags & ~re.IGNORECASE or not all(_plain_chars(w) for w in words):
        return plain
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            # A shorter word this one begins with came first, so would be tried first; unless a
            # word character follows it here, where `(?!\w)` fails it whenever this one matches.
            if "" in node and not (whole_words and _WORD_CHAR.match(char)):
                return plain
            node = node.setdefault(char.lower() if fold else char, {})
        node[""] = {}
    return _literal_node_regex(trie) + end


_WORD_CHAR = re.compile(r"\w")


def _plain_chars(word: str) -> bool:
    # In ASCII, Latin-1 and Cyrillic, characters with different lower cases never match the same
    # text (the exceptions, dotless i, long s, the Kelvin sign, lie outside); a character without
    # case (digits, punctuation, ’) matches only itself.
    return all(char < "\u0100" or "\u0400" <= char <= "\u04ff" or char.lower() == char.upper() for char in word)


def _literal_node_regex(node: dict) -> str:
    branches = [re.escape(char) + _literal_node_regex(child) for char, child in node.items() if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{group})?" if "" in node else group


def first_char_guard(pattern: str, flags: int = re.IGNORECASE) -> str:
    """`(?=[...])`: the characters a match of `pattern` can start with (a superset), so a position
    where none stands fails at once instead of trying every alternative; "" when unknown.

    Put before `pattern` (after any zero-width start): it never changes what matches."""
    try:
        chars, nullable = _first_chars(_sre_parser.parse(pattern, flags), flags)
    except (_Unknown, re.error):
        return ""
    return "" if nullable else "(?=[" + "".join(sorted(chars)) + "])"


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with its `first_char_guard` in front (the same matches): a scan that tries every
    position then fails at once where no match can start. The pattern itself when none is known."""
    guard = first_char_guard(pattern.pattern, pattern.flags)
    return re.compile(f"{guard}(?:{pattern.pattern})", pattern.flags) if guard else pattern


class _Unknown(Exception):
    pass


_CATEGORY_CLASSES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip


def _first_chars(items, flags: int) -> tuple[set[str], bool]:
    """(class items a match can start with, whether it can be empty) of a parsed sequence."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            return chars | {re.escape(chr(av))}, False
        if op is _sre.IN:
            if any(item_op is _sre.NEGATE for item_op, _ in av):
                raise _Unknown
            for item_op, item in av:
                if item_op is _sre.LITERAL:
                    chars.add(re.escape(chr(item)))
                elif item_op is _sre.RANGE:
                    chars.add(re.escape(chr(item[0])) + "-" + re.escape(chr(item[1])))
                elif item_op is _sre.CATEGORY and item in _CATEGORY_CLASSES:
                    chars.add(_CATEGORY_CLASSES[item])
                else:
                    raise _Unknown
            return chars, False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: what follows starts the match
        if op is _sre.SUBPATTERN:
            if av[1] & re.IGNORECASE and not flags & re.IGNORECASE:
                raise _Unknown  # the guard would be stricter than the group
            found, nullable = _first_chars(av[3], flags)
        elif op is _sre.BRANCH:
            found, nullable = set(), False
            for branch in av[1]:
                branch_chars, branch_nullable = _first_chars(branch, flags)
                found |= branch_chars
                nullable = nullable or branch_nullable
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            found, nullable = _first_chars(av[2], flags)
            nullable = nullable or av[0] == 0
        else:
            raise _Unknown
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


# ------------------------------------------------------------------ texts a match must contain

# A finite run of the pattern is written out as its texts up to this many; more, and it is cut.
_MAX_TEXTS = 2000
# A prefilter is kept only when every text it looks for has at least this weight (a letter or a
# digit 1, any other character 0.3): "the", "night" and the "20" of a year are worth a search, a
# single digit or a dash is not.
_LEAST_WEIGHT = 2.0


class Prefilter:
    """Literal texts one of which every match of a pattern contains: a sentence holding none of
    them cannot match, and is told so by a few `in` tests (or one search for the texts) instead
    of the pattern tried at every word. Case-insensitive patterns are checked on the lowered
    sentence, unless it holds a character `re.IGNORECASE` pairs with a Latin or Cyrillic letter
    whose lower case is not that character's lower case (the long s, the dotless i, old
    Cyrillic letter forms): there the pattern is always run.

    A text asked about more than once (a sentence, which every finder's patterns ask about in
    turn) is scanned once for the texts of every prefilter (`_scan`); each prefilter then reads
    its answer from that scan instead of searching the text again."""

    def __init__(self, texts: Iterable[str], flags: int) -> None:
        self.fold = bool(flags & re.IGNORECASE)
        # A text that another begins is found wherever that one is: the trie ends at the shorter.
        trie: dict = {}
        for text in sorted({t.lower() if self.fold else t for t in texts}, key=len):
            node = trie
            for char in text:
                if "" in node:
                    break
                node = node.setdefault(char, {})
            else:
                node.clear()
                node[""] = {}
        self.texts = tuple(sorted(_trie_words(trie, "")))
        self._few = len(self.texts) <= 6
        self._any = re.compile(_literal_node_regex(trie))
        self.index = len(_ALL_PREFILTERS)  # this prefilter's bit in a scan's answer
        _ALL_PREFILTERS.append(self)

    def may_match(self, text: str) -> bool:
        seen = _LAST_SEEN
        if seen.text is not text:
            seen = _seen(text)
        if self.index < seen.covers:
            return seen.found >> self.index & 1 == 1
        if seen.asked and seen.lowered is not None and _scan(seen) and self.index < seen.covers:
            return seen.found >> self.index & 1 == 1
        seen.asked = True
        return self._holds(seen.lowered if self.fold else text, 0, None)

    def may_match_in(self, text: str, pos: int, endpos: int | None) -> bool:
        """`may_match(text[pos:endpos])`, read in the text's own lowering instead of a slice's
        (a slice is a new text, lowered and checked anew), where lowering keeps every offset."""
        seen = _LAST_SEEN
        if seen.text is not text:
            seen = _seen(text)
        if self.index < seen.covers and not seen.found >> self.index & 1:
            return False  # not in the whole text, so not in a part of it
        if pos < 0 or (endpos is not None and endpos < 0) or not seen.aligned:
            return self.may_match(text[pos:endpos])
        return self._holds(seen.lowered if self.fold else text, pos, endpos)

    def _holds(self, text: str | None, pos: int, endpos: int | None) -> bool:
        """Whether text[pos:endpos] holds one of the texts (None: no lowering to read, so perhaps)."""
        if text is None:
            return True
        end = len(text) if endpos is None else endpos
        if self._few:
            for needed in self.texts:  # noqa: SIM110 (a loop: no generator per sentence and pattern)
                if text.find(needed, pos, end) >= 0:
                    return True
            return False
        return self._any.search(text, pos, end) is not None


# Every prefilter made, in order: a prefilter's index is its bit in a scan's answer.
_ALL_PREFILTERS: list[Prefilter] = []


def union_prefilter(patterns: Iterable[re.Pattern[str]]) -> Prefilter | None:
    """One `Prefilter` for patterns that each have one, all case-insensitive or all not: a text it
    rejects lacks what every match of every one of them holds, so one test skips them all."""
    needed = [prefilter(pattern) for pattern in patterns]
    if not needed or any(p is None for p in needed) or len({p.fold for p in needed}) != 1:
        return None
    return Prefilter([text for p in needed for text in p.texts], re.IGNORECASE if needed[0].fold else 0)


def _trie_words(node: dict, prefix: str):
    for char, child in node.items():
        if char:
            yield from _trie_words(child, prefix + char)
        else:
            yield prefix


class _Seen:
    """What is known of one text: its lowerings (see `_fold`) and, once scanned, the prefilters
    whose texts it holds."""

    __slots__ = ("text", "lowered", "twin", "aligned", "asked", "found", "covers")

    def __init__(self, text: str | None, lowered: str | None, twin: str | None) -> None:
        self.text = text
        self.lowered = lowered  # `text.lower()` for the prefilters, None if a character folds irregularly
        self.twin = twin  # `text.lower()` for the twins, None if they may not scan it
        self.aligned = lowered is None or len(lowered) == len(text)  # each character lowered to one
        self.asked = False  # whether a prefilter asked about it before (then a scan is worth it)
        self.found = 0  # the bits of the prefilters whose texts a scan found in it
        self.covers = 0  # the prefilters the scan answered for: those with an index below this


# The texts read lately, each seen once (see `_seen`). The last text is kept apart, as the
# patterns of a sentence ask one after another; the others by the text's identity (the entry
# keeps the text, so its id is not reused meanwhile): `grammar.read_sentences` runs each finder
# over all of an article's sentences in turn, so a sentence comes back once per finder, after the others.
_LAST_SEEN = _Seen(None, None, None)
_RECENT_TEXTS = 512
_RECENT_SEEN: dict[int, _Seen] = {}


def _seen(text: str) -> _Seen:
    global _LAST_SEEN
    seen = _RECENT_SEEN.get(id(text))
    if seen is None or seen.text is not text:
        seen = _Seen(text, *_fold(text))
        if len(_RECENT_SEEN) >= _RECENT_TEXTS:
            _RECENT_SEEN.clear()
        _RECENT_SEEN[id(text)] = seen
    _LAST_SEEN = seen
    return seen


def _fold(text: str) -> tuple[str | None, str | None]:
    """(`text.lower()` for the prefilters, or None when `text` holds a character that folds
    irregularly; `text.lower()` for the twins, or None when they may not scan it)."""
    if text.isascii():  # no irregular fold, one character for one, all safe for the twins
        lowered = text.lower()
        return lowered, lowered
    if _irregular_folds().search(text):
        return None, None
    lowered = text.lower()
    twin_safe = len(lowered) == len(text) and _TWIN_SAFE_TEXT.fullmatch(text) is not None
    return lowered, (lowered if twin_safe else None)


# ------------------------------------------------------------------ one scan for every prefilter

# The scan: every prefilter's texts, lowered (a case-sensitive text is in a text only where its
# lower case is in the lowered text, so a case-sensitive prefilter's answer stays a "perhaps"), as
# one pattern; and for each text, the bits of the prefilters it answers for. Rebuilt as patterns
# come into use, at most once per _RESCAN_AFTER scans (the prefilters made since are asked as before).
_SCAN: tuple[re.Pattern[str] | None, dict[str, int], int] = (None, {}, 0)
_RESCAN_AFTER = 256
_scans_since_build = _RESCAN_AFTER


def _scan(seen: _Seen) -> bool:
    """Find in `seen.lowered` the texts of every prefilter at once; False when no scan is made."""
    global _SCAN, _scans_since_build
    pattern, bits, covers = _SCAN
    if covers < len(_ALL_PREFILTERS) and _scans_since_build >= _RESCAN_AFTER:
        pattern, bits, covers = _SCAN = _build_scan(_ALL_PREFILTERS)
        _scans_since_build = 0
    if pattern is None:
        return False
    _scans_since_build += 1
    lowered = seen.lowered
    found = 0
    # Each position where a text starts, once: the longest text there (the pattern's trie tries
    # longer first), whose bits include those of every text it begins with; then the next position.
    match = pattern.search(lowered)
    while match is not None:
        found |= bits[match.group()]
        match = pattern.search(lowered, match.start() + 1)
    seen.found, seen.covers = found, covers
    return True


def _build_scan(prefilters: list[Prefilter]) -> tuple[re.Pattern[str] | None, dict[str, int], int]:
    own: dict[str, int] = {}
    for p in prefilters:
        for text in p.texts:
            text = text if p.fold else text.lower()
            own[text] = own.get(text, 0) | 1 << p.index
    trie: dict = {}
    for text in own:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}
    # A text found holds every text that begins it.
    bits = {text: _prefix_bits(text, own) for text in own}
    pattern = re.compile(_literal_node_regex(trie)) if trie else None
    return pattern, bits, len(prefilters)


def _prefix_bits(text: str, own: dict[str, int]) -> int:
    found = 0
    for end in range(1, len(text) + 1):
        found |= own.get(text[:end], 0)
    return found


@cache
def _irregular_folds() -> re.Pattern[str]:
    """The characters `re.IGNORECASE` matches to a Latin or Cyrillic letter (the alphabets of the
    texts a prefilter keeps) while their lower case is not that letter's: in a lowered text the
    letter would not be there to find."""
    from re import _casefix

    extra = {chr(c) for key, cases in _casefix._EXTRA_CASES.items() for c in (key, *cases)}
    cased = "".join(c for c in map(chr, range(0x110000)) if c.lower() != c or c.upper() != c or c in extra)
    irregular = set()
    for letter in map(chr, [*range(0x100), *range(0x400, 0x500)]):
        for char in re.findall(re.escape(letter), cased, re.IGNORECASE):
            if char.lower() != letter.lower():
                irregular.add(char)
    return re.compile("[" + re.escape("".join(sorted(irregular))) + "]")


# Keyed by the pattern's text and flags, not the pattern: hashing a pattern hashes its compiled
# code on every lookup, while a string keeps its hash.
_PREFILTERS: dict[tuple[str, int], Prefilter | None] = {}


def prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The `Prefilter` of a compiled pattern, or None when no texts worth looking for are known."""
    key = (pattern.pattern, pattern.flags)
    try:
        return _PREFILTERS[key]
    except KeyError:
        found = _PREFILTERS[key] = _prefilter(pattern)
        return found


def _prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    if pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return None
    try:
        needed = _needed(_sre_parser.parse(pattern.pattern, pattern.flags), pattern.flags)
    except (_Unknown, re.error, RecursionError):
        return None
    if not needed or len(needed) > _MAX_TEXTS or min(map(_weight, needed)) < _LEAST_WEIGHT:
        return None
    if not all(_plain_chars(text) for text in needed):
        return None  # outside Latin and Cyrillic, lower case is not always one character for one
    return Prefilter(needed, pattern.flags)


# A compiled pattern's prefilter and twin, looked up by the pattern's identity (an int's hash, not
# a tuple's) on every call; the pattern is kept in its entry, so its id is not reused meanwhile.
_ENTRIES: dict[int, tuple[re.Pattern[str], Prefilter | None, re.Pattern[str] | None]] = {}


def _entry(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], Prefilter | None, re.Pattern[str] | None]:
    if len(_ENTRIES) > 4096:
        _ENTRIES.clear()  # patterns compiled anew after re's cache dropped them: keep this bounded
    key = (pattern.pattern, pattern.flags)
    twin = _TWINS[key] if key in _TWINS else _twin(pattern)
    entry = _ENTRIES[id(pattern)] = (pattern, prefilter(pattern), twin)
    return entry


def search(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)`, None at once when the searched part lacks what every
    match holds (a match lies inside it; only its lookarounds may read around it)."""
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _entry(pattern)
    needed = entry[1]
    if needed is not None and not (
        needed.may_match_in(text, pos, endpos) if pos or endpos is not None else needed.may_match(text)
    ):
        return None
    return _search(entry, text, pos, endpos)


def search_slice(pattern: re.Pattern[str], text: str, start: int, end: int | None = None) -> re.Match[str] | None:
    """`search(pattern, text[start:end])`: the slice searched as a text of its own (its ends are ends
    to anchors and look-behinds, its offsets start at 0), but told at once from `text`'s own lowering
    when it lacks what every match holds: a slice searched only to be rejected is not lowered and
    kept as a text of its own."""
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _entry(pattern)
    needed = entry[1]
    if needed is not None and not needed.may_match_in(text, start, end):
        return None
    return _search(entry, text[start:end], 0, None)


def _search(entry, text: str, pos: int, endpos: int | None) -> re.Match[str] | None:
    """`search` past its prefilter."""
    pattern, _, twin = entry
    if twin is not None:
        lowered = _twin_text(text)
        if lowered is not None:
            found = twin.search(lowered, pos) if endpos is None else twin.search(lowered, pos, endpos)
            if found is None:
                return None
            start = found.start()
            return pattern.match(text, start) if endpos is None else pattern.match(text, start, endpos)
    return pattern.search(text, pos) if endpos is None else pattern.search(text, pos, endpos)


def finditer(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)`, skipped at once when the text lacks what every match holds."""
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _entry(pattern)
    needed = entry[1]
    if needed is not None and not needed.may_match(text):
        return iter(())
    return _finditer(entry, text)


def _finditer(entry, text: str):
    """`finditer` past its prefilter."""
    pattern, _, twin = entry
    if twin is not None:
        lowered = _twin_text(text)
        if lowered is not None:
            return _twin_matches(pattern, twin, text, lowered)
    return pattern.finditer(text)


def finditer_slice(pattern: re.Pattern[str], text: str, start: int, end: int | None = None):
    """`finditer(pattern, text[start:end])`, rejected from `text`'s own lowering as `search_slice` is."""
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _entry(pattern)
    needed = entry[1]
    if needed is not None and not needed.may_match_in(text, start, end):
        return iter(())
    return _finditer(entry, text[start:end])


# ------------------------------------------------------------------ case folded once per text

# `re.IGNORECASE` compares the lower case of every character it reads, about twice the time of an
# exact comparison. A case-insensitive pattern whose every literal and class is lower case (or has
# no case) matches a text at the same places, with the same spans, as the same pattern compiled
# without IGNORECASE matches the lowered text, when lowering maps each character to one whose
# word-ness is the same and no character folds irregularly. Its "twin" then scans the lowered text,
# and the pattern itself is matched only where the twin found a match (`pattern.match` at that
# position: the same match, groups and all, as `pattern.finditer` would give).
_TWINS: dict[tuple[str, int], re.Pattern[str] | None] = {}
# Characters whose lowering is known to be one character of the same kind (ASCII, Latin-1, Latin
# Extended, Cyrillic, punctuation and symbols); a text holding any other is matched as it is.
_TWIN_SAFE_TEXT = re.compile(r"[\x00-\u036f\u0400-\u052f\u2000-\u2bff\ufe0f\U0001f000-\U0001faff]*")


def _twin_matches(pattern: re.Pattern[str], twin: re.Pattern[str], text: str, lowered: str) -> list[re.Match[str]]:
    # A list, not a generator: cheaper to build than to resume once per match.
    return [pattern.match(text, found.start()) for found in twin.finditer(lowered)]


def _twin_text(text: str) -> str | None:
    """`text.lower()` when the twins may scan it, else None."""
    seen = _LAST_SEEN
    return seen.twin if seen.text is text else _seen(text).twin


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    key = (pattern.pattern, pattern.flags)
    twin = None
    if pattern.flags & re.IGNORECASE and isinstance(pattern.pattern, str) and not pattern.flags & re.LOCALE:
        try:
            source = pattern.pattern
            if not _lower_only(_sre_parser.parse(source, pattern.flags)):
                # Capitals outside ASCII (the Cyrillic of "ВСУ", "СВО") are literals or class ends, never
                # part of an escape: lowered in the source, the pattern is the same one when it compiles
                # to the same code under IGNORECASE (checked), and may then have a twin.
                source = "".join(c.lower() if not c.isascii() and len(c.lower()) == 1 else c for c in source)
                same = source != pattern.pattern and _sre_compiler._code(
                    _sre_parser.parse(source, pattern.flags), pattern.flags
                ) == _sre_compiler._code(_sre_parser.parse(pattern.pattern, pattern.flags), pattern.flags)
                if not same or not _lower_only(_sre_parser.parse(source, pattern.flags)):
                    source = None
            if source is not None:
                twin = re.compile(source, pattern.flags & ~re.IGNORECASE)
        except (_Unknown, re.error, RecursionError):
            twin = None
    _TWINS[key] = twin
    return twin


def _lower_char(code: int) -> bool:
    char = chr(code)
    return char.lower() == char and char.upper().lower() == char and _TWIN_SAFE_TEXT.fullmatch(char) is not None


_TWIN_LEAVES = (_sre.ANY, _sre.AT, _sre.GROUPREF, _sre.CATEGORY)


def _lower_only(items) -> bool:
    """Whether every literal and class item of a parsed pattern is lower case or caseless, with no
    inline flags: the conditions under which its twin matches the lowered text alike."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _lower_char(av):
                return False
        elif op is _sre.IN:
            for item_op, item_av in av:
                if item_op is _sre.LITERAL:
                    if not _lower_char(item_av):
                        return False
                elif item_op is _sre.RANGE:
                    if item_av[1] - item_av[0] > 0x400 or not all(
                        _lower_char(c) for c in range(item_av[0], item_av[1] + 1)
                    ):
                        return False
                elif item_op not in (_sre.NEGATE, _sre.CATEGORY):
                    return False
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2] or not _lower_only(av[3]):
                return False
        elif op is _sre.BRANCH:
            if not all(_lower_only(branch) for branch in av[1]):
                return False
        elif op in _REPEATS:
            if not _lower_only(av[2]):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _lower_only(av[1]):
                return False
        elif op is _sre.GROUPREF_EXISTS:
            if not _lower_only(av[1]) or (av[2] is not None and not _lower_only(av[2])):
                return False
        elif op not in _TWIN_LEAVES:
            return False
    return True


def _weight(text: str) -> float:
    return sum(1.0 if char.isalnum() else 0.3 for char in text)


_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _texts(item, flags: int) -> set[str] | None:
    """Every text a parsed item can match, when few and literal; None otherwise."""
    op, av = item
    if op is _sre.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}  # what it asserts only narrows the matches
    if op is _sre.IN and all(item_op is _sre.LITERAL for item_op, _ in av):
        return {chr(char) for _, char in av}
    if op is _sre.SUBPATTERN:
        if av[1] & re.IGNORECASE and not flags & re.IGNORECASE:
            return None  # matched ignoring case inside, exactly outside: the texts would be too strict
        return _sequence_texts(av[3], flags)
    if op is _sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            texts = _sequence_texts(branch, flags)
            if texts is None or len(found | texts) > _MAX_TEXTS:
                return None
            found |= texts
        return found
    if op in _REPEATS and av[1] <= 2:
        texts = _texts(av[2][0], flags) if len(av[2]) == 1 else _sequence_texts(av[2], flags)
        if texts is None:
            return None
        found, power = ({""} if av[0] == 0 else set()), {""}
        for times in range(1, av[1] + 1):
            power = {a + b for a in power for b in texts}
            if len(power) > _MAX_TEXTS:
                return None
            if times >= av[0]:
                found |= power
        return found if len(found) <= _MAX_TEXTS else None
    return None


def _sequence_texts(items, flags: int) -> set[str] | None:
    found = {""}
    for item in items:
        texts = _texts(item, flags)
        if texts is None:
            return None
        found = {a + b for a in found for b in texts}
        if len(found) > _MAX_TEXTS:
            return None
    return found


def _needed(items, flags: int) -> set[str] | None:
    """Texts one of which every match of the parsed sequence contains (the best such set found);
    None when none is known."""
    candidates: list[set[str]] = []
    run: set[str] = {""}  # the texts of the literal items just passed, written out

    def close(run: set[str]) -> None:
        if "" not in run:
            candidates.append(run)

    for item in items:
        op, av = item
        texts = _texts(item, flags)
        if texts is not None:
            joined = {a + b for a in run for b in texts}
            if len(joined) <= _MAX_TEXTS:
                run = joined
                continue
            close(run)
            run = texts
            continue
        close(run)
        run = {""}
        found = None
        if op is _sre.SUBPATTERN and not (av[1] & re.IGNORECASE and not flags & re.IGNORECASE):
            found = _needed(av[3], flags)
        elif op is _sre.BRANCH:
            found = set()
            for branch in av[1]:
                needed = _needed(branch, flags)
                if needed is None:
                    found = None
                    break
                found |= needed
        elif op in _REPEATS and av[0] >= 1:
            found = _needed(av[2], flags)
        if found:
            candidates.append(found)
    close(run)
    if not candidates:
        return None
    return max(candidates, key=lambda texts: (min(map(_weight, texts)), -len(texts)))


@lru_cache(maxsize=1 << 16)  # the same names, titles and cues come back sentence after sentence
def normalise(text: str) -> str:
    """Key for lookups: lower case, typographic quotes and dashes folded, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip().casefold()  # casefold: what a case-insensitive pattern matched ("ᲂ" is "о")


_SPACES = re.compile(r"\s+")


@cache
def outcomes():
    return load_yaml("outcomes.yml")


@cache
def outcome_phrases(key: str) -> re.Pattern[str]:
    """Any phrase of one list in outcomes.yml ("tally_heads", "damage_list_nouns"), as whole words."""
    return phrase_pattern(outcomes()[key])


def marked_cues(outcome: str, mark: str) -> list[str]:
    """The cues of `outcome` in outcomes.yml whose group carries `mark` ("own_clause: true")."""
    return [cue for group in outcomes()["cues"][outcome] if group.get(mark) for cue in group["cue"]]


@cache
def weapons():
    return load_yaml("weapons.yml")


@cache
def objects():
    return load_yaml("objects.yml")


@cache
def numbers():
    return load_yaml("numbers.yml")


@cache
def attribution():
    return load_yaml("attribution.yml")


@cache
def claimants() -> list[dict]:
    return load_yaml("claimants.yml") or []


@cache
def regions() -> list[dict[str, str]]:
    return load_csv("regions.csv")


@cache
def countries() -> list[dict[str, str]]:
    return load_csv("countries.csv")


@cache
def places() -> list[dict[str, str]]:
    return load_csv("places.csv")


@cache
def region_words(kind: str = "region_word") -> list[str]:
    """Words that make a name a region ("oblast"); with `kind`, the other word lists of that file:
    `national_noun` ("regions" in "over Russian regions"), `national_modifier` ("border"), and
    `actor_noun` ("militants" in "Kiev militants": the place names who acted), `site_noun` ("НПЗ" in
    "Рязанский НПЗ": a site named for its town)."""
    return [row["word"] for row in load_csv("region_words.csv") if row["kind"] == kind]


@cache
def anaphor_words() -> list[str]:
    """Russian and Ukrainian nouns that, bare, mean the region or city the text is about ("над областью")."""
    return [row["word"] for row in load_csv("anaphors.csv")]
