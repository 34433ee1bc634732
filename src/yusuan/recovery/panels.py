"""A ledger printed as several panels side by side, and a row-number column.

Some ledgers (收支总表, 财政拨款收支总表) print the expense side more than once across the page,
each panel a name column and its own amount column under the same words (项目 | 预算数 |
支出功能分类科目 | 预算数 | 部门预算支出经济分类科目 | 预算数 | 政府预算支出经济分类科目 | 预算数).
The template's expense side is the panel by function (功能); the others break the same total
down by economic class and are kept as tables of their own. The panels are told from the
header's geometry: three or more cells in the words of the ledger's amount column on one line.

A 序号 column numbers the rows: its integers stand under that header cell and are no figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..model import Amount, ExtraTable, Row, Source
from ..readers.base import TextLine, Word
from ..template import TableSpec
from ..template.extras import EXTRA_BY_CONCEPT
from ..text import fold, is_amount, join_fragments, parse_amount
from .rows import strip_enumeration
from .tokens import TEXT_KIND, Token

_SERIAL_HEADS = ("序号", "行次")
_UNIT_CODE_HEADS = ("单位编码", "单位代码")  # a unit's own code, not a classification code (271001)
_FUNCTION = "功能"  # the panel the template's expense side is: by function class
_PANELS = 3  # an ordinary ledger prints two amount columns (income, expense); more are panels
PANEL = "ledger_panel"  # the concept of a further panel (template/extras.py)


@dataclass(slots=True)
class Panel:
    x0: float
    x1: float
    heading: str  # its header cell's words as printed (the amount column's own word taken out)


def _bbox(item: Word | Token) -> tuple[float, float, float, float] | None:
    return item.source.bbox


def _centre(item: Word | Token) -> float:
    box = _bbox(item)
    return (box[0] + box[2]) / 2  # type: ignore[index]


def _heads(header: list[TextLine], names: tuple[str, ...]) -> list[Word]:
    """The header cells of these names, each word or printed one character a line (序 over 号)."""
    words = [word for line in header for word in line.words if _bbox(word) is not None]
    found = [word for word in words if fold(word.text) in names]
    for top in (word for word in words if any(fold(word.text) == name[0] for name in names)):
        below = next((word for word in words if fold(top.text) + fold(word.text) in names
                      and _stacked(top, word)), None)
        if below is not None:
            found += [top, below]
    return found


def _stacked(top: Word, below: Word) -> bool:
    """One character printed right under another, in the same cell."""
    t, b = top.source.bbox, below.source.bbox
    return (top.source.page == below.source.page and t[0] < b[2] and b[0] < t[2]  # type: ignore[index]
            and 0 <= b[1] - t[3] <= (t[3] - t[1]) * 2)  # type: ignore[index]


def _under(token: Token, heads: list[Word]) -> bool:
    """Whether an integer stands in the column of one of these header cells (on its page, or the
    one header printed)."""
    box = _bbox(token)
    return token.text.isdigit() and box is not None and any(
        box[0] < head.source.bbox[2] + 4 and head.source.bbox[0] - 4 < box[2]  # type: ignore[index]
        for head in heads if head.source.page == token.source.page or len(heads) == 1)


def without_serials(tokens: list[Token], header: list[TextLine]) -> list[Token]:
    """The tokens without the row numbers printed under a 序号 header cell."""
    heads = _heads(header, _SERIAL_HEADS)
    at = {(head.source.page, head.source.bbox) for head in heads}  # a header word read into the body
    return [token for token in tokens if not (len(token.text) <= 3 and _under(token, heads))
            and (token.source.page, token.source.bbox) not in at] if heads else tokens


def unit_codes_as_names(tokens: list[Token], header: list[TextLine]) -> list[Token]:
    """The integers printed under a 单位编码 header cell as part of the unit's name: a unit's
    code (271, 271001) is no classification code, however its digits begin."""
    heads = _heads(header, _UNIT_CODE_HEADS)
    return [Token(token.text, TEXT_KIND, token.source, token.line, token.cell) if heads and _under(token, heads)
            else token for token in tokens]


def _amount_heads(spec: TableSpec) -> set[str]:
    return {fold(name) for column in spec.income_columns for name in (column.label, *column.aliases)}


def find_panels(window: list[TextLine], tokens: list[Token], spec: TableSpec) -> list[Panel] | None:
    """The panels of a ledger printed three or more side by side, left to right; None where it
    prints the ordinary two sides (or its words carry no boxes)."""
    heads = _amount_heads(spec)
    best: list[Word] = []
    for line in window:
        found = [word for word in line.words if fold(word.text) in heads and _bbox(word) is not None]
        if len(found) > len(best):
            best = found
    if len(best) < _PANELS:
        return None
    best.sort(key=lambda word: word.source.bbox[0])  # type: ignore[index]
    starts = [float("-inf")]
    for left, right in pairwise(best):
        lx1, rx0 = left.source.bbox[2], right.source.bbox[0]  # type: ignore[index]
        # the next panel's names begin where its name column starts: the leftmost name after
        # this panel's amount header (the figures under it reach further, names do not start there)
        names = [token.source.bbox[0] for token in tokens  # type: ignore[index]
                 if token.kind == TEXT_KIND and _bbox(token) is not None and lx1 < token.source.bbox[0] < rx0
                 and not is_amount(token.text)]
        if not names:
            return None
        starts.append(min(names) - 1)
    ends = [*starts[1:], float("inf")]
    top = min(word.source.bbox[1] for word in best)  # type: ignore[index]
    bottom = max(word.source.bbox[3] for word in best)  # type: ignore[index]
    height = min(word.source.bbox[3] - word.source.bbox[1] for word in best)  # type: ignore[index]
    page = best[0].source.page
    # a panel's own header cell: level with the amount cells, or wrapped from just above them
    # (not the 收入 | 支出 group line, nor the unit printed above the table)
    above = [word for line in window for word in line.words if _bbox(word) is not None
             and word.source.page == page and word.source.bbox[1] <= bottom  # type: ignore[index]
             and word.source.bbox[3] > top - height / 2 and fold(word.text) not in heads]  # type: ignore[index]
    return [Panel(x0, x1, "".join(word.text for word in above if x0 <= _centre(word) < x1))
            for x0, x1 in zip(starts, ends, strict=True)]


def expense_panel(panels: list[Panel]) -> int:
    """The panel the template's expense side is: the first by function, else the first after income."""
    return next((index for index, panel in enumerate(panels) if index and _FUNCTION in panel.heading), 1)


