"""Reader for PDF with a text layer (pypdfium2): glyphs with their boxes, rebuilt into lines of
words; each word in a ruled table carries its cell, from the ruling lines, as the column hint.

Pages are read one at a time and closed, so a long document costs one page's memory.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import UnreadableError
from ..model import Problem, Source
from .base import Extracted, TextLine, Word
from .geometry import (
    GlyphBox,
    PageWord,
    Rule,
    assign_cells,
    group_lines,
    join_decimals,
    merge_rules,
    merge_wrapped,
    open_cells,
    split_words,
)
from .pagebreak import Breaks
from .unembedded import unembedded_glyphs

_THIN = 2.0  # a path thinner than this (points) is a ruling line
_MIN_RULE = 4.0  # shorter strokes are ticks or glyph parts, not rules
_FORM_DEPTH = 4  # forms inside forms: deeper nesting is decoration, not tables
_SKIPPED = {"\ufffe", "\uffff", "\ufffd", "\x00"}
_PASSWORD_ERRORS = {pdfium_c.FPDF_ERR_PASSWORD}

Transform = Callable[[float, float], tuple[float, float]]


def _no_open_cells(line: int) -> frozenset[int]:  # a page without text
    return frozenset()


def read_pdf(path: Path) -> Extracted:
    file = path.name
    document = _open(path, file)
    try:
        lines: list[TextLine] = []
        problems: list[Problem] = []
        blank: list[int] = []
        pages = len(document)
        breaks = Breaks()
        for number in range(pages):
            page_lines, opens, scanned = _read_page(document, path, number, file)
            if scanned:
                blank.append(number + 1)
            breaks.add(lines, page_lines, opens)
    finally:
        document.close()
    if pages == 0:
        raise UnreadableError("PDF 文件没有任何页面", file=file)
    if not lines:
        if blank:
            raise UnreadableError(
                "这是扫描件（页面是图片，没有文字层），无法读取文字；请先用文字识别（OCR）软件处理，"
                "或取得原始的 Word/Excel/PDF 文件", file=file)
        raise UnreadableError("PDF 中没有任何文字", file=file)
    problems += [Problem(f"第 {page} 页是图片（扫描件），没有文字层，未能读取该页内容", Source(file, page))
                 for page in blank]
    return Extracted(file=file, format="pdf", lines=lines, pages=pages, problems=problems)


def _open(path: Path, file: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in _PASSWORD_ERRORS:
            raise UnreadableError("PDF 文件有打开密码（已加密），无法读取；请提供未加密的文件",
                                  file=file) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableError("PDF 文件使用了不支持的加密方式，无法读取", file=file) from None
        raise UnreadableError("PDF 文件已损坏或不完整，无法打开", file=file) from None


def _read_page(document: pdfium.PdfDocument, path: Path, index: int,
               file: str) -> tuple[list[TextLine], Callable[[int], frozenset[int]], bool]:
    """The page's lines, the cells of a line whose text may go on past the page (see
    `open_cells`, asked for the few lines at a page break only), and whether it is an image
    without text (a scan)."""
    page = document[index]
    try:
        transform = _page_frame(page)
        textpage = page.get_textpage()
        try:
            glyphs = _glyphs(textpage, page)
            turn = _text_turn(textpage) if glyphs else 0
        finally:
            textpage.close()
        blanks: list[tuple[float, float, float, float]] = []
        verticals, horizontals = _rules(page, transform, blanks)
        if blanks:  # text PDFium drew nothing for (a font not embedded)
            left, _, _, top = page.get_cropbox()
            glyphs += unembedded_glyphs(path, index, left, top, blanks, glyphs)
        if not glyphs:
            return [], _no_open_cells, _has_image(page)
        if turn:  # text set sideways on the page: read it the way it runs
            glyphs = [_turned(g, turn) for g in glyphs]
            verticals, horizontals = _turn_rules(verticals, horizontals, turn)
    finally:
        page.close()
    rows: list[list[PageWord]] = []
    for line in group_lines(glyphs):
        middle = sum([(g[2] + g[4]) / 2 for g in line]) / len(line)
        walls = [rule.at for rule in verticals if rule.start - 1 <= middle <= rule.end + 1]
        words = split_words(line, walls)
        if words:  # not spaces only
            assign_cells(words, verticals)
            rows.append(join_decimals(words))
    number = index + 1
    out: list[TextLine] = []
    merged = merge_wrapped(rows, horizontals)
    for words in merged:
        line = len(out) + 1
        out.append(TextLine(
            [Word(w.text, Source(file, number, line, _box(w.x0, w.top, w.x1, w.bottom)), w.cell, w.band)
             for w in words],
            Source(file, number, line, _box(min(w.x0 for w in words), min(w.top for w in words),
                                            max(w.x1 for w in words), max(w.bottom for w in words))),
        ))
    return out, lambda line: open_cells(merged[line], verticals), False


def _box(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


def _page_frame(page: pdfium.PdfPage) -> Transform:
    """From PDF space to the page's own frame: origin top left, y down. The page's /Rotate is
    left aside: it turns the page for the eye, not the text against the page."""
    left, _, _, top = page.get_cropbox()
    return lambda x, y: (x - left, top - y)


# FPDFText_GetLooseCharBox called for every glyph through a prototype without argument types,
# given a c_void_p, an int and a pointer made once a page: nothing is converted per call
# (pypdfium2's typed binding costs twice a typed plain-address prototype, that one twice this)
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)


_UNICODE = ctypes.CFUNCTYPE(ctypes.c_uint, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetUnicode, ctypes.c_void_p).value)
_CHAR_ANGLE = ctypes.CFUNCTYPE(ctypes.c_float, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetCharAngle, ctypes.c_void_p).value)


def _glyphs(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage) -> list[GlyphBox]:
    """The page's glyphs in its own frame (see `_page_frame`), by their loose boxes (the
    font's ascent to descent: one height for every glyph of a line)."""
    handle = textpage.raw
    count = textpage.count_chars()
    text = _page_text(handle, count)
    left, _, _, top = page.get_cropbox()
    rect = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
    box = memoryview(rect).cast("B").cast("f")
    into, address = ctypes.byref(rect), ctypes.cast(handle, ctypes.c_void_p)
    loose_box = _LOOSE_BOX
    generated = pdfium_c.FPDFText_IsGenerated
    unicode = pdfium_c.FPDFText_GetUnicode
    out: list[GlyphBox] = []
    for index in range(count):
        char = text[index] if text is not None else chr(unicode(handle, index))
        if char < " " or char in _SKIPPED or not loose_box(address, index, into):
            continue
        # PDFium adds spaces of its own where it guesses word breaks, wrongly in turned text;
        # the gaps themselves tell breaks here
        if char == " " and generated(handle, index) == 1:
            continue
        x0, y1, x1, y0 = box.tolist()
        out.append((char, x0 - left, top - y1, x1 - left, top - y0))
    return out


