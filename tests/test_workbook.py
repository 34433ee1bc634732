"""The workbook: the empty template a unit fills, and the filled workbook `write` makes of data,
read back exactly; a bad cell is named by its sheet and cell."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yusuan.errors import UnreadableError
from yusuan.jsonout import table_dict
from yusuan.template import TABLES
from yusuan.writing import complete, inputs_of, write
from yusuan.writing.sheets import FILL, FORMULA, SHEETS, WRONG, sheet_name
from yusuan.writing.workbook_read import read_workbook

from .conftest import SEEDS
from .writing_support import data_of


def _table(disclosure, table_id: str) -> dict:  # type: ignore[no-untyped-def]
    """A table as its JSON says it; a total row's label is the printer's, and which figures the
    recovery was unsure of, and how the document printed them, is about the text it read, not data."""
    out = table_dict(disclosure.tables[table_id])
    out.pop("places")
    for row in out["rows"]:
        row.pop("source")
        row.pop("uncertain", None)
        row.pop("printed", None)
        if row["kind"] == "total":
            row["name"] = None
    out.pop("title")
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_filled_workbook_reads_back_exactly(tmp_path: Path, seed: Path) -> None:
    data = complete(data_of(seed))
    book = tmp_path / "数据.xlsx"
    write(data, book)
    back, inputs = read_workbook(book)
    assert (back.unit, back.year, back.kind, back.level) == (data.unit, data.year, data.kind, data.level)
    assert back.overview.functions == data.overview.functions
    assert back.overview.offices == data.overview.offices
    for spec in TABLES:
        assert _table(back, spec.id) == _table(data, spec.id), spec.id  # values as exact decimal strings
    assert inputs.last_year == inputs_of(data).last_year


def test_sums_are_formulas_and_a_wrong_sum_is_kept_in_red(tmp_path: Path) -> None:
    book = tmp_path / "数据.xlsx"
    write(data_of(next(seed for seed in SEEDS if seed.name.startswith("002"))), book)
    sheet = load_workbook(book)[sheet_name("T3")]
    cells = {sheet.cell(r, 5).value: r for r in range(1, sheet.max_row + 1)}
    total = sheet.cell(cells["卫生健康支出"], 6)  # 合计 of 210: stated 375.41, its parts add to 386.66
    assert repr(total.value) == "375.41" and total.fill.fgColor.rgb.endswith(WRONG.fgColor.rgb[-6:])
    assert "386.66" in total.comment.text
    operation = sheet.cell(cells["行政运行"], 6)  # a row that adds up: its 合计 is a formula
    assert str(operation.value).startswith("=") and operation.fill.fgColor.rgb.endswith(FORMULA.fgColor.rgb[-6:])


def test_template_has_every_table_with_its_headers(tmp_path: Path) -> None:
    template = tmp_path / "模板.xlsx"
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "template", "-o", str(template)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    book = load_workbook(template)
    for spec in TABLES:
        sheet = book[sheet_name(spec.id)]
        printed = {str(cell.value) for row in sheet.iter_rows(min_row=3, max_row=6) for cell in row if cell.value}
        leaves = {label.split("/")[-1] for label in (c.label for c in spec.columns)}
        assert leaves <= printed, spec.id
    assert set(SHEETS.values()) <= set(book.sheetnames)
    t3 = book[sheet_name("T3")]
    assert t3.cell(6, 2).fill.fgColor.rgb.endswith(FILL.fgColor.rgb[-6:])  # to be filled
    assert t3.cell(6, 6).value == "=SUM(G6,H6)"  # 合计 = 基本支出 + 项目支出
    t1 = book[sheet_name("T1")]
    assert any(t1.cell(r, 4).value == "卫生健康支出" for r in range(5, t1.max_row + 1))  # the 类 listed


def test_filled_template_is_read_with_its_formulas(tmp_path: Path) -> None:
    template = tmp_path / "模板.xlsx"
    write(complete(data_of(SEEDS[0])), template)
    book = load_workbook(template)
    sheet = book[sheet_name("T3")]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 5).value == "行政运行")
    sheet.cell(row, 7).value = 240.08  # 基本支出 of 2101501, one more than before
    book.save(template)
    back, _ = read_workbook(template)
    rows = {r.code: r for r in back.tables["T3"].rows if r.code}
    assert rows["2101501"].values["合计"].value == Decimal("240.08")
    assert rows["21015"].values["合计"].value == Decimal("989.76")  # the 款 and 类 follow by formula
    assert back.tables["T3"].total().values["合计"].value == Decimal("1049.38")


def test_a_bad_cell_is_named(tmp_path: Path) -> None:
    book_path = tmp_path / "数据.xlsx"
    write(complete(data_of(SEEDS[0])), book_path)
    book = load_workbook(book_path)
    book[sheet_name("T5")].cell(8, 7).value = "12..5"
    book.save(book_path)
    with pytest.raises(UnreadableError) as error:
        read_workbook(book_path)
    assert "工作表“表5 一般公共预算支出情况表”单元格 G8" in error.value.message and "12..5" in error.value.message


def test_strict_names_the_sheet_and_cell(tmp_path: Path) -> None:
    book = tmp_path / "数据.xlsx"
    write(data_of(next(seed for seed in SEEDS if seed.name.startswith("002"))), book)
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(book), "-o", str(tmp_path / "x.pdf"),
                             "--strict"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "工作表“表3 支出总体情况表”单元格 F" in result.stderr


def test_an_unfilled_template_is_refused_in_strict_mode(tmp_path: Path) -> None:
    template = tmp_path / "模板.xlsx"
    subprocess.run([sys.executable, "-m", "yusuan.cli", "template", "-o", str(template)], check=True, timeout=120)
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(template), "-o",
                             str(tmp_path / "x.pdf"), "--strict"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and not (tmp_path / "x.pdf").exists()
    assert "工作表“概况”单元格 B2：单位名称未填写" in result.stderr


def _with_targets(tmp_path: Path, satisfaction: str) -> Path:
    """Seed 000's corrected data as a filled workbook, with its performance targets filled in."""
    from .writing_support import corrected_data

    book_path = tmp_path / "数据.xlsx"
    write(corrected_data(SEEDS[0]), book_path)
    book = load_workbook(book_path)
    sheet = book[SHEETS["targets"]]
    sheet.delete_rows(2, sheet.max_row)  # the seed's own targets make way for these
    # a target's funds and goal, then template/performance.py's columns: 一级 二级 三级 指标值 依据 上年 权重
    rows = [
        ["", Decimal("1048.38"), Decimal("1043.38"), Decimal("5.00"), "保障全民参保，提高医保经办服务水平。",
         "产出指标", "数量指标", "参保率(%)", ">=95%", "", "", 90],
        ["医保业务经费", Decimal("11.00"), Decimal("11.00"), 0, "保障医保业务正常开展。",
         "产出指标", "数量指标", "培训人次", ">=200人次", "", "", 50],
        ["医保业务经费", None, None, None, None, "满意度指标", "服务对象满意度指标", "满意度(%)", satisfaction, "", "",
         40],
    ]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c).value = value
    reasons = book[SHEETS["reasons"]]
    reasons.cell(2, 3).value = "在职人员工资调增"  # 收入 / 一般公共预算
    book.save(book_path)
    return book_path


