"""The row grammar of each kind of table, read from a token stream.

A row is its key (a code, a ledger line, a label), its name and its amounts in printed order;
which column each amount belongs to is settled afterwards by `placement`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..classification import code_by_name, name_of
from ..model import Problem, Row
from ..template import TableSpec, line_paths
from ..text import ENUMERATION, fold, is_amount, join_fragments, unnumbered
from .segment import is_total_label
from .tokens import AMOUNT_KIND, INT_KIND, TEXT_KIND, Token

_NOTE = re.compile(r"^(?:备注|注:|说明:)|空表|没有|无此|未安排|本表|[，。]")
_SERIAL = re.compile(r"^\d{1,3}[.、]?$")  # a row's number (序号, 1.), or a 类's code
_CODE_SHAPES = ((3,), (3, 2), (3, 2, 2), (5,), (7,), (5, 2), (3, 4))


@dataclass(slots=True)
class Pending:
    """A row read from the text whose amounts are not yet placed in columns."""

    row: Row
    amounts: list[Token] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # name fragments before the amounts
    tail: list[str] = field(default_factory=list)  # fragments after them (a wrapped cell's end)


@dataclass(slots=True)
class Parsed:
    rows: list[Pending] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def strip_enumeration(text: str) -> str:
    return unnumbered(fold(text))


def _code_split(run: list[Token]) -> int | None:
    """Where a code starts in a run of integers (the integers before it are amounts)."""
    for start in range(len(run)):
        shape = tuple(len(token.text) for token in run[start:])
        if shape in _CODE_SHAPES and run[start].text[0] in "235":
            return start
    return None


def _text_group(tokens: list[Token], start: int) -> int:
    """End of the run of text tokens on one line beginning at `start`."""
    end = start
    while end < len(tokens) and tokens[end].is_text and tokens[end].line == tokens[start].line:
        end += 1
    return end


def _code_at(tokens: list[Token], start: int) -> tuple[list[Token], str, int] | None:
    """If a code (followed by its name) begins in the integers at `start`: (leading amounts,
    code, index after the code)."""
    end = start
    while end < len(tokens) and tokens[end].kind == INT_KIND:
        end += 1
    if end == start or end >= len(tokens):
        return None
    follows = tokens[end]
    # a code is followed by its name, or (where the name column is not printed) by amounts
    if not (follows.is_text or (follows.kind == AMOUNT_KIND and "." in follows.text)):
        return None
    split = _code_split(tokens[start:end])
    if split is None:
        return None
    run = tokens[start:end]
    return run[:split], "".join(token.text for token in run[split:]), end


def numbers_in_text(tokens: list[Token]) -> list[Token]:
    """An integer run into the text after it on its line (2024 年没有…) is text, not a code
    or an amount."""
    out = list(tokens)
    for index, token in enumerate(out):
        follows = out[index + 1] if index + 1 < len(out) else None
        if (token.kind == INT_KIND and follows is not None and follows.is_text
                and follows.line == token.line and _code_at(out, index) is None
                and (index == 0 or out[index - 1].kind != INT_KIND)):
            out[index] = Token(token.text, TEXT_KIND, token.source, token.line, token.cell)
    return out


def _amounts_ahead(tokens: list[Token], start: int) -> bool:
    """Whether amounts follow before the next coded row: then the text at `start` is a row."""
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.kind == AMOUNT_KIND:
            return True
        if token.kind == INT_KIND:
            return _code_at(tokens, index) is None
        index += 1
    return False


def _new(rows: list[Pending], token: Token, **fields: object) -> Pending:
    pending = Pending(Row(source=token.source, **fields))  # type: ignore[arg-type]
    rows.append(pending)
    return pending


def parse_coded(tokens: list[Token]) -> Parsed:
    """Tables whose rows carry a classification code (T2, T3, T5–T9), with total and unit rows."""
    out = Parsed()
    current: Pending | None = None
    in_note = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == INT_KIND:
            coded = _code_at(tokens, index)
            if coded is not None:
                lead, code, index = coded
                _attach(out, current, lead)
                kind = "class" if len(code) == 3 else "item"
                current = _new(out.rows, token, kind=kind, name=None, code=code)
                in_note = False
                continue
            follows = tokens[index + 1] if index + 1 < len(tokens) else None
            if current is not None and not current.amounts and follows is not None and (
                follows.is_text and follows.line == token.line
            ):
                current.words.append(token.text)  # a year or number inside a name: 2024 年…
                index += 1
                continue
        if token.kind != TEXT_KIND:
            if current is None and not out.rows and is_amount(token.text):
                # figures before any label: the total, its 合计 printed in the header (Beijing 预算02表)
                current = _new(out.rows, token, kind="total", name="合计")
            _attach(out, current, [token])
            in_note = False
            index += 1
            continue
        end = _text_group(tokens, index)
        words = [item.text for item in tokens[index:end]]
        label = join_fragments(words)
        if in_note or _NOTE.search(fold(label)):
            out.notes.append(label)
            in_note = True
        elif is_total_label(label):
            current = _new(out.rows, token, kind="total", name="合计")
        elif current is None or (current.amounts and _amounts_ahead(tokens, end)):
            current = _new(out.rows, token, kind="unit", name=label, unit=label)
        elif current.amounts:
            current.tail.extend(words)
        else:
            current.words.extend(words)
        index = end
    _own_parts(out.rows)
    return out


_OWN_PART = re.compile(r"^(\d{2})\s*(\D.*)$")


def _own_parts(rows: list[Pending]) -> None:
    """Rows printing only their own part of the code (Changsha's 款 row `03 职业教育`, Yantai's
    `08` then `01`): the full code rebuilt from the coded row above, 款 or 项 as the
    classification names it."""
    above: str | None = None
    for pending in rows:
        row = pending.row
        if row.code:
            above = row.code
            continue
        match = _OWN_PART.match(fold(row.name or "")) if row.kind == "unit" and above else None
        if match is None or above is None:
            continue
        part, name = match.groups()
        options = [above + part] if len(above) == 3 else [above[:5] + part, above[:3] + part]
        named = [code for code in options if fold(name_of(code) or "") == fold(name)]
        known = [code for code in options if name_of(code) is not None]
        code = (named or known or options)[0]
        row.kind, row.code, row.name, row.unit = "item", code, name, None
        pending.words = [name]
        above = code


def _attach(out: Parsed, current: Pending | None, amounts: list[Token]) -> None:
    if not amounts:
        return
    if current is None:
        out.problems.append(
            Problem(f"表格开头有无法归属到任何行的数字：{' '.join(t.text for t in amounts)}",
                    amounts[0].source)
        )
        return
    current.amounts.extend(amounts)


def parse_carryover(tokens: list[Token]) -> Parsed:
    """T11: one row per project, its name before its amounts."""
    out = Parsed()
    current: Pending | None = None
    in_note = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != TEXT_KIND and not (
            token.kind == INT_KIND and index + 1 < len(tokens) and tokens[index + 1].is_text
            and tokens[index + 1].line == token.line
        ):
            _attach(out, current, [token])
            index += 1
            continue
        end = _text_group(tokens, index) if token.is_text else index + 1
        words = [item.text for item in tokens[index:end]]
        label = join_fragments(words)
        if in_note or (_NOTE.search(fold(label)) and (current is None or current.amounts)):
            out.notes.append(label)
            in_note = True
        elif is_total_label(label):
            current = _new(out.rows, token, kind="total", name="合计")
        elif current is None or current.amounts:
            current = _new(out.rows, token, kind="project", name=None)
            current.words.extend(words)
        else:
            current.words.extend(words)
        index = end
    for pending in out.rows:
        if pending.row.kind == "project":
            pending.row.project = pending.row.name = join_fragments(pending.words)
    return out


def _match_line(label: str, paths: list[tuple[str, tuple[str, ...]]], cursor: int) -> int | None:
    """The index of the declared line `label` names, searching on from `cursor` first."""
    order = list(range(cursor, len(paths))) + list(range(cursor))
    for index in order:
        if label in paths[index][1]:
            return index
    return None


def _names(spec_lines: list[tuple[str, object]]) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for path, line in spec_lines:
        names = (line.name, *line.aliases)  # type: ignore[attr-defined]
        out.append((path, tuple(strip_enumeration(name) for name in names)))
    return out


def parse_ledger(tokens: list[Token], spec: TableSpec) -> Parsed:
    """T1/T4: income lines on the left, expense 类 on the right, totals at the foot."""
    out = Parsed()
    paths = _names(line_paths(spec.income))
    cursor = 0
    current: Pending | None = None
    index = 0
    side = _sides(tokens)
    while index < len(tokens):
        token = tokens[index]
        if token.kind == INT_KIND:
            coded = _code_at(tokens, index)
            if coded is not None:
                lead, code, index = coded
                _attach(out, current, lead)
                end = _text_group(tokens, index)
                name = join_fragments([item.text for item in tokens[index:end]])
                current = _new(out.rows, token, kind="class", name=name, code=code, side="expense")
                index = end
                continue
        if token.kind != TEXT_KIND:
            if current is not None and is_amount(token.text) and token.source.bbox is not None and any(
                    is_amount(t.text) and t.line != token.line for t in current.amounts):
                # a ledger line prints one figure a side: one on a later printed row (where the
                # words have their boxes, a line is a row) with no name of its own is a line left
                # unnamed, not the row's second figure
                current = _new(out.rows, token, kind="line", name=None, side=side(token) or current.row.side)
            _attach(out, current, [token])
            index += 1
            continue
        end = _text_group(tokens, index)
        if side(token) == "income":
            # an income name and an expense name side by side on one line: two rows
            end = next((at for at in range(index, end) if side(tokens[at]) == "expense"), end)
        label = join_fragments([item.text for item in tokens[index:end]])
        folded = strip_enumeration(label)
        index = end
        if folded in {"收入总计", "收入合计", "收入总额"}:
            current = _new(out.rows, token, kind="total", name="收入总计", side="income")
            continue
        if folded in {"支出总计", "支出合计", "支出总额"}:
            current = _new(out.rows, token, kind="total", name="支出总计", side="expense")
            continue
        whose = side(token)
        if whose is not None and folded in {"合计", "总计"}:
            # a bare 合计 on each side (Chongqing puts them first): where it stands says whose it is
            current = _new(out.rows, token, kind="total", name="支出总计" if whose == "expense" else "收入总计",
                           side=whose)
            continue
        if whose == "expense":
            # an expense name printed without its code (Shenzhen, Hangzhou, Beijing): its cell
            # says the side; a 类 is known by its name, a 款/项 under it is not summed again
            known = code_by_name(folded)
            numbered = ENUMERATION.match(fold(label)) is not None
            if current is not None and current.row.side == "expense" and not current.amounts \
                    and not numbered and known is None:
                current.row.name = join_fragments([current.row.name or "", label])  # a wrapped name
                known = code_by_name(strip_enumeration(current.row.name))
                if known is not None and known[1] == "类" and current.row.code is None:
                    current.row.kind, current.row.code = "class", known[0]
                continue
            if known is not None and known[1] == "类":
                current = _new(out.rows, token, kind="class", name=folded, code=known[0], side="expense")
            else:
                current = _new(out.rows, token, kind="line", name=folded, side="expense")
            continue
        found = _match_line(folded, paths, cursor)
        if found is None and current is not None and not current.amounts and current.words:
            merged = strip_enumeration(join_fragments([*current.words, label]))
            found = _match_line(merged, paths, cursor)
            if found is not None:
                out.rows.remove(current)
                label = join_fragments([*current.words, label])
        subtotal = next((line for line in spec.subtotals if folded in (line.name, *line.aliases)), None)
        if found is None and subtotal is not None:  # 一、财政拨款收入 over the three funds
            current = _new(out.rows, token, kind="line", name=subtotal.name, side="income")
            current.words.append(label)
            continue
        if found is None:
            if current is not None and not current.amounts and current.row.side == "expense" and whose != "income":
                current.row.name = join_fragments([current.row.name or "", label])
                continue
            if _NOTE.search(folded):
                out.notes.append(label)
                continue
            current = _new(out.rows, token, kind="line", name=label, side="income")
            current.words.append(label)
            continue
        cursor = found + 1
        current = _new(out.rows, token, kind="line", name=paths[found][0], side="income")
        current.words.append(label)
    known = {path for path, _ in paths} | {line.name for line in spec.subtotals}
    out.problems += [
        Problem(f"收入项目“{pending.row.name}”不是模板中的收入项目", pending.row.source)
        for pending in out.rows
        if pending.row.kind == "line" and pending.row.side == "income" and pending.row.name not in known
        and pending.row.name is not None
    ]
    return out


def _sides(tokens: list[Token]) -> Callable[[Token], str | None]:
    """Which side of a ledger a token stands on ('income', 'expense'; None where nothing tells):
    from where the leftmost expense name starts (of the names that follow an amount on their
    line) rightwards; else by the grid's cell (cells may be counted differently on lines whose
    rules differ: Beijing 预算04表)."""
    cell = _expense_cell(tokens)
    edge = expense_edge(tokens)

    def side(token: Token) -> str | None:
        if edge is not None and token.source.bbox is not None:
            return "expense" if token.source.bbox[0] >= edge - 2 else "income"
        if cell is not None and token.cell is not None:
            return "expense" if token.cell >= cell else "income"
        return None

    return side


def expense_edge(tokens: list[Token]) -> float | None:
    """Where a ledger's expense side starts on the page: the left of its leftmost name that
    stands to the right of an income figure on its line. None where the words keep no boxes."""
    starts: list[float] = []
    for row in _by_line(tokens).values():
        after: float | None = None  # the right edge of the amount before, where it has a box
        named = False  # an income figure follows its name (a number before any name is a row's)
        for token in row:
            if token.source.bbox is None:
                continue
            if token.kind != TEXT_KIND and named and not _SERIAL.match(token.text):
                after = token.source.bbox[2]
            elif token.kind == TEXT_KIND and after is None:
                named = True
            elif token.kind == TEXT_KIND and after is not None and token.source.bbox[0] > after:
                starts.append(token.source.bbox[0])  # to the right of it, not only after it in the text
                break
    return min(starts, default=None)


def _by_line(tokens: list[Token]) -> dict[int, list[Token]]:
    out: dict[int, list[Token]] = {}
    for token in tokens:
        out.setdefault(token.line, []).append(token)
    return out


def _expense_cell(tokens: list[Token]) -> int | None:
    """The grid cell where the expense side's names stand: most often, the cell of a name that
    follows an amount on its line. None where the extractor kept no grid."""
    seen: dict[int, int] = {}
    by_line: dict[int, list[Token]] = {}
    for token in tokens:
        if token.cell is not None:
            by_line.setdefault(token.line, []).append(token)
    for row in by_line.values():
        first = next((token.cell for token in row if token.kind != TEXT_KIND), None)
        if first is None:
            continue
        name = next((token.cell for token in row if token.kind == TEXT_KIND and token.cell > first), None)  # type: ignore[operator]
        if name is not None:
            seen[name] = seen.get(name, 0) + 1
    return max(seen, key=lambda cell: (seen[cell], -cell)) if seen else None


def parse_lines(tokens: list[Token], spec: TableSpec) -> Parsed:
    """T10: fixed lines named by the template."""
    out = Parsed()
    lines = [(line.name, names) for (_, line), (_, names) in
             zip(line_paths(spec.lines), _names(line_paths(spec.lines)), strict=True)]
    current: Pending | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != TEXT_KIND:
            if current is None and not out.rows and is_amount(token.text):
                # figures before any label: the total, the items printed as columns over it
                current = _new(out.rows, token, kind="total", name=lines[0][0])
            _attach(out, current, [token])
            index += 1
            continue
        end = _text_group(tokens, index)
        label = join_fragments([item.text for item in tokens[index:end]])
        index = end
        found = _match_line(strip_enumeration(label), lines, 0)
        if found is None:
            if current is not None and not current.amounts:
                continue  # the rest of a wrapped label: （小计）
            if _NOTE.search(fold(label)):
                out.notes.append(label)
                continue
            current = _new(out.rows, token, kind="line", name=label)
            out.problems.append(Problem(f"“{label}”不是模板中的“三公”经费项目", token.source))
            continue
        name = lines[found][0]
        current = _new(out.rows, token, kind="total" if found == 0 else "line", name=name)
    return out
