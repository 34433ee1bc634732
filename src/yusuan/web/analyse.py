"""Reading and checking one disclosure under review (run in a worker process).

The files of one disclosure are each read by the reader for their format and joined into one
document, each part's lines and pages numbered on from the part before, so that the recovery reads
them in order; every place found is then given back in its own file's numbering.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import YusuanError
from ..jsonout import to_dict
from ..model import Disclosure, Source
from ..readers import Extracted, read
from ..recovery import recover
from ..report import finding_dict
from ..rules import ERROR, NOTICE, WARNING, check

_UNSAFE = re.compile(r"[^\w.\-（）()　 ]+")
Offset = tuple[int, int, str]  # lines and pages before a part, and the part's file name


def _safe(name: str, index: int) -> str:
    """A name for the private copy: the user's name kept for the messages, made harmless."""
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .") or "file"
    return f"{index}-{cleaned}"[:120]


def _moved(source: Source, file: str, lines: int, pages: int) -> Source:
    return replace(source, file=file, line=None if source.line is None else source.line + lines,
                   page=None if source.page is None else source.page + pages)


def _merge(parts: list[tuple[str, Extracted]], name: str) -> tuple[Extracted, list[Offset]]:
    offsets: list[Offset] = []
    lines = pages = 0
    joined = []
    for file, part in parts:
        offsets.append((lines, pages, file))
        for line in part.lines:
            joined.append(replace(line, source=_moved(line.source, file, lines, pages),
                                  words=[replace(w, source=_moved(w.source, file, lines, pages)) for w in line.words]))
        lines = max((line.source.line or 0 for line in joined), default=lines)
        pages += part.pages
    problems = [replace(p, source=p.source and replace(p.source, file=file)) for file, part in parts
                for p in part.problems]
    return Extracted(file=name, format=parts[0][1].format, lines=joined, pages=pages, problems=problems), offsets


def _unshift(value: Any, offsets: list[Offset]) -> Any:
    """Each place (a dict with a line, a page and a file) given back in its own file's numbering."""
    if isinstance(value, list):
        return [_unshift(item, offsets) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _unshift(item, offsets) for key, item in value.items()}
    if {"line", "page", "file"} <= out.keys() and isinstance(out["line"], int):
        lines, pages, file = next(o for o in reversed(offsets) if o[0] < out["line"])
        out.update(line=out["line"] - lines, file=file,
                   page=out["page"] - pages if isinstance(out["page"], int) else out["page"])
    return out


def _recover(parts: list[tuple[str, Extracted]], name: str) -> tuple[Disclosure, list[Offset]]:
    """The parts read in the order that makes the most of them: which comes first (the narrative
    with the cover, or the tables) is not in the file names."""
    best: tuple[Disclosure, list[Offset]] | None = None
    for order in ([parts, parts[::-1]] if len(parts) > 1 else [parts]):
        merged, offsets = _merge(order, name)
        disclosure = recover(merged)
        if best is None or _read(disclosure) > _read(best[0]):
            best = disclosure, offsets
    assert best is not None
    return best


def _read(disclosure: Disclosure) -> tuple[int, int, int]:
    tables = sum(table.present for table in disclosure.tables.values())
    return tables, len(disclosure.statements) + len(disclosure.targets), -len(disclosure.problems)


def analyse(name: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """What the review stores: the disclosure and its findings, or why it could not be read."""
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="yusuan-review-") as folder:
            parts = []
            for index, (file_name, data) in enumerate(files):
                path = Path(folder) / str(index) / _safe(file_name, index)
                path.parent.mkdir()
                path.write_bytes(data)
                parts.append((file_name, read(path)))
            disclosure, offsets = _recover(parts, name)
            found = check(disclosure)
    except YusuanError as error:
        return {"error": error.message, "milliseconds": _ms(began)}
    except Exception as error:  # a defect of ours: said plainly, the batch goes on
        return {"error": f"内部错误：处理该文件时出错（{type(error).__name__}），请将该文件报告给开发者",
                "milliseconds": _ms(began)}
    findings = []
    for index, finding in enumerate(found):
        # the file matters when a disclosure came as several (a narrative and a tables PDF)
        findings.append({**finding_dict(finding), "id": index,
                         "file": finding.source.file if finding.source else None})
    return {"error": None, "disclosure": _unshift(to_dict(disclosure), offsets),
            "findings": _unshift(findings, offsets),
            "unit": disclosure.unit, "year": disclosure.year, "kind": disclosure.kind, "level": disclosure.level,
            "errors": sum(f.severity == ERROR for f in found), "warnings": sum(f.severity == WARNING for f in found),
            "notices": sum(f.severity == NOTICE for f in found), "milliseconds": _ms(began)}


def _ms(began: float) -> int:
    return round((time.perf_counter() - began) * 1000)