def _page_text(handle: object, count: int) -> str | None:
    """All the page's characters in one call, one per index; None where a character outside
    the BMP (two UTF-16 units) breaks that correspondence."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _text_turn(textpage: pdfium.PdfTextPage) -> int:
    """0, or the quarter turns of text set sideways on the page (a wide table printed across a
    portrait page): 1 where it runs down the page, 3 where it runs up."""
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    count = textpage.count_chars()
    quarters = Counter(
        round(_CHAR_ANGLE(handle, index) / (math.pi / 2)) % 4
        for index in range(0, count, max(1, count // 64))
        if _UNICODE(handle, index) > 32
    )
    if not quarters:
        return 0
    quarter = quarters.most_common(1)[0][0]
    # PDFium measures the angle clockwise: three quarters is text running up the page
    return quarter if quarter in (1, 3) else 0


def _turned(glyph: GlyphBox, turn: int) -> GlyphBox:
    # a quarter turn back: text running down the page (turn 1) reads left to right
    text, x0, top, x1, bottom = glyph
    if turn == 1:
        return (text, top, -x1, bottom, -x0)
    return (text, -bottom, x0, -top, x1)


def _turn_rules(verticals: list[Rule], horizontals: list[Rule], turn: int) -> tuple[list[Rule], list[Rule]]:
    """The rules in the turned frame (see `_turned`): verticals become horizontals and back."""
    if turn == 1:  # (x, y) -> (y, -x)
        return ([Rule(h.at, -h.end, -h.start) for h in horizontals],
                [Rule(-v.at, v.start, v.end) for v in verticals])
    return ([Rule(-h.at, h.start, h.end) for h in horizontals],  # (x, y) -> (-y, x)
            [Rule(v.at, -v.end, -v.start) for v in verticals])


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=_FORM_DEPTH))


def _rules(page: pdfium.PdfPage, transform: Transform,
           blanks: list[tuple[float, float, float, float]]) -> tuple[list[Rule], list[Rule]]:
    """The page's ruling lines (vertical, horizontal), from its thin path objects and the
    straight segments of its other paths (the raw API: thousands of objects a page). Adds to
    `blanks` the text objects PDFium has no glyphs for (an empty box at their origin)."""
    verticals: list[Rule] = []
    horizontals: list[Rule] = []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    empty: list[object] = []
    for handle, nested in _paths(page.raw, empty):
        if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
            continue
        if right.value - left.value <= _THIN or top.value - bottom.value <= _THIN:
            _add_rule(transform(left.value, bottom.value), transform(right.value, top.value),
                      verticals, horizontals)
        elif not nested:  # a grid drawn as one path (inside forms the matrices would compound)
            for start, end in _segments(handle):
                _add_rule(transform(*start), transform(*end), verticals, horizontals)
    for handle in empty:
        x, y = transform(*_origin(handle))
        blanks.append((x, y, x, y))
    return merge_rules(verticals), merge_rules(horizontals)


# the page's objects walked through prototypes without argument types (see _LOOSE_BOX): hundreds
# a page, most of them text; only the paths and forms are made typed handles
class _Handle(ctypes.c_void_p):  # returned as itself, not as an int: passed on unconverted
    pass


_GET_OBJECT = ctypes.CFUNCTYPE(_Handle)(ctypes.cast(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p).value)
_KIND_OF = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(pdfium_c.FPDFPageObj_GetType, ctypes.c_void_p).value)
_BOUNDS = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_void_p).value)
_FONT_OF = ctypes.CFUNCTYPE(ctypes.c_void_p)(ctypes.cast(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p).value)


def _origin(handle: object) -> tuple[float, float]:
    """Where a text object starts: its matrix's translation, in page space."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, matrix)
    return matrix.e, matrix.f


