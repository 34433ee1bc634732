"""Ledgers (收支总表, 财政拨款收支总表) printed with one 预算数 column per side, no split by fund:
each side's figure is its total, checked by every identity that needs no column the table does
not print.

Every expected figure was read off the printed page by hand (the rendered page, and pdftotext
-layout of the page named), never copied from the parser's output.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Disclosure
from yusuan.rules import check

from .mutate import set_amount as _set
from .mutate import side_row as _row
from .test_real_layouts import BEIJING_SASAC

D = Decimal
Reader = Callable[..., Disclosure]
HUZHOU = "2026-huzhou-finance-bureau-dept-budget.pdf"
CHONGQING = "2026-chongqing-government-general-office-dept-budget.pdf"


def test_one_figure_per_side_is_read_as_the_total(real_pdf: Reader) -> None:
    """湖州 表04 (p.22): 项目 | 预算数 on each side. 一、财政拨款 6838.41, 一般公共预算 6838.41; the
    类 一般公共服务支出 5356.01, 社会保障和就业支出 796.52, 卫生健康支出 265.81, 住房保障支出 420.07;
    收入总计 = 支出总计 = 6838.41. The table is checked, and holds."""
    t4 = real_pdf(HUZHOU).tables["T4"]
    assert t4.readable
    classes = {row.code: row.values["合计"].value for row in t4.rows if row.kind == "class"}
    assert classes == {"201": D("5356.01"), "208": D("796.52"), "210": D("265.81"), "221": D("420.07")}
    assert _row(t4, "财政拨款（补助）/一般公共预算", "income").value("合计") == D("6838.41")
    for side in ("income", "expense"):
        total = t4.total(side)
        assert total is not None and {label: a.value for label, a in total.values.items()} == {"合计": D("6838.41")}
    assert not [f for f in check(real_pdf(HUZHOU)) if "T4" in f.rule]


def test_a_wrong_figure_in_a_one_column_ledger_is_found(real_pdf: Reader) -> None:
    """The same 表04 with 卫生健康支出 printed 265.91: the income side is all 一般公共预算, so the
    one figure stands for that column, and 表05 (p.23, 卫生健康支出 265.81) no longer agrees; with
    支出总计 6838.51, the two sides no longer balance and 表05's 合计 6838.41 no longer agrees."""
    document = copy.deepcopy(real_pdf(HUZHOU))
    t4 = document.tables["T4"]
    _set(next(row for row in t4.rows if row.code == "210"), "合计", "265.91")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4-T5.class", D("265.91"), D("265.81")) in found
    expense = t4.total("expense")
    assert expense is not None
    _set(expense, "合计", "6838.51")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4.balance", D("6838.51"), D("6838.41")) in found
    assert ("T5-T4.total", D("6838.41"), D("6838.51")) in found


def test_one_figure_for_two_funds_is_not_compared_with_one(real_pdf: Reader) -> None:
    """北京 国资委 预算04表 (p.6): 一、一般公共预算资金 19,756.656053 and 三、国有资本经营预算资金
    495,500.000000 on one 预算数 column; the expense 类 二十一、国有资本经营预算支出 495,836.199686.
    Its 支出总计 is no 一般公共预算 total: 预算05表 is not held to it."""
    document = real_pdf(BEIJING_SASAC)
    t4 = document.tables["T4"]
    assert t4.readable
    assert _row(t4, "财政拨款（补助）/国有资本经营预算", "income").value("合计") == D("495500.000000")
    assert next(row for row in t4.rows if row.code == "223").value("合计") == D("495836.199686")
    assert not [f for f in check(document) if f.rule in ("T5-T4.total", "T4-T5.class")]


def test_carryover_folded_into_the_fund_lines_is_not_compared_line_by_line(real_pdf: Reader) -> None:
    """重庆 表一 (p.9) prints no 上年结转 line: its 一般公共预算资金 18,417.70 holds the carried-over
    money too. 表四 (p.14) prints （一）一般公共预算资金 17,552.65 and 二、上年结转 865.06 apart. The
    two lines are not the same thing and are not compared; the sides of 表四 still balance."""
    document = real_pdf(CHONGQING)
    t1, t4 = document.tables["T1"], document.tables["T4"]
    assert _row(t1, "本年收入/一般公共预算拨款", "income").value("预算数") == D("18417.70")
    assert _row(t4, "财政拨款（补助）/一般公共预算", "income").value("合计") == D("17552.65")
    assert _row(t4, "上年结转", "income").value("合计") == D("865.06")
    assert not [f for f in check(document) if f.rule.startswith("T4")]


CHANGSHA = "2026-changsha-vocational-education-base-office-dept-budget.pdf"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"


