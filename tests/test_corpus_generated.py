"""A corpus of documents the writer made from data (tests/variants.py): units at three levels of
government, their own budgets and their departments', four chained years, in HTML, Excel, Word
and PDF. Stored on SQLite and PostgreSQL, the corpus knows each unit across its years, keeps 本级
and 部门 apart, and the corpus rule finds the stated changes that disagree with last year."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from alembic import command
from alembic.config import Config
from frictionless import Package
from sqlalchemy import text

from yusuan.api import parse
from yusuan.rules import check
from yusuan.store.database import MIGRATIONS, engine_for
from yusuan.store.export import export
from yusuan.store.ingest import Report, ingest
from yusuan.store.query import Corpus
from yusuan.text import fold

from . import variants

COUNT = 28  # five organisations, two of them with their department's budget too: 36 … 28 documents


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[variants.Variant]]:
    folder = tmp_path_factory.mktemp("generated")
    made = list(variants.variants(COUNT))
    for variant in made:
        variants.write(variant, folder)
    return folder, made


def test_formats_levels_and_scopes_covered(generated: tuple[Path, list[variants.Variant]]) -> None:
    folder, made = generated
    assert {path.suffix for path in folder.iterdir()} == {".html", ".xlsx", ".docx", ".pdf"}
    assert {v.level for v in made} == {"省级", "地市级", "县级"} and {v.scope for v in made} == {"本级", "部门"}
    assert any(v.yuan for v in made) and any(v.planted for v in made)
    assert any(v.printed_unit.startswith("中共") for v in made)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def stored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           generated: tuple[Path, list[variants.Variant]]) -> tuple[str, Report]:
    """The generated documents ingested once on each backend (the tests after only read)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('stored') / 'corpus.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    return url, ingest([generated[0]], url, workers=2)


def test_generated_corpus(stored: tuple[str, Report], generated: tuple[Path, list[variants.Variant]]) -> None:
    url, report = stored
    _, made = generated
    assert (report.stored, report.failed) == (COUNT, [])
    corpus = Corpus(url)
    units = corpus.units()
    # one stored unit per organisation and scope, whatever its name printed (本级, （本级）, 中共)
    expected = {(v.unit, v.scope): v for v in made}
    assert len(units) == len(expected)
    for row in units.to_dict("records"):
        variant = next(v for (unit, scope), v in expected.items()
                       if scope == row["scope"] and fold(unit) in fold(row["unit"]))
        assert row["years"] == [2022, 2023, 2024, 2025]
        assert row["level"] == variant.level and row["kinds"] == [variant.kind]
    # the corpus rule: exactly the planted mistakes, each off by what was planted
    found = corpus.findings(rule="C.last-year")
    planted = sorted((fold(v.printed_unit), v.year) for v in made if v.planted)
    assert sorted(zip(map(fold, found["unit"]), found["year"], strict=True)) == planted
    # (last year's exact figure against this year's as printed, to the cent: within a cent)
    assert all(abs(e - s - variants.PLANTED_CHANGE) <= Decimal("0.01")
               for e, s in zip(found["expected"], found["stated"], strict=True))
    # a unit's history: each year's change on the last is the growth the generator gave it
    peers = corpus.peers()
    published = {(fold(v.printed_unit), v.year, v.kind): v for v in made}
    assert len(peers) == COUNT
    for row in peers.to_dict("records"):
        variant = published[(fold(row["unit"]), row["year"], row["kind"])]
        last = variant.last_year()
        want = None if last is None else ((variant.factor() / last.factor() - 1) * 100).quantize(Decimal("0.01"))
        assert row["change"] == want, variant


