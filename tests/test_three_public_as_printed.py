"""三公 tables (T10) as the provinces print them, read under their printed header and checked
where their lines add up: items split by fund under cells spanning the header's rows, one figure
per line under a single 预算数, figures right-aligned in cells wider than their words.

Every expected figure was read off the rendered page by hand, never copied from the parser's
output.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Amount, Disclosure, Table
from yusuan.rules import check

from .test_real_layouts import SHANGHAI

D = Decimal
Reader = Callable[..., Disclosure]
SHENZHEN = "2026-shenzhen-audit-bureau-dept-budget.pdf"
QUANZHOU = "2026-quanzhou-government-office-dept-budget.pdf"
SHANGHAI_B = "2026-shanghai-diamond-gem-exchange-office-unit-budget.pdf"
LINES = ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费")


def _column(table: Table, label: str) -> tuple[Decimal | None, ...]:
    rows = {row.name: row for row in table.rows}
    return tuple(rows[line].values[label].value if label in rows[line].values else None for line in LINES)


def test_items_split_by_fund_beside_a_nested_group(real_pdf: Reader) -> None:
    """深圳 表9 (p.34): 总计 | 因公出国(境)费 | 公务接待费 each span the header's first two rows beside
    公务用车购置及运行维护费 (小计 | 公务用车购置费 | 公务用车运行维护费); each splits into 一般公共预算 |
    政府性基金预算 | 国有资本经营预算; rows 2025年 | 2026年 | 增减变化金额. 2026年, 一般公共预算: 35.10,
    28.00, 3.50, 3.60, 0.00, 3.60; the other funds 0.00 throughout."""
    t10 = real_pdf(SHENZHEN).tables["T10"]
    assert t10.columns_known
    assert _column(t10, "一般公共预算") == (D("35.10"), D("28.00"), D("3.50"), D("3.60"), D("0.00"), D("3.60"))
    assert _column(t10, "政府性基金") == (D("0.00"),) * 6
    assert _column(t10, "国有资本经营预算") == (D("0.00"),) * 6
    assert not [f for f in check(real_pdf(SHENZHEN)) if f.rule.startswith("T10")]


def test_one_figure_per_line(real_pdf: Reader) -> None:
    """泉州 十、一般公共预算“三公”经费支出预算表 (p.22): 项目 | 预算数. 合计 312.75, 因公出国（境）
    费用 0.00, 公务接待费 18.85, 公务用车购置及运行费 293.90, 其中 公务用车购置费 261.90, 公务用车
    运行费 32.00: each the line's total, and the lines add up."""
    t10 = real_pdf(QUANZHOU).tables["T10"]
    assert t10.columns_known
    assert _column(t10, "合计") == (D("312.75"), D("0.00"), D("18.85"), D("293.90"), D("261.90"), D("32.00"))
    assert not [f for f in check(real_pdf(QUANZHOU)) if f.rule.startswith("T10")]


def test_a_wrong_line_in_a_one_figure_table_is_found(real_pdf: Reader) -> None:
    """The same table with 公务接待费 printed 18.95: 合计 312.75 is no longer its lines' sum."""
    document = copy.deepcopy(real_pdf(QUANZHOU))
    row = next(row for row in document.tables["T10"].rows if row.name == "公务接待费")
    old = row.values["合计"]
    row.values["合计"] = Amount(D("18.95"), "18.95", old.source)
    found = {(f.rule, f.column, f.stated, f.expected) for f in check(document)}
    assert ("T10.subtotal", "合计", D("312.75"), D("312.85")) in found


def test_figures_right_aligned_in_wide_cells(real_pdf: Reader) -> None:
    """上海 单位预算11表 (p.18): “三公”经费预算数 over 合计 | 因公出国(境)费 | 公务接待费 | 公务用车
    购置及运行费 (小计 | 购置费 | 运行费), then 机关运行经费预算数. 18.10, 12.60, 2.00, 3.50, blank,
    3.50, 396.84, each at the right edge of its cell, nearer the next cell's words than its own.
    The 三公 lines are read and add up; 机关运行经费 is none of them."""
    document = real_pdf(SHANGHAI_B)
    t10 = document.tables["T10"]
    assert t10.columns_known
    assert _column(t10, "合计") == (D("18.10"), D("12.60"), D("2.00"), D("3.50"), None, D("3.50"))
    assert not [f for f in check(document) if f.rule.startswith("T10")]
    # the other form of the same variant still reads as before
    assert real_pdf(SHANGHAI).tables["T10"].columns_known
