"""Rules that need the corpus: this year's document against last year's stored one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from ..model import Disclosure
from ..template.select import amount, in_unit
from .base import WARNING, Finding, Rule
from .restated import restated_rows, restated_statements

_ROUNDING = Decimal("0.01")  # two amounts printed to the cent, each off by up to half a cent


class LastYear(Rule):
    id = "C.last-year"
    severity = WARNING
    family = "跨年度"
    title = "说明中“比上年预算增加/减少”的金额应与上年预算公开的数字相符（需要语料库）"
    why = "增减额是读者判断预算变化的依据；与上年公开的预算对不上，说明上年数字抄错或口径不同而未说明。" \
          "只在入库时、且语料库中有同一单位上一年度的预算公开时检查。"
    example = "2025 年说明写“一般公共预算 784.04 万元，比上年增加 347.40 万元”，" \
              "而 2024 年公开的一般公共预算为 500.00 万元（应增加 284.04 万元）"

    def __init__(self, previous: Callable[[Disclosure], Disclosure | None] | None = None) -> None:
        self.previous = previous  # last year's disclosure of the same unit; without it, no check

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        last = self.previous(disclosure) if self.previous is not None else None
        if last is None:
            return
        for statement, restatement, _ in restated_statements(disclosure):
            if statement.change is None:
                continue
            rows = restated_rows(last, restatement, statement)
            if not rows:
                continue
            ref = restatement.figure
            before = in_unit(amount(rows, ref.columns), last.tables[ref.table].money_unit, "万元")
            expected = statement.amount - before
            if abs(expected - statement.change) > _ROUNDING:
                yield self.on(statement, f"{last.year} 年预算公开中为 {before} 万元，本年 {statement.amount} 万元，"
                              f"应{_word(expected)} {abs(expected)} 万元，文中为{_word(statement.change)} "
                              f"{abs(statement.change)} 万元", table=ref.table, column=ref.columns[0],
                              stated=statement.change, expected=expected)


def _word(change: Decimal) -> str:
    return "减少" if change < 0 else "增加"
