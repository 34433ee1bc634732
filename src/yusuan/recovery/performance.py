"""The performance-target tables (绩效目标表): whose targets, with what funds, the goal, and the
indicator rows with every cell (template/performance.py declares the columns)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Indicator, PerformanceTarget, Source
from ..readers.base import TextLine, Word
from ..template.performance import INDICATOR_COLUMNS, LEVELS
from ..text import fold, join_fragments, operators
from .target_list import WEIGHT, cell_text, header_fields, indicator_of, listed, merged, weight_of, with_value
from .target_rows import one_row_each
from .tokens import precision, rejoin_numbers

# 整体 for the unit; a project's by its kind of funds (重庆 重点专项资金 / 一般性项目, 西安 专项业务经费),
# or by its own name before 项目 (泉州: 市行政中心保安服务项目绩效目标表)
_TITLE = re.compile(r"(项目支出|整体|重点专项资金|一般性项目|专项业务经费|项目)(?:支出)?绩效目标(?:申报)?表")
_NAMED = re.compile(r"^(.{2,40}?项目)绩效目标(?:申报)?表$")
# a longer line is a title where it ends with one: 广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）
_TITLE_END = re.compile(r"绩效目标表(?:预算表)?(?:\([^()]{1,12}\))?$")
_PROJECT = re.compile(r"项目名称(.+?)项目负责人")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_TOTAL = re.compile(r"(?:资金|预算)总(?:额|计)[:：]?" + _NUMBER)
_FISCAL = re.compile(r"财政(?:拨款|资金)[:：]?" + _NUMBER)
_OTHER = re.compile(r"其他资金[:：]?" + _NUMBER)
_GOAL = re.compile(r"(?:项目总体目标|年度绩效目标|总体目标|实施期目标)(.+?)(?:年度预算|一级指标|一级|$)")
_RULE_START = re.compile(r"^[^\d\s]{0,8}?(?:赋分|得分|计分|扣分|评分)|^按")
_SPLIT_DECIMAL = re.compile(r"\d\.\d$")
_HEADER_CHARS = set("一二三级指标值设置定依据上年完成情况实际分权重赋规则佐证资料材目")
_LEVEL2 = sorted((name for names in LEVELS.values() for name in names), key=len, reverse=True)


def _amount(pattern: re.Pattern[str], text: str) -> Decimal | None:
    match = pattern.search(text)
    return Decimal(match.group(1).replace(",", "")) if match else None


def _grid(header: TextLine, body: list[TextLine]) -> list[Indicator] | None:
    """Indicators of a table whose cells the extractor kept (tab-separated)."""
    if any(word.cell is None for word in header.words):
        return None
    printed: dict[int, str] = {}  # a header cell wrapped over lines (指标分值权 | 重) is one cell
    for word in header.words:
        printed[word.cell] = printed.get(word.cell, "") + fold(word.text)  # type: ignore[index]
    columns = header_fields(printed)
    if "name" not in columns.values():
        return None
    end = next((i for i, line in enumerate(body) if any(
        fold(word.text).replace(" ", "") == printed.get(word.cell, "")  # type: ignore[arg-type]
        for word in line.words if columns.get(word.cell) == "name")), len(body))  # type: ignore[arg-type]
    body = body[:end]  # up to the header of the next table
    words = [word for line in body for word in line.words if word.cell in columns]
    if words and all(word.band is not None for word in words):
        return _banded(words, columns)
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
        out.append(indicator_of({**cells, "level1": level1 or "", "level2": level2 or ""}, line.source))
    return out


def _banded(words: list[Word], columns: dict[int, str]) -> list[Indicator]:
    """A ruled grid's indicators, a row for each band of its cells: a cell's words are
    those within its rules however they wrapped, and a 一级/二级指标 merged over several rows
    (its words in a band holding theirs) is each of those rows' own."""
    cells: dict[tuple[int, int, tuple[float, float]], list[Word]] = {}
    for word in words:
        cells.setdefault((word.source.page or 0, word.cell, word.band), []).append(word)  # type: ignore[arg-type]
    # the rows: the bands of the cells that are no level, but a band holding others is a cell
    # merged over their rows (an empty name still leaves its row to its value and weight)
    bands = {(page, band) for page, cell, band in cells if columns[cell] not in ("level1", "level2")}
    rows = sorted(key for key in bands if not any(
        other != key and other[0] == key[0] and key[1][0] - 1 <= other[1][0] and other[1][1] <= key[1][1] + 1
        for other in bands))
    out: list[Indicator] = []
    for page, (top, bottom) in rows:
        found = {columns[cell]: cell_text(held) for (at, cell, (above, below)), held in cells.items()
                 if at == page and above - 1 <= top and bottom <= below + 1}
        first = min((w for (at, cell, band), held in cells.items() for w in held
                     if at == page and band == (top, bottom)), key=lambda w: w.source.line or 0)
        out.append(indicator_of(found, Source(first.source.file, page, first.source.line)))
    return out


