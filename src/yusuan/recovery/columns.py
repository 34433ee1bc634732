"""Which column an amount sits under, read from the header printed above it.

A province prints the template's columns in its own words, adds columns the template lacks and
nests them under group cells (基本支出 over 小计 | 人员经费 | 公用经费). Where the reader kept the
words' boxes (a PDF), each header cell that stands over a column of figures is matched to the
template's column concept by its words, its group's words included; an amount is placed by the
cell it stands under. A header cell that matches no concept keeps its figures under its printed
words and is reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..model import Source
from ..readers.base import TextLine, Word
from ..template import Column, TableSpec
from ..text import fold, is_amount
from .rows import Pending
from .segment import Region
from .tokens import Token

_TOTALS = ("合计", "总计", "小计", "合计数", "总数")  # a group's own total: the group is the concept
_NOT_HEADER = re.compile(r"^(?:[※*\d\s.、]+|栏次)$")  # a row of column numbers under the header
_SUCH_AS = re.compile(r"^其中[:：]?")
_SLACK = 3.0  # points a column of figures may stand further out of its cell's reach than of another's
# the cells that hold a row's code or name, never its figures
_LABEL = re.compile(r"(?:编码|编号|名称|代码|^[类款项]$|科目$|^项目$|^序号$|^(?:预算)?单位$|^部门$|^备注$|^说明$)")


@dataclass(slots=True)
class HeaderCell:
    """A bottom-level header cell: its span on its page, its words with its groups' above."""

    page: int | None
    x0: float
    x1: float
    pieces: list[str]  # folded, top (outermost group) to bottom (the cell itself)
    column: Column | None = None
    subset: bool = False  # under 其中: a part of its neighbour, not a term of the group's sum

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def printed(self) -> str:
        return "/".join(self.pieces)

    @property
    def label(self) -> str:
        """The key its amounts are kept under: the template's column, else the printed words."""
        return self.column.label if self.column is not None else self.printed


Block = tuple[int | None, float]  # a header as printed once: its page and its top


def header_cells(spec: TableSpec, lines: list[TextLine]) -> dict[Block, list[HeaderCell]]:
    """Per header printed (the first, and each repeat: on a continuation page, or lower on a
    page where a second part of the table starts), its bottom-level cells left to right, each
    matched to a column of the template (or None). Empty where the words carry no boxes."""
    by_block: dict[Block, list[Word]] = {}
    block: Block | None = None
    previous: TextLine | None = None
    for line in lines:
        if line.source.bbox is None or any(word.source.bbox is None for word in line.words):
            return {}
        if block is None or previous is None or not _same_header(previous, line):
            block = (line.source.page, line.source.bbox[1])
        previous = line
        for word in line.words:
            if not _NOT_HEADER.match(word.text):
                by_block.setdefault(block, []).append(word)
    cells = {key: cells_of(words) for key, words in by_block.items()}
    for block_cells in cells.values():
        _match(spec, block_cells)
    # the same words over two columns (小计 | 一般公共预算 under 本年收入 and again under 上年结转)
    # with no group words read above to tell them apart: the header is not read whole
    cells = {key: row for key, row in cells.items() if row and len({cell.printed for cell in row}) == len(row)}
    # a header repeated on a later page but read with fewer of its columns (a cell's words split
    # in two): the page's figures are placed by the fullest reading of the same header
    matched = {key: sum(cell.column is not None for cell in row) for key, row in cells.items()}
    fullest = max(matched, key=lambda key: matched[key], default=None)
    return {key: row if matched[key] >= matched[fullest] else cells[fullest]  # type: ignore[index]
            for key, row in cells.items()}


def _same_header(above: TextLine, line: TextLine) -> bool:
    """Two header lines of one printed header: the same page, next to each other in the text
    (a line of furniture between them at most)."""
    a, b = above.source, line.source
    return a.page == b.page and a.line is not None and b.line is not None and 0 < b.line - a.line <= 2


