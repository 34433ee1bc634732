"""Shared test material: the bundled seed documents, each parsed once."""

from __future__ import annotations

from collections.abc import Callable
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


REAL = Path(__file__).resolve().parent / "data" / "real"


@pytest.fixture(scope="session")
def real_pdf() -> Callable[..., Disclosure]:
    """Real published PDFs (tests/data/real), each disclosure parsed once per session; several
    names are the files of one disclosure."""
    from yusuan.api import parse_together

    @cache
    def read(*names: str) -> Disclosure:
        paths = [REAL / name for name in names]
        return parse(paths[0]) if len(paths) == 1 else parse_together(paths)

    return read
