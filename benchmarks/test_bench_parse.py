"""Parse time per seed document: read the text and recover the whole disclosure.

Run: bash scripts/bench.sh   (pytest-benchmark; one core, median per document)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.readers import read
from yusuan.recovery import recover

SEEDS = sorted((Path(__file__).resolve().parent.parent / "samples" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_parse_seed(benchmark, seed: Path) -> None:  # type: ignore[no-untyped-def]
    disclosure = benchmark(lambda: recover(read(seed)))
    assert disclosure.tables["T1"].present
