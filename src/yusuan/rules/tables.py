"""Arithmetic within a table and across tables: the template's identities as rules.

The rules are made from the declaration in `template/`: one per table for its row sums and one
for its subtotals, one per cross-table identity. Nothing about an identity is written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Disclosure, Row
from ..template import LINKS, TABLES, Link, TableSpec
from ..template.evaluate import Breach, header_row_sums, header_trees, link, row_sums, trees
from .base import ERROR, Finding, Rule


def _where(row: Row | None) -> str:
    if row is None:
        return "（无此行）"
    label = row.code or ""
    name = row.project or row.name or ("合计" if row.kind == "total" else "")
    return f"{label} {name}".strip() or "（未命名行）"


def _finding(rule: Rule, breach: Breach, message: str) -> Finding:
    row = breach.row
    return rule.finding(
        message, table=breach.table, code=row.code if row else None, column=breach.column,
        stated=breach.stated, expected=breach.expected, source=row.source if row else None,
    )


def _terms(terms: tuple[Decimal, ...]) -> str:
    shown = [str(term) for term in terms if term]
    return " + ".join(shown) if shown else "0"


class RowTotal(Rule):
    """A row's total is the sum of its parts (合计 = 基本支出 + 项目支出 …)."""

    family = "表内"
    severity = ERROR
    why = "合计与分项不符，读者无法判断哪个数字是对的，预算公开失去意义。"

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.id = f"{spec.id}.row-total"
        sums = "；".join(f"{s.target} = {' + '.join(s.parts)}" for s in spec.row_sums) or "合计 = 表头所列分项之和"
        printed = "；".join(f"{s.target} 含 {'、'.join(c.label for c in s.columns)}" for s in spec.printed_sums)
        self.title = f"{spec.title}：每行 {sums}" + (f"（表中另列时：{printed}）" if printed else "")
        target = spec.row_sums[0].target if spec.row_sums else spec.columns[0].label
        self.example = f"{spec.id} 某行“{target}”与其分项之和相差 0.01 以上"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get(self.spec.id)
        if table is None or not table.present:
            return
        for breach in row_sums(table) if table.readable else header_row_sums(table):
            parts = "" if table.readable else f"（{' + '.join((table.header_sums or {}).get(breach.column, []))}）"
            yield _finding(self, breach, (
                f"{self.spec.id}《{self.spec.title}》“{_where(breach.row)}”行的“{breach.column}”为 "
                f"{breach.stated}，但分项{parts}之和为 {_terms(breach.terms)} = {breach.expected}"))


class Subtotal(Rule):
    """A parent row is the sum of its children, column by column (类 = Σ款, 款 = Σ项, 合计 = Σ类)."""

    family = "表内"
    severity = ERROR
    why = "上级科目与下级科目之和不符，说明某个科目的数字有误或漏列。"

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.id = f"{spec.id}.subtotal"
        self.title = f"{spec.title}：上级行等于下级行之和（逐列）"
        self.example = "类 210 的合计不等于其下各款合计之和"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get(self.spec.id)
        if table is None or not table.present:
            return
        for breach in trees(table) if table.readable else header_trees(table):
            yield _finding(self, breach, (
                f"{self.spec.id}《{self.spec.title}》“{_where(breach.row)}”行的“{breach.column}”为 "
                f"{breach.stated}，但其下各行之和为 {_terms(breach.terms)} = {breach.expected}"))


class CrossTable(Rule):
    """An identity between two tables (or two sides of one), as the template declares it."""

    family = "表间"
    severity = ERROR
    why = "各表是同一本预算的不同切面，同一数字在不同表中必须一致。"

    def __init__(self, identity: Link) -> None:
        self.identity = identity
        self.id = identity.id
        self.title = identity.description
        self.example = f"{identity.left.table} 与 {identity.right.table} 的相应数字相差 0.01 以上"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        relation = {"=": "应等于", "<=": "不应超过", ">=": "不应少于"}[self.identity.relation]
        for breach in link(disclosure, self.identity):
            yield _finding(self, breach, (
                f"{self.identity.description}：{breach.table}“{_where(breach.row)}”的“{breach.column}”为 "
                f"{breach.stated}，{relation} {self.identity.right.table} 的 {breach.expected}"))


def table_rules() -> list[Rule]:
    rules: list[Rule] = []
    for spec in TABLES:
        if spec.row_sums or spec.income:  # a ledger side may print its total's split (T1: 预算数)
            rules.append(RowTotal(spec))
        if spec.tree or spec.lines or spec.income:
            rules.append(Subtotal(spec))
    return rules + [CrossTable(identity) for identity in LINKS]
