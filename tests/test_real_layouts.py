"""Every province's layout in tests/data/real (provenance in its SOURCES.md), and the PDF traps
those files hold.

Every expected figure, code and unit below was read off the printed pages by hand (pdftotext
-layout of the page named, or the rendered page), never copied from the parser's output.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from yusuan.api import parse
from yusuan.model import Disclosure, Row, Table
from yusuan.rules import ERROR, WARNING, check

from .conftest import SEEDS

SUZHOU = "2026-suzhou-emergency-management-bureau-dept-budget.pdf"
QUANZHOU = "2026-quanzhou-government-office-dept-budget.pdf"
CHONGQING = "2026-chongqing-government-general-office-dept-budget.pdf"
HUZHOU = "2026-huzhou-finance-bureau-dept-budget.pdf"
HANGZHOU = "2026-hangzhou-meteorological-bureau-dept-budget.pdf"
YANTAI = "2026-yantai-audit-bureau-dept-budget.pdf"
CHANGCHUN = "2026-changchun-petitions-bureau-dept-budget.pdf"
XIAN = "2026-xian-audit-bureau-dept-budget.pdf"
XIAN_2022 = "2022-xian-sasac-dept-budget.pdf"
SHANGHAI = "2026-shanghai-audit-bureau-unit-budget.pdf"
SHANGHAI_B = "2026-shanghai-diamond-gem-exchange-office-unit-budget.pdf"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"
BEIJING_SASAC = "2026-beijing-sasac-dept-budget-tables.pdf"
BEIJING_GREENING = "2026-beijing-capital-greening-office-dept-budget-tables.pdf"
BEIJING_AUDIT = "2026-beijing-audit-bureau-dept-budget-tables.pdf"

Reader = Callable[..., Disclosure]
D = Decimal


def row(table: Table, code: str) -> Row:
    return next(r for r in table.rows if r.code == code)


def values(found: Row | None) -> dict[str, Decimal]:
    assert found is not None
    return {label: amount.value for label, amount in found.values.items()}


@pytest.mark.parametrize(("name", "variant", "never_printed"), [
    # 公开09表 adds 会议费 and 培训费 to 三公: read as its own concept, which carries T10
    (SUZHOU, "江苏市级部门预算", {"T7", "T10", "T11"}),
    (QUANZHOU, "福建部门（单位）预算", {"T7", "T11"}),
    (CHONGQING, "重庆部门预算", {"T7", "T9", "T11"}),
    (HUZHOU, "浙江市级部门预算（湖州）", {"T7", "T11"}),
    (YANTAI, "山东烟台部门预算", {"T7", "T11"}),
    (CHANGCHUN, "吉林长春部门预算", {"T7", "T11"}),
    (XIAN, "陕西西安部门综合预算", {"T7", "T8", "T9"}),
    (XIAN_2022, "陕西西安部门综合预算", {"T7", "T8", "T9"}),
    (SHANGHAI_B, "上海市级单位预算", {"T7", "T11"}),
])
def test_variant_told_by_its_titles_and_its_table_set(real_pdf: Reader, name: str, variant: str,
                                                      never_printed: set[str]) -> None:
    """The variant is recognised from the printed titles; a table it never prints is not
    reported missing (Chongqing prints no 国有资本经营 table at all)."""
    document = real_pdf(name)
    assert document.variant == variant
    assert {table_id for table_id, table in document.tables.items() if not table.present} == never_printed
    assert not [f for f in check(document) if f.rule == "C.missing-table"]


def test_documents_of_no_known_variant_are_held_to_the_canonical_set() -> None:
    """The seeds print the canonical titles: no variant, so a missing table is still reported."""
    for seed in SEEDS:
        assert parse(seed).variant is None


def test_suzhou_columns_by_header(real_pdf: Reader) -> None:
    """苏州 公开07表 (p.17): 合计 | 基本支出 (小计 | 人员经费 | 公用经费) | 项目支出. Each figure goes to
    the column printed over it; 人员经费 and 公用经费, which T5 lacks, are kept and reported."""
    document = real_pdf(SUZHOU)
    assert (document.unit, document.year) == ("苏州市应急管理局", 2026)
    t5 = document.tables["T5"]
    assert (t5.money_unit, t5.places, t5.columns_known) == ("万元", 2, True)
    assert values(t5.total()) == {"合计": D("7062.80"), "基本支出": D("4069.62"), "项目支出": D("2993.18"),
                                  "基本支出/人员经费": D("3594.73"), "基本支出/公用经费": D("474.89")}
    assert values(row(t5, "2240101")) == {"合计": D("2523.04"), "基本支出": D("2523.04"),
                                          "基本支出/人员经费": D("2048.15"), "基本支出/公用经费": D("474.89")}
    assert values(row(t5, "2240199")) == {"合计": D("2465.92"), "项目支出": D("2465.92")}
    assert any("基本支出/人员经费" in p.message and p.table == "T5" for p in document.problems)
    t6 = document.tables["T6"]  # 公开08表 (p.18)
    assert values(t6.total()) == {"合计": D("4069.62"), "人员经费": D("3594.73"), "公用经费": D("474.89")}
    assert values(row(t6, "30102")) == {"合计": D("1402.13"), "人员经费": D("1402.13")}


def test_suzhou_every_table_title_starts_a_table(real_pdf: Reader) -> None:
    """公开05表 财政拨款支出表（功能科目）, 公开12表 and 公开13表 name no canonical table: each starts a
    table of its own and is kept, never read into the table before it."""
    document = real_pdf(SUZHOU)
    titles = [table.title for table in document.extra_tables]
    assert {"财政拨款支出表（功能科目）", "财政拨款基本支出表（经济科目）", "一般公共预算机关运行经费支出预算表",
            "政府采购支出表", "一般公共预算“三公”经费、会议费、培训费支出表"} <= set(titles)
    assert all(not (r.name or "").startswith("公开") for table in document.tables.values() for r in table.rows)
    # the running header atop every page (苏州市应急管理局 2026 年度部门预算公开) is no part of a row
    assert all("预算公开" not in (r.name or "") for table in document.tables.values() for r in table.rows)


def test_suzhou_heading_runs_into_its_first_sentence(real_pdf: Reader) -> None:
    """苏州 p.29: the heading 八、一般公共预算基本支出预算情况说明 ends with no stop before 苏州市应急管理局
    2026 年度一般公共预算财政拨款基本支出预算 4,069.62 万元: the amount's subject is the sentence's, not the
    heading's (read as the whole spending, it was compared with T1's 7,062.80). It restates
    公开08表's 合计 4069.62, and no statement is held to a figure it does not restate."""
    from yusuan.rules.restated import restated_statements

    document = real_pdf(SUZHOU)
    basic = next(s for s in document.statements if s.section.startswith("八、") and s.amount == D("4069.62"))
    assert basic.name == "苏州市应急管理局2026年度一般公共预算财政拨款基本支出预算"
    restated = {id(s): (r.figure.table, rows) for s, r, rows in restated_statements(document)}
    table, rows = restated[id(basic)]
    assert table == "T6" and rows and rows[0].values["合计"].value == D("4069.62")
    # 六、财政拨款基本支出预算情况说明 (T5, T8 and T9 together) and 九、…“三公”经费、会议费、培训费支出预算情况说明
    # are not the section of the whole spending: nothing there is compared with T1
    for statement in document.statements:
        if statement.section.startswith(("六、", "九、")):
            assert restated.get(id(statement), ("",))[0] != "T1"
    assert not [f for f in check(document) if f.rule == "N.amount"]


