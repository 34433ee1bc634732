"""The workbook (openpyxl): an empty template to fill, or the filled workbook of a disclosure.

One sheet per table with the template's headers (from template/canonical.py), and sheets for the
overview, staffing, last year's figures, the reasons for changes, projects, other matters and
performance targets. Cells a person fills are yellow; sums the tables derive are formulas (grey);
a stated sum that does not equal its parts stays as stated, in red, with a comment saying so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..classification import entries
from ..model import Amount, Disclosure, Row, Table
from ..template import TABLES, TableSpec, line_paths
from ..template.evaluate import places_of
from ..template.select import children, line_children
from .inputs import Inputs
from .layout import header, ledger_label, money_columns
from .notes import full_title
from .sheets import (
    BLANK_ROWS,
    BORDER,
    FILL,
    FORMULA,
    HEAD,
    HEADER_TOP,
    KINDS,
    OVERVIEW_FIELDS,
    SHEETS,
    STAFF_FIELDS,
    WRONG,
    code_columns,
    sheet_name,
)
from .workbook_sheets import extra_sheets, pairs_sheet


def _title(sheet: Worksheet, title: str, preparer: str, unit: str, width: int) -> None:
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.cell(2, 1, preparer)
    if unit:
        sheet.cell(2, width, unit).alignment = Alignment(horizontal="right")


def _header(sheet: Worksheet, columns: list[tuple[tuple[str, ...], str]]) -> int:
    """Write a multi-level header from row HEADER_TOP; returns the first body row."""
    rows = header(columns)
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows, start=HEADER_TOP):
        c = 1
        for cell in cells:
            while (r, c) in taken:
                c += 1
            target = sheet.cell(r, c, cell.text)
            target.fill, target.border, target.font = HEAD, BORDER, Font(bold=True)
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1,
                                  end_column=c + cell.colspan - 1)
            taken |= {(rr, cc) for rr in range(r, r + cell.rowspan) for cc in range(c, c + cell.colspan)}
            c += cell.colspan
    sheet.freeze_panes = sheet.cell(HEADER_TOP + len(rows), 1)
    return HEADER_TOP + len(rows)


def _number(sheet: Worksheet, row: int, column: int, value: Decimal | str | None, places: int,
            fill: PatternFill = FILL) -> None:
    cell = sheet.cell(row, column, value)
    cell.number_format = "#,##0" + ("." + "0" * places if places else "")
    cell.fill, cell.border = fill, BORDER


def _places(amount: Amount | None, places: int) -> int:
    """The decimals a figure was given with (its cell's number format keeps them)."""
    return amount.decimals if amount is not None else places


def _sums(spec: TableSpec, table: Table) -> dict[tuple[int, str], tuple[list[tuple[int, str]], Decimal]]:
    """For each derived cell (row position, column): the cells it adds up and their sum."""
    rows = table.rows
    out: dict[tuple[int, str], tuple[list[tuple[int, str]], Decimal]] = {}
    groups: dict[int, list[int]] = {}
    columns = [c.label for c in spec.columns]
    if spec.tree:
        groups = children(rows)
    elif spec.lines:
        groups = line_children(rows, spec.lines)
    for parent, kids in groups.items():
        for column in columns:
            out[(parent, column)] = ([(kid, column) for kid in kids], sum((rows[k].value(column) for k in kids),
                                                                        Decimal(0)))
    for position, row in enumerate(rows):  # a row's own sum is nearer to hand than its children's
        if row.side == "income":
            continue
        for row_sum in spec.row_sums:
            parts = [(position, part) for part in row_sum.parts]
            out[(position, row_sum.target)] = (parts, sum((row.value(p) for p in row_sum.parts), Decimal(0)))
    return out


def _kind_word(row: Row) -> str:
    if row.kind == "item":
        return "项" if row.code and len(row.code) == 7 else "款"
    return KINDS.get(row.kind, row.kind)


def _table_sheet(book: Workbook, disclosure: Disclosure, spec: TableSpec) -> None:
    sheet = book.create_sheet(sheet_name(spec.id))
    table = disclosure.tables.get(spec.id) or Table(spec.id, present=True)
    places = places_of(table)
    if spec.rows == "ledger":
        _ledger_sheet(sheet, disclosure, spec, table, places)
        return
    lead = code_columns(spec)
    money = money_columns(spec)
    _title(sheet, full_title(disclosure, spec), f"编制单位：{disclosure.unit or ''}", f"单位：{table.money_unit}",
           len(lead) + len(money))
    first = _header(sheet, lead + money)
    rows = table.rows or _blank_rows(spec)
    sums = _sums(spec, table) if table.rows else {}
    lines = line_children(rows, spec.lines) if spec.lines and not table.rows else {}
    first_money = len(lead) + 1
    letter = {c.label: get_column_letter(first_money + i) for i, c in enumerate(spec.columns)}
    kinds = DataValidation(type="list", formula1='"合计,类,款,项,项目,单位,行"', allow_blank=True)
    sheet.add_data_validation(kinds)
    for position, row in enumerate(rows):
        r = first + position
        values = [_kind_word(row) if row.kind else ""]
        if spec.rows in ("function", "economic", "project"):
            parts = (3, 2) if spec.rows == "economic" else (3, 2, 2)
            code, at = row.code or "", 0
            for size in parts:
                values.append(code[at:at + size])
                at += size
            values.append(row.name or row.unit or ("合计" if row.kind == "total" else ""))
            if spec.rows == "project":
                values.append(row.project or "")
        elif spec.rows == "lines":
            values.append(_line_label(spec, row))
        else:
            values.append(row.project or row.name or row.unit or "")
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c, value)
            cell.fill, cell.border = FILL, BORDER
            cell.number_format = "@"  # codes are text: 01 keeps its zero
        kinds.add(sheet.cell(r, 1))
        for column in spec.columns:
            c = first_money + [x.label for x in spec.columns].index(column.label)
            amount = row.values.get(column.label)
            derived = sums.get((position, column.label))
            if not table.rows:  # the empty template: each row's own sums (and T10's parts) as formulas
                own = next((s for s in spec.row_sums if s.target == column.label), None)
                formula = f"=SUM({','.join(f'{letter[p]}{r}' for p in own.parts)})" if own else None
                if formula is None and position in lines:
                    formula = "=" + "+".join(f"{letter[column.label]}{first + k}" for k in lines[position])
                _number(sheet, r, c, formula, places, FORMULA if formula else FILL)
                continue
            if derived is not None and any(rows[k].values.get(col) for k, col in derived[0]):
                stated = amount.value if amount is not None else Decimal(0)
                if stated == derived[1]:
                    refs = "+".join(f"{letter[col]}{first + k}" for k, col in derived[0])
                    _number(sheet, r, c, f"={refs}", places, FORMULA)
                    continue
                _number(sheet, r, c, stated if amount is not None else None, _places(amount, places), WRONG)
                sheet.cell(r, c).comment = Comment(f"填写的数为 {stated}，但其分项之和为 {derived[1]}", "yusuan")
                continue
            _number(sheet, r, c, amount.value if amount is not None else None, _places(amount, places))
    note_row = first + len(rows) + 1
    sheet.cell(note_row, 1, "表注（空表时说明原因）：")
    sheet.cell(note_row, 2, table.note or "").fill = FILL
    _widths(sheet, len(lead) + len(money), lead)


