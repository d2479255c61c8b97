"""`re`, with patterns that skip ahead to where a match can start. The extractor's modules import it
as `re` (`from orchestration.claims import fast_re as re`): every name of `re` is here, and
`compile` and the module-level functions (`search`, `finditer`, `sub`, ...) compile through it.

Why: `re` scans quickly only with a pattern that begins with literal text or a character class; it
then jumps from one possible start to the next. A pattern that begins with a look-behind or a word
boundary ("(?<![\\w])(?:nationwide|...)", "\\bthe\\s+...", most of the extractor's) gets no such
hint, and the matcher is entered at every character of the text (about 30 ns each). Compiled here,
such a pattern carries in its header the set of characters its matches can start with (every case
form under IGNORECASE), the hint `re` itself gives a pattern beginning with a class: the scan
skips the other characters. The pattern's code is `re`'s own, untouched, so every match, group and
span is the same; only where the scan tries is narrowed (on the bench corpus about 12% less CPU
for the whole extractor). When no such set is known (a pattern starting with `.` or a negated
class, inline flags at its start, a possibly empty match) the pattern is `re`'s, unchanged.
"""

from __future__ import annotations

# The engine behind `re`, and its compiler, as `re._compiler.compile` uses them.
import _sre as _sre_engine
import re as _re
from functools import cache
from re import (  # noqa: F401 (the names of `re`, for the modules that import this as `re`)
    ASCII,
    DOTALL,
    IGNORECASE,
    LOCALE,
    MULTILINE,
    NOFLAG,
    UNICODE,
    VERBOSE,
    A,
    I,
    L,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
    purge,
)
from re import _casefix as _sre_casefix
from re import _compiler as _sre_compiler
from re import _constants as _sre
from re import _parser as _sre_parser

# Compiled patterns by their text and flags, as `re` keeps its own: the module-level functions are
# called with the same literal patterns over and over.
_COMPILED: dict[tuple[str, int], Pattern] = {}
_MOST_COMPILED = 4096


def compile(pattern, flags=0) -> Pattern:  # noqa: A001 (re's name, on purpose)
    if type(pattern) is not str:
        return _re.compile(pattern, flags)  # a compiled pattern, or bytes: re's own
    compiled = _COMPILED.get((pattern, flags))
    if compiled is None:
        if len(_COMPILED) >= _MOST_COMPILED:
            _COMPILED.clear()
        compiled = _COMPILED[pattern, flags] = _compile(pattern, int(flags))
    return compiled


def search(pattern, string, flags=0):
    return (_COMPILED.get((pattern, flags)) or compile(pattern, flags)).search(string)


def match(pattern, string, flags=0):
    return (_COMPILED.get((pattern, flags)) or compile(pattern, flags)).match(string)


def fullmatch(pattern, string, flags=0):
    return (_COMPILED.get((pattern, flags)) or compile(pattern, flags)).fullmatch(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def _compile(pattern: str, flags: int) -> Pattern:
    if flags & _sre.SRE_FLAG_DEBUG:
        return _re.compile(pattern, flags)
    try:
        return _with_start_set(pattern, flags)
    except Exception:  # noqa: BLE001 (a pattern `re` rejects, or another Python's internals: `re`'s answer)
        return _re.compile(pattern, flags)


def _with_start_set(pattern: str, flags: int) -> Pattern:
    """`re.compile(pattern, flags)`, built as `re._compiler.compile` builds it, with the start set
    in the header when `re` put none there."""
    parsed = _sre_parser.parse(pattern, flags)
    flags |= parsed.state.flags
    code = _sre_compiler._code(parsed, flags)
    # The header: INFO, its length, what it holds (0: neither a literal prefix nor a class), the
    # shortest and the longest match.
    if code[0] == _sre.INFO and code[2] == 0 and code[3] > 0:
        start = _start_set(parsed.data, flags)
        if start is not None:
            header = [_sre.INFO, 0, _sre.SRE_INFO_CHARSET, code[3], code[4]]
            charset, _ = _sre_compiler._optimize_charset(start)
            _sre_compiler._compile_charset(charset, flags & ~_sre.SRE_FLAG_IGNORECASE, header)
            header[1] = len(header) - 1
            code = header + code[code[1] + 1 :]
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    return _sre_engine.compile(pattern, flags, code, parsed.state.groups - 1, parsed.state.groupdict, tuple(indexgroup))


class _Unknown(Exception):
    pass


def _start_set(items, flags: int) -> list | None:
    """Class items (as `re._parser` gives them) of every character a match can start with, case
    forms written out under IGNORECASE; None when not known or when a match may be empty."""
    try:
        found, nullable = _first(items)
    except _Unknown:
        return None
    if nullable or not found:
        return None
    if not flags & _sre.SRE_FLAG_IGNORECASE:
        return found
    # `re` matches a character ignoring case when its lower case is the literal's lower case, or
    # one `re._casefix` pairs with it ("s" and the long "ſ"): every character with such a lower case.
    chars: set[int] = set()
    kept = []
    for op, av in found:
        if op is _sre.CATEGORY:
            kept.append((op, av))  # \d, \s, \w: the same set in any case
            continue
        codes = [av] if op is _sre.LITERAL else range(av[0], av[1] + 1)
        if len(codes) > 0x1000:
            return None
        for code in codes:
            lower = _sre_engine.unicode_tolower(code)
            for same in (lower, *_sre_casefix._EXTRA_CASES.get(lower, ())):
                chars.add(same)
                chars.update(_upper_forms().get(same, ()))
    return [(_sre.LITERAL, code) for code in sorted(chars)] + kept


def _first(items) -> tuple[list, bool]:
    """(class items of the characters a parsed sequence's match can start with, whether it can be empty)."""
    found: list = []
    for op, av in items:
        if op is _sre.LITERAL:
            return [*found, (op, av)], False
        if op is _sre.IN:
            if not all(item_op in (_sre.LITERAL, _sre.RANGE, _sre.CATEGORY) for item_op, _ in av):
                raise _Unknown  # a negated class: nearly every character
            if any(item_op is _sre.CATEGORY and item not in _START_CATEGORIES for item_op, item in av):
                raise _Unknown
            return [*found, *av], False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: what follows starts the match
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unknown  # inline flags: another case mode inside
            more, nullable = _first(av[3])
        elif op is _sre.BRANCH:
            more, nullable = [], False
            for branch in av[1]:
                branch_found, branch_nullable = _first(branch)
                more += branch_found
                nullable = nullable or branch_nullable
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            more, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            raise _Unknown  # ".", a negated literal, a back-reference: not worth a set
        found += more
        if not nullable:
            return found, False
    return found, True


# Classes worth a set: digits and spaces are a small share of a text; a word character is most of it.
_START_CATEGORIES = (_sre.CATEGORY_DIGIT, _sre.CATEGORY_SPACE)


@cache
def _upper_forms() -> dict[int, tuple[int, ...]]:
    """Lower case -> the other characters with that lower case, as `re` lowers them."""
    forms: dict[int, list[int]] = {}
    for code in range(0x110000):
        lower = _sre_engine.unicode_tolower(code)
        if lower != code:
            forms.setdefault(lower, []).append(code)
    return {lower: tuple(codes) for lower, codes in forms.items()}
