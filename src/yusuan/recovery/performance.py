"""The performance-target tables (绩效目标表): whose targets, with what funds, the goal, and the
indicator rows with every cell (template/performance.py declares the columns)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Indicator, PerformanceTarget, Source
from ..readers.base import TextLine
from ..template.performance import INDICATOR_COLUMNS, LEVELS
from ..text import fold, join_fragments

_TITLE = re.compile(r"(项目支出|整体)绩效目标(?:申报)?表")
_PROJECT = re.compile(r"项目名称(.+?)项目负责人")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_TOTAL = re.compile(r"(?:资金|预算)总(?:额|计)[:：]?" + _NUMBER)
_FISCAL = re.compile(r"财政(?:拨款|资金)[:：]?" + _NUMBER)
_OTHER = re.compile(r"其他资金[:：]?" + _NUMBER)
_GOAL = re.compile(r"(?:项目总体目标|年度绩效目标|总体目标)(.+?)(?:年度预算|一级指标|一级|$)")
_OPERATORS = (("≥", ">="), ("≤", "<="), ("=>", ">="), ("=<", "<="))
_VALUE = re.compile(r"^(>=|<=|>|<|=)?\s*(\d[\d,]*(?:\.\d+)?)\s*(\S*)$")
_WEIGHT = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_RULE_START = re.compile(r"^.{0,10}(?:赋分|得分|计分|扣分|评分)|^按")
_HEADER_CHARS = set("一二三级指标值设置定依据上年完成情况实际分权重赋规则佐证资料材目")
_LEVEL2 = sorted((name for names in LEVELS.values() for name in names), key=len, reverse=True)


def _amount(pattern: re.Pattern[str], text: str) -> Decimal | None:
    match = pattern.search(text)
    return Decimal(match.group(1).replace(",", "")) if match else None


def _operators(text: str) -> str:
    for printed, ascii_form in _OPERATORS:
        text = text.replace(printed, ascii_form)
    return text


def _with_value(indicator: Indicator, value: str) -> Indicator:
    """The printed value and, when it is a number, its operator, number and unit."""
    indicator.value = value
    match = _VALUE.match(_operators(fold(value)))
    if match:
        indicator.operator = match.group(1)
        indicator.target = Decimal(match.group(2).replace(",", ""))
        indicator.unit = match.group(3) or None
    return indicator


def _weight(text: str) -> Decimal | None:
    text = fold(text)
    return Decimal(text) if _WEIGHT.match(text) else None


def _grid(header: TextLine, body: list[TextLine]) -> list[Indicator] | None:
    """Indicators of a table whose cells the extractor kept (tab-separated)."""
    columns = {word.cell: column.field for word in header.words
               for column in INDICATOR_COLUMNS if column.matches(fold(word.text))}
    if "name" not in columns.values() or any(word.cell is None for word in header.words):
        return None
    out: list[Indicator] = []
    level1 = level2 = None
    for line in body:
        pieces: dict[str, list[str]] = {}
        for word in line.words:
            if word.cell in columns and word.text.strip():
                pieces.setdefault(columns[word.cell], []).append(word.text)
        cells = {column: join_fragments(texts) for column, texts in pieces.items()}
        if not cells.keys() & {"name", "value", "weight"}:
            continue
        level1 = cells.get("level1", level1)
        level2 = cells.get("level2", level2)
        indicator = Indicator(level1=level1, level2=level2, name=cells.get("name"), basis=cells.get("basis"),
                              last_year=cells.get("last_year"), weight=_weight(cells.get("weight", "")),
                              rule=cells.get("rule"), evidence=cells.get("evidence"), source=line.source)
        out.append(_with_value(indicator, cells["value"]) if "value" in cells else indicator)
    return out


def _peel(text: str, names: list[str] | tuple[str, ...]) -> tuple[str | None, str]:
    for name in names:
        if text.startswith(name):
            return name, text[len(name):]
    return None, text


def _rejoined(tokens: list[tuple[str, Source]]) -> list[tuple[str, Source]]:
    """Values the wrap split: '>' | '=90%', '<=136.' | '98'."""
    out: list[tuple[str, Source]] = []
    for token, source in tokens:
        if out and ((out[-1][0] in (">", "<") and token.startswith("="))
                    or (out[-1][0].endswith(".") and out[-1][0][:-1][-1:].isdigit() and token[:1].isdigit())):
            out[-1] = (out[-1][0] + token, out[-1][1])
        else:
            out.append((token, source))
    return out


def _delimited(body: list[TextLine]) -> list[Indicator]:
    """Indicators of a table printed without its grid: each row ends with its weight, which the
    scoring rule follows (按…赋分); what lies between two weights is one row."""
    tokens = _rejoined([(folded, line.source) for line in body for token in line.text.split()
                        if (folded := fold(token))])
    texts = [token for token, _ in tokens]
    weights = [i for i, token in enumerate(texts)
               if _WEIGHT.match(token) and _RULE_START.search(following := "".join(texts[i + 1 : i + 4]))
               and not following[:1].isdigit()]
    out: list[Indicator] = []
    level1 = level2 = None
    start = 0
    for end in weights:
        segment = texts[start:end]
        rule_end = 0
        if out:  # the previous row's rule and evidence open this segment
            joined = ""
            for token in segment:
                joined += token
                rule_end += 1
                if joined.endswith("分"):
                    break
            out[-1].rule = joined
            out[-1].evidence = segment[rule_end] if rule_end < len(segment) else None
            rule_end += 1
        cells = segment[rule_end:]
        anchor = next((i for i, token in enumerate(cells) if _operators(token)[:1] in "<>=" and token), None)
        if anchor is None:  # a value in words (提升, 长期持续): the row's cells share the weight's line
            line = [i - rule_end for i in range(rule_end, end - start) if tokens[start + i][1] == tokens[end][1]]
            anchor = line[0] if len(line) >= 2 else None
        head = join_fragments(cells[:anchor])
        found, head = _peel(head, tuple(LEVELS))
        level1 = found or level1
        found, head = _peel(head, _LEVEL2)
        level2 = found or level2
        indicator = Indicator(level1=level1, level2=level2, name=head or None,
                              weight=_weight(texts[end]), source=tokens[end][1])
        if anchor is not None:
            value, rest = cells[anchor], cells[anchor + 1 :]
            if rest and len(rest[0]) <= 5 and not re.search(r"\d|标准|依据", rest[0]):
                value, rest = value + rest[0], rest[1:]  # the unit printed apart from its number
            _with_value(indicator, value)
            if len(rest) > 1 and rest[1] in ("标准", "依据"):  # 预算支出 | 标准: a wrapped basis
                rest = [rest[0] + rest[1], *rest[2:]]
            if rest:
                indicator.basis, indicator.last_year = " ".join(rest[:1]), " ".join(rest[1:]) or None
        out.append(indicator)
        start = end + 1
    return out


def _indicators(block: list[TextLine]) -> tuple[list[Indicator], bool]:
    at = next((i for i, line in enumerate(block) if fold(line.text).replace(" ", "").startswith("一级")), None)
    if at is None:
        return [], False
    grid = _grid(block[at], block[at + 1 :])
    if grid is not None:
        return grid, bool(grid) and all(indicator.weight is not None for indicator in grid)
    end = at
    header = ""
    while end < len(block) and set(fold(block[end].text).replace(" ", "")) <= _HEADER_CHARS:
        header += fold(block[end].text).replace(" ", "")
        end += 1
    indicators = _delimited(block[end:])
    # only a table with a scoring-rule column delimits its rows by the weights
    return indicators, bool(indicators) and ("赋分" in header or "评分" in header)


def targets(lines: list[TextLine]) -> list[PerformanceTarget]:
    starts = [(i, match.group(1)) for i, line in enumerate(lines)
              if "绩效目标" in line.text and len(fold(line.text)) <= 24
              and (match := _TITLE.search(fold(line.text)))]
    out = []
    for position, (start, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        block = lines[start:end]
        # up to the indicators: the head of the table holds the project, its funds and its goal
        head = join_fragments([line.text for line in block[:40]]).split("一级指标")[0]
        project = _PROJECT.search(head.replace("\t", ""))
        goal = _GOAL.search(head.replace("\t", ""))
        indicators, complete = _indicators(block)
        out.append(PerformanceTarget(
            kind="project" if kind == "项目支出" else "unit",
            project=project.group(1).strip() if project else None,
            total=_amount(_TOTAL, head), fiscal=_amount(_FISCAL, head), other=_amount(_OTHER, head),
            goal=goal.group(1).strip() if goal else None, indicators=indicators,
            indicators_complete=complete, source=lines[start].source or Source(),
            lines=[(line.text, line.source) for line in block]))
    return out
