"""Page geometry as small pure functions: glyphs to words, words to lines, lines to cells.

Coordinates are display points with the origin at the top left of the page as it is shown
(after the page's rotation), so `top < bottom`. Nothing here knows about PDF libraries.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from statistics import median
from typing import NamedTuple

from ..text import AMOUNT

_RULE_TOLERANCE = 1.5  # rules closer than this are one rule (a border drawn twice, both cells')
_BOLD_OVERLAP = 0.5  # a copy of a glyph shifted by less than half its width is fake bold


class Glyph(NamedTuple):  # a tuple: made thousands of times a page
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


# a Glyph's fields as a plain tuple: the reader makes hundreds a page, and a plain tuple is made
# ten times faster than a named one; the functions here take either
GlyphBox = tuple[str, float, float, float, float]


@dataclass(slots=True)
class PageWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    cell: int | None = None
    line: int = 0  # the page line it was read on, to keep a wrapped cell's pieces in order
    band: tuple[float, float] | None = None  # the horizontal rules just above and below it

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True, frozen=True)
class Rule:
    """A ruling line: `at` across the line, from `start` to `end` along it."""

    at: float
    start: float
    end: float


def cluster(values: Sequence[float], tolerance: float) -> list[list[int]]:
    """Indices of `values` grouped where sorted neighbours lie within `tolerance`."""
    order = sorted(range(len(values)), key=values.__getitem__)
    groups: list[list[int]] = []
    for index in order:
        if groups and values[index] - values[groups[-1][-1]] <= tolerance:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def group_lines(glyphs: Iterable[GlyphBox]) -> list[list[GlyphBox]]:
    """Glyphs in lines, top to bottom, each line left to right. A glyph joins the line whose
    mean middle is within a third of its height of its own (a line's glyphs share a baseline,
    give or take a superscript)."""
    lines: list[list[GlyphBox]] = []
    line: list[GlyphBox] = []
    total = 0.0  # the sum of the current line's middles
    for glyph in sorted(glyphs, key=_reading_order):
        top, bottom = glyph[2], glyph[4]
        middle = (top + bottom) / 2
        height = bottom - top
        if line and middle - total / len(line) <= (height if height > 1.0 else 1.0) / 3:
            line.append(glyph)
            total += middle
        else:
            line = [glyph]
            lines.append(line)
            total = middle
    return [without_fake_bold(sorted(line, key=_LEFT)) for line in lines]


_LEFT = itemgetter(1)


def _reading_order(glyph: GlyphBox) -> tuple[float, float]:
    return glyph[2] + glyph[4], glyph[1]


def without_fake_bold(line: list[GlyphBox]) -> list[GlyphBox]:
    """Drop the copies of a glyph drawn again a hair to the side (bold faked by overprinting)."""
    out: list[GlyphBox] = []
    for glyph in line:
        text, x0, _, x1, _ = glyph
        width = x1 - x0
        reach = (width if width > 0.5 else 0.5) * _BOLD_OVERLAP
        if out and x0 - out[-1][1] < reach:  # only then can it be a copy (left to right: just before)
            copy = False
            for kept in reversed(out[-3:]):
                if x0 - kept[1] >= reach:
                    break
                if kept[0] == text:
                    copy = True
                    break
            if copy:
                continue
        out.append(glyph)
    return out


def split_words(line: list[GlyphBox], walls: Sequence[float] = ()) -> list[PageWord]:
    """A line's glyphs (left to right) as words: broken at spaces, at gaps wider than a quarter
    of the text's height, and at the ruled lines (`walls`, x positions) between cells."""
    words: list[PageWord] = []
    walls = sorted(walls)
    count = len(walls)
    text: list[str] = []
    x0 = top = x1 = bottom = 0.0
    last_x1 = last_height = 0.0
    for char, g_x0, g_top, g_x1, g_bottom in line:
        height = g_bottom - g_top
        space = char.isspace()
        if text:
            if space or g_x0 - last_x1 > (last_height if last_height > height else height) / 4:
                broken = True
            elif count:
                at = bisect_left(walls, last_x1 - 0.5)
                broken = at < count and walls[at] <= g_x0 + 0.5
            else:
                broken = False
            if broken:
                words.append(PageWord("".join(text), x0, top, x1, bottom))
                text = []
        if space:
            continue
        if text:
            if g_top < top:
                top = g_top
            if g_bottom > bottom:
                bottom = g_bottom
            if g_x1 > x1:
                x1 = g_x1
        else:
            x0, top, x1, bottom = g_x0, g_top, g_x1, g_bottom
        text.append(char)
        last_x1, last_height = g_x1, height
    if text:
        words.append(PageWord("".join(text), x0, top, x1, bottom))
    return words


