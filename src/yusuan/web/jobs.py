"""Reading and checking uploads in the background: worker processes read, threads here store.

Each document goes queued → reading → done (or failed); the batch page shows the states as they
change. Documents left queued or reading by a stopped server are taken up again at start.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ..store.reviews import DONE, FAILED, QUEUED, READING, ReviewBatch, ReviewDocument, ReviewFile
from .analyse import analyse


def _warm() -> None:
    """Import the readers and rules in a worker before the first upload needs them."""
    from .. import rules  # noqa: F401


class Jobs:
    def __init__(self, engine: Engine, workers: int = 1) -> None:
        self.engine = engine
        self.workers = workers
        self.queue: queue.Queue[int | None] = queue.Queue()
        self.pool: Executor | None = None
        self.threads: list[threading.Thread] = []

    def _pool(self) -> Executor:
        # workers=0 reads in this process (tests, a single user); else in worker processes
        if self.workers == 0:
            return ThreadPoolExecutor(1)
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def start(self) -> None:
        """Start reading (again, after a stop: the application's lifespan may run more than once)."""
        self.pool = self._pool()
        self.pool.submit(_warm)
        self.threads = [threading.Thread(target=self._run, daemon=True, name=f"yusuan-review-{n}")
                        for n in range(max(self.workers, 1))]
        for thread in self.threads:
            thread.start()
        with Session(self.engine) as session, session.begin():  # what a stopped server left half read
            session.execute(update(ReviewDocument).where(ReviewDocument.status == READING).values(status=QUEUED))
        with Session(self.engine) as session:
            for id_ in session.scalars(select(ReviewDocument.id).where(ReviewDocument.status == QUEUED)
                                       .order_by(ReviewDocument.id)):
                self.queue.put(id_)

    def submit(self, document_ids: list[int]) -> None:
        for id_ in document_ids:
            self.queue.put(id_)

    def stop(self) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join(timeout=5)
        if self.pool is not None:  # its idle workers end with it: left behind, they outlive the server
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _run(self) -> None:
        while (id_ := self.queue.get()) is not None:
            try:
                self._one(id_)
            except Exception as error:  # never let one document stop the queue
                self._store(id_, {"error": f"内部错误：{type(error).__name__}", "milliseconds": None})

    def _one(self, id_: int) -> None:
        with Session(self.engine) as session:
            # claimed by one process only (`serve --processes N`: each takes up what was left queued)
            claimed = session.execute(update(ReviewDocument).where(ReviewDocument.id == id_, ReviewDocument.status
                                                                   == QUEUED).values(status=READING)).rowcount
            session.commit()
            document = session.get(ReviewDocument, id_)
            if not claimed or document is None:
                return
            name = document.name
            files = []
            for file in document.files:
                data = session.scalar(select(ReviewFile.data).where(ReviewFile.sha256 == file["sha256"]))
                files.append((file["name"], data or b""))
        assert self.pool is not None
        try:
            result = self.pool.submit(analyse, name, files).result()
        except BrokenProcessPool:  # a worker died (out of memory, killed): a fresh pool for the rest
            self.pool = self._pool()
            result = {"error": "读取该文件的进程意外退出（文件可能过大或已损坏）", "milliseconds": None}
        self._store(id_, result)

    def _store(self, id_: int, result: dict[str, Any]) -> None:
        values: dict[str, Any] = {"finished_at": datetime.now(UTC), "milliseconds": result.get("milliseconds")}
        if result.get("error"):
            values.update(status=FAILED, error=result["error"])
        else:
            values.update(status=DONE, error=None, **{key: result[key] for key in (
                "disclosure", "findings", "unit", "year", "kind", "level", "errors", "warnings", "notices")})
        with Session(self.engine) as session:
            session.execute(update(ReviewDocument).where(ReviewDocument.id == id_).values(**values))
            if values["status"] == DONE and values["unit"]:
                session.execute(update(ReviewDocument).where(ReviewDocument.id == id_)
                                .values(previous_id=previous(session, id_, values)))
            session.commit()


def previous(session: Session, id_: int, values: dict[str, Any]) -> int | None:
    """The latest earlier version of the same unit's budget of the same year and kind, uploaded by
    the same organisation (another bureau's review is not theirs to see)."""
    organisation = session.scalar(select(ReviewBatch.organisation_id).join(
        ReviewDocument, ReviewDocument.batch_id == ReviewBatch.id).where(ReviewDocument.id == id_))
    return session.scalar(select(ReviewDocument.id).join(ReviewBatch, ReviewDocument.batch_id == ReviewBatch.id).where(
        ReviewDocument.id != id_, ReviewDocument.status == DONE, ReviewDocument.unit == values["unit"],
        ReviewDocument.year == values["year"], ReviewDocument.kind == values["kind"],
        ReviewBatch.organisation_id.is_(None) if organisation is None else ReviewBatch.organisation_id == organisation,
        ReviewDocument.finished_at <= values["finished_at"]).order_by(ReviewDocument.finished_at.desc()).limit(1))
