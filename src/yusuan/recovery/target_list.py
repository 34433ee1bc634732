"""A performance-target table listing many projects (Beijing 预算表12: 项目名称 | 项目总额 | 财政资金 |
其他资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 性质 | 指标值 | 度量单位): each project's cells
merged over its indicator rows. Read where a ruled PDF kept each word's cell and the rules above
and below it (its band): a project's merged cell is one band, and its indicator rows lie inside it."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from ..model import Indicator, PerformanceTarget, Source
from ..readers.base import TextLine, Word
from ..template.performance import INDICATOR_COLUMNS, LEVELS, PRINTED_COLUMNS
from ..text import fold, is_amount, join_fragments, operators, parse_amount, split_target

_NATURE = ("定性", "定量")  # 绩效指标性质: a value in words, or a number
_SLACK = 1.0  # points: rules drawn with their width on either side


WEIGHT = re.compile(r"^\d{1,3}(?:\.\d+)?$")


def header_fields(printed: dict[int, str]) -> dict[int, str]:
    """The indicator field each header cell names (cell → 'name', 'value', 'weight' …)."""
    return {cell: column.field for cell, text in printed.items()
            for column in (*INDICATOR_COLUMNS, *PRINTED_COLUMNS) if column.matches(fold(text).replace(" ", ""))}


def weight_of(text: str) -> Decimal | None:
    text = fold(text)
    return Decimal(text) if WEIGHT.match(text) else None


def indicator_of(cells: dict[str, str], source: Source) -> Indicator:
    """An indicator from its cells' texts by field; the value with the sign and unit a province
    prints in cells of their own (≥ | 4 | 次)."""
    indicator = Indicator(level1=cells.get("level1") or None, level2=cells.get("level2") or None,
                          name=cells.get("name"), basis=cells.get("basis"), last_year=cells.get("last_year"),
                          weight=weight_of(cells.get("weight", "")), rule=cells.get("rule"),
                          evidence=cells.get("evidence"), source=source)
    if "value" not in cells:
        return indicator
    sign = cells.get("operator", "")
    sign = sign if operators(fold(sign)) in (">=", "<=", "=", ">", "<") else ""
    unit, value = cells.get("unit", ""), cells["value"]
    return with_value(indicator, sign + value + (unit if unit and not value.endswith(unit) else ""))


def with_value(indicator: Indicator, value: str) -> Indicator:
    """The printed value and, when it is a number, its operator, number and unit."""
    indicator.value = value
    split = split_target(value)
    if split:
        indicator.operator, indicator.target, indicator.unit = split
    return indicator


_NAMES = ("三级指标", *INDICATOR_COLUMNS[2].aliases)  # the header cell over an indicator's name
Key = tuple[int, tuple[float, float]]  # a page, and the rules above and below a cell there
Cells = dict[int, list[Word]]


def listed(block: list[TextLine]) -> list[PerformanceTarget] | None:
    """The projects of a table that lists them with their indicators, or None where the block is
    not one (a form per project) or its rules were not all kept."""
    header = next((i for i, line in enumerate(block[:10])
                   if "项目名称" in _words(line) and {"一级指标", *_NAMES} & set(_words(line))), None)
    if header is None:
        return None
    name = next(word.cell for word in block[header].words if fold(word.text).replace(" ", "") == "项目名称")
    body = [(line, word) for line in block[header + 1 :] for word in line.words if word.cell is not None]
    levels = Counter(word.cell for _, word in body if fold(word.text) in LEVELS)
    # the indicators' first column: 一级指标, or where the header prints none, the name (重庆: 指标名称)
    printed: dict[int, str] = {}  # a header cell's words together (指标权重 | (%))
    for word in block[header].words:
        if word.cell is not None:
            printed[word.cell] = printed.get(word.cell, "") + word.text
    fields = header_fields(printed)
    first = levels.most_common(1)[0][0] if levels else next((c for c, f in fields.items() if f == "name"), None)
    if name is None or first is None or first <= name:
        return None
    # cells read by the header where it names the value's cell (长春: … 三级指标 | 指标解释 | 指标值 | 权重),
    # else by their place after the levels (北京: its wrapped header cells run into each other)
    by_header = not levels or ("value" in fields.values() and fields.get(first) == "level1")
    read = (lambda cells: _by_fields(cells, fields)) if by_header else (lambda cells: _indicator(cells, first))
    if any(word.band is None and name <= word.cell < first for _, word in body):  # type: ignore[operator]
        return None
    rows: dict[Key, Cells] = {}
    bands: dict[Key, Cells] = {}
    for line, word in body:
        if word.band is not None and word.cell >= name:  # type: ignore[operator]
            into = rows if word.cell >= first else bands  # type: ignore[operator]
            into.setdefault((line.source.page or 0, word.band), {}).setdefault(word.cell, []).append(word)  # type: ignore[arg-type]
    rows = {key: cells for key, cells in rows.items() if first in cells}  # not a repeated header
    bands = {key: cells for key, cells in bands.items() if any(_inside(row, key) for row in rows)}
    chains = _chains(bands, rows, name, first)
    if not chains:
        return None
    # a first target with no name holds the rows above the first project's cell: the rest of
    # a project the last page (or the block before, where each page prints the title) began
    out = [PerformanceTarget(kind="project")] + [_target([bands[key] for key in chain], name, first)
                                                 for chain in chains]
    owner = {key: index for index, chain in enumerate(chains, 1) for key in chain}
    current = 0
    for key in sorted(rows):
        band = min((b for b in bands if _inside(key, b)), key=_height, default=None)
        current = owner[band] if band is not None else current
        out[current].indicators.append(read(rows[key]))
    if not out[0].indicators:
        out = out[1:]
    for target in out:
        target.indicators_complete = bool(target.indicators) and all(i.name for i in target.indicators)
        at = {(target.source.page, target.source.line)} | {(i.source.page, i.source.line) for i in target.indicators}
        target.lines = [(line.text, line.source) for line in block if (line.source.page, line.source.line) in at]
    return out


def merged(before: list[PerformanceTarget], listed: list[PerformanceTarget]) -> list[PerformanceTarget]:
    """The projects of a list the title starts again on each page, after those of the last page:
    rows above the page's first project, or the same project printed again, go on with the last."""
    out = list(before)
    for target in listed:
        last = out[-1] if out else None
        if last is not None and last.kind == "project" and (target.project is None or target.project == last.project):
            last.indicators += target.indicators
            last.lines += target.lines
        else:
            out.append(target)
    return out