def _paths(page: object, empty: list[object]) -> Iterator[tuple[object, bool]]:
    """The page's path objects, those inside form XObjects too: (handle, nested). Adds to
    `empty` the text objects of the page itself with a box of no size (no glyphs drawn)."""
    path, form, text = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_TEXT
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    values = memoryview(bounds).cast("B").cast("f")
    into = [ctypes.byref(bounds, 4 * i) for i in range(4)]
    fonts: dict[int | None, bool] = {}  # by font: whether embedded
    kind_of = pdfium_c.FPDFPageObj_GetType
    address = ctypes.cast(page, ctypes.c_void_p)
    forms: list[tuple[object, int]] = []
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):  # most are text: one call each
        found = _GET_OBJECT(address, index)
        kind = _KIND_OF(found)
        if kind == text:  # its font looked up first (a getter): only a font not embedded may draw nothing
            font = _FONT_OF(found)
            embedded = fonts.get(font)
            if embedded is None:
                embedded = fonts[font] = not font or pdfium_c.FPDFFont_GetIsEmbedded(
                    ctypes.cast(font, pdfium_c.FPDF_FONT)) != 0
            if not embedded and _BOUNDS(found, *into) and values[0] == values[2] and values[1] == values[3]:
                empty.append(ctypes.cast(found, pdfium_c.FPDF_PAGEOBJECT))
        elif kind == path:
            yield ctypes.cast(found, pdfium_c.FPDF_PAGEOBJECT), False
        elif kind == form:
            forms.append((ctypes.cast(found, pdfium_c.FPDF_PAGEOBJECT), 1))
    while forms:
        handle, depth = forms.pop()
        for index in range(pdfium_c.FPDFFormObj_CountObjects(handle)):
            inner = pdfium_c.FPDFFormObj_GetObject(handle, index)
            kind = kind_of(inner)
            if kind == path:
                yield inner, True
            elif kind == form and depth < _FORM_DEPTH:
                forms.append((inner, depth + 1))


def _add_rule(a: tuple[float, float], b: tuple[float, float], verticals: list[Rule],
              horizontals: list[Rule]) -> None:
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    if x1 - x0 <= _THIN and y1 - y0 >= _MIN_RULE:
        verticals.append(Rule((x0 + x1) / 2, y0, y1))
    elif y1 - y0 <= _THIN and x1 - x0 >= _MIN_RULE:
        horizontals.append(Rule((y0 + y1) / 2, x0, x1))


def _segments(handle: object) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path, in page space (a grid drawn as one path)."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, matrix):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    previous: tuple[float, float] | None = None
    first: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                 matrix.b * x.value + matrix.d * y.value + matrix.f)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            first = point
        elif previous is not None:
            yield previous, point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and first is not None:
            yield point, first
        previous = point
