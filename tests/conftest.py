"""Shared test material: the bundled seed documents, each parsed once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.model import Disclosure

from .postgres import db_url, postgres_server  # noqa: F401  (the corpus tests run on both backends)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))


@cache
def parsed(path: Path) -> Disclosure:
    return parse(path)


@pytest.fixture(params=SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def seed(request: pytest.FixtureRequest) -> Path:
    return request.param