@dataclass(slots=True)
class _Box:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    parent: _Box | None = None

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _spaced(words: list[Word]) -> list[Word]:
    """Letter-spaced cells (合 计) as one word: single characters a character's width apart."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: (round(w.source.bbox[1]), w.source.bbox[0])):  # type: ignore[index]
        last = out[-1] if out else None
        if last is not None and len(last.text) == 1 and len(word.text) == 1:
            l0, lt, l1, lb = last.source.bbox  # type: ignore[misc]
            w0, wt, w1, wb = word.source.bbox  # type: ignore[misc]
            if abs(lt - wt) < 1 and 0 <= w0 - l1 <= (lb - lt) * 1.2:
                out[-1] = Word(last.text + word.text, Source(last.source.file, last.source.page, last.source.line,
                                                             (l0, min(lt, wt), w1, max(lb, wb))))
                continue
        out.append(word)
    return out


def cells_of(words: list[Word]) -> list[HeaderCell]:
    words = _spaced(words)
    stacks: list[list[Word]] = []  # the words of one cell, wrapped over lines
    for word in sorted(words, key=lambda w: (w.source.bbox[1], w.source.bbox[0])):  # type: ignore[index]
        stack = next((s for s in stacks if _stacked(s[-1], word)), None)
        if stack is None:
            stacks.append([word])
        else:
            stack.append(word)
    boxes = [_Box(min(w.source.bbox[0] for w in s), min(w.source.bbox[1] for w in s),  # type: ignore[index]
                  max(w.source.bbox[2] for w in s), max(w.source.bbox[3] for w in s),  # type: ignore[index]
                  "".join(fold(w.text) for w in s)) for s in stacks]
    groups = [box for box in boxes if any(_directly_under(other, box) for other in boxes) or _between(box, boxes)]
    for group in sorted(groups, key=lambda g: -g.top):  # inner groups first
        _adopt(group, boxes, groups)
    _centre_groups(boxes, groups)
    _orphans(boxes, groups)
    cells = []
    for box in boxes:
        if box in groups:
            continue
        chain, node = [], box
        while node is not None and len(chain) < 5:
            chain.append(node.text)
            node = node.parent
        pieces = [p for p in (_SUCH_AS.sub("", text) for text in reversed(chain)) if p]
        if pieces:
            subset = any(_SUCH_AS.match(text) for text in chain)
            cells.append(HeaderCell(words[0].source.page, box.x0, box.x1, pieces, subset=subset))
    return sorted(cells, key=lambda cell: cell.x0)


def _stacked(one: Word, other: Word) -> bool:
    """The same cell wrapped: each word's middle within the other's width, close below it."""
    a0, at, a1, ab = one.source.bbox  # type: ignore[misc]
    b0, bt, b1, _ = other.source.bbox  # type: ignore[misc]
    close = 0 <= bt - ab <= (ab - at) * 0.8
    left_aligned = abs(a0 - b0) <= 2 and b1 <= a1 + 2  # a shorter last line under a left-aligned cell
    return close and (left_aligned or (a0 <= (b0 + b1) / 2 <= a1 and b0 <= (a0 + a1) / 2 <= b1))


def _between(box: _Box, boxes: list[_Box]) -> bool:
    """A group cell on the header's first line whose words are narrower than any column it
    spans (预算数 over 合计 … 项目支出): the header goes on below it on both sides."""
    if box.top > min(other.top for other in boxes) + 1:
        return False  # below the header's first line: a cell spanning rows, centred on them
    below = [other for other in boxes if other.top >= box.bottom - 1]
    return any(other.x1 <= box.centre for other in below) and any(other.x0 >= box.centre for other in below) \
        and len({round(other.top) for other in below}) >= 2


def _beside(other: _Box, group: _Box, band: _Box, boxes: list[_Box]) -> bool:
    """Whether a group higher up is a cell spanning the header's rows beside `group` (总计 |
    因公出国(境)费 beside 公务用车购置及运行维护费's 小计), not a group over it: cells of the line
    under `group` stand under it, none of `group`'s own line."""
    if other.top >= group.top - 2 or other.top <= min(box.top for box in boxes) + 2 or any(
            _directly_under(other, box) for box in boxes if box is not other):
        return False  # on the header's first line, or under another cell: a group over others
    below = [box for box in boxes if box is not other and _directly_under(box, other)]
    return any(_level(box, band) for box in below) and not any(_level(box, group) for box in below)


