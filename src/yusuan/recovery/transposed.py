"""A lines table (T10) printed the other way round: its lines as columns.

Many provinces print the 三公 table as one row of figures under the items (合计 | 因公出国（境）费 |
公务用车购置及运行费 (小计 | 购置费 | 运行维护费) | 公务接待费), often twice (2025年预算数 | 2026年预算数,
当年预算 | 上年结转结余), sometimes with a row per unit or per year, or each item split by fund.
Where the words keep their boxes (a PDF), each header cell is matched to the template's line by its
words, its groups' words included, and to a fund where it names one; the figures of the
document's own year are read from the row that totals the table (合计, or the year's row, or the
only row) by the cell each stands under.
"""

from __future__ import annotations

import re

from ..model import Amount, Row, Table
from ..readers.base import TextLine, Word
from ..template import TableSpec
from ..template.canonical import line_paths
from ..template.evaluate import trees
from ..text import fold, is_amount, parse_amount
from .columns import HeaderCell, align, cells_of, figure_columns
from .rows import Pending

_TOTALS = ("合计", "总计", "小计")
_SUFFIX = re.compile(r"(?:维护)?(?:经费|费用|费|支出)(?:合计)?$")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OTHER_FUNDS = re.compile(r"上年结转|结转结余")
_PERIOD = re.compile(r"(?:19|20)\d{2}年|当年|本年|上年|增减|变化")


def _stem(text: str) -> str:
    return _SUFFIX.sub("", fold(text).replace("维护", "").replace("\"", "").replace("“", "").replace("”", ""))


def _line(spec: TableSpec, piece: str) -> str | None:
    """The template line a header piece names: of the names it holds, the one it ends with (a
    group's words stacked over its part's: 公务用车购置及运行维护费公务用车购置费), the longest."""
    stem, best = _stem(piece), None
    for _, line in line_paths(spec.lines):
        for name in (line.name, *line.aliases):
            name_stem = _stem(name)
            if len(name_stem) >= 2 and name_stem in stem:
                rank = (stem.rfind(name_stem) + len(name_stem), len(name_stem))
                if best is None or rank > best[0]:
                    best = (rank, line.name)
    return best[1] if best else None


def _item(spec: TableSpec, cells: list[HeaderCell], index: int) -> tuple[str | None, bool]:
    """The line a header cell carries, and whether the cell names it: its own words; or, for a
    小计/合计, its group's words, else the line whose parts follow it (小计 | 购置费 | 运行费), else
    the table's 合计, unnamed (a bare 合计 may hold more than the 三公: 会议费, 培训费)."""
    cell, total = cells[index], spec.lines[0].name
    leaf = cell.pieces[-1]
    if leaf not in _TOTALS and not leaf.endswith("合计"):
        return _line(spec, leaf) or _part(spec, cell), True
    for piece in reversed(cell.pieces):
        if piece not in _TOTALS and (found := _line(spec, piece)) is not None:
            return found, True
    if leaf == "小计" and index + 1 < len(cells):
        part = _line(spec, cells[index + 1].pieces[-1]) or _part(spec, cells[index + 1])
        parent = next((line.name for _, line in line_paths(spec.lines)
                       if any(child.name == part for child in line.children)), None)
        return parent, parent is not None
    return (total, False) if leaf != "小计" else (None, False)


def _part(spec: TableSpec, cell: HeaderCell) -> str | None:
    """A part printed short under its group (公务用车购置及运行费 / 购置费): the group line's part
    whose name ends the same."""
    leaf = _stem(cell.pieces[-1])
    for group in reversed(cell.pieces[:-1]):
        parent = next((line for _, line in line_paths(spec.lines) if line.name == _line(spec, group)), None)
        if parent is not None and len(leaf) >= 2:
            return next((child.name for child in parent.children if _stem(child.name).endswith(leaf)), None)
    return None


def _current(period: str, year: int | None) -> bool:
    """Whether a period's label (2026年预算数, 当年预算, 上年结转结余) is the document's own year."""
    if _OTHER_FUNDS.search(period) or "上年" in period or "增减" in period or "变化" in period:
        return False
    years = {int(y) for y in _YEAR.findall(period)}
    return not years or year in years


def _fund(spec: TableSpec, cell: HeaderCell) -> str:
    """The fund column a header cell names (一般公共预算 …), else the line's 合计."""
    for piece in reversed(cell.pieces):
        for column in spec.columns[1:]:
            if any(fold(name) in piece for name in (column.label, *column.aliases)):
                return column.label
    return spec.columns[0].label


def _without_fund(spec: TableSpec, cell: HeaderCell) -> HeaderCell:
    """A cell under an item that names a fund (因公出国(境)费 / 一般公共预算): the item's cell."""
    leaf = HeaderCell(cell.page, cell.x0, cell.x1, cell.pieces[-1:])
    if len(cell.pieces) > 1 and _fund(spec, leaf) != spec.columns[0].label:
        return HeaderCell(cell.page, cell.x0, cell.x1, cell.pieces[:-1])
    return cell