def _peel(text: str, names: list[str] | tuple[str, ...]) -> tuple[str | None, str]:
    for name in names:
        if text.startswith(name):
            return name, text[len(name):]
    return None, text


@dataclass(slots=True)
class _Token:
    printed: str
    folded: str  # for matching: NFKC, ≥ written >=
    source: Source


def _rejoined(tokens: list[_Token]) -> list[_Token]:
    """Values the wrap split: '>' | '=90%', '<=136.' | '98', '136.9' | '8' (but not '0.9' | '6'
    where the 6 is the weight the scoring rule follows)."""
    out: list[_Token] = []
    for index, token in enumerate(tokens):
        last = out[-1].folded if out else ""
        following = "".join(t.folded for t in tokens[index + 1 : index + 4])
        if out and ((last in (">", "<") and token.folded.startswith("="))
                    or (last in (">=", "<=", "=", ">", "<") and token.folded[:1].isdigit())
                    or (last.endswith(".") and last[:-1][-1:].isdigit() and token.folded[:1].isdigit())
                    or (_SPLIT_DECIMAL.search(last) and token.folded.isdigit() and len(token.folded) == 1
                        and not _RULE_START.search(following))):
            out[-1] = _Token(out[-1].printed + token.printed, last + token.folded, out[-1].source)
        else:
            out.append(token)
    return out


def _text(tokens: list[_Token]) -> str | None:
    return join_fragments([token.printed for token in tokens]) or None


def _delimited(body: list[TextLine], cells_before_weight: int) -> list[Indicator]:
    """Indicators of a table printed without its grid: each row ends with its weight, which the
    scoring rule follows (按…赋分); what lies between two weights is one row."""
    tokens = _rejoined([_Token(word, operators(folded), line.source) for line in body
                        for word in line.text.split() if (folded := fold(word))])
    texts = [token.folded for token in tokens]
    weights = [i for i, token in enumerate(texts)
               if WEIGHT.match(token) and _RULE_START.search(following := "".join(texts[i + 1 : i + 4]))
               and not following[:1].isdigit()]
    out: list[Indicator] = []
    level1 = level2 = None
    start = 0
    for end in weights:
        segment = tokens[start:end]
        opening = _close(out[-1], segment) if out else 0
        cells = segment[opening:]
        anchor = next((i for i, token in enumerate(cells) if token.folded[:1] in "<>="), None)
        if anchor is None:  # a value in words (提升, 长期持续): the row's cells share the weight's line
            line = [i for i, token in enumerate(cells) if token.source == tokens[end].source]
            anchor = line[0] if len(line) >= 2 else None
        if anchor is None and len(cells) > cells_before_weight:  # or the cells before the weight, one each
            anchor = len(cells) - cells_before_weight
        head = join_fragments([token.folded for token in cells[:anchor]])
        found, head = _peel(head, tuple(LEVELS))
        level1 = found or level1
        found, head = _peel(head, _LEVEL2)
        level2 = found or level2
        # the name as printed: the same number of characters from the end of its tokens
        printed = join_fragments([token.printed for token in cells[:anchor]])
        indicator = Indicator(level1=level1, level2=level2, name=printed[len(printed) - len(head):] or None,
                              weight=weight_of(texts[end]), source=tokens[end].source)
        if anchor is not None:
            value, rest = cells[anchor : anchor + 1], cells[anchor + 1 :]
            if rest and len(rest[0].folded) <= 5 and not re.search(r"\d|标准|依据", rest[0].folded):
                value, rest = [*value, rest[0]], rest[1:]  # the unit printed apart from its number
            with_value(indicator, _text(value) or "")
            if len(rest) > 1 and rest[1].folded in ("标准", "依据"):  # 预算支出 | 标准: a wrapped basis
                rest = [_Token(rest[0].printed + rest[1].printed, rest[0].folded + rest[1].folded, rest[0].source),
                        *rest[2:]]
            indicator.basis, indicator.last_year = _text(rest[:1]), _text(rest[1:])
        out.append(indicator)
        start = end + 1
    if out:
        _close(out[-1], tokens[start:])
    return out