def _directly_under(box: _Box, group: _Box) -> bool:
    return box.top >= group.bottom - 1 and box.x0 < group.x1 and group.x0 < box.x1


def _adopt(group: _Box, boxes: list[_Box], groups: list[_Box]) -> None:
    """A group cell's children: the cells right under it, and their neighbours on the same line
    up to the next cell of another line or of another group (a group's words are narrower than
    the columns it spans)."""
    direct = [box for box in boxes if box.parent is None and _directly_under(box, group)]
    if not direct:
        direct = _flanking(group, boxes)  # its words between two cells below (当年预算 over two groups)
    if not direct:
        return
    band = min(direct, key=lambda b: b.top)
    direct = [box for box in direct if _level(box, band)]
    under = list(direct)
    row = sorted((box for box in boxes if box.top >= group.bottom - 1 and box is not group
                  and (box.parent is None or box in direct)), key=lambda b: b.x0)
    first, last = row.index(min(direct, key=lambda b: b.x0)), row.index(max(direct, key=lambda b: b.x0))
    for step, stop in ((-1, -1), (1, len(row))):
        index = (first if step < 0 else last) + step
        while index != stop:
            box = row[index]
            # level with every cell right under the group: a cell spanning the header's rows
            # may share its top with a wrapped one of them, never its middle with all
            # the walk ends under another group: one of the same line, or one higher up beside
            # this one (a cell spanning the header's rows, 总计 | 因公出国(境)费 beside 小计), not one
            # over it (its own group's group)
            if not all(_level(box, cell) for cell in under) or any(
                    _directly_under(box, other) for other in groups if other is not group
                    and (other.top >= group.top - 2 or _beside(other, group, band, boxes))):
                break
            other_group = next((g for g in groups if g is not group
                                and (abs(g.top - group.top) < 2 or _beside(g, group, band, boxes))
                                and abs(g.centre - box.centre) < abs(group.centre - box.centre)), None)
            if other_group is not None:
                break
            direct.append(box)
            index += step
    for box in direct:
        box.parent = group


def _flanking(group: _Box, boxes: list[_Box]) -> list[_Box]:
    """The cells of the next line down on either side of a group's centre, where its words stand
    over the gap between them: a group spanning several groups, its words over none."""
    below = [box for box in boxes if box.parent is None and box is not group and box.top >= group.bottom - 1]
    for band in sorted(below, key=lambda b: b.top):  # the highest line below with a cell each side
        level = [box for box in below if _level(box, band)]
        left = max((box for box in level if box.x1 <= group.centre), key=lambda b: b.x1, default=None)
        right = min((box for box in level if box.x0 >= group.centre), key=lambda b: b.x0, default=None)
        if left is not None and right is not None:
            return [left, right]
    return []


def _names(column: Column) -> list[str]:
    return [fold(name) for name in (column.label, *column.aliases)]