def _in(panel: Panel, token: Token) -> bool:
    return _bbox(token) is not None and panel.x0 <= _centre(token) < panel.x1


def below_header(tokens: list[Token], window: list[TextLine], spec: TableSpec) -> list[Token]:
    """The tokens below the header on each page: a page's lines up to the one printing the
    amount columns' words are its header, wherever the text order put them."""
    heads = _amount_heads(spec)
    bottoms: dict[int | None, float] = {}
    for line in window:
        if sum(fold(word.text) in heads for word in line.words) >= _PANELS and line.source.bbox is not None:
            bottoms[line.source.page] = max(bottoms.get(line.source.page, 0.0), line.source.bbox[3])
    return [token for token in tokens if _bbox(token) is None or token.source.page not in bottoms
            or token.source.bbox[1] > bottoms[token.source.page]]  # type: ignore[index]


def split_panels(tokens: list[Token], panels: list[Panel]) -> tuple[list[Token], list[list[Token]]]:
    """The tokens of the income panel and the template's expense panel; and those of each other panel."""
    kept = {0, expense_panel(panels)}
    ours = [token for token in tokens if any(_in(panels[index], token) for index in kept)]
    others = [[token for token in tokens if _in(panel, token)]
              for index, panel in enumerate(panels) if index not in kept]
    return ours, others


def panel_table(title: str, panel: Panel, tokens: list[Token], money: str, places: int,
                label: str) -> ExtraTable:
    """A panel the template has no place for, as a table of its own: each line a name and its
    figure (a total line named as printed: 本年支出合计, 支出总计)."""
    rows: list[Row] = []
    printed: list[tuple[str, Source]] = []
    by_line: dict[int, list[Token]] = {}
    for token in tokens:
        by_line.setdefault(token.line, []).append(token)
    for line_tokens in by_line.values():
        name = join_fragments([token.text for token in line_tokens if token.kind == TEXT_KIND
                               and not is_amount(token.text)])
        figures = [token for token in line_tokens if is_amount(token.text)]
        if not name and not figures:
            continue
        source = line_tokens[0].source
        printed.append((" ".join(token.text for token in line_tokens), source))
        if not name:  # a figure whose name wrapped onto the line above: that line's
            if rows and not rows[-1].values and figures:
                rows[-1].values[label] = Amount(parse_amount(figures[0].text), figures[0].text, figures[0].source)
            continue
        row = Row(kind="total" if fold(name).endswith(("合计", "总计")) else "line",
                  name=strip_enumeration(name), source=source)
        for token in figures[:1]:
            row.values[label] = Amount(parse_amount(token.text), token.text, token.source)
        rows.append(row)
    heading = panel.heading or ""
    spec = EXTRA_BY_CONCEPT[PANEL]
    totals = {name: row.values[label] for name, _ in spec.figures for row in rows
              if row.name == name and label in row.values}
    return ExtraTable(title=f"{title}（{heading}）" if heading else title, lines=printed,
                      source=tokens[0].source if tokens else None, concept=PANEL, money_unit=money,
                      places=places, figures=totals, rows=rows)
