"""Writing a seed-sized disclosure (seed 000: eleven tables, 20 pages) to PDF, and to Word and the
workbook for comparison; the disclosure is read once, outside the timing. Aim: PDF under 2 s
(Typst: about 0.2-0.4 s of CPU without charts; WeasyPrint, used before, took about 3 s).

Run: bash scripts/bench.sh -k write --benchmark-timer=time.process_time
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.writing import write

SEED = sorted((Path(__file__).resolve().parent.parent / "samples" / "seeds").glob("*.txt"))[0]


@pytest.mark.parametrize(("suffix", "charts"), [(".pdf", False), (".pdf", True), (".docx", True), (".xlsx", False)],
                         ids=["pdf", "pdf-charts", "docx-charts", "xlsx"])
def test_write_seed(benchmark, tmp_path: Path, suffix: str, charts: bool) -> None:  # type: ignore[no-untyped-def]
    disclosure = parse(SEED)
    out = tmp_path / f"公开{suffix}"
    benchmark.pedantic(lambda: write(disclosure, out, charts=charts), rounds=3, warmup_rounds=1)
    assert out.stat().st_size > 10_000
