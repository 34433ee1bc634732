"""Page furniture: what a page prints around its content (page numbers), found by where it
stands on the page and how it runs with the pages, never read as a row or a heading."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..readers.base import TextLine
from ..text import fold

_RUNNING = re.compile(r"^\D{2,30}\d{4}年度?(?:部门|单位)(?:预算|决算)公开$")
# 14 / - 14 - / — 14 — / 第 14 页 / 第14页共40页 / 14/40: a page's number, folded
_PAGE_NUMBER = re.compile(r"^[-—–_~·]*(?:第?\d{1,4}页?(?:共\d{1,4}页)?|\d{1,4}/\d{1,4})[-—–_~·]*$")


def without_furniture(lines: list[TextLine]) -> list[TextLine]:
    """The lines without page numbers: a number first or last on its page, outside any cell,
    that runs with the pages (number − page the same on two pages or more). Only where the
    reader kept pages (a PDF): in plain text a lone number may be data."""
    pages: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.source.page is not None and line.words:
            pages[line.source.page].append(index)
    if len(pages) < 2:
        return lines
    edges = {index for indices in pages.values() for index in (indices[0], indices[-1])}
    # page numbers run with the pages: those whose number minus the page is the usual offset
    numbered = {index: _number(lines[index]) - lines[index].source.page  # type: ignore[operator]
                for index in edges if _page_number(lines[index])}
    offsets = Counter(numbered.values())
    offset, count = offsets.most_common(1)[0] if offsets else (None, 0)
    furniture = {index for index, value in numbered.items() if count >= 2 and value == offset}
    # a running header naming the document (苏州市应急管理局 2026 年度部门预算公开) atop 3 pages or more
    seen: dict[str, set[int]] = defaultdict(set)
    for index in edges:
        if _RUNNING.search(fold(lines[index].text)) and len(lines[index].words) <= 3 \
                and all(word.cell is None for word in lines[index].words):
            seen[fold(lines[index].text)].add(lines[index].source.page)  # type: ignore[arg-type]
    furniture |= {index for index in edges if len(seen.get(fold(lines[index].text), ())) >= 3}
    return [line for index, line in enumerate(lines) if index not in furniture]


def _page_number(line: TextLine) -> bool:
    """A page number standing outside any table cell."""
    return all(word.cell is None for word in line.words) and bool(_PAGE_NUMBER.match(fold(line.text)))


def _number(line: TextLine) -> int:
    return int(re.findall(r"\d+", fold(line.text))[0])


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
