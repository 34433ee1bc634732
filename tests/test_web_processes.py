"""`yusuan serve --processes 2`: several server processes on one database agree — what one is
asked after an ingest shows it, whichever process answers, and an upload is read once; a guesser
of passwords is refused after five tries whichever processes they were spread over."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select, update

from yusuan.store.accounts import SIGN_IN_WINDOW, SignInAttempts
from yusuan.store.database import open_engine
from yusuan.store.ingest import ingest

from . import variants
from .web import PASSWORD, account, free_port


def _start(db: str, port: int, *options: str) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "serve", "--db", db, "--port", str(port),
                               *(options or ("--processes", "2", "--local"))], stderr=subprocess.DEVNULL)
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


def _try(client: httpx.Client, name: str, password: str) -> httpx.Response:
    """A sign-in through the API, as a script would make it (its CSRF token first)."""
    token = client.get("/api/session").json()["csrf_token"]
    return client.post("/api/session", json={"name": name, "password": password}, headers={"X-CSRF-Token": token})


def test_sign_in_throttle_is_shared(db_url: str) -> None:
    """Two servers on one database, each its own process with its own memory: five wrong passwords
    for a name, spread over both, and the sixth try is refused by either; tries made all at once
    get no more; another name, and the name once its window has passed, sign in."""
    engine, _ = open_engine(db_url)
    for name in ("审核员甲", "审核员乙", "审核员丙"):
        account(engine, name)
    ports = [free_port(), free_port()]
    servers = [_start(db_url, port, "--processes", "1") for port in ports]
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) for port in ports]
    try:
        for attempt in range(5):  # one, two, one, two, one
            wrong = _try(clients[attempt % 2], "审核员甲", f"错误的密码{attempt}")
            assert wrong.status_code == 401 and wrong.json()["detail"] == "用户名或密码不正确"
        for client in clients:  # the right password too: the name waits, on both servers
            refused = _try(client, "审核员甲", PASSWORD)
            assert refused.status_code == 429, refused.text
            assert refused.json()["detail"] == "该用户的密码已连续输错 5 次，请 5 分钟后再试"
            assert "yusuan_session" not in client.cookies
        assert _try(clients[1], "审核员乙", PASSWORD).status_code == 200  # another name goes on

        with ThreadPoolExecutor(12) as pool:  # twelve tries at once, six on each server
            codes = sorted(pool.map(lambda n: _try(clients[n % 2], "审核员丙", "错误的密码").status_code, range(12)))
        assert codes == [401] * 5 + [429] * 7

        with engine.begin() as connection:  # the window passes
            connection.execute(update(SignInAttempts).values(
                started_at=SignInAttempts.started_at - SIGN_IN_WINDOW - timedelta(seconds=1)))
        signed = _try(clients[0], "审核员甲", PASSWORD)
        assert signed.status_code == 200 and signed.json()["user"]["name"] == "审核员甲"
        with engine.connect() as connection:  # the passed windows are gone, 审核员丙's with them
            assert connection.execute(select(SignInAttempts.name)).all() == []
        assert _try(clients[1], "审核员丙", PASSWORD).status_code == 200
    finally:
        for client in clients:
            client.close()
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        engine.dispose()
