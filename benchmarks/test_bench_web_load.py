"""A bounded load test on loopback: 50 concurrent clients browsing units, a unit's years (with its
chart), documents under review and the API, over a corpus generated from the seeds.

Run: bash scripts/bench.sh -k load -s   (prints p50/p95; YUSUAN_LOAD_DOCUMENTS sets the corpus size)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path

import httpx

from tests import variants
from tests.web import account, running, sign_in
from yusuan.store.ingest import ingest
from yusuan.web.app import Settings

CLIENTS, REQUESTS = 50, 20  # per client
DOCUMENTS = int(os.environ.get("YUSUAN_LOAD_DOCUMENTS", "400"))


async def _client(base: str, paths: list[str], offset: int, times: list[float], cookies: httpx.Cookies) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60, cookies=cookies) as client:
        for n in range(REQUESTS):
            began = time.perf_counter()
            response = await client.get(paths[(offset + n) % len(paths)])
            times.append(time.perf_counter() - began)
            assert response.status_code == 200, response.text[:200]


def test_load(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for variant in variants.variants(DOCUMENTS):
        variants.write(variant, folder)
    db = str(tmp_path / "load.sqlite")
    ingest([folder], db, workers=2)
    with running(Settings(db=db, workers=1)) as site, httpx.Client(base_url=site.url, timeout=60) as client:
        sign_in(client, account(site.app.state.engine).name)  # one reviewer's session, shared by the clients
        batch = client.post("/api/batches", files=[("files", (p.name, p.read_bytes())) for p in
                                                   sorted(folder.iterdir())[:10]]).json()["batch"]
        while not client.get(f"/api/batches/{batch}").json()["finished"]:
            time.sleep(0.1)
        units = client.get("/api/units").json()["units"]
        documents = [d["id"] for d in client.get(f"/api/batches/{batch}").json()["documents"]]
        paths = ["/data/units", "/data/units?level=省级", "/data/findings"]
        paths += [f"/data/units/{u['id']}" for u in units[:20]]
        paths += [f"/review/documents/{d}" for d in documents] + [f"/api/units/{u['id']}" for u in units[:5]]
        times: list[float] = []

        def run() -> None:
            asyncio.run(_gather(site.url, paths, times, client.cookies))

        benchmark.pedantic(run, rounds=1, iterations=1)
    times.sort()
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95)]
    benchmark.extra_info.update(requests=len(times), p50_ms=round(p50 * 1000, 1), p95_ms=round(p95 * 1000, 1),
                                documents=DOCUMENTS)
    print(f"\n{len(times)} 次请求（{CLIENTS} 个并发客户端，语料库 {DOCUMENTS} 份）：p50 {p50 * 1000:.1f} ms，"
          f"p95 {p95 * 1000:.1f} ms")


async def _gather(base: str, paths: list[str], times: list[float], cookies: httpx.Cookies) -> None:
    await asyncio.gather(*(_client(base, paths, n, times, cookies) for n in range(CLIENTS)))