def concept(spec: TableSpec, pieces: list[str]) -> Column | None:
    """The template column a header cell is, by its own words, or by its group's where the cell
    is the group's total (基本支出/小计 is 基本支出)."""
    leaf, groups = pieces[-1], pieces[:-1]
    for name_match in (_exact, _within):
        found = name_match(spec, leaf, groups)
        if found is not None:
            if fold(found.label) in _TOTALS or any(fold(name) in _TOTALS for name in found.aliases if name == leaf):
                parent = next((c for g in reversed(groups) if (c := _exact(spec, g, [])) is not None), None)
                return parent or found
            return found
    if groups and leaf not in _TOTALS and _within(spec, groups[-1], []) is None:
        # a cell wrapped so that its first line read as a group (政府性基金/预算拨款收入)
        found = _within(spec, groups[-1] + leaf, groups[:-1])
        if found is not None:
            return found
    if _is_total(leaf):
        parent = next((c for g in reversed(groups) if (c := _exact(spec, g, [])) is not None), None)
        # a total under a group the template does not name (政府性基金预算支出/小计): the table's total
        return parent or next((c for c in spec.columns if fold(c.label) in _TOTALS), None)
    return None


def _exact(spec: TableSpec, leaf: str, groups: list[str]) -> Column | None:
    for column in spec.columns:
        for name in _names(column):
            *path, last = name.split("/")
            if last == leaf and all(any(part in group for group in groups) for part in path):
                return column
    return None


def _within(spec: TableSpec, leaf: str, groups: list[str]) -> Column | None:
    """The column whose longest name the cell's words contain (2026年预算数, 人员经费支出)."""
    best: tuple[int, Column] | None = None
    for column in spec.columns:
        for name in _names(column):
            *path, last = name.split("/")
            if (len(last) >= 2 and last in leaf and all(any(part in g for g in groups) for part in path)
                    and (best is None or len(last) > best[0])):
                best = (len(last), column)
    return best[1] if best else None


def _match(spec: TableSpec, cells: list[HeaderCell]) -> None:
    """Each cell its concept; a concept already taken by a cell to its left is not taken again
    (项目支出/项目支出总数 is 项目支出; 项目支出/扣除基建项目后预算数 is not)."""
    taken: set[str] = set()
    for cell in cells:
        found = concept(spec, cell.pieces)
        if found is not None and found.label not in taken:
            cell.column = found
            taken.add(found.label)


def stated_sums(cells: list[HeaderCell]) -> dict[str, list[str]]:
    """The sums a printed header states: in each group (the header itself the outermost), its
    total cell (合计, 小计 …) is the sum of the other cells; a group printed without a total
    counts as the sum of its own cells. Cells under 其中 are parts of a neighbour, not terms.
    Keyed by the total's label; the terms are labels too."""
    figures = [cell for cell in cells if not _LABEL.search(cell.pieces[-1]) and not _LABEL.search("".join(cell.pieces))]

    def members(path: tuple[str, ...]) -> tuple[list[HeaderCell], list[tuple[str, ...]]]:
        leaves = [cell for cell in figures if tuple(cell.pieces[:-1]) == path]
        groups = list(dict.fromkeys(tuple(cell.pieces[: len(path) + 1]) for cell in figures
                                    if len(cell.pieces) > len(path) + 1 and tuple(cell.pieces[: len(path)]) == path))
        return leaves, groups

    def total(leaves: list[HeaderCell]) -> HeaderCell | None:
        found = [cell for cell in leaves if not cell.subset and _is_total(cell.pieces[-1])]
        return found[0] if len(found) == 1 else None

    def terms(path: tuple[str, ...]) -> list[str]:
        """What a group adds to its parent: its total, or the terms of its cells."""
        leaves, groups = members(path)
        own = total(leaves)
        if own is not None:
            return [own.label]
        return [cell.label for cell in leaves if not cell.subset] + [t for group in groups for t in terms(group)]

    out: dict[str, list[str]] = {}
    paths = [(), *dict.fromkeys(tuple(cell.pieces[:n]) for cell in figures for n in range(1, len(cell.pieces)))]
    for path in paths:
        leaves, groups = members(path)
        own = total(leaves)
        if own is None:
            continue
        parts = [cell.label for cell in leaves if cell is not own and not cell.subset]
        parts += [t for group in groups for t in terms(group)]
        if len(parts) >= 2 and own.label not in parts:
            out[own.label] = parts
    return out


