"""A bounded load test on loopback: 50 concurrent clients browsing the corpus (units, a unit's
years with its charts, peers, findings by rule), documents under review and the charts' JSON,
over a corpus generated from the seeds; then the time from uploading one text document to its
page with its findings.

The server is `yusuan serve` in its own processes (as deployed: --processes, uvicorn); the
clients are one asyncio process here (aiohttp, one connection each), so the figures are
the server's and the two share the machine's cores. The 50 clients are modelled twice:
- closed loop: each client asks for its next page as soon as the last has come (the most the
  server can be asked; by Little's law a page then takes about 50 / throughput);
- browsing: each client waits a think time between pages (uniform 0.5–1.5 s, 1 s on average, as a
  person reads a page; the first page after 0–1.5 s), so about 45 pages a second are asked and a
  page's time is the server's own.
Each page is timed from sending the request to its last byte (its scripts and styles are cached
by a browser: long-lived, versioned or with ETags).

Run: bash scripts/bench.sh -k load -s   (prints the tables; YUSUAN_LOAD_DOCUMENTS sets the corpus
size, YUSUAN_LOAD_DB names a corpus database to make once and use again since ingesting thousands
of documents takes a while, YUSUAN_LOAD_PROCESSES the server's processes)
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import httpx
import uvloop
from sqlalchemy import select

from tests import variants
from tests.web import PASSWORD, free_port, sign_in
from yusuan.api import parse
from yusuan.store.accounts import Account, add_user
from yusuan.store.database import open_engine
from yusuan.store.ingest import ingest

CLIENTS = 50
CLOSED_PAGES, BROWSING_PAGES = 30, 12  # per client: 1,500 and 600 requests
THINK = (0.5, 1.5)  # seconds between a browsing client's pages
DEADLINE = 180.0  # seconds for each run at most: the test is bounded in time as in requests
DOCUMENTS = int(os.environ.get("YUSUAN_LOAD_DOCUMENTS", "2000"))
PROCESSES = int(os.environ.get("YUSUAN_LOAD_PROCESSES", "2"))  # as many as cores
USER = "压测审核员"


def _server_cpu(pid: int) -> float:
    """CPU seconds of the server process and its children (uvicorn's workers, the readers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                children = task / "children"
                todo += [int(c) for c in children.read_text().split()] if children.exists() else []
        except (OSError, ValueError):
            continue
    return total


@contextmanager
def _serving(db: str) -> Iterator[tuple[str, int]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "serve", "--db", db, "--port", str(port),
                               "--processes", str(PROCESSES)])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # each process imports the readers and the rules: slow on a busy machine
        while True:
            try:
                if httpx.get(f"{url}/api/session", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("服务没有启动")
            time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _pages(client: httpx.Client, documents: list[int]) -> dict[str, list[str]]:
    """What the clients browse, by kind of page."""
    units = client.get("/api/units").json()["units"]
    chosen = units[:: max(1, len(units) // 200)]  # 200 units across the corpus
    return {
        "单位列表": ["/data/units", "/data/units?level=省级", "/data/units?year=2024", "/data/units?q=县",
                 "/data/units?kind=部门预算&year=2023"],
        "单位历年": [f"/data/units/{u['id']}" for u in chosen],
        "图表 JSON": [f"/api/units/{u['id']}" for u in chosen] + ["/api/peers?level=县级", "/api/peers?year=2024"],
        "同类比较": ["/data/peers?year=2024", "/data/peers?level=县级&sort=-sangong_per_staff", "/data/peers"],
        "问题分布": ["/data/findings", "/data/findings?year=2024"],
        "审核文件": [f"/review/documents/{d}" for d in documents],
    }


# a visit: the kinds of page a client goes through, in turn (the corpus mostly, and the documents)
VISIT = ("单位列表", "单位历年", "图表 JSON", "审核文件", "单位历年", "同类比较", "图表 JSON", "问题分布", "单位历年",
         "审核文件")


async def _client(session: aiohttp.ClientSession, pages: dict[str, list[str]], number: int, count: int,
                  think: bool, times: list[tuple[str, float]], deadline: float) -> None:
    chance = random.Random(number)
    if think:  # people do not all open their first page at the same instant
        await asyncio.sleep(chance.uniform(0, THINK[1]))
    for n in range(count):
        if time.monotonic() > deadline:
            return
        kind = VISIT[(number + n) % len(VISIT)]
        path = chance.choice(pages[kind])
        began = time.perf_counter()
        async with session.get(path) as response:
            body = await response.read()
        times.append((kind, time.perf_counter() - began))
        assert response.status == 200, (path, response.status, body[:200])
        if think:
            await asyncio.sleep(chance.uniform(*THINK))


async def _run(url: str, cookies: dict[str, str], pages: dict[str, list[str]], count: int,
               think: bool) -> list[tuple[str, float]]:
    """The clients: aiohttp (its parser in C) on uvloop, so that a request costs the clients little
    of the cores they share with the server."""
    times: list[tuple[str, float]] = []
    connector = aiohttp.TCPConnector(limit=CLIENTS)  # a connection each, kept alive
    async with aiohttp.ClientSession(url, connector=connector, cookies=cookies,
                                     timeout=aiohttp.ClientTimeout(total=60)) as session:
        deadline = time.monotonic() + DEADLINE
        await asyncio.gather(*(_client(session, pages, n, count, think, times, deadline) for n in range(CLIENTS)))
    return times


async def _warm(url: str, cookies: dict[str, str], paths: list[str]) -> None:
    """A server that has been up a while: each page asked for before, on as many connections as the
    clients use, so that every process of the server has been asked (each keeps its own caches)."""
    async def ask(session: aiohttp.ClientSession, path: str) -> None:
        async with session.get(path) as response:
            assert response.status == 200, path
            await response.read()

    async with aiohttp.ClientSession(url, connector=aiohttp.TCPConnector(limit=CLIENTS), cookies=cookies) as session:
        for _ in range(3):
            await asyncio.gather(*(ask(session, path) for path in paths))


def _quantiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times) * 1000, times[min(len(times) - 1, int(len(times) * 0.95))] * 1000


def _table(title: str, times: list[tuple[str, float]], seconds: float, server: float, client: float) -> str:
    lines = [f"{title}：{len(times)} 次请求，{seconds:.1f} 秒（每秒 {len(times) / seconds:.0f} 次）；"
             f"每次请求 CPU：服务端 {server / len(times) * 1000:.1f} ms，客户端 {client / len(times) * 1000:.1f} ms",
             f"  {'页面':<10}{'次数':>6}{'p50 ms':>9}{'p95 ms':>9}"]
    for kind in [None, *dict.fromkeys(k for k, _ in times)]:
        chosen = [t for k, t in times if kind is None or k == kind]
        p50, p95 = _quantiles(chosen)
        lines.append(f"  {kind or '全部':<10}{len(chosen):>6}{p50:>9.1f}{p95:>9.1f}")
    return "\n".join(lines)


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


def _corpus(db: str) -> Path:
    folder = Path(db).parent / "load-corpus"
    if not folder.exists():
        folder.mkdir()
        for variant in variants.variants(DOCUMENTS):
            variants.write(variant, folder)
    if not Path(db).exists():
        ingest([folder], db, workers=2)
    engine, _ = open_engine(db)
    with engine.connect() as connection:
        if connection.scalar(select(Account.id).where(Account.name == USER)) is None:
            add_user(engine, USER, "压测财政局", "审核员", PASSWORD)
    engine.dispose()
    return folder


def test_load(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = os.environ.get("YUSUAN_LOAD_DB") or str(tmp_path / "load.sqlite")
    folder = _corpus(db)
    with _serving(db) as (url, pid), httpx.Client(base_url=url, timeout=60) as client:
        sign_in(client, USER)  # one reviewer's session, shared by the clients
        batch = client.post("/api/batches", files=[("files", (p.name, p.read_bytes())) for p in
                                                   sorted(folder.iterdir())[:10]]).json()["batch"]
        while not (state := client.get(f"/api/batches/{batch}").json())["finished"]:
            time.sleep(0.1)
        pages = _pages(client, [d["id"] for d in state["documents"]])
        every = [path for paths in pages.values() for path in paths]
        uvloop.run(_warm(url, dict(client.cookies), every))
        report = []
        for title, count, think in (("闭环（每个客户端上一页返回即请求下一页）", CLOSED_PAGES, False),
                                    (f"浏览（每页之间停 {THINK[0]}–{THINK[1]} 秒）", BROWSING_PAGES, True)):
            server, mine, began = _server_cpu(pid), time.process_time(), time.perf_counter()
            times = uvloop.run(_run(url, dict(client.cookies), pages, count, think))
            seconds = time.perf_counter() - began
            report.append(_table(title, times, seconds, _server_cpu(pid) - server, time.process_time() - mine))
            p50, p95 = _quantiles([t for _, t in times])
            benchmark.extra_info.update({f"{'browsing' if think else 'closed'}_p50_ms": round(p50, 1),
                                         f"{'browsing' if think else 'closed'}_p95_ms": round(p95, 1)})
        fresh = tmp_path / "新上传.txt"  # content no batch has had
        seed = variants.SEEDS[0]
        fresh.write_text(seed.read_text(encoding="utf-8").replace(parse(seed).unit, f"新上传测试局{time.time_ns()}"),
                         encoding="utf-8")
        uploaded, shown = benchmark.pedantic(lambda: _upload_to_findings(client, fresh), rounds=1, iterations=1)
        stored = client.get("/api/peers").json()["count"]
    benchmark.extra_info.update(documents=stored, processes=PROCESSES, upload_to_findings_ms=round(uploaded * 1000))
    print(f"\n语料库 {stored} 份文件，{CLIENTS} 个并发客户端，服务进程 {PROCESSES} 个")
    print("\n".join(report))
    print(f"上传一份文本文件到其页面显示 {shown} 条问题：{uploaded * 1000:.0f} ms")
