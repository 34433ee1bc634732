"""A table row that the page break split: the rest of it at the top of the next page (the last
lines of a long project name or 说明, with no numbers, or the rest of a number a cell wrapped)
is joined to the row it belongs to, past a running head and a repeated table header.

A line is the rest of the row above the break only where every word of it continues a cell of
that row: text where the row's text in that cell runs to the cell's right edge (it wrapped), a
number where it completes the row's number (101. + 58, or 261.8 + 6 where the table prints two
decimals). A new row has a code or an amount in a cell the row left empty, or starts a cell
whose text had ended, so it is never taken for the rest of the row above.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..text import AMOUNT, decimals
from .base import TextLine, Word
from .geometry import cut_short, joins

# what begins a row of its own: a classification code (221, 22102, 2210201), an enumeration
_NEW_ROW = re.compile(r"^(?:\d{3}(?:\d{2}){0,2}(?!\d)|[一二三四五六七八九十]+、"
                      r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|其中)")
# page furniture between a row and its rest: a page number (- 5 -, 第 5 页, 5/20), 续表
_FURNITURE = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*\d{1,4})?(?:\s*共\s*\d+\s*页)?[-—–·\s]*$|续")
_SKIP = 3  # lines outside the table passed over at a page's edge: a page number, a running head, 续表


@dataclass(slots=True)
class Breaks:
    """What the pages read so far tell about the next page break."""

    headers: set[str] = field(default_factory=set)  # table lines without amounts: a header repeats
    places: Counter[int] = field(default_factory=Counter)  # the decimals amounts are printed with
    last: tuple[int, frozenset[int]] | None = None  # the row before the break: index, open cells

    def add(self, lines: list[TextLine], page: list[TextLine], opens: Callable[[int], frozenset[int]]) -> None:
        """Append a page's lines to `lines`, its first lines joined to the row the break split.
        `opens(i)`: the cells of the page's line i whose text runs to the cell's edge."""
        merged = self._rejoin(lines, page, opens) if self.last is not None and page else set()
        kept = [(position, line) for position, line in enumerate(page) if position not in merged]
        start = len(lines)
        lines += [line for _, line in kept]
        self.last = None
        for index, (position, line) in enumerate(kept):
            if not line.words or any(word.cell is None for word in line.words):
                continue
            after = kept[index + 1 :]  # only a page number may stand below the row the break splits
            if len(after) <= _SKIP and all(_FURNITURE.search(other.text) for _, other in after):
                self.last = (start + index, opens(position))
            # the column numbers under a header (※ 1 2 3) are no amounts: a line without a
            # decimal figure may be a header, printed again on the next page
            amounts = [word.text for word in line.words if AMOUNT.match(word.text) and "." in word.text]
            if not amounts:
                self.headers.add(line.text)
            self.places.update(decimals(text) for text in amounts)

    def _rejoin(self, lines: list[TextLine], page: list[TextLine], opens: Callable[[int], frozenset[int]]) -> set[int]:
        """Join the page's first lines that are the rest of the row above the break; their positions."""
        assert self.last is not None
        index, open_cells = self.last
        row = lines[index]
        merged: set[int] = set()
        skipped = 0
        for position, line in enumerate(page):
            joined = self._joined(row, line, open_cells)
            if joined is not None:
                row, open_cells = joined, opens(position)
                merged.add(position)
                continue
            if merged:
                break  # the rest of the row ends at the first line that is not
            if any(word.cell is None for word in line.words):
                skipped += 1  # outside the table: a page number, 续表 (a title begins another table)
                if skipped > _SKIP or not _FURNITURE.search(line.text):
                    break
                continue
            if line.text not in self.headers:  # a repeated header is passed over, anything else ends
                break
        lines[index] = row
        return merged

    def _joined(self, row: TextLine, line: TextLine, open_cells: frozenset[int]) -> TextLine | None:
        """The row with `line` as the rest of its cells, or None where `line` is not that."""
        heads: dict[int, Word] = {word.cell: word for word in row.words if word.cell is not None}
        if not line.words:
            return None
        starts: set[int | None] = set()
        for word in line.words:
            head = heads.get(word.cell) if word.cell is not None else None
            if head is None:
                return None  # outside the table, or in a cell the row left empty: a new row
            if _number(head.text):
                if not self._goes_on(head.text, word.text):
                    return None
            elif word.cell not in open_cells or _NEW_ROW.match(word.text):
                return None  # the cell's text had ended, or a new row's begins (221住房保障支出, 一、)
            elif word.cell not in starts:
                starts.add(word.cell)
                if not _aligned(word, [w for w in row.words if w.cell == word.cell]):
                    return None  # another table's cell that happens to share the number
        words: list[Word] = []
        for word in sorted(row.words + line.words, key=lambda w: w.cell):  # type: ignore[arg-type, return-value]
            previous = words[-1] if words else None
            if (previous is not None and previous.cell == word.cell and previous.source.page != word.source.page
                    and _number(previous.text) and self._goes_on(previous.text, word.text)):
                words[-1] = Word(previous.text + word.text, previous.source, previous.cell)
                continue
            words.append(word)
        return TextLine(words, row.source)

    def _goes_on(self, head: str, tail: str) -> bool:
        """Whether `tail` is the rest of the number `head` that a wrap cut."""
        if not joins(head, tail):
            return False
        if cut_short(head):
            return True
        places = self.places.most_common(1)[0][0] if self.places else None
        return places is not None and decimals(head) < places and decimals(head + tail) == places


def _aligned(word: Word, cell: list[Word]) -> bool:
    """Whether `word` starts where the cell's lines start (wrapped text set from the left)."""
    if word.source.bbox is None or any(w.source.bbox is None for w in cell):
        return False
    x0, top, _, bottom = word.source.bbox
    left = min(w.source.bbox[0] for w in cell)  # type: ignore[index]
    return abs(x0 - left) <= (bottom - top) / 2


def _number(text: str) -> bool:
    return bool(AMOUNT.match(text)) or cut_short(text)
