"""What every page shows, as plain data: the HTML pages render it, the API returns it as JSON."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session, defer

from ..readers.text import decode
from ..store.reviews import (
    DONE,
    FAILED,
    QUEUED,
    READING,
    VERDICTS,
    ReviewBatch,
    ReviewDecision,
    ReviewDocument,
    ReviewFile,
)
from .intake import Group, file_format

STATES = {QUEUED: "排队中", READING: "读取中", DONE: "已审核", FAILED: "无法读取"}
SORTS = {"position": "上传顺序", "name": "文件", "unit": "单位", "errors": "错误数", "warnings": "警告数",
         "notices": "提示数", "status": "状态"}
FILTERS = {"": "全部", "errors": "有错误", "warnings": "有警告", "notices": "有提示", "clean": "无问题",
           "failed": "无法读取", "pending": "尚未完成"}
_CONTEXT = 2  # lines of the original text shown either side of a finding's line


class NotFound(LookupError):
    pass


def status_text(document: ReviewDocument | dict[str, Any]) -> str:
    """As the batch overview says it: 无问题 / 错误 N 警告 N 提示 N / 无法读取：why / 排队中 …"""
    get = document.get if isinstance(document, dict) else lambda key: getattr(document, key)
    if get("status") == FAILED:
        return f"无法读取：{get('error')}"
    if get("status") != DONE:
        return STATES[get("status")]
    counts = [f"{label} {get(key)}" for key, label in (("errors", "错误"), ("warnings", "警告"), ("notices", "提示"))
              if get(key)]
    return "，".join(counts) or "无问题"


def create_batch(engine: Engine, groups: list[Group], name: str | None = None,
                 organisation: int | None = None) -> tuple[int, list[int]]:
    """Store the uploads as the organisation's; returns the batch and the documents to read
    (unreadable ones are failed at once, with why, and the rest of the batch goes on)."""
    now = datetime.now(UTC)
    todo: list[int] = []
    with Session(engine) as session, session.begin():
        batch = ReviewBatch(created_at=now, name=name, organisation_id=organisation)
        session.add(batch)
        session.flush()
        for position, group in enumerate(groups):
            files = []
            for upload in group.files:
                sha = hashlib.sha256(upload.data).hexdigest()
                form = file_format(upload)  # intake let through only what can be read
                if session.get(ReviewFile, sha) is None:
                    session.add(ReviewFile(sha256=sha, size=len(upload.data), format=form, data=upload.data))
                    session.flush()
                files.append({"name": upload.name, "sha256": sha, "format": form, "size": len(upload.data)})
            document = ReviewDocument(batch_id=batch.id, position=position, name=group.name, files=files,
                                      status=FAILED if group.error else QUEUED, error=group.error, created_at=now,
                                      errors=0, warnings=0, notices=0,
                                      finished_at=now if group.error else None)
            session.add(document)
            session.flush()
            if not group.error:
                todo.append(document.id)
        return batch.id, todo


def _row(document: ReviewDocument) -> dict[str, Any]:
    return {"id": document.id, "position": document.position, "name": document.name, "status": document.status,
            "state": STATES[document.status], "status_text": status_text(document), "error": document.error,
            "unit": document.unit, "year": document.year, "kind": document.kind, "level": document.level,
            "errors": document.errors, "warnings": document.warnings, "notices": document.notices,
            "files": [file["name"] for file in document.files], "milliseconds": document.milliseconds}


_COLUMNS = [ReviewDocument.id, ReviewDocument.position, ReviewDocument.name, ReviewDocument.status,
            ReviewDocument.error, ReviewDocument.unit, ReviewDocument.year, ReviewDocument.kind, ReviewDocument.level,
            ReviewDocument.errors, ReviewDocument.warnings, ReviewDocument.notices, ReviewDocument.files,
            ReviewDocument.milliseconds]


def batches(engine: Engine, organisation: int | None) -> list[dict[str, Any]]:
    """The organisation's batches, newest first (organisation None: every batch, for `serve --local`)."""
    query = (select(ReviewBatch.id, ReviewBatch.created_at, ReviewBatch.name, func.count(ReviewDocument.id),
                    func.sum(ReviewDocument.errors))
             .join(ReviewDocument, ReviewDocument.batch_id == ReviewBatch.id, isouter=True)
             .group_by(ReviewBatch.id).order_by(ReviewBatch.id.desc()).limit(200))
    if organisation is not None:
        query = query.where(ReviewBatch.organisation_id == organisation)
    with Session(engine) as session:
        rows = session.execute(query).all()
    return [{"id": id_, "created_at": created.isoformat(timespec="seconds"), "name": name, "documents": count,
             "errors": int(errors or 0)} for id_, created, name, count, errors in rows]


def _matches(row: dict[str, Any], show: str, text: str) -> bool:
    if text and text not in " ".join(str(row[key] or "") for key in ("name", "unit", "status_text")):
        return False
    return {"": True, "errors": row["errors"] > 0, "warnings": row["warnings"] > 0, "notices": row["notices"] > 0,
            "clean": row["status"] == DONE and not (row["errors"] or row["warnings"] or row["notices"]),
            "failed": row["status"] == FAILED, "pending": row["status"] in (QUEUED, READING)}[show]


