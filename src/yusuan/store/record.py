"""A worker's part of ingest: one file read, checked and made into the records to store.

Everything costly happens here, in the worker processes; the parent only writes.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import own_workbook
from ..errors import YusuanError
from ..jsonout import to_dict
from ..model import Amount, Disclosure, Row, Source, Statement, Table
from ..readers import read
from ..recovery import recover
from ..rules import check
from ..sources import Item
from ..template.restatements import RESTATEMENTS
from .figures import figures
from .models import FAILED, OK
from .types import compress


@dataclass(slots=True)
class Record:
    """What the parent writes for one document (or, `skipped`, that it is stored already)."""

    sha256: str
    name: str
    skipped: bool = False
    unopened: bool = False  # not a document at all (no such file): reported, never stored
    cpu: float = 0.0  # the worker's processor time reading and checking it
    document: dict[str, Any] = field(default_factory=dict)
    disclosure: bytes | None = None  # its JSON, compressed
    slim: bytes | None = None  # what the corpus rules read of it (slim)
    tables: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[tuple[Any, ...]] = field(default_factory=list)  # see AMOUNT_FIELDS
    figures: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)  # every file read: sha256, file_name, format, pages
    # a file without tables (a narrative, performance targets): held until the run's end, then
    # joined to the stored disclosure it belongs to (grouping.py) or stored alone
    part: Disclosure | None = None
    joined: bool = False  # stands in for the stored document of the same sha256
    absorbs: list[str] = field(default_factory=list)  # documents stored alone before, now files of this one

    @property
    def failed(self) -> bool:
        return self.document.get("status") == FAILED


AMOUNT_FIELDS = ("table_id", "position", "label", "row_kind", "side", "code", "name", "project", "sub_unit",
                 "amount", "uncertain")

_known: frozenset[str] = frozenset()


def init_worker(known: frozenset[str]) -> None:
    """Each worker learns once which documents are stored already, so it reads none twice."""
    global _known
    _known = known


def process(item: Item) -> Record:
    began = time.process_time()
    record = _process(item)
    record.cpu = time.process_time() - began
    return record


def _process(item: Item) -> Record:
    try:
        data = item.data()
    except (OSError, zipfile.BadZipFile) as error:
        record = _failed(Record("", item.name), f"无法打开文件：{_why(error)}")
        record.unopened = True
        return record
    record = Record(hashlib.sha256(data).hexdigest(), item.name)
    if record.sha256 in _known:
        record.skipped = True
        return record
    try:
        if item.member is None:
            disclosure, form, pages = _read(Path(item.path))
        else:  # readers read files: an archive's member is read from a private copy
            with tempfile.TemporaryDirectory(prefix="yusuan-") as folder:
                copy = Path(folder) / Path(item.member).name
                copy.write_bytes(data)
                disclosure, form, pages = _read(copy)
        found = check(disclosure)
    except YusuanError as error:
        return _failed(record, error.message)
    except Exception as error:  # a defect of ours: recorded plainly, the run goes on
        return _failed(record, f"内部错误：处理该文件时出错（{type(error).__name__}），请将该文件报告给开发者")
    fill(record, disclosure, form, pages)
    record.findings = [finding_row(f) for f in found]
    if not disclosure.has_tables:
        record.part = disclosure
    return record


def _read(path: Path) -> tuple[Disclosure, str, int | None]:
    """The file's disclosure, format and pages; yusuan's own workbook is read as the data it holds."""
    workbook = own_workbook(path)
    if workbook is not None:
        return workbook, "xlsx", None
    extracted = read(path)
    return recover(extracted), extracted.format, extracted.pages


def _why(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "文件不存在"
    if isinstance(error, PermissionError):
        return "没有读取权限"
    if isinstance(error, zipfile.BadZipFile):
        return "压缩包已损坏"
    return type(error).__name__


def _failed(record: Record, message: str) -> Record:
    record.document = _document(record, status=FAILED, error=message)
    record.files = [{"sha256": record.sha256, "file_name": record.name, "format": None, "pages": None}]
    return record


def _document(record: Record, **values: Any) -> dict[str, Any]:
    return {"sha256": record.sha256, "file_name": record.name, "reader_version": __version__,
            "problems": 0, **values}


def fill(record: Record, disclosure: Disclosure, form: str, pages: int | None) -> None:
    record.files = record.files or [{"sha256": record.sha256, "file_name": record.name, "format": form,
                                     "pages": pages}]
    staffing = disclosure.overview.staffing
    record.document = _document(
        record, status=OK, format=form, pages=pages, unit=disclosure.unit, year=disclosure.year,
        kind=disclosure.kind, level=disclosure.level, staff_authorized=staffing.authorized,
        staff_actual=staffing.actual, staff_active=staffing.active.value if staffing.active else None,
        problems=len(disclosure.problems))
    record.disclosure = compress(to_dict(disclosure))
    record.slim = slim(disclosure)
    for table_id, table in disclosure.tables.items():
        record.tables.append({"table_id": table_id, "present": table.present, "title": table.title,
                              "note": table.note, "money_unit": table.money_unit if table.present else None})
        for position, row in enumerate(table.rows):
            for label, value in row.values.items():
                record.amounts.append((table_id, position, label, row.kind, row.side, row.code, row.name,
                                       row.project, row.unit, value.value, value.uncertain))
    record.figures = figures(disclosure)


def slim(full: Disclosure) -> bytes:
    """What the corpus rules read of a disclosure (the rows of the tables Part 3 restates, the
    statements that state a change on last year), pickled by the worker that read it as plain
    tuples: the parent loads it (`unslim`) in a fraction of the time the stored JSON or pickled
    dataclasses would take, which keeps storing well below reading."""
    tables = [(table.id, table.present, table.money_unit, table.places, table.columns_known,
               [(row.kind, row.name, row.code, row.project, row.side, row.unit,
                 [(label, a.value, a.text, a.uncertain) for label, a in row.values.items()])
                for row in table.rows])
              for table_id, table in full.tables.items() if table_id in _RESTATED]
    statements = [(s.section, s.name, s.amount, s.share, s.change, s.growth, s.quote)
                  for s in full.statements if s.change is not None]
    return pickle.dumps((full.unit, full.year, full.kind, full.level, tables, statements),
                        protocol=pickle.HIGHEST_PROTOCOL)


def unslim(data: bytes) -> Disclosure:
    """The disclosure `slim` kept (no sources: the corpus findings point at this year's text)."""
    unit, year, kind, level, tables, statements = pickle.loads(data)
    nowhere = Source()
    return Disclosure(
        unit=unit, year=year, kind=kind, level=level,
        tables={table_id: Table(table_id, present, money_unit=money_unit, places=places,
                                columns_known=columns_known,
                                rows=[Row(row_kind, name, {label: Amount(value, text, nowhere, uncertain)
                                                           for label, value, text, uncertain in values},
                                          code, project, side, row_unit)
                                      for row_kind, name, code, project, side, row_unit, values in rows])
                for table_id, present, money_unit, places, columns_known, rows in tables},
        statements=[Statement(*fields) for fields in statements])


_RESTATED = frozenset(restatement.figure.table for restatement in RESTATEMENTS)


def finding_row(finding: Any) -> dict[str, Any]:
    source = finding.source
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "table_id": finding.table, "code": finding.code, "column": finding.column,
            "section": finding.section, "quote": finding.quote, "stated": finding.stated,
            "expected": finding.expected, "page": source.page if source else None,
            "line": source.line if source else None}