def test_quanzhou_page_number_is_no_row(real_pdf: Reader) -> None:
    """泉州 五、一般公共预算拨款支出预算表 (p.17) ends with the page number 14 under the table: not a
    row; the table holds (合计 10984.81 = 5915.38 + 5069.43, the items add up)."""
    document = real_pdf(QUANZHOU)
    t5 = document.tables["T5"]
    assert values(t5.total()) == {"合计": D("10984.81"), "基本支出": D("5915.38"), "项目支出": D("5069.43")}
    assert [r.code for r in t5.rows if r.kind != "total"] == [
        "2010301", "2010302", "2010350", "2010399", "2080501", "2080505", "2101101", "2101102", "2101103",
        "2210201", "2210202", "2210203"]
    assert row(t5, "2010399").name == "其他政府办公厅（室）及相关机构事务支出"
    assert row(t5, "2010399").value("项目支出") == D("3942.61")
    assert not [f for f in check(document) if f.table == "T5"]


def test_yantai_own_part_codes(real_pdf: Reader) -> None:
    """烟台 公开表5 (p.15) prints 类 | 款 | 项 with only the row's own part (201, 08, 01)."""
    t5 = real_pdf(YANTAI).tables["T5"]
    assert values(t5.total())["合计"] == D("2776.75")
    assert values(t5.total())["项目支出"] == D("4.50")
    assert row(t5, "20108").name == "审计事务"
    assert values(row(t5, "2010801"))["基本支出"] == D("1531.26")
    assert values(row(t5, "2010804")) == {"合计": D("4.50"), "项目支出": D("4.50")}
    assert row(t5, "2010850").value("合计") == D("414.44")
    assert row(t5, "2080501").value("合计") == D("199.48")


