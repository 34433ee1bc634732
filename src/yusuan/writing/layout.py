"""The eleven tables laid out as printed: multi-level headers from the template, 类/款/项 code
columns, ledger tables side by side, amounts as the data holds them."""

from __future__ import annotations

from decimal import Decimal

from ..model import Disclosure, Row, Table
from ..template import TABLE_BY_ID, TABLES, Line, TableSpec, line_paths
from ..template.evaluate import places_of
from .blocks import Grid, HeaderCell
from .notes import empty_note, full_title

_NUMERALS = "一二三四五六七八九十"
_WIDE = 9  # tables with more printed columns than this go on landscape pages


def text_width(text: str) -> float:
    """The printed width of a cell's text in ems (CJK characters are a full em, the rest about half)."""
    return sum(1.0 if ord(char) > 0x2E80 else 0.56 for char in text)


def money(value: Decimal | None) -> str:
    """An amount as printed: thousands separated, the decimals the data holds."""
    return "" if value is None else f"{value:,}"


def _cell(row: Row, label: str, zero: str = "") -> str:
    """An amount cell; `zero` is printed where a row with figures has none in this column, so that
    each figure's column can be told from the printed text alone (as many disclosures print 0.00)."""
    amount = row.values.get(label)
    if amount is not None:
        return money(amount.value)
    return zero if row.values else ""


def _zero(table: Table) -> str:
    return money(Decimal(0).scaleb(-places_of(table))) if table.rows else ""


def header(columns: list[tuple[tuple[str, ...], str]]) -> list[list[HeaderCell]]:
    """Header rows for columns given as (their groups, outermost first; their own label)."""
    depth = max(len(path) for path, _ in columns) + 1
    rows: list[list[HeaderCell]] = []
    for level in range(depth):
        cells: list[HeaderCell] = []
        index = 0
        while index < len(columns):
            path, label = columns[index]
            if len(path) == level:
                cells.append(HeaderCell(label, rowspan=depth - level))
                index += 1
            elif len(path) > level:
                span = 1
                while (index + span < len(columns) and len(columns[index + span][0]) > level
                       and columns[index + span][0][: level + 1] == path[: level + 1]):
                    span += 1
                cells.append(HeaderCell(path[level], colspan=span))
                index += span
            else:
                index += 1  # covered by a cell above spanning down
        rows.append(cells)
    return rows


def money_columns(spec: TableSpec) -> list[tuple[tuple[str, ...], str]]:
    out = []
    for column in spec.columns:
        *prefix, leaf = column.label.split("/")
        path = tuple(prefix)
        for group, members in spec.groups:
            if column.label in members and len(group.split("/")) > len(path):
                path = tuple(group.split("/"))
        out.append((path, leaf))
    return out


def _code_cells(code: str | None, parts: int) -> list[str]:
    code = code or ""
    cuts = [code[:3], code[3:5], code[5:7]][:parts]
    return cuts


def _row_name(row: Row) -> str:
    if row.kind == "total":
        return row.name or "合计"
    return row.name or row.unit or ""


def _coded(spec: TableSpec, table: Table, parts: int, project: bool) -> tuple[list, list[list[str]]]:
    levels = ("类", "款", "项")[:parts]
    name_column = "经济分类科目名称" if spec.rows == "economic" else "功能分类科目名称"
    code_column = "经济分类科目编码" if spec.rows == "economic" else "功能分类科目编码"
    columns = [((code_column,), level) for level in levels] + [((), name_column)]
    if project:
        columns.append(((), "项目名称"))
    columns += money_columns(spec)
    zero = _zero(table)
    body = []
    for row in table.rows:
        cells = ["", "", ""][:parts] if row.kind in ("total", "unit") else _code_cells(row.code, parts)
        cells.append(_row_name(row))
        if project:
            cells.append(row.project or "")
        body.append(cells + [_cell(row, column.label, zero) for column in spec.columns])
    return columns, body


def ledger_label(path: str, lines: tuple[Line, ...]) -> str:
    """A ledger line as printed: 一、本年收入 / 1.一般公共预算拨款 / 其中：一般财力."""
    names = path.split("/")
    siblings: tuple[Line, ...] = lines
    for depth, name in enumerate(names):
        position = next((i for i, line in enumerate(siblings) if line.name == name), 0)
        if depth == len(names) - 1:
            if depth == 0:
                return f"{_NUMERALS[position]}、{name}"
            if depth == 1:
                return f"{position + 1}.{name}"
            return f"其中：{name}" if position == 0 else name
        siblings = siblings[position].children if position < len(siblings) else ()
    return path


