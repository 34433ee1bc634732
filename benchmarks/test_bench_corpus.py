"""The corpus: ingest throughput with 1 and 2 workers (SQLite; PostgreSQL with 2), the share of
time spent storing, database size per document, and typical queries on 10,000 disclosures.

Run: bash scripts/bench.sh corpus   (YUSUAN_BENCH_DOCS documents, 2000 by default, generated as
data and written by the writer (tests/variants.py: units at three levels, 本级 and 部门, chained
years; HTML, Excel, Word and PDF), plus the seeds themselves. Written documents are cached
between runs (YUSUAN_CORPUS_CACHE).)
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIGURES
from sqlalchemy import text

from tests import variants
from tests.postgres import postgres_server  # noqa: F401  (a fixture)
from yusuan.sources import Item
from yusuan.store.database import analyze, open_engine
from yusuan.store.ingest import Report, ingest
from yusuan.store.query import Corpus, Filter
from yusuan.store.record import init_worker, process
from yusuan.store.writer import Writer

DOCUMENTS = int(os.environ.get("YUSUAN_BENCH_DOCS", "2000"))
QUERIED = 10_000


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    for seed in variants.SEEDS:
        shutil.copy(seed, out / seed.name)
    variants.write_all(list(variants.variants(DOCUMENTS)), out, workers=2)
    return out


def _note(label: str, report: Report, size: int, url: str) -> None:
    done = report.stored
    cpu_share = 100 * report.storage_cpu / (report.storage_cpu + report.reading_cpu)
    corpus = Corpus(url)
    units, last_year = len(corpus.units()), len(corpus.findings(rule="C.last-year"))
    corpus.close()
    FIGURES[label] = (f"{done} documents in {report.seconds:.1f} s = {done / report.seconds:.2f} documents/s; "
                      f"storage {report.storage_seconds:.1f} s = {100 * report.storage_seconds / report.seconds:.1f}%"
                      f" of the time; processor time: reading {report.reading_cpu:.1f} s, storing "
                      f"{report.storage_cpu:.1f} s = {cpu_share:.1f}%; "
                      f"{size / done / 1024:.1f} KiB per document; {units} units, "
                      f"{last_year} C.last-year findings")


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_sqlite(benchmark, folder: Path, tmp_path: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "corpus.sqlite"
    report = benchmark.pedantic(lambda: ingest([folder], str(database), workers), rounds=1, iterations=1)
    assert report.stored == DOCUMENTS + len(variants.SEEDS) and not report.failed
    engine, _ = open_engine(str(database))
    with engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    _note(f"ingest, SQLite, {workers} worker(s)", report, database.stat().st_size, str(database))


def test_ingest_postgresql(benchmark, folder: Path, postgres_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    url = postgres_server.new_database()
    report = benchmark.pedantic(lambda: ingest([folder], url, 2), rounds=1, iterations=1)
    assert report.stored == DOCUMENTS + len(variants.SEEDS)
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        empty = connection.execute(text("SELECT pg_database_size('template1')")).scalar_one()
    engine.dispose()
    _note("ingest, PostgreSQL, 2 workers", report, size - empty, url)


POOL = 48  # documents read for real, their records stored again under the other units and years


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """10,000 disclosures: the records of POOL writer-made documents, each stored again under
    many units, levels, scopes and years (reading 10,000 documents would take an hour here)."""
    made = tmp_path_factory.mktemp("pool")
    init_worker(frozenset())
    records = [process(Item(str(path), str(path)))
               for path in variants.write_all(list(variants.variants(POOL)), made, workers=2)]
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('queried') / 'corpus.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    engine, columns = open_engine(url)
    writer = Writer(engine, columns)
    batch = []
    for number, variant in enumerate(variants.variants(QUERIED)):
        record = copy.copy(records[number % len(records)])
        record.sha256 = hashlib.sha256(f"{number}".encode()).hexdigest()
        record.files = [{**file, "sha256": record.sha256} for file in record.files]  # one file each
        record.document = {**record.document, "sha256": record.sha256, "unit": variant.printed_unit,
                           "year": variant.year, "kind": variant.kind, "level": variant.level,
                           "file_name": variants.file_name(variant)}
        batch.append(record)
        if len(batch) == 500:
            writer.write(batch)
            batch = []
    writer.write(batch)
    analyze(engine)  # as ingest does at its end
    engine.dispose()
    corpus = Corpus(url)
    yield corpus
    corpus.close()


QUERIES = {
    "units": lambda c: c.units(),
    "totals_one_level_year": lambda c: c.totals(Filter(year=2024, level="县级")),
    "unit_history": lambda c: c.totals(Filter(unit=variants.unit_name(7, 1))),
    "by_class_one_year": lambda c: c.by_code(Filter(year=2024), digits=3),
    "peers_one_group": lambda c: c.peers(Filter(year=2024, level="县级", kind="单位预算")),
    "findings_by_rule": lambda c: c.findings(),
    "findings_one_rule_year": lambda c: c.findings(Filter(year=2024), rule="T6.subtotal"),
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_query_10000(benchmark, stored: Corpus, query: str) -> None:  # type: ignore[no-untyped-def]
    frame = benchmark(QUERIES[query], stored)
    assert len(frame) > 0
