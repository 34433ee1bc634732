"""导出审核意见: the review sent back to the unit, as Word, Excel, or PDF (Word converted by
LibreOffice): who, what was checked, each confirmed finding with its place, the stated and the
expected figure and the reviewer's comment."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document as Word
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..rules import catalogue
from ..store.reviews import CONFIRMED
from ..template import TABLE_BY_ID

HEADERS = ("序号", "级别", "规则", "位置", "问题", "文件所列", "应为", "审核意见")
_WIDTHS = (1.3, 1.2, 2.4, 4.0, 7.7, 2.0, 2.0, 4.4)  # cm, within a landscape A4's 24.7


class ExportError(RuntimeError):
    pass


def place(finding: dict[str, Any]) -> str:
    """Where a finding is, as the unit will look for it."""
    parts = []
    if finding.get("table"):
        spec = TABLE_BY_ID.get(finding["table"])
        parts.append(f"{finding['table']}《{spec.title}》" if spec else finding["table"])
    elif finding.get("section"):
        parts.append(finding["section"])
    if finding.get("code"):
        parts.append(f"科目 {finding['code']}")
    if finding.get("column"):
        parts.append(f"“{finding['column']}”列")
    if finding.get("page") and any(f.get("format") == "pdf" for f in finding.get("_files", [])):
        parts.append(f"第 {finding['page']} 页")
    elif finding.get("line"):
        parts.append(f"第 {finding['line']} 行")
    return "，".join(parts)


def confirmed(document: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for finding in document.get("findings") or []:
        decision = finding.get("decision") or {}
        if decision.get("verdict") == CONFIRMED:
            out.append({**finding, "_files": document.get("files", []), "comment": decision.get("comment", "")})
    return out


def _checked(document: dict[str, Any]) -> str:
    disclosure = document.get("disclosure") or {}
    present = [table_id for table_id, table in (disclosure.get("tables") or {}).items() if table.get("present")]
    return (f"按 {len(catalogue())} 条审核规则核对了 {len(present)} 张预算公开表（{'、'.join(present) or '无'}）"
            f"的表内、表间关系，第三部分情况说明与表格的一致性，完整性、科目编码与名称、人员数和绩效目标。")


def _title(document: dict[str, Any]) -> str:
    unit = document.get("unit") or document["name"]
    year = f"{document['year']}年" if document.get("year") else ""
    return f"{unit}{year}{document.get('kind') or '预算公开文件'}"


def _rows(document: dict[str, Any]) -> list[list[str]]:
    return [[str(n), f["severity"], f["rule"], place(f), f["message"], f.get("stated") or "",
             f.get("expected") or "", f.get("comment") or ""] for n, f in enumerate(confirmed(document), start=1)]


def docx(documents: list[dict[str, Any]]) -> bytes:
    word = Word()
    section = word.sections[0]  # landscape: the findings table has eight columns
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = word.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    word.add_heading("预算公开审核意见", level=0)
    word.add_paragraph(f"出具日期：{date.today():%Y年%m月%d日}")
    for document in documents:
        word.add_heading(_title(document), level=1)
        word.add_paragraph(f"文件：{'、'.join(f['name'] for f in document.get('files', []))}")
        if document["status"] != "done":
            word.add_paragraph(f"未能审核：{document.get('error') or '尚未读取完成'}")
            continue
        word.add_paragraph(f"审核内容：{_checked(document)}")
        rows = _rows(document)
        pending = sum(1 for f in document.get("findings") or [] if not f.get("decision"))
        word.add_paragraph(f"经审核确认的问题 {len(rows)} 条" + (f"（另有 {pending} 条尚未审核）" if pending else "")
                           + ("，请逐条核实并更正后重新报送。" if rows else "。"))
        if rows:
            table = word.add_table(rows=1, cols=len(HEADERS))
            table.style = "Table Grid"
            table.autofit = False
            for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
                cell.text = header
            for row in rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
            for column, width in zip(table.columns, _WIDTHS, strict=True):
                column.width = Cm(width)  # the grid LibreOffice reads; Word reads the cells'
                for cell in column.cells:
                    cell.width = Cm(width)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def xlsx(documents: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "审核意见"
    sheet.append(["单位", "年度", "类型", "文件", *HEADERS[1:]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for document in documents:
        head = [document.get("unit") or "", document.get("year") or "", document.get("kind") or "", document["name"]]
        if document["status"] != "done":
            sheet.append([*head, "", "", "", f"未能审核：{document.get('error') or '尚未读取完成'}"])
        for row in _rows(document):
            sheet.append([*head, *row[1:]])
    for column, width in zip("ABCDEFGHIJK", (24, 6, 10, 24, 6, 12, 24, 50, 12, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf(documents: list[dict[str, Any]], timeout: float = 120) -> bytes:
    """The Word review converted by LibreOffice (installed by scripts/setup-system.sh)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ExportError("服务器未安装 LibreOffice，无法生成 PDF；请导出 Word 或 Excel")
    with tempfile.TemporaryDirectory(prefix="yusuan-export-") as folder:
        source = Path(folder) / "review.docx"
        source.write_bytes(docx(documents))
        profile = Path(folder) / "profile"  # a private profile: concurrent conversions do not collide
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", folder, str(source)], check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise ExportError(f"LibreOffice 转换 PDF 失败（{type(error).__name__}）") from error
        target = Path(folder) / "review.pdf"
        if not target.exists():
            raise ExportError("LibreOffice 没有生成 PDF")
        return target.read_bytes()
