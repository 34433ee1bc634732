"""Ingest: worker processes read and check, the parent writes in batched transactions.

Resumable and idempotent: documents are known by content hash, stored ones are never read
again, and each batch is one transaction (killed midway, the batch in flight is simply absent).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .database import analyze, open_engine
from .grouping import regroup
from .record import Record, init_worker, process
from .sources import Item, items
from .writer import Writer

BATCH = 50  # documents per transaction
BATCH_SECONDS = 2.0  # or sooner, so that a slow corpus still commits as it goes


@dataclass(slots=True)
class Report:
    total: int = 0
    done: int = 0  # read (or passed over) so far
    stored: int = 0  # new documents, failed ones included
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, error) this run
    skipped: int = 0  # stored already
    joined: int = 0  # files joined into another's disclosure (a narrative beside its tables file)
    seconds: float = 0.0
    storage_seconds: float = 0.0  # time in the parent's writes
    # processor time, which other programs on the machine do not inflate as they do the clock's
    reading_cpu: float = 0.0  # the workers', reading and checking
    storage_cpu: float = 0.0  # the parent's, writing (a PostgreSQL server's own work not included)


Progress = Callable[[Report, Record], None]


def _results(todo: list[Item], workers: int, known: frozenset[str]) -> Iterator[Record]:
    if workers <= 1:
        init_worker(known)
        yield from map(process, todo)
        return
    context = multiprocessing.get_context("spawn")  # no inherited engine, threads or locks
    with context.Pool(workers, initializer=init_worker, initargs=(known,)) as pool:
        yield from pool.imap_unordered(process, todo, chunksize=2)


def ingest(paths: Iterable[Path], db: str | None = None, workers: int = 1,
           progress: Progress | None = None, batch: int = BATCH, retry_failed: bool = False) -> Report:
    engine, columns = open_engine(db)
    writer = Writer(engine, columns, retry=retry_failed)
    todo = list(items(paths))
    report = Report(total=len(todo))
    start = time.perf_counter()
    pending: list[Record] = []
    held: list[Record] = []  # files without tables, kept for the end
    run: set[str] = set()  # the documents read in this run
    last_write = time.perf_counter()

    def flush() -> None:
        nonlocal pending, last_write
        began, began_cpu = time.perf_counter(), time.process_time()
        report.stored += writer.write(pending)
        report.storage_seconds += time.perf_counter() - began
        report.storage_cpu += time.process_time() - began_cpu
        pending, last_write = [], time.perf_counter()

    try:
        for record in _results(todo, workers, frozenset(writer.known)):
            report.done += 1
            report.reading_cpu += record.cpu
            if record.skipped or record.sha256 in writer.known:
                report.skipped += 1
            elif record.failed:
                report.failed.append((record.name, record.document["error"]))
            if record.part is not None and not record.skipped and record.sha256 not in writer.known:
                held.append(record)  # a narrative or target file: joined at the end (grouping.py)
            elif not record.skipped and not record.unopened:
                pending.append(record)
                run.add(record.sha256)
            if len(pending) >= batch or time.perf_counter() - last_write > BATCH_SECONDS:
                flush()
            if progress is not None:
                progress(report, record)
        flush()
        if held or run:
            pending = regroup(engine, held, run)
            report.joined = sum(len(record.files) for record in pending if record.joined) - sum(
                record.joined for record in pending)
            flush()
        if report.stored or report.joined:
            began, began_cpu = time.perf_counter(), time.process_time()
            analyze(engine)
            report.storage_seconds += time.perf_counter() - began
            report.storage_cpu += time.process_time() - began_cpu
    finally:
        report.seconds = time.perf_counter() - start
        engine.dispose()
    return report
