"""A stored disclosure made whole again from its JSON, as far as the corpus rules need it
(unit, year, tables, Part 3 statements). To be replaced by jsonin.from_dict once it exists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model import Amount, Disclosure, Row, Source, Statement, Table


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def disclosure(data: dict[str, Any]) -> Disclosure:
    out = Disclosure(unit=data.get("unit"), year=data.get("year"), kind=data.get("kind"), level=data.get("level"))
    for table_id, table in (data.get("tables") or {}).items():
        rows = [Row(kind=row["kind"], name=row.get("name"), code=row.get("code"), project=row.get("project"),
                    side=row.get("side"), unit=row.get("unit"),
                    values={label: Amount(Decimal(value), (row.get("printed") or {}).get(label, value), Source())
                            for label, value in row["values"].items()})
                for row in table.get("rows", [])]
        out.tables[table_id] = Table(table_id, present=table.get("present", False), title=table.get("title"),
                                     note=table.get("note"), money_unit=table.get("money_unit") or "万元",
                                     places=table.get("places"), rows=rows)
    for item in data.get("statements") or []:
        source = item.get("source") or {}
        out.statements.append(Statement(
            section=item["section"], name=item["name"], amount=Decimal(item["amount"]),
            share=_decimal(item.get("share")), change=_decimal(item.get("change")),
            growth=_decimal(item.get("growth")), quote=item.get("quote", ""),
            source=Source(file=source.get("file"), page=source.get("page"), line=source.get("line"))))
    return out
