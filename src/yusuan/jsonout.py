"""The disclosure as JSON (schema/disclosure.schema.json): what the document says, exactly."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

import msgspec

from .gcpause import collector_paused
from .model import Count, Disclosure, ExtraTable, Row, Source, Table

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


def plain(value: Any) -> Any:
    """A model object as JSON values: amounts as exact decimal strings, sources as `_source`."""
    if isinstance(value, Source):
        return _source(value)
    if isinstance(value, Decimal):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


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
    printed = {label: amount.text for label, amount in row.values.items() if amount.text != str(amount.value)}
    if printed:  # the figure exactly as printed (separators, a trailing zero) where it differs
        out["printed"] = printed
    uncertain = [label for label, amount in row.values.items() if amount.uncertain]
    if uncertain:
        out["uncertain"] = uncertain
    out["source"] = _source(row.source)
    return out


def table_dict(table: Table) -> dict[str, Any]:
    out = {
        "present": table.present,
        "title": table.title,
        "note": table.note,
        "money_unit": table.money_unit if table.present else None,
        "places": table.places,
        "columns_known": table.columns_known,
        "rows": [row_dict(row) for row in table.rows],
    }
    if table.header_sums is not None:
        out["header_sums"] = table.header_sums
    return out


def extra_dict(extra: ExtraTable) -> dict[str, Any]:
    out: dict[str, Any] = {"title": extra.title, "source": _source(extra.source),
                           "lines": [{"text": text, "source": _source(source)} for text, source in extra.lines]}
    if extra.concept is not None:  # a table whose concept template/extras.py declares
        out |= {"concept": extra.concept, "money_unit": extra.money_unit, "places": extra.places,
                "figures": {name: {"value": str(amount.value), "text": amount.text, "source": _source(amount.source)}
                            for name, amount in extra.figures.items()},
                "rows": [row_dict(row) for row in extra.rows]}
    return out


def to_dict(disclosure: Disclosure) -> dict[str, Any]:
    overview = disclosure.overview
    staffing = overview.staffing
    return {
        "schema_version": SCHEMA_VERSION,
        "source": _source(disclosure.source),
        "unit": disclosure.unit,
        "files": disclosure.files,
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
        "variant": disclosure.variant,
        "sections": disclosure.sections,
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
        "projects": plain(disclosure.projects),
        "assets": plain(disclosure.assets),
        # the table as printed line by line is the source's business, not the JSON's
        "targets": [{field.name: plain(getattr(target, field.name)) for field in fields(target)
                     if field.name != "lines"} for target in disclosure.targets],
        "extra_tables": [extra_dict(extra) for extra in disclosure.extra_tables],
        "matters": plain(disclosure.matters),
        "problems": [
            {"message": problem.message, "table": problem.table, "source": _source(problem.source)}
            for problem in disclosure.problems
        ],
    }


@collector_paused
def dumps(disclosure: Disclosure) -> str:
    """Indented, non-ASCII as is: the same text as json.dumps(..., ensure_ascii=False, indent=2)."""
    return msgspec.json.format(msgspec.json.encode(to_dict(disclosure)), indent=2).decode()
