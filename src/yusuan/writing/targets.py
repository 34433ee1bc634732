"""绩效目标表: the unit's overall targets and each project's, laid out as the template prints them:
the project and its funds, the goal, then one row per indicator in template/performance.py's
columns."""

from __future__ import annotations

from decimal import Decimal

from ..model import Disclosure, PerformanceTarget
from ..template.performance import INDICATOR_COLUMNS
from .blocks import Grid
from .inputs import Inputs
from .layout import money


def _text(value: object) -> str:
    if value is None:
        return ""
    return money(value) if isinstance(value, Decimal) and value.as_tuple().exponent != 0 else str(value)


def target_grid(disclosure: Disclosure, target: PerformanceTarget) -> Grid:
    unit = disclosure.unit or ""
    width = len(INDICATOR_COLUMNS)
    title = "项目支出绩效目标表" if target.kind == "project" else f"{(disclosure.kind or '单位预算')[:2]}整体绩效目标表"

    # the head: a label, then its text over the rest of the row (or over a share of it)
    head = [["项目名称", target.project or "", "项目负责人", ""] if target.kind == "project" else ["单位名称", unit],
            ["实施单位", unit],
            ["年度预算（万元）", f"资金总额：{money(target.total)}", f"财政拨款：{money(target.fiscal)}",
             f"其他资金：{money(target.other)}"],
            ["年度绩效目标", target.goal or ""]]
    spans = {index: _spans(len(cells), width) for index, cells in enumerate(head)}
    body = [*head, [column.label for column in INDICATOR_COLUMNS]]
    body += [[_text(getattr(indicator, column.field)) for column in INDICATOR_COLUMNS]
             for indicator in target.indicators]
    return Grid(number="", title=title, preparer=f"（{disclosure.year or ''}年）", money_unit="", header=[],
                body=body, numeric=[False] * width, widths=[4.0, 5.0, 6.0, 4.0, 5.0, 3.0, 2.5, 5.0, 4.0],
                landscape=True, wrap=True, spans=spans)


def _spans(cells: int, width: int) -> list[int]:
    """A label cell, then the rest of the row shared among the other cells."""
    rest = width - 1
    share = [rest // (cells - 1) + (1 if i < rest % (cells - 1) else 0) for i in range(cells - 1)]
    return [1, *share]


def target_grids(disclosure: Disclosure, inputs: Inputs) -> list[Grid]:
    return [target_grid(disclosure, target) for target in disclosure.targets]
