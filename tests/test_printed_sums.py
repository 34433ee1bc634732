"""Columns the template lacks but provinces print, counted into the row sums they belong to
(template PrintedSum): 基本支出 split into 人员经费 and 公用经费 (T3, T5), and the national
template's 事业单位经营支出, 上缴上级支出 and 对附属单位补助支出 beside 基本支出 and 项目支出 (T3).

Every expected figure was read off the rendered page by hand, never copied from the parser.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Disclosure, Row, Table
from yusuan.rules import check

from .mutate import set_amount as _set

D = Decimal
Reader = Callable[..., Disclosure]
HANGZHOU = "2026-hangzhou-meteorological-bureau-dept-budget.pdf"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"


def _code(table: Table, code: str) -> Row:
    return next(row for row in table.rows if row.code == code)


def test_the_split_of_basic_spending_is_read_and_holds(real_pdf: Reader) -> None:
    """杭州 表5 (p.19): 合计 5,753.07 = 基本支出 3,745.07 (人员经费 2,906.80 + 日常公用支出 838.27)
    + 项目支出 2,008.00; 行政运行 2,617.19 = 1,907.01 + 710.18. The split is checked, and holds."""
    document = real_pdf(HANGZHOU)
    t5 = document.tables["T5"]
    total = t5.total()
    assert total is not None
    assert total.value("基本支出/人员经费") == D("2906.80")
    assert total.value("基本支出/日常公用支出") == D("838.27")
    running = _code(t5, "2200501")
    assert (running.value("基本支出"), running.value("基本支出/人员经费"),
            running.value("基本支出/日常公用支出")) == (D("2617.19"), D("1907.01"), D("710.18"))
    assert not [f for f in check(document) if f.rule.startswith("T5.")]
    assert any("日常公用支出" in p.message and "计入“基本支出”的核对" in p.message for p in document.problems)


def test_a_wrong_personnel_figure_is_found_in_its_row_and_its_parent(real_pdf: Reader) -> None:
    """The same 表5 with 行政运行's 人员经费 printed 1,970.01 instead of 1,907.01: the row no
    longer adds up to its 基本支出 2,617.19, nor 气象事务 (3,267.87 … 2,430.50) to its items."""
    document = copy.deepcopy(real_pdf(HANGZHOU))
    t5 = document.tables["T5"]
    _set(_code(t5, "2200501"), "基本支出/人员经费", "1970.01")
    found = {(f.rule, f.stated, f.expected) for f in check(document) if f.rule.startswith("T5.")}
    assert ("T5.row-total", D("2617.19"), D("2680.19")) in found
    assert ("T5.subtotal", D("2430.50"), D("2493.50")) in found


def test_business_spending_counts_into_the_total(real_pdf: Reader) -> None:
    """广州 本年支出总体情况表 (p.13) prints 事业单位经营支出, 对附属单位补助支出 and 上缴上级支出
    beside 基本支出 and 项目支出, all 0.00: 派驻派出机构 10.00 = 0.00 + 10.00. Where a unit spends
    5.00 on 事业单位经营支出 and prints 合计 15.00, the row holds; where 合计 stays 10.00, it
    does not."""
    document = copy.deepcopy(real_pdf(GUANGZHOU))
    t3 = document.tables["T3"]
    row = _code(t3, "2011105")
    assert (row.value("合计"), row.value("项目支出"), row.value("事业单位经营支出")) == (D("10.00"), D("10.00"), 0)
    assert not [f for f in check(document) if f.rule.startswith("T3.")]
    _set(row, "事业单位经营支出", "5.00")
    assert ("T3.row-total", D("10.00"), D("15.00")) in {(f.rule, f.stated, f.expected) for f in check(document)}
    _set(row, "合计", "15.00")
    assert not [f for f in check(document) if f.rule == "T3.row-total"]


def test_basic_spending_split_agrees_with_the_basic_spending_table(real_pdf: Reader) -> None:
    """杭州 表6 (p.20) prints 人员经费 2,906.80 and 公用经费 838.27, as 表5 splits its 基本支出.
    With 表6's 人员经费 printed 2,960.80, the two tables disagree; where 表5 prints no split
    (长沙), nothing is compared."""
    assert not [f for f in check(real_pdf(HANGZHOU)) if f.rule.startswith("T6-T5.")]
    document = copy.deepcopy(real_pdf(HANGZHOU))
    total = document.tables["T6"].total()
    assert total is not None and total.value("人员经费") == D("2906.80")
    _set(total, "人员经费", "2960.80")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T6-T5.人员经费", D("2960.80"), D("2906.80")) in found
    assert not [f for f in found if f[0] == "T6-T5.公用经费"]
    changsha = real_pdf("2026-changsha-vocational-education-base-office-dept-budget.pdf")
    assert "基本支出/人员经费" not in {label for row in changsha.tables["T5"].rows for label in row.values}
    assert not [f for f in check(changsha) if f.rule.startswith("T6-T5.")]
