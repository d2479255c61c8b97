"""Split an article into sentences with character offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "a.m", "p.m", "e.g", "i.e", "sen", "rep", "adm", "brig", "prof", "inc", "corp", "co", "jr", "sr",
    "ст", "г", "гг", "им", "обл", "р-н",
    # streets, villages and towns before their names ("ул. Курской", "с. Хотінь", "м. Суми")
    "ул", "вул", "просп", "пров", "пер", "бул", "пл", "с", "м", "смт", "пгт", "тыс", "тис", "млн", "млрд",
    # settlements of other kinds ("пос. Разумное", "сел. Бессоновка", "х. Ленинский", "мкр. Северный", "н.п. Бобрик")
    "пос", "п", "сел", "сщ", "д", "х", "мкр", "н.п",
}  # fmt: skip
# A run of end marks is matched from its first mark and never given back (possessive), so a
# run of 16,000 dots costs one pass, not a retry from each dot.
_BOUNDARY = re.compile(r"(?<![.!?…])([.!?…]++)([\"'”’»)\]]*+)(\s++)(?=[\"'“‘«(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")
# The word before an end mark, looked for in at most this many characters: longer than any abbreviation.
_LAST_WORD_WINDOW = 16
_LAST_WORD = re.compile(r"[\w.]+$")
# A sentence longer than this is cut into clauses (at the last ", ; : — –" before the limit, else at
# a space, else anywhere): real sentences stay far below it (the corpora's longest is under 400
# characters), and it bounds the work one sentence can cost the later passes.
MAX_SENTENCE_CHARS = 600
_CLAUSE_BREAK = re.compile(r"[,;:—–](?=\s)|\s[-—–](?=\s)")


# A bulleted line ("- 25 крилатих ракет", "▪️ 9 КАБ;", "1) ...").
BULLET_LINE = re.compile(r"^\s*(?:[-–—•▪■●◦·*]\ufe0f?|\d{1,2}[.)])\s+")
# A line that starts with a number after a line ending in a colon or semicolon: an item of a list
# with no bullets ("...выпустил 94 ракеты:" then "52 крылатые ракеты Х-101;").
_UNNUMBERED_ITEM = re.compile(r"[^\W\d_A-ZА-ЯІЇЄҐ][^\n]{0,118}[;.]|[^\n]{1,119};")  # lower case, or ends in ";"
_NUMBERED_ITEM = re.compile(r"^\s*\d")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int
    is_list_item: bool = False  # a bulleted line, or a numbered line of a list after a colon


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    position = 0
    line_before = ""  # the last character of the line before
    for block in re.split(r"(\n+)", text):
        if block.startswith("\n"):
            position += len(block)
            paragraph += 1
            continue
        line_start = True
        for start, end in _split_block(block):
            piece = block[start:end]
            stripped_left = len(piece) - len(piece.lstrip())
            stripped_right = len(piece.rstrip())
            if stripped_right <= stripped_left:
                continue
            s, e = position + start + stripped_left, position + start + stripped_right
            numbered = (
                line_start
                and line_before in (":", ";")
                # "14 приватних будинків;", and an item with no figure: "адміністративну будівлю;"
                and (_NUMBERED_ITEM.match(piece) is not None or _UNNUMBERED_ITEM.fullmatch(piece.strip()) is not None)
            )
            for cs, ce in _clauses(text, s, e):
                in_list = BULLET_LINE.match(text[cs:ce]) is not None or numbered
                sentences.append(Sentence(cs, ce, text[cs:ce], paragraph, len(sentences), in_list))
                numbered = False
            line_start = False
        stripped_block = block.rstrip()
        line_before = stripped_block[-1:] if stripped_block else line_before
        position += len(block)
    return sentences


def _split_block(block: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BOUNDARY.finditer(block):
        end = match.end(2)
        last_word = _last_word(block, start, match.start(1))
        if match.group(1) == "." and last_word:
            word = last_word.lower().rstrip(".")
            # "Oct. 25", "Gov. Gladkov", initials ("V. Anokhin"): not an ending.
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        spans.append((start, end))
        start = match.end(3)
    spans.append((start, len(block)))
    return spans


def _last_word(block: str, start: int, end: int) -> str | None:
    """The run of word characters and dots ending at `end` (not before `start`); a run longer than
    the window is returned cut, which is no abbreviation and no initial either way."""
    match = _LAST_WORD.search(block, max(start, end - _LAST_WORD_WINDOW), end)
    return match.group(0) if match else None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as it is, or, when longer than MAX_SENTENCE_CHARS, cut into clauses of at most
    that length, each stripped of the spaces around it."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = None
        for match in _CLAUSE_BREAK.finditer(text, start + 1, limit):
            cut = match.end() if not match.group(0)[0].isspace() else match.start() + 1
        if cut is None:
            space = text.rfind(" ", start + 1, limit)
            cut = space if space > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
    return spans
