"""Export streams: its memory stays bounded by a chunk of rows, far below what holding the corpus
in memory takes, and the chunks together are the whole corpus, exactly."""

from __future__ import annotations

import copy
import csv
import hashlib
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import xlsxwriter  # noqa: F401  (imported before measuring: a module's code is not the export's data)

from yusuan.sources import Item
from yusuan.store import export as exporting
from yusuan.store.database import open_engine
from yusuan.store.query import Corpus
from yusuan.store.record import init_worker, process
from yusuan.store.writer import Writer

from .conftest import SEEDS

DOCUMENTS = 60
CHUNK = 1000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """DOCUMENTS stored disclosures: the seeds' records stored again under other units (reading
    each anew would only cost time; what is stored is what ingest stores)."""
    init_worker(frozenset())
    records = [process(Item(str(seed), str(seed))) for seed in SEEDS]
    url = f"sqlite:///{tmp_path_factory.mktemp('many') / 'corpus.sqlite'}"
    engine, columns = open_engine(url)
    writer = Writer(engine, columns)
    batch = []
    for number in range(DOCUMENTS):
        record = copy.copy(records[number % len(records)])
        record.sha256 = hashlib.sha256(str(number).encode()).hexdigest()
        record.files = [{**file, "sha256": record.sha256} for file in record.files]  # one file each
        record.document = {**record.document, "sha256": record.sha256, "unit": f"第{number}单位"}
        batch.append(record)
    writer.write(batch)
    engine.dispose()
    return Corpus(url)


def _peak(work: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("form", ["csv", "parquet", "xlsx"])
def test_export_memory_bounded(corpus: Corpus, form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exporting, "CHUNK", CHUNK)
    whole = _peak(lambda: (corpus.amounts(), corpus.all_findings()))  # the corpus held in memory
    streamed = _peak(lambda: exporting.export(corpus, form, tmp_path))
    assert streamed * 5 < whole, (streamed, whole)


def test_chunks_make_the_whole(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exporting, "CHUNK", CHUNK)
    amounts = corpus.amounts()
    assert len(amounts) > 10 * CHUNK
    exporting.export(corpus, "parquet", tmp_path / "parquet")
    parquet = pq.ParquetFile(tmp_path / "parquet" / "amounts.parquet")
    assert parquet.num_row_groups == -(-len(amounts) // CHUNK)  # a row group a chunk
    assert parquet.read().column("amount").to_pylist() == list(amounts["amount"])
    exporting.export(corpus, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "amounts.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [Decimal(row["amount"]) for row in rows] == list(amounts["amount"])
    assert [int(row["document"]) for row in rows] == list(amounts["document"])