def test_chongqing_column_the_template_lacks_kept(real_pdf: Reader) -> None:
    """重庆 表五 (p.15): a 2025年预算数 column before 2026年预算数 (总计 | 基本支出 | 项目支出). The 2025
    figure is not this year's total: it is kept under its own header."""
    t5 = real_pdf(CHONGQING).tables["T5"]
    total = values(t5.total())
    assert (total["合计"], total["基本支出"], total["项目支出"]) == (D("18417.70"), D("9018.47"), D("9399.23"))
    last_year = {label: value for label, value in total.items() if "2025" in label}
    assert list(last_year.values()) == [D("15635.80")]
    assert values(row(t5, "2010302"))["项目支出"] == D("8220.69")


def test_huzhou_amounts_without_separators(real_pdf: Reader) -> None:
    """湖州 表06 (p.25): `341-湖州市财政局 单位：万元` is the unit line, not a row; no separators."""
    t6 = real_pdf(HUZHOU).tables["T6"]
    assert values(t6.total()) == {"合计": D("5571.66"), "人员经费": D("4944.99"), "公用经费": D("626.67")}
    assert values(row(t6, "30101")) == {"合计": D("678.19"), "人员经费": D("678.19")}
    assert all(r.code != "341" for table in real_pdf(HUZHOU).tables.values() for r in table.rows)


def test_hangzhou_codes_from_indentation(real_pdf: Reader) -> None:
    """杭州 表5 (p.19) prints names only, 类/款/项 by indentation; the codes are the classification's
    for those names under the row above."""
    t5 = real_pdf(HANGZHOU).tables["T5"]
    coded = [(r.code, r.name) for r in t5.rows[1:4]]
    assert coded == [("206", "科学技术支出"), ("20604", "技术研究与开发"), ("2060404", "科技成果转化与扩散")]
    # 基本支出 spans 小计 | 人员经费 | 日常公用支出 (wrapped over two lines, centred in the header row)
    assert values(row(t5, "2080501")) == {"合计": D("193.24"), "基本支出": D("193.24"),
                                          "基本支出/人员经费": D("192.34"), "基本支出/日常公用支出": D("0.90")}
    # the one finding: its 情况说明 never states its 机关运行经费 (see test_real_variants)
    assert [f.rule for f in check(real_pdf(HANGZHOU)) if f.severity in (ERROR, WARNING)] == ["C.missing-section"]


def test_xian_money_in_yuan_and_empty_reason_from_the_contents(real_pdf: Reader) -> None:
    """西安 (元, 2 dp): the 报表目录 says 表11 is empty (是) because 不涉及; that is its explanation."""
    document = real_pdf(XIAN)
    t11 = document.tables["T11"]
    assert t11.present and t11.money_unit == "元"
    assert t11.note is not None and "不涉及" in t11.note
    assert not [f for f in check(document) if f.rule == "C.empty-note"]


def test_xian_2022_decimals_on_another_baseline(real_pdf: Reader) -> None:
    """西安 2022 表1 (p.24): the first row prints `1 一、部门预算 25180591 .33` in each of its four
    column pairs, the decimals a separate run on another baseline: one figure, 25180591.33 元."""
    from yusuan.readers import read

    from .conftest import REAL

    lines = read(REAL / XIAN_2022).lines
    first = next(line for line in lines if line.source.page == 24 and "一、部门预算" in line.text)
    assert [word.text for word in first.words][:3] == ["1", "一、部门预算", "25180591.33"]
    assert not any(word.text.startswith(".") for word in first.words)
    document = real_pdf(XIAN_2022)
    assert (document.year, document.tables["T1"].money_unit) == (2022, "元")


