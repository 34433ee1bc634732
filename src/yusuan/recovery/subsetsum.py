"""Whether the other rows of an identity can complete it, for every open row at once.

An identity is Σ (row contributions) + fixed ~ 0 (=, <= or >=), each open row choosing one of a
few contributions (its placements). For row j the question is whether the rows before it and the
rows after it can together complete each of its own choices. The sums reachable from the rows
before each row (prefixes) and after it (suffixes) are built once, in two passes, and met in the
middle: the work grows with the number of rows, not with its square.

Sums carry the most non-zero terms any combination reaching them has: the tolerance is half a
quantum per printed figure, so empty cells widen nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

Reach = dict[int, int]  # a reachable sum -> the most printed figures of a combination reaching it

REACH_LIMIT = 4096  # past this many sums a row's answer is "cannot tell" (rule nothing out)
_VECTOR = 512  # from this many sums times choices a step is done by numpy, not a Python loop
_SAFE = 2**60  # sums beyond this stay Python integers (numpy's are 64-bit)
_FAR = 2**200  # beyond any sum


def held(choices: list[tuple[int, ...]], fixed: int, printed: int, relation: str, slack: int,
         work: list[int]) -> list[dict[int, bool] | None]:
    """For each open row (its ascending `choices`), whether each choice can be completed by the
    others; None where that cannot be told (too many sums, or `work` spent: steps left, shared)."""
    count = len(choices)
    lows, highs = [0] * (count + 1), [0] * (count + 1)  # what rows from i on add, at least / most
    for i in range(count - 1, -1, -1):
        lows[i], highs[i] = lows[i + 1] + choices[i][0], highs[i + 1] + choices[i][-1]
    upper = relation != ">="  # whether the sum is bounded above (= and <=) and below (= and >=)
    lower = relation != "<="
    prefixes: list[Reach | None] = [{fixed: printed}]  # the sums of fixed and rows before i
    for i in range(count - 1):
        last = prefixes[-1]
        # a prefix must stay where the rows from i + 1 on can bring it within the slack of 0
        prefixes.append(None if last is None else _grow(
            last, choices[i], -slack - highs[i + 1] if lower else None, slack - lows[i + 1] if upper else None,
            work))
    suffixes: list[Reach | None] = [{0: 0}]  # the sums of rows after i, last row first
    for i in range(count - 1, 0, -1):
        last = suffixes[-1]
        before_low, before_high = fixed + lows[0] - lows[i], fixed + highs[0] - highs[i]
        suffixes.append(None if last is None else _grow(
            last, choices[i], -slack - before_high if lower else None, slack - before_low if upper else None,
            work))
    suffixes.reverse()
    out: list[dict[int, bool] | None] = []
    for i in range(count):
        before, after = prefixes[i], suffixes[i]
        if before is None or after is None:
            out.append(None)
            continue
        work[0] -= min(len(before), len(after)) * len(choices[i])
        if len(after) < len(before):  # go through the fewer sums, look the others up
            before, after = after, before
        keys = sorted(after)
        out.append({own: _meets(before, after, keys, own, relation, slack) for own in choices[i]})
    return out


def _meets(before: Reach, after: Reach, keys: list[int], own: int, relation: str, slack: int) -> bool:
    """Whether a sum before and a sum after (`keys`: its sums in order) complete `own` within the
    tolerance of the printed figures."""
    mark = own != 0
    for total, figures in before.items():
        need = -own - total  # the sum after that makes the identity exact
        if (relation == "<=" and keys[0] <= need) or (relation == ">=" and keys[-1] >= need):
            return True  # an amount on the allowed side: the tolerance does not matter
        start = bisect_left(keys, need - slack if relation != "<=" else need)
        end = bisect_right(keys, need + slack if relation != ">=" else need)
        for key in keys[start:end]:
            if _within(total + key + own, (figures + after[key] + mark) // 2, relation):
                return True
    return False


def _within(deviation: int, allowed: int, relation: str) -> bool:
    if relation == "=":
        return abs(deviation) <= allowed
    return deviation <= allowed if relation == "<=" else deviation >= -allowed


def _grow(reach: Reach, choices: tuple[int, ...], floor: int | None, ceiling: int | None,
          work: list[int]) -> Reach | None:
    """The sums reachable with one more row, kept within [floor, ceiling]; None past the limit
    or the work left."""
    work[0] -= len(reach) * len(choices)
    if work[0] <= 0:
        return None
    if len(reach) * len(choices) >= _VECTOR and max(map(abs, reach)) + max(map(abs, choices)) < _SAFE:
        grown = _grow_vector(reach, choices, floor, ceiling)
    else:
        low = -_FAR if floor is None else floor
        high = _FAR if ceiling is None else ceiling
        grown = {}
        get = grown.get
        for total, figures in reach.items():
            for option in choices:
                value = total + option
                if value < low:
                    continue
                if value > high:
                    break  # the choices ascend
                terms = figures + (option != 0)
                if terms > get(value, -1):
                    grown[value] = terms
    return grown if len(grown) <= REACH_LIMIT else None


def _grow_vector(reach: Reach, choices: tuple[int, ...], floor: int | None, ceiling: int | None) -> Reach:
    import numpy as np

    totals = np.fromiter(reach.keys(), dtype=np.int64, count=len(reach))
    figures = np.fromiter(reach.values(), dtype=np.int64, count=len(reach))
    options = np.array(choices, dtype=np.int64)
    values = (totals[:, None] + options[None, :]).ravel()
    terms = (figures[:, None] + (options != 0)[None, :]).ravel()
    keep = np.ones(values.shape, dtype=bool)
    if floor is not None:
        keep &= values >= floor
    if ceiling is not None:
        keep &= values <= ceiling
    values, terms = values[keep], terms[keep]
    order = np.lexsort((terms, values))  # by value, then figures: the last of a value has the most
    values, terms = values[order], terms[order]
    last = np.ones(values.shape, dtype=bool)
    last[:-1] = values[1:] != values[:-1]
    return dict(zip(values[last].tolist(), terms[last].tolist(), strict=True))
