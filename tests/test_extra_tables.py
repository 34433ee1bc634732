"""Tables the template lacks, read as their concept and checked: 政府采购, 机关运行经费, 三公、会议费、
培训费, the basic-spending table by unit. Each rule is shown silent on the real document and firing,
with the right figures, once one printed figure of that document is changed.

Expected values were read off the rendered pages of tests/data/real (provenance in SOURCES.md).
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema

from yusuan.api import parse
from yusuan.jsonin import from_dict
from yusuan.jsonout import dumps
from yusuan.model import Disclosure
from yusuan.readers import read
from yusuan.readers.base import Extracted
from yusuan.recovery import recover
from yusuan.recovery.together import join
from yusuan.rules import Finding, check

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
SUZHOU = "2026-suzhou-emergency-management-bureau-dept-budget.pdf"
BEIJING_NARRATIVE = "2026-beijing-audit-bureau-dept-budget-narrative.pdf"
BEIJING_TABLES = "2026-beijing-audit-bureau-dept-budget-tables.pdf"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"
YANTAI = "2026-yantai-audit-bureau-dept-budget.pdf"
XIAN = "2026-xian-audit-bureau-dept-budget.pdf"


@cache
def _extracted(name: str) -> Extracted:
    return read(REAL / name)


@cache
def real(name: str) -> Disclosure:
    return recover(copy.deepcopy(_extracted(name)))


def changed(name: str, page: int, anchor: str, old: str, new: str) -> Disclosure:
    """The document with one printed figure changed: the first figure `old` on `page`, at or
    after the line holding `anchor` (a word may hold a whole sentence around it)."""
    extracted = copy.deepcopy(_extracted(name))
    lines = [line for line in extracted.lines if line.source.page == page]
    start = next(index for index, line in enumerate(lines) if anchor in line.text)
    figure = re.compile(rf"(?<![\d.,]){re.escape(old)}(?![\d.,])")
    word = next(word for line in lines[start:] for word in line.words if figure.search(word.text))
    word.text = figure.sub(new, word.text, count=1)
    return recover(extracted)


def findings(disclosure: Disclosure, rule: str) -> list[Finding]:
    return [finding for finding in check(disclosure) if finding.rule == rule]


def _x(disclosure: Disclosure) -> list[str]:
    return [finding.rule for finding in check(disclosure) if finding.rule.startswith("X.")]


# --- read as their concepts --------------------------------------------------------------------------

def test_suzhou_extra_tables_are_read_as_their_concepts() -> None:
    d = real(SUZHOU)
    by_concept = {table.concept: table for table in d.extra_tables}
    # 公开09表 一般公共预算“三公”经费、会议费、培训费支出表: one row, 15.00 0.00 0.00 0.00 0.00 15.00 30.00 105.00
    three = by_concept["three_public"]
    assert {name: amount.value for name, amount in three.figures.items()} == {
        "“三公”经费": Decimal("15.00"), "因公出国（境）费": Decimal("0.00"), "公务用车购置及运行费": Decimal("0.00"),
        "公务用车购置费": Decimal("0.00"), "公务用车运行费": Decimal("0.00"), "公务接待费": Decimal("15.00"),
        "会议费": Decimal("30.00"), "培训费": Decimal("105.00")}
    assert three.figures["会议费"].source.page == 19
    # 公开12表 一般公共预算机关运行经费支出预算表: 合计 474.89
    assert by_concept["running"].figures["合计"].value == Decimal("474.89")
    # 公开13表 政府采购支出表: 合计 1,099.35; 服务 1,099.35
    procurement = by_concept["procurement"]
    assert {k: v.text for k, v in procurement.figures.items()} == {"合计": "1,099.35", "服务": "1,099.35"}
    # the 三公 table no longer runs on as rows of 公开08表 (T6): its last row is 30399
    t6 = d.tables["T6"]
    assert t6.rows[-1].code == "30399" and not any(row.kind == "line" for row in t6.rows)


def test_matters_from_tables_and_narrative() -> None:
    d = real(SUZHOU)
    m = d.matters
    assert (m.running_cost, m.meetings, m.training) == (Decimal("474.89"), Decimal("30.00"), Decimal("105.00"))
    p = m.procurement
    # table: 服务 1,099.35; narrative: 拟采购货物支出 0 万元、拟采购工程支出 0 万元
    assert (p.total, p.goods, p.works, p.services) == (Decimal("1099.35"), Decimal(0), Decimal(0), Decimal("1099.35"))
    assert _x(d) == []


def test_xian_procurement_in_yuan_converts_exactly() -> None:
    d = real(XIAN)
    table = next(t for t in d.extra_tables if t.concept == "procurement")
    assert (table.money_unit, table.figures["合计"].text) == ("元", "4,020,000.00")
    assert d.matters.procurement.total == Decimal("402.00")  # 4,020,000.00 元
    assert _x(d) == []
    wrong = changed(XIAN, 34, "合计", "4,020,000.00", "4,120,000.00")
    [finding] = findings(wrong, "X.procurement")
    assert (finding.stated, finding.expected) == (Decimal("402.00"), Decimal("412.00"))


# --- each rule silent on the document, firing on the changed figure -----------------------------------

def test_procurement_total_against_narrative() -> None:
    wrong = changed(SUZHOU, 23, "合计", "1,099.35", "1,199.35")  # 公开13表 合计
    found = findings(wrong, "X.procurement")
    assert [(f.column, f.stated, f.expected) for f in found] == [("合计", Decimal("1099.35"), Decimal("1199.35"))]
    assert "政府采购支出表" in found[0].message and found[0].source and found[0].source.page == 31


def test_procurement_parts_against_narrative_across_two_files() -> None:
    """Beijing: 预算10表 in the tables file, 政府采购服务预算 4749.95 万元 in the narrative file."""
    right = join([real(BEIJING_TABLES), real(BEIJING_NARRATIVE)])
    assert right.matters.procurement.total == Decimal("4988.729130")
    assert _x(right) == []
    wrong = join([changed(BEIJING_TABLES, 10, "C-服务", "4,749.949530", "4,479.949530"), real(BEIJING_NARRATIVE)])
    found = findings(wrong, "X.procurement")
    assert [(f.column, f.stated, f.expected) for f in found] == [("服务", Decimal("4749.95"), Decimal("4479.949530"))]
    assert found[0].source and found[0].source.file == BEIJING_NARRATIVE


def test_running_cost_against_narrative_and_basic_spending() -> None:
    wrong = changed(SUZHOU, 22, "合计", "474.89", "574.89")  # 公开12表 合计
    [stated] = findings(wrong, "X.running-cost")
    assert (stated.stated, stated.expected) == (Decimal("474.89"), Decimal("574.89"))
    [within] = findings(wrong, "X.running-basic")  # 公开08表 公用经费 474.89
    assert (within.stated, within.expected) == (Decimal("574.89"), Decimal("474.89"))


def test_running_cost_stated_against_basic_spending() -> None:
    """Yantai prints no 机关运行经费 table: its narrative's 210.32 万元 is held against 公开表6's 公用经费 235.33."""
    wrong = changed(YANTAI, 28, "机关运行经费", "210.32", "310.32")
    [finding] = findings(wrong, "X.running-basic")
    assert (finding.stated, finding.expected) == (Decimal("310.32"), Decimal("235.33"))


def test_meetings_against_narrative() -> None:
    # 九、…：年度一般公共预算拨款安排的会议费 / 预算支出 30 万元
    wrong = changed(SUZHOU, 30, "安排的会议费", "30", "20")
    [finding] = findings(wrong, "X.three-public")
    assert (finding.column, finding.stated, finding.expected) == ("会议费", Decimal("20"), Decimal("30.00"))


def test_three_public_table_identity_read_only_where_it_holds() -> None:
    """A row of values is laid out only where its sums hold: 15.00 → 16.00 in the 三公 total breaks
    合计 = 出国 + 车 + 接待, so the figures are not guessed (and nothing is checked against them)."""
    wrong = changed(SUZHOU, 19, "小计", "15.00", "16.00")
    three = next(t for t in wrong.extra_tables if t.concept == "three_public")
    assert three.figures == {}


def test_units_sum_to_the_department() -> None:
    right = real(GUANGZHOU)
    basic = next(t for t in right.extra_tables if t.concept == "basic")
    units = [row for row in basic.rows if row.kind == "unit"]
    assert len(units) == 37 and units[0].name == "广州市生态环境局(本级)"
    # each economic class row keeps the unit it belongs to
    assert next(row for row in basic.rows if row.kind == "class").unit == "广州市生态环境局(本级)"
    assert _x(right) == []
    wrong = changed(GUANGZHOU, 27, "广州市固体废物管理中心", "1,817.66", "1,827.66")
    [finding] = findings(wrong, "X.unit-sum")
    # the 37 units as printed sum to 58,118.60 (each rounded on its own), 10.00 more once changed
    assert (finding.stated, finding.expected) == (Decimal("58118.59"), Decimal("58128.60"))


def test_basic_table_against_spending_total() -> None:
    right = real(YANTAI)
    assert _x(right) == []
    wrong = changed(YANTAI, 22, "合计", "2,776.85", "2,786.85")  # 公开表10 基本支出预算情况表 合计
    [finding] = findings(wrong, "X.basic-total")
    assert (finding.stated, finding.expected) == (Decimal("2786.85"), Decimal("2776.85"))


def test_json_carries_the_tables_and_matters() -> None:
    d = real(SUZHOU)
    data = json.loads(dumps(d))
    jsonschema.validate(data, json.loads((ROOT / "schema" / "disclosure.schema.json").read_text(encoding="utf-8")))
    assert data["matters"]["running_cost"] == "474.89"
    assert data["matters"]["procurement"]["services"] == "1099.35"
    three = next(extra for extra in data["extra_tables"] if extra.get("concept") == "three_public")
    assert three["figures"]["培训费"]["value"] == "105.00" and three["figures"]["培训费"]["source"]["page"] == 19
    back = from_dict(data)
    assert back.matters == d.matters
    assert [(t.concept, t.figures) for t in back.extra_tables] == [(t.concept, t.figures) for t in d.extra_tables]
    # the rules read the JSON's disclosure as they read the document's
    assert [f.rule for f in check(back) if f.rule.startswith("X.")] == []
    wrong = json.loads(dumps(d))
    wrong["matters"]["running_cost"] = "1"
    running = next(extra for extra in wrong["extra_tables"] if extra.get("concept") == "running")
    running["figures"]["合计"]["value"] = "574.89"
    assert [f.expected for f in findings(from_dict(wrong), "X.running-cost")] == [Decimal("574.89")]


def test_matters_from_the_narrative_alone() -> None:
    """Seeds print no 政府采购 or 机关运行经费 table: the fields come from 其他重要事项的情况说明."""
    seeds = ROOT / "samples" / "seeds"
    # 新疆维吾尔自治区医疗保障局本级: 机关运行经费财政拨款预算 176.24 万元；政府采购预算 11302.70 万元，
    # 货物 5183.50、工程 3461.30、服务 2657.90；面向中小企业预留 2861.40 万元
    m = parse(seeds / "004_75a66b6ac3d6fd40.txt").matters
    p = m.procurement
    assert m.running_cost == Decimal("176.24")
    assert (p.total, p.goods, p.works, p.services, p.reserved) == (
        Decimal("11302.70"), Decimal("5183.50"), Decimal("3461.30"), Decimal("2657.90"), Decimal("2861.40"))
    # 克州: “州本级车辆运行经费 2 万元” is not the 机关运行经费 (19.29 万元)
    assert parse(seeds / "000_ed059d2f5e2a2cf7.txt").matters.running_cost == Decimal("19.29")


def test_three_public_table_against_t10() -> None:
    """Suzhou prints no separate T10; given one (as its JSON) whose 合计 differs from 公开09表's 15.00."""
    data = json.loads(dumps(real(SUZHOU)))
    assert data["tables"]["T10"]["present"] is False
    data["tables"]["T10"] = {"present": True, "title": "财政拨款“三公”经费支出情况表", "note": None,
                             "money_unit": "万元", "places": 2, "columns_known": True,
                             "rows": [{"kind": "total", "code": None, "name": "合计", "values": {"合计": "16.00"},
                                       "source": None}]}
    found = findings(from_dict(data), "X.three-public")
    assert [(f.column, f.stated, f.expected) for f in found] == [("“三公”经费", Decimal("15.00"), Decimal("16.00"))]
