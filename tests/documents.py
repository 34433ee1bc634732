"""The seeds in other formats, made as units make them: Word documents written with python-docx
and turned into PDF by LibreOffice (a real third-party producer), workbooks and web pages.

A seed line whose cells are tab-separated is a table row; consecutive rows make one table, in
Word as in Excel and HTML. Tables stand in a landscape section, as units print wide tables, and
long ones run over several pages.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.shared import Pt

Block = str | list[list[str]]  # a paragraph, or a table's rows of cells
_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$")


def blocks(seed: Path) -> Iterator[Block]:
    rows: list[list[str]] = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            yield rows
            rows = []
        yield line.replace("\f", "")
    if rows:
        yield rows


def _orient(section: object, landscape: bool) -> None:
    width, height = section.page_width, section.page_height  # type: ignore[attr-defined]
    if landscape != (width > height):
        section.page_width, section.page_height = height, width  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]


def write_docx(seed: Path, out: Path, split_rows: bool = False, repeat_header: bool = False) -> Path:
    """The seed as Word. `split_rows`: rows may break across pages (Word's default "允许跨页断行"),
    so that a wrapped cell's last lines land at the top of the next page; `repeat_header`: a
    table's header rows (those before its first amount) repeat at the top of every page."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    landscape = False
    touching = False  # two tables with nothing between are one table to Word: keep them apart
    for block in blocks(seed):
        if isinstance(block, str):
            if landscape and not block.strip():
                continue
            document.add_paragraph(block)
            touching = False
            continue
        if touching:
            document.add_paragraph("")
        touching = True
        if not landscape:  # tables go in a landscape section; the text before stays portrait
            _orient(document.add_section(WD_SECTION.NEW_PAGE), True)
            landscape = True
        width = max(len(row) for row in block)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        heading = True
        for cells in block:
            row = table.add_row()
            heading = heading and not any(_AMOUNT.match(text.strip()) for text in cells)
            if repeat_header and heading:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            if not split_rows:  # a row kept on one page (Word's "允许跨页断行" off)
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for index, text in enumerate(cells):
                row.cells[index].text = text.strip()
    document.save(str(out))
    return out


def to_pdf(source: Path, folder: Path) -> Path:
    """LibreOffice's PDF of a document, as a unit exporting from Word would make it."""
    return to_pdfs([source], folder)[0]


def to_pdfs(sources: list[Path], folder: Path) -> list[Path]:
    """Several documents in one LibreOffice run (its start-up is most of the time)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is needed: scripts/setup-system.sh installs it"
    subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=600)
    return [folder / (source.stem + ".pdf") for source in sources]


def to_doc(source: Path, folder: Path) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office
    subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    return folder / (source.stem + ".doc")


def write_html(seed: Path, out: Path) -> Path:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>预算公开</title></head><body>"]
    for block in blocks(seed):
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        parts.append("<table border='1'>")
        for cells in block:
            parts.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def write_xlsx(seed: Path, out: Path) -> Path:
    """One sheet per table, as units publish workbooks; the text between tables stands in the
    sheets as single-cell rows. Amounts are stored as numbers with a two-decimal format."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "说明"
    count = 0
    for block in blocks(seed):
        if isinstance(block, str):
            if block.strip():
                sheet.append([block])
            continue
        count += 1
        for cells in block:
            sheet.append([_cell(text) for text in cells])
            for item in sheet[sheet.max_row]:
                if isinstance(item.value, float):
                    item.number_format = "#,##0.00"
        sheet = workbook.create_sheet(f"表{count}续")
    workbook.save(str(out))
    return out


def _cell(text: str) -> str | float:
    stripped = text.strip().replace(",", "")
    if "." in stripped:
        try:
            return float(stripped)
        except ValueError:
            pass
    return text.strip()
