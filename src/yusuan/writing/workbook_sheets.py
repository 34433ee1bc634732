"""The workbook's sheets besides the tables: last year's figures, reasons, projects, other matters,
performance targets."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Disclosure
from .inputs import SECTION_KINDS, Inputs, key
from .narrative import INCOME_SOURCES
from .sheets import FILL, FORMULA, KEY_FIELDS, OTHER_FIELDS, PROJECT_FIELDS, SHEETS, TARGET_FIELDS

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
    projects = book.create_sheet(SHEETS["projects"])
    projects.append([label for _, label in PROJECT_FIELDS])
    t7 = disclosure.tables.get("T7")
    names = [row.project for row in t7.rows if row.kind == "project" and row.project] if t7 else []
    names += [name for name in inputs.projects if name not in names]
    for name in dict.fromkeys(names):
        info = inputs.projects.get(name)
        projects.append([name, *(getattr(info, field) if info else "" for field, _ in PROJECT_FIELDS[1:])])
        for c in range(2, len(PROJECT_FIELDS) + 1):
            projects.cell(projects.max_row, c).fill = FILL
    buying = inputs.procurement
    other = pairs_sheet(book, SHEETS["other"], OTHER_FIELDS, {
        "goods": buying.goods if buying else None, "works": buying.works if buying else None,
        "services": buying.services if buying else None, "small_firms": buying.small_firms if buying else None,
        "assets": inputs.assets or None})
    total = other.cell(5, 2)
    total.value, total.fill = "=B2+B3+B4", FORMULA
    targets = book.create_sheet(SHEETS["targets"])
    targets.append(list(TARGET_FIELDS))
    for target in inputs.targets:
        head = [target.project or "", target.total, target.fiscal, target.other, target.goal]
        for index, indicator in enumerate(target.indicators or [None]):
            cells = head if index == 0 else [target.project or "", None, None, None, None]
            rest = [indicator.level1, indicator.level2, indicator.name, indicator.target, indicator.weight] \
                if indicator else ["", "", "", "", ""]
            targets.append([*cells, *rest])
    for r in range(2, max(targets.max_row, 20) + 1):
        for c in range(1, len(TARGET_FIELDS) + 1):
            targets.cell(r, c).fill = FILL
