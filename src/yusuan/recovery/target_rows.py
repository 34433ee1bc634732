"""A performance-target table giving each project one row, its indicators written out in one cell
(广东: 项目名称 | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标, the last cell
"1、1－产出指标，11－数量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;2、…").
Read where a ruled PDF kept each word's cell and band (target_list.py reads the other layout)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Indicator, PerformanceTarget, Source
from ..readers.base import TextLine, Word
from ..text import fold, is_amount, parse_amount
from .target_list import Cells, Key, cell_text, with_value

# one indicator as the cell writes it: its number, 1－产出指标, 11－数量指标, its name, then the
# value for the whole period and for the year (what the year's target is); digits a subscript
# dropped out of its place (PM2.5) may stand among the numbers
_INDICATOR = re.compile(
    r"\d[\d\s]*[、.．][\s\d]*－(?P<level1>[^，,]+?指标)[，,]\s*\d*－(?P<level2>[^，,]+)[，,]\s*(?P<name>[^；;。]+?)[；;。]"
    r"\s*实施周期指标值[:：](?P<period>.*?)[，,。]?\s*年度指标值[:：](?P<value>.*?)(?=[;；]\s*\d[\d\s]*[、.．]|[;；]?\s*$)")
_FUNDS = (("total", ("总计", "合计", "项目总额", "金额")), ("fiscal", ("财政拨款", "财政资金")),
          ("other", ("其他资金",)))


def one_row_each(block: list[TextLine]) -> list[PerformanceTarget] | None:
    """The projects of such a table, or None where the block is not one or its rules were lost."""
    at = next((i for i, line in enumerate(block[:10]) if _header(line)), None)
    if at is None:
        return None
    cells = {_column(word.text): word.cell for word in block[at].words if word.cell is not None}
    name, goal, indicators = cells.get("name"), cells.get("goal"), cells.get("indicators")
    if name is None or indicators is None:
        return None
    funds = {field: cell for field, cell in cells.items() if field in ("total", "fiscal", "other")}
    rows: dict[Key, Cells] = {}
    for line in block[at + 1 :]:
        for word in line.words:
            if word.cell is not None and word.band is not None:
                rows.setdefault((line.source.page or 0, word.band), {}).setdefault(word.cell, []).append(word)
    out: list[PerformanceTarget] = []
    texts: list[str] = []  # each project's indicators cell, a page break's parts joined
    for key in sorted(rows):
        row = rows[key]
        if name not in row:  # the rest of a row the page break split
            if out and indicators in row:
                texts[-1] += cell_text(row[indicators])
            continue
        title = cell_text(row[name])
        if (indicators not in row and goal not in row) or fold(title).rstrip(":") in ("合计", "总计"):
            continue  # a total, or a unit's subtotal over its projects
        source = min(row[name], key=lambda word: (word.source.bbox or (0, 0, 0, 0))[1]).source
        amounts = {field: _amount(row.get(cell, [])) for field, cell in funds.items()}
        out.append(PerformanceTarget(
            kind="project", project=title, total=amounts.get("total"), fiscal=amounts.get("fiscal"),
            other=amounts.get("other"), goal=cell_text(row[goal]) if goal in row else None,
            source=Source(source.file, source.page, source.line)))
        texts.append(cell_text(row.get(indicators, [])))
    for target, text in zip(out, texts, strict=True):
        target.indicators = [_indicator(match, target.source) for match in _INDICATOR.finditer(text)]
        target.indicators_complete = bool(target.indicators)
        target.lines = [(text, target.source)]
    return out or None


def _header(line: TextLine) -> bool:
    words = [fold(word.text).replace(" ", "") for word in line.words]
    return any(word.startswith("项目名称") for word in words) and "绩效指标" in words and "一级指标" not in words


def _column(text: str) -> str | None:
    text = fold(text).replace(" ", "").rstrip(":")
    if text.startswith("项目名称"):
        return "name"
    if text == "绩效目标":
        return "goal"
    if text == "绩效指标":
        return "indicators"
    return next((field for field, names in _FUNDS if text in names), None)


def _amount(words: list[Word]) -> Decimal | None:
    text = cell_text(words).replace(" ", "")
    return parse_amount(text) if is_amount(text) else None


def _indicator(match: re.Match[str], source: Source) -> Indicator:
    indicator = Indicator(level1=match["level1"], level2=match["level2"], name=match["name"].strip(),
                          source=source)
    return with_value(indicator, match["value"].strip())
