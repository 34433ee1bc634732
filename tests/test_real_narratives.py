"""The 情况说明 of variants that number it as a section of the body, not as 第三部分.

Zhejiang (杭州, 湖州) prints it as 二、…部门预算安排情况说明 with its sections one level down
(（一）收支预算情况的总体说明 …); a change is named by the year (比2025年预算) or is none (与上年预算数
持平). Expected values were
read off the PDFs' pages (tests/data/real, provenance in SOURCES.md).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.api import parse
from yusuan.model import Disclosure, Statement
from yusuan.rules import check
from yusuan.rules.restated import restated_statements
from yusuan.template.evaluate import standing_for
from yusuan.template.select import amount, in_unit

REAL = Path(__file__).resolve().parent / "data" / "real"
HANGZHOU = REAL / "2026-hangzhou-meteorological-bureau-dept-budget.pdf"
HUZHOU = REAL / "2026-huzhou-finance-bureau-dept-budget.pdf"
SHANGHAI = REAL / "2026-shanghai-audit-bureau-unit-budget.pdf"
CHANGCHUN = REAL / "2026-changchun-petitions-bureau-dept-budget.pdf"
QUANZHOU = REAL / "2026-quanzhou-government-office-dept-budget.pdf"
CHANGSHA = REAL / "2026-changsha-vocational-education-base-office-dept-budget.pdf"
SHENZHEN = REAL / "2026-shenzhen-audit-bureau-dept-budget.pdf"
DIAMOND = REAL / "2026-shanghai-diamond-gem-exchange-office-unit-budget.pdf"
XIAN = REAL / "2026-xian-audit-bureau-dept-budget.pdf"


@cache
def parsed(path: Path) -> Disclosure:
    return parse(path)


def _stated(disclosure: Disclosure, name_end: str, amount: str) -> Statement:
    return next(s for s in disclosure.statements if s.name.endswith(name_end) and s.amount == Decimal(amount))


def test_a_narrative_numbered_as_a_section_of_the_body() -> None:
    d = parsed(HANGZHOU)
    # p.3: （一）收支预算情况的总体说明（详见表 1-3）… 2026 年收支总预算 5,876.67 万元。
    total = _stated(d, "收支总预算", "5876.67")
    assert total.section.startswith("（一）收支预算情况的总体说明")
    # （二）… 其中：一般公共预算拨款收入 5,753.07 万元，占 97.9%
    income = _stated(d, "一般公共预算拨款收入", "5753.07")
    assert income.share == Decimal("97.9")
    # p.5: 科学技术支出（类）…科技成果转化与扩散（项）28.00 万元 … 比上年执行数减少 113.53 万元: a change
    # on last year's spending, not its budget, is no budget change
    item = _stated(d, "科技成果转化与扩散（项）", "28.00")
    assert item.change is None
    assert [s for s in d.sections if s.startswith("（五）")] == ["（五）一般公共预算当年拨款情况说明"]
    findings = check(d)
    assert not [f for f in findings if f.rule.startswith("N.")]


def test_a_wrong_figure_in_such_a_narrative_is_found() -> None:
    d = parsed(HANGZHOU)
    total = _stated(d, "收支总预算", "5876.67")
    wrong = dataclasses.replace(d, statements=[
        dataclasses.replace(s, amount=Decimal("5876.76")) if s is total else s for s in d.statements])
    [finding] = [f for f in check(wrong) if f.rule == "N.amount"]
    assert (finding.table, finding.stated, finding.expected) == ("T1", Decimal("5876.76"), Decimal("5876.67"))


def test_running_costs_of_some_units_are_less_than_all_units_common_costs() -> None:
    d = parsed(HUZHOU)
    # p.9: 本级1家行政单位以及…3家参公事业单位的机关运行经费财政拨款预算598.67万元，比上年预算增加66.73万元，
    # 增长12.5%; the department also holds 市绿色财政研究服务中心, so T6's 公用经费 (626.67) is more
    running = _stated(d, "机关运行经费财政拨款预算", "598.67")
    assert (running.change, running.growth) == (Decimal("66.73"), Decimal("12.5"))
    # （九）… “三公”经费预算数为 9.30 万元，比上年预算减少 10 万元，下降 51.8%
    three = _stated(d, "“三公”经费预算数为", "9.30")
    assert (three.change, three.growth) == (Decimal("-10"), Decimal("-51.8"))
    rules = {f.rule for f in check(d)}
    assert not rules & {"N.amount", "X.running-basic", "N.growth"}


def test_changes_named_by_year_and_none() -> None:
    # 上海 2026年单位预算编制说明: 其中：财政拨款收入19,577万元，比2025年预算减少290万元
    fiscal = _stated(parsed(SHANGHAI), "财政拨款收入", "19577")
    assert fiscal.change == Decimal("-290")
    # 湖州: 2.公务接待费：2026 年安排公务接待费预算 5.80 万元，与上年预算数持平。
    hosting = _stated(parsed(HUZHOU), "公务接待费预算", "5.80")
    assert hosting.change == Decimal(0)


def test_figures_under_a_header_of_items_are_kept() -> None:
    # 预算表7: the items printed as columns, one row of figures with no label: 合计 7.61
    d = parsed(CHANGCHUN)
    t10 = d.tables["T10"]
    assert t10.present and t10.rows
    assert t10.rows[0].values["合计"].value == Decimal("7.61")
    assert "N.amount" not in {f.rule for f in check(d)}


def test_decimals_of_spaced_out_text_stay_with_their_number() -> None:
    # p.3: （二）支出预算：2026 年本单位支出预算 656.73 万元 — justified, the reader's words are 656. | 73
    d = parsed(CHANGSHA)
    assert _stated(d, "本单位支出预算", "656.73").section.startswith("三、部门收支总体情况")
    assert not [s for s in d.statements if s.name.endswith(".")]


def test_sections_named_for_their_tables() -> None:
    # 长春 第三部分 三、支出总表情况说明: 2026年支出总计 1682.76 万元 … 基本支出合计为 1208.20 万元，项目支出
    # 合计为 474.56 万元: each the restatement of a table's figure, and agreeing with 预算表3
    d = parsed(CHANGCHUN)
    restated = {(s.name, s.amount): (r.figure.table, bool(rows)) for s, r, rows in restated_statements(d)}
    # the whole spending is T1's and 预算表3's figure alike: T1 (预算表1, read side by side by its
    # own header) holds it; where T1 could be read by position only, 预算表3's 合计 would stand
    assert restated[("2026年支出总计", Decimal("1682.76"))] == ("T1", True)
    assert restated[("基本支出合计为", Decimal("1208.20"))] == ("T3", True)
    assert restated[("项目支出合计为", Decimal("474.56"))] == ("T3", True)
    assert "N.amount" not in {f.rule for f in check(d)}


def test_a_column_the_table_does_not_print_is_not_compared() -> None:
    # 泉州 九、一般公共预算基本支出表 prints one figure per row (its 合计); the narrative's （一）人员经费
    # 5080.69 万元 has no column there to agree or disagree with
    d = parsed(QUANZHOU)
    staff = _stated(d, "人员经费", "5080.69")
    [(restatement, rows)] = [(r, rows) for s, r, rows in restated_statements(d) if s is staff]
    assert restatement.figure.table == "T6" and rows is None
    assert "N.amount" not in {f.rule for f in check(d)}


def _compared(d: Disclosure) -> dict[tuple[str, Decimal], tuple[str, Decimal]]:
    """Each statement compared with a table: (name, amount) → (table, the table's figure in 万元)."""
    out = {}
    for s, r, rows in restated_statements(d):
        if rows:
            table = d.tables[r.figure.table]
            figure = amount(rows, standing_for(table, r.figure))
            out[(s.name, s.amount)] = (r.figure.table, in_unit(figure, table.money_unit, "万元"))
    return out


def _altered(d: Disclosure, statement: Statement, value: str, section: str | None = None) -> Disclosure:
    changed = dataclasses.replace(statement, amount=Decimal(value), section=section or statement.section)
    return dataclasses.replace(d, statements=[changed if s is statement else s for s in d.statements])


def test_sections_run_in_under_a_wider_section() -> None:
    # 长沙 p5: 三、部门收支总体情况 （一）收入预算：…2026 年本单位收入预算 656.73 万元; p12 收支总体情况表:
    # 收入总计 656.73; p7: 四、一般公共预算拨款支出 2026 年本单位一般公共预算拨款支出 656.73 万元 …
    # （一）基本支出：…基本支出预算数 386.73 万元; p8: （二）“三公”经费预算：…“三公”经费预算数为 0.50 万元，
    # 其中，公务接待费 0.50 万元
    d = parsed(CHANGSHA)
    income = _stated(d, "收入预算", "656.73")
    assert income.section == "三、部门收支总体情况 （一）收入预算"
    compared = _compared(d)
    assert compared[(income.name, income.amount)] == ("T1", Decimal("656.73"))
    assert compared[("2026年本单位一般公共预算拨款支出", Decimal("656.73"))][0] == "T5"
    assert compared[("2026年本单位基本支出预算数", Decimal("386.73"))] == ("T5", Decimal("386.73"))
    assert compared[("2026年本单位项目支出预算", Decimal("270.00"))] == ("T5", Decimal("270.00"))
    three = _stated(d, "“三公”经费预算数为", "0.50")
    assert compared[(three.name, three.amount)] == ("T10", Decimal("0.50"))
    assert compared[("公务接待费", Decimal("0.50"))] == ("T10", Decimal("0.50"))
    assert not [f for f in check(d) if f.rule.startswith("N.")]
    # the heading standing alone on its line is no part of the first statement's name
    assert not [s for s in d.statements if s.name.startswith("四、")]


def test_a_class_named_bare_is_compared_in_the_section_of_the_whole() -> None:
    # 长沙 p7: 四、一般公共预算拨款支出 …其中：教育支出 656.73 万元，占 100.00%; p17 一般公共预算支出情况表:
    # 205 教育支出 656.73 | 386.73 | 270.00. （二）项目支出：…其中：教育支出 270.00 万元 is the class's
    # 项目支出, not its whole: not compared with its total
    d = parsed(CHANGSHA)
    whole = next(s for s in d.statements if s.name == "教育支出" and s.section == "四、一般公共预算拨款支出")
    compared = _compared(d)
    assert compared[("教育支出", Decimal("656.73"))] == ("T5", Decimal("656.73"))
    assert ("教育支出", Decimal("270.00")) not in compared
    [finding] = [f for f in check(_altered(d, whole, "665.73")) if f.rule == "N.amount"]
    assert (finding.table, finding.code, finding.expected) == ("T5", "205", Decimal("656.73"))


def test_a_wrong_figure_in_a_run_in_section_is_found() -> None:
    d = parsed(CHANGSHA)
    wrong = _altered(d, _stated(d, "收入预算", "656.73"), "665.73")
    [finding] = [f for f in check(wrong) if f.rule == "N.amount"]
    assert (finding.table, finding.stated, finding.expected) == ("T1", Decimal("665.73"), Decimal("656.73"))


def test_a_section_named_for_a_unit_is_compared_with_its_rows() -> None:
    # 深圳 p10: 第三部分 一、深圳市审计局 深圳市审计局预算 10,737.69 万元，包括在职人员经费 6,516.50 万元、
    # 公用经费 1,079.33 万元、…项目支出 1,531.45 万元; p21 表3 支出总表: 深圳市审计局 | 10,737.69 | 9,206.23 |
    # 1,531.45
    d = parsed(SHENZHEN)
    budget = _stated(d, "深圳市审计局预算", "10737.69")
    assert budget.section == "一、深圳市审计局"
    compared = _compared(d)
    assert compared[(budget.name, budget.amount)] == ("T3", Decimal("10737.69"))
    assert compared[("项目支出", Decimal("1531.45"))] == ("T3", Decimal("1531.45"))
    # a name ends at a list's 、, never at a thousands separator
    assert _stated(d, "公用经费", "1079.33").name == "公用经费"
    assert not [f for f in check(d) if f.rule.startswith("N.")]
    wrong = _altered(d, budget, "10737.96")
    [finding] = [f for f in check(wrong) if f.rule == "N.amount"]
    assert (finding.table, finding.stated, finding.expected) == ("T3", Decimal("10737.96"), Decimal("10737.69"))


def test_a_unit_whose_rows_are_not_printed_is_not_held_to_the_departments_totals() -> None:
    # p7: 深圳市审计局经济责任审计专业署 is a unit of the department that no table prints rows of: its
    # figures, even under a run-in heading that names a table's subject, are not the department's
    d = parsed(SHENZHEN)
    unit = "二、深圳市审计局经济责任审计专业署"
    budget = _stated(d, "深圳市审计局预算", "10737.69")
    moved = _altered(d, budget, "812.40", unit)
    three = dataclasses.replace(budget, name="“三公”经费预算数为", amount=Decimal("3.00"),
                                section=f"{unit} （二）“三公”经费预算")
    moved = dataclasses.replace(moved, statements=[*moved.statements, three])
    assert not [s for s, _, _ in restated_statements(moved) if s.section.startswith(unit)]
    assert "N.amount" not in {f.rule for f in check(moved)}


def test_an_unnumbered_explanation_and_its_matters_after_the_tables() -> None:
    # 上海 钻石宝玉石 2026年单位预算编制说明: …一般公共预算拨款支出预算723万元 …; 1.“一般公共服务支出”科目678万元;
    # after the tables, 其他相关情况说明 一、…2026年“三公”经费预算数为18.10万元 … （一）因公出国（境）费12.60万元
    d = parsed(DIAMOND)
    general = _stated(d, "一般公共预算拨款支出预算", "723")
    assert general.section == "2026年单位预算编制说明"
    compared = _compared(d)
    assert compared[(general.name, general.amount)][0] == "T5"
    assert compared[("1.“一般公共服务支出”科目", Decimal("678"))][0] == "T4"
    three = _stated(d, "“三公”经费预算数为", "18.10")
    assert three.section == "一、2026年“三公”经费预算情况说明"
    assert compared[(three.name, three.amount)] == ("T10", Decimal("18.10"))
    assert compared[("（一）因公出国（境）费", Decimal("12.60"))] == ("T10", Decimal("12.60"))
    assert not [f for f in check(d) if f.rule.startswith("N.")]


def test_a_class_restated_in_whole_wan_is_compared_at_that_precision() -> None:
    # 上海市审计局 p6: 1.“一般公共服务支出”科目13,434万元; p12 财政拨款收支预算总表 (元): 一般公共服务支出
    # 134,339,860 = 13,433.986 万元, which rounds to 13,434; p20: “三公”经费预算数为237.92万元, p19 表: 合计 237.92
    d = parsed(SHANGHAI)
    compared = _compared(d)
    assert compared[("1.“一般公共服务支出”科目", Decimal("13434"))] == ("T4", Decimal("13433.986"))
    assert compared[("2026年“三公”经费预算数为", Decimal("237.92"))] == ("T10", Decimal("237.92"))
    # p6: 支出预算19,577万元; p7's 财务收支预算总表 支出总计 195,774,300 元 is the figure it restates;
    # its 收入总计 is printed blank, which C.blank-total says, not N.amount
    assert compared[("支出预算", Decimal("19577"))] == ("T1", Decimal("19577.43"))
    assert not [f for f in check(d) if f.rule.startswith("N.")]
    wrong = _altered(d, _stated(d, "“一般公共服务支出”科目", "13434"), "13443")
    [finding] = [f for f in check(wrong) if f.rule == "N.amount"]
    assert (finding.table, finding.stated) == ("T4", Decimal("13443"))
    assert finding.expected == Decimal("13433.986")


def test_parts_beside_part_3_that_carry_the_narrative_on() -> None:
    # 深圳 p10: 第二部分 部门预算收支总体情况 2026 年深圳市审计局部门预算收入 10,737.69 万元 … 部门预算支出
    # 10,737.69 万元; p18 表1 收支总表: 收入总计 10,737.69, 支出总计 10,737.69. p12: 第五部分 财政拨款“三公”
    # 经费预算情况 2026 年财政拨款“三公”经费预算 35.10 万元; p34 表9 prints each item by fund only: 2026 年
    # 总计 一般公共预算 35.10, 政府性基金预算 0.00, 国有资本经营预算 0.00
    d = parsed(SHENZHEN)
    income = _stated(d, "部门预算收入", "10737.69")
    assert income.section.startswith("第二部分")
    compared = _compared(d)
    assert compared[(income.name, income.amount)] == ("T1", Decimal("10737.69"))
    assert compared[("2026年深圳市审计局部门预算支出", Decimal("10737.69"))] == ("T1", Decimal("10737.69"))
    three = _stated(d, "“三公”经费预算", "35.10")
    assert three.section.startswith("第五部分")
    assert compared[(three.name, three.amount)] == ("T10", Decimal("35.10"))
    [finding] = [f for f in check(_altered(d, three, "35.01")) if f.rule == "N.amount"]
    assert (finding.table, finding.stated, finding.expected) == ("T10", Decimal("35.01"), Decimal("35.10"))


def test_a_change_after_amounts_listed_with_a_pause_mark_is_their_wholes() -> None:
    # 西安 p10: 第二部分：部门预算收支情况说明 五、收支预算总体情况说明 本部门当年预算收入 4,203.47 万元，其中：一般
    # 公共预算拨款 4,005.29 万元、上年实户资金余额 98.18 万元、其他收入 100.00 万元，较上年增加 142.30 万元，
    # 增长 3.50%: the change is the 4,203.47's, not the 100.00's
    d = parsed(XIAN)
    other = _stated(d, "其他收入", "100.00")
    assert other.section == "五、收支预算总体情况说明"
    assert (other.change, other.growth) == (None, None)
    # p11: 六、财政拨款收支情况说明 …其中：一般公共预算拨款收入 4,005.29 万元，较上年减少 28.10 万元，下降 0.70%
    running = _stated(d, "一般公共预算拨款收入", "4005.29")
    assert running.section == "六、财政拨款收支情况说明"
    assert (running.change, running.growth) == (Decimal("-28.10"), Decimal("-0.70"))
    assert not [f for f in check(d) if f.rule.startswith("N.")]
    wrong = dataclasses.replace(d, statements=[
        dataclasses.replace(s, growth=Decimal("-0.07")) if s is running else s for s in d.statements])
    [finding] = [f for f in check(wrong) if f.rule == "N.growth"]
    assert finding.stated == Decimal("-0.07")
