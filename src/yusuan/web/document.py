"""A reviewed document laid out for its page: the template's tables with 类/款/项, Part 3's
statements, the performance targets, and each finding given the place it points at.

Places are elements of the page (a cell, a row, a statement, an indicator, a table's heading,
or an excerpt of the original text); each finding gets exactly one, so that choosing it in the
findings panel brings that place into view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..rules import SEVERITIES
from ..template import TABLES

_CODE_PARTS = ((0, 3, "类"), (3, 5, "款"), (5, 7, "项"))
_UNPLACED = "place-other"


@dataclass(slots=True)
class Cell:
    text: str = ""
    id: str | None = None
    findings: list[int] = field(default_factory=list)
    uncertain: bool = False
    numeric: bool = False
    cls: str = ""  # its class attribute, and the findings marked in it (its own, or its row's in the
    marks: list[int] = field(default_factory=list)  # name cell): made once all are placed (`_finish`)


@dataclass(slots=True)
class Grid:
    """One table (or one side of a ledger) as shown: headers and rows of cells."""

    caption: str | None
    headers: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # {id, cells, findings, kind}


def _line(source: dict[str, Any] | None) -> tuple[str | None, int | None]:
    return ((source or {}).get("file"), (source or {}).get("line"))


def _code_cells(code: str | None, width: int) -> list[str]:
    return [(code or "")[start:end] for start, end, _ in _CODE_PARTS[:width]]


def _grid(table_id: str, caption: str | None, columns: list[str], rows: list[tuple[int, dict[str, Any]]],
          code_width: int) -> Grid:
    labels = [label for _, _, label in _CODE_PARTS[:code_width]]
    named = "项目名称" if any(row.get("project") for _, row in rows) else "科目名称" if code_width else "项目"
    extra = [label for _, row in rows for label in row["values"] if label not in columns]
    columns = columns + list(dict.fromkeys(extra))  # a column the template lacks is shown, not lost
    grid = Grid(caption, [*labels, named, *columns])
    for position, row in rows:
        uncertain = set(row.get("uncertain") or [])
        name = row.get("project") or row.get("name") or ""
        if row.get("unit"):
            name = f"{name}（{row['unit']}）"
        cells = [Cell(part) for part in _code_cells(row.get("code"), code_width)] + [Cell(name)]
        for index, label in enumerate(columns):
            value = row["values"].get(label)
            cells.append(Cell(value or "", f"c-{table_id}-{position}-{index}", uncertain=label in uncertain,
                              numeric=True))
        grid.rows.append({"id": f"r-{table_id}-{position}", "cells": cells, "findings": [], "kind": row["kind"],
                          "row": row, "columns": columns, "position": position})
    return grid


def tables(disclosure: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for spec in TABLES:
        table = disclosure.get("tables", {}).get(spec.id)
        entry: dict[str, Any] = {"id": spec.id, "title": spec.title, "printed": None, "present": False,
                                 "note": None, "grids": [], "findings": [], "money_unit": None,
                                 "columns_known": True, "as_printed": False}
        if table:
            entry.update(printed=table.get("title"), present=table["present"], note=table.get("note"),
                         money_unit=table.get("money_unit"), columns_known=table.get("columns_known", True),
                         as_printed=table.get("header_sums") is not None)
            rows = list(enumerate(table.get("rows", [])))
            width = 3 if any(row.get("code") for _, row in rows) else 0
            if spec.rows == "ledger":
                income = [(i, row) for i, row in rows if row.get("side") == "income"]
                expense = [(i, row) for i, row in rows if row.get("side") != "income"]
                entry["grids"] = [
                    _grid(spec.id, "收入", [c.label for c in spec.income_columns], income, 0),
                    _grid(spec.id, "支出", [c.label for c in spec.columns], expense,
                          3 if any(row.get("code") for _, row in expense) else 0)]
            else:
                # a table read as printed shows its own columns, the template's it lacks not at all
                printed = list(dict.fromkeys(label for _, row in rows for label in row["values"]))
                columns = printed if entry["as_printed"] else [c.label for c in spec.columns]
                entry["grids"] = [_grid(spec.id, None, columns, rows, width)]
        out.append(entry)
    return out


class Placer:
    """Finds, for each finding, the element of the page it points at."""

    def __init__(self, tables_: list[dict[str, Any]], statements: list[dict[str, Any]],
                 targets: list[dict[str, Any]]) -> None:
        self.tables = {entry["id"]: entry for entry in tables_}
        self.statements = statements
        self.targets = targets

    def place(self, index: int, finding: dict[str, Any]) -> str:
        for method in (self._statement, self._cell, self._target, self._table):
            found = method(index, finding)
            if found:
                return found
        return _UNPLACED

    def _rows(self, table_id: str) -> list[dict[str, Any]]:
        entry = self.tables.get(table_id)
        return [row for grid in entry["grids"] for row in grid.rows] if entry else []

    def _cell(self, index: int, finding: dict[str, Any]) -> str | None:
        table, code, column, line = finding.get("table"), finding.get("code"), finding.get("column"), finding["line"]
        if not table:
            return None
        rows = self._rows(table)
        if code:
            candidates = [row for row in rows if row["row"].get("code") == code]
        elif line is not None:
            candidates = [row for row in rows if row["row"].get("source", {}).get("line") == line]
        elif column:
            candidates = [row for row in rows if row["kind"] == "total"]
        else:
            return None
        if line is not None and len(candidates) > 1:
            candidates = [r for r in candidates if r["row"].get("source", {}).get("line") == line] or candidates
        if column:
            candidates = [r for r in candidates if column in r["columns"]] or candidates
        if not candidates:
            return None
        row = candidates[0]
        if column in row["columns"]:
            cell = row["cells"][len(row["cells"]) - len(row["columns"]) + row["columns"].index(column)]
            cell.findings.append(index)
            return cell.id
        row["findings"].append(index)
        return row["id"]

    def _statement(self, index: int, finding: dict[str, Any]) -> str | None:
        quote, line = finding.get("quote"), finding["line"]
        if not quote:  # a Part 3 figure checked against a table names the table too
            return None
        for position, statement in enumerate(self.statements):
            same_line = line is not None and _line(statement.get("source"))[1] == line
            if statement["quote"] == quote or (same_line and (quote in statement["quote"]
                                                              or statement["quote"] in quote)):
                statement.setdefault("findings", []).append(index)
                return f"s-{position}"
        return None

    def _target(self, index: int, finding: dict[str, Any]) -> str | None:
        if finding.get("section") != "绩效目标表":
            return None
        line, quote = finding["line"], finding.get("quote")
        for position, target in enumerate(self.targets):  # about a target as a whole (its weights, funds)
            if quote and quote in (target.get("project"), target.get("goal")):
                target.setdefault("findings", []).append(index)
                return f"g-{position}"
        for position, target in enumerate(self.targets):
            for number, indicator in enumerate(target.get("indicators") or []):
                if _line(indicator.get("source"))[1] == line or (quote and quote == indicator.get("name")):
                    indicator.setdefault("findings", []).append(index)
                    return f"i-{position}-{number}"
        for position, target in enumerate(self.targets):
            if _line(target.get("source"))[1] == line:
                target.setdefault("findings", []).append(index)
                return f"g-{position}"
        return None

    def _table(self, index: int, finding: dict[str, Any]) -> str | None:
        entry = self.tables.get(finding.get("table") or "")
        if entry is None:
            return None
        entry["findings"].append(index)
        return f"t-{entry['id']}"


def _finish(tables_: list[dict[str, Any]], severity: dict[int, str]) -> None:
    """Each cell's class and marks, so that the page's template does per cell no more than print them."""
    for entry in tables_:
        for grid in entry["grids"]:
            for row in grid.rows:
                cells = row["cells"]
                for cell in cells:
                    cell.cls = ("num" if cell.numeric else "") + (" uncertain" if cell.uncertain else "") + (
                        f" has-finding sev-{severity[cell.findings[0]]}" if cell.findings else "")
                    cell.marks = cell.findings
                if row["findings"]:  # the row's own, after its name
                    named = cells[len(cells) - len(row["columns"]) - 1]
                    named.marks = named.marks + row["findings"]


def by_severity(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    return [(severity, [f for f in findings if f["severity"] == severity]) for severity in SEVERITIES]


def layout(disclosure: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's content; each finding gains `place`, the id of its element."""
    laid = tables(disclosure)
    statements = [dict(s) for s in disclosure.get("statements") or []]
    targets = [{**t, "indicators": [dict(i) for i in t.get("indicators") or []]}
               for t in disclosure.get("targets") or []]
    placer = Placer(laid, statements, targets)
    unplaced = []
    for finding in findings:
        finding["place"] = placer.place(finding["id"], finding)
        if finding["place"] == _UNPLACED:  # shown by itself, with the original text where there is one
            finding["place"] = f"x-{finding['id']}"
            unplaced.append(finding)
    _finish(laid, {finding["id"]: finding["severity"] for finding in findings})
    sections: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for position, statement in enumerate(statements):
        sections.setdefault(statement["section"], []).append((position, statement))
    return {"tables": laid, "sections": sections, "targets": targets, "unplaced": unplaced}
