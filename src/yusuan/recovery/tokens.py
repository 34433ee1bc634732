"""A table body as a stream of tokens: amounts, bare integers and text, each with its source.

Line breaks in extracted text are unreliable (cells wrap, numbers split, headers repeat), so the
row grammar reads tokens; the line a token stood on is kept only as a hint.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Source
from ..readers.base import TextLine, Word
from ..text import AMOUNT, INTEGER, decimals

AMOUNT_KIND, INT_KIND, TEXT_KIND = "amount", "int", "text"
# a code printed against its name: 201一般公共服务支出, [2010301]行政运行, 2010801-行政运行
_CODE_PREFIX = re.compile(r"^\[?([235]\d{2}(?:\d{2}){0,2})\]?[-－—]?(?=[^\x00-\x7f])(.+)$")
_INCOMPLETE_GROUP = re.compile(r"^\d{1,3}(?:,\d{3})*,\d{0,2}$")
_NUMBER_PIECE = re.compile(r"^[-−]?\d[\d,]*\.?\d*$")  # 110. or 1,0: a number cut by a wrap


@dataclass(slots=True)
class Token:
    text: str
    kind: str
    source: Source
    line: int  # index of the body line it came from
    cell: int | None = None  # the grid cell it stood in, where the extractor kept the grid

    @property
    def is_text(self) -> bool:
        return self.kind == TEXT_KIND


def classify(text: str) -> str:
    if INTEGER.match(text):
        return INT_KIND
    if AMOUNT.match(text) or _NUMBER_PIECE.match(text):
        return AMOUNT_KIND
    return TEXT_KIND


def precision(lines: list[TextLine]) -> int:
    """The decimals most amounts of a table are printed with."""
    counts = Counter(
        decimals(word.text) for line in lines for word in line.words if "." in word.text
        and AMOUNT.match(word.text)
    )
    return counts.most_common(1)[0][0] if counts else 0


def tokenize(lines: list[TextLine], places: int) -> list[Token]:
    tokens: list[Token] = []
    for index, line in enumerate(lines):
        for word in line.words:
            match = _CODE_PREFIX.match(word.text)
            if match:
                tokens.append(Token(match.group(1), INT_KIND, word.source, index, word.cell))
                tokens.append(Token(match.group(2), TEXT_KIND, word.source, index, word.cell))
            else:
                tokens.append(Token(word.text, classify(word.text), word.source, index, word.cell))
    return join_split_numbers(tokens, places)


def _completes(head: str, tail: str, places: int) -> bool:
    """Whether `tail` is the rest of a number that a narrow cell wrapped after `head`."""
    if not AMOUNT.match(head + tail):
        return False
    if tail.startswith("."):  # 25180591 .33: decimals on another baseline
        return "." not in head
    if head.endswith("."):
        return len(tail) == places
    if _INCOMPLETE_GROUP.match(head):
        return True
    if "." in head and tail.isdigit():
        missing = places - decimals(head)
        return missing > 0 and len(tail) == missing
    return False


def join_split_numbers(tokens: list[Token], places: int) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        head = out[-1] if out else None
        if (
            head is not None
            and head.kind != TEXT_KIND
            and (token.kind != TEXT_KIND or token.text.startswith("."))
            and _completes(head.text, token.text, places)
        ):
            joined = head.text + token.text
            out[-1] = Token(joined, classify(joined), head.source, head.line, head.cell)
            continue
        out.append(token)
    return out


def rejoin_numbers(lines: list[TextLine], places: int) -> list[TextLine]:
    """The lines with every decimal number a wrap split put back together on the line it began
    on (for text read by patterns rather than by the row grammar). The lines given are unchanged."""
    out: list[TextLine] = []
    for line in lines:
        words = list(line.words)
        last = next((kept.words for kept in reversed(out) if kept.words), None)
        if last and words and "." in last[-1].text and _completes(last[-1].text, words[0].text, places):
            head = last[-1]
            last[-1] = Word(head.text + words.pop(0).text, head.source, head.cell)
        if words or not line.words:
            out.append(TextLine(words, line.source))
    return out