def test_shanghai_page_extracting_as_one_line(real_pdf: Reader) -> None:
    """上海 p.11, which one extractor returns as one unbroken line, continues 支出预算总表 (元, 0 dp,
    codes in three columns, 合计 last): 2210203 购房补贴 17,800,000; 合计 195,774,300."""
    t3 = real_pdf(SHANGHAI).tables["T3"]
    assert (t3.money_unit, t3.places) == ("元", 0)
    assert values(row(t3, "2210203")) == {"合计": D("17800000"), "基本支出": D("17800000")}
    assert values(row(t3, "2109999")) == {"合计": D("42000"), "项目支出": D("42000")}
    assert values(t3.total()) == {"合计": D("195774300"), "基本支出": D("175071300"), "项目支出": D("20703000")}


def test_shanghai_form_b(real_pdf: Reader) -> None:
    """上海 form B (单位预算01表…): 支出预算总表 in 元, codes 201 13 01; 单位预算05表 and 单位预算表10,
    which the template lacks, are kept."""
    document = real_pdf(SHANGHAI_B)
    t3 = document.tables["T3"]
    assert values(row(t3, "20113")) == {"合计": D("6783536"), "基本支出": D("6513536"), "项目支出": D("270000")}
    assert values(row(t3, "2011301")) == {"合计": D("6513536"), "基本支出": D("6513536")}
    titles = {table.title for table in document.extra_tables}
    assert {"2026年预算单位财政拨款支出预算表", "2026年预算单位财政拨款项目支出预算表"} <= titles


def test_title_and_header_after_the_data(real_pdf: Reader) -> None:
    """北京 国资委 报表 (PDFMaker): each page's title and header come after its rows in text order.
    预算05表 合计 19,828.574815 | 基本支出 10,792.450131 (人员经费 9,883.031437, 公用经费 909.418694) |
    项目支出总数 9,036.124684; 预算06表 合计 10,792.450131."""
    document = real_pdf(BEIJING_SASAC)
    t5 = document.tables["T5"]
    total = values(t5.total())
    assert (total["合计"], total["基本支出"], total["项目支出"]) == (
        D("19828.574815"), D("10792.450131"), D("9036.124684"))
    assert t5.places == 6
    assert values(document.tables["T6"].total()) == {
        "合计": D("10792.450131"), "人员经费": D("9883.031437"), "公用经费": D("909.418694")}


def test_page_sizes_differ_and_markup_leaked_into_an_empty_table(real_pdf: Reader) -> None:
    """北京 绿化办 报表 (a browser print): 预算05表 on a 1133.86 pt wide page, 预算06表 on A4; the empty
    预算07表 holds leaked CSS (`overflow:hidden; display: inline-block;…`) around its 合 计."""
    document = real_pdf(BEIJING_GREENING)
    t5 = document.tables["T5"]
    assert values(row(t5, "2130201"))["合计"] == D("958.957491")
    assert values(row(t5, "2130201"))["项目支出"] == D("8.869200")
    assert values(t5.total())["合计"] == D("5133.737491")
    assert values(document.tables["T6"].total()) == {
        "合计": D("950.088291"), "人员经费": D("865.117476"), "公用经费": D("84.970815")}
    t8 = document.tables["T8"]
    assert [(r.kind, r.values) for r in t8.rows] == [("total", {})]
    leaked = ("overflow", "display", "span", "width")
    assert not any(word in (r.name or "") for table in document.tables.values() for r in table.rows for word in leaked)


def test_table_continued_with_its_header_repeated(real_pdf: Reader) -> None:
    """广州 表3 runs from p.13 to p.14, the header (功能分类科目 … 对附属单位补助支出) printed again:
    the header is no part of the row before the break."""
    t3 = real_pdf(GUANGZHOU).tables["T3"]
    assert row(t3, "21101").name == "环境保护管理事务"
    assert values(row(t3, "21101"))["合计"] == D("39342.38")
    assert values(row(t3, "2110101"))["合计"] == D("23324.59")  # the first row on p.14


def test_table_continued_without_a_header(real_pdf: Reader) -> None:
    """苏州 公开04表 continues on p.14 straight with its （十九）… lines, no title or header: the
    expense lines there stay in the table (（二十三）灾害防治及应急管理支出 5,516.22)."""
    t4 = real_pdf(SUZHOU).tables["T4"]
    lines = {r.name: r.value("合计") for r in t4.rows if r.side == "expense"}
    assert any("灾害防治及应急管理支出" in (name or "") and value == D("5516.22") for name, value in lines.items())


