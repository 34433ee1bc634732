"""A filled workbook read back into the disclosure and the writer's inputs.

Amounts are exact: a number cell holds the decimal text Excel wrote, which `repr` of the float
openpyxl returns gives back exactly; the cell's number format says how many places were meant.
Formulas (the workbook's own sums) are evaluated here, in decimals. A bad cell is reported with
its sheet and cell, in Chinese."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UnreadableError
from ..model import (
    Amount,
    Asset,
    Count,
    Disclosure,
    Indicator,
    Overview,
    PerformanceTarget,
    Row,
    Source,
    Staffing,
    Table,
)
from ..readers.text import extract_lines
from ..recovery.matters import projects
from ..recovery.rows import strip_enumeration
from ..template import TABLES, TableSpec, line_paths
from ..template.performance import INDICATOR_COLUMNS
from ..template.restatements import PROJECT_FIELDS
from ..template.select import children, line_children
from ..text import fold, parse_amount, split_target
from .inputs import SECTION_KINDS, Inputs, Procurement, key
from .layout import header, money_columns
from .sheets import (
    HEADER_TOP,
    KINDS,
    OTHER_FIELDS,
    OVERVIEW_FIELDS,
    SHEETS,
    STAFF_FIELDS,
    TARGET_FIELDS,
    code_columns,
    sheet_name,
)

_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")
_FORMULA = re.compile(r"^=\s*(?:SUM\((.*)\)|([A-Z$\d+:\s]+))\s*$", re.I)
_KIND_CODES = {word: kind for kind, word in KINDS.items()} | {"项": "item"}
_SECTION_KINDS = {word: kind for kind, word in SECTION_KINDS} | {kind: kind for kind, _ in SECTION_KINDS}


class _Sheet:
    """One worksheet's cells as exact values, with the place of each for error messages."""

    def __init__(self, sheet: Worksheet, file: str, index: int) -> None:
        self.sheet, self.file, self.index = sheet, file, index
        self._seen: set[tuple[int, int]] = set()

    def where(self, row: int, column: int) -> str:
        return f"工作表“{self.sheet.title}”单元格 {get_column_letter(column)}{row}"

    def source(self, row: int) -> Source:
        return Source(file=self.file, page=self.index, line=row)

    def text(self, row: int, column: int) -> str:
        value = self.sheet.cell(row, column).value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def amount(self, row: int, column: int) -> Decimal | None:
        cell = self.sheet.cell(row, column)
        value = cell.value
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.startswith("="):
            return self._formula(row, column, value)
        if isinstance(value, bool):
            raise UnreadableError(f"{self.where(row, column)}：应填金额，而不是“{value}”")
        if isinstance(value, int | float):
            exact = Decimal(repr(value))  # the decimal text the file holds (see the module's docstring)
            places = _places(cell.number_format)
            exponent = exact.as_tuple().exponent
            if places is not None and isinstance(exponent, int) and -exponent <= places:
                exact = exact.quantize(Decimal(1).scaleb(-places))
            return exact
        if isinstance(value, Decimal):
            return value
        try:
            return parse_amount(str(value).strip())
        except ValueError:
            raise UnreadableError(f"{self.where(row, column)}：“{value}”不是金额（应为如 1,048.38 的数字）") from None

    def _formula(self, row: int, column: int, formula: str) -> Decimal | None:
        if (row, column) in self._seen:
            raise UnreadableError(f"{self.where(row, column)}：公式循环引用自身")
        match = _FORMULA.match(formula)
        if match is None:
            raise UnreadableError(f"{self.where(row, column)}：只支持求和公式（如 =E5+E6 或 =SUM(E5:G5)），"
                                  f"不支持“{formula}”")
        self._seen.add((row, column))
        try:
            terms = []
            for ref in _REF.finditer(match.group(1) or match.group(2)):
                first_col, first_row = column_index_from_string(ref.group(1)), int(ref.group(2))
                last_col = column_index_from_string(ref.group(3)) if ref.group(3) else first_col
                last_row = int(ref.group(4)) if ref.group(4) else first_row
                for r in range(first_row, last_row + 1):
                    for c in range(first_col, last_col + 1):
                        terms.append(self.amount(r, c))
        finally:
            self._seen.discard((row, column))
        present = [term for term in terms if term is not None]
        return sum(present, Decimal(0)) if present else None


def _places(number_format: str) -> int | None:
    match = re.search(r"\.(0+)", number_format or "")
    return len(match.group(1)) if match else (0 if "0" in (number_format or "") else None)


