"""Reading and checking one disclosure under review (run in a worker process).

The files of one disclosure are each read by the reader for their format, their lines joined
in order, and recovered and checked as one document.
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
from ..readers import Extracted, read
from ..recovery import recover
from ..report import finding_dict
from ..rules import ERROR, NOTICE, WARNING, check

_UNSAFE = re.compile(r"[^\w.\-（）()　 ]+")


def _safe(name: str, index: int) -> str:
    """A name for the private copy: the user's name kept for the messages, made harmless."""
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .") or "file"
    return f"{index}-{cleaned}"[:120]


def _merge(parts: list[Extracted], name: str) -> Extracted:
    if len(parts) == 1:
        return parts[0]
    return Extracted(file=name, format=parts[0].format, lines=[line for part in parts for line in part.lines],
                     pages=sum(part.pages for part in parts),
                     problems=[problem for part in parts for problem in part.problems])


def analyse(name: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """What the review stores: the disclosure and its findings, or why it could not be read."""
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="yusuan-review-") as folder:
            parts = []
            for index, (file_name, data) in enumerate(files):
                # the reader names the source after the file: the original name is the one to show
                path = Path(folder) / str(index) / _safe(file_name, index)
                path.parent.mkdir()
                path.write_bytes(data)
                parts.append(_renamed(read(path), path.name, file_name))
            disclosure = recover(_merge(parts, name))
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
    return {"error": None, "disclosure": to_dict(disclosure), "findings": findings,
            "unit": disclosure.unit, "year": disclosure.year, "kind": disclosure.kind, "level": disclosure.level,
            "errors": sum(f.severity == ERROR for f in found), "warnings": sum(f.severity == WARNING for f in found),
            "notices": sum(f.severity == NOTICE for f in found), "milliseconds": _ms(began)}


def _renamed(extracted: Extracted, private: str, original: str) -> Extracted:
    """The reader names each source after the private copy; the user knows the original name."""
    if private == original:
        return extracted
    for line in extracted.lines:
        if line.source.file == private:
            line.source = replace(line.source, file=original)
        for word in line.words:
            if word.source.file == private:
                word.source = replace(word.source, file=original)
    for problem in extracted.problems:
        if problem.source is not None and problem.source.file == private:
            problem.source = replace(problem.source, file=original)
    if extracted.file == private:
        extracted.file = original
    return extracted


def _ms(began: float) -> int:
    return round((time.perf_counter() - began) * 1000)