def _line_label(spec: TableSpec, row: Row) -> str:
    for path, _line in line_paths(spec.lines):
        names = path.split("/")
        if names[-1] == row.name:
            return ledger_label("/".join(names[1:]), spec.lines[0].children) if len(names) > 1 else names[0]
    return row.name or ("合计" if row.kind == "total" else "")


def _blank_rows(spec: TableSpec) -> list[Row]:
    if spec.rows == "lines":
        return [Row("total" if path == spec.lines[0].name else "line", path.split("/")[-1])
                for path, _ in line_paths(spec.lines)]
    return [Row("total", "合计"), *(Row("", None) for _ in range(BLANK_ROWS))]


def _ledger_sheet(sheet: Worksheet, disclosure: Disclosure, spec: TableSpec, table: Table, places: int) -> None:
    income = [c.label for c in spec.income_columns]
    expense = [c.label for c in spec.columns]
    columns = ([(("收入",), "项目")] + [(("收入",), label) for label in income]
               + [(("支出",), "功能分类科目编码"), (("支出",), "功能分类科目名称")]
               + [(("支出",), label) for label in expense])
    _title(sheet, full_title(disclosure, spec), f"编制单位：{disclosure.unit or ''}", f"单位：{table.money_unit}",
           len(columns))
    first = _header(sheet, columns)
    income_rows = {row.name: row for row in table.rows if row.side == "income" and row.kind != "total"}
    # the lines the data has (a variant may print fewer), all of the template's in an empty template
    paths = [path for path, _ in line_paths(spec.income) if path in income_rows or not table.rows]
    expense_rows = [row for row in table.rows if row.side == "expense" and row.kind != "total"]
    if not table.rows:  # the empty template lists every 类 of the latest classification
        expense_rows = [Row("class", entry.name, code=entry.code, side="expense")
                        for entry in _latest_classes()]
    for index in range(max(len(paths), len(expense_rows))):
        r = first + index
        if index < len(paths):
            sheet.cell(r, 1, ledger_label(paths[index], spec.income)).border = BORDER
            row = income_rows.get(paths[index])
            for c, label in enumerate(income, start=2):
                amount = row.values.get(label) if row else None
                _number(sheet, r, c, amount.value if amount else None, _places(amount, places))
        if index < len(expense_rows):
            row = expense_rows[index]
            base = 2 + len(income)
            for c, value in ((base, row.code or ""), (base + 1, row.name or "")):
                cell = sheet.cell(r, c, value)
                cell.fill, cell.border, cell.number_format = FILL, BORDER, "@"
            for c, label in enumerate(expense, start=base + 2):
                amount = row.values.get(label)
                _number(sheet, r, c, amount.value if amount else None, _places(amount, places))
    r = first + max(len(paths), len(expense_rows))
    for side, c, labels in (("income", 1, income), ("expense", 2 + len(income), expense)):
        total = table.total(side)
        sheet.cell(r, c + (1 if side == "expense" else 0), "收入总计" if side == "income" else "支出总计")
        for offset, label in enumerate(labels):
            amount = total.values.get(label) if total else None
            column = c + 1 + offset + (1 if side == "expense" else 0)
            _number(sheet, r, column, amount.value if amount else None, _places(amount, places))
    if not table.rows:
        _ledger_formulas(sheet, spec, paths, first, r)
    else:
        _ledger_sums(sheet, spec, table, paths, first, places)
    _widths(sheet, len(columns), [])