def _chains(bands: dict[Key, Cells], rows: dict[Key, Cells], name: int, first: int) -> list[list[Key]]:
    """The projects: their merged cells, one per page a page break split them over. A page's
    first cell goes on with the last page's last one where no row stands between them and it
    prints no other project (no name, a name flowing on without funds, or the same name again)."""
    out: list[list[Key]] = []
    for key in sorted(bands):
        page, (top, _) = key
        last = out[-1][-1] if out else None
        if (last is not None and last[0] == page - 1 and not any(r[0] == page and r[1][1] <= top + _SLACK for r in rows)
                and not any(r[0] == last[0] and r[1][0] >= last[1][1] - _SLACK for r in rows)
                and _continues(bands[last], bands[key], name, first)):
            out[-1].append(key)
        else:
            out.append([key])
    return out


def _continues(before: Cells, after: Cells, name: int, first: int) -> bool:
    if name not in after or not _funds(after, name, first):
        return True
    return name in before and cell_text(before[name]) == cell_text(after[name])


def _height(key: Key) -> float:
    return key[1][1] - key[1][0]


def _words(line: TextLine) -> list[str]:
    return [fold(word.text).replace(" ", "") for word in line.words]


def _inside(row: Key, project: Key) -> bool:
    (page, (top, bottom)), (their_page, (their_top, their_bottom)) = row, project
    return page == their_page and their_top - _SLACK <= top and bottom <= their_bottom + _SLACK


def _first(cells: dict[int, list[Word]]) -> Word:
    return min((word for words in cells.values() for word in words), key=_place)


def _place(word: Word) -> tuple[float, float]:
    box = word.source.bbox or (0.0, 0.0, 0.0, 0.0)
    return (box[1], box[0])


def cell_text(words: list[Word]) -> str:
    """A cell's words: the pieces of a line spaced as printed, its lines run together (a code
    wrapped in a narrow cell: 11000022T0000004602 | 16-《北京审计》…)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=_place):
        if lines and abs(_place(word)[0] - _place(lines[-1][-1])[0]) <= _SLACK:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "".join(join_fragments([word.text for word in line]) for line in lines)


def _funds(cells: Cells, name: int, first: int) -> list[Decimal | None]:
    """The amounts between the name and the goal, in the header's order 项目总额, 财政资金, 其他资金."""
    found: list[Decimal | None] = []
    for cell in range(name + 1, first - 1):
        text = cell_text(cells.get(cell, [])).replace(" ", "")
        found.append(parse_amount(text) if is_amount(text) else None)
    return found if any(value is not None for value in found) else []


def _target(parts: list[Cells], name: int, first: int) -> PerformanceTarget:
    """A project from its merged cells (one per page it spans): its name (under 项目名称), its
    funds, its goal (the column before the indicators); text a page break split is joined, text
    printed again on the next page taken once."""
    def joined(cell: int) -> str | None:
        texts = [cell_text(part[cell]) for part in parts if cell in part]
        kept = [text for index, text in enumerate(texts) if not index or text != texts[index - 1]]
        return "".join(kept) or None

    funds = next((found for part in parts if (found := _funds(part, name, first))), [])
    funds += [None] * (3 - len(funds))
    source = _first(next(part for part in parts if part)).source
    return PerformanceTarget(kind="project", project=joined(name), total=funds[0], fiscal=funds[1],
                             other=funds[2], goal=joined(first - 1),
                             source=Source(source.file, source.page, source.line))


def _by_fields(cells: Cells, fields: dict[int, str]) -> Indicator:
    """An indicator row under a header naming each cell (指标名称 | 指标性质 | 指标值 | 计量单位 | 权重)."""
    word = min((w for words in cells.values() for w in words), key=_place)
    return indicator_of({fields[cell]: cell_text(words) for cell, words in cells.items() if cell in fields},
                        Source(word.source.file, word.source.page, word.source.line))


def _indicator(cells: dict[int, list[Word]], first: int) -> Indicator:
    """An indicator row: 一级, 二级, 三级指标, then the value as its cells print it (性质 | 值 | 单位:
    ＝ | 100 | %, or 定性 | 优)."""
    texts = {cell: cell_text(words) for cell, words in cells.items()}
    rest = [texts[cell] for cell in sorted(texts) if cell > first + 2]
    if rest and fold(rest[0]) in _NATURE:
        rest = rest[1:]
    level1 = cells[first][0]
    indicator = Indicator(level1=texts[first], level2=texts.get(first + 1), name=texts.get(first + 2),
                          source=Source(level1.source.file, level1.source.page, level1.source.line))
    return with_value(indicator, "".join(rest)) if rest else indicator
