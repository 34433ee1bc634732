"""The API fuzzed from its own OpenAPI schema (schemathesis): whatever is sent, no server error.
Signed in as an organisation's administrator, with the CSRF header, so the calls reach the routes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from yusuan.web.app import Settings, create_app
from yusuan.web.auth import CSRF_HEADER, SESSION_COOKIE
from yusuan.web.intake import Group, Upload
from yusuan.web.service import create_batch

from .conftest import SEEDS
from .web import account, sign_in

app = create_app(Settings(db=str(Path(tempfile.mkdtemp(prefix="yusuan-fuzz-")) / "fuzz.sqlite"), workers=0))
admin = account(app.state.engine, "管理员", role="管理员")
account(app.state.engine, "审核员")  # a user the administrator may be asked to remove
# a batch and a document to find, besides the ids the fuzzer makes up
create_batch(app.state.engine, [Group(SEEDS[0].name, [Upload(SEEDS[0].name, SEEDS[0].read_bytes())])],
             organisation=admin.organisation_id)
signed = sign_in(TestClient(app), admin.name)
COOKIES = {SESSION_COOKIE: signed.cookies[SESSION_COOKIE]}
HEADERS = {CSRF_HEADER: signed.headers[CSRF_HEADER]}
# exports convert with LibreOffice: seconds each, tested on their own; signing out would end the run
schema = (schemathesis.openapi.from_asgi("/api/openapi.json", app, cookies=COOKIES)
          .exclude(path_regex=r"export\.").exclude(method="DELETE", path="/api/session"))


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    response = case.call_and_validate(headers=HEADERS, cookies=COOKIES, checks=[not_a_server_error])
    assert "请先登录" not in response.text and "防伪令牌" not in response.text  # the calls reach the routes
