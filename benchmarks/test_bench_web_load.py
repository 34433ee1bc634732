"""A bounded load test on loopback: 50 concurrent clients browsing units, a unit's years (with its
chart), documents under review and the API, over a corpus generated from the seeds.

Run: bash scripts/bench.sh -k load -s   (prints p50/p95 and the upload-to-findings time;
YUSUAN_LOAD_DOCUMENTS sets the corpus size; YUSUAN_LOAD_DB names a corpus database to make once
and use again, since ingesting thousands of documents takes a while)
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
from yusuan.api import parse
from yusuan.store.ingest import ingest
from yusuan.web.app import Settings

CLIENTS, REQUESTS = 50, 20  # per client
DOCUMENTS = int(os.environ.get("YUSUAN_LOAD_DOCUMENTS", "2000"))


async def _client(client: httpx.AsyncClient, paths: list[str], offset: int, times: list[float]) -> None:
    for n in range(REQUESTS):
        began = time.perf_counter()
        response = await client.get(paths[(offset + n) % len(paths)])
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.text[:200]


def _upload_to_findings(client: httpx.Client, document: Path) -> tuple[float, int]:
    """Seconds from sending one text document to its page with its findings, as a reviewer's
    browser gets it (the batch page polls; here the API is asked every 20 ms)."""
    began = time.perf_counter()
    batch = client.post("/api/batches", files=[("files", (document.name, document.read_bytes()))]).json()["batch"]
    while not (state := client.get(f"/api/batches/{batch}").json())["finished"]:
        time.sleep(0.02)
    page = client.get(f"/review/documents/{state['documents'][0]['id']}")
    assert page.status_code == 200
    return time.perf_counter() - began, page.text.count('class="finding sev-')


def test_load(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = os.environ.get("YUSUAN_LOAD_DB") or str(tmp_path / "load.sqlite")
    folder = Path(db).parent / "load-corpus"
    if not folder.exists():
        folder.mkdir()
        for variant in variants.variants(DOCUMENTS):
            variants.write(variant, folder)
    if not Path(db).exists():
        ingest([folder], db, workers=2)
    with running(Settings(db=db, workers=1)) as site, httpx.Client(base_url=site.url, timeout=60) as client:
        sign_in(client, account(site.app.state.engine).name)  # one reviewer's session, shared by the clients
        batch = client.post("/api/batches", files=[("files", (p.name, p.read_bytes())) for p in
                                                   sorted(folder.iterdir())[:10]]).json()["batch"]
        while not client.get(f"/api/batches/{batch}").json()["finished"]:
            time.sleep(0.1)
        units = client.get("/api/units").json()["units"]
        documents = [d["id"] for d in client.get(f"/api/batches/{batch}").json()["documents"]]
        paths = ["/data/units", "/data/units?level=省级", "/data/findings", "/data/peers?year=2024",
                 "/api/peers?level=县级"]
        paths += [f"/data/units/{u['id']}" for u in units[:20]]
        paths += [f"/review/documents/{d}" for d in documents] + [f"/api/units/{u['id']}" for u in units[:5]]
        for path in paths:  # a server that has been up a while: each page asked for once before
            assert client.get(path).status_code == 200
        times: list[float] = []
        cpu = time.process_time()

        def run() -> None:
            asyncio.run(_gather(site.url, paths, times, client.cookies))

        benchmark.pedantic(run, rounds=1, iterations=1)
        cpu = time.process_time() - cpu  # the server's and the clients' (one process)
        fresh = tmp_path / "新上传.txt"  # content no batch has had
        seed = variants.SEEDS[0]
        fresh.write_text(seed.read_text(encoding="utf-8").replace(parse(seed).unit, f"新上传测试局{time.time_ns()}"),
                         encoding="utf-8")
        uploaded, shown = _upload_to_findings(client, fresh)
        stored = client.get("/api/peers").json()["count"]
    times.sort()
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95)]
    benchmark.extra_info.update(requests=len(times), p50_ms=round(p50 * 1000, 1), p95_ms=round(p95 * 1000, 1),
                                documents=stored, upload_to_findings_ms=round(uploaded * 1000),
                                cpu_ms_per_request=round(cpu / len(times) * 1000, 1))
    print(f"\n{len(times)} 次请求（{CLIENTS} 个并发客户端，语料库 {stored} 份）：p50 {p50 * 1000:.1f} ms，"
          f"p95 {p95 * 1000:.1f} ms；每次请求 CPU {cpu / len(times) * 1000:.1f} ms（服务端与客户端合计）；"
          f"上传一份文本文件到其 {shown} 条问题显示：{uploaded * 1000:.0f} ms")


async def _gather(base: str, paths: list[str], times: list[float], cookies: httpx.Cookies) -> None:
    # one connection per client; a connection idle for a while is not used again (the server may be
    # closing it: keep-alive 5 s)
    limits = httpx.Limits(max_connections=CLIENTS, keepalive_expiry=2)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, cookies=cookies) as client:
        await asyncio.gather(*(_client(client, paths, n, times) for n in range(CLIENTS)))