def join_decimals(words: list[PageWord]) -> list[PageWord]:
    """A number whose decimals the producer set as a run of their own (25180591 .33, a hair
    off the baseline) is one number again, where both stand in one cell."""
    out: list[PageWord] = []
    for word in words:
        last = out[-1] if out else None
        if (last is not None and last.cell is not None and last.cell == word.cell
                and word.text.startswith(".") and last.text.isdigit() and joins(last.text, word.text)):
            out[-1] = PageWord(last.text + word.text, last.x0, min(last.top, word.top), word.x1,
                               max(last.bottom, word.bottom), last.cell, last.line)
            continue
        out.append(word)
    return out


def merge_rules(rules: Iterable[Rule]) -> list[Rule]:
    """One rule for the pieces drawn end to end or twice along the same line."""
    by_line = sorted(rules, key=lambda r: (r.at, r.start))
    groups = cluster([rule.at for rule in by_line], _RULE_TOLERANCE)
    merged: list[Rule] = []
    for group in groups:
        pieces = sorted((by_line[i] for i in group), key=lambda r: r.start)
        at = median(piece.at for piece in pieces)
        start, end = pieces[0].start, pieces[0].end
        for piece in pieces[1:]:
            if piece.start <= end + _RULE_TOLERANCE * 2:
                end = max(end, piece.end)
            else:
                merged.append(Rule(at, start, end))
                start, end = piece.start, piece.end
        merged.append(Rule(at, start, end))
    return merged


def crossing(rules: Sequence[Rule], position: float) -> list[float]:
    """Where the rules that pass `position` (along them) stand, in order."""
    walls = [rule.at for rule in rules if rule.start - 1 <= position <= rule.end + 1]
    walls.sort()
    return walls


def assign_cells(words: list[PageWord], verticals: Sequence[Rule]) -> None:
    """Each word's cell: how many vertical rules at its height stand left of it, where rules
    stand on both sides (inside a ruled table); elsewhere no cell."""
    seen: dict[int, list[float]] = {}
    for word in words:
        key = round(word.middle)
        walls = seen.get(key)
        if walls is None:
            walls = seen[key] = crossing(verticals, word.middle)
        centre = (word.x0 + word.x1) / 2
        if len(walls) < 2 or not walls[0] < centre < walls[-1]:
            word.cell = None
            continue
        word.cell = bisect_left(walls, centre)  # the walls left of it (they are in order)


def row_bands(horizontals: Sequence[Rule], x: float) -> list[float]:
    """The y positions of the horizontal rules that pass `x`, top to bottom."""
    return crossing(horizontals, x)


_NUMBER_PIECE = re.compile(r"^[-−]?[\d,]*\.?\d*$")
# an amount or the start of one: 188, / 188,800. / 101.5
_AMOUNT_START = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})*(?:,\d{0,3})?|\d+)(?:\.\d*)?$")



def band(word: PageWord, horizontals: Sequence[Rule],
         seen: dict[tuple[int | None, int], list[float]] | None = None,
         open_below: bool = False) -> tuple[float, float] | None:
    """The horizontal rules just above and below a word, where both exist at its place; with
    `open_below`, below the last rule too (a cell the page break left open: bottom infinite)."""
    key = (word.cell, round(word.centre / 10))  # the rules across a column serve all its words
    walls = seen.get(key) if seen is not None else None
    if walls is None:
        walls = crossing(horizontals, word.centre)
        if seen is not None:
            seen[key] = walls
    at = bisect_left(walls, word.middle)
    if open_below and at == len(walls) > 0:
        return (walls[-1], math.inf)
    return (walls[at - 1], walls[at]) if 0 < at < len(walls) else None