def _get(book: Any, title: str, file: str) -> _Sheet:
    if title not in book.sheetnames:
        raise UnreadableError(f"工作簿中没有工作表“{title}”：请使用 yusuan template 生成的模板", file=file)
    return _Sheet(book[title], file, book.sheetnames.index(title) + 1)


def _pairs(sheet: _Sheet, fields: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, int]]:
    """A 项目/内容 sheet: each field's text and its row."""
    out = {}
    rows = {sheet.text(r, 1): r for r in range(2, sheet.sheet.max_row + 1)}
    for name, label in fields:
        r = rows.get(label)
        if r is None:
            raise UnreadableError(f"工作表“{sheet.sheet.title}”中找不到“{label}”一行")
        out[name] = (sheet.text(r, 2), r)
    return out


def _integer(sheet: _Sheet, row: int, text: str) -> int | None:
    if not text:
        return None
    try:
        return int(Decimal(text))
    except InvalidOperation:
        raise UnreadableError(f"{sheet.where(row, 2)}：“{text}”不是整数") from None


def _kind(word: str, code: str, name: str, spec: TableSpec) -> str:
    if word:
        return _KIND_CODES.get(word, word)
    if not code:
        if fold(name) in ("合计", "总计"):
            return "total"
        return "project" if spec.rows == "carryover" else "line" if spec.rows == "lines" else "unit"
    if spec.rows == "project" and len(code) == 7:
        return "project"
    return "class" if len(code) == 3 else "item"


def _table(sheet: _Sheet, spec: TableSpec) -> Table:
    if spec.rows == "ledger":
        return _ledger(sheet, spec)
    lead = code_columns(spec)
    first = HEADER_TOP + len(header(lead + money_columns(spec)))
    table = Table(spec.id, present=True, title=sheet.text(1, 1) or None)
    money_unit = re.search(r"(万元|千元|亿元|元)", sheet.text(2, len(lead) + len(spec.columns)))
    table.money_unit = money_unit.group(1) if money_unit else "万元"
    parts = (3, 2) if spec.rows == "economic" else (3, 2, 2)
    coded = spec.rows in ("function", "economic", "project")
    labels = [fold(line.name) for _, line in line_paths(spec.lines)]
    for r in range(first, sheet.sheet.max_row + 1):
        if sheet.text(r, 1).startswith("表注"):
            table.note = sheet.text(r, 2) or None
            break
        texts = [sheet.text(r, c) for c in range(1, len(lead) + 1)]
        values = {}
        for offset, column in enumerate(spec.columns, start=len(lead) + 1):
            value = sheet.amount(r, offset)
            if value is not None:
                values[column.label] = Amount(value, str(value), sheet.source(r))
        if not any(texts[1:]) and not values:
            continue
        code, name, project = "", "", None
        if coded:
            code = "".join(text.zfill(size) if text else "" for text, size in zip(texts[1:], parts, strict=False))
            name = texts[1 + len(parts)]
            project = texts[2 + len(parts)] or None if spec.rows == "project" else None
        else:
            name = texts[1]
        if code and not code.isdigit():
            raise UnreadableError(f"{sheet.where(r, 2)}：科目编码应为数字，而不是“{code}”")
        kind = _kind(texts[0], code, name, spec)
        if spec.rows == "lines" and kind != "total":
            name = next((line.name for (_, line), folded in zip(line_paths(spec.lines), labels, strict=True)
                         if folded == strip_enumeration(name)), strip_enumeration(name))
        row = Row(kind, name or None, values, code=code or None, source=sheet.source(r))
        if kind == "project":
            row.project = project or name
            if spec.rows == "carryover":
                row.name = name
        if kind == "unit":
            row.unit = name
        table.rows.append(row)
    return derive(table, spec)


def derive(table: Table, spec: TableSpec) -> Table:
    """Sums left blank are computed, never typed twice: a parent row (类, 款, 合计) whose figures
    are all left blank gets its children's sums (the template's first row is the 合计 row). A row
    with some figures filled is taken as stated: its blank cells say nothing was budgeted there."""
    rows = table.rows
    if all(row.kind == "total" and not row.values for row in rows):
        table.rows = []  # the template's 合计 row of a table left empty
        return table
    groups = children(rows) if spec.tree else line_children(rows, spec.lines) if spec.lines else {}
    blank = {parent for parent in groups if not rows[parent].values}
    for _ in range(4):  # 项 → 款 → 类 → 合计: a blank parent may wait for a blank child
        changed = False
        for parent in blank:
            for column in (c.label for c in spec.columns):
                terms = [rows[k].values[column].value for k in groups[parent] if column in rows[k].values]
                total = sum(terms, Decimal(0))
                if terms and rows[parent].value(column) != total:
                    rows[parent].values[column] = _computed(total, rows[parent])
                    changed = True
        if not changed:
            break
    return table


