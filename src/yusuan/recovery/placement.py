"""Which column each amount of a row sits in, when the text has lost it.

Each row's amounts keep their printed order, so a row's possible placements are the increasing
maps of its k amounts into the n columns. The template's identities narrow them: the row's own
sums, parent = Σ children column by column, and the identities with tables already read. A
placement survives while it is supported by as many identities as any other; where several
survive every identity, the template's column priors choose (the stated rule) and the amounts
are marked uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from operator import attrgetter

from ..model import Amount, Row
from ..template import Column, RowSum, TableSpec
from ..text import is_amount, parse_amount
from . import subsetsum
from .rows import Pending
from .tokens import Token

Placement = tuple[int, ...]  # for each amount, the index of its column
_DOMAIN = attrgetter("domain")
_DEPTH = {"total": 0, "unit": 1, "class": 2}
_HELD: dict[tuple[object, ...], list[dict[int, bool] | None]] = {}  # answers shared within one table's solve
_GRID_WEIGHT = 100  # the grid's evidence outweighs the template's priors
# Steps of subset-sum one table's solve may spend. Past it no identity rules a placement out any
# more: the priors choose and the amounts stay uncertain. Counted in steps, not seconds, so that
# the same document always reads the same way; a table of a few hundred rows needs far less.
WORK_BUDGET = 3_000_000
_WORK = [WORK_BUDGET]  # what is left of it in the current solve


@dataclass(slots=True)
class Slot:
    pending: Pending
    columns: tuple[Column, ...]
    values: list[int]  # the amounts in quanta of the table's precision
    domain: list[Placement] = field(default_factory=list)
    prior: dict[str, int] = field(default_factory=dict)  # per column label, lower preferred
    cells: list[int] | None = None  # grid cells of the amounts, where the text kept them
    _maps: dict[Placement, dict[str, int]] = field(default_factory=dict)
    _options: dict[tuple[tuple[str, int], ...], list[int]] = field(default_factory=dict)
    _priors: dict[Placement, tuple[int, Placement]] = field(default_factory=dict)
    _grid: dict[Placement, int] = field(default_factory=dict)  # grid_distance, asked three times
    _distinct: dict[tuple[tuple[str, int], ...], tuple[int, tuple[int, ...]]] = field(default_factory=dict)

    def value(self, placement: Placement, label: str) -> int:
        return self.mapping(placement).get(label, 0)

    def mapping(self, placement: Placement) -> dict[str, int]:
        """The placement's amount per column label (kept: asked for again and again)."""
        mapping = self._maps.get(placement)
        if mapping is None:
            mapping = {self.columns[c].label: v for v, c in zip(self.values, placement, strict=True)}
            self._maps[placement] = mapping
        return mapping

    def contributions(self, terms: list[tuple[str, int]]) -> list[int]:
        """What each remaining placement of this row adds to a sum of `terms`."""
        key = tuple(terms)
        cached = self._options.get(key)
        if cached is None or len(cached) != len(self.domain):  # domains only ever shrink
            if len(terms) == 1:  # one column (parent = Σ children): most identities
                label, coef = terms[0]
                cached = [coef * self.mapping(p).get(label, 0) for p in self.domain]
            else:
                cached = [_contribution(self, p, terms) for p in self.domain]
            self._options[key] = cached
        return cached

    def distinct(self, terms: list[tuple[str, int]]) -> tuple[int, ...]:
        """The different values `contributions` takes, ascending (kept while the domain stands)."""
        key = tuple(terms)
        known = self._distinct.get(key)
        if known is None or known[0] != len(self.domain):
            known = self._distinct[key] = (len(self.domain), tuple(sorted(set(self.contributions(terms)))))
        return known[1]