def test_portrait_and_landscape_pages(real_pdf: Reader) -> None:
    """苏州 mixes orientations: 公开07表 (T5) on a landscape page (p.17), 公开08表 (T6) on a portrait
    one (p.18); both read whole (above), and the document checks clean but for Part 3's wording."""
    findings = check(real_pdf(SUZHOU))
    assert not [f for f in findings if f.rule.startswith(("T5", "T6", "C."))]


@pytest.mark.parametrize(("name", "unit"), [
    (YANTAI, "烟台市审计局"),  # cover p.1: 2026年烟台市审计局部门预算 (the year first, one line)
])
def test_unit_named_on_a_cover_that_puts_the_year_first(real_pdf: Reader, name: str, unit: str) -> None:
    document = real_pdf(name)
    assert (document.unit, document.year, document.kind) == (unit, 2026, "部门预算")


_T10_LINES = ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费")


@pytest.mark.parametrize(("name", "printed"), [
    # 上海 p.19: 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 机关运行经费
    (SHANGHAI, ("237.92", "201.80", "8.12", "28.00", None, "28.00")),
    # 烟台 公开表7: 2025年预算数 | 2026年预算数, each 合计 | 出国 | 车 (小计 | 购置 | 运行) | 接待; 2026's read
    (YANTAI, ("3.40", None, "3.40", None, None, None)),
    # 北京 预算09表: 总额 | 因公出国（境）费用 | 公务接待费 | 公务用车购置及运行维护费 (小计 | 购置费 | 运行维护费)
    ("2026-beijing-audit-bureau-dept-budget-tables.pdf",
     ("244.848000", "173.520000", "6.000000", "65.328000", "37.380000", "27.948000")),
])
def test_three_public_items_printed_as_columns(real_pdf: Reader, name: str, printed: tuple[str | None, ...]) -> None:
    """T10 printed the other way round (the items as columns, one row of figures, the year's
    own group of a table printing two years): each figure goes to its item's line."""
    t10 = real_pdf(name).tables["T10"]
    assert t10.columns_known
    got = {row.name: row.values.get("合计") for row in t10.rows}
    assert tuple(got[line].text if got[line] else None for line in _T10_LINES) == printed
    assert not [f for f in check(real_pdf(name)) if f.rule.startswith("T10.")]


def test_three_public_with_meetings_read_only_where_its_sums_hold(real_pdf: Reader) -> None:
    """西安 表13 (p.35) prints 上年 | 当年 | 增减变化情况, each 合计 (三公 + 会议费 + 培训费) beside
    the 三公 小计, in type 4 points high, figures right-aligned in cells wider than their words.
    当年 (read off the page): 合计 332,000.00, 小计 102,000.00, 因公出国（境）费用 blank, 公务接待费
    20,000.00, 公务用车购置及运行维护费 小计 82,000.00, 购置费 blank, 运行维护费 82,000.00, 会议费
    20,000.00, 培训费 210,000.00. The 三公 lines are read where they add up; 合计 is not the 三公's."""
    t10 = real_pdf(XIAN).tables["T10"]
    assert t10.columns_known
    got = {row.name: row.values.get("合计") for row in t10.rows}
    assert tuple(got[line].text if got[line] else None for line in _T10_LINES) == (
        "102,000.00", None, "20,000.00", "82,000.00", None, "82,000.00")
    assert not [f for f in check(real_pdf(XIAN)) if f.rule.startswith("T10")]


def test_deadline_written_under_a_rate_is_no_ceiling_on_the_rate(real_pdf: Reader) -> None:
    """北京国资委 预算表12 (p.18): 时效指标 咨询服务按期完成率 | ≤ | 11 | 月 — done by November, a
    deadline. Read without its unit it looked like a completion rate capped at 11; the 月 that
    follows the figure makes it a date, so no P.floor."""
    document = real_pdf(BEIJING_SASAC)
    lines = [text for target in document.targets for text, source in target.lines if source.page == 18]
    assert any("咨询服务按期完 成率 ≤ 11 月" in text for text in lines)
    assert not [f for f in check(document) if f.rule == "P.floor" and f.source.page == 18]


