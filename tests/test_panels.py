"""Ledgers printed as panels side by side (西安 表1/表4: 收入 | 支出功能分类 | 部门预算支出经济分类 |
政府预算支出经济分类, each with its own 预算数), and tables with a 序号 column and unit codes: read
into the model with their columns mapped, and checked.

Every expected figure was read off the rendered page by hand (pdftoppm -r 80 / -r 160), never
copied from the parser's output.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Amount, Disclosure, ExtraTable
from yusuan.rules import check

from .mutate import set_amount as _set
from .mutate import side_row as _row
from .test_real_layouts import XIAN, XIAN_2022

D = Decimal
Reader = Callable[..., Disclosure]
UNCHECKED = "未按模板核对"


def _unchecked(document: Disclosure, table: str) -> list[str]:
    return [p.message for p in document.problems if p.table == table and UNCHECKED in p.message]


def _panel(document: Disclosure, title: str, heading: str) -> ExtraTable:
    return next(t for t in document.extra_tables if t.title.startswith(title) and heading in t.title)


def test_2022_ledger_read_from_its_income_and_function_panels(real_pdf: Reader) -> None:
    """2022 国资委 表1 (p.24): 收入总计 25180591.33 = 支出总计; (1)一般公共预算拨款 25180591.33;
    the function panel's 类: 8、社会保障和就业支出 1494346.00, 10、卫生健康支出 597057.55,
    15、资源勘探工业信息等支出 11881676.36, 20、住房保障支出 11207511.42, the rest 0.00. The row
    numbers (1 … 40) are no figures; the table is checked, and holds."""
    document = real_pdf(XIAN_2022)
    t1 = document.tables["T1"]
    assert t1.readable and not _unchecked(document, "T1")
    for side in ("income", "expense"):
        total = t1.total(side)
        assert total is not None and total.value("预算数") == D("25180591.33")
    assert _row(t1, "本年收入/一般公共预算拨款", "income").value("预算数") == D("25180591.33")
    classes = {row.code: row.value("预算数") for row in t1.rows if row.kind == "class" and row.value("预算数")}
    assert classes == {"208": D("1494346.00"), "210": D("597057.55"), "215": D("11881676.36"),
                       "221": D("11207511.42")}
    assert not [row for row in t1.rows if row.name and row.name.isdigit()]
    assert not [f for f in check(document) if f.table == "T1" or f.rule.startswith("T1")]


def test_the_economic_panels_are_tables_of_their_own(real_pdf: Reader) -> None:
    """The same 表1's 部门预算支出经济科目 panel: 1、人员经费和公用经费支出 14587091.33, 2、专项业务经费
    支出 10593500.00; its 政府预算支出经济分类科目 panel: 1、机关工资福利支出 12328074.22,
    8、对企业资本性支出 9648500.00; each closes on 支出总计 25180591.33. They are not T1's expense."""
    document = real_pdf(XIAN_2022)
    department = _panel(document, "2022年部门综合预算收支总表", "部门预算支出经济")
    government = _panel(document, "2022年部门综合预算收支总表", "政府预算支出经济")
    figures = {row.name: row.value("预算数") for row in department.rows}
    assert figures["人员经费和公用经费支出"] == D("14587091.33")
    assert figures["专项业务经费支出"] == D("10593500.00")
    figures = {row.name: row.value("预算数") for row in government.rows}
    assert figures["机关工资福利支出"] == D("12328074.22")
    assert figures["对企业资本性支出"] == D("9648500.00")
    for panel in (department, government):
        assert [row.value("预算数") for row in panel.rows if row.name == "支出总计"] == [D("25180591.33")]
    t1 = document.tables["T1"]
    assert not [row for row in t1.rows if row.name in ("机关工资福利支出", "人员经费和公用经费支出")]


def test_2026_ledger_counts_its_own_income_lines(real_pdf: Reader) -> None:
    """2026 审计局 表1 (p.22): 本年收入合计 41,052,896.08, 上年实户资金余额 981,827.50, 收入总计
    42,034,723.58 = 支出总计; 类 1、一般公共服务支出 31,722,917.00, 5、教育支出 210,000.00,
    8、社会保障和就业支出 4,635,589.86, 10、卫生健康支出 1,862,209.16, 20、住房保障支出 3,604,007.56.
    上年实户资金余额 is income of its own beside 本年收入: 收入总计 is their sum, no mistake."""
    document = real_pdf(XIAN)
    t1 = document.tables["T1"]
    assert t1.readable and not _unchecked(document, "T1")
    assert _row(t1, "本年收入", "income").value("预算数") == D("41052896.08")
    assert _row(t1, "上年实户资金余额", "income").value("预算数") == D("981827.50")
    income = t1.total("income")
    assert income is not None and income.value("预算数") == D("42034723.58")
    classes = {row.code: row.value("预算数") for row in t1.rows if row.kind == "class" and row.value("预算数")}
    assert classes == {"201": D("31722917.00"), "205": D("210000.00"), "208": D("4635589.86"),
                       "210": D("1862209.16"), "221": D("3604007.56")}
    assert not [f for f in check(document) if f.rule.startswith("T1")]


def test_a_wrong_figure_in_a_panel_ledger_is_found(real_pdf: Reader) -> None:
    """The same 表1 with 上年实户资金余额 printed 981,827.60: 收入总计 no longer adds up; with
    20、住房保障支出 printed 3,604,007.66, the 类 no longer add up to 支出总计."""
    document = copy.deepcopy(real_pdf(XIAN))
    t1 = document.tables["T1"]
    _set(_row(t1, "上年实户资金余额", "income"), "预算数", "981827.60")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T1.income-total", D("42034723.58"), D("42034723.68")) in found
    _set(next(row for row in t1.rows if row.code == "221"), "预算数", "3604007.66")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T1.expense-total", D("42034723.58"), D("42034723.68")) in found


