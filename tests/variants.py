"""Documents made from the seeds for a corpus: the same disclosure published by another unit,
at another level of government, for another year (the amounts are the seed's own).

Used by the corpus tests and the ingest benchmark until the writer can make documents from data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yusuan.api import parse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_PLACE = "安宁和平丰泰昌兴华永宏广长明清嘉乐康福云阳山河川林"
LEVELS = (("省", "省级"), ("自治州", "地市级"), ("县", "县级"))
BUREAUS = ("医疗保障局", "财政局", "教育局", "统计局", "审计局")


@dataclass(frozen=True, slots=True)
class Variant:
    seed: Path
    unit: str
    year: int
    level: str


@cache
def _seed(path: Path) -> tuple[str, str, int]:
    disclosure = parse(path)
    assert disclosure.unit and disclosure.year
    text = path.read_bytes().decode("utf-8-sig")
    return text, disclosure.unit.removesuffix("本级"), disclosure.year


def unit_name(number: int, level: int) -> str:
    """The number-th generated unit at a level (0 省, 1 自治州, 2 县): a place of two or three
    syllables, the level's suffix, a bureau."""
    size = len(_PLACE)
    place = _PLACE[number % size] + _PLACE[(number // size) % size]
    if number >= size * size:
        place += _PLACE[(number // size // size) % size]
    suffix, _ = LEVELS[level]
    return f"{place}{suffix}{BUREAUS[number % len(BUREAUS)]}"


def text(seed: Path, unit: str, year: int) -> str:
    """The seed's text published by `unit` for `year` (every year it names shifted alike)."""
    original, seed_unit, seed_year = _seed(seed)
    shifted = _YEAR.sub(lambda m: str(int(m.group(1)) + year - seed_year), original)
    return shifted.replace(seed_unit, unit)


def variants(count: int, years: tuple[int, ...] = (2022, 2023, 2024, 2025)) -> Iterator[Variant]:
    """count documents: units cycling over the levels, each unit over consecutive years."""
    made = 0
    number = 0
    while made < count:
        level = number % len(LEVELS)
        unit = unit_name(number, level)
        for year in years:
            if made == count:
                return
            yield Variant(SEEDS[(number + year) % len(SEEDS)], unit, year, LEVELS[level][1])
            made += 1
        number += 1


def write(variant: Variant, folder: Path) -> Path:
    path = folder / f"{variant.unit}_{variant.year}.txt"
    path.write_text(text(variant.seed, variant.unit, variant.year), encoding="utf-8")
    return path
