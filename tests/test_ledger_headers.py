"""Ledgers (收支总表, 财政拨款收支总表) whose sides print columns the template lacks, read by each
side's own header and checked; and a 三公 table whose items stand under a period's group.

Every expected figure was read off the rendered page by hand (pdftoppm -r 80), never copied from
the parser's output.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Disclosure, Row, Table
from yusuan.rules import check

from .mutate import set_amount as _set
from .test_real_layouts import CHANGCHUN, SHANGHAI, SHANGHAI_B

D = Decimal
Reader = Callable[..., Disclosure]
UNCHECKED = "未按模板核对"


def _row(table: Table, side: str, name: str | None = None, code: str | None = None) -> Row:
    return next(row for row in table.rows
                if row.side == side and (row.name == name if code is None else row.code == code))


def _figures(row: Row | None) -> dict[str, Decimal]:
    assert row is not None
    return {label: amount.value for label, amount in row.values.items()}


def _notices(document: Disclosure, table: str) -> list[str]:
    return [p.message for p in document.problems if p.table == table and UNCHECKED in p.message]


def test_jilin_ledger_each_side_by_its_header(real_pdf: Reader) -> None:
    """长春 收支总表（预算表 1）(p.6): each side prints 项目 | 本年预算 | 编制预算 | 上年结转. 一、财政拨款
    收入 1682.76 | 1682.76 | 0.00; 一、一般公共服务支出 1378.41 | 1378.41 | 0.00; 四、住房保障支出 93.27;
    结转下年支出 0.00 | 0.00 (上年结转 blank); 收入总计 = 支出总计 = 1682.76 | 1682.76 | 0.00. 本年预算 is
    the side's 预算数; the others keep their printed header. The table is checked, and holds."""
    document = real_pdf(CHANGCHUN)
    t1 = document.tables["T1"]
    assert t1.readable and not _notices(document, "T1")
    assert _figures(t1.total("income")) == {"预算数": D("1682.76"), "编制预算": D("1682.76"), "上年结转": D("0.00")}
    assert _figures(t1.total("expense")) == {"预算数": D("1682.76"), "编制预算": D("1682.76"), "上年结转": D("0.00")}
    assert _figures(_row(t1, "expense", code="201")) == {
        "预算数": D("1378.41"), "编制预算": D("1378.41"), "上年结转": D("0.00")}
    assert _row(t1, "expense", code="221").value("预算数") == D("93.27")
    assert _figures(_row(t1, "expense", "结转下年支出")) == {"预算数": D("0.00"), "编制预算": D("0.00")}
    assert _row(t1, "income", "本年收入/一般公共预算拨款").value("预算数") == D("1682.76")
    assert not [f for f in check(document) if f.rule.startswith("T1") or f.table == "T1"]


def test_jilin_funds_ledger_each_side_by_its_header(real_pdf: Reader) -> None:
    """长春 财政拨款收支总表(预算表 4) (p.9): 一、本年收入 1682.76; 一般公共预算拨款 1682.76 | 1682.76 |
    0.00; 政府性基金预算拨款 0.00; 三、卫生健康支出 32.65; 收 入 总 计 = 支 出 总 计 = 1682.76. Its income
    is all 一般公共预算, so its 本年预算 is held to 预算表 5 (卫生健康支出 32.65) class by class."""
    document = real_pdf(CHANGCHUN)
    t4 = document.tables["T4"]
    assert t4.readable and not _notices(document, "T4")
    assert _figures(_row(t4, "income", "财政拨款（补助）/一般公共预算")) == {
        "合计": D("1682.76"), "编制预算": D("1682.76"), "上年结转": D("0.00")}
    assert _row(t4, "income", "财政拨款（补助）/政府性基金预算").value("合计") == D("0.00")
    assert {row.code: row.value("合计") for row in t4.rows if row.kind == "class"} == {
        "201": D("1378.41"), "208": D("178.42"), "210": D("32.65"), "221": D("93.27")}
    assert _figures(t4.total("expense"))["合计"] == D("1682.76")
    assert not [f for f in check(document) if "T4" in f.rule]