def test_ledger_header_with_amount_words_is_read(real_pdf: Reader) -> None:
    """长沙 2026年财政拨款收支总体情况表 (p.15): 收入 项目 | 金 额, 支出 项目 | 合计 | 一般公共预算 |
    政府性基金预算 | 国有资本经营预算; 一、本年收入 656.73; 4、教育支出 656.73 | 656.73. Its header is
    the template's, not two rows named 项目金额; its continuation page repeats it."""
    t4 = real_pdf(CHANGSHA).tables["T4"]
    assert t4.readable
    assert not [row for row in t4.rows if row.name and "项目" in row.name]
    education = next(row for row in t4.rows if row.code == "205")
    figures = {label: a.value for label, a in education.values.items()}
    assert figures == {"合计": D("656.73"), "一般公共预算": D("656.73")}
    assert not [f for f in check(real_pdf(CHANGSHA)) if "T4" in f.rule]


def test_one_figure_per_row_under_a_header_naming_none_of_the_templates(real_pdf: Reader) -> None:
    """广州 表6 (p.20–21): 部门预算支出经济科目 | 预算, the header repeated on p.21. 合计 58,118.59;
    [301] 47,877.84, [302] 5,870.90, [303] 4,264.46, [310] 105.39; [30217]公务接待费 21.03 ends p.20,
    [30218]专用材料费 21.63 starts p.21. Each figure is its row's total; the repeated header is no
    part of a row's name."""
    t6 = real_pdf(GUANGZHOU).tables["T6"]
    assert t6.readable
    classes = {row.code: row.values["合计"].value for row in t6.rows if row.kind == "class"}
    assert classes == {"301": D("47877.84"), "302": D("5870.90"), "303": D("4264.46"), "310": D("105.39")}
    names = {row.code: row.name for row in t6.rows}
    assert (names["30217"], names["30218"]) == ("公务接待费", "专用材料费")
    total = t6.total()
    assert total is not None and total.value("合计") == D("58118.59")
    assert not [f for f in check(real_pdf(GUANGZHOU)) if "T6" in f.rule or f.table == "T6"]


def test_a_wrong_class_in_a_one_figure_table_is_found(real_pdf: Reader) -> None:
    """The same 表6 with [302] printed 5,880.90: its items (printed, 5,870.89, a cent off by rounding)
    no longer add up to it, nor the classes to 合计."""
    document = copy.deepcopy(real_pdf(GUANGZHOU))
    _set(next(row for row in document.tables["T6"].rows if row.code == "302"), "合计", "5880.90")
    found = {(f.rule, f.code, f.stated, f.expected) for f in check(document)}
    assert ("T6.subtotal", "302", D("5880.90"), D("5870.89")) in found
    assert ("T6.subtotal", None, D("58118.59"), D("58128.59")) in found


GREENING = "2026-beijing-capital-greening-office-dept-budget-tables.pdf"


def test_ledger_sides_told_by_position_where_the_grid_counts_cells_unevenly(real_pdf: Reader) -> None:
    """北京 首都绿化办 预算04表 (p.4): 一、一般公共预算资金 5,131.706333 beside 一、一般公共服务支出;
    二、政府性基金预算资金 beside 二、外交支出 (no figures); 十二、农林水支出 5,133.737491; 本年收入合计
    5,131.706333, 本年支出合计 5,133.737491; 上年结转结余 2.031158. The rules of its grid cross the
    lines unevenly, so the side of each name is told by where it stands: the expense 类 are read as
    such, not glued to the income line beside them."""
    t4 = real_pdf(GREENING).tables["T4"]
    assert t4.readable
    assert {row.code: row.value("合计") for row in t4.rows if row.kind == "class" and row.values} == {
        "213": D("5133.737491")}
    assert next(row for row in t4.rows if row.code == "202").side == "expense"
    assert _row(t4, "财政拨款（补助）/政府性基金预算", "income").values == {}
    assert _row(t4, "上年结转", "income").value("合计") == D("2.031158")
    assert not [f for f in check(real_pdf(GREENING)) if "T4" in f.rule]


def test_the_expense_classes_add_up_to_the_total(real_pdf: Reader) -> None:
    """湖州 表04 (p.22): its four 类 (5356.01 + 796.52 + 265.81 + 420.07) add up to 支出总计 6838.41.
    Printed 6838.51, the total no longer agrees with its classes."""
    assert not [f for f in check(real_pdf(HUZHOU)) if f.rule == "T4.expense-total"]
    document = copy.deepcopy(real_pdf(HUZHOU))
    expense = document.tables["T4"].total("expense")
    assert expense is not None
    _set(expense, "合计", "6838.51")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4.expense-total", D("6838.51"), D("6838.41")) in found
