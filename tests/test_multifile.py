"""One disclosure in several files (Beijing: the 情况说明 and the 报表 as two PDFs), and the
tolerance of every check following each table's money unit and printed precision.

Expected values were read off the rendered pages of tests/data/real (provenance in SOURCES.md).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.api import parse, parse_grouped, parse_together
from yusuan.model import Disclosure
from yusuan.readers.pdf import read_pdf
from yusuan.readers.text import extract_lines
from yusuan.recovery import TABLES_ELSEWHERE, recover
from yusuan.rules import Finding, check

from .test_rules import CONSISTENT, _table_span, consistent_text

REAL = Path(__file__).resolve().parent / "data" / "real"
NARRATIVE = REAL / "2026-beijing-audit-bureau-dept-budget-narrative.pdf"
TABLES = REAL / "2026-beijing-audit-bureau-dept-budget-tables.pdf"
SHANGHAI = REAL / "2026-shanghai-audit-bureau-unit-budget.pdf"


@cache
def together() -> Disclosure:
    return parse_together([NARRATIVE, TABLES])


@cache
def alone(path: Path) -> Disclosure:
    return parse(path)


def test_the_pair_reads_as_one_disclosure() -> None:
    d = together()
    assert (d.unit, d.year, d.kind) == ("北京市审计局", 2026, "部门预算")
    assert sorted(d.files) == [NARRATIVE.name, TABLES.name]
    # 预算01表 收支总表: 一、一般公共预算拨款收入 32,365.090089 (万元, six decimals as printed)
    t1 = d.tables["T1"]
    assert t1.present and t1.title == "预算01表收支总表"
    income = next(row for row in t1.rows if row.name == "本年收入/一般公共预算拨款")
    figure = income.values["预算数"]
    assert (figure.value, figure.text) == (Decimal("32365.090089"), "32,365.090089")
    assert figure.source.file == TABLES.name and figure.source.page == 1
    assert (t1.money_unit, t1.places) == ("万元", 6)
    # 情况说明 二、收入预算情况说明: 2026年度收入预算 32852.05 万元, on the narrative's page 6
    stated = next(s for s in d.statements if s.amount == Decimal("32852.05"))
    assert stated.section.startswith("二、收入预算情况说明")
    assert (stated.source.file, stated.source.page) == (NARRATIVE.name, 6)
    assert "三、支出预算情况说明" in d.sections
    assert not any(p.message == TABLES_ELSEWHERE for p in d.problems)
    assert not any(p.source and p.source.file == NARRATIVE.name and p.table for p in d.problems)


def test_the_files_are_grouped_by_content_not_by_name(tmp_path: Path) -> None:
    # names that say nothing, given in the opposite order, with an unrelated disclosure between
    a, b = tmp_path / "x1.pdf", tmp_path / "x2.pdf"
    a.write_bytes(TABLES.read_bytes())
    b.write_bytes(NARRATIVE.read_bytes())
    grouped = parse_grouped([a, SHANGHAI, b])
    assert [[file.name for file in files] for files, _ in grouped] == [["x1.pdf", "x2.pdf"], [SHANGHAI.name]]
    joined = grouped[0][1]
    assert isinstance(joined, Disclosure) and joined.unit == "北京市审计局" and joined.statements


def test_the_narrative_alone_yields_what_it_has() -> None:
    d = alone(NARRATIVE)
    assert (d.year, d.kind) == (2026, "部门预算")
    assert any(s.amount == Decimal("32852.05") for s in d.statements)
    assert [p.message for p in d.problems if p.message == TABLES_ELSEWHERE] == [TABLES_ELSEWHERE]
    # one finding says the tables are missing, not one per table
    assert [f.rule for f in check(d) if f.rule.startswith("C.")] == ["C.missing-table"]


def test_a_title_in_a_font_not_embedded_is_read() -> None:
    # the narrative's title, 方正小标宋 (FZXiaoBiaoSong-B05S) not embedded: PDFium draws no glyph
    # for it; the font's ToUnicode map still says what it is (pdftotext shows the same line)
    first = read_pdf(NARRATIVE).lines[0]
    assert "".join(word.text for word in first.words) == "北京市审计局2026年度部门预算信息公开"
    assert first.source.page == 1 and first.source.bbox is not None
    assert alone(NARRATIVE).unit == "北京市审计局"


def test_the_tables_alone_name_their_unit_and_year() -> None:
    """No cover: 部门名称 北京市审计局 and （2026年度） under 预算13表's title name them."""
    d = alone(TABLES)
    assert (d.unit, d.year) == ("北京市审计局", 2026)
    assert d.tables["T5"].present and d.tables["T5"].places == 6


