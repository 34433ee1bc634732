"""Codes of rows that print names only (Hangzhou): the level from how far the name is indented
on the page, the code looked up by name in the classification under the row's parent."""

from __future__ import annotations

from ..classification import entries
from ..model import Problem
from ..template import TableSpec
from ..text import fold, join_fragments
from .rows import Pending

_LEVELS = ("类", "款", "项")
_SAME_INDENT = 3.0  # points: names starting this close are at one level


def codes_from_indent(rows: list[Pending], spec: TableSpec) -> list[Problem]:
    """Give each name-only row the code its name has at its level under the row above it one
    level up, where the name is unique there; report those left without. Nothing is changed
    unless most such rows are found (rows by unit are not classification rows)."""
    if spec.rows not in ("function", "economic") or any(p.row.code for p in rows):
        return []
    named = [p for p in rows if p.row.kind == "unit" and p.row.source.bbox is not None]
    if len(named) < 2:
        return []
    scheme = "functional" if spec.rows == "function" else "economic"
    above: list[tuple[float, str | None]] = []  # the rows above, by indent: (x, code)
    found: list[tuple[Pending, str | None, str]] = []
    for pending in named:
        x = pending.row.source.bbox[0]  # type: ignore[index]
        name = join_fragments([pending.row.name or "", *pending.words])
        while above and above[-1][0] > x - _SAME_INDENT:
            above.pop()
        parent = above[-1][1] if above else None
        depth = len(above)  # 0 类, 1 款, 2 项
        code = _code(scheme, name, parent, depth) if depth < len(_LEVELS) and (parent or not depth) else None
        above.append((x, code))
        found.append((pending, code, name))
    if sum(code is not None for _, code, _ in found) * 2 < len(found):
        return []
    first = next((i for i, p in enumerate(rows) if p.amounts), len(rows))
    leading = {id(p) for p, code, _ in found if code is None and not p.amounts and rows.index(p) < first}
    rows[:] = [p for p in rows if id(p) not in leading]  # a header cell's words above the figures
    problems = []
    for pending, code, name in found:
        if id(pending) in leading:
            continue
        if code is None:
            problems.append(Problem(
                f"{spec.id} 的“{name}”没有印编码，分类科目中该名称（在按缩进确定的上级科目下）不唯一或未收录，编码留空",
                pending.row.source, spec.id))
            continue
        pending.row.kind, pending.row.code, pending.row.unit = ("class" if len(code) == 3 else "item"), code, None
        pending.row.name, pending.words = name, [name]
    return problems


def _code(scheme: str, name: str, parent: str | None, depth: int) -> str | None:
    """The code bearing `name` at its depth under `parent`, where only one does; of codes that
    changed between editions, the latest edition's."""
    folded = fold(name)
    latest: dict[str, int] = {}
    for entry in entries(scheme):
        if entry.level == _LEVELS[depth] and fold(entry.name) == folded and (
                parent is None or entry.code.startswith(parent)):
            latest[entry.code] = max(latest.get(entry.code, 0), entry.edition or 0)
    if not latest:
        return None
    newest = max(latest.values())
    codes = [code for code, edition in latest.items() if edition == newest]
    return codes[0] if len(codes) == 1 else None