def test_performance_targets_and_reasons_from_the_workbook(tmp_path: Path) -> None:
    from yusuan.api import parse
    from yusuan.rules import check

    from .writing_support import pdf_text

    disclosure, inputs = read_workbook(_with_targets(tmp_path, ">=95%"))
    assert [(t.project, t.fiscal, len(t.indicators)) for t in disclosure.targets] == [
        (None, Decimal("1043.38"), 1), ("医保业务经费", Decimal("11.00"), 2)]
    pdf = tmp_path / "公开.pdf"
    write(disclosure, pdf, inputs, charts=False)
    back = parse(pdf_text(pdf))
    assert [(t.kind, t.project, t.fiscal) for t in back.targets] == [
        ("unit", None, Decimal("1043.38")), ("project", "医保业务经费", Decimal("11.00"))]
    stated = next(s for s in back.statements if s.name == "一般公共预算")
    assert (stated.amount, stated.share, stated.change, stated.growth) == (
        Decimal("784.04"), Decimal("74.79"), Decimal("347.40"), Decimal("79.56"))
    assert "主要原因是：在职人员工资调增。" in "".join(pdf_text(pdf).read_text(encoding="utf-8").split())
    assert check(back) == []


def test_a_target_written_as_a_ceiling_is_found_in_the_written_document(tmp_path: Path) -> None:
    from yusuan.api import parse
    from yusuan.rules import check

    from .writing_support import pdf_text

    disclosure, inputs = read_workbook(_with_targets(tmp_path, "<=95%"))
    pdf = tmp_path / "公开.pdf"
    write(disclosure, pdf, inputs, charts=False)
    assert [(f.rule, f.quote) for f in check(parse(pdf_text(pdf)))] == [("P.floor", "满意度(%)<=95%")]


def test_parse_then_workbook_then_document(tmp_path: Path) -> None:
    """parse → the filled workbook → (a person edits it) → the document, as a user runs it."""
    data = tmp_path / "数据.json"
    data.write_text(subprocess.run([sys.executable, "-m", "yusuan.cli", "parse", str(SEEDS[3]), "--json"],
                                   capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    book = tmp_path / "数据.xlsx"
    for source, out in ((data, book), (book, tmp_path / "公开.html")):
        result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(source), "-o", str(out)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert f"已生成 {out}" in result.stderr and out.stat().st_size > 10_000


def test_an_empty_template_filled_with_leaves_derives_every_sum(tmp_path: Path) -> None:
    template = tmp_path / "模板.xlsx"
    subprocess.run([sys.executable, "-m", "yusuan.cli", "template", "-o", str(template)], check=True, timeout=120)
    book = load_workbook(template)
    t3 = book[sheet_name("T3")]  # row 6 is the template's 合计 row; the 类, 款 and 项 follow
    for r, (kind, code) in enumerate((("类", ("210",)), ("款", ("210", "15")), ("项", ("210", "15", "01"))), start=7):
        t3.cell(r, 1).value = kind
        for c, part in enumerate(code, start=2):
            t3.cell(r, c).value = part
        t3.cell(r, 5).value = {"类": "卫生健康支出", "款": "医疗保障管理事务", "项": "行政运行"}[kind]
    t3.cell(9, 7).value = Decimal("239.08")  # 基本支出 of 2101501: the only figure typed
    t1 = book[sheet_name("T1")]
    t1.cell(7, 2).value = Decimal("784.04")  # 其中：一般财力
    book.save(template)
    back, _ = read_workbook(template)
    figures = {(row.kind, row.code): row.value("合计") for row in back.tables["T3"].rows}
    assert figures == {("total", None): Decimal("239.08"), ("class", "210"): Decimal("239.08"),
                       ("item", "21015"): Decimal("239.08"), ("item", "2101501"): Decimal("239.08")}
    income = {row.name: row.value("预算数") for row in back.tables["T1"].rows if row.side == "income"}
    assert income["本年收入"] == income["本年收入/一般公共预算拨款"] == income["收入总计"] == Decimal("784.04")
