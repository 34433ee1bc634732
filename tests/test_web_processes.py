"""`yusuan serve --processes 2`: several server processes on one database agree — what one is
asked after an ingest shows it, whichever process answers, and an upload is read once."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from yusuan.store.ingest import ingest

from . import variants
from .web import free_port


def _start(db: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "serve", "--db", db, "--port", str(port),
                               "--processes", "2", "--local"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # two processes importing everything, on a busy machine
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline and server.poll() is None, "服务没有启动"
        time.sleep(0.3)


def test_processes_agree(db_url: str, tmp_path: Path) -> None:
    made = list(variants.variants(6))
    first, later = tmp_path / "first", tmp_path / "later"
    for folder, chosen in ((first, made[:3]), (later, made[3:])):
        folder.mkdir()
        for variant in chosen:
            variants.write(variant, folder)
    ingest([first], db_url)
    port = free_port()
    server = _start(db_url, port)
    # connections of their own: each is accepted by one process or the other
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) for _ in range(8)]
    try:
        def documents(client: httpx.Client) -> int:
            return sum(u["documents"] for u in client.get("/api/units").json()["units"])

        def table(client: httpx.Client) -> str:  # the units page's list, as every process renders it
            return re.search(r'<table class="list" id="units">.*?</table>', client.get("/data/units").text, re.S)[0]

        assert {documents(c) for c in clients} == {3}
        before = {table(c) for c in clients}
        ingest([later], db_url)  # beside the server, as `yusuan ingest` would be
        assert {documents(c) for c in clients} == {6}
        after = {table(c) for c in clients}
        assert len(before) == len(after) == 1 and before != after

        client = clients[0]
        client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
        seed = variants.SEEDS[0]
        batch = client.post("/api/batches", files=[("files", (seed.name, seed.read_bytes()))]).json()["batch"]
        deadline = time.monotonic() + 120
        while not (state := client.get(f"/api/batches/{batch}").json())["finished"]:
            assert time.monotonic() < deadline, "上传的文件没有读完"
            time.sleep(0.2)
        document = state["documents"][0]
        assert document["status"] == "done" and document["errors"] + document["warnings"] + document["notices"] > 0
        for other in clients:  # its page from either process, with its findings
            assert 'class="finding sev-' in other.get(f"/review/documents/{document['id']}").text
    finally:
        for client in clients:
            client.close()
        server.terminate()
        server.wait(timeout=30)
