"""One disclosure published as several files (a narrative, a tables file, performance targets):
ingest holds each file without tables until the run's end, then joins it to the stored
disclosure it belongs to by the one grouping of recovery/together.py, and stores the joined
disclosure, with every file in its provenance, in place of the tables file's own.

Candidates are the stored documents of the part's year and unit, and the documents of this run
of its year from its own folder or archive (a cover may name no unit, or a shortened one: then
the part joins the one whose total its narrative restates).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Engine, exists, select

from ..jsonin import from_dict
from ..model import Disclosure
from ..recovery.together import groups, join
from ..rules import check
from .models import OK, Amount, Document, DocumentFile, StoredDisclosure
from .record import Record, fill, finding_row
from .units import identify


@dataclass(slots=True)
class _Stored:
    document: Any  # the documents row
    disclosure: Disclosure
    files: list[dict[str, Any]]


def regroup(engine: Engine, held: list[Record], run: set[str]) -> list[Record]:
    """The held records to write: each joined into the stored disclosure it belongs to (a record
    that stands in for it), or, belonging to none, as it is. A narrative stored alone by an
    earlier run joins the tables file of its unit and year that this run brings."""
    held = [*held, *_stored_parts(engine, run)]
    stored = _candidates(engine, held, run)
    parts: list[Disclosure] = [record.part for record in held if record.part is not None]
    out: list[Record] = []
    for group in groups([*parts, *(candidate.disclosure for candidate in stored)]):
        members = [held[index] for index in group if index < len(parts)]
        tables = [stored[index - len(parts)] for index in group if index >= len(parts)]
        if members and tables:
            out.append(_joined(tables[0], members))
        else:
            out += [member for member in members if not member.skipped]  # a stored one stays as it is
    return out


_CHUNK = 500  # hashes per IN (…): SQLite's limit on a statement's parameters


def _stored_parts(engine: Engine, run: set[str]) -> list[Record]:
    """Documents stored by an earlier run without tables, of the units and years of this run's
    (the unit as the files of one disclosure name it: a narrative may say 部门预算 where its tables
    file says nothing), or naming no unit (a cover without it): the grouping decides."""
    shas = sorted(run)
    with engine.connect() as connection:
        ours = [row for start in range(0, len(shas), _CHUNK) for row in connection.execute(
            select(Document.unit, Document.level, Document.year).where(
                Document.sha256.in_(shas[start:start + _CHUNK]), Document.year.is_not(None)))]
        wanted = {(_unit(unit, level), year) for unit, level, year in ours if unit}
        out = []
        for document in connection.execute(
                select(Document.id, Document.sha256, Document.file_name, Document.unit, Document.level,
                       Document.year)
                .where(Document.year.in_({year for _, _, year in ours}), Document.status == OK,
                       ~exists().where(Amount.document_id == Document.id))):  # no table's amounts
            if document.sha256 in run or (
                    document.unit and (_unit(document.unit, document.level), document.year) not in wanted):
                continue
            disclosure = from_dict(connection.execute(select(StoredDisclosure.content).where(
                StoredDisclosure.document_id == document.id)).scalar_one())
            record = Record(document.sha256, document.file_name, skipped=True, part=disclosure)
            record.files = _files(connection, document.id)
            out.append(record)
    return out


def _files(connection: Any, document_id: int) -> list[dict[str, Any]]:
    return [{"sha256": row.sha256, "file_name": row.file_name, "format": row.format, "pages": row.pages}
            for row in connection.execute(select(DocumentFile).where(DocumentFile.document_id == document_id))]


def _unit(name: str, level: str | None) -> tuple[str, str | None]:
    """The unit as files of one disclosure name it: a narrative file may not say which scope."""
    unit = identify(name, None, level)
    return unit.name, unit.level


def _folder(name: str) -> str:
    return str(PurePosixPath(name.replace("\\", "/")).parent)


def _candidates(engine: Engine, held: list[Record], run: set[str]) -> list[_Stored]:
    keys = {_unit(record.part.unit, record.part.level) for record in held
            if record.part is not None and record.part.unit}
    years = {record.part.year for record in held if record.part is not None and record.part.year}
    folders = {_folder(record.name) for record in held}
    anywhere = any(record.skipped for record in held)  # a part stored before: this run's documents
    query = (select(Document.id, Document.sha256, Document.file_name, Document.format, Document.unit,
                    Document.level)
             .where(Document.status == OK, Document.year.in_(years)))
    out = []
    with engine.connect() as connection:
        # the documents' rows first; the disclosures (the bulk) only of those that may fit
        for document in connection.execute(query).all():
            same_unit = bool(document.unit) and _unit(document.unit, document.level) in keys
            if not same_unit and not (document.sha256 in run and (anywhere or _folder(document.file_name) in folders)):
                continue
            content = connection.execute(select(StoredDisclosure.content)
                                         .where(StoredDisclosure.document_id == document.id)).scalar_one()
            disclosure = from_dict(content)
            if not disclosure.has_tables:
                continue
            out.append(_Stored(document, disclosure, _files(connection, document.id)))
    return out


def _joined(stored: _Stored, members: list[Record]) -> Record:
    whole = join([stored.disclosure, *(record.part for record in members if record.part is not None)])
    document = stored.document
    record = Record(document.sha256, document.file_name, joined=True)
    record.files = [*stored.files, *(file for member in members for file in member.files)]
    record.absorbs = [member.sha256 for member in members if member.skipped]  # stored alone before
    pages = sum(file["pages"] or 0 for file in record.files)
    fill(record, whole, document.format, pages)
    record.findings = [finding_row(finding) for finding in check(whole)]
    return record
