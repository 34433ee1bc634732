"""The library's front door: read a file into a disclosure."""

from __future__ import annotations

from pathlib import Path

from .model import Disclosure
from .readers import read
from .recovery import recover


def parse(path: str | Path) -> Disclosure:
    """Read and recover one disclosure; raises YusuanError (in Chinese) if it cannot. yusuan's own
    workbook (`yusuan template`, or `write … -o .xlsx`) is read as the data it holds."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx" and path.is_file():
        from .writing.workbook_read import is_workbook, read_workbook

        if is_workbook(path):
            return read_workbook(path)[0]
    return recover(read(path))
