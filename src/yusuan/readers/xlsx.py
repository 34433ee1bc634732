"""Reader for Excel workbooks (python-calamine: .xlsx and .xls alike).

Sheets in workbook order (usually one table per sheet); each row becomes one line whose words
carry their column index. A cell keeps the value Excel stores; a number is written with the
decimals the sheet's amounts are printed with, so that 5 in a column of 938.28 reads as 5.00.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from ..errors import UnreadableError
from ..model import Problem, Source
from .base import Extracted, TextLine, Word

_MAX_PLACES = 6
_NOISE = 9  # more decimals than this are binary float residue, not printed digits


def read_workbook(path: Path, form: str) -> Extracted:
    from python_calamine import CalamineError, CalamineWorkbook

    file = path.name
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as error:
        name = "Excel 文件" if form == "xlsx" else "旧版 Excel（.xls）文件"
        raise UnreadableError(f"{name}已损坏或加密，无法打开（{error}）", file=file) from None
    lines: list[TextLine] = []
    problems: list[Problem] = []
    sheets: list[tuple[int, list[list[object]]]] = []
    for number, name in enumerate(workbook.sheet_names, start=1):
        try:
            sheets.append((number, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)))
        except (CalamineError, ValueError) as error:
            problems.append(Problem(f"工作表“{name}”无法读取（{error}）", Source(file, number)))
    # the decimals of the whole workbook: a sheet of 655.3 and 13 prints them as 655.30, 13.00
    places = _places([row for _, rows in sheets for row in rows])
    for number, rows in sheets:
        for row_number, row in enumerate(rows, start=1):
            source = Source(file, number, row_number)
            named = _first_text(row)
            words = [Word(part, source, column) for column, value in enumerate(row)
                     for part in _show(value, places if column > named else 0).split()]
            if words:
                lines.append(TextLine(words, source))
    if not lines:
        raise UnreadableError("Excel 文件中没有任何内容", file=file)
    return Extracted(file=file, format=form, lines=lines, pages=len(workbook.sheet_names), problems=problems)


def _places(rows: list[list[object]]) -> int:
    """The decimals a sheet's fractional amounts are printed with (most of them)."""
    counts = Counter(_decimals(value) for row in rows for value in row
                     if isinstance(value, float) and not value.is_integer())
    return min(counts.most_common(1)[0][0], _MAX_PLACES) if counts else 0


def _decimals(value: float) -> int:
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _first_text(row: list[object]) -> int:
    """The column of a row's first text cell: numbers before it are codes or serial numbers
    (201, 1), numbers after it amounts (5 is 5.00 in a sheet of two-decimal amounts)."""
    return next((column for column, value in enumerate(row) if isinstance(value, str) and value.strip()),
                len(row))


def _show(value: object, places: int) -> str:
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, float):
        if value.is_integer() and places == 0:
            return str(int(value))
        # the stored value's shortest exact form: Excel's 938.28 is 938.28, never 938.2799…
        shown = _decimals(value)
        if shown > _NOISE and places:  # a formula's float noise (0.30000000000000004): as shown
            shown = places
        return f"{Decimal(repr(value)):.{max(places, shown)}f}"
    return str(value)
