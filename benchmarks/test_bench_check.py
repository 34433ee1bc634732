"""Check time per seed document, parse excluded.

Run: bash scripts/bench.sh
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.rules import catalogue, check

SEEDS = sorted((Path(__file__).resolve().parent.parent / "samples" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_check_seed(benchmark, seed: Path) -> None:  # type: ignore[no-untyped-def]
    disclosure = parse(seed)
    rules = catalogue()
    benchmark(lambda: check(disclosure, rules))