def _ledger_sums(sheet: Worksheet, spec: TableSpec, table: Table, paths: list[str], first: int,
                 places: int) -> None:
    """A line the data states as the sum of its 其中 lines becomes that formula; one that is not
    stays as stated, in red."""
    at = {path: first + index for index, path in enumerate(paths)}
    label = spec.income_columns[0].label
    rows = table.rows
    for parent, kids in line_children(rows, spec.income, by_path=True).items():
        stated = rows[parent].values.get(label)
        total = sum((rows[k].value(label) for k in kids), Decimal(0))
        if not any(rows[k].values.get(label) for k in kids) or rows[parent].name not in at:
            continue
        r = at[rows[parent].name or ""]
        if stated is not None and stated.value == total:
            _number(sheet, r, 2, "=" + "+".join(f"B{at[rows[k].name or '']}" for k in kids), places, FORMULA)
        else:
            _number(sheet, r, 2, stated.value if stated else None, _places(stated, places), WRONG)
            sheet.cell(r, 2).comment = Comment(f"填写的数为 {stated.value if stated else 0}，"
                                               f"但其中各项之和为 {total}", "yusuan")


def _ledger_formulas(sheet: Worksheet, spec: TableSpec, paths: list[str], first: int, totals: int) -> None:
    """The empty template's derived ledger figures: each line with 其中 lines is their sum, 收入总计
    the sum of the top lines, 支出总计 the sum of the 类 above it."""
    at = {path: first + index for index, path in enumerate(paths)}
    lines = dict(line_paths(spec.income))
    for path, line in lines.items():
        if line.children:
            refs = "+".join(f"B{at[f'{path}/{child.name}']}" for child in line.children)
            _number(sheet, at[path], 2, f"={refs}", 2, FORMULA)
    _number(sheet, totals, 2, "=" + "+".join(f"B{at[line.name]}" for line in spec.income), 2, FORMULA)
    for offset in range(len(spec.columns)):
        letter = get_column_letter(4 + len(spec.income_columns) + offset)
        _number(sheet, totals, 4 + len(spec.income_columns) + offset, f"=SUM({letter}{first}:{letter}{totals - 1})",
                2, FORMULA)


