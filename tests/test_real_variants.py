"""Provinces' layouts read from real PDFs (tests/data/real, provenance in its SOURCES.md).

The expected figures were read off the rendered pages by eye. A layout the template does not fit
must be read and left unchecked, never reported as false errors.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.api import parse
from yusuan.model import Disclosure
from yusuan.rules import ERROR, WARNING, check

REAL = Path(__file__).resolve().parent / "data" / "real"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"
HANGZHOU = "2026-hangzhou-meteorological-bureau-dept-budget.pdf"
CHANGSHA = "2026-changsha-vocational-education-base-office-dept-budget.pdf"
SHENZHEN = "2026-shenzhen-audit-bureau-dept-budget.pdf"


@cache
def disclosure(name: str) -> Disclosure:
    return parse(REAL / name)


def figures(row: object) -> dict[str, Decimal]:
    return {label: amount.value for label, amount in row.values.items()}  # type: ignore[attr-defined]


def test_guangzhou_large_tables_read_in_bounded_time() -> None:
    """广州 (37 units, 112 pages; its 919-row 表11 once hung the placement): 表5 read as T5 with
    the totals of p.18 (合计 83,443.78 = 基本支出 58,118.59 + 项目支出 25,325.19), 表9 as T8 (4,400.00)."""
    document = disclosure(GUANGZHOU)
    t5 = document.tables["T5"]
    assert t5.present and t5.title == "一般公共预算支出情况表（按功能分类科目）"
    assert t5.columns_known  # 小计 | 其中：基本支出 | 项目支出 are the template's columns: checked
    total = t5.total()
    assert total is not None
    assert figures(total) == {"合计": Decimal("83443.78"), "基本支出": Decimal("58118.59"),
                              "项目支出": Decimal("25325.19")}
    t8 = document.tables["T8"]
    assert t8.present and t8.title == "政府性基金预算支出情况表"
    assert t8.total() is not None and t8.total().value("合计") == Decimal("4400.00")  # type: ignore[union-attr]
    assert [row.code for row in t8.rows if row.code] == ["212", "21208", "2120816"]


def test_guangzhou_tables_the_template_lacks_are_kept() -> None:
    """表11 部门预算基本支出预算表 and 表12 部门预算项目支出及其他支出预算表 are no canonical
    table: kept with their lines, and not read into 表10 before them."""
    document = disclosure(GUANGZHOU)
    extra = {table.title: table for table in document.extra_tables}
    assert {"部门预算基本支出预算表", "部门预算项目支出及其他支出预算表"} <= set(extra)
    basic = extra["部门预算基本支出预算表"]
    assert len(basic.lines) > 100 and any("广州市生态环境局" in text for text, _ in basic.lines)
    assert basic.source is not None and basic.source.page is not None
    t9 = document.tables["T9"]
    assert all("工资福利" not in (row.name or "") for row in t9.rows)


def test_guangzhou_three_public_line_names() -> None:
    """表8 prints 行政经费 above "三公"经费 and names the lines …支出 (p.24)."""
    t10 = disclosure(GUANGZHOU).tables["T10"]
    assert t10.total() is not None and t10.total().value("合计") == Decimal("668.07")  # type: ignore[union-attr]
    lines = {row.name: row.value("合计") for row in t10.rows}
    assert lines["因公出国（境）费"] == Decimal("63.88")
    assert lines["公务接待费"] == Decimal("21.03")


def test_hangzhou_expense_side_without_codes() -> None:
    """杭州 表1 (p.15): expense names without codes, indented; the cell tells the side, the
    classification the 类."""
    t1 = disclosure(HANGZHOU).tables["T1"]
    classes = {row.code: row.value("预算数") for row in t1.rows if row.kind == "class"}
    assert classes == {"206": Decimal("28.00"), "208": Decimal("396.67"), "210": Decimal("80.52"),
                       "220": Decimal("5371.48")}
    assert all(row.side == "expense" for row in t1.rows if row.name == "气象服务")
    expense = t1.total("expense")
    assert expense is not None and expense.value("预算数") == Decimal("5876.67")
    income = {row.name: row.value("预算数") for row in t1.rows if row.side == "income"}
    assert income["本年收入/单位资金/其他收入"] == Decimal("123.61")


def test_changsha_own_part_codes_rebuilt() -> None:
    """长沙 prints the 款 row as `03 职业教育` under `205`: the code is 20503."""
    t5 = disclosure(CHANGSHA).tables["T5"]
    rows = [(row.code, row.name) for row in t5.rows if row.code]
    assert rows == [("205", "教育支出"), ("20503", "职业教育"), ("2050399", "其他职业教育支出")]


def test_shenzhen_continued_extra_table_is_one() -> None:
    titles = [table.title for table in disclosure(SHENZHEN).extra_tables]
    assert titles.count("基本支出总表") == 1


def test_no_false_alarms_on_variants() -> None:
    """These documents are consistent as printed: no error or warning is found in them but one.
    杭州's 情况说明 never states its 机关运行经费: its （十）其他重要事项的情况说明 tells of 政府采购, 国有资产,
    绩效 and 委托业务费 only (pp.8–9), where 湖州's, of the same province's template, states it."""
    omitted = [("C.missing-section", "第三部分没有“机关运行经费情况”")]
    for name in (GUANGZHOU, HANGZHOU, CHANGSHA, SHENZHEN):
        serious = [(f.rule, f.message) for f in check(disclosure(name)) if f.severity in (ERROR, WARNING)]
        assert serious == (omitted if name == HANGZHOU else []), name