@dataclass(slots=True)
class Constraint:
    """Σ coef × slot[column] + constant, related to 0 by '=', '<=' or '>='."""

    terms: list[tuple[int, str, int]]  # (slot index, column label, coefficient)
    constant: int = 0
    relation: str = "="
    by_slot: dict[int, list[tuple[str, int]]] = field(init=False, repr=False)
    # per target row: the answer for the domains it was computed with (domains only shrink)
    answers: dict[int, tuple[tuple[int, ...], list[bool]]] = field(init=False, repr=False)
    members: list[Slot] = field(init=False, repr=False)  # the slots of `by_slot`, in its order
    # as of the domains' sizes `seen`: each row's distinct contributions; the constant plus the
    # settled rows' contributions, its printed figures; the open rows' by position in `by_slot`
    seen: tuple[int, ...] | None = field(init=False, repr=False)
    options: list[tuple[int, ...]] = field(init=False, repr=False)
    fixed: tuple[int, int] = field(init=False, repr=False)
    open: dict[int, tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.answers = {}
        self.members = []
        self.by_slot = {}
        self.seen = None
        for index, label, coef in self.terms:
            self.by_slot.setdefault(index, []).append((label, coef))

    def update(self, state: tuple[int, ...]) -> None:
        """Bring `options`, `fixed` and `open` to the domains as they stand (`state`: their sizes):
        only the rows whose domains changed are looked at again (an identity may tie 100s)."""
        terms = list(self.by_slot.values())
        if self.seen is None:
            self.options = [member.distinct(own) for member, own in zip(self.members, terms, strict=True)]
            self._settle()
        else:
            again = False  # a settled row's value changed: never expected, all summed again
            fixed, printed = self.fixed
            for position, (now, then) in enumerate(zip(state, self.seen, strict=True)):
                if now == then:
                    continue
                distinct = self.members[position].distinct(terms[position])
                if distinct == self.options[position]:
                    continue
                again |= len(self.options[position]) == 1
                self.options[position] = distinct
                if len(distinct) != 1:
                    self.open[position] = distinct
                elif position in self.open:
                    del self.open[position]
                    fixed += distinct[0]
                    printed += distinct[0] != 0
            self.fixed = (fixed, printed)
            if again:
                self._settle()
        self.seen = state

    def _settle(self) -> None:
        fixed, printed = self.constant, int(self.constant != 0)
        self.open = {}
        for position, distinct in enumerate(self.options):
            if len(distinct) == 1:
                fixed += distinct[0]
                printed += distinct[0] != 0
            else:
                self.open[position] = distinct
        self.fixed = (fixed, printed)


def to_quanta(text: str, places: int) -> int:
    return int(parse_amount(text).scaleb(places).to_integral_value())


def _sum_indices(columns: tuple[Column, ...], sums: tuple[RowSum, ...]) -> list[tuple[int, list[int]]]:
    index = {column.label: position for position, column in enumerate(columns)}
    return [(index[row_sum.target], [index[part] for part in row_sum.parts if part in index])
            for row_sum in sums if row_sum.target in index]


def _held(cells: list[int], checks: list[tuple[int, list[int]]]) -> int:
    held = 0
    for target, parts in checks:
        total = sum(cells[part] for part in parts)
        tol = (sum(1 for part in parts if cells[part]) + (cells[target] != 0)) // 2
        held += abs(cells[target] - total) <= tol
    return held


def sums_hold(slot: Slot, placement: Placement, sums: tuple[RowSum, ...]) -> int:
    """How many of the row's own sums hold with the amounts placed so."""
    cells = [0] * len(slot.columns)
    for value, column in zip(slot.values, placement, strict=True):
        cells[column] = value
    return _held(cells, _sum_indices(slot.columns, sums))


_CANDIDATES: dict[tuple[int, tuple[int, ...], int], list[Placement]] = {}
_CANDIDATES_KEPT = 20_000


def candidates(slot: Slot, sums: tuple[RowSum, ...]) -> list[Placement]:
    """The placements of a row that satisfy as many of its own sums as any placement can."""
    key = (id(slot.columns), tuple(slot.values), id(sums))
    cached = _CANDIDATES.get(key)
    if cached is None:
        if len(_CANDIDATES) > _CANDIDATES_KEPT:  # a corpus run must not grow it without end
            _CANDIDATES.clear()
        cached = _CANDIDATES[key] = _candidates(slot.values, slot.columns, sums)
    return list(cached)


def _candidates(values: list[int], columns: tuple[Column, ...], sums: tuple[RowSum, ...]) -> list[Placement]:
    count, width = len(values), len(columns)
    if count > width:
        return []
    every = list(combinations(range(width), count))
    if len(every) <= 1 or not sums:
        return every
    checks = _sum_indices(columns, sums)
    scored = []
    cells = [0] * width
    for placement in every:
        for column, value in zip(placement, values, strict=True):
            cells[column] = value
        scored.append((_held(cells, checks), placement))
        for column in placement:
            cells[column] = 0
    best = max(score for score, _ in scored)
    return [placement for score, placement in scored if score == best]


def _contribution(slot: Slot, placement: Placement, terms: list[tuple[str, int]]) -> int:
    return sum(coef * slot.value(placement, label) for label, coef in terms)


def supported(slots: list[Slot], constraint: Constraint, target: int) -> list[bool]:
    """For each placement of the target row, whether some choice of the other rows'
    placements satisfies `constraint` (see `subsetsum`)."""
    by_slot = constraint.by_slot
    owns = slots[target].contributions(by_slot[target])
    if len(slots[target].distinct(by_slot[target])) == 1 or _WORK[0] <= 0:
        return [True] * len(owns)  # the constraint cannot tell this row's placements apart
    if len(constraint.members) != len(by_slot):
        constraint.members = [slots[index] for index in by_slot]
    state = tuple(map(len, map(_DOMAIN, constraint.members)))  # C speed: some identities tie 100s of rows
    known = constraint.answers.get(target)
    if known is not None and known[0] == state:
        return known[1]
    answers = _answers(slots, constraint, state)
    for index, held in answers.items():
        if held is not None and index != target:
            constraint.answers[index] = (state, [held[own] for own in slots[index].contributions(by_slot[index])])
    held = answers[target]
    answer = [True] * len(owns) if held is None else [held[own] for own in owns]
    constraint.answers[target] = (state, answer)
    return answer


def _answers(slots: list[Slot], constraint: Constraint, state: tuple[int, ...]) -> dict[int, dict[int, bool] | None]:
    """Every open row's answers (per distinct contribution), for the rows' domains as they stand:
    the constant plus the contributions of the settled rows is the fixed part (with the count of
    its printed figures), the others choose."""
    constraint.update(state)
    fixed, printed = constraint.fixed
    indices = list(constraint.by_slot)
    variable = [indices[position] for position in constraint.open]
    choices = list(constraint.open.values())
    # the same sum over the same options recurs column after column (a project may sit in any)
    key = (fixed, printed, constraint.relation, len(constraint.terms), tuple(choices))
    answers = _HELD.get(key)
    if answers is None:
        answers = _HELD[key] = subsetsum.held(choices, fixed, printed, constraint.relation,
                                              len(constraint.terms) // 2 + 1, _WORK)
    return dict(zip(variable, answers, strict=True))


def solve(slots: list[Slot], constraints: list[Constraint]) -> None:
    """Narrow every slot's domain by the constraints, then choose by priors; mark the rest."""
    _HELD.clear()
    _WORK[0] = WORK_BUDGET
    involved: dict[int, list[Constraint]] = {}
    for constraint in constraints:
        for index in {term[0] for term in constraint.terms}:
            involved.setdefault(index, []).append(constraint)
    totals = [i for i, slot in enumerate(slots) if slot.pending.row.kind == "total"]
    _propagate(slots, involved, totals, spread=False)  # the totals first, by their links
    _within_totals(slots)
    _propagate(slots, involved)
    initial = [list(slot.domain) for slot in slots]
    while True:
        open_slots = [index for index, slot in enumerate(slots) if len(slot.domain) > 1]
        if not open_slots:
            break
        # guess where the priors speak most clearly first (a 302 row in T6 is 公用经费), then
        # from the top of the table down: a total's columns settle its rows' columns
        index = min(open_slots, key=lambda i: (-_prior_gap(slots[i]),
                                               _DEPTH.get(slots[i].pending.row.kind, 3),
                                               len(slots[i].domain), i))
        slot = slots[index]
        sizes = [len(other.domain) for other in slots]
        slot.domain = [min(slot.domain, key=lambda placement: _prior(slot, placement))]
        if slot.pending.row.kind == "total":
            _within_totals(slots)
        changed = [i for i, other in enumerate(slots) if len(other.domain) != sizes[i]]
        _propagate(slots, involved, sorted({n for i in changed for n in _neighbours(involved, i)}))
    for slot, before in zip(slots, initial, strict=True):
        _write(slot, before)


def _within_totals(slots: list[Slot]) -> None:
    """Amounts are not negative, so a row has nothing in a column its total leaves empty."""
    for total in slots:
        if total.pending.row.kind != "total" or len(total.domain) != 1 or min(total.values, default=0) < 0:
            continue
        active = {total.columns[c].label for c in total.domain[0]}
        for slot in slots:
            if slot is total or slot.pending.row.side != total.pending.row.side or len(slot.domain) <= 1:
                continue
            if min(slot.values, default=0) < 0:
                continue
            inside = [p for p in slot.domain if all(slot.columns[c].label in active for c in p)]
            slot.domain = inside or slot.domain


def _propagate(slots: list[Slot], involved: dict[int, list[Constraint]],
               start: list[int] | None = None, spread: bool = True) -> None:
    """Keep each row's best-supported placements until nothing changes (a worklist: a row is
    looked at again only when a row it shares an identity with has changed)."""
    if start is None:
        start = [index for index, slot in enumerate(slots) if len(slot.domain) > 1]
    pending = [index for index in start if index in involved and len(slots[index].domain) > 1]
    pending.sort(key=lambda i: -len(slots[i].domain))  # the narrowest rows first: cheapest, surest
    queued = set(pending)
    while pending:
        index = pending.pop()
        queued.discard(index)
        slot = slots[index]
        if len(slot.domain) <= 1:
            continue
        scores = [0] * len(slot.domain)
        for constraint in involved[index]:
            for position, held in enumerate(supported(slots, constraint, index)):
                scores[position] += held
        best = max(scores)
        kept = [p for p, score in zip(slot.domain, scores, strict=True) if score == best]
        if len(kept) < len(slot.domain):
            slot.domain = kept
            for other in _neighbours(involved, index) if spread else ():
                if other != index and other not in queued and len(slots[other].domain) > 1:
                    pending.append(other)
                    queued.add(other)


def _neighbours(involved: dict[int, list[Constraint]], index: int) -> list[int]:
    return sorted({term[0] for constraint in involved.get(index, ()) for term in constraint.terms})


def _prior_gap(slot: Slot) -> int:
    ranks = sorted(_prior(slot, placement)[0] for placement in slot.domain)
    return ranks[1] - ranks[0] if len(ranks) > 1 else 0


def _prior(slot: Slot, placement: Placement) -> tuple[int, Placement]:
    known = slot._priors.get(placement)
    if known is None:
        rank = sum(slot.prior.get(slot.columns[c].label, 50) for c in placement)
        known = slot._priors[placement] = (rank + _GRID_WEIGHT * grid_distance(slot, placement), placement)
    return known


def grid_distance(slot: Slot, placement: Placement) -> int:
    """How far a placement is from the spacing of the amounts in the extractor's grid."""
    if not slot.cells or not placement:
        return 0
    known = slot._grid.get(placement)
    if known is None:
        known = slot._grid[placement] = sum(abs((column - placement[0]) - (cell - slot.cells[0]))
                                            for column, cell in zip(placement, slot.cells, strict=True))
    return known


def _write(slot: Slot, before: list[Placement]) -> None:
    if not slot.domain:
        return
    placement = slot.domain[0]
    # the grid settled it where exactly one possible placement has the grid's spacing
    gridded = slot.cells is not None and [grid_distance(slot, p) for p in before].count(0) == 1 \
        and grid_distance(slot, placement) == 0
    for position, (token, column) in enumerate(zip(slot.pending.amounts, placement, strict=True)):
        uncertain = not gridded and len({option[position] for option in before}) > 1
        slot.pending.row.values[slot.columns[column].label] = Amount(
            value=Decimal(token.text.replace(",", "").replace("−", "-")),
            text=token.text,
            source=token.source,
            uncertain=uncertain,
        )


def split_overflow(rows: list[Pending], spec: TableSpec) -> list[Pending]:
    """A row with more amounts than the table has columns holds the amounts of a row whose
    label the document left out (a total printed without 合计). Split where both parts can
    satisfy the row's own sums, preferring a line break; the new row is the total if the table
    has none."""
    width = len(spec.columns)
    has_total = any(item.row.kind == "total" for item in rows)
    out: list[Pending] = []
    for first in rows:
        queue = [first]
        while queue:  # more than twice the width: split again what was split off
            pending = queue.pop()
            out.append(pending)
            amounts = pending.amounts
            if len(amounts) <= width:
                continue
            splits = range(max(1, len(amounts) - width), width + 1) if len(amounts) <= 2 * width \
                else range(width, width + 1)
            best = max(splits, key=lambda k, p=pending, a=amounts: (
                _fit(p, a[:k], spec) + _fit(p, a[k:], spec), a[k].line != a[k - 1].line, -k))
            tail = Pending(Row(kind="line" if has_total else "total", name=None,
                               source=amounts[best].source), amounts[best:])
            pending.amounts = amounts[:best]
            queue.append(tail)
    return out


def _fit(pending: Pending, amounts: list[Token], spec: TableSpec) -> int:
    """How many of its own sums a row of these amounts can satisfy at best."""
    slot = Slot(pending, spec.columns, [to_quanta(t.text, 2) for t in amounts if is_amount(t.text)])
    return max((sums_hold(slot, p, spec.row_sums) for p in candidates(slot, ())), default=-1)
