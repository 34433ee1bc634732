"""Disclosures generated as data and written by the project's own writer, for a corpus: a seed's
recovered disclosure published again by another unit (its name, region and government level),
as the unit's own budget (本级, 单位预算) or its department's (部门预算), year after year, its
amounts and staff scaled consistently (every identity of the seed still holds exactly).

A unit's years chain: each year's Part 3 states its changes against the year before as generated,
so the corpus rule C.last-year has a stored last year to compare with and finds nothing, except
in the years `planted` names, whose stated change on last year is wrong on purpose.

Written documents are cached on disk (YUSUAN_CORPUS_CACHE, else ~/.cache/yusuan/corpus), keyed
by everything they are made from: the PDF writer takes seconds a document.
"""

from __future__ import annotations

import copy
import hashlib
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import astuple, dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from yusuan.api import parse
from yusuan.jsonin import from_dict
from yusuan.jsonout import to_dict
from yusuan.model import Count, Disclosure
from yusuan.rules.restated import restated_statements
from yusuan.template.select import amount, in_unit
from yusuan.writing import inputs_of
from yusuan.writing import write as write_document
from yusuan.writing.inputs import Inputs, key, section_kind
from yusuan.writing.written import as_written

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
_PLACE = "安宁和平丰泰昌兴华永宏广长明清嘉乐康福云阳山河川林"
LEVELS = (("省", "省级"), ("自治州", "地市级"), ("县", "县级"))  # a region's suffix, its government level
BUREAUS = ("医疗保障局", "委组织部", "财政局", "教育局", "统计局", "审计局")
UNIT_BUDGET, DEPARTMENT_BUDGET = "单位预算", "部门预算"
# how often each format is written, of every 100 documents: mostly the text-bearing formats the
# writer makes quickly, a few PDFs (seconds each)
FORMS = ((".html", 70), (".xlsx", 20), (".docx", 8), (".pdf", 2))
CENT = Decimal("0.01")
PLANTED_CHANGE = Decimal("12.34")  # 万元 added to last year's 基本支出 where a mistake is planted


@dataclass(frozen=True, slots=True)
class Variant:
    seed: Path
    unit: str  # the organisation, as its department is named
    year: int
    level: str  # 省级 / 地市级 / 县级
    scope: str = "本级"  # 本级: the unit's own budget; 部门: the department's
    scale: Decimal = Decimal(1)  # the unit's size in its first year, relative to the seed
    first_year: int = 2022
    form: str = ".html"
    yuan: bool = False  # tables in 元 (whole yuan) rather than 万元
    planted: bool = False  # this year's stated change on last year is wrong on purpose

    @property
    def kind(self) -> str:
        return UNIT_BUDGET if self.scope == "本级" else DEPARTMENT_BUDGET

    @property
    def printed_unit(self) -> str:
        """The name as this year's document prints it: a unit's own budget sometimes says 本级,
        sometimes not; a party organ sometimes carries 中共 (the same unit all the same)."""
        name = self.unit
        if "委" in name and self.year % 2:
            name = f"中共{name}"
        if self.scope == "本级":
            name += ("", "本级", "（本级）")[self.year % 3]
        return name

    def factor(self) -> Decimal:
        """This year's amounts relative to the seed's: grown 4% a year (in cents of the factor)."""
        return (self.scale * (1 + Decimal("0.04") * (self.year - self.first_year))).quantize(CENT)

    def last_year(self) -> Variant | None:
        if self.year == self.first_year:
            return None
        return replace(self, year=self.year - 1, planted=False)


