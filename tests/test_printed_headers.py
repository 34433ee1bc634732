"""Tables whose header is not the template's, read as printed and held to the sums their own
header states (合计 = the cells beside it; a group printed without 小计 counts as its cells).

Every expected figure was read off the printed page by hand (pdftotext -layout of the page named,
and the rendered page for which column a figure stands in), never copied from the parser's output.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Amount, Disclosure, Row, Table
from yusuan.rules import check

from .test_real_layouts import BEIJING_SASAC, HANGZHOU, XIAN

D = Decimal
Reader = Callable[..., Disclosure]
SHENZHEN = "2026-shenzhen-audit-bureau-dept-budget.pdf"


def _row(table: Table, name: str) -> Row:
    return next(row for row in table.rows if row.name == name)


def _values(row: Row) -> dict[str, Decimal]:
    return {label: amount.value for label, amount in row.values.items()}


def _set(row: Row, label: str, value: str) -> None:
    old = row.values[label]
    row.values[label] = Amount(D(value), value, old.source)


def test_hangzhou_spending_total_read_as_printed(real_pdf: Reader) -> None:
    """杭州 表3 (p.17): 总计 | 基本支出 over 人员支出 and 日常公用支出 (no 小计) | 项目支出 | 事业单位经营支出
    | 上缴上级支出 | 对附属单位补助支出. Each figure under its own cell, none dropped; 总计 is the sum of
    the other six, and each 类 the sum of its 款."""
    t3 = real_pdf(HANGZHOU).tables["T3"]
    assert not t3.columns_known  # the template's 基本支出 is not printed: its identities cannot be told
    assert _values(t3.rows[0]) == {"合计": D("5876.67"), "基本支出/人员支出": D("2906.80"),
                                   "基本支出/日常公用支出": D("838.27"), "项目支出": D("2131.61")}
    assert _values(_row(t3, "行政运行")) == {"合计": D("2617.19"), "基本支出/人员支出": D("1907.01"),
                                         "基本支出/日常公用支出": D("710.18")}
    assert _values(_row(t3, "气象服务")) == {"合计": D("2103.61"), "项目支出": D("2103.61")}
    assert t3.header_sums is not None
    assert sorted(t3.header_sums["合计"]) == sorted(["基本支出/人员支出", "基本支出/日常公用支出", "项目支出",
                                                   "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"])
    assert not [f for f in check(real_pdf(HANGZHOU)) if f.table == "T3"]


def test_a_wrong_figure_in_a_table_read_as_printed_is_found(real_pdf: Reader) -> None:
    """The same 表3 with 行政运行's 人员支出 ten cents off (beyond the rounding of two decimals): its
    row no longer adds up, nor does 气象事务 above it."""
    document = copy.deepcopy(real_pdf(HANGZHOU))
    _set(_row(document.tables["T3"], "行政运行"), "基本支出/人员支出", "1907.11")
    found = {(f.rule, f.code, f.column, f.stated, f.expected) for f in check(document) if f.table == "T3"}
    assert ("T3.row-total", "2200501", "合计", D("2617.19"), D("2617.29")) in found
    assert ("T3.subtotal", "22005", "基本支出/人员支出", D("2430.50"), D("2430.60")) in found


def test_department_line_over_its_units(real_pdf: Reader) -> None:
    """杭州 表2 (p.16) prints 合计, then the department (杭州市气象局 5,876.67), then its two units
    (5,011.05 and 865.62); 西安 表2 (p.23) prints 117 西安市审计局 over its one unit 117001. The units
    add up into the department's line, not again into the total."""
    for name in (HANGZHOU, XIAN):
        assert real_pdf(name).tables["T2"].header_sums is not None, name  # read as printed, checked
        assert not [f for f in check(real_pdf(name)) if f.table == "T2"], name
    units = [row for row in real_pdf(HANGZHOU).tables["T2"].rows if row.kind == "unit"]
    assert [row.value("总计") for row in units] == [D("5876.67"), D("5011.05"), D("865.62")]


def test_total_printed_without_its_label(real_pdf: Reader) -> None:
    """北京 预算02表 (p.3): 合计 is a header cell; the one line of figures under it is the total.
    495,500.000000 stands under 国有资本经营预算资金, 0.500000 under 其他收入, 408.118448 under
    上年结转结余's 小计."""
    t2 = real_pdf(BEIJING_SASAC).tables["T2"]
    total = t2.total()
    assert total is not None
    assert _values(total) == {
        "总计": D("515665.274501"), "财政拨款小计": D("515257.156053"), "一般公共预算": D("19756.656053"),
        "国有资本经营预算": D("495500.000000"), "本年收入/其他收入": D("0.500000"),
        "上年结转结余/小计": D("408.118448"), "上年结转结余/一般公共预算资金": D("71.918762"),
        "上年结转结余/国有资本经营预算资金": D("336.199686")}
    assert not [f for f in check(real_pdf(BEIJING_SASAC)) if f.table == "T2"]


def test_header_rows_in_words_no_template_uses(real_pdf: Reader) -> None:
    """深圳 表3 (p.21–23) adds 2026年政府采购项目 over 小计 and two 其中 cells wrapped over five
    lines. They are header cells on every page, never part of a row's name."""
    t3 = real_pdf(SHENZHEN).tables["T3"]
    running = next(row for row in t3.rows if row.code == "2010801")
    assert running.name == "行政运行"
    assert running.value("2026年政府采购项目/小计") == D("302.76")
    assert all(row.name is None or "政府采购" not in row.name for row in t3.rows)
    assert not [f for f in check(real_pdf(SHENZHEN)) if f.rule == "K.consistent"]


SUZHOU = "2026-suzhou-emergency-management-bureau-dept-budget.pdf"


def test_group_line_in_words_of_the_income_table(real_pdf: Reader) -> None:
    """苏州 公开02表 收入总表 (p.11): 部门代码 | 部门名称 | 合计 | 本年收入 (小计 | 一般公共预算 | … |
    其他收入) | 上年结转结余 (小计 | 一般公共预算 | … | 单位资金). 合计, 135 and 135001 each print
    7,062.80 under 合计, 本年收入's 小计 and its 一般公共预算, nothing else. The group line is read,
    so the two 小计 are told apart and the table is checked as printed."""
    document = real_pdf(SUZHOU)
    t2 = document.tables["T2"]
    assert t2.header_sums is not None and "上年结转结余/小计" in t2.header_sums["总计"]
    for row in t2.rows:
        assert _values(row) == {"总计": D("7062.80"), "财政拨款小计": D("7062.80"), "一般公共预算": D("7062.80")}
    assert not [f for f in check(document) if f.table == "T2"]
    changed = copy.deepcopy(document)
    _set(changed.tables["T2"].rows[-1], "一般公共预算", "7062.90")
    found = {(f.rule, f.column, f.stated, f.expected) for f in check(changed) if f.table == "T2"}
    assert ("T2.row-total", "财政拨款小计", D("7062.80"), D("7062.90")) in found