def is_transposed(spec: TableSpec, header: str) -> bool:
    """A header naming two or more of the table's lines prints them as columns."""
    names = {line.name for _, line in line_paths(spec.lines[0].children)
             if any(_stem(name) in _stem(header) for name in (line.name, *line.aliases) if len(_stem(name)) >= 2)}
    return len(names) >= 2


def transposed_rows(spec: TableSpec, header_lines: list[TextLine], rows: list[Pending], year: int | None
                    ) -> list[Row] | None:
    """The table's lines read from a transposed print, or None where it cannot be read so."""
    words: list[Word] = [word for line in header_lines for word in line.words]
    if not words or any(word.source.bbox is None for word in words):
        return None
    cells = cells_of([word for word in words if not re.fullmatch(r"[※*\d\s.、]+", word.text)])
    # the periods over the items (2025年预算数 | 2026年预算数, 当年预算 | 上年结转结余): each cell is the
    # nearest one's above it
    periods = [word for word in words if _PERIOD.search(fold(word.text))]
    total = spec.lines[0].name
    # funds apart only where the header splits an item by two funds or more (Shenzhen); a title's
    # 一般公共预算 or 财政拨款 says what all the figures are, not a column of their own
    split = len({_fund(spec, cell) for cell in cells} - {spec.columns[0].label}) >= 2
    found: list[tuple[int, str, str, bool]] = []
    for index, cell in enumerate(cells):
        above = [word for word in periods if word.source.bbox[3] <= _top(cell, words) + 1]  # type: ignore[index]
        if above:
            near = min(above, key=lambda word: abs((word.source.bbox[0] + word.source.bbox[2]) / 2  # type: ignore[index]
                                                   - cell.centre))
            if not _current(fold(near.text), year):
                continue
        item, named_here = _item(spec, [_without_fund(spec, other) if split else other for other in cells], index)
        if item is not None:
            found.append((index, item, _fund(spec, cell) if split else spec.columns[0].label, named_here))
    # a bare 合计 beside a total that names the 三公 (合计 | 三公经费 小计 … | 会议费 | 培训费) is more than 三公
    named = any(explicit for _, item, _, explicit in found if item == total)
    meant: dict[int, tuple[str, str]] = {}  # by cell index: (line, fund)
    for index, item, fund, explicit in found:
        if (item != total or explicit or not named) and (item, fund) not in meant.values():
            meant[index] = (item, fund)
    if len({item for item, _ in meant.values()}) < 2:
        return None
    row = _totalling(rows, year)
    if row is None:
        return None
    amounts = [token for token in row.amounts if is_amount(token.text) and token.source.bbox is not None]
    columns = figure_columns(amounts)
    places = max((len(token.text.partition(".")[2]) for token in amounts), default=0)
    # figures right-aligned in cells wider than their words (Shanghai 单位预算11表), or a cell
    # whose words took its group's (Xi'an 表13, type 4 points high), may stand nearer the next
    # cell's words than their own: then each cell reaches halfway to its neighbours' centres
    # (where cells of even width meet)
    for reach in (cells, [HeaderCell(cell.page, cell.centre, cell.centre, cell.pieces) for cell in cells]):
        at = align(columns, reach)
        if at is None:
            continue
        values: dict[str, dict[str, Amount]] = {}
        for column, index in zip(columns, at, strict=True):
            if index in meant:
                item, fund = meant[index]
                token = column[0]
                values.setdefault(item, {})[fund] = Amount(parse_amount(token.text), token.text, token.source)
        if not values:
            continue  # the figures did not meet the header's cells: nothing read, nothing to check
        read = [Row("total" if line.name == total else "line", line.name, values.get(line.name, {}),
                    source=row.row.source) for _, line in line_paths(spec.lines)]
        # accepted only where the items add up as the template says: a figure put under the wrong
        # cell (a header too small to read whole) must not become a finding against the document
        if not trees(Table(spec.id, present=True, places=places, rows=read)):
            return read
    return None


def _top(cell: HeaderCell, words: list[Word]) -> float:
    """The top of a header cell: the highest of its own words within its span (a period's words
    over a narrow cell, 上年 over 小计, are not its own), else of any of its pieces'."""
    inside = [word for word in words
              if cell.x0 - 1 <= word.source.bbox[0] and word.source.bbox[2] <= cell.x1 + 1  # type: ignore[index]
              and fold(word.text) in cell.printed]
    own = [word for word in inside if fold(word.text) in cell.pieces[-1]]
    return min((word.source.bbox[1] for word in own or inside), default=0.0)  # type: ignore[index]


def _totalling(rows: list[Pending], year: int | None) -> Pending | None:
    """The row that holds the document's figures: the only one, the 合计 row over a row per
    unit, or the row of the document's year."""
    with_figures = [pending for pending in rows if any(is_amount(token.text) for token in pending.amounts)]
    if len(with_figures) == 1:
        return with_figures[0]
    for pending in with_figures:
        label = fold("".join([pending.row.name or "", *pending.words]))
        if label.startswith(("合计", "总计")) or (year is not None and label.startswith(f"{year}年")):
            return pending
    return None
