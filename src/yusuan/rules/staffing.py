"""Part 1: the staffing figures add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Disclosure
from .base import ERROR, Finding, Rule


class ActualStaff(Rule):
    id = "S.actual"
    severity = ERROR
    family = "人员"
    title = "实有人数应等于在职、退休、离休人数之和"
    why = "人员数是人员经费的依据，自相矛盾的人数让人员经费无从核对。"
    example = "实有人数 30 人，其中在职 22 人、退休 7 人、离休 0 人（合计 29 人）"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        staffing = disclosure.overview.staffing
        parts = [staffing.active, staffing.retired, staffing.veteran_retired]
        if staffing.actual is None or any(part is None for part in parts):
            return
        total = sum(part.value for part in parts if part is not None)
        if total != staffing.actual:
            yield self.finding(
                f"实有人数为 {staffing.actual} 人，但在职、退休、离休之和为 "
                f"{' + '.join(str(p.value) for p in parts if p is not None)} = {total} 人",
                section="第一部分 机构设置及人员情况", stated=Decimal(staffing.actual),
                expected=Decimal(total), source=staffing.source)
