"""Page furniture: what a page prints around its content (page numbers, running headers and
footers), found by where it stands on the page, never read as a row or a heading."""

from __future__ import annotations

import re
from collections import defaultdict

from ..readers.base import TextLine
from ..text import fold, is_amount

# 14 / - 14 - / — 14 — / 第 14 页 / 第14页共40页 / 14/40: a page's number, folded
_PAGE_NUMBER = re.compile(r"^[-—–_~·]*(?:第?\d{1,4}页?(?:共\d{1,4}页)?|\d{1,4}/\d{1,4})[-—–_~·]*$")
_REPEATED = 3  # a line first or last on this many pages is a running header or footer


def without_furniture(lines: list[TextLine]) -> list[TextLine]:
    """The lines without page numbers and running headers/footers. Only where the reader kept
    pages (a PDF): in plain text a lone number may be data."""
    pages: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.source.page is not None and line.words:
            pages[line.source.page].append(index)
    if len(pages) < 2:
        return lines
    edges = {index for indices in pages.values() for index in (indices[0], indices[-1])}
    seen: dict[str, set[int]] = defaultdict(set)
    for index in edges:
        seen[fold(lines[index].text)].add(lines[index].source.page)  # type: ignore[arg-type]
    furniture = {index for index in edges if _page_number(lines[index]) or (
        len(seen[fold(lines[index].text)]) >= _REPEATED and not _has_amount(lines[index]))}
    return [line for index, line in enumerate(lines) if index not in furniture]


def _page_number(line: TextLine) -> bool:
    """A page number standing outside any table cell."""
    return all(word.cell is None for word in line.words) and bool(_PAGE_NUMBER.match(fold(line.text)))


def _has_amount(line: TextLine) -> bool:
    return any(is_amount(word.text) and "." in word.text for word in line.words)


# markup a browser print leaked into the text (Beijing's empty 预算07表: `overflow:hidden;
# display: inline-block;width:100%;'></span>`): never a row or a name
_MARKUP = re.compile(r"overflow|display:|white-space|nowrap|inline-|width:|</?span|'>|text-overflow|ellipsis")
_MARKUP_PIECE = re.compile(r"^[\x21-\x7e]*[;:%'<>/-][\x21-\x7e]*$|^[a-z]{1,12}$")


def without_markup(lines: list[TextLine]) -> list[TextLine]:
    """The lines without leaked HTML/CSS: on a line that shows markup, and on the lines next to
    it made only of such pieces, every ASCII piece goes; the line's other words stay."""
    marked = {index for index, line in enumerate(lines) if _MARKUP.search(line.text)}
    grown = True
    while grown:
        grown = False
        for index in sorted(marked):
            for near in (index - 1, index + 1):
                if 0 <= near < len(lines) and near not in marked and lines[near].words and all(
                        _MARKUP_PIECE.match(word.text) or not word.text.isascii() for word in lines[near].words) \
                        and any(_MARKUP_PIECE.match(word.text) for word in lines[near].words):
                    marked.add(near)
                    grown = True
    out = []
    for index, line in enumerate(lines):
        if index in marked:
            words = [word for word in line.words if not word.text.isascii()]
            if not words:
                continue
            line = TextLine(words, line.source)
        out.append(line)
    return out
