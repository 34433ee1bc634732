"""The performance-target tables (绩效目标表): for now each table's project and its funds."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import PerformanceTarget
from ..readers.base import TextLine
from ..text import fold, join_fragments

_TITLE = re.compile(r"(项目支出|整体)绩效目标(?:申报)?表")
_PROJECT = re.compile(r"项目名称(.+?)项目负责人")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_TOTAL = re.compile(r"(?:资金|预算)总(?:额|计)[:：]?" + _NUMBER)
_FISCAL = re.compile(r"财政(?:拨款|资金)[:：]?" + _NUMBER)
_OTHER = re.compile(r"其他资金[:：]?" + _NUMBER)


def _amount(pattern: re.Pattern[str], text: str) -> Decimal | None:
    match = pattern.search(text)
    return Decimal(match.group(1).replace(",", "")) if match else None


def targets(lines: list[TextLine]) -> list[PerformanceTarget]:
    starts = [(i, match.group(1)) for i, line in enumerate(lines)
              if "绩效目标" in line.text and len(fold(line.text)) <= 24
              and (match := _TITLE.search(fold(line.text)))]
    out = []
    for position, (start, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        block = lines[start:end]
        # up to the indicators: the head of the table holds the project and its funds
        head = join_fragments([line.text for line in block[:40]]).split("一级指标")[0]
        project = _PROJECT.search(head.replace("\t", ""))
        out.append(PerformanceTarget(
            kind="project" if kind == "项目支出" else "unit",
            project=project.group(1).strip() if project else None,
            total=_amount(_TOTAL, head), fiscal=_amount(_FISCAL, head), other=_amount(_OTHER, head),
            source=lines[start].source, lines=[(line.text, line.source) for line in block]))
    return out