def _is_total(text: str) -> bool:
    return any(text.endswith(total) for total in _TOTALS)


def figure_columns(tokens: list[Token]) -> list[list[Token]]:
    """The amounts of one page in columns: amounts whose spans overlap stand in one column
    (right-aligned or centred alike), left to right."""
    columns: list[list[Token]] = []
    right = float("-inf")
    for token in sorted(tokens, key=lambda t: t.source.bbox[0]):  # type: ignore[index]
        x0, _, x1, _ = token.source.bbox  # type: ignore[misc]
        if columns and x0 <= right:
            columns[-1].append(token)
            right = max(right, x1)
        else:
            columns.append([token])
            right = x1
    return columns


def align(columns: list[list[Token]], cells: list[HeaderCell]) -> list[int] | None:
    """Each column of figures its header cell, left to right in order: the cell whose reach
    (halfway to its neighbours) holds the column's figures best. None where there are more
    columns than cells, or a column is not where its cell reaches."""
    n, m = len(columns), len(cells)
    if n == 0 or n > m:
        return None
    spans = [(min(t.source.bbox[0] for t in c), max(t.source.bbox[2] for t in c)) for c in columns]  # type: ignore[index]
    reach = [((cells[k - 1].x1 + cells[k].x0) / 2 if k else float("-inf"),
              (cells[k].x1 + cells[k + 1].x0) / 2 if k + 1 < m else float("inf")) for k in range(m)]

    def cost(i: int, k: int) -> float:
        (a, b), (left, right) = spans[i], reach[k]
        return max(0.0, left - a) + max(0.0, b - right)

    inf = float("inf")
    table = [[inf] * (m + 1) for _ in range(n + 1)]  # table[i][j]: first i columns within first j cells
    for j in range(m + 1):
        table[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            table[i][j] = min(table[i][j - 1], table[i - 1][j - 1] + cost(i - 1, j - 1))
    out, j = [], m
    for i in range(n, 0, -1):
        while table[i][j] == table[i][j - 1] and j > i:
            j -= 1
        out.append(j - 1)
        j -= 1
    out.reverse()
    for i, k in enumerate(out):  # each column where its own cell reaches, near enough
        if cost(i, k) > min(cost(i, other) for other in range(m)) + _SLACK:
            return None
    return out


def by_header(cells: dict[Block, list[HeaderCell]], rows: list[Pending], spec: TableSpec
              ) -> tuple[dict[int, tuple[list[Column], bool]], dict[int, list[tuple[str, Token]]]]:
    """For each row (by id) whose every amount stands clearly under a header cell: the template
    column of each (and whether its page prints the header itself), and the amounts under cells
    the template lacks, which are taken out of the row's amounts and kept with their header."""
    placed: dict[int, tuple[list[Column], bool]] = {}
    unmatched: dict[int, list[tuple[str, Token]]] = {}
    if not cells or not any(cell.column for row in cells.values() for cell in row):
        return placed, unmatched
    blocks = sorted((key for key in cells if key[0] is not None), key=lambda key: (key[0], key[1]))
    by_block: dict[Block | None, list[Token]] = {}
    for pending in rows:
        for token in pending.amounts:
            if is_amount(token.text) and token.source.bbox is not None:
                by_block.setdefault(_above(blocks, token), []).append(token)
    cell_of: dict[int, HeaderCell] = {}
    for key, tokens in by_block.items():
        header = [cell for cell in cells.get(key) or []  # type: ignore[arg-type]
                  if not _LABEL.search(cell.pieces[-1]) and not _LABEL.search("".join(cell.pieces))]
        columns = figure_columns(tokens)
        aligned = align(columns, header) if header else None
        for column, index in zip(columns, aligned or [], strict=False):
            for token in column:
                cell_of[id(token)] = header[index]  # type: ignore[index]
    own_pages = {page for page, _ in cells}
    for pending in rows:
        amounts = [token for token in pending.amounts if is_amount(token.text)]
        if not amounts:
            continue
        found = [cell_of.get(id(token)) for token in amounts]
        if any(cell is None for cell in found) or len({id(cell) for cell in found}) < len(found):
            continue
        own = all(token.source.page in own_pages for token in amounts)
        placed[id(pending)] = ([cell.column for cell in found if cell.column is not None], own)  # type: ignore[union-attr]
        lacking = [(cell.printed, token) for cell, token in zip(found, amounts, strict=True)
                   if cell.column is None]  # type: ignore[union-attr]
        if lacking:
            unmatched[id(pending)] = lacking
            dropped = {id(token) for _, token in lacking}
            pending.amounts = [token for token in pending.amounts if id(token) not in dropped]
    return placed, unmatched


def _above(blocks: list[Block], token: Token) -> Block | None:
    """The header a figure stands under: the last printed above it, on its page or before."""
    page, top = token.source.page, token.source.bbox[1]  # type: ignore[index]
    if page is None:
        return None
    earlier = [key for key in blocks if key[0] < page or (key[0] == page and key[1] < top)]  # type: ignore[operator]
    return earlier[-1] if earlier else None


def region_page(lines: list[TextLine], region: Region) -> int | None:
    return lines[region.title_line].source.page


def _level(box: _Box, band: _Box) -> bool:
    """On the same line of the header as `band`: the same top, or the same middle (cells of one
    header row are centred in it, whether their words wrap over one line, two, or stand one
    character per line)."""
    return abs(box.top - band.top) < 2 or abs((box.top + box.bottom) - (band.top + band.bottom)) < 4


def _centre_groups(boxes: list[_Box], groups: list[_Box]) -> None:
    """Two group cells side by side share the cells under them as each is centred over its own:
    where the words of a group are not over all its columns (编制预算 over ten narrow columns,
    上年结转 over six), the cells between them go to the side that keeps both centred."""
    ordered = sorted(groups, key=lambda g: g.x0)
    for left, right in pairwise(ordered):
        if abs(left.top - right.top) >= 2:
            continue
        ours = sorted((box for box in boxes if box.parent in (left, right)), key=lambda b: b.x0)
        mine = [box for box in ours if box.parent is left]
        theirs = [box for box in ours if box.parent is right]
        if not mine or not theirs or mine[-1].x0 > theirs[0].x0:
            continue
        between = [box for box in boxes if box.parent is None and box not in groups
                   and mine[-1].x1 <= box.x0 and box.x1 <= theirs[0].x0 and _level(box, mine[-1])]
        run = sorted(mine + between + theirs, key=lambda b: b.x0)
        cut = min(range(1, len(run)), key=lambda at: _off_centre(run[:at], left) + _off_centre(run[at:], right))
        for index, box in enumerate(run):
            box.parent = left if index < cut else right


def _off_centre(cells: list[_Box], group: _Box) -> float:
    return abs((cells[0].x0 + cells[-1].x1) / 2 - group.centre)


def _orphans(boxes: list[_Box], groups: list[_Box]) -> None:
    """A cell no group took that is not as tall as the header (it is centred lower: a cell of a
    lower header row spanning two rows, 小计 or 项目支出 beside a nested 基本支出) belongs to the
    group of the header's first row nearest to it."""
    top_groups = [g for g in groups if g.parent is None]
    if not top_groups:
        return
    header_middle = (min(box.top for box in boxes) + max(box.bottom for box in boxes)) / 2
    height = min(box.bottom - box.top for box in boxes)  # a line's height
    for box in boxes:
        if box.parent is not None or box in groups or (box.top + box.bottom) / 2 - header_middle < height * 0.6:
            continue
        above = [g for g in top_groups if g.bottom <= box.top + 1]
        if above:
            box.parent = min(above, key=lambda g: abs(g.centre - box.centre))