def test_changchun_vertical_header_cells(real_pdf: Reader) -> None:
    """长春 prints narrow header cells one character per line (国/有/资/本/经/营/预/算), centred in
    their header row beside cells on one or two lines, under group cells (编制预算 | 上年结转) that
    stand over the middle of their columns only. Each stack is one cell, each cell is under its
    group, and the figures go under the cells they stand under."""
    document = real_pdf(CHANGCHUN)
    t2 = document.tables["T2"]  # 收入总表(预算表 2), p.7: one row, 105001 长春市信访局
    unit = t2.rows[0]
    assert unit.values["总计"].value == D("1682.76")
    assert unit.values["一般公共预算"].value == D("1682.76")
    assert unit.values["政府性基金预算"].value == D("0.00")
    for printed in ("编制预算/事业收入", "编制预算/附属单位上缴收入", "上年结转/小计", "上年结转/财政专户管理资金"):
        assert unit.values[printed].value == D("0.00")
    t5 = document.tables["T5"]  # 本年一般公共预算支出表（预算表 5）, p.10: 当年预算 | 上年结转结余
    assert t5.columns_known
    assert values(t5.total())["合计"] == D("1682.76")  # printed 总计：
    assert {k: v for k, v in values(t5.total()).items() if not k.startswith("上年")} == {
        "合计": D("1682.76"), "基本支出": D("1208.20"), "项目支出": D("474.56"), "当年预算/小计": D("1682.76"),
        "当年预算/基本支出/人员经费": D("997.20"), "当年预算/基本支出/公用经费": D("211.00")}
    assert (values(row(t5, "2014002"))["基本支出"], values(row(t5, "2014002"))["项目支出"]) == (D("0.00"), D("458.00"))
    t6 = document.tables["T6"]  # 预算表 6, p.11
    assert (values(row(t6, "301"))["人员经费"], values(row(t6, "301"))["公用经费"]) == (D("911.21"), D("0.00"))
    # read right, the table shows its own mistakes: 301 prints 911.21 over items adding to 920.96
    found = [f for f in check(document) if f.rule == "T6.subtotal" and f.code == "301"]
    assert found and found[0].expected == D("920.96")


def test_quanzhou_unit_from_a_cover_of_three_lines(real_pdf: Reader) -> None:
    """泉州's cover (p.1) prints 2026年度 / 泉州市人民政府办公室 / 部门预算, one per line: the unit is the
    line between the year and the kind, not a phrase of Part 1 (…机关行政科室及12个…)."""
    document = real_pdf(QUANZHOU)
    assert (document.unit, document.year, document.kind) == ("泉州市人民政府办公室", 2026, "部门预算")


def test_project_code_wrapped_over_two_lines(real_pdf: Reader) -> None:
    """北京审计局 预算表12 (p.13): the project cell is too narrow for its code, printed
    11000024T0000028722 / 09-审计质量管理经费 (18.428000) and 11000024T0000028722 / 19-档案数字化、OFD /
    转换及整理 (40.000000); the first wrap is read into another text line than the figures. Each
    project keeps its whole code and name."""
    document = real_pdf(BEIJING_AUDIT)
    targets = next(t for t in document.extra_tables if t.title.startswith("预算表12"))
    named = {row.name: row.values["合计"].value for row in targets.rows}
    assert named["11000024T000002872209-审计质量管理经费"] == D("18.428000")
    assert named["11000024T000002872219-档案数字化、OFD转换及整理"] == D("40.000000")
    assert not any(name.startswith(("09-", "19-")) for name in named)


def test_value_and_unit_cells_side_by_side_are_no_doubled_sign(real_pdf: Reader) -> None:
    """首都绿化办 预算13表 (p.15): 服务接待率 | 定性 | 100% | % — the value cell prints its % and the
    unit cell prints % again; two cells, not the typo 100%% inside one value."""
    document = real_pdf(BEIJING_GREENING)
    assert any("100% %" in text for target in document.targets for text, source in target.lines
               if source.page == 15)
    assert not [f for f in check(document) if f.rule == "P.typo"]


def test_load_of_a_computing_capacity_is_kept_under_a_ceiling(real_pdf: Reader) -> None:
    """北京国资委 预算13表 (p.33): 云主机使用率 | ≤ | 80 | % beside 云主机可用率 | ≥ | 90 | %. A host's
    usage rate is its load, rightly capped; it is no rate that should only rise."""
    document = real_pdf(BEIJING_SASAC)
    assert any("云主机使用率 ≤ 80 %" in text for target in document.targets for text, source in target.lines
               if source.page == 33)
    assert not [f for f in check(document) if f.rule == "P.floor"]
