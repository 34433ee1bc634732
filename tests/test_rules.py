"""Each rule finds the error injected into an otherwise consistent real document, at its place,
with what the document states and what it should be; the consistent document gives nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from yusuan.readers.text import extract_lines
from yusuan.recovery import recover
from yusuan.rules import Finding, catalogue, check

from .conftest import SEEDS, parsed

ROOT = Path(__file__).resolve().parent.parent
CONSISTENT = SEEDS[0]  # 000: consistent but for its own two mistakes, corrected in the copy used here
MISTAKES = (
    ("电话通讯服务\n\n费1..75万元", "电话通讯服务\n\n费1.75万元"),  # a typo in Part 3
    ("234 抗疫特别国债还本支出", "234 抗疫特别国债安排的支出"),  # T4 names 类 234 unlike T1
    (">=95%%", ">=95%"),  # a doubled per cent sign in a performance target
    ("=100% 计划标准 12 次 5", "=100% 计划标准 100% 5"),  # last year's value copied from the row above
    ("=100% 计划标准 12 次 6", "=100% 计划标准 100% 6"),
    ("率（人）", "率（%）"),  # a rate named in persons
    ("诊费用\n\n（%）", "诊费用\n\n（万元）"),  # a cost named in per cent
)


def consistent_text() -> str:
    text = CONSISTENT.read_text(encoding="utf-8")
    for wrong, right in MISTAKES:
        assert text.count(wrong) == 1
        text = text.replace(wrong, right)
    return text


def findings_of(text: str) -> list[Finding]:
    return check(recover(extract_lines(text, CONSISTENT.name)))


def _table_span(text: str, number: int) -> tuple[int, int]:
    start = re.search(rf"^ *表 *{number}$", text, re.M)
    end = re.search(rf"^ *表 *{number + 1}$|^ *第三部分", text[start.end():], re.M)  # type: ignore[union-attr]
    assert start and end
    return start.start(), start.end() + end.start()


def in_table(number: int, old: str, new: str) -> list[Finding]:
    """The consistent document with `old` changed to `new` inside table `number` only."""
    text = consistent_text()
    begin, end = _table_span(text, number)
    assert text.count(old, begin, end) == 1, old
    return findings_of(text[:begin] + text[begin:end].replace(old, new) + text[end:])


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


def test_the_consistent_document_gives_no_finding() -> None:
    assert findings_of(consistent_text()) == []


def test_the_seed_itself_has_its_mistakes_found() -> None:
    assert sorted((f.rule, f.table or "", f.quote or "") for f in check(parsed(CONSISTENT))) == [
        ("K.consistent", "T4", "抗疫特别国债还本支出"), ("N.typo", "", "1..75"),
        ("P.last-year-unit", "", "基金安全运行率（%）"), ("P.last-year-unit", "", "资金支付及时率（%）"),
        ("P.name-unit", "", "二次报销费用、门诊费用（%）"), ("P.name-unit", "", "资金拨付及时率（人）"),
        ("P.typo", "", ">=95%%")]


def test_row_total() -> None:
    found = only(in_table(3, "210 15 01 行政运行 239.08 239.08", "210 15 01 行政运行 239.08 239.80"), "T3.row-total")
    assert [(f.table, f.code, f.column, f.stated, f.expected) for f in found] == [
        ("T3", "2101501", "合计", Decimal("239.08"), Decimal("239.80"))]
    assert "239.08" in found[0].message and "239.80" in found[0].message
    assert found[0].source is not None and found[0].source.line


def test_subtotal() -> None:
    found = only(in_table(6, "302 01 办公费 3.70 3.70", "302 01 办公费 3.90 3.90"), "T6.subtotal")
    assert {(f.code, f.column, f.stated, f.expected) for f in found} == {
        ("302", "合计", Decimal("19.29"), Decimal("19.49")),
        ("302", "公用经费", Decimal("19.29"), Decimal("19.49")),
    }


def test_income_lines_add_up_in_the_ledger() -> None:
    found = only(in_table(1, "其中：一般财力 784.04", "其中：一般财力 784.40"), "T1.subtotal")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("933.28"), Decimal("933.64"))]


def test_cross_table_income() -> None:
    found = only(in_table(1, "其中：一般财力 784.04", "其中：一般财力 784.40"), "T2-T1.一般公共预算")
    assert [(f.table, f.column, f.stated, f.expected) for f in found] == [
        ("T2", "一般公共预算", Decimal("784.04"), Decimal("784.40"))]


def test_projects_by_code() -> None:
    findings = in_table(7, "离休人员医疗费项目 300.00 300.00", "离休人员医疗费项目 310.00 310.00")
    found = only(findings, "T7-T5.project-by-code")
    assert [(f.code, f.stated, f.expected) for f in found] == [("2101599", Decimal("354.40"), Decimal("344.40"))]


def test_missing_table() -> None:
    text = consistent_text()
    begin, end = _table_span(text, 9)
    findings = findings_of(text[:begin] + text[end:])
    assert [(f.rule, f.table) for f in findings] == [("C.missing-table", "T9")]


def test_empty_table_without_its_note() -> None:
    text = consistent_text()
    begin, end = _table_span(text, 8)
    body = re.sub(r"备注：[\s\S]*?为空表。", "", text[begin:end])
    findings = findings_of(text[:begin] + body + text[end:])
    assert [(f.rule, f.table) for f in findings] == [("C.empty-note", "T8")]


def test_staff_add_up() -> None:
    found = only(findings_of(consistent_text().replace("退休 8 人", "退休 7 人", 1)), "S.actual")
    assert [(f.stated, f.expected) for f in found] == [(Decimal(30), Decimal(29))]


def test_every_rule_is_documented() -> None:
    ids = [rule.id for rule in catalogue()]
    assert len(ids) == len(set(ids))
    for rule in catalogue():
        assert rule.title and rule.why and rule.severity in ("错误", "警告", "提示")


@pytest.mark.parametrize(("seed", "status"), [(None, 0), (SEEDS[2], 1)], ids=["consistent", "002"])
def test_check_command_exit_status_and_json(seed: Path | None, status: int, tmp_path: Path) -> None:
    if seed is None:  # the consistent copy of seed 000
        seed = tmp_path / CONSISTENT.name
        seed.write_text(consistent_text(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "check", str(seed), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == status, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schema" / "findings.schema.json").read_text(encoding="utf-8")))
    assert report[0]["file"] == seed.name
    assert any(finding["severity"] == "错误" for finding in report[0]["findings"]) == bool(status)


def test_check_command_unreadable(tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "check", str(empty)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "文件为空" in result.stdout


def test_html_report_escapes_document_text(tmp_path: Path) -> None:
    from yusuan.report import as_html

    finding = Finding("T3.row-total", "错误", "<script>alert(1)</script>")
    page = as_html([("a.txt", [finding])])
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_share() -> None:
    text = consistent_text()
    assert text.count("占 74.79%") == 1
    found = only(findings_of(text.replace("占 74.79%", "占 75.79%")), "N.share")
    assert [(f.stated, f.expected, f.quote) for f in found] == [
        (Decimal("75.79"), Decimal("74.79"), "一般公共预算784.04万元，占75.79%，比上年预算增加347.40万元，增长79.56%")]
    assert found[0].source is not None and found[0].source.line


def test_growth() -> None:
    text = consistent_text()
    assert text.count("增长 79.56%") == 1
    found = only(findings_of(text.replace("增长 79.56%", "增长 97.56%")), "N.growth")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("97.56"), Decimal("79.56"))]


def test_growth_in_the_wrong_direction() -> None:
    text = consistent_text()
    found = only(findings_of(text.replace("增长 79.56%", "下降 79.56%")), "N.growth")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("-79.56"), Decimal("79.56"))]


def test_typo() -> None:
    found = only(check(parsed(CONSISTENT)), "N.typo")
    assert [(f.quote, f.source.line if f.source else None) for f in found] == [("1..75", 1421)]


def test_narrative_amount_against_the_tables() -> None:
    text = consistent_text()
    assert text.count("一般公共预算 784.04 万元") == 1
    found = only(findings_of(text.replace("一般公共预算 784.04 万元", "一般公共预算 784.40 万元")), "N.amount")
    assert [(f.table, f.column, f.stated, f.expected) for f in found] == [
        ("T1", "预算数", Decimal("784.40"), Decimal("784.04"))]


def test_narrative_class_amount_against_the_tables() -> None:
    text = consistent_text()
    old = "社会保障和就业支出（类）59.62 万元"
    assert text.count(old) == 1
    found = only(findings_of(text.replace(old, "社会保障和就业支出（类）69.62 万元")), "N.amount")
    assert [(f.table, f.code, f.stated, f.expected) for f in found] == [
        ("T5", "208", Decimal("69.62"), Decimal("59.62"))]


def test_narrative_item_that_the_table_does_not_name() -> None:
    text = consistent_text()
    old = "医疗保障管理事务（款）行政运\n\n行（项）"
    assert text.count(old) == 1
    found = only(findings_of(text.replace(old, "医疗保障管理事务（款）行政运\n\n转（项）")), "N.subject")
    assert len(found) == 1 and "行政运转（项）" in (found[0].quote or "")


def test_sangong_part_against_table_10() -> None:
    text = consistent_text()
    assert text.count("公务接待费 1.50 万元") == 1
    findings = findings_of(text.replace("公务接待费 1.50 万元", "公务接待费 1.80 万元"))
    assert [(f.table, f.stated, f.expected) for f in only(findings, "N.amount")] == [
        ("T10", Decimal("1.80"), Decimal("1.50"))]
    assert [(f.stated, f.expected) for f in only(findings, "N.parts")] == [(Decimal("9.50"), Decimal("9.80"))]


def test_procurement_parts() -> None:
    text = consistent_text()
    old = "政府采购服务预算 184.02"
    assert text.count(old) == 1
    found = only(findings_of(text.replace(old, "政府采购服务预算 184.20")), "N.parts")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("205.92"), Decimal("206.10"))]


def test_running_costs_against_basic_spending() -> None:
    text = consistent_text()
    old = "行经费财政拨款预算 19.29 万元"
    assert text.count(old) == 1
    found = only(findings_of(text.replace(old, "行经费财政拨款预算 19.92 万元")), "X.running-basic")
    assert [(f.table, f.column, f.stated, f.expected) for f in found] == [
        ("T6", "公用经费", Decimal("19.92"), Decimal("19.29"))]
    # less than T6's 公用经费 is no mistake: the 行政 and 参公 units' part of all units' (湖州市财政局)
    less = findings_of(text.replace(old, "行经费财政拨款预算 18.29 万元"))
    assert not only(less, "X.running-basic") and not only(less, "N.amount")


def test_comparison_with_the_wrong_year() -> None:
    text = consistent_text()
    assert "比上年预算增" in text
    found = only(findings_of(text.replace("比上年预算增", "比2024年预算增", 1)), "N.year")
    assert [(f.stated, f.expected) for f in found] == [(Decimal(2024), Decimal(2023))]


def test_same_code_two_names() -> None:
    found = only(in_table(3, "210 15 50 事业运行", "210 15 50 事业单位运行"), "K.consistent")
    assert [(f.table, f.code, f.quote) for f in found] == [("T3", "2101550", "事业单位运行")]


def test_code_name_against_the_classification() -> None:
    text = consistent_text().replace("210 15 50 事业运行", "210 15 50 事业单位运行")
    findings = findings_of(text)
    assert [(f.table, f.code, f.quote) for f in only(findings, "K.name")] == [("T2", "2101550", "事业单位运行")]
    assert only(findings, "K.consistent") == []


def test_unknown_code_is_a_notice() -> None:
    text = consistent_text().replace("210 15 50 事业运行", "210 15 98 事业运行")
    found = only(findings_of(text), "K.unknown")
    assert [(f.severity, f.code) for f in found] == [("提示", "2101598")]


def test_project_funds_against_table_7() -> None:
    text = consistent_text()
    start = text.index("项目名称 医保业务经费")
    at = text.index("财政拨款\n11.00", start)
    changed = text[:at] + "财政拨款\n12.00" + text[at + len("财政拨款\n11.00"):]
    found = only(findings_of(changed), "P.funds")
    assert [(f.quote, f.stated, f.expected) for f in found] == [("医保业务经费", Decimal("12.00"), Decimal("11.00"))]


def test_floor_target_written_as_a_ceiling() -> None:
    text = consistent_text()
    start = text.index("项目名称 医保业务经费")
    at = text.index(">=95%", start)
    found = only(findings_of(text[:at] + "<=95%" + text[at + 5:]), "P.floor")
    assert len(found) == 1
    assert found[0].quote == "满意度(%)<=95%" and "≥95%" in found[0].message


def test_funds_with_targets_within_the_project_budget() -> None:
    text = consistent_text()
    assert text.count("算金额 493.64 万元") == 1
    found = only(findings_of(text.replace("算金额 493.64 万元", "算金额 1,048.38 万元")), "N.targeted-funds")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("1048.38"), Decimal("493.64"))]


def _replaced(old: str, new: str, after: str = "") -> list[Finding]:
    """The consistent document with the first `old` after `after` changed to `new`."""
    text = consistent_text()
    at = text.index(old, text.index(after) if after else 0)
    return findings_of(text[:at] + new + text[at + len(old):])


def test_project_scale_against_table_7() -> None:
    found = only(_replaced("预算安排规模：300.00 万元", "预算安排规模：310.00 万元"), "N.project-scale")
    assert [(f.table, f.quote, f.stated, f.expected) for f in found] == [
        ("T7", "离休人员医疗费项目", Decimal("310.00"), Decimal("300.00"))]


def test_distribution_adds_up_to_the_scale() -> None:
    found = only(_replaced("支付方式改革 50 万元", "支付方式改革 45 万元"), "N.distribution")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("130"), Decimal("135.00"))]
    assert "50 + 35 + 45" in found[0].message


def test_vehicles_add_up() -> None:
    found = only(_replaced("其他车辆 1 辆，价值 17.96 万元", "其他车辆 2 辆，价值 17.69 万元"), "N.assets")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("2"), Decimal("3")),
                                                      (Decimal("52.31"), Decimal("52.04"))]


def test_reserved_procurement_within_the_total() -> None:
    found = only(_replaced("205.92", "250.92", "面向中小"), "N.reserved")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("250.92"), Decimal("205.92"))]


def test_no_vehicle_purchase_said_but_table_10_buys() -> None:
    found = only(in_table(10, "其中：公务用车购置费\n", "其中：公务用车购置费 5.00 5.00\n"), "N.vehicle-purchase")
    assert [(f.table, f.stated, f.expected) for f in found] == [("T10", Decimal(0), Decimal("5.00"))]


def test_weights_add_up_to_ninety() -> None:
    found = only(_replaced("行业标准 119406 人 6", "行业标准 119406 人 7"), "P.weights")
    assert [(f.quote, f.stated, f.expected) for f in found] == [("医保业务经费", Decimal(91), Decimal(90))]


def test_last_year_value_as_a_fraction_of_a_percentage() -> None:
    changed = _replaced(">=95% 计划标准 95% 10", ">=95% 计划标准 0.95 10", "项目名称 基金监管专项经费项目")
    found = only(changed, "P.last-year-unit")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("0.95"), Decimal("95.00"))]


def test_goal_copied_from_another_field() -> None:
    # 干部保健费项目's goal, which names nothing of 医保's own field, with another field's words
    found = only(_replaced("通过该项目的实施，使克州副厅级以上领导", "提高教育教学质量，解决学生资助资金不足问题，使"),
                 "P.foreign-text")
    assert [f.quote is not None and "学生" in f.quote for f in found] == [True]
    assert "教育支出" in found[0].message


def test_goal_in_its_own_field_reaching_into_another_is_no_copy() -> None:
    # 医保业务经费's goal speaks of 医疗保险 and 医保: a phrase of another field beside them is the
    # unit's own work reaching there (广州 生态环境局: 机动车排放 on 公路 and 道路), not a copy
    changed = _replaced("提高全州医保经办服务人员业务水平", "提高教育教学质量，解决学生资助资金不足问题")
    assert not [f for f in changed if f.rule == "P.foreign-text"]


def test_name_of_an_earlier_edition() -> None:
    found = only(in_table(2, "208 05 行政事业单位养老支出", "208 05 行政事业单位离退休"), "K.edition")
    assert [(f.table, f.code, f.quote) for f in found] == [("T2", "20805", "行政事业单位离退休")]
    assert "2021" in found[0].message and "行政事业单位养老支出" in found[0].message


def test_part3_section_missing() -> None:
    text = consistent_text()
    heading = "\n十、关于"  # the 三公 section's heading, its numbering removed: no such section any more
    assert text.count(heading) == 1
    found = only(findings_of(text.replace(heading, "\n关于")), "C.missing-section")
    assert [(f.severity, f.message) for f in found] == [("警告", "第三部分没有“财政拨款“三公”经费预算情况说明”")]


def test_a_table_of_another_layout_is_read_but_not_checked() -> None:
    """A header without the template's columns: the amounts are kept, the identities are not
    checked on a guess, and the reader says so."""
    text = consistent_text()
    begin, end = _table_span(text, 5)
    table = text[begin:end].replace("合 计 基本支出 项目支出", "本年预算 上年预算 增减").replace(
        "208 05 01 行政单位离退休 16.40 16.40", "208 05 01 行政单位离退休 16.40 16.90")
    disclosure = recover(extract_lines(text[:begin] + table + text[end:], CONSISTENT.name))
    assert not disclosure.tables["T5"].columns_known and disclosure.tables["T5"].rows
    assert [p.table for p in disclosure.problems if "表头与模板不同" in p.message] == ["T5"]
    assert [f for f in check(disclosure) if f.table == "T5" or (f.rule.startswith("T5"))] == []


def test_last_year_value_in_another_unit() -> None:
    found = only(_replaced("行业标准 119406 人 6", "行业标准 119406 次 6"), "P.last-year-unit")
    assert [(f.quote, f.stated) for f in found] == [("医疗保险参保人数（人）", Decimal(119406))]
    assert "“人”" in found[0].message and "“次”" in found[0].message


def test_indicator_named_in_another_unit() -> None:
    found = only(_replaced("参保\n\n人数\n\n（人）", "参保\n\n人数\n\n（元）"), "P.name-unit")
    assert [f.quote for f in found] == ["医疗保险参保人数（元）"]


def test_this_years_budget_under_another_year() -> None:
    found = only(_replaced("2024 年预算数为 16.40", "2023 年预算数为 16.40"), "N.budget-year")
    assert [(f.stated, f.expected) for f in found] == [(Decimal(2023), Decimal(2024))]


def test_change_of_an_item_stated_twice() -> None:
    # the reason given for a change names an item's change unlike the item's own statement (−250.00)
    found = only(_replaced("主要原因是一是我单位当年调入", "主要原因是信息化建设减少 205.00 万元，一是我单位当年调入"),
                 "N.change-twice")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("-205.00"), Decimal("-250.00"))]


def test_template_wording_left_in() -> None:
    found = only(_replaced("公务用车购置费增加 0.00 万元", "公务用车购置费增加（减少）0.00 万元"), "W.placeholder")
    assert [f.quote for f in found] == ["增加(减少)"]


def test_reason_left_empty() -> None:
    found = only(_replaced("主要原因是一是我单位当年调入", "主要原因是。一是我单位当年调入"), "W.punctuation")
    assert [f.quote for f in found] == ["主要原因是。"]


def test_administration_item_with_project_spending() -> None:
    found = only(in_table(3, "210 15 01 行政运行 239.08 239.08", "210 15 01 行政运行 239.08 229.08 10.00"),
                 "K.admin-project")
    assert [(f.table, f.code, f.stated) for f in found] == [("T3", "2101501", Decimal("10.00"))]