def test_a_wrong_figure_in_a_jilin_ledger_is_found(real_pdf: Reader) -> None:
    """The same tables with 卫生健康支出 printed 32.75 in 预算表 4 and 社会保障和就业支出 178.52 in
    预算表 1: 预算表 5 says 32.65, and 预算表 1's classes (printed 1378.41 + 178.42 + 32.65 + 93.27 =
    1682.75, a cent of rounding off 支出总计 1682.76) now add up to 1682.85."""
    document = copy.deepcopy(real_pdf(CHANGCHUN))
    _set(_row(document.tables["T4"], "expense", code="210"), "合计", "32.75")
    _set(_row(document.tables["T1"], "expense", code="208"), "预算数", "178.52")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4-T5.class", D("32.75"), D("32.65")) in found
    assert ("T1.expense-total", D("1682.76"), D("1682.85")) in found
    # 支 出 总 计 printed 1682.86: the sides no longer balance, nor 预算表 5's 合计 1682.76 agrees
    _set(document.tables["T4"].total("expense"), "合计", "1682.86")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4.balance", D("1682.86"), D("1682.76")) in found
    assert ("T5-T4.total", D("1682.76"), D("1682.86")) in found


def test_three_public_under_this_years_group(real_pdf: Reader) -> None:
    """长春 预算表 7 (p.12): a vertical “三公”经费合计 7.61 beside 当年预算 | 上年结转结余, each 小计 |
    因公出国（境）费 (小计 | 因公出国（境）费 | 科研因公出国（境）费用) | 公务用车购置及运行费 (小计 | 购置费 |
    运行费) | 公务接待费; 当年预算 words over the gap between its two groups. 当年预算: 7.61, 0.00, 0.00,
    0.00, 6.75, 0.00, 6.75, 0.86; 上年结转结余 all 0.00. The year's figures are read and checked."""
    document = real_pdf(CHANGCHUN)
    t10 = document.tables["T10"]
    assert t10.readable and not _notices(document, "T10")
    assert {row.name: row.value("合计") for row in t10.rows} == {
        "合计": D("7.61"), "因公出国（境）费": D("0.00"), "公务接待费": D("0.86"), "公务用车购置及运行费": D("6.75"),
        "公务用车购置费": D("0.00"), "公务用车运行费": D("6.75")}
    assert not [f for f in check(document) if f.rule.startswith("T10")]
    wrong = copy.deepcopy(document)
    _set(next(row for row in wrong.tables["T10"].rows if row.name == "公务用车运行费"), "合计", "6.85")
    found = {(f.rule, f.stated, f.expected) for f in check(wrong)}
    assert ("T10.subtotal", D("6.75"), D("6.85")) in found


def test_shanghai_ledger_expense_split_under_its_total(real_pdf: Reader) -> None:
    """上海 钻石宝玉石 单位预算01表 (p.5): 项目 | 预算数 beside 项目 | 预算数 (合计 | 基本支出 (人员经费 |
    公用经费) | 项目支出). 一、一般公共服务支出 6,783,536 | 2,545,183 | 3,968,353 | 270,000; 收入总计
    7,233,086; 支出总计 7,233,086 | 2,994,733 | 3,968,353 | 270,000. 合计 is the side's 预算数."""
    document = real_pdf(SHANGHAI_B)
    t1 = document.tables["T1"]
    assert t1.readable and not _notices(document, "T1")
    assert _figures(_row(t1, "expense", code="201")) == {
        "预算数": D("6783536"), "预算数/基本支出/人员经费": D("2545183"), "预算数/基本支出/公用经费": D("3968353"),
        "预算数/项目支出": D("270000")}
    assert _figures(t1.total("income")) == {"预算数": D("7233086")}
    said = [p.message for p in document.problems if p.table == "T1"]
    assert len(said) == 3 and all("作为“预算数”的分项核对" in message for message in said)
    assert _figures(t1.total("expense"))["预算数"] == D("7233086")
    assert not [f for f in check(document) if f.table == "T1"]
    wrong = copy.deepcopy(document)
    _set(wrong.tables["T1"].total("expense"), "预算数", "7233096")
    assert ("T1.balance", D("7233096"), D("7233086")) in {(f.rule, f.stated, f.expected) for f in check(wrong)}


