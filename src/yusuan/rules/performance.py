"""Performance-target tables against the budget they set targets for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..model import Disclosure
from ..text import fold
from .base import ERROR, WARNING, Finding, Rule, search

# rates where more is better: a target for them is a floor (>=), never a ceiling
_FLOOR = re.compile(r"(满意度|及时率|覆盖率|完成率|参保率|合规率|知晓率|达标率|到位率|覆盖面)"
                    r"(?:\([^)]*\))?(<=|≤|<|=<)\s*(\d+(?:\.\d+)?%?)")
_DOUBLED = re.compile(r"[<>≤≥=]*\d+(?:\.\d+)?%%+|[<>]==|>>|<<")


class ProjectFunds(Rule):
    id = "P.funds"
    severity = ERROR
    family = "绩效目标"
    title = "项目绩效目标表的财政拨款金额应等于该项目在一般公共预算项目支出表中的金额"
    why = "绩效目标是为这笔钱设的；金额不符，说明目标表是按别的预算（或别的项目）填的。"
    example = "项目支出绩效目标表写财政拨款 6,000.05 万元，项目支出表中该项目为 6,000.06 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get("T7")
        if table is None or not table.present:
            return
        for target in disclosure.targets:
            stated = target.fiscal if target.fiscal is not None else target.total
            if target.kind != "project" or not target.project or stated is None:
                continue
            rows = [row for row in table.rows
                    if row.kind == "project" and fold(row.project or "") == fold(target.project)]
            if not rows:
                continue
            budget = sum((row.value("项目支出合计") for row in rows), Decimal(0))
            shown = budget.quantize(Decimal(1).scaleb(stated.as_tuple().exponent), ROUND_HALF_UP)
            if shown != stated:
                yield self.finding(
                    f"“{target.project}”的绩效目标表财政拨款为 {stated} 万元，"
                    f"T7 中该项目为 {budget} 万元",
                    table="T7", code=rows[0].code, column="项目支出合计", section="绩效目标表",
                    quote=target.project, stated=stated, expected=budget, source=target.source)


class FloorTarget(Rule):
    id = "P.floor"
    severity = ERROR
    family = "绩效目标"
    title = "越高越好的比率（满意度、及时率、覆盖率……）的目标应写成“≥”，不应写成“≤”"
    why = "“满意度≤95%”等于说满意度不能超过 95%，目标方向写反，绩效评价将无从谈起。"
    example = "服务对象满意度（%）≤95%"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for match, source in search(target.lines, _FLOOR):
                yield self.finding(
                    f"“{target.project or '整体绩效目标'}”的指标“{match.group(0)}”：{match.group(1)}越高越好，"
                    f"目标应写成“≥{match.group(3)}”",
                    section="绩效目标表", quote=match.group(0), source=source)


class TargetTypo(Rule):
    id = "P.typo"
    severity = WARNING
    family = "绩效目标"
    title = "指标值书写错误（如“>=95%%”）"
    why = "写错的指标值无法确定原意，公开前必须改正。"
    example = "受益对象满意度（%）>=95%%"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for match, source in search(target.lines, _DOUBLED):
                yield self.finding(f"“{target.project or '整体绩效目标'}”的指标值中有“{match.group(0)}”",
                                   section="绩效目标表", quote=match.group(0), source=source)
