"""支出功能分类 and 部门预算支出经济分类 codes and names, by edition year, as data.

The CSV files record, for each entry, the published documents it was read from (column
`source`); a code missing here is unknown to us, not wrong.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..text import fold


@dataclass(frozen=True, slots=True)
class Entry:
    edition: int | None  # None: the source gives no year
    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str | None
    source: str


@cache
def entries(scheme: str) -> tuple[Entry, ...]:
    """All entries of 'functional' or 'economic'."""
    with files(__package__).joinpath(f"{scheme}.csv").open(encoding="utf-8") as handle:
        return tuple(
            Entry(int(row["edition"]) if row["edition"].isdigit() else None, row["code"], row["name"], row["level"],
                  row["parent"] or None, row["source"])
            for row in csv.DictReader(handle)
        )


@cache
def _by_code(scheme: str) -> dict[str, dict[int | None, str]]:
    table: dict[str, dict[int | None, str]] = {}
    for entry in entries(scheme):
        table.setdefault(entry.code, {})[entry.edition] = entry.name
    return table


def name_of(code: str, edition: int | None = None, scheme: str = "functional") -> str | None:
    """The name of `code` in the edition nearest to `edition` (the latest when None)."""
    editions = _by_code(scheme).get(code)
    if not editions:
        return None
    years = [year for year in editions if year is not None]
    if not years:
        return editions[None]
    if edition is None:
        return editions[max(years)]
    return editions[min(years, key=lambda year: (abs(year - edition), -year))]


@cache
def folded_editions(code: str, scheme: str = "functional") -> dict[int | None, str]:
    """Every edition's name for `code`, folded for comparison with printed names (do not modify)."""
    return {year: fold(name) for year, name in _by_code(scheme).get(code, {}).items()}


@cache
def renamed(scheme: str = "functional") -> frozenset[str]:
    """The codes whose name changed from one edition to another."""
    return frozenset(code for code, names in _by_code(scheme).items() if len(set(names.values())) > 1)


def editions_of(code: str, scheme: str = "functional") -> dict[int | None, str]:
    """Every edition's name for `code` ({} when the code is unknown to us)."""
    return dict(_by_code(scheme).get(code, {}))


# Words that place a text in the field of a 类 of 支出功能分类: a performance goal that speaks the
# words of a field in which the unit spends nothing was most likely copied from another unit.
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "204": ("治安", "警务", "刑事案件", "侦破", "监狱", "戒毒"),
    "205": ("教育教学", "教学质量", "学生", "办学", "学校", "教师", "师生", "校园", "课堂", "学前教育"),
    "207": ("文物", "旅游", "体育赛事", "演出", "非物质文化遗产"),
    "210": ("医疗", "医保", "医院", "患者", "疾病", "诊疗", "公共卫生", "医药"),
    "211": ("污染", "排放", "环境监测", "污水", "生态环境"),
    "213": ("农田", "灌溉", "种植", "养殖", "农作物", "造林", "水利", "牲畜"),
    "214": ("公路", "道路", "桥梁", "客运", "航道"),
}


@cache
def _by_name(scheme: str) -> dict[str, set[tuple[str, str]]]:
    table: dict[str, set[tuple[str, str]]] = {}
    for entry in entries(scheme):
        table.setdefault(fold(entry.name), set()).add((entry.code, entry.level))
    return table


def code_by_name(name: str, scheme: str = "functional") -> tuple[str, str] | None:
    """The (code, level) a name stands for, when exactly one code in any edition bears it."""
    found = _by_name(scheme).get(fold(name), set())
    return next(iter(found)) if len(found) == 1 else None


def is_known_name(name: str, scheme: str = "functional") -> bool:
    """Whether some code of the scheme, in any edition, bears this name."""
    return fold(name) in _by_name(scheme)
