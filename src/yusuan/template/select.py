"""Which rows a side of a cross-table identity names, and what they add up to."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Row, Table
from ..text import fold
from .canonical import TABLE_BY_ID, line_paths
from .spec import Line, Ref

MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10**8)}


def select(table: Table, ref: Ref) -> dict[str, list[Row]]:
    """The rows `ref` names, keyed by code for per-code selectors ('' otherwise)."""
    rows = [row for row in table.rows if ref.side is None or row.side == ref.side]
    selector = ref.row
    if selector == "total":
        totals = [row for row in rows if row.kind == "total"][:1]
        if totals or ref.side is not None:
            return {"": totals}
        # a table printed without its total row: its top-level rows stand for it
        above = parents(rows)
        return {"": [row for index, row in enumerate(rows) if index not in above]}
    if selector.startswith("line:"):
        names = selector[5:].split("|")
        return {"": [row for row in rows if row.name in names]}
    if selector == "top":
        return {"": top_lines(table, rows)}
    if selector == "classes":
        return {"": [row for row in rows if row.kind == "class"]}
    if selector.startswith("code:"):
        return {"": by_code(rows).get(selector[5:], [])}
    if selector == "class":
        return {code: group for code, group in by_code(rows).items() if len(code) == 3}
    if selector == "code":
        return by_code(rows)
    raise ValueError(f"unknown row selector {selector!r}")


def by_code(rows: list[Row]) -> dict[str, list[Row]]:
    """Rows by code; where a code has a subtotal row its projects are not counted again."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.code and row.kind != "total":
            groups.setdefault(row.code, []).append(row)
    for code, group in groups.items():
        subtotals = [row for row in group if row.kind != "project"]
        if subtotals and len(subtotals) < len(group):
            groups[code] = subtotals
    return groups


def amount(rows: list[Row], columns: tuple[str, ...]) -> Decimal:
    return sum((row.value(column) for row in rows for column in columns), Decimal(0))


def in_unit(value: Decimal, source_unit: str, target_unit: str) -> Decimal:
    """Convert exactly between money units (元, 万元 …)."""
    if source_unit == target_unit:
        return value
    return value * MONEY_UNITS.get(source_unit, Decimal(1)) / MONEY_UNITS.get(target_unit, Decimal(1))


def parents(rows: list[Row]) -> dict[int, int]:
    """For each row (by position) the position of the row it adds up into."""
    out: dict[int, int] = {}
    total = next((i for i, row in enumerate(rows) if row.kind == "total"), None)
    unit: int | None = None
    seen: dict[tuple[str, str], int] = {}  # (code, kind group) → position, within a unit block
    for index, row in enumerate(rows):
        if row.kind == "total":
            continue
        if row.kind == "unit":
            unit, seen = index, {}
            if total is not None:
                out[index] = total
            continue
        top = unit if unit is not None else total
        code = row.code
        parent: int | None = None
        if code and row.kind == "project":
            parent = seen.get((code, "sub"))
        if code and parent is None:
            for cut in (5, 3):
                if len(code) > cut and (code[:cut], "sub") in seen:
                    parent = seen[(code[:cut], "sub")]
                    break
        if parent is None:
            parent = top
        if parent is not None:
            out[index] = parent
        if code and row.kind != "project":
            seen[(code, "sub")] = index
    units = [index for index, row in enumerate(rows) if row.kind == "unit" and out.get(index) == total]
    if (total is not None and len(units) >= 2 and units[1] == units[0] + 1
            and _figures(rows[units[0]]) == _figures(rows[total]) != {}
            and _adds_up(rows[units[0]], [rows[index] for index in units[1:]])):
        # the department's own line, printed first and right above its units (Hangzhou 表2,
        # Xi'an 117 over 117001): the units add up into it, and it into the total
        for index in units[1:]:
            out[index] = units[0]
    return out


def _figures(row: Row) -> dict[str, Decimal]:
    return {label: amount.value for label, amount in row.values.items() if amount.value}


def tolerance(values: list[Decimal], places: int) -> Decimal:
    """Half a unit of the last printed place for every non-zero figure compared."""
    return Decimal(sum(1 for value in values if value)) * Decimal(5).scaleb(-places - 1)


def _adds_up(whole: Row, parts: list[Row]) -> bool:
    """Whether the parts' figures add up to the whole's in every column, within the rounding of
    the places they are printed with."""
    places = max((amount.decimals for row in (whole, *parts) for amount in row.values.values()), default=0)
    for label in {label for row in (whole, *parts) for label in row.values}:
        terms = [row.value(label) for row in parts]
        if abs(whole.value(label) - sum(terms, Decimal(0))) > tolerance([whole.value(label), *terms], places):
            return False
    return True


def line_children(rows: list[Row], lines: tuple[Line, ...], by_path: bool = False) -> dict[int, list[int]]:
    """For tables of fixed lines: each printed line's position → its sub-lines' positions. Lines
    are matched by name (T10) or, `by_path`, by their path (T1/T4 income: 本年收入/单位资金)."""
    position = {row.name: index for index, row in enumerate(rows)}
    out: dict[int, list[int]] = {}

    def printed(line: Line, path: str) -> list[int]:
        """The line's own row, or where it is not printed, its printed sub-lines (Fujian gives
        单位资金's 其他收入 without 单位资金)."""
        key = path if by_path else line.name
        if key in position:
            return [position[key]]
        return [k for child in line.children for k in printed(child, f"{path}/{child.name}")]

    def walk(line: Line, path: str) -> None:
        key = path if by_path else line.name
        kids = [k for child in line.children for k in printed(child, f"{path}/{child.name}")]
        if key in position and kids:
            out[position[key]] = kids
        for child in line.children:
            walk(child, f"{path}/{child.name}")

    for line in lines:
        walk(line, line.name)
    return out


def children(rows: list[Row]) -> dict[int, list[int]]:
    """For coded tables: each row's position → the positions of the rows that add up into it."""
    out: dict[int, list[int]] = {}
    for child, parent in parents(rows).items():
        out.setdefault(parent, []).append(child)
    return out


_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")


def project_rows(table: Table, name: str) -> list[Row]:
    """T7's rows of the project `name` (a project may be spread over several codes); a leading
    year (2024年…) is no part of the name."""
    wanted = _YEAR_PREFIX.sub("", fold(name))
    return [row for row in table.rows
            if row.kind == "project" and _YEAR_PREFIX.sub("", fold(row.project or "")) == wanted]


def top_lines(table: Table, rows: list[Row]) -> list[Row]:
    """A ledger's top-level income lines: the template's (本年收入, 上年结转结余), and the lines
    the template lacks printed between them where 本年收入 closes its block (Xi'an: 本年收入合计,
    用事业基金弥补收支差额, 上年实户资金余额, 上年结转): those are income of their own. Where
    本年收入 opens its block, the lines after it are its parts, never counted again."""
    lines = TABLE_BY_ID[table.id].income
    tops = [line.name for line in lines]
    paths = [path for path, _ in line_paths(lines)]
    out: list[Row] = []
    between = False  # after a closing 本年收入, before the next line of the template's top level
    for row in rows:
        name = row.name or ""
        if row.kind == "total":
            continue
        if name in tops:
            out.append(row)
            between = name != tops[-1]
        elif name in paths:
            between = False  # a part of a line: the block goes on below its line
        elif between and name and not fold(name).startswith("其中"):
            out.append(row)
    return out
