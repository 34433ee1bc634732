"""The library's front door: read a file into a disclosure."""

from __future__ import annotations

from pathlib import Path

from .model import Disclosure
from .readers import read
from .recovery import recover


def parse(path: str | Path) -> Disclosure:
    """Read and recover one disclosure; raises YusuanError (in Chinese) if it cannot."""
    return recover(read(Path(path)))
