"""A ledger's expense printed again beside it by another classification (a panel): the same
money, so the same totals."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Disclosure, ExtraTable, Row, Table
from ..recovery.panels import PANEL
from ..template.evaluate import step_of
from .base import ERROR, Finding, Rule


def _ledger(disclosure: Disclosure, panel: ExtraTable) -> Table | None:
    """The ledger a panel was printed beside: the table whose title its own title extends."""
    return next((table for table in disclosure.tables.values() if table.present and table.title
                 and panel.title.startswith(table.title + "（")), None)


def _line(table: Table, name: str) -> Row | None:
    if name == "支出总计":
        return table.total("expense")
    return next((row for row in table.rows if row.side == "expense" and row.name == name), None)


class PanelTotal(Rule):
    id = "X.panel-total"
    severity = ERROR
    family = "表内"
    title = "收支总表按经济分类列示的支出合计应与按功能分类的支出合计一致"
    why = "同一张收支总表把同一笔支出按功能分类和按经济分类各列一遍，两边的本年支出合计、支出总计必须相同；"\
          "不同说明其中一栏抄错或漏项。"
    example = "收支总表按功能分类支出总计 25180591.33 元，按部门预算支出经济分类支出总计 25180591.43 元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for panel in disclosure.extra_tables:
            ledger = _ledger(disclosure, panel) if panel.concept == PANEL else None
            if ledger is None or not ledger.readable:
                continue
            half = step_of(ledger, ledger.money_unit) / 2
            for name, amount in panel.figures.items():
                row = _line(ledger, name)
                figures = list(row.values.values()) if row is not None else []
                if not figures:
                    continue
                expected = figures[0].value
                if abs(amount.value - expected) > half:  # both printed to the ledger's places
                    yield self.finding(
                        f"{panel.title}的“{name}”为 {amount.text}，按功能分类的“{name}”为 {figures[0].text}",
                        table=ledger.id, column=name, stated=amount.value, expected=expected,
                        source=amount.source)