def test_2026_appropriation_ledger_is_checked(real_pdf: Reader) -> None:
    """2026 表4 (p.25): 一、财政拨款 = 1、一般公共预算拨款 = 收入总计 = 支出总计 40,052,896.08; 类
    1、一般公共服务支出 29,741,089.50, 20、住房保障支出 3,604,007.56. With 1、一般公共预算拨款 printed
    40,052,896.18, it no longer agrees with 表1's (1)一般公共预算拨款 40,052,896.08 nor adds up to
    本年收入合计; with 支出总计 printed 40,052,896.18, the two sides no longer balance."""
    document = real_pdf(XIAN)
    t4 = document.tables["T4"]
    assert t4.readable and not _unchecked(document, "T4")
    for side in ("income", "expense"):
        total = t4.total(side)
        assert total is not None and total.value("合计") == D("40052896.08")
    assert _row(t4, "财政拨款（补助）/一般公共预算", "income").value("合计") == D("40052896.08")
    assert next(row for row in t4.rows if row.code == "201").value("合计") == D("29741089.50")
    assert next(row for row in t4.rows if row.code == "221").value("合计") == D("3604007.56")
    assert not [f for f in check(document) if "T4" in f.rule]
    document = copy.deepcopy(document)
    t4 = document.tables["T4"]
    _set(_row(t4, "财政拨款（补助）/一般公共预算", "income"), "合计", "40052896.18")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4-T1.一般公共预算", D("40052896.18"), D("40052896.08")) in found
    # 一、财政拨款 and 本年收入合计 (40,052,896.08) are the sum of the fund lines
    assert ("T4.subtotal", D("40052896.08"), D("40052896.18")) in found
    expense = t4.total("expense")
    assert expense is not None
    _set(expense, "合计", "40052896.18")
    found = {(f.rule, f.stated, f.expected) for f in check(document)}
    assert ("T4.balance", D("40052896.18"), D("40052896.08")) in found


def test_2022_tables_with_row_numbers_and_unit_codes_are_checked(real_pdf: Reader) -> None:
    """2022 表2 (p.25) and 表3 (p.26): 序号 | 单位编码 | 单位名称 | 合计 …; 合计 25180591.33, units
    271 and 271001 西安市人民政府国有资产监督管理委员会 25180591.33 each. 表5 (p.28): 合计 25180591.33 =
    人员经费支出 13593324.02 + 公用经费支出 993767.31 + 专项业务经费支出 10593500.00; 215 资源勘探工业
    信息等支出 11881676.36. 表13 (p.36), 2022年: “三公” 小计 60000.00, 公务接待费 10000.00, 公务用车
    运行费 50000.00. The row numbers are no figures and unit codes no function codes; every one of
    these tables is checked."""
    document = real_pdf(XIAN_2022)
    for table in ("T1", "T2", "T3", "T4", "T5", "T10"):
        assert not _unchecked(document, table), table
    for table in ("T2", "T3"):
        rows = document.tables[table].rows
        assert [row.kind for row in rows] == ["total", "unit", "unit"]
        assert [row.name for row in rows[1:]] == ["271西安市人民政府国有资产监督管理委员会",
                                                  "271001西安市人民政府国有资产监督管理委员会"]
        assert all(row.value("合计" if table == "T3" else "总计") == D("25180591.33") for row in rows)
    t5 = document.tables["T5"]
    total = t5.rows[0]
    assert {label: a.value for label, a in total.values.items()} == {
        "合计": D("25180591.33"), "人员经费支出": D("13593324.02"), "公用经费支出": D("993767.31"),
        "专项业务经费支出": D("10593500.00")}
    assert next(row for row in t5.rows if row.code == "215").value("合计") == D("11881676.36")
    t10 = {row.name: row.value("合计") for row in document.tables["T10"].rows}
    assert t10["合计"] == D("60000.00") and t10["公务接待费"] == D("10000.00")
    assert t10["公务用车运行费"] == D("50000.00")


def test_a_wrong_figure_in_a_numbered_table_is_found(real_pdf: Reader) -> None:
    """2022 表5 with 215's 公用经费支出 printed 993767.41: its row no longer adds up."""
    document = copy.deepcopy(real_pdf(XIAN_2022))
    row = next(row for row in document.tables["T5"].rows if row.code == "215")
    _set(row, "公用经费支出", "993767.41")
    assert any(f.table == "T5" and f.code == "215" for f in check(document))


def test_a_panel_closing_on_another_total_is_found(real_pdf: Reader) -> None:
    """2026 表1 (p.22): its 部门预算支出经济分类科目 panel closes on 本年支出合计 = 支出总计
    42,034,723.58, as the function panel does; printed 42,034,723.68, the two no longer agree."""
    document = copy.deepcopy(real_pdf(XIAN))
    panel = _panel(document, "部门综合预算收支总表", "部门预算支出经济分类科目")
    assert panel.figures["支出总计"].value == D("42034723.58")
    assert panel.figures["本年支出合计"].value == D("42034723.58")
    assert not [f for f in check(document) if f.rule == "X.panel-total"]
    old = panel.figures["支出总计"]
    panel.figures["支出总计"] = Amount(D("42034723.68"), "42,034,723.68", old.source)
    found = [(f.table, f.stated, f.expected) for f in check(document) if f.rule == "X.panel-total"]
    assert found == [("T1", D("42034723.68"), D("42034723.58"))]
