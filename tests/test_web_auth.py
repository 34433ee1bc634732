"""Accounts and security of the web application, on SQLite and PostgreSQL: nothing without signing in
(but with --local), each organisation sees only its own uploads, CSRF tokens on every change, 只读
reads only, passwords and session tokens never stored in clear."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.cli import main
from yusuan.store.accounts import Account, AccountSession
from yusuan.web import accounts, api_docs, data, review
from yusuan.web.app import Settings, create_app
from yusuan.web.auth import CSRF_HEADER, SESSION_COOKIE

from .conftest import SEEDS
from .web import PASSWORD, account, sign_in, wait_batch

SEED = SEEDS[2]
ROUTERS = [module.pages for module in (accounts, data, review)] + [
    module.api for module in (accounts, data, review)] + [api_docs.router]  # every route the application has


@pytest.fixture
def app(db_url: str) -> Iterator[FastAPI]:
    made = create_app(Settings(db=db_url, workers=0))
    with TestClient(made):  # the application's lifespan: its reading threads
        yield made


def client_of(app: FastAPI, name: str, password: str = PASSWORD) -> TestClient:
    return sign_in(TestClient(app), name, password)


def uploaded(client: TestClient, seed: Path = SEED, name: str | None = None) -> dict:
    response = client.post("/api/batches", files=[("files", (name or seed.name, seed.read_bytes()))])
    assert response.status_code == 201, response.text
    return wait_batch(client.get, response.json()["batch"])


def form_token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page).group(1)


def test_nothing_without_signing_in(app: FastAPI) -> None:
    """Every route the application has (whatever is added later), called without a session."""
    anonymous = TestClient(app)
    routes = [(method, route.path) for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)
              for method in route.methods] + [("GET", "/api/openapi.json"), ("GET", "/")]
    assert len(routes) > 20
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = anonymous.request(method, url, follow_redirects=False)
        if path in ("/login", "/api/session"):
            assert response.status_code in (200, 204, 401, 403, 422), (method, path)
            continue
        if url.startswith("/api/"):
            assert response.status_code == 401 and response.json()["detail"].startswith("请先登录"), (method, path)
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/login?next="), (method, path)
    assert anonymous.get("/static/app.js").status_code == 200
    garbled = TestClient(app, headers={"cookie": f'{SESSION_COOKIE}="x; ;;=; \x7f=1'})
    assert garbled.get("/api/batches").status_code == 401  # a malformed cookie is no session, and no error
    page = anonymous.get("/review/batches/1?sort=errors")  # followed to the sign-in page, which knows the way back
    assert page.url.path == "/login" and 'name="next" value="/review/batches/1?sort=errors"' in page.text


def test_every_change_needs_the_token(app: FastAPI) -> None:
    """Every state-changing route the application has, called signed in but without the CSRF token."""
    client = client_of(app, account(app.state.engine, "管理员甲", role="管理员").name)
    token = client.headers.pop(CSRF_HEADER)
    changes = [(method, route.path) for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)
               for method in route.methods if method not in ("GET", "HEAD")]
    assert len(changes) >= 8
    for method, path in changes:
        response = client.request(method, re.sub(r"\{[^}]+\}", "1", path), follow_redirects=False)
        assert response.status_code == 403 and "防伪令牌" in response.text, (method, path)
    assert client.get("/api/session").json()["csrf_token"] == token  # and the session is still there


def test_sign_in_page_and_wrong_password(app: FastAPI) -> None:
    account(app.state.engine)
    browser = TestClient(app)
    page = browser.get("/login")
    assert page.status_code == 200 and "<h1>登录</h1>" in page.text
    token = form_token(page.text)
    for name, password in (("审核员甲", "错误的密码"), ("没有这个人", PASSWORD)):
        wrong = browser.post("/login", data={"name": name, "password": password, "csrf_token": token})
        assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
        assert SESSION_COOKIE not in browser.cookies
    refused = browser.post("/login", data={"name": "审核员甲", "password": PASSWORD})  # no token
    assert refused.status_code == 403 and "防伪令牌" in refused.text and SESSION_COOKIE not in browser.cookies
    right = browser.post("/login", data={"name": "审核员甲", "password": PASSWORD, "csrf_token": token,
                                         "next": "//elsewhere.example/"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/review"  # never to another site
    assert "审核员甲" in browser.get("/review").text
    api = TestClient(app)
    token = api.get("/api/session").json()["csrf_token"]
    answer = api.post("/api/session", json={"name": "审核员甲", "password": "x"}, headers={CSRF_HEADER: token})
    assert answer.status_code == 401 and answer.json()["detail"] == "用户名或密码不正确"
    for _ in range(4):  # five wrong in a row from one address: that name waits there
        api.post("/api/session", json={"name": "审核员甲", "password": "x"}, headers={CSRF_HEADER: token})
    waiting = api.post("/api/session", json={"name": "审核员甲", "password": PASSWORD}, headers={CSRF_HEADER: token})
    assert waiting.status_code == 429 and "连续输错 5 次，请 5 分钟后再试" in waiting.json()["detail"]
    account(app.state.engine, "审核员乙")
    assert api.post("/api/session", json={"name": "审核员乙", "password": PASSWORD},
                    headers={CSRF_HEADER: token}).status_code == 200
    assert browser.get("/review").status_code == 200  # signed in before: still signed in
    assert browser.get("/review").headers["x-frame-options"] == "DENY"


def test_cookies_and_stored_secrets(app: FastAPI, db_url: str) -> None:
    reviewer = account(app.state.engine)
    client = client_of(app, reviewer.name)
    response = client.get("/api/session")
    assert response.json()["user"] == {"name": "审核员甲", "role": "审核员", "organisation": "甲市财政局"}
    plain = TestClient(app)
    token = plain.get("/api/session").json()["csrf_token"]
    header = plain.post("/api/session", json={"name": reviewer.name, "password": PASSWORD},
                        headers={CSRF_HEADER: token}).headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=lax" in header and "Secure" not in header
    secure = TestClient(app, base_url="https://testserver")
    token = secure.get("/api/session").json()["csrf_token"]
    header = secure.post("/api/session", json={"name": reviewer.name, "password": PASSWORD},
                         headers={CSRF_HEADER: token}).headers["set-cookie"]
    assert "Secure" in header and "HttpOnly" in header
    session_token = client.cookies[SESSION_COOKIE]
    with Session(app.state.engine) as session:
        stored = session.scalar(select(Account.password_hash).where(Account.name == reviewer.name))
        sessions = list(session.scalars(select(AccountSession.id)))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert sessions and session_token not in sessions  # only the token's hash is kept
    again = create_app(Settings(db=db_url, workers=0))  # a restart: the same secret, the session lasts
    assert again.state.secret == app.state.secret and len(app.state.secret) == 32
    restarted = TestClient(again, cookies={SESSION_COOKIE: session_token},
                           headers={CSRF_HEADER: client.headers[CSRF_HEADER]})
    assert restarted.get("/api/session").json()["user"]["name"] == reviewer.name
    assert restarted.put("/api/documents/1/findings/0", json={"verdict": ""}).status_code == 404  # token accepted


def test_sign_out_ends_the_session(app: FastAPI) -> None:
    reviewer = account(app.state.engine)
    client = client_of(app, reviewer.name)
    token = client.cookies[SESSION_COOKIE]
    page = client.get("/review").text
    assert client.post("/logout", data={"csrf_token": form_token(page)}).url.path == "/login"
    stolen = TestClient(app, cookies={SESSION_COOKIE: token})
    assert stolen.get("/api/batches").status_code == 401  # ended on the server, not only forgotten


def test_organisations_see_only_their_own(app: FastAPI) -> None:
    ours, theirs = account(app.state.engine, "审核员甲"), account(app.state.engine, "审核员乙", "乙县财政局")
    first, second = client_of(app, ours.name), client_of(app, theirs.name)
    batch = uploaded(first)
    document = batch["documents"][0]["id"]
    assert [b["id"] for b in first.get("/api/batches").json()] == [batch["id"]]
    assert second.get("/api/batches").json() == []
    assert f"批次 {batch['id']}" not in second.get("/review").text
    for path in (f"/api/batches/{batch['id']}", f"/review/batches/{batch['id']}", f"/api/documents/{document}",
                 f"/review/documents/{document}", f"/review/documents/{document}/export.docx",
                 f"/api/documents/{document}/export.xlsx", f"/api/batches/{batch['id']}/export.xlsx",
                 f"/review/batches/{batch['id']}/export.docx", f"/review/documents/{document}/files/0/pages/1.png",
                 f"/api/documents/{document}/files/0/annotated.pdf"):
        assert second.get(path).status_code == 404, path
        assert first.get(path).status_code in (200, 404), path
    assert first.get(f"/review/documents/{document}/export.docx").status_code == 200
    refused = second.put(f"/api/documents/{document}/findings/0", json={"verdict": "确认", "comment": "乙"})
    assert refused.status_code == 404 and refused.json()["detail"] == f"没有编号为 {document} 的文件"
    assert first.get(f"/api/documents/{document}").json()["findings"][0]["decision"] is None
    # the same unit's budget uploaded again: a new version of our review, but nothing of theirs
    again = uploaded(second)["documents"][0]["id"]
    assert second.get(f"/api/documents/{again}").json()["previous_id"] is None
    newer = uploaded(first)["documents"][0]["id"]
    assert first.get(f"/api/documents/{newer}").json()["previous_id"] == document
    for client in (first, second):  # published corpus data is for every signed-in user
        assert client.get("/api/units").status_code == 200 and client.get("/data/findings").status_code == 200


def test_forms_need_their_csrf_token(app: FastAPI) -> None:
    reviewer = account(app.state.engine)
    client = client_of(app, reviewer.name)
    document = uploaded(client)["documents"][0]["id"]
    del client.headers[CSRF_HEADER]  # from here on, as a browser posting forms
    page = client.get(f"/review/documents/{document}").text
    token = form_token(page)
    assert f'<meta name="csrf-token" content="{token}">' in page
    mark = f"/review/documents/{document}/findings/0"
    forged = client.post(mark, data={"verdict": "确认", "comment": "伪造"}, follow_redirects=False)
    assert forged.status_code == 403 and "防伪令牌" in forged.text
    wrong = client.post(mark, data={"verdict": "确认", "csrf_token": "0" * 64}, follow_redirects=False)
    assert wrong.status_code == 403
    assert client.get(f"/api/documents/{document}").json()["findings"][0]["decision"] is None
    ok = client.post(mark, data={"verdict": "确认", "comment": "请更正", "csrf_token": token}, follow_redirects=False)
    assert ok.status_code == 303
    assert client.get(f"/api/documents/{document}").json()["findings"][0]["decision"]["comment"] == "请更正"
    upload = client.post("/review", files=[("files", (SEED.name, SEED.read_bytes()))], follow_redirects=False)
    assert upload.status_code == 403 and len(client.get("/api/batches").json()) == 1
    upload = client.post("/review", files=[("files", (SEED.name, SEED.read_bytes()))],
                         data={"csrf_token": token}, follow_redirects=False)
    assert upload.status_code == 303 and len(client.get("/api/batches").json()) == 2
    assert client.put(f"/api/documents/{document}/findings/0", json={"verdict": "误报"}).status_code == 403
    other = client_of(app, account(app.state.engine, "审核员丙").name)  # one session's token is not another's
    assert client.put(f"/api/documents/{document}/findings/0", json={"verdict": "误报"},
                      headers={CSRF_HEADER: other.headers[CSRF_HEADER]}).status_code == 403


def test_reader_reads_but_cannot_mark_or_upload(app: FastAPI) -> None:
    reviewer = account(app.state.engine)
    reader = client_of(app, account(app.state.engine, "只读用户", role="只读").name)
    document = uploaded(client_of(app, reviewer.name))["documents"][0]["id"]
    page = reader.get(f"/review/documents/{document}")
    assert page.status_code == 200 and 'class="finding sev-' in page.text and ">保存</button>" not in page.text
    assert "上传并审核" not in reader.get("/review").text
    refused = reader.put(f"/api/documents/{document}/findings/0", json={"verdict": "确认", "comment": ""})
    assert refused.status_code == 403 and "只读" in refused.json()["detail"]
    assert reader.post("/api/batches", files=[("files", (SEED.name, SEED.read_bytes()))]).status_code == 403
    assert reader.get(f"/api/documents/{document}").json()["findings"][0]["decision"] is None
    assert reader.get(f"/api/documents/{document}/export.xlsx").status_code == 200


def test_administrator_manages_their_users(app: FastAPI) -> None:
    admin = client_of(app, account(app.state.engine, "管理员甲", role="管理员").name)
    elsewhere = account(app.state.engine, "审核员乙", "乙县财政局")
    made = admin.post("/api/users", json={"name": "新审核员", "password": "新的口令12345", "role": "审核员"})
    assert made.status_code == 201 and made.json()["organisation"] == "甲市财政局"
    assert {u["name"] for u in admin.get("/api/users").json()} == {"管理员甲", "新审核员"}
    newcomer = client_of(app, "新审核员", password="新的口令12345")
    assert newcomer.get("/api/users").status_code == 403
    assert "用户管理" not in newcomer.get("/review").text and "用户管理" in admin.get("/review").text
    short = admin.post("/api/users", json={"name": "短", "password": "1234567", "role": "审核员"})
    assert short.status_code == 422
    assert admin.delete(f"/api/users/{elsewhere.id}").status_code == 404  # not theirs
    assert admin.delete(f"/api/users/{made.json()['id']}").status_code == 204
    assert newcomer.get("/api/batches").status_code == 401  # their session went with them
    page = admin.get("/admin/users")
    assert page.status_code == 200 and "管理员甲" in page.text and "审核员乙" not in page.text


def test_local_mode_needs_no_account(tmp_path: Path) -> None:
    app = create_app(Settings(db=str(tmp_path / "local.sqlite"), workers=0, local=True))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/review").status_code == 200 and client.get("/api/openapi.json").status_code == 200
        assert client.get("/login", follow_redirects=False).status_code == 303
        token = client.get("/api/session").json()["csrf_token"]
        client.headers[CSRF_HEADER] = token
        document = uploaded(client)["documents"][0]["id"]
        assert client.put(f"/api/documents/{document}/findings/0", json={"verdict": "确认"}).status_code == 200
        forged = client.put(f"/api/documents/{document}/findings/0", json={"verdict": "误报"},
                            headers={CSRF_HEADER: ""})
        assert forged.status_code == 403  # a page elsewhere posting to this machine is still refused
        renamed = TestClient(app, base_url="http://attacker.example")  # a name rebound to 127.0.0.1
        answer = renamed.get("/api/batches")
        assert answer.status_code == 400 and "本机" in answer.text


def _yusuan(*arguments: str, stdin: str = "") -> Result:
    return CliRunner().invoke(main, list(arguments), input=stdin)


def test_user_command(db_url: str) -> None:
    empty = _yusuan("user", "list", "--db", db_url)
    assert empty.exit_code == 0 and "还没有用户" in empty.output
    refused = _yusuan("serve", "--db", db_url, "--port", "1")
    assert refused.exit_code != 0 and "yusuan user add" in refused.stderr and "Traceback" not in refused.stderr
    made = _yusuan("user", "add", "王五", "--org", "丙区财政局", "--role", "管理员", "--password-stdin", "--db",
                   db_url, stdin=PASSWORD + "\n")
    assert made.exit_code == 0 and "已添加用户“王五”（丙区财政局，管理员）" in made.output
    short = _yusuan("user", "add", "赵六", "--org", "丙区财政局", "--role", "只读", "--password-stdin", "--db",
                    db_url, stdin="1234\n")
    assert short.exit_code != 0 and "密码至少 8 个字符" in short.stderr
    twice = _yusuan("user", "add", "王五", "--org", "丙区财政局", "--role", "只读", "--password-stdin", "--db",
                    db_url, stdin=PASSWORD + "\n")
    assert twice.exit_code != 0 and "已存在" in twice.stderr
    listed = _yusuan("user", "list", "--db", db_url)
    assert listed.output.split("\t")[:3] == ["王五", "丙区财政局", "管理员"]
    app = create_app(Settings(db=db_url, workers=0))
    assert client_of(app, "王五").get("/api/session").json()["user"]["role"] == "管理员"
    typed = _yusuan("user", "passwd", "王五", "--db", db_url,
                    stdin="新的口令新的口令1\n不一样的口令\n新的口令新的口令2\n新的口令新的口令2\n")  # typed, not shown
    assert typed.exit_code == 0 and "两次输入的密码不一致" in typed.stderr and "新的口令" not in typed.output
    assert client_of(app, "王五", "新的口令新的口令2").get("/api/session").json()["user"]["name"] == "王五"


def test_local_serve_refuses_other_addresses(tmp_path: Path) -> None:
    refused = _yusuan("serve", "--local", "--host", "0.0.0.0", "--db", str(tmp_path / "x.sqlite"))
    assert refused.exit_code != 0 and "只能监听本机地址" in refused.stderr and "Traceback" not in refused.stderr