def test_a_ledger_total_printed_blank_is_said_once(real_pdf: Reader) -> None:
    """上海 审计局 单位预算01表 (p.7): 收入总计 printed with no figure, 支出总计 195,774,300 (一、财政拨款
    收入 195,774,300). The blank is no zero to compare: no 收支平衡 breach against 0, one finding that
    the total is left blank."""
    document = real_pdf(SHANGHAI)
    t1 = document.tables["T1"]
    assert t1.readable and not _notices(document, "T1")
    income = t1.total("income")
    assert income is not None and income.values == {}
    assert _figures(t1.total("expense"))["预算数"] == D("195774300")
    assert _row(t1, "expense", code="201").value("预算数") == D("134339860")
    findings = [f for f in check(document) if f.table == "T1"]
    assert [f.rule for f in findings] == ["C.blank-total"]
    assert "收入总计" in findings[0].message and "195,774,300" in findings[0].message


def test_ledger_income_tree_under_a_funds_line(real_pdf: Reader) -> None:
    """长春 预算表 1 (p.6) prints 一、财政拨款收入 1682.76 over 一般公共预算拨款收入 1682.76 | 政府性基金
    预算拨款收入 0.00 | 国有资本经营预算拨款收入 0.00, then 二、财政专户管理资金收入 0.00, 三、单位资金收入
    0.00 over 事业收入 … 其他收入, and 本年收入合计 1682.76. The funds line is the sum of the three, 本年
    收入 of the five sources: both hold; with 一般公共预算拨款收入 printed 1682.86 both break."""
    document = real_pdf(CHANGCHUN)
    t1 = document.tables["T1"]
    assert _row(t1, "income", "财政拨款").value("预算数") == D("1682.76")
    assert _row(t1, "income", "本年收入/单位资金").value("预算数") == D("0.00")
    assert not any("不是模板中的收入项目" in p.message for p in document.problems)
    wrong = copy.deepcopy(document)
    _set(_row(wrong.tables["T1"], "income", "本年收入/一般公共预算拨款"), "预算数", "1682.86")
    found = {(f.rule, f.stated, f.expected) for f in check(wrong)}
    assert ("T1.subtotal", D("1682.76"), D("1682.86")) in found
    assert len([f for f in check(wrong) if f.rule == "T1.subtotal"]) == 2


def test_a_ledger_sides_split_is_held_to_its_total(real_pdf: Reader) -> None:
    """上海 审计局 单位预算01表 (p.7): 一、一般公共服务支出 134,339,860 = 93,654,340 (人员经费) +
    20,825,520 (公用经费) + 19,860,000 (项目支出); 四、住房保障支出 31,300,000 prints 人员经费 alone. The
    split printed under 预算数 adds up to it on every line; with 公用经费 printed 20,825,530 it does not."""
    document = real_pdf(SHANGHAI)
    assert not [f for f in check(document) if f.rule == "T1.row-total"]
    assert _figures(_row(document.tables["T1"], "expense", code="221")) == {
        "预算数": D("31300000"), "预算数/基本支出/人员经费": D("31300000")}
    wrong = copy.deepcopy(document)
    _set(_row(wrong.tables["T1"], "expense", code="201"), "预算数/基本支出/公用经费", "20825530")
    found = [f for f in check(wrong) if f.rule == "T1.row-total"]
    assert [(f.code, f.stated, f.expected) for f in found] == [("201", D("134339860"), D("134339870"))]
    # 支出总计's 公用经费 21,802,560 = 20,825,520 + 977,040 (the 类 that print one): no longer
    assert ("T1.subtotal", "预算数/基本支出/公用经费", D("21802560"), D("21802570")) in {
        (f.rule, f.column, f.stated, f.expected) for f in check(wrong)}
