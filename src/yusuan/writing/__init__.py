"""Writing a disclosure from data: the whole document (Word, PDF, HTML) and the workbook."""

from __future__ import annotations

import copy
from pathlib import Path

from ..errors import YusuanError
from ..model import Disclosure, Table
from ..template import TABLES
from .inputs import Inputs, inputs_of
from .notes import empty_note

FORMATS = (".docx", ".pdf", ".html", ".xlsx")


def complete(disclosure: Disclosure) -> Disclosure:
    """The disclosure as written: every table of the template, an absent one empty with its note."""
    out = copy.copy(disclosure)
    out.tables = {}
    for spec in TABLES:
        table = disclosure.tables.get(spec.id)
        if table is None or not table.present:
            table = Table(spec.id, present=True, note=empty_note(disclosure, spec), rows=table.rows if table else [])
        out.tables[spec.id] = table
    return out


def write(disclosure: Disclosure, out: Path, inputs: Inputs | None = None, charts: bool = True) -> None:
    """Write the disclosure to `out`; the format is its suffix (.docx, .pdf, .html, .xlsx)."""
    inputs = inputs if inputs is not None else inputs_of(disclosure)
    disclosure = complete(disclosure)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise YusuanError(f"不支持的输出格式“{out.suffix or '（无扩展名）'}”：请用 .docx、.pdf、.html 或 .xlsx",
                          file=out.name)
    if suffix == ".xlsx":
        from .workbook import write_workbook

        write_workbook(disclosure, inputs, out)
        return
    from .document import build

    blocks = build(disclosure, inputs, with_charts=charts)
    if suffix == ".docx":
        from .docx import to_docx

        to_docx(blocks, out)
        return
    from .html import to_html

    html = to_html(blocks, f"{disclosure.unit or ''}{disclosure.year or ''}年预算")
    if suffix == ".html":
        out.write_text(html, encoding="utf-8")
    else:
        from .pdf import html_to_pdf

        html_to_pdf(html, out)
