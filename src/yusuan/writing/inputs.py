"""What the writer needs besides the disclosure (whose model holds the tables, the projects'
particulars, the state assets and the performance targets): last year's figures and the reasons
the narrative gives for each change, and the procurement budget.

From a filled workbook all of it can be given; from the disclosure JSON, last year's figures are
taken from the changes Part 3 stated (last year = amount − change)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Disclosure, Statement
from ..text import fold

_ENUMERATION = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．])+")
_ITEM = re.compile(r"([^\d.、:：()]+\(类\).*\(项\))")
_YEAR = re.compile(r"(?:19|20)\d{2}年(?:度)?")
# which part of Part 3 a statement stands in, by its section heading (the writer's own keys)
SECTION_KINDS = (("当年拨款", "一般公共预算当年拨款"), ("基本支出", "基本支出情况"), ("收入", "收入预算情况"),
                 ("支出", "支出预算情况"), ("三公", "三公"))


@dataclass(slots=True)
class Procurement:
    goods: Decimal = Decimal(0)
    works: Decimal = Decimal(0)
    services: Decimal = Decimal(0)
    small_firms: Decimal | None = None  # 面向中小企业预留


@dataclass(slots=True)
class Inputs:
    last_year: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (section kind, name) → figure
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    procurement: Procurement | None = None


def key(section_kind: str, name: str) -> tuple[str, str]:
    """The key of a stated figure: its kind of section and its name without numbering or year."""
    folded = fold(name)
    item = _ITEM.search(folded)
    if item:  # 社会保障和就业支出(类)…(款)行政单位离退休(项), whatever numbering stands before it
        return section_kind, item.group(1)
    name = _YEAR.sub("", _ENUMERATION.sub("", folded))
    return section_kind, re.sub(r"(?<=转移支付)资金$|(?:预算数为|预算数)$", "", name)


def section_kind(section: str) -> str | None:
    folded = fold(section)
    return next((kind for kind, word in SECTION_KINDS if word in folded), None)


def from_statements(statements: list[Statement]) -> dict[tuple[str, str], Decimal]:
    """Last year's figures as Part 3 implies them: this year's amount less the stated change."""
    out: dict[tuple[str, str], Decimal] = {}
    for statement in statements:
        kind = section_kind(statement.section)
        if kind is not None and statement.change is not None:
            out.setdefault(key(kind, statement.name), statement.amount - statement.change)
    return out


def inputs_of(disclosure: Disclosure) -> Inputs:
    return Inputs(last_year=from_statements(disclosure.statements))
