"""Reader for HTML pages (lxml): text blocks become lines; each `<tr>` becomes one line whose
words carry their grid column (colspan and rowspan taken into account)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import UnreadableError
from ..model import Source
from .base import Extracted, TextLine, Word
from .text import decode

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
           "footer", "blockquote", "pre", "dt", "dd", "caption", "hr", "ul", "ol", "title", "center"}
_SKIP = {"script", "style", "noscript", "template", "head"}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(path: Path) -> Extracted:
    import lxml.html
    from lxml.etree import ParserError

    file = path.name
    text, problems = decode(path.read_bytes(), file)
    try:
        root = lxml.html.document_fromstring(_DECLARATION.sub("", text))
    except (ParserError, ValueError):
        raise UnreadableError("网页（HTML）文件无法解析", file=file) from None
    lines: list[TextLine] = []
    for cells in _lines(root):
        source = Source(file, None, len(lines) + 1)
        words = [Word(part, source, cell) for cell, content in cells for part in content.split()]
        if words:
            lines.append(TextLine(words, source))
    if not lines:
        raise UnreadableError("网页中没有任何文字", file=file)
    return Extracted(file=file, format="html", lines=lines, pages=1, problems=problems)


def _lines(root: object) -> Iterator[list[tuple[int | None, str]]]:
    """The page in reading order: runs of inline text, and each table row's cells."""
    buffer: list[str] = []

    def flush() -> Iterator[list[tuple[int | None, str]]]:
        if "".join(buffer).strip():
            yield [(None, "".join(buffer))]
        buffer.clear()

    def walk(element: object) -> Iterator[list[tuple[int | None, str]]]:
        tag = element.tag if isinstance(element.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _SKIP:
            return
        if tag == "table":
            yield from flush()
            yield from _rows(element)
        else:
            block = tag in _BLOCKS
            if block:
                yield from flush()
            if element.text:  # type: ignore[attr-defined]
                buffer.append(element.text)  # type: ignore[attr-defined]
            for child in element:  # type: ignore[attr-defined]
                yield from walk(child)
            if block:
                yield from flush()
        if element.tail:  # type: ignore[attr-defined]
            buffer.append(element.tail)  # type: ignore[attr-defined]

    yield from walk(root)
    yield from flush()


def _rows(table: object) -> Iterator[list[tuple[int | None, str]]]:
    """A table's rows; a cell's column counts the cells spanning into its row from above."""
    taken: dict[int, int] = {}  # column -> rows it is still taken for by a rowspan above
    for row in table.iter("tr"):  # type: ignore[attr-defined]
        if _owner(row) is not table:
            continue  # a nested table's row: read with its own table
        cells: list[tuple[int | None, str]] = []
        column = 0
        below: dict[int, int] = {}
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while taken.get(column, 0) > 0:
                column += 1
            span = _number(cell.get("colspan"))
            rows = _number(cell.get("rowspan"))
            cells.append((column, " ".join(cell.itertext())))
            for covered in range(column, column + span):
                if rows > 1:
                    below[covered] = rows - 1
            column += span
        taken = {c: n - 1 for c, n in taken.items() if n > 1} | below
        yield cells


def _owner(row: object) -> object:
    parent = row.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _number(text: str | None) -> int:
    try:
        return max(1, min(int(text or "1"), 1000))
    except ValueError:
        return 1