def _close(indicator: Indicator, following: list[_Token]) -> int:
    """The row's scoring rule and evidence, which open what follows its weight; how many tokens."""
    joined, taken = "", 0
    for token in following:
        joined += token.folded
        taken += 1
        if joined.endswith("分"):
            break
    indicator.rule = _text(following[:taken])
    indicator.evidence = _text(following[taken : taken + 1])
    return taken + 1


def _indicators(block: list[TextLine]) -> tuple[list[Indicator], bool]:
    names = {"三级指标", *INDICATOR_COLUMNS[2].aliases}  # a grid without levels (重庆) starts at 指标名称
    at = next((i for i, line in enumerate(block) if fold(line.text).replace(" ", "").startswith("一级")
               or any(fold(word.text).replace(" ", "") in names for word in line.words[:3])), None)
    if at is None:
        return [], False
    grid = _grid(block[at], block[at + 1 :])
    weighed = any(column.field == "weight" for column in INDICATOR_COLUMNS
                  if any(column.matches(fold(word.text).replace(" ", "")) for word in block[at].words))
    # a grid is whole where every row has its weight, or the table weighs nothing (泉州)
    if grid and (all(indicator.weight is not None for indicator in grid) or not weighed):
        return grid, True
    end = at
    header = ""
    while end < len(block) and set(fold(block[end].text).replace(" ", "")) <= _HEADER_CHARS:
        header += fold(block[end].text).replace(" ", "")
        end += 1
    # the columns between 三级指标 and the weight: 指标值, its basis, last year's value
    between = sum(any(label in header for label in (column.label, *column.aliases))
                  for column in INDICATOR_COLUMNS if column.field in ("value", "basis", "last_year"))
    indicators = _delimited(block[end:], between)
    # only a table with a scoring-rule column delimits its rows by the weights
    return indicators, bool(indicators) and ("赋分" in header or "评分" in header)


def targets(lines: list[TextLine]) -> list[PerformanceTarget]:
    starts = [(i, match.group(1)) for i, line in enumerate(lines)
              if "绩效目标" in line.text and (len(fold(line.text)) <= 24 or _TITLE_END.search(fold(line.text)))
              and (match := _TITLE.search(fold(line.text)))]
    out = []
    for position, (start, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        printed = lines[start:end]
        projects = (listed(printed) or one_row_each(printed)) if kind != "整体" else None
        if projects:
            out = merged(out, projects)
            continue
        # numbers split by a wrap are joined above the indicators, at the precision of the funds
        goal_at = next((i for i, line in enumerate(printed[1:], 1) if "目标" in line.text), len(printed))
        rows_at = next((i for i, line in enumerate(printed) if "一级" in line.text), len(printed))
        block = rejoin_numbers(printed[:rows_at], precision(printed[:min(goal_at, rows_at)])) + printed[rows_at:]
        # up to the indicators: the head of the table holds the project, its funds and its goal
        head = join_fragments([line.text for line in block[:40]]).split("一级指标")[0]
        project = _PROJECT.search(head.replace("\t", "")) or _NAMED.search(fold(lines[start].text).replace(" ", ""))
        goal = _GOAL.search(head.replace("\t", ""))
        indicators, complete = _indicators(block)
        out.append(PerformanceTarget(
            kind="unit" if kind == "整体" else "project",
            project=project.group(1).strip() if project else None,
            total=_amount(_TOTAL, head), fiscal=_amount(_FISCAL, head), other=_amount(_OTHER, head),
            goal=goal.group(1).strip() if goal else None, indicators=indicators,
            indicators_complete=complete, source=lines[start].source or Source(),
            lines=[(line.text, line.source) for line in block]))
    return out
