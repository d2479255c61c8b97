"""Split an article into sentences with character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "a.m", "p.m", "e.g", "i.e", "sen", "rep", "adm", "brig", "prof", "inc", "corp", "co", "jr", "sr",
    "ст", "г", "гг", "им", "обл", "р-н",
}  # fmt: skip
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    position = 0
    for block in re.split(r"(\n+)", text):
        if block.startswith("\n"):
            position += len(block)
            paragraph += 1
            continue
        for start, end in _split_block(block):
            piece = block[start:end]
            stripped_left = len(piece) - len(piece.lstrip())
            stripped_right = len(piece.rstrip())
            if stripped_right <= stripped_left:
                continue
            s, e = position + start + stripped_left, position + start + stripped_right
            sentences.append(Sentence(s, e, text[s:e], paragraph, len(sentences)))
        position += len(block)
    return sentences


def _split_block(block: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BOUNDARY.finditer(block):
        end = match.end(2)
        before = block[start : match.start(1)]
        last_word = re.search(r"([\w.]+)$", before)
        if match.group(1) == "." and last_word:
            word = last_word.group(1).lower().rstrip(".")
            # "Oct. 25", "Gov. Gladkov", initials ("V. Anokhin"): not an ending.
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        spans.append((start, end))
        start = match.end(3)
    spans.append((start, len(block)))
    return spans
