"""What the workbook's sheets hold and where: names, fields, fill colours, the columns before a
table's amounts. Shared by the workbook's writer and its reader."""

from __future__ import annotations

from openpyxl.styles import Border, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..template import TABLE_BY_ID, TABLES, TableSpec

FILL = PatternFill("solid", fgColor="FFF2CC")  # to be filled by a person
FORMULA = PatternFill("solid", fgColor="E7E6E6")  # derived: a formula
WRONG = PatternFill("solid", fgColor="F8CBAD")  # a stated sum that does not add up
HEAD = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
KINDS = {"total": "合计", "class": "类", "item": "款", "project": "项目", "unit": "单位", "line": "行"}
BLANK_ROWS = 30  # rows left to fill in an empty template's coded tables
HEADER_TOP = 3  # the header starts on this row (1: title, 2: preparer and money unit)

OVERVIEW_FIELDS = (("unit", "单位名称"), ("year", "预算年度"), ("kind", "预算类型（单位预算/部门预算）"),
                   ("level", "政府级次（省级/地市级/县级）"), ("functions", "主要职能（每段一行）"),
                   ("subordinate_units", "下属单位情况（如：无下属预算单位）"), ("offices", "内设机构（用“、”分隔）"))
STAFF_FIELDS = (("authorized", "编制数"), ("active", "在职人数"), ("active_change", "在职人数比上年增减"),
                ("retired", "退休人数"), ("retired_change", "退休人数比上年增减"),
                ("veteran_retired", "离休人数"), ("veteran_retired_change", "离休人数比上年增减"),
                ("actual", "实有人数（= 在职 + 退休 + 离休）"))
SHEETS = {"overview": "概况", "staffing": "人员", "last_year": "上年预算数", "reasons": "变动原因",
          "projects": "项目情况", "other": "其他重要事项", "assets": "国有资产", "targets": "绩效目标"}
OTHER_FIELDS = (("goods", "政府采购货物预算（万元）"), ("works", "政府采购工程预算（万元）"),
                ("services", "政府采购服务预算（万元）"), ("total", "政府采购预算合计（万元）"),
                ("small_firms", "其中面向中小企业预留（万元）"))
ASSET_FIELDS = ("资产类别（房屋、车辆、一般公务用车……）", "数量", "计量单位（辆、平方米、台……）", "价值（万元）")
# a target's own cells; its indicators' columns follow, as template/performance.py declares them
TARGET_FIELDS = ("项目名称（整体目标留空）", "年度预算总额（万元）", "其中：财政拨款（万元）", "其他资金（万元）",
                 "年度绩效目标")
KEY_FIELDS = ("说明中的位置", "名称（与说明中的写法一致）")


def sheet_name(table_id: str) -> str:
    spec = TABLE_BY_ID[table_id]
    return f"表{TABLES.index(spec) + 1} {spec.title}"[:31]


def cell_of(table_id: str, column: str | None, row: int, expense: bool = False) -> str:
    """The cell (E12) of a table's column in its sheet; the row alone (第 12 行) if the column is unknown."""
    spec = TABLE_BY_ID[table_id]
    labels = [c.label for c in spec.columns]
    if spec.rows == "ledger":
        income = [c.label for c in spec.income_columns]
        if column in income and not expense:
            return f"{get_column_letter(2 + income.index(column))}{row}"
        first = 4 + len(income)
    else:
        first = len(code_columns(spec)) + 1
    return f"{get_column_letter(first + labels.index(column))}{row}" if column in labels else f"第 {row} 行"


def code_columns(spec: TableSpec) -> list[tuple[tuple[str, ...], str]]:
    """The columns before the amounts: the row kind, the code in parts, the names."""
    scheme = "经济分类科目" if spec.rows == "economic" else "功能分类科目"
    levels = ("类", "款") if spec.rows == "economic" else ("类", "款", "项")
    out: list[tuple[tuple[str, ...], str]] = [((), "行类型")]
    if spec.rows in ("function", "economic", "project"):
        out += [((f"{scheme}编码",), level) for level in levels] + [((), f"{scheme}名称")]
    if spec.rows == "project":
        out.append(((), "项目名称"))
    if spec.rows in ("lines", "carryover"):
        out.append(((), "项目名称" if spec.rows == "carryover" else "项目"))
    return out
