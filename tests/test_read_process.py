"""Reading as a process sees it: the same document reads the same in every process, and the
cyclic collector paused while a document is read is left as it was found."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.errors import YusuanError

from .conftest import SEEDS

_SOURCE = ("import sys; from yusuan.api import parse; m = parse(sys.argv[1]).matters; "
           "print(m.procurement.total, m.procurement.source.line)")


def test_matters_source_same_in_every_process() -> None:
    """A seed's procurement figures point at one line whatever the process's string hashing
    (they once pointed at whichever figure a set happened to yield first)."""
    seed = next(path for path in SEEDS if parse(path).matters.procurement.total is not None)
    seen = set()
    for hash_seed in ("1", "2", "3", "4"):
        out = subprocess.run([sys.executable, "-c", _SOURCE, str(seed)], capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})
        seen.add(out.stdout.strip())
    assert len(seen) == 1
    total, line = seen.pop().split()
    disclosure = parse(seed)
    assert total == str(disclosure.matters.procurement.total)
    assert int(line) == disclosure.matters.procurement.source.line  # type: ignore[union-attr]


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_left_as_found(enabled: bool, tmp_path: Path) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert parse(SEEDS[1]).tables
        assert gc.isenabled() is enabled
        broken = tmp_path / "broken.pdf"
        broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 100)
        with pytest.raises(YusuanError):
            parse(broken)
        assert gc.isenabled() is enabled  # after a refusal too
    finally:
        gc.enable() if was else gc.disable()
