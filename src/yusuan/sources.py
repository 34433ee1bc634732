"""What to ingest: files, folders (searched through) and .zip archives (their members)."""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Item:
    name: str  # as the user knows it: the path, or archive.zip/member
    path: str
    member: str | None = None  # inside the archive at `path`

    def data(self) -> bytes:
        if self.member is None:
            return Path(self.path).read_bytes()
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(self.member)


def _is_archive(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: archives made on Chinese Windows often carry GBK
    names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def _members(path: Path) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = member_name(info)
            if not info.is_dir() and not Path(name).name.startswith("."):
                yield Item(f"{path}/{name}", str(path), info.filename)


def items(paths: Iterable[Path]) -> Iterator[Item]:
    """Every document under the paths given, in a stable order; hidden files are passed over.
    A path that does not exist is yielded as it is, for the worker to report."""
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in file.relative_to(path).parts):
                    continue
                yield from _members(file) if _is_archive(file) else (Item(str(file), str(file)),)
        elif path.is_file() and _is_archive(path):
            yield from _members(path)
        else:
            yield Item(str(path), str(path))
