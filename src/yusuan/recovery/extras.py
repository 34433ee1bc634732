"""Tables the template lacks, read as the concept template/extras.py gives each (政府采购,
机关运行经费, 三公、会议费、培训费, 基本/项目支出 by unit …), and the matters a disclosure states
(机关运行经费, 政府采购, 会议费, 培训费) gathered from those tables and from the narrative."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from ..classification import is_known_name
from ..model import Amount, Disclosure, ExtraTable, Matters, Row, Source
from ..readers.base import TextLine, Word
from ..template import variants
from ..template.extras import EXTRA_BY_CONCEPT, EXTRAS, NARRATED, ExtraSpec
from ..template.select import in_unit
from ..text import decimals, fold, is_amount, join_fragments, parse_amount

MONEY_UNIT = re.compile(r"单位[:：]\s*(万元|千元|亿元|元)")
_CODE = re.compile(r"^\d{1,9}$")
_TOTAL = re.compile(EXTRA_BY_CONCEPT["procurement"].figures[0][1])
_BY_LENGTH = sorted(((fold(title), spec) for spec in EXTRAS for title in spec.titles), key=lambda p: -len(p[0]))


def concept_of(title: str) -> ExtraSpec | None:
    folded = variants.bare_title(fold(title))
    for candidate in dict.fromkeys((folded, variants.without_qualifier(folded))):
        for printed, spec in _BY_LENGTH:
            if candidate.endswith(printed):
                return spec
    return None


def read_extra(lines: list[TextLine], start: int, end: int, unit: str | None) -> ExtraTable:
    """The table whose title is lines[start], its body up to lines[end]."""
    title = lines[start]
    table = ExtraTable(join_fragments([title.text]), [(line.text, line.source) for line in lines[start + 1 : end]],
                       title.source)
    spec = concept_of(table.title)
    if spec is None:
        return table
    table.concept = spec.concept
    # the money unit may stand above the title (Xi'an: 单位：元 before 表N)
    window = lines[max(start - 2, 0) : end]
    table.money_unit = next((m.group(1) for line in window if (m := MONEY_UNIT.search(line.text))), "万元")
    body = [_split(line) for line in _codes_rejoined(lines[start + 1 : end])]
    places = Counter(decimals(text) for _, _, amounts, _ in body for text in amounts if "." in text)
    table.places = places.most_common(1)[0][0] if places else 0
    table.rows = list(_rows(body, table.places, spec, unit))
    table.figures = _figures(table, body, spec)
    return table


_CODE_HEAD = re.compile(r"^(?=.*\d)[0-9A-Z]{6,}$")  # a long code alone in its cell's first line
_CODE_TAIL = re.compile(r"^\d{1,6}-\S")  # its last digits, then -name (11000024T0000028722 / 09-审计…)


def _codes_rejoined(lines: list[TextLine]) -> list[TextLine]:
    """A code wrapped in a narrow cell: its head alone on one line, its last digits and the name
    (09-审计质量管理经费) on the next line of the same cell, often read into another text line than
    the figures' row. The head is put back in front of its tail, in the tail's line."""
    out = [TextLine(list(line.words), line.source) for line in lines]
    for at, line in enumerate(out):
        for head in [w for w in line.words if _CODE_HEAD.match(w.text) and w.source.bbox is not None]:
            h0, _, _, h_bottom = head.source.bbox  # type: ignore[misc]
            height = h_bottom - head.source.bbox[1]  # type: ignore[index]
            for later in out[at : at + 4]:
                tail = next((w for w in later.words if w is not head and _CODE_TAIL.match(w.text)
                             and w.source.bbox is not None and w.source.page == head.source.page
                             and abs(w.source.bbox[0] - h0) <= 2
                             and 0 <= w.source.bbox[1] - h_bottom <= height), None)
                if tail is None:
                    continue
                t0, _, t1, t_bottom = tail.source.bbox  # type: ignore[misc]
                joined = Word(head.text + tail.text, Source(
                    tail.source.file, tail.source.page, tail.source.line,
                    (min(h0, t0), head.source.bbox[1], max(head.source.bbox[2], t1), t_bottom)))  # type: ignore[index]
                later.words[later.words.index(tail)] = joined
                line.words.remove(head)
                break
    return [line for line in out if line.words]


def _split(line: TextLine) -> tuple[str, str, list[str], Source]:
    """A line as (code, label, amounts, source): leading code digits, the words before the first
    amount, and the amounts after."""
    words = [word.text for word in line.words]
    code = []
    if any(not is_amount(word) for word in words):  # digits before a name are its code
        while words and _CODE.match(words[0]):
            code.append(words.pop(0))
    label: list[str] = []
    while words and not is_amount(words[0]):
        label.append(words.pop(0))
    return "".join(code), fold(join_fragments(label)), [w for w in words if is_amount(w)], line.source


def _first(amounts: list[str], places: int) -> str | None:
    """The first amount printed with the table's decimals (a count beside it is not money)."""
    return next((text for text in amounts if decimals(text) == places), None)