def _ledger(spec: TableSpec, table: Table) -> tuple[list, list[list[str]]]:
    income_labels = [c.label for c in spec.income_columns]
    expense_labels = [c.label for c in spec.columns]
    columns = ([(("收入",), "项目")] + [(("收入",), label) for label in income_labels]
               + [(("支出",), "功能分类科目")] + [(("支出",), label) for label in expense_labels])
    known = {path for path, _ in line_paths(spec.income)}
    income = [r for r in table.rows if r.side == "income" and r.kind != "total"]
    expense = [r for r in table.rows if r.side == "expense" and r.kind != "total"]
    body = []
    for index in range(max(len(income), len(expense))):
        cells: list[str] = []
        if index < len(income):
            row = income[index]
            name = row.name or ""
            cells += [ledger_label(name, spec.income) if name in known else name,
                      *(_cell(row, label) for label in income_labels)]
        else:
            cells += [""] * (1 + len(income_labels))
        if index < len(expense):
            row = expense[index]
            cells += [f"{row.code or ''} {row.name or ''}".strip(), *(_cell(row, label) for label in expense_labels)]
        else:
            cells += [""] * (1 + len(expense_labels))
        body.append(cells)
    totals = [table.total("income"), table.total("expense")]
    if any(totals):
        cells = []
        for row, labels, word in ((totals[0], income_labels, "收入总计"), (totals[1], expense_labels, "支出总计")):
            cells += [word, *(_cell(row, label) if row else "" for label in labels)]
        body.append(cells)
    return columns, body


def _lines(spec: TableSpec, table: Table) -> tuple[list, list[list[str]]]:
    columns = [((), "项目"), *money_columns(spec)]
    # T10's lines as printed: the total first, then each part, a part's own parts after 其中
    label = {}
    for path, _line in line_paths(spec.lines):
        names = path.split("/")
        label[names[-1]] = ledger_label("/".join(names[1:]), spec.lines[0].children) if len(names) > 1 else names[0]
    zero = _zero(table)
    body = [[label.get(row.name or "", row.name or ("合计" if row.kind == "total" else "")),
             *(_cell(row, c.label, zero) for c in spec.columns)] for row in table.rows]
    return columns, body


def _carryover(spec: TableSpec, table: Table) -> tuple[list, list[list[str]]]:
    columns = [((), "项目名称"), *money_columns(spec)]
    zero = _zero(table)
    body = [[row.project or _row_name(row), *(_cell(row, c.label, zero) for c in spec.columns)]
            for row in table.rows]
    return columns, body


def grid(disclosure: Disclosure, table_id: str) -> Grid:
    spec = TABLE_BY_ID[table_id]
    table = disclosure.tables.get(table_id) or Table(table_id)
    if spec.rows == "ledger":
        columns, body = _ledger(spec, table)
    elif spec.rows in ("function", "project"):
        columns, body = _coded(spec, table, 3, spec.rows == "project")
    elif spec.rows == "economic":
        columns, body = _coded(spec, table, 2, False)
    elif spec.rows == "lines":
        columns, body = _lines(spec, table)
    else:
        columns, body = _carryover(spec, table)
    labels = [label for _, label in columns]
    numeric = [label not in ("类", "款", "项") and not label.endswith(("名称", "科目", "项目"))
               for label in labels]
    named = [label.endswith(("名称", "科目", "项目")) for label in labels]
    widths = [max([4.0 if number else 8.0 if name else 2.0] + [text_width(cells[i]) + 1 for cells in body])
              for i, (number, name) in enumerate(zip(numeric, named, strict=True))]
    empty = not any(row.values for row in table.rows)
    if spec.rows == "ledger":  # the last printed line holds the totals
        emphasis = [index == len(body) - 1 and table.total() is not None for index in range(len(body))]
    else:
        emphasis = [row.kind in ("total", "class", "unit") for row in table.rows]
    number = str(TABLES.index(spec) + 1)
    return Grid(
        number=f"表{number}", title=full_title(disclosure, spec), preparer=f"编制单位：{disclosure.unit or ''}",
        money_unit=f"单位：{table.money_unit or '万元'}", header=header(columns), body=body, numeric=numeric,
        widths=widths, landscape=len(columns) > _WIDE,
        note=(table.note or empty_note(disclosure, spec)) if empty else table.note, emphasis=emphasis)
