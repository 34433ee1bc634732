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
