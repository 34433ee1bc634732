"""Titles as the document prints them and the note an empty table carries."""

from __future__ import annotations

import re

from ..model import Disclosure
from ..template import TableSpec

# the tables whose printed title names who budgets: 单位收支总体情况表 / 部门收支总体情况表
_OWNED = ("T1", "T2", "T3")


def who(disclosure: Disclosure) -> str:
    """单位 or 部门, as the document's kind says."""
    return (disclosure.kind or "单位预算")[:2]


def full_title(disclosure: Disclosure, spec: TableSpec) -> str:
    table = disclosure.tables.get(spec.id)
    if table is not None and table.title:
        return table.title  # as the data says it was printed
    return f"{who(disclosure)}{spec.title}" if spec.id in _OWNED else spec.title


def empty_note(disclosure: Disclosure, spec: TableSpec) -> str:
    """备注：X 2024 年没有政府性基金预算支出，政府性基金预算支出情况表为空表。"""
    subject = re.sub(r"(?:情况明细表|情况表)$", "", spec.title)
    return (f"备注：{disclosure.unit or '本' + who(disclosure)}{disclosure.year or ''}年没有{subject}，"
            f"{spec.title}为空表。")
