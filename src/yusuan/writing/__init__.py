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
        elif not table.note and not any(row.values for row in table.rows):
            table = copy.copy(table)
            table.note = empty_note(disclosure, spec)  # the writer explains every empty table
        out.tables[spec.id] = table
    return out


def missing(disclosure: Disclosure, workbook: bool) -> list[str]:
    """What the input leaves out that a disclosure cannot do without, in the user's words."""
    # the 概况 sheet lists its fields from row 2 in workbook.OVERVIEW_FIELDS' order
    where = {"unit": "工作表“概况”单元格 B2", "year": "工作表“概况”单元格 B3", "kind": "工作表“概况”单元格 B4",
             "T1": "工作表“表1 收支总体情况表”"} if workbook else \
        {"unit": "unit", "year": "year", "kind": "kind", "T1": "tables.T1"}
    out = []
    for field, label in (("unit", "单位名称"), ("year", "预算年度"), ("kind", "预算类型（单位预算或部门预算）")):
        if not getattr(disclosure, field):
            out.append(f"{where[field]}：{label}未填写")
    t1 = disclosure.tables.get("T1")
    if t1 is None or not any(row.values for row in t1.rows):
        out.append(f"{where['T1']}：收支总体情况表没有任何数字")
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
    title = f"{disclosure.unit or ''}{disclosure.year or ''}年预算"
    if suffix == ".html":
        from .html import to_html

        out.write_text(to_html(blocks, title), encoding="utf-8")
    else:
        from .pdf import to_pdf

        to_pdf(blocks, title, out)
