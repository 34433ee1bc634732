"""The same unit across years: which stored unit a document belongs to, decided here only.

A unit is its normalised name and its scope: 本级, the unit's own budget (a 单位预算, or a name
ending in 本级), or 部门, the department's budget over the unit and its subordinate units (a
部门预算, or a name ending in （汇总）). So 泉州市人民政府办公室（本级） and 泉州市人民政府办公室 (its
部门预算) are two units, while 上海市审计局's 单位预算 and 上海市审计局（本级） are one.

Differences that do not make another unit are folded away: full-width and half-width forms and
spaces (text.fold), a year before the name, 中共 or 中国共产党 before a party organ's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..recovery.overview import government_level
from ..text import fold

OWN, DEPARTMENT = "本级", "部门"
UNIT_BUDGET, DEPARTMENT_BUDGET = "单位预算", "部门预算"
_YEAR = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
_PARTY = re.compile(r"^(?:中国共产党|中共)(?=.)")
_OWN = re.compile(r"(?<=.)(?:\(本级\)|本级)$")
_SUMMED = re.compile(r"(?<=.)\(汇总\)$")


@dataclass(frozen=True, slots=True)
class UnitId:
    key: str  # what the store tells units apart by
    name: str  # the name without what does not tell units apart (year, 中共, 本级, （汇总）)
    scope: str | None  # OWN | DEPARTMENT; None where neither the kind nor the name says
    level: str | None  # 省级 / 地市级 / 县级, as the name states it


def identify(name: str, kind: str | None, level: str | None = None) -> UnitId:
    """The unit a document of `kind` published under `name` belongs to; `level` is the
    government level the document states, if it states one."""
    folded = _PARTY.sub("", _YEAR.sub("", fold(name)))
    scope = OWN if kind == UNIT_BUDGET else DEPARTMENT if kind == DEPARTMENT_BUDGET else None
    if _OWN.search(folded):
        folded, scope = _OWN.sub("", folded), OWN  # the name says which, whatever the kind says
    elif _SUMMED.search(folded):
        folded, scope = _SUMMED.sub("", folded), DEPARTMENT
    return UnitId(f"{folded}|{scope or ''}", folded, scope, level or government_level(folded))