def _computed(value: Decimal, row: Row) -> Amount:
    return Amount(value, str(value), row.source)


def _ledger(sheet: _Sheet, spec: TableSpec) -> Table:
    income = [c.label for c in spec.income_columns]
    expense = [c.label for c in spec.columns]
    table = Table(spec.id, present=True, title=sheet.text(1, 1) or None)
    width = 3 + len(income) + len(expense)
    money_unit = re.search(r"(万元|千元|亿元|元)", sheet.text(2, width))
    table.money_unit = money_unit.group(1) if money_unit else "万元"
    paths = [(path, line) for path, line in line_paths(spec.income)]
    first = HEADER_TOP + 2
    used: set[str] = set()
    totals = []
    for r in range(first, sheet.sheet.max_row + 1):
        label = sheet.text(r, 1)
        if fold(label) in ("收入总计", "合计", "总计"):
            totals.append(Row("total", "收入总计", _values(sheet, r, 2, income), side="income", source=sheet.source(r)))
            expense_total = _values(sheet, r, 4 + len(income), expense)
            totals.append(Row("total", "支出总计", expense_total, side="expense", source=sheet.source(r)))
            break
        if label:
            name = strip_enumeration(label)
            path = next((p for p, line in paths if p not in used and fold(line.name) == name), None)
            path = path or next((p for p, line in paths if p not in used
                                 and name in (fold(a) for a in line.aliases)), None)
            if path is None:
                raise UnreadableError(f"{sheet.where(r, 1)}：“{label}”不是{spec.title}的收入项目")
            used.add(path)
            table.rows.append(Row("line", path, _values(sheet, r, 2, income), side="income", source=sheet.source(r)))
        code, name = sheet.text(r, 2 + len(income)), sheet.text(r, 3 + len(income))
        if code or name:
            if code and not code.isdigit():
                raise UnreadableError(f"{sheet.where(r, 2 + len(income))}：科目编码应为数字，而不是“{code}”")
            table.rows.append(Row("class", name or None, _values(sheet, r, 4 + len(income), expense),
                                  code=code or None, side="expense", source=sheet.source(r)))
    table.rows += totals
    return table


def _values(sheet: _Sheet, r: int, first: int, labels: list[str]) -> dict[str, Amount]:
    out = {}
    for offset, label in enumerate(labels):
        value = sheet.amount(r, first + offset)
        if value is not None:
            out[label] = Amount(value, str(value), sheet.source(r))
    return out


def is_workbook(path: Path) -> bool:
    """Whether the file is yusuan's own workbook (its overview sheet is there), not a published one."""
    try:
        from python_calamine import CalamineWorkbook

        return SHEETS["overview"] in CalamineWorkbook.from_path(str(path)).sheet_names
    except Exception:  # not a workbook at all: the readers say what it is
        return False