def merge_wrapped(lines: list[list[PageWord]], horizontals: Sequence[Rule]) -> list[list[PageWord]]:
    """Lines that stand between the same two horizontal rules are one table row whose cells
    wrapped: merged into one line, cell by cell, each cell's pieces in reading order; a number
    wrapped over two lines of its cell (612.0 / 0) is joined again. Where a cell of the band
    holds a whole amount on two lines, the band is several rows of a table without rules
    between them, and its lines stay as they are."""
    keys: list[tuple[float, float] | None] = []
    seen: dict[tuple[int | None, int], list[float]] = {}
    for number, words in enumerate(lines):
        for word in words:
            word.line = number
        if not words or any(word.cell is None for word in words):
            keys.append(None)  # only a line wholly inside the table's cells is part of a row
            continue
        bands: dict[tuple[float, float] | None, int] = {}
        for word in words:
            word.band = band(word, horizontals, seen, open_below=True)
            found = word.band if word.band is None or word.band[1] != math.inf else None
            bands[found] = bands.get(found, 0) + 1
        keys.append(max(bands, key=bands.__getitem__))
    several = _several_rows(lines, keys)
    # a band of one cell is a frame round text (a title inside the page's border), not a row
    cells: dict[tuple[float, float], set[int | None]] = {}
    for words, key in zip(lines, keys, strict=True):
        if key is not None:
            cells.setdefault(key, set()).update(word.cell for word in words)
    several |= {key for key, seen_cells in cells.items() if len(seen_cells) < 2}
    out: list[list[PageWord]] = []
    previous: tuple[float, float] | None = None
    for words, key in zip(lines, keys, strict=True):
        if key is not None and key == previous and key not in several:
            out[-1] = out[-1] + words
        else:
            out.append(list(words))
        previous = key
    return [_by_cell(words) if len({w.line for w in words}) > 1 else words for words in out]


def _several_rows(lines: list[list[PageWord]], keys: list[tuple[float, float] | None]) -> set[tuple[float, float]]:
    seen: dict[tuple[tuple[float, float], int], int] = {}
    several: set[tuple[float, float]] = set()
    for number, (words, key) in enumerate(zip(lines, keys, strict=True)):
        if key is None:
            continue
        for word in words:
            if word.cell is None or not _whole_amount(word.text):
                continue
            if seen.setdefault((key, word.cell), number) != number:
                several.add(key)
    return several


def _whole_amount(text: str) -> bool:
    """An amount as printed whole: 57.97, 1,234, 5000 (not 0 or 00, the tail of a wrapped one)."""
    return bool(AMOUNT.match(text)) and len(text) > 2


def joins(head: str, tail: str) -> bool:
    """Whether `tail` on the next line of a cell is the rest of the number `head` begins."""
    return bool(_NUMBER_PIECE.match(head) and _NUMBER_PIECE.match(tail) and any(c.isdigit() for c in tail)
                and _AMOUNT_START.match(head + tail))


def cut_short(text: str) -> bool:
    """A number cut by a wrap: 101. or 188, or 188,8 (the rest on the next line or page)."""
    return bool(_AMOUNT_START.match(text)) and (text.endswith((".", ",")) or not AMOUNT.match(text))


def _by_cell(words: list[PageWord]) -> list[PageWord]:
    """A merged row's words ordered cell by cell; the pieces of a wrapped number joined."""
    ordered = sorted(words, key=lambda w: (w.cell, w.line, w.x0))  # type: ignore[arg-type]
    out: list[PageWord] = []
    for word in ordered:
        last = out[-1] if out else None
        if last is not None and last.cell == word.cell and word.line > last.line and joins(last.text, word.text):
            out[-1] = PageWord(last.text + word.text, min(last.x0, word.x0), last.top,
                               max(last.x1, word.x1), word.bottom, last.cell, word.line, last.band)
            continue
        out.append(word)
    return out


def open_cells(words: list[PageWord], verticals: Sequence[Rule]) -> frozenset[int]:
    """The cells of a row whose text runs to the cell's right edge on its last line: a wrapped
    cell whose text may go on (on the next page, where the page break split the row). The room
    left must be less than two characters beyond the cell's own margin (seen on its left, less
    than a character): a character is carried to the next line with the closing mark that may
    not start one (费）)."""
    last: dict[int, list[PageWord]] = {}
    for word in words:
        if word.cell is None:
            continue
        kept = last.get(word.cell)
        if kept is None or word.line > kept[0].line:
            last[word.cell] = [word]
        elif word.line == kept[0].line:
            kept.append(word)
    out: set[int] = set()
    seen: dict[int, list[float]] = {}
    for cell, line in last.items():
        first, end = min(line, key=lambda w: w.x0), max(line, key=lambda w: w.x1)
        key = round(end.middle)
        walls = seen.get(key)
        if walls is None:
            walls = seen[key] = crossing(verticals, end.middle)
        if not 0 < cell < len(walls):
            continue
        margin, size = max(first.x0 - walls[cell - 1], 0.0), end.bottom - end.top
        # text set from the left (centred or right-aligned text reaches the edge without wrapping)
        if margin <= size and walls[cell] - end.x1 <= margin + 2 * size:
            out.add(cell)
    return frozenset(out)