def batch(engine: Engine, batch_id: int, sort: str = "position", descending: bool = False, show: str = "",
          text: str = "") -> dict[str, Any]:
    with Session(engine) as session:
        found = session.get(ReviewBatch, batch_id)
        if found is None:
            raise NotFound(f"没有编号为 {batch_id} 的批次")
        documents = [ReviewDocument(**dict(zip([c.key for c in _COLUMNS], row, strict=True)))
                     for row in session.execute(select(*_COLUMNS).where(ReviewDocument.batch_id == batch_id))]
    rows = [_row(d) for d in documents]
    summary = {"documents": len(rows), "done": sum(r["status"] in (DONE, FAILED) for r in rows),
               "failed": sum(r["status"] == FAILED for r in rows),
               "clean": sum(_matches(r, "clean", "") for r in rows),
               "errors": sum(r["errors"] for r in rows), "warnings": sum(r["warnings"] for r in rows),
               "notices": sum(r["notices"] for r in rows)}
    sort = sort if sort in SORTS else "position"
    show = show if show in FILTERS else ""

    def key(row: dict[str, Any]) -> tuple[bool, Any]:
        return row[sort] is None, row[sort] if sort != "status" else row["status_text"]

    rows = sorted((r for r in rows if _matches(r, show, text)), key=key, reverse=descending)
    return {"id": batch_id, "created_at": found.created_at.isoformat(timespec="seconds"), "name": found.name,
            "summary": summary, "finished": summary["done"] == summary["documents"], "sort": sort,
            "descending": descending, "show": show, "text": text, "documents": rows}


def _key(finding: dict[str, Any]) -> tuple[Any, ...]:
    """A finding as the same in two versions of a document: where and by which rule, not the figures."""
    return (finding["rule"], finding.get("table"), finding.get("code"), finding.get("column"),
            finding.get("section"), finding.get("quote") if not finding.get("table") else None)


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Which of the earlier version's findings were fixed, which remain, which are new."""
    before = {_key(f) for f in old}
    after = {_key(f) for f in new}
    return {"fixed": [f for f in old if _key(f) not in after], "remain": [f for f in new if _key(f) in before],
            "new": [f for f in new if _key(f) not in before]}


def _excerpts(session: Session, document: ReviewDocument, findings: list[dict[str, Any]]) -> None:
    """The original lines around each finding's line, for documents that came as text."""
    texts: dict[str, list[str]] = {}
    for file in document.files:
        if file["format"] in ("text", "file"):  # "file": how stores before sniff.py named any other
            data = session.scalar(select(ReviewFile.data).where(ReviewFile.sha256 == file["sha256"])) or b""
            texts[file["name"]] = decode(data, file["name"])[0].splitlines()
    only = next(iter(texts.values())) if len(texts) == 1 and len(document.files) == 1 else None
    for finding in findings:
        lines = texts.get(finding.get("file") or "") or only
        line = finding.get("line")
        if lines is None or not line or line > len(lines):
            continue
        start = max(1, line - _CONTEXT)
        finding["excerpt"] = [{"line": n, "text": lines[n - 1], "here": n == line}
                              for n in range(start, min(len(lines), line + _CONTEXT) + 1)]


def decisions(session: Session, document_id: int) -> dict[int, dict[str, Any]]:
    return {finding: {"verdict": verdict, "comment": comment, "decided_at": at.isoformat(timespec="seconds")}
            for finding, verdict, comment, at in session.execute(
                select(ReviewDecision.finding, ReviewDecision.verdict, ReviewDecision.comment,
                       ReviewDecision.decided_at).where(ReviewDecision.document_id == document_id))}


def document(engine: Engine, document_id: int, disclosure: bool = True, excerpts: bool = True) -> dict[str, Any]:
    """A document with its findings (each with the reviewer's decision) and, where there is an
    earlier version, what changed since; its disclosure (the read content) and the original lines
    around each finding unless told not to (its page, once made, shows both already)."""
    with Session(engine) as session:
        found = session.get(ReviewDocument, document_id,
                            options=[] if disclosure else [defer(ReviewDocument.disclosure)])
        if found is None:
            raise NotFound(f"没有编号为 {document_id} 的文件")
        findings = [dict(f) for f in found.findings or []]
        decided = decisions(session, document_id)
        for finding in findings:
            finding["decision"] = decided.get(finding["id"])
        if excerpts:
            _excerpts(session, found, findings)
        out = _row(found)
        out.update(batch_id=found.batch_id, disclosure=found.disclosure if disclosure else None,
                   findings=findings, files=[dict(f) for f in found.files], previous_id=found.previous_id, changes=None)
        if found.previous_id is not None:
            earlier = session.get(ReviewDocument, found.previous_id, options=[defer(ReviewDocument.disclosure)])
            if earlier is not None:
                out["changes"] = compare(earlier.findings or [], findings)
                out["previous_name"] = earlier.name
    return out


def decide(engine: Engine, document_id: int, finding: int, verdict: str, comment: str) -> dict[str, Any]:
    """Record (or, with an empty verdict, withdraw) the reviewer's word on a finding."""
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"审核结论只能是{'或'.join(VERDICTS)}，收到“{verdict}”")
    with Session(engine) as session, session.begin():
        found = session.get(ReviewDocument, document_id)
        if found is None:
            raise NotFound(f"没有编号为 {document_id} 的文件")
        if not 0 <= finding < len(found.findings or []):
            raise NotFound(f"该文件没有第 {finding} 条问题")
        session.execute(delete(ReviewDecision).where(ReviewDecision.document_id == document_id,
                                                     ReviewDecision.finding == finding))
        if verdict:
            session.execute(insert(ReviewDecision).values(document_id=document_id, finding=finding, verdict=verdict,
                                                          comment=comment.strip(), decided_at=datetime.now(UTC)))
        return decisions(session, document_id).get(finding) or {}


def original(engine: Engine, document_id: int, file_index: int) -> tuple[str, bytes]:
    with Session(engine) as session:
        found = session.get(ReviewDocument, document_id)
        if found is None or not 0 <= file_index < len(found.files):
            raise NotFound("没有这个文件")
        file = found.files[file_index]
        data = session.scalar(select(ReviewFile.data).where(ReviewFile.sha256 == file["sha256"]))
    return file["format"], data or b""
