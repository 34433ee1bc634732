"""The web application on loopback: upload-to-findings time of one text document, and page times.

Run: bash scripts/bench.sh -k web   (a real server, worker process warm, SQLite)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web import Site, account, running, sign_in
from yusuan.web.app import Settings

SEEDS = sorted((Path(__file__).resolve().parent.parent / "samples" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, httpx.Client]]:
    with running(Settings(db=str(tmp_path_factory.mktemp("web") / "web.sqlite"), workers=1)) as site, \
            httpx.Client(base_url=site.url, timeout=60) as client:
        sign_in(client, account(site.app.state.engine).name)  # every request below carries the session
        upload(client, SEEDS[2])  # the worker process warmed up
        yield site, client


def upload(client: httpx.Client, seed: Path) -> int:
    """Upload, then poll as the batch page does until the findings are there; the document's id."""
    batch = client.post("/api/batches", files=[("files", (seed.name, seed.read_bytes()))]).json()["batch"]
    while not (answer := client.get(f"/api/batches/{batch}").json())["finished"]:
        time.sleep(0.01)
    return answer["documents"][0]["id"]


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_upload_to_findings(benchmark, site, seed: Path) -> None:  # type: ignore[no-untyped-def]
    _, client = site
    benchmark.pedantic(upload, args=(client, seed), rounds=3, iterations=1)


@pytest.mark.parametrize("path", ["document", "batch", "api-document", "session"])
def test_page(benchmark, site, path: str) -> None:  # type: ignore[no-untyped-def]
    _, client = site
    document = upload(client, SEEDS[2])
    url = {"document": f"/review/documents/{document}", "batch": "/review/batches/1",
           "api-document": f"/api/documents/{document}", "session": "/api/session"}[path]  # session: the gate alone
    response = benchmark(client.get, url)
    assert response.status_code == 200


def test_document_first_render(benchmark, site) -> None:  # type: ignore[no-untyped-def]
    """A document's page as first asked for (its layout, charts and body made): what a reviewer
    waits for after an upload, and each server process once per document."""
    from yusuan.web import review

    _, client = site
    document = upload(client, SEEDS[2])
    response = benchmark.pedantic(client.get, args=(f"/review/documents/{document}",), setup=review._LAID.clear,
                                  rounds=20, iterations=1)
    assert response.status_code == 200 and 'class="finding sev-' in response.text
