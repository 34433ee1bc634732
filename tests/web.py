"""The web application for the tests: a real server on a free loopback port, and helpers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from yusuan.web.app import Settings, create_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True, slots=True)
class Site:
    url: str
    app: FastAPI


@contextmanager
def running(settings: Settings) -> Iterator[Site]:
    """`yusuan serve` in a thread of the tests; yields its address and the application."""
    port = free_port()
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))  # the browser keeps its connections
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("服务没有启动")
        time.sleep(0.05)
    try:
        yield Site(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


PASSWORD = "测试口令-2026"


def account(engine: Any, name: str = "审核员甲", organisation: str = "甲市财政局", role: str = "审核员") -> Any:
    """An account in the store (its organisation made if new); its password is PASSWORD."""
    from yusuan.store.accounts import add_user

    return add_user(engine, name, organisation, role, PASSWORD)


def organisation_of(engine: Any, name: str) -> int:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from yusuan.store.accounts import Account

    with Session(engine) as session:
        return session.scalar(select(Account.organisation_id).where(Account.name == name))


def sign_in(client: Any, name: str, password: str = PASSWORD) -> Any:
    """Sign a test client in through the API, as a script would: the CSRF token from GET /api/session,
    the session cookie from POST /api/session; every later request of the client carries the token."""
    token = client.get("/api/session").json()["csrf_token"]
    response = client.post("/api/session", json={"name": name, "password": password},
                           headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def wait_batch(get: Any, batch_id: int, seconds: float = 60) -> dict[str, Any]:
    """The batch once every document is read (or failed)."""
    deadline = time.monotonic() + seconds
    while True:
        batch = get(f"/api/batches/{batch_id}").json()
        if batch["finished"] or time.monotonic() > deadline:
            return batch
        time.sleep(0.1)


def pdf_under_review(engine: Any, pdf: Path, seed: Path,
                     organisation: int | None = None) -> tuple[int, tuple[float, float, float, float]]:
    """A PDF under review whose findings (the seed's own) point at a box on its first page: the page
    viewer and the annotated PDF are tested whatever this build's PDF reader makes of the file.
    Returns the document (the organisation's upload) and the box (x0, top, x1, bottom in points from
    the top left)."""
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from yusuan.api import parse
    from yusuan.jsonout import to_dict
    from yusuan.report import finding_dict
    from yusuan.rules import check
    from yusuan.store.reviews import ReviewDocument
    from yusuan.web import pages, service
    from yusuan.web.intake import Group, Upload

    _, (document_id,) = service.create_batch(engine, [Group(pdf.name, [Upload(pdf.name, pdf.read_bytes())])],
                                             organisation=organisation)
    width, height = pages.sizes(pdf.read_bytes())[0]
    box = (width * 0.25, height * 0.5, width * 0.75, height * 0.6)
    disclosure = parse(seed)
    findings = [{**finding_dict(f), "id": n, "file": pdf.name, "page": 1, "bbox": list(box)}
                for n, f in enumerate(check(disclosure))]
    with Session(engine) as session, session.begin():
        session.execute(update(ReviewDocument).where(ReviewDocument.id == document_id).values(
            status="done", disclosure=to_dict(disclosure), findings=findings, errors=len(findings)))
    return document_id, box