def test_a_document_in_yuan_is_checked_as_its_twin_in_wan(tmp_path: Path) -> None:
    """Tables printed in whole 元, Part 3 in 万元: the writer converts, the check finds the same."""
    variant = variants.Variant(variants.SEEDS[0], "宁安自治州财政局", 2023, "地市级", first_year=2022,
                               scale=Decimal("1.07"))
    findings = []
    for twin in (variant, replace(variant, yuan=True)):
        back = parse(variants.write(twin, tmp_path))
        assert back.tables["T1"].money_unit == ("元" if twin.yuan else "万元")
        findings.append(sorted((f.rule, f.table or "", f.code or "", str(f.stated), str(f.expected))
                               for f in check(back)))
    assert findings[0] == findings[1]
    assert not [f for f in findings[1] if f[0] in ("N.amount", "N.share", "N.growth", "N.project-scale")]


def test_units_keyed_again_on_upgrade(db_url: str) -> None:
    """A corpus stored before units had a scope: opening it regroups its documents."""
    engine = engine_for(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002_reviews")
        old = [(1, "上海市审计局|省级", "上海市审计局", "单位预算"),
               (2, "上海市审计局(本级)|省级", "上海市审计局(本级)", "单位预算"),
               (3, "泉州市人民政府办公室|", "泉州市人民政府办公室", "部门预算"),
               (4, "泉州市人民政府办公室(本级)|", "泉州市人民政府办公室(本级)", "单位预算")]
        for number, key, name, kind in old:
            unit = connection.execute(text("INSERT INTO units (key, name, level) VALUES (:k, :n, NULL) RETURNING id"),
                                      {"k": key, "n": name}).scalar_one()
            connection.execute(text(
                "INSERT INTO documents (sha256, file_name, reader_version, ingested_at, status, unit_id, unit, "
                "year, kind, problems) VALUES (:s, :f, '0', :t, 'ok', :u, :n, :y, :kind, 0)"),
                {"u": unit, "s": f"{number:064d}", "f": f"{name}.pdf", "t": datetime.now(UTC), "n": name,
                 "y": 2025 + number % 2, "kind": kind})
    engine.dispose()
    corpus = Corpus(db_url)  # opening upgrades
    units = corpus.units()
    shanghai = units[units["unit"].str.startswith("上海")]
    assert len(shanghai) == 1 and shanghai["years"].iloc[0] == [2025, 2026]
    assert shanghai["scope"].iloc[0] == "本级" and shanghai["level"].iloc[0] == "省级"
    quanzhou = units[units["unit"].str.startswith("泉州")]
    assert sorted(quanzhou["scope"]) == ["本级", "部门"]
    corpus.close()


@pytest.mark.parametrize("form", ["csv", "xlsx", "parquet", "datapackage"])
def test_export(stored: tuple[str, Report], form: str, tmp_path: Path) -> None:
    """Every amount exported, exactly, whichever format; the package valid as Frictionless says."""
    url, _ = stored
    corpus = Corpus(url)
    amounts = corpus.amounts()
    written = export(corpus, form, tmp_path)
    if form == "parquet":
        got = pq.read_table(tmp_path / "amounts.parquet").to_pylist()
        values = [row["amount"] for row in got]
    elif form == "xlsx":
        book = openpyxl.load_workbook(tmp_path / "yusuan.xlsx", read_only=True)
        assert book.sheetnames == ["单位", "文件", "金额", "主要数字", "审核问题"]
        rows = book["金额"].iter_rows(values_only=True)
        header = next(rows)
        assert "本级/部门" in next(book["单位"].iter_rows(values_only=True))
        at = header.index("金额（万元，精确十进制）")
        values = [Decimal(str(row[at])) for row in rows]  # Excel's numbers print each amount exactly
    else:
        folder = tmp_path / "data" if form == "datapackage" else tmp_path
        with (folder / "amounts.csv").open(encoding="utf-8-sig", newline="") as file:
            values = [Decimal(row["amount"]) for row in csv.DictReader(file)]
        if form == "datapackage":
            report = Package(str(tmp_path / "datapackage.json")).validate()
            assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(values) == len(amounts) > 10_000
    assert values == list(amounts["amount"])  # the same order, every amount exact
    assert all(path.stat().st_size > 0 for path in written)
