"""The corpus for other tools: CSV, Excel, Parquet, or a Frictionless data package (CSV files
with datapackage.json describing every field, key and link), read as is by pandas, DuckDB,
OpenSpending. Amounts stay exact: decimal text in CSV, decimal128 in Parquet.

Streamed: each table is read from the database in chunks (a server-side cursor on PostgreSQL)
and each chunk written before the next is read, so memory stays bounded however large the
corpus (Excel by xlsxwriter's constant-memory mode, Parquet a row group per chunk)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select

from .. import __version__
from .query import Corpus, amount_rows, document_rows, figure_rows, finding_rows, unit_rows

CHUNK = 5000  # rows read, converted and written at a time
EXCEL_ROWS = 1_048_576  # a sheet's limit, its header row included
_EXACT_DIGITS = 15  # what an Excel number (a double) shows exactly


@dataclass(frozen=True, slots=True)
class Resource:
    name: str
    title: str  # in Chinese: the Excel sheet's name
    rows: Callable[[], Select[Any]]
    key: tuple[str, ...]
    links: tuple[tuple[str, str, str], ...] = ()  # (field, resource, its field)

    @property
    def columns(self) -> list[str]:
        return list(self.rows().selected_columns.keys())


RESOURCES = (
    Resource("units", "单位", unit_rows, ("id",)),
    Resource("documents", "文件", document_rows, ("id",), (("unit_id", "units", "id"),)),
    Resource("amounts", "金额", amount_rows, ("document", "table", "row", "column"),
             (("document", "documents", "id"),)),
    Resource("figures", "主要数字", figure_rows, ("document", "name"), (("document", "documents", "id"),)),
    Resource("findings", "审核问题", finding_rows, (), (("document", "documents", "id"),)),
)

# every exported field: its Table Schema type and its Chinese title
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("integer", "编号"), "name": ("string", "名称"), "level": ("string", "级次"), "key": ("string", "识别键"),
    "scope": ("string", "本级/部门"),
    "sha256": ("string", "内容哈希（SHA-256）"), "file_name": ("string", "文件名"), "format": ("string", "格式"),
    "pages": ("integer", "页数"), "reader_version": ("string", "读取程序版本"), "ingested_at": ("datetime", "入库时间"),
    "status": ("string", "状态（ok/failed）"), "error": ("string", "无法读取的原因"),
    "unit_id": ("integer", "单位编号"),
    "unit": ("string", "单位"), "year": ("integer", "预算年度"), "kind": ("string", "单位预算/部门预算"),
    "staff_authorized": ("integer", "编制数"), "staff_actual": ("integer", "实有人数"),
    "staff_active": ("integer", "在职人数"), "problems": ("integer", "未能读取的部分数"),
    "document": ("integer", "文件编号"), "table": ("string", "表（T1…T11）"), "row": ("integer", "表内行序"),
    "row_kind": ("string", "行类型"), "side": ("string", "收入/支出（income/expense）"),
    "code": ("string", "科目编码"), "project": ("string", "项目名称"), "sub_unit": ("string", "所属下级单位"),
    "column": ("string", "列"), "amount": ("number", "金额（万元，精确十进制）"),
    "uncertain": ("boolean", "所在列不确定"),
    "rule": ("string", "规则"), "severity": ("string", "级别"), "section": ("string", "说明章节"),
    "quote": ("string", "原文"), "stated": ("number", "文件所列"), "expected": ("number", "应为"),
    "page": ("integer", "页"), "line": ("integer", "行"), "corpus": ("boolean", "跨年度（语料库）检查"),
    "message": ("string", "说明"),
}


def chunks(corpus: Corpus, resource: Resource) -> Iterator[Sequence[Any]]:
    """The resource's rows, CHUNK at a time, never all at once."""
    with corpus.engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=CHUNK).execute(resource.rows())
        yield from result.partitions()


def _instant(value: Any) -> Any:
    """Datetimes as ISO 8601 UTC text (Excel and CSV know no time zones)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def _csv(corpus: Corpus, resource: Resource, path: Path, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(resource.columns)
        for rows in chunks(corpus, resource):
            writer.writerows([["" if v is None else _instant(v) for v in row] for row in rows])


def _cell(value: Any) -> Any:
    """An Excel cell: an amount as a number where a double shows it exactly, else as its text."""
    if isinstance(value, Decimal):
        return float(value) if len(value.as_tuple().digits) <= _EXACT_DIGITS else str(value)
    return _instant(value)


def _xlsx(corpus: Corpus, path: Path) -> None:
    import xlsxwriter

    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as book:  # rows flushed as written
        for resource in RESOURCES:
            header = [FIELDS[c][1] for c in resource.columns]
            part, row_number, sheet = 1, 0, None
            for rows in chunks(corpus, resource):
                for row in rows:
                    if sheet is None or row_number == EXCEL_ROWS:  # Excel's limit: go on in the next sheet
                        sheet = book.add_worksheet(resource.title if part == 1 else f"{resource.title}{part}")
                        sheet.write_row(0, 0, header)
                        part, row_number = part + 1, 1
                    sheet.write_row(row_number, 0, [_cell(v) for v in row])
                    row_number += 1
            if sheet is None:
                book.add_worksheet(resource.title).write_row(0, 0, header)


def _parquet(corpus: Corpus, resource: Resource, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"integer": pa.int64(), "string": pa.string(), "number": pa.decimal128(38, 6), "boolean": pa.bool_(),
             "datetime": pa.timestamp("us", tz="UTC")}
    schema = pa.schema([(c, types[FIELDS[c][0]]) for c in resource.columns])
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for rows in chunks(corpus, resource):  # one row group each
            columns = list(zip(*rows, strict=True))
            writer.write_table(pa.Table.from_arrays(
                [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)],
                schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def _schema(resource: Resource) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": c, "type": FIELDS[c][0], "title": FIELDS[c][1]}
                                         for c in resource.columns]}
    if resource.key:
        schema["primaryKey"] = list(resource.key)
    if resource.links:
        schema["foreignKeys"] = [{"fields": field, "reference": {"resource": other, "fields": its}}
                                 for field, other, its in resource.links]
    return schema


def export(corpus: Corpus, form: str, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    if form == "xlsx":
        path = output / "yusuan.xlsx"
        _xlsx(corpus, path)
        return [path]
    written: list[Path] = []
    if form == "parquet":
        for resource in RESOURCES:
            path = output / f"{resource.name}.parquet"
            _parquet(corpus, resource, path)
            written.append(path)
        return written
    data = output / "data" if form == "datapackage" else output
    data.mkdir(exist_ok=True)
    descriptor: dict[str, Any] = {
        "name": "yusuan-corpus", "title": "预算公开语料库", "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description": f"yusuan {__version__} 导出：预算公开文件、其全部金额（万元）、主要数字与审核问题。",
        "resources": [],
    }
    for resource in RESOURCES:
        path = data / f"{resource.name}.csv"
        # plain CSV is for people (Excel needs the BOM to see UTF-8); the package's for tools
        _csv(corpus, resource, path, "utf-8" if form == "datapackage" else "utf-8-sig")
        written.append(path)
        descriptor["resources"].append({
            "name": resource.name, "title": resource.title, "path": f"data/{path.name}",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": _schema(resource)})
    if form == "datapackage":
        path = output / "datapackage.json"
        path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
