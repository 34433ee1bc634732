"""The API fuzzed from its own OpenAPI schema (schemathesis): whatever is sent, no server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from yusuan.web.app import Settings, create_app

from .conftest import SEEDS

_FOLDER = Path(tempfile.mkdtemp(prefix="yusuan-fuzz-"))
app = create_app(Settings(db=str(_FOLDER / "fuzz.sqlite"), workers=0))
# a document and a batch to find, besides the ids the fuzzer makes up
_, _ids = __import__("yusuan.web.service", fromlist=["create_batch"]).create_batch(
    app.state.engine, [__import__("yusuan.web.intake", fromlist=["Group"]).Group(
        SEEDS[0].name, [__import__("yusuan.web.intake", fromlist=["Upload"]).Upload(SEEDS[0].name,
                                                                                  SEEDS[0].read_bytes())])])
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app).exclude(path_regex=r"export\.")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