def _latest_classes() -> list:  # type: ignore[type-arg]
    latest: dict[str, object] = {}
    for entry in entries("functional"):
        if entry.level == "类":
            latest[entry.code] = entry
    return [latest[code] for code in sorted(latest)]


def _widths(sheet: Worksheet, count: int, lead: list[tuple[tuple[str, ...], str]]) -> None:
    for c in range(1, count + 1):
        label = lead[c - 1][1] if c <= len(lead) else ""
        sheet.column_dimensions[get_column_letter(c)].width = (
            6 if label in ("类", "款", "项", "行类型") else 36 if label.endswith(("名称", "项目")) else 14)


GUIDE = (
    "本工作簿由 yusuan 生成，填好后用 yusuan write 工作簿.xlsx -o 公开.pdf（或 .docx、.html）生成预算公开文件。",
    "黄色单元格：需要填写。灰色单元格：公式（合计 = 分项之和，上级科目 = 下级之和），不必填写。",
    "红色单元格：填写的合计与其分项之和不符（见批注）；生成前请核对。",
    "表1至表11：每张表一个工作表，表头与预算公开模板一致。科目编码分“类、款、项”三列填写（如 210、15、01）；",
    "“行类型”填 合计、类、款、项、项目 或 单位；类、款行的金额可以留空，读取时由下级各行相加得出。",
    "空表：不填任何数字，在表下的“表注”中写明原因（不写则自动生成说明）。",
    "概况、人员：第一部分的内容；实有人数由在职、退休、离休相加得出。",
    "上年预算数、变动原因：第三部分说明“比上年预算增加（减少）……主要原因是……”所需；名称须与说明中的写法一致。",
    "项目情况、其他重要事项、绩效目标：第三部分的项目说明、政府采购和国有资产情况，以及绩效目标表。",
    "金额单位为万元，保留两位小数；第三部分的每个金额、占比和增减率均由表中数字计算，不必手工填写。",
)


def _guide(sheet: Worksheet) -> None:
    sheet.title = "填写说明"
    sheet.column_dimensions["A"].width = 120
    sheet.cell(1, 1, "填写说明").font = Font(bold=True, size=14)
    for r, text in enumerate(GUIDE, start=2):
        sheet.cell(r, 1, text).alignment = Alignment(wrap_text=True)
    sheet.cell(3, 1).fill, sheet.cell(4, 1).fill = FILL, WRONG


def write_workbook(disclosure: Disclosure, inputs: Inputs, out: Path) -> None:
    book = Workbook()
    _guide(book.active)
    overview = disclosure.overview
    pairs_sheet(book, SHEETS["overview"], OVERVIEW_FIELDS, {
        "unit": disclosure.unit, "year": disclosure.year, "kind": disclosure.kind, "level": disclosure.level,
        "functions": overview.functions, "subordinate_units": overview.subordinate_units,
        "offices": "、".join(overview.offices) or None})
    staffing = overview.staffing
    staff: dict[str, object] = {"authorized": staffing.authorized}
    for name in ("active", "retired", "veteran_retired"):
        count = getattr(staffing, name)
        staff[name] = count.value if count else None
        staff[f"{name}_change"] = count.change if count else None
    sheet = pairs_sheet(book, SHEETS["staffing"], STAFF_FIELDS, staff)
    consistent = staffing.actual is None or staffing.actual == sum(
        (c.value for c in (staffing.active, staffing.retired, staffing.veteran_retired) if c), 0)
    actual = sheet.cell(len(STAFF_FIELDS) + 1, 2)
    if consistent:
        actual.value, actual.fill = "=B3+B5+B7", FORMULA
    else:
        actual.value, actual.fill = staffing.actual, WRONG
        actual.comment = Comment("实有人数不等于在职、退休、离休之和", "yusuan")
    for spec in TABLES:
        _table_sheet(book, disclosure, spec)
    extra_sheets(book, disclosure, inputs)
    book.save(out)
