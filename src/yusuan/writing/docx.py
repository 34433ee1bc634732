"""The disclosure as a Word document (python-docx): wide tables on landscape sections, header rows
repeated on every page a table spans, merged multi-level headers."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .blocks import Block, Figure, Grid, Heading, PageBreak, Paragraph
from .charts import render

_FONT = "Noto Sans CJK SC"
_PORTRAIT, _LANDSCAPE = 180.0, 267.0  # text width in mm (A4 less the margins set below)


def _font(run_or_style, size: float | None = None, bold: bool | None = None) -> None:  # type: ignore[no-untyped-def]
    font = run_or_style.font
    font.name = _FONT
    run_or_style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def _orient(document: Document, landscape: bool) -> bool:  # type: ignore[valid-type]
    """Start a new section when the orientation changes (wide tables go on landscape pages)."""
    section = document.sections[-1]
    if (section.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return False
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin = section.right_margin = Mm(15)
    return True


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _cell_style(document: Document, size: float, bold: bool):  # type: ignore[no-untyped-def,valid-type]
    """A paragraph style per table font size (and one bold, for headers): a cell's text then carries
    no formatting of its own, which keeps large tables quick to write and the file small."""
    name = f"yusuan {'header' if bold else 'cell'} {size:g}"
    try:
        return document.styles[name]  # type: ignore[attr-defined]
    except KeyError:
        pass
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.base_style = document.styles["Normal"]  # type: ignore[attr-defined]  (the CJK font)
    style.font.size, style.font.bold = Pt(size), bold
    style.paragraph_format.space_after = Pt(0)
    return style


def _text(cell, text: str, style, right: bool = False) -> None:  # type: ignore[no-untyped-def]
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style.style_id  # by id: python-docx's setter looks the default style up each time
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else (
        WD_ALIGN_PARAGRAPH.CENTER if style.font.bold else WD_ALIGN_PARAGRAPH.LEFT)
    paragraph.add_run(text)


def _grid(document: Document, grid: Grid) -> None:  # type: ignore[valid-type]
    new_page = not _orient(document, grid.landscape)  # else a new section has begun a page
    width = _LANDSCAPE if grid.landscape else _PORTRAIT
    size = 9.0 if grid.wrap else grid.font_size(width, 9.0)
    if grid.number:
        number = document.add_paragraph()
        number.paragraph_format.page_break_before = new_page  # never an empty page, unlike a break
        new_page = False
        _font(number.add_run(grid.number), 10)
    title = document.add_paragraph()
    title.paragraph_format.page_break_before = new_page
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(grid.title), 14, True)
    furniture = document.add_paragraph()
    _font(furniture.add_run(f"{grid.preparer}    {grid.money_unit}".rstrip()), 9)
    columns = len(grid.widths)
    table = document.add_table(rows=len(grid.header) + len(grid.body), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_style, body_style = _cell_style(document, size, True), _cell_style(document, size, False)
    # the header's cells taken once, before merging: a merge leaves the cells outside its range as
    # they are, and ranges never overlap (python-docx would otherwise rebuild the grid per cell)
    grid_cells = table._cells[: len(grid.header) * columns]
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(grid.header):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            target = grid_cells[r * columns + c]
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(grid_cells[(r + cell.rowspan - 1) * columns + c + cell.colspan - 1])
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    taken.add((rr, cc))
            _text(target, cell.text, header_style)
            c += cell.colspan
        _repeat_header(table.rows[r])
    total = sum(grid.widths) or 1
    widths = [Mm(width * w / total) for w in grid.widths]
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")  # narrow cell margins: Word's default would wrap the codes
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "28")  # twentieths of a point: 0.5 mm
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    for c, column in enumerate(table.columns):
        column.width = widths[c]  # the table grid: what LibreOffice lays out by
    for r, cells in enumerate(grid.body, start=len(grid.header)):
        row = table.rows[r].cells  # once per row: python-docx computes a row's cells each time asked
        spans = grid.spans.get(r - len(grid.header))
        if spans:  # a row of wide cells (the head of a performance-target table)
            at = 0
            for text, span in zip(cells, spans, strict=True):
                cell = row[at].merge(row[at + span - 1]) if span > 1 else row[at]
                _text(cell, text, body_style)
                at += span
            continue
        for c, text in enumerate(cells):
            row[c].width = widths[c]
            if not grid.wrap:
                row[c]._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))  # one line per cell, as in the PDF
            if text:
                _text(row[c], text, body_style, right=grid.numeric[c])
    if grid.note:
        _font(document.add_paragraph().add_run(grid.note), 9)


def to_docx(blocks: list[Block], out: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    _font(document.styles["Normal"], 10.5)
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            _orient(document, False)
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.level < 2 else WD_ALIGN_PARAGRAPH.LEFT
            _font(paragraph.add_run(block.text), (22, 16, 12)[min(block.level, 2)], True)
        elif isinstance(block, Paragraph):
            _orient(document, False)
            paragraph = document.add_paragraph()
            if block.style == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                paragraph.paragraph_format.first_line_indent = Pt(21)
            _font(paragraph.add_run(block.text), 9 if block.style == "note" else None)
        elif isinstance(block, PageBreak):
            if not (index + 1 < len(blocks) and isinstance(blocks[index + 1], Grid)):  # a table starts its own page
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Figure):
            _orient(document, False)
            document.add_picture(io.BytesIO(render(block, "png")), width=Mm(150))
            caption = document.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(caption.add_run(block.caption), 9)
        else:
            _grid(document, block)
    document.save(str(out))