def test_cli_parse_together_and_check(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "yusuan.cli"]
    shown = subprocess.run([*run, "parse", "-t", str(NARRATIVE), str(TABLES)], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "北京市审计局" in shown.stdout and "2026 年部门预算" in shown.stdout
    assert "未识别为预算公开文件" not in shown.stderr and TABLES_ELSEWHERE not in shown.stderr
    checked = subprocess.run([*run, "check", "--format", "json", str(TABLES), str(NARRATIVE)],
                             capture_output=True, text=True)
    assert checked.returncode in (0, 1), checked.stdout
    assert [item["file"] for item in json.loads(checked.stdout)] == [f"{TABLES.name} ＋ {NARRATIVE.name}"]


def test_shanghai_tables_in_yuan() -> None:
    """编制单位：上海市审计局 单位：元; figures printed as whole 元 (195,774,300)."""
    d = alone(SHANGHAI)
    for table_id in ("T1", "T2", "T3"):
        table = d.tables[table_id]
        assert (table.money_unit, table.places) == ("元", 0), table_id
    total = d.tables["T3"].total()  # 2026年预算单位支出预算总表, 合计 195,774,300 元
    assert total is not None
    assert (total.values["合计"].value, total.values["合计"].text) == (Decimal(195774300), "195,774,300")


# --- tolerance by printed precision: the consistent seed with its 表5 reprinted --------------------

_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*\.\d{2}(?![\d.])")


def _reprinted(convert: callable, unit: str, changes: tuple[tuple[str, str], ...]) -> list[Finding]:  # type: ignore[valid-type]
    """The consistent copy with 表5 (T5) reprinted: its unit line, every figure converted, then
    the given lines changed."""
    text = consistent_text()
    begin, end = _table_span(text, 5)
    table = text[begin:end].replace("单位：万元", f"单位：{unit}")
    table = _FIGURE.sub(lambda m: convert(Decimal(m.group(0).replace(",", ""))), table)
    for old, new in changes:
        assert table.count(old) == 1, old
        table = table.replace(old, new)
    disclosure = recover(extract_lines(text[:begin] + table + text[end:], CONSISTENT.name))
    return check(disclosure)


def _yuan(value: Decimal) -> str:
    return f"{int(value * 10000):,}"


def _six(value: Decimal) -> str:
    return f"{value:.6f}"


def _yuan_chain(extra: int) -> tuple[tuple[str, str], ...]:
    """行政运行 and every row above it (款, 类, 合计) `extra` 元 more, in 合计 and 基本支出: the table
    adds up, and in 万元 to two decimals it prints as before when `extra` is under 50."""
    def more(*figures: int) -> str:
        return " ".join(f"{figure + extra:,}" if index < 2 else f"{figure:,}" for index, figure in enumerate(figures))
    return (
        ("行政运行 2,390,800 2,390,800", f"行政运行 {more(2390800, 2390800)}"),
        ("210 卫生健康支出 8,736,600 3,800,200 4,936,400", f"210 卫生健康支出 {more(8736600, 3800200, 4936400)}"),
        ("医疗保障管理事务 8,736,600 3,800,200 4,936,400", f"医疗保障管理事务 {more(8736600, 3800200, 4936400)}"),
        ("合 计 9,332,800 4,396,400 4,936,400", f"合 计 {more(9332800, 4396400, 4936400)}"),
    )


def test_a_table_in_yuan_agrees_with_tables_in_wanyuan() -> None:
    assert _reprinted(_yuan, "元", ()) == []
    # 30 元 more: still 239.08 万元 to two decimals, which is all the other tables print
    assert _reprinted(_yuan, "元", _yuan_chain(30)) == []


def test_a_table_in_yuan_off_by_more_than_rounding() -> None:
    found = _reprinted(_yuan, "元", _yuan_chain(3000))  # 0.30 万元 more than the other tables say
    assert {f.table for f in found} >= {"T5"}
    assert not any(f.rule.endswith("row-total") for f in found)  # the table itself still adds up


def test_a_whole_yuan_table_tolerates_no_more_than_its_own_rounding() -> None:
    found = _reprinted(_yuan, "元", (("行政运行 2,390,800 2,390,800", "行政运行 2,390,802 2,390,800"),))
    rows = [f for f in found if f.rule == "T5.row-total"]
    assert [(f.code, f.stated, f.expected) for f in rows] == [("2101501", Decimal(2390802), Decimal(2390800))]


def test_a_six_decimal_table() -> None:
    assert _reprinted(_six, "万元", ()) == []
    found = _reprinted(_six, "万元", (("行政运行 239.080000 239.080000", "行政运行 239.080004 239.080000"),))
    rows = [f for f in found if f.rule == "T5.row-total"]
    assert [(f.code, f.stated, f.expected) for f in rows] == [
        ("2101501", Decimal("239.080004"), Decimal("239.080000"))]
