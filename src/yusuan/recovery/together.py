"""One disclosure published as several files: the narrative, the tables, the performance targets.

Each file is recovered on its own (so every value keeps its own file in its Source); the parts
are then joined. Files are grouped by what they say (unit and year, and for a part whose cover
names neither, the narrative restating the tables' totals), never by their names.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from ..model import Disclosure, Source
from ..template.select import in_unit
from ..text import fold
from . import TABLES_ELSEWHERE, TRUNCATED
from .extras import matters_of

T = TypeVar("T")


def join(parts: list[Disclosure]) -> Disclosure:
    """The parts as one disclosure: the tables of the part that has them, the narrative,
    overview and targets of every part, the unit and year from whichever part states them."""
    ordered = sorted(parts, key=lambda part: -sum(any(row.values for row in table.rows)
                                                  for table in part.tables.values() if table.present))
    main = ordered[0]
    others = ordered[1:]
    whole = Disclosure(
        unit=_first(part.unit for part in ordered), year=_first(part.year for part in ordered),
        kind=_first(part.kind for part in ordered), level=_first(part.level for part in ordered),
        tables=main.tables, source=main.source or Source(),
        files=[file for part in ordered for file in part.files],
    )
    narrated = sorted(ordered, key=lambda part: not part.statements)  # the narrative's part first
    whole.overview = next((part.overview for part in narrated if part.overview.functions
                           or part.overview.staffing.authorized is not None), main.overview)
    whole.contents = _first(part.contents for part in narrated)
    whole.variant = _first(part.variant for part in ordered)
    for part in narrated:
        whole.statements += part.statements
        whole.narrative += part.narrative
        whole.sections += part.sections
        whole.projects += part.projects
        whole.assets += part.assets
    for part in ordered:
        whole.targets += part.targets
        whole.extra_tables += part.extra_tables
    whole.matters = matters_of(whole)
    joined = main.has_tables
    for part in ordered:
        for problem in part.problems:
            if joined and problem.message == TABLES_ELSEWHERE:
                continue  # the tables are in the disclosure now
            if part is not main and problem.table is not None:
                continue  # a table listed in a narrative's contents, not read from there
            if others and problem.message.startswith(TRUNCATED):
                continue  # a tables file ends with its tables: the narrative is the other file
            whole.problems.append(problem)
    return whole


def groups(parts: list[Disclosure]) -> list[list[int]]:
    """Which of the files read form one disclosure: each file without tables joins the one
    file with tables it belongs to (same unit and year, or its narrative restating that file's
    total); every other file stands alone. Positions into `parts`."""
    tabled = [index for index, part in enumerate(parts) if part.has_tables]
    out: dict[int, list[int]] = {index: [index] for index in range(len(parts))}
    for index, part in enumerate(parts):
        if index in tabled:
            continue
        fits = [other for other in tabled if _belongs(part, parts[other])]
        if len(fits) == 1:
            out[fits[0]].append(index)
            del out[index]
    return [sorted(group) for group in out.values()]


def _belongs(part: Disclosure, tables: Disclosure) -> bool:
    if part.year and tables.year and part.year != tables.year:
        return False
    same_unit = bool(part.unit and tables.unit) and _same(part.unit or "", tables.unit or "")
    # a name may be shortened (北京市国资委): then, as when a cover names no unit, the narrative
    # restating the tables' own total is what ties the two
    return (same_unit and bool(part.year and tables.year)) or _restates_total(part, tables)


def _same(one: str, other: str) -> bool:
    """The same unit, one name perhaps carrying a suffix the other lacks (（本级）, （汇总））."""
    a, b = fold(one), fold(other)
    return a == b or a.startswith(b) or b.startswith(a)


def _restates_total(part: Disclosure, tables: Disclosure) -> bool:
    """Whether the narrative states the tables' grand total (收支总预算), to its own precision."""
    figures = {in_unit(amount.value, table.money_unit, "万元")
               for table in tables.tables.values() if table.present
               for row in table.rows if row.kind == "total" for amount in row.values.values() if amount.value}
    for statement in part.statements:
        step = Decimal(1).scaleb(statement.amount.as_tuple().exponent)
        if statement.amount >= 1 and any(figure.quantize(step, ROUND_HALF_UP) == statement.amount
                                         for figure in figures):
            return True
    return False


def _first(values: Iterable[T | None]) -> T | None:
    return next((value for value in values if value), None)
