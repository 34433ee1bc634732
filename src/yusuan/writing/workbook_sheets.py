"""The workbook's sheets besides the tables: last year's figures, reasons, projects, other matters,
performance targets."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Disclosure
from ..template.performance import INDICATOR_COLUMNS
from ..template.restatements import PROJECT_FIELDS
from .inputs import SECTION_KINDS, Inputs, key
from .narrative import INCOME_SOURCES
from .sheets import ASSET_FIELDS, FILL, FORMULA, KEY_FIELDS, OTHER_FIELDS, SHEETS, TARGET_FIELDS

_KIND_WORDS = dict(SECTION_KINDS)


def pairs_sheet(book: Workbook, title: str, fields: tuple[tuple[str, str], ...],
                values: dict[str, object]) -> Worksheet:
    """A sheet of fields to fill: its label in column A, its value in column B."""
    sheet = book.create_sheet(title)
    sheet.append(["项目", "内容"])
    for field, label in fields:
        sheet.append([label, values.get(field)])
        sheet.cell(sheet.max_row, 2).fill = FILL
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 36, 80
    return sheet


def stated_keys(disclosure: Disclosure, inputs: Inputs) -> list[tuple[str, str]]:
    """The figures Part 3 states with a change on last year, by (section kind, name)."""
    keys = [("收入", name) for _, name in INCOME_SOURCES]
    keys += [("支出", "基本支出"), ("支出", "项目支出"), ("当年拨款", "基本支出"), ("当年拨款", "项目支出")]
    table = disclosure.tables.get("T5")
    if table is not None:
        names = {row.code: row.name for row in table.rows if row.code}
        keys += [("当年拨款", f"{names.get(row.code[:3])}（类）{names.get(row.code[:5])}（款）{row.name}（项）")
                 for row in table.rows if row.code and len(row.code) == 7]
    keys += [("三公", name) for name in ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")]
    seen = {key(kind, name) for kind, name in keys}
    keys += [k for k in list(inputs.last_year) + list(inputs.reasons) if k not in seen]
    return keys


def extra_sheets(book: Workbook, disclosure: Disclosure, inputs: Inputs) -> None:
    keys = stated_keys(disclosure, inputs)
    for title, header, values in ((SHEETS["last_year"], "上年预算数（万元）", inputs.last_year),
                                  (SHEETS["reasons"], "增减的主要原因", inputs.reasons)):
        sheet = book.create_sheet(title)
        sheet.append([*KEY_FIELDS, header])
        for kind, name in keys:
            value = values.get(key(kind, name))
            sheet.append([_KIND_WORDS.get(kind, kind), name, value])
            sheet.cell(sheet.max_row, 3).fill = FILL
            if isinstance(value, Decimal):
                sheet.cell(sheet.max_row, 3).number_format = "#,##0.00"
        for column, width in zip("ABC", (16, 70, 40), strict=True):
            sheet.column_dimensions[column].width = width
    _projects(book, disclosure)
    buying = inputs.procurement
    other = pairs_sheet(book, SHEETS["other"], OTHER_FIELDS, {
        "goods": buying.goods if buying else None, "works": buying.works if buying else None,
        "services": buying.services if buying else None, "small_firms": buying.small_firms if buying else None})
    total = other.cell(5, 2)
    total.value, total.fill = "=B2+B3+B4", FORMULA
    assets = book.create_sheet(SHEETS["assets"])
    assets.append(list(ASSET_FIELDS))
    for asset in disclosure.assets:
        assets.append([asset.kind, asset.count, asset.measure, asset.value])
    _fill(assets, len(ASSET_FIELDS))
    _targets(book, disclosure)


def _projects(book: Workbook, disclosure: Disclosure) -> None:
    """Part 3's particulars of each project (the fields template/restatements.py declares)."""
    sheet = book.create_sheet(SHEETS["projects"])
    sheet.append(["项目名称", *PROJECT_FIELDS])
    for project in disclosure.projects:  # one row a description (a name may have two, one per code)
        sheet.append([project.name, *(project.fields.get(label) for label in PROJECT_FIELDS)])
    t7 = disclosure.tables.get("T7")
    described = {project.name for project in disclosure.projects}
    for name in dict.fromkeys(row.project for row in t7.rows if row.kind == "project" and row.project) if t7 else ():
        if name not in described:
            sheet.append([name])
    _fill(sheet, len(PROJECT_FIELDS) + 1)


def _targets(book: Workbook, disclosure: Disclosure) -> None:
    sheet = book.create_sheet(SHEETS["targets"])
    sheet.append([*TARGET_FIELDS, *(column.label for column in INDICATOR_COLUMNS)])
    for target in disclosure.targets:
        head = [target.project or "", target.total, target.fiscal, target.other, target.goal]
        for index, indicator in enumerate(target.indicators or [None]):
            cells = head if index == 0 else [target.project or "", None, None, None, None]
            rest = [getattr(indicator, column.field) if indicator else None for column in INDICATOR_COLUMNS]
            sheet.append([*cells, *rest])
    _fill(sheet, len(TARGET_FIELDS) + len(INDICATOR_COLUMNS))


def _fill(sheet: Worksheet, columns: int, rows: int = 20) -> None:
    for r in range(2, max(sheet.max_row, rows) + 1):
        for c in range(1, columns + 1):
            sheet.cell(r, c).fill = FILL
