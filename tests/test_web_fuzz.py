"""The API fuzzed from its own OpenAPI schema (schemathesis): whatever is sent, no server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from yusuan.web.app import Settings, create_app
from yusuan.web.intake import Group, Upload
from yusuan.web.service import create_batch

from .conftest import SEEDS

app = create_app(Settings(db=str(Path(tempfile.mkdtemp(prefix="yusuan-fuzz-")) / "fuzz.sqlite"), workers=0))
# a batch and a document to find, besides the ids the fuzzer makes up
create_batch(app.state.engine, [Group(SEEDS[0].name, [Upload(SEEDS[0].name, SEEDS[0].read_bytes())])])
# exports convert with LibreOffice: seconds each, tested on their own
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app).exclude(path_regex=r"export\.")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
