"""The PDF reader on real published PDFs (tests/data/real, provenance in its SOURCES.md).

The expected cells were read off the rendered pages by eye: which column each figure stands in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from yusuan.readers import read
from yusuan.readers.base import Extracted, TextLine
from yusuan.text import AMOUNT

REAL = Path(__file__).resolve().parent / "data" / "real"


@cache
def extracted(name: str) -> Extracted:
    return read(REAL / name)


def line_with(lines: list[TextLine], *words: str, page: int | None = None) -> TextLine:
    for line in lines:
        texts = [word.text for word in line.words]
        if all(word in texts for word in words) and (page is None or line.source.page == page):
            return line
    raise AssertionError(f"no line with {words}")


def cell(line: TextLine, text: str) -> int:
    found = next(word.cell for word in line.words if word.text == text)
    assert found is not None, text
    return found


def test_shenzhen_ledger_cells() -> None:
    """深圳 表6 财政拨款收支总表 (iText, rules inside a form XObject): income 项目 | 2026年预算数 |
    expense 项目 | 2026年预算数; 行政运行 5,466.52 stands in the expense pair only."""
    lines = extracted("2026-shenzhen-audit-bureau-dept-budget.pdf").lines
    first = line_with(lines, "财政拨款", "10,737.69", "一、一般公共服务支出", "6,960.90")
    income = cell(first, "财政拨款")
    assert [cell(first, t) - income for t in ("10,737.69", "一、一般公共服务支出", "6,960.90")] == [1, 2, 3]
    page = first.source.page
    assert page == 27
    running = line_with(lines, "行政运行", "5,466.52", page=page)
    assert [cell(running, "行政运行") - income, cell(running, "5,466.52") - income] == [2, 3]
    assert first.words[1].source.bbox is not None and first.words[1].source.page == 27


def test_changsha_partial_codes_keep_their_columns() -> None:
    """长沙 2026年部门收入总体情况表: 类 | 款 | 项 | 功能科目 | 合计 | 金额 | 其中:经费拨款 | …; the 款
    row prints only 03, in the 款 column; 合计 stands in the 功能科目 column."""
    lines = extracted("2026-changsha-vocational-education-base-office-dept-budget.pdf").lines
    item = line_with(lines, "205", "03", "99", "其他职业教育支出")
    first = cell(item, "205")
    assert [cell(item, t) - first for t in ("03", "99", "其他职业教育支出")] == [1, 2, 3]
    assert [word.cell - first for word in item.words if word.text == "656.73"] == [4, 5, 6]  # type: ignore[operator]
    page = item.source.page
    part = line_with(lines, "03", "职业教育", page=page)
    assert cell(part, "03") - first == 1
    total = line_with(lines, "合计", "656.73", page=page)
    assert cell(total, "合计") - first == 3


def test_table_amounts_carry_cells() -> None:
    """Nearly every amount printed inside a ruled table knows its column, in all three
    producers' files (the rest stand in notes and text)."""
    for name in ("2026-shenzhen-audit-bureau-dept-budget.pdf",
                 "2026-changsha-vocational-education-base-office-dept-budget.pdf",
                 "2026-shanghai-audit-bureau-unit-budget.pdf"):
        document = extracted(name)
        amounts = [word for line in document.lines for word in line.words
                   if AMOUNT.match(word.text) and ("." in word.text or "," in word.text)]
        celled = [word for word in amounts if word.cell is not None]
        assert len(celled) >= 0.9 * len(amounts), name
        assert len(celled) > 100, name