def _rows(body: list[tuple[str, str, list[str], Source]], places: int, spec: ExtraSpec,
          unit: str | None) -> Iterator[Row]:
    current: str | None = None
    first = True
    for code, label, amounts, source in body:
        text = _first(amounts, places)
        if text is None or not label:
            continue
        value = {"合计": Amount(parse_amount(text), text, source)}
        if _TOTAL.match(label) or (first and unit and _same_unit(label, unit)):
            kind = "total"
        elif spec.by_unit and not is_known_name(label, "economic"):
            kind, current = "unit", label
        else:
            kind = "class" if spec.by_unit else "line"
        first = False
        yield Row(kind, label, value, code=code or None, unit=current if kind != "total" else None, source=source)


def _same_unit(label: str, unit: str) -> bool:
    name = fold(unit)
    return label == name or label.startswith(name) or name.startswith(label)


def _figures(table: ExtraTable, body: list[tuple[str, str, list[str], Source]], spec: ExtraSpec) -> dict[str, Amount]:
    out: dict[str, Amount] = {}
    total = next((row for row in table.rows if row.kind == "total"), None)
    for name, pattern in spec.figures:
        if name == "合计" and total is not None:
            out[name] = total.values["合计"]
            continue
        found = re.compile(pattern)
        row = next((row for row in table.rows if row.name and found.search(row.name)), None)
        if row is not None:
            out[name] = row.values["合计"]
    if len(out) < 2 and spec.layouts:
        out = _laid_out(body, table.places or 0, spec) or out
    return out


def _laid_out(body: list[tuple[str, str, list[str], Source]], places: int, spec: ExtraSpec) -> dict[str, Amount]:
    """A table printed as one row of values: the layout whose sums hold."""
    for _code, _label, amounts, source in body:
        money = [text for text in amounts if decimals(text) == places]
        for layout in spec.layouts:
            if len(money) != len(layout):
                continue
            figures = {name: Amount(parse_amount(text), text, source) for name, text in zip(layout, money, strict=True)}
            if all(figures[whole].value == sum((figures[p].value for p in parts), Decimal(0))
                   for whole, parts in spec.sums if whole in figures and all(p in figures for p in parts)):
                return figures
    return {}


def figure(disclosure: Disclosure, concept: str, name: str) -> tuple[ExtraTable, Amount] | None:
    """A figure of the first table of a concept that prints it."""
    for table in disclosure.extra_tables:
        if table.concept == concept and name in table.figures:
            return table, table.figures[name]
    return None


def wan(table: ExtraTable, amount: Amount) -> Decimal:
    return in_unit(amount.value, table.money_unit, "万元")


def narrated_all(disclosure: Disclosure) -> dict[str, list[int]]:
    """Per matter (NARRATED's field), the statements that state it (indices, in order)."""
    out: dict[str, list[int]] = {}
    for index, statement in enumerate(disclosure.statements):
        name, where = fold(statement.name), fold(statement.section) + fold(statement.name)
        for matter in NARRATED:
            if matter.name.search(name) and matter.within.search(where):
                out.setdefault(matter.field, []).append(index)
                break
    return out


def narrated(disclosure: Disclosure) -> dict[str, tuple[Decimal, int]]:
    """Per matter, the amount its first statement states and that statement's index."""
    return {field: (disclosure.statements[found[0]].amount, found[0])
            for field, found in narrated_all(disclosure).items()}


_TABLED = {"procurement.total": ("procurement", "合计"), "procurement.goods": ("procurement", "货物"),
           "procurement.works": ("procurement", "工程"), "procurement.services": ("procurement", "服务"),
           "running_cost": ("running", "合计"), "three_public": ("three_public", "“三公”经费"),
           "meetings": ("three_public", "会议费"), "training": ("three_public", "培训费")}


def matters_of(disclosure: Disclosure) -> Matters:
    """The matters from the table that prints each, else from the narrative (万元)."""
    stated = narrated(disclosure)
    values: dict[str, tuple[Decimal, Source | None]] = {}
    for field in dict.fromkeys(matter.field for matter in NARRATED):  # in order: the first source is the total's
        tabled = _TABLED.get(field)
        found = figure(disclosure, *tabled) if tabled else None
        if found is not None:
            values[field] = (wan(*found), found[1].source)
        elif field in stated:
            amount, index = stated[field]
            values[field] = (amount, disclosure.statements[index].source)
    matters = Matters()
    procurement = matters.procurement
    for field, (value, source) in values.items():
        if field.startswith("procurement."):
            setattr(procurement, field.split(".")[1], value)
            procurement.source = procurement.source or source
        elif field != "three_public":  # 三公 is T10's
            setattr(matters, field, value)
            if field == "running_cost":
                matters.source = source
    return matters
