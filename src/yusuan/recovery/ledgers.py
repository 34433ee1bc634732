"""A ledger's header read side by side (收支总表, 财政拨款收支总表).

Each side of a ledger prints its own header: 项目 | 本年预算 | 编制预算 | 上年结转 on both (Jilin),
项目 | 预算数 beside 项目 | 预算数/合计 | 人员经费 | 公用经费 | 项目支出 (Shanghai). The same words stand
over both sides, so the header is cut where the expense side starts and each half is matched to
that side's columns of the template; a figure under a cell the template lacks keeps its printed
header, as in any other table.
"""

from __future__ import annotations

import dataclasses
import re

from ..readers.base import TextLine
from ..template import Column, TableSpec
from ..text import fold
from .columns import by_header, header_cells
from .rows import Pending
from .tokens import Token

# a line naming a side, not a column (收 入 | 支 出; 本年收入 | 本年支出 over each side's header)
_SIDE_NAME = re.compile(r"^(?:本年|财政拨款)?(?:收入|支出)$")
_EDGE_SLACK = 2.0  # points a header word may start left of the expense names' edge


def by_sides(spec: TableSpec, header_lines: list[TextLine], rows: list[Pending], edge: float | None
             ) -> tuple[dict[int, tuple[list[Column], bool]], dict[int, list[tuple[str, Token]]]]:
    """Per row (by id), the template column of each figure as the header of its side says, and
    the figures under cells the template lacks (taken out of the row's amounts). Empty unless
    every side's header names its total and places every figure: the rows are then as read."""
    placed: dict[int, tuple[list[Column], bool]] = {}
    unmatched: dict[int, list[tuple[str, Token]]] = {}
    if edge is None or not header_lines:
        return placed, unmatched
    saved = {id(pending): list(pending.amounts) for pending in rows}
    for side, columns in (("income", spec.income_columns), ("expense", spec.columns)):
        own = dataclasses.replace(spec, columns=columns, income_columns=())
        cells = header_cells(own, _half(header_lines, edge, side == "expense"))
        if not any(cell.column == columns[0] for block in cells.values() for cell in block):
            placed.clear()
            break  # the side's header does not name its total: not read this way
        side_placed, side_unmatched = by_header(cells, [p for p in rows if p.row.side == side], own)
        placed.update(side_placed)
        unmatched.update(side_unmatched)
    printing = [p for p in rows if saved[id(p)]]
    if not placed or not all(id(p) in placed for p in printing):
        for pending in rows:
            pending.amounts = saved[id(pending)]
        return {}, {}
    return placed, unmatched


def _half(lines: list[TextLine], edge: float, expense: bool) -> list[TextLine]:
    """The header lines' words on one side of the edge; a line naming the side is no column."""
    out = []
    for line in lines:
        words = [word for word in line.words
                 if word.source.bbox is not None and (word.source.bbox[0] >= edge - _EDGE_SLACK) == expense]
        if words and not _SIDE_NAME.match("".join(fold(word.text) for word in words)):
            out.append(TextLine(words, line.source))
    return out
