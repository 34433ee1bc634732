"""The library's front door: read a file (or the files of one disclosure) into a disclosure."""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import YusuanError
from .gcpause import collector_paused
from .model import Disclosure
from .readers import read
from .recovery import recover
from .recovery.together import groups, join
from .sources import items


@collector_paused
def parse(path: str | Path) -> Disclosure:
    """Read and recover one disclosure; raises YusuanError (in Chinese) if it cannot. yusuan's own
    workbook (`yusuan template`, or `write … -o .xlsx`) is read as the data it holds."""
    path = Path(path)
    return own_workbook(path) or recover(read(path))


def own_workbook(path: Path) -> Disclosure | None:
    """The data of yusuan's own workbook (`yusuan template`, or `write … -o .xlsx`); None for any
    other file."""
    if path.suffix.lower() == ".xlsx" and path.is_file():
        from .writing.workbook_read import is_workbook, read_workbook

        if is_workbook(path):
            return read_workbook(path)[0]
    return None


def parse_together(paths: Iterable[str | Path]) -> Disclosure:
    """The files of one disclosure (a narrative, a tables file, performance-target files) read
    as one; each value keeps its own file in its Source. Raises YusuanError if one cannot be read."""
    return join([parse(path) for path in paths])


def parse_grouped(paths: Iterable[str | Path]) -> list[tuple[list[Path], Disclosure | YusuanError]]:
    """Each file read, and the files that belong to one disclosure (by unit, year and content,
    never by file name) joined: per disclosure its files and the result, or the error."""
    files = [Path(path) for path in paths]
    read_: list[tuple[Path, Disclosure | YusuanError]] = []
    for file in files:
        try:
            read_.append((file, parse(file)))
        except YusuanError as error:
            read_.append((file, error))
        except OSError as error:
            read_.append((file, YusuanError(error.strerror or "无法打开文件", file=str(file))))
        except Exception as error:  # a defect of ours: say so plainly, read the other files
            read_.append((file, YusuanError(
                f"内部错误：读取时出错（{type(error).__name__}），请将该文件报告给开发者", file=str(file))))
    parts = [(file, found) for file, found in read_ if isinstance(found, Disclosure)]
    out: list[tuple[list[Path], Disclosure | YusuanError]] = [([f], e) for f, e in read_
                                                               if isinstance(e, YusuanError)]
    for group in groups([found for _, found in parts]):  # type: ignore[misc]
        members = [parts[index] for index in group]
        found = members[0][1] if len(members) == 1 else join([d for _, d in members])  # type: ignore[misc]
        out.append(([file for file, _ in members], found))
    order = {file: index for index, file in enumerate(files)}
    return sorted(out, key=lambda item: order[item[0][0]])


@contextmanager
def expanded(paths: Iterable[str | Path]) -> Iterator[list[tuple[Path, str]]]:
    """The files under the paths given (a folder searched through, a .zip's members), each with
    the name the user knows it by (archive.zip/member); a member is read from a private copy,
    under its own name, that lasts as long as the context."""
    with tempfile.TemporaryDirectory(prefix="yusuan-") as folder:
        out = []
        for index, item in enumerate(items(Path(path) for path in paths)):
            if item.member is None:
                out.append((Path(item.path), item.name))
                continue
            copy = Path(folder) / str(index) / Path(item.name).name
            copy.parent.mkdir()
            with contextlib.suppress(OSError, KeyError, zipfile.BadZipFile):  # unwritten: reported unreadable
                copy.write_bytes(item.data())
            out.append((copy, item.name))
        yield out


def parse_paths(paths: Iterable[str | Path]) -> list[tuple[list[str], Disclosure | YusuanError]]:
    """Files, folders and .zip archives: their files grouped into disclosures by unit, year and
    kind (parse_grouped), each with the names of its files."""
    with expanded(paths) as files:
        names = {path: name for path, name in files}
        return [([names[file] for file in group], found) for group, found in parse_grouped(names)]