def unit_name(number: int, level: int) -> str:
    """The number-th generated organisation at a level (0 省, 1 自治州, 2 县): a place of two or
    three syllables, the level's suffix, a bureau."""
    size = len(_PLACE)
    place = _PLACE[number % size] + _PLACE[(number // size) % size]
    if number >= size * size:
        place += _PLACE[(number // size // size) % size]
    suffix, _ = LEVELS[level]
    return f"{place}{suffix}{BUREAUS[number % len(BUREAUS)]}"


def _form(number: int) -> str:
    slot = (number * 37) % 100  # spread the formats over the units
    for form, share in FORMS:
        if slot < share:
            return form
        slot -= share
    return FORMS[0][0]


def variants(count: int, years: tuple[int, ...] = (2022, 2023, 2024, 2025)) -> Iterator[Variant]:
    """count documents: organisations cycling over the levels and seeds, each over consecutive
    years; every third organisation publishes its department's budget beside its own."""
    made = 0
    number = 0
    while made < count:
        level = number % len(LEVELS)
        unit = unit_name(number, level)
        scale = Decimal(50 + (number * 53) % 250) / 100  # 0.50 … 2.99
        scopes = ("本级", "部门") if number % 3 == 0 else ("本级",)
        for scope in scopes:
            for year in years:
                if made == count:
                    return
                yield Variant(SEEDS[number % len(SEEDS)], unit, year, LEVELS[level][1], scope,
                              scale * (Decimal("1.25") if scope == "部门" else 1), years[0],
                              _form(made), yuan=number % 4 == 1, planted=number % 7 == 3 and year == years[-1])
                made += 1
        number += 1


@cache
def _seed_data(seed: Path) -> Disclosure:
    return from_dict(to_dict(parse(seed)))


_WAN = re.compile(r"(\d[\d,]*(?:\.\d+)?)(\s*万元)")


def _times(text: str, factor: Decimal) -> str:
    """The amounts a text states in 万元, scaled and printed to the cent as people write them."""
    def scaled(match: re.Match[str]) -> str:
        value = (Decimal(match.group(1).replace(",", "")) * factor).quantize(CENT, ROUND_HALF_UP)
        return f"{value:,}{match.group(2)}"

    return _WAN.sub(scaled, text)


def _people(count: int | None, factor: Decimal) -> int | None:
    return None if count is None else max(1, int((count * factor).to_integral_value()))


@cache
def data(variant: Variant) -> Disclosure:
    """The variant's disclosure as data: the seed's, published by the variant's unit for its
    year, every amount times the year's factor (in 元 where the variant prints whole yuan)."""
    out = copy.deepcopy(_seed_data(variant.seed))
    factor = variant.factor()
    out.unit, out.year, out.kind, out.level = variant.printed_unit, variant.year, variant.kind, variant.level
    out.statements, out.narrative, out.sections, out.problems, out.files = [], [], [], [], []
    out.source, out.contents = None, None
    for table in out.tables.values():
        has_values = any(row.values for row in table.rows)
        table.title, table.places, table.source = None, None, None  # titles and notes as the writer words them
        table.note = table.note if has_values else None
        if variant.yuan:
            table.money_unit = "元"
        unit = in_unit(factor, "万元", table.money_unit)
        for row in table.rows:
            for value in row.values.values():
                value.value = value.value * unit
                value.text = str(value.value)
    for project in out.projects:
        project.fields = {label: _times(text, factor) for label, text in project.fields.items()}
        project.scale = None if project.scale is None else project.scale * factor
        project.distribution = [(what, value * factor) for what, value in project.distribution]
    for target in out.targets:
        target.total, target.fiscal, target.other = (None if v is None else v * factor
                                                     for v in (target.total, target.fiscal, target.other))
    for asset in out.assets:
        asset.value = None if asset.value is None else asset.value * factor
    _staff(out, variant)
    return out


def _staff(out: Disclosure, variant: Variant) -> None:
    staffing = out.overview.staffing
    factor = variant.factor()
    staffing.authorized = _people(staffing.authorized, factor)
    for name in ("active", "retired", "veteran_retired"):
        count = getattr(staffing, name)
        if count is not None:
            setattr(staffing, name, Count(_people(count.value, factor) or 0, count.change))
    parts = [staffing.active, staffing.retired, staffing.veteran_retired]
    if all(part is not None for part in parts):
        staffing.actual = sum(part.value for part in parts if part is not None)
    else:
        staffing.actual = _people(staffing.actual, factor)
    last = variant.last_year()
    if last is not None and staffing.active is not None:
        before = data(last).overview.staffing.active
        if before is not None:
            staffing.active.change = staffing.active.value - before.value


@cache
def inputs(variant: Variant) -> Inputs:
    """Last year's figures as Part 3 compares with them: the year before as generated, exactly
    (the figures the corpus rule will read from it), or, for a first year, the seed's own."""
    last = variant.last_year()
    if last is None:
        factor = variant.factor()
        return Inputs(last_year={k: (v * factor).quantize(CENT)
                                 for k, v in inputs_of(_seed_data(variant.seed)).last_year.items()})
    before = as_written(data(last), inputs(last))
    figures: dict[tuple[str, str], Decimal] = {}
    for statement in before.statements:
        kind = section_kind(statement.section)
        if kind is not None:
            figures.setdefault(key(kind, statement.name), statement.amount)
    for statement, restatement, rows in restated_statements(before):
        kind = section_kind(statement.section)
        if kind is not None and rows:
            ref = restatement.figure
            figures[key(kind, statement.name)] = in_unit(amount(rows, ref.columns),
                                                         before.tables[ref.table].money_unit, "万元")
    if variant.planted:
        figures[key("支出", "基本支出")] = figures.get(key("支出", "基本支出"), Decimal(0)) + PLANTED_CHANGE
    return Inputs(last_year=figures)


def _cache_folder() -> Path:
    base = os.environ.get("YUSUAN_CORPUS_CACHE")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "yusuan" / "corpus"


@cache
def _maker() -> str:
    """What every document depends on besides its variant: this generator, the writer's code
    and templates, and the seeds as the reader recovers them."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    writing = ROOT / "src" / "yusuan" / "writing"
    for path in sorted(p for p in writing.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.read_bytes())
    for seed in SEEDS:
        digest.update(repr(to_dict(_seed_data(seed))).encode())
    return digest.hexdigest()


def _cache_key(variant: Variant) -> str:
    fields = [str(v.name) if isinstance(v, Path) else str(v) for v in astuple(variant)]
    return hashlib.sha256(f"{_maker()}|{'|'.join(fields)}".encode()).hexdigest()[:32]


def file_name(variant: Variant) -> str:
    return f"{variant.printed_unit}_{variant.year}{variant.kind}{variant.form}"


def write(variant: Variant, folder: Path) -> Path:
    """The variant written by the writer into `folder` (from the cache when made before)."""
    cached = _cache_folder() / f"{_cache_key(variant)}{variant.form}"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cached.parent) as work:
            made = Path(work) / f"document{variant.form}"
            write_document(data(variant), made, inputs(variant), charts=False)
            os.replace(made, cached)  # whole or not at all, whoever else is writing it
    path = folder / file_name(variant)
    shutil.copyfile(cached, path)
    return path


def write_all(chosen: list[Variant], folder: Path, workers: int = 1) -> list[Path]:
    """Every variant written into `folder`, those not cached yet made by `workers` processes."""
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.starmap(write, [(variant, folder) for variant in chosen], chunksize=4)
    return [write(variant, folder) for variant in chosen]