def read_workbook(path: Path) -> tuple[Disclosure, Inputs]:
    file = path.name
    try:
        book = load_workbook(path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableError(f"无法打开工作簿（{type(error).__name__}）：请确认是 .xlsx 文件", file=file) from None
    try:
        return _read(book, file)
    except UnreadableError as error:
        raise UnreadableError(error.message, file=file) from None


def _read(book: Any, file: str) -> tuple[Disclosure, Inputs]:
    sheet = _get(book, SHEETS["overview"], file)
    fields = _pairs(sheet, OVERVIEW_FIELDS)
    year_text, year_row = fields["year"]
    year = _integer(sheet, year_row, year_text)
    overview = Overview(functions=fields["functions"][0] or None,
                        subordinate_units=fields["subordinate_units"][0] or None,
                        offices=[o for o in re.split(r"[、,，]", fields["offices"][0]) if o])
    overview.offices_stated = len(overview.offices) or None
    staff_sheet = _get(book, SHEETS["staffing"], file)
    staff = _pairs(staff_sheet, STAFF_FIELDS)
    numbers = {name: _integer(staff_sheet, r, text) for name, (text, r) in staff.items() if not text.startswith("=")}
    actual_text, actual_row = staff["actual"]
    if actual_text.startswith("="):
        total = staff_sheet.amount(actual_row, 2)
        numbers["actual"] = int(total) if total is not None else None
    counts = {name: Count(numbers[name], numbers.get(f"{name}_change")) if numbers.get(name) is not None else None
              for name in ("active", "retired", "veteran_retired")}
    overview.staffing = Staffing(authorized=numbers.get("authorized"), actual=numbers.get("actual"),
                                 source=staff_sheet.source(actual_row), **counts)
    disclosure = Disclosure(unit=fields["unit"][0] or None, year=year, kind=fields["kind"][0] or None,
                            level=fields["level"][0] or None, overview=overview, source=Source(file=file))
    for spec in TABLES:
        disclosure.tables[spec.id] = _table(_get(book, sheet_name(spec.id), file), spec)
    _matters(book, file, disclosure)
    return disclosure, _inputs(book, file)


def _inputs(book: Any, file: str) -> Inputs:
    inputs = Inputs()
    for title, target in ((SHEETS["last_year"], inputs.last_year), (SHEETS["reasons"], inputs.reasons)):
        sheet = _get(book, title, file)
        for r in range(2, sheet.sheet.max_row + 1):
            kind, name = sheet.text(r, 1), sheet.text(r, 2)
            if not name:
                continue
            value = sheet.amount(r, 3) if title == SHEETS["last_year"] else sheet.text(r, 3) or None
            if value is not None:
                target[key(_SECTION_KINDS.get(kind, kind), name)] = value  # type: ignore[index]
    sheet = _get(book, SHEETS["other"], file)
    other = _pairs(sheet, OTHER_FIELDS)
    amounts = {name: sheet.amount(r, 2) for name, (_, r) in other.items() if name != "total"}
    if any(value is not None for value in amounts.values()):
        inputs.procurement = Procurement(amounts["goods"] or Decimal(0), amounts["works"] or Decimal(0),
                                         amounts["services"] or Decimal(0), amounts["small_firms"])
    return inputs


def _matters(book: Any, file: str, disclosure: Disclosure) -> None:
    """Projects, assets and performance targets: the disclosure's own model objects."""
    sheet = _get(book, SHEETS["projects"], file)
    text = []
    for r in range(2, sheet.sheet.max_row + 1):
        name = sheet.text(r, 1)
        filled = [(label, sheet.text(r, c)) for c, label in enumerate(PROJECT_FIELDS, start=2) if sheet.text(r, c)]
        if name and filled:  # read as Part 3 prints it, by the recovery's own reading of a project
            text += [f"项目名称：{name}", *(f"{label}：{value}" for label, value in filled)]
    disclosure.projects = projects(extract_lines("\n".join(text), file).lines) if text else []
    for project in disclosure.projects:
        project.source = Source(file=file, page=sheet.index)
    sheet = _get(book, SHEETS["assets"], file)
    for r in range(2, sheet.sheet.max_row + 1):
        kind = sheet.text(r, 1)
        if kind:
            disclosure.assets.append(Asset(kind, sheet.amount(r, 2), sheet.text(r, 3) or None, sheet.amount(r, 4),
                                           source=sheet.source(r)))
    sheet = _get(book, SHEETS["targets"], file)
    current: PerformanceTarget | None = None
    first = len(TARGET_FIELDS) + 1
    for r in range(2, sheet.sheet.max_row + 1):
        texts = [sheet.text(r, c) for c in range(1, first + len(INDICATOR_COLUMNS))]
        if not any(texts):
            continue
        project = texts[0] or None
        if current is None or project != current.project or texts[1]:
            current = PerformanceTarget("project" if project else "unit", project, sheet.amount(r, 2),
                                        sheet.amount(r, 3), sheet.amount(r, 4), texts[4] or None,
                                        source=sheet.source(r))
            disclosure.targets.append(current)
        cells = dict(zip((column.field for column in INDICATOR_COLUMNS), texts[first - 1:], strict=True))
        if any(cells.values()):
            indicator = Indicator(**{field: value or None for field, value in cells.items()}, source=sheet.source(r))
            indicator.weight = sheet.amount(r, first + [c.field for c in INDICATOR_COLUMNS].index("weight"))
            split = split_target(indicator.value or "")
            if split:
                indicator.operator, indicator.target, indicator.unit = split
            current.indicators.append(indicator)
