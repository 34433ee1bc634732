"""Text PDFium draws nothing for: a CJK font the producer did not embed (方正小标宋 titles, whose
licence forbids embedding) gives PDFium no glyphs, so it reports no characters, although the
font's ToUnicode map says what they are. pdfminer.six decodes them from that map; its
characters are taken only where PDFium has none, on the few pages that need it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTPage

from .geometry import GlyphBox

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in the page's frame

# pdfminer logs every odd font or stream it meets; the reader reports what matters itself
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def unembedded_glyphs(path: Path, index: int, left: float, top: float, blanks: Sequence[Box],
                      known: Sequence[GlyphBox]) -> list[GlyphBox]:
    """The characters of page `index` that stand where PDFium drew an empty text object
    (`blanks`: their boxes, zero-sized at the text's origin) and that no glyph of PDFium's
    (`known`) covers, in the page's frame (origin `left`, `top` of the crop box, y down)."""
    try:
        page = next(iter(extract_pages(path, page_numbers=[index], laparams=None)))
    except Exception:  # a page pdfminer cannot parse keeps what PDFium read
        return []
    blank_grid = _grid((x, y, x, y) for x, y, _, _ in blanks)
    known_grid = _grid(g[1:] for g in known)
    out: list[GlyphBox] = []
    x_origin, y_origin = page.bbox[0], page.bbox[1]
    for char in _chars(page):
        text = char.get_text()
        if not text.strip() or len(text) != 1:
            continue
        x0, x1 = char.x0 + x_origin - left, char.x1 + x_origin - left
        y_top, y_bottom = top - (char.y1 + y_origin), top - (char.y0 + y_origin)
        box = (x0, y_top, x1, y_bottom)
        if _near(box, blank_grid) and not _covered(box, known_grid):
            out.append((text, x0, y_top, x1, y_bottom))
    return out


def _chars(item: LTComponent) -> Iterable[LTChar]:
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, (LTContainer, LTPage)):
        for child in item:
            yield from _chars(child)


_CELL = 24.0  # points: a grid cell holds a few characters


def _grid(boxes: Iterable[Box]) -> dict[tuple[int, int], list[Box]]:
    """Boxes by the grid cells they touch, to look up what is near a point."""
    grid: dict[tuple[int, int], list[Box]] = {}
    for box in boxes:
        for gx in range(int(box[0] // _CELL), int(box[2] // _CELL) + 1):
            for gy in range(int(box[1] // _CELL), int(box[3] // _CELL) + 1):
                grid.setdefault((gx, gy), []).append(box)
    return grid


def _near(box: Box, blanks: dict[tuple[int, int], list[Box]]) -> bool:
    """A blank text object's origin lies on the character's baseline, at its left edge."""
    x0, top, x1, bottom = box
    slack = (bottom - top) / 2
    cells = {(gx, gy) for gx in range(int((x0 - slack) // _CELL), int((x1 + slack) // _CELL) + 1)
             for gy in range(int((top - slack) // _CELL), int((bottom + slack) // _CELL) + 1)}
    return any(x0 - slack <= bx <= x1 + slack and top - slack <= by <= bottom + slack
               for cell in cells for bx, by, _, _ in blanks.get(cell, ()))


def _covered(box: Box, known: dict[tuple[int, int], list[Box]]) -> bool:
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(g[0] <= middle_x <= g[2] and g[1] <= middle_y <= g[3]
               for g in known.get((int(middle_x // _CELL), int(middle_y // _CELL)), ()))
