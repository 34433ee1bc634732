"""The disclosure as JSON (schema/disclosure.schema.json): what the document says, exactly."""

from __future__ import annotations

import json
from typing import Any

from .model import Count, Disclosure, Row, Source, Table

SCHEMA_VERSION = "1"


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    out: dict[str, Any] = {"file": source.file, "page": source.page, "line": source.line}
    if source.bbox is not None:
        out["bbox"] = list(source.bbox)
    return out


def _count(count: Count | None) -> dict[str, Any] | None:
    return None if count is None else {"value": count.value, "change": count.change}


def row_dict(row: Row) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": row.kind,
        "code": row.code,
        "name": row.name,
        "values": {label: str(amount.value) for label, amount in row.values.items()},
    }
    if row.project is not None:
        out["project"] = row.project
    if row.side is not None:
        out["side"] = row.side
    if row.unit is not None:
        out["unit"] = row.unit
    uncertain = [label for label, amount in row.values.items() if amount.uncertain]
    if uncertain:
        out["uncertain"] = uncertain
    out["source"] = _source(row.source)
    return out


def table_dict(table: Table) -> dict[str, Any]:
    return {
        "present": table.present,
        "title": table.title,
        "note": table.note,
        "money_unit": table.money_unit if table.present else None,
        "rows": [row_dict(row) for row in table.rows],
    }


def to_dict(disclosure: Disclosure) -> dict[str, Any]:
    overview = disclosure.overview
    staffing = overview.staffing
    return {
        "schema_version": SCHEMA_VERSION,
        "source": _source(disclosure.source),
        "unit": disclosure.unit,
        "year": disclosure.year,
        "kind": disclosure.kind,
        "level": disclosure.level,
        "overview": {
            "functions": overview.functions,
            "subordinate_units": overview.subordinate_units,
            "offices": overview.offices,
            "offices_stated": overview.offices_stated,
            "staffing": {
                "authorized": staffing.authorized,
                "actual": staffing.actual,
                "active": _count(staffing.active),
                "retired": _count(staffing.retired),
                "veteran_retired": _count(staffing.veteran_retired),
            },
        },
        "contents": disclosure.contents,
        "statements": [
            {
                "section": statement.section,
                "name": statement.name,
                "amount": str(statement.amount),
                "share": None if statement.share is None else str(statement.share),
                "change": None if statement.change is None else str(statement.change),
                "growth": None if statement.growth is None else str(statement.growth),
                "quote": statement.quote,
                "source": _source(statement.source),
            }
            for statement in disclosure.statements
        ],
        "tables": {table_id: table_dict(table) for table_id, table in disclosure.tables.items()},
        "problems": [
            {"message": problem.message, "table": problem.table, "source": _source(problem.source)}
            for problem in disclosure.problems
        ],
    }


def dumps(disclosure: Disclosure) -> str:
    return json.dumps(to_dict(disclosure), ensure_ascii=False, indent=2)
