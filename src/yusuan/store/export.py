"""The corpus for other tools: CSV, Excel, Parquet, or a Frictionless data package (CSV files
with datapackage.json describing every field, key and link), read as is by pandas, DuckDB,
OpenSpending. Amounts stay exact: decimal text in CSV, decimal128 in Parquet."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from .query import Corpus


@dataclass(frozen=True, slots=True)
class Resource:
    name: str
    title: str  # in Chinese: the Excel sheet's name
    frame: Callable[[Corpus], pd.DataFrame]
    key: tuple[str, ...]
    links: tuple[tuple[str, str, str], ...] = ()  # (field, resource, its field)


RESOURCES = (
    Resource("units", "单位", Corpus.unit_list, ("id",)),
    Resource("documents", "文件", Corpus.all_documents, ("id",), (("unit_id", "units", "id"),)),
    Resource("amounts", "金额", Corpus.amounts, ("document", "table", "row", "column"),
             (("document", "documents", "id"),)),
    Resource("figures", "主要数字", Corpus.figure_list, ("document", "name"), (("document", "documents", "id"),)),
    Resource("findings", "审核问题", Corpus.all_findings, (), (("document", "documents", "id"),)),
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


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetimes as ISO 8601 UTC text (Excel and CSV know no time zones)."""
    out = frame.copy()
    for column in out.columns:
        if FIELDS[column][0] == "datetime":
            out[column] = [v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(v, datetime) else v
                           for v in out[column]]
    return out


def _schema(resource: Resource, frame: pd.DataFrame) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": c, "type": FIELDS[c][0], "title": FIELDS[c][1]}
                                         for c in frame.columns]}
    if resource.key:
        schema["primaryKey"] = list(resource.key)
    if resource.links:
        schema["foreignKeys"] = [{"fields": field, "reference": {"resource": other, "fields": its}}
                                 for field, other, its in resource.links]
    return schema


def _arrow(frame: pd.DataFrame) -> Any:
    import pyarrow as pa

    types = {"integer": pa.int64(), "string": pa.string(), "number": pa.decimal128(38, 6), "boolean": pa.bool_(),
             "datetime": pa.timestamp("us", tz="UTC")}
    arrays = [pa.array([None if v is None or v != v else v for v in frame[c]], type=types[FIELDS[c][0]])
              for c in frame.columns]
    return pa.Table.from_arrays(arrays, names=list(frame.columns))


def export(corpus: Corpus, form: str, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    frames = [(resource, resource.frame(corpus)) for resource in RESOURCES]
    written: list[Path] = []
    if form == "xlsx":
        path = output / "yusuan.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as workbook:
            for resource, frame in frames:
                sheet = _plain(frame).rename(columns={c: FIELDS[c][1] for c in frame.columns})
                for part, start in enumerate(range(0, max(len(sheet), 1), 1_000_000)):  # Excel's row limit
                    name = resource.title if part == 0 else f"{resource.title}{part + 1}"
                    sheet.iloc[start:start + 1_000_000].to_excel(workbook, sheet_name=name, index=False)
        return [path]
    if form == "parquet":
        import pyarrow.parquet as pq

        for resource, frame in frames:
            path = output / f"{resource.name}.parquet"
            pq.write_table(_arrow(frame), path)
            written.append(path)
        return written
    data = output / "data" if form == "datapackage" else output
    data.mkdir(exist_ok=True)
    descriptor: dict[str, Any] = {
        "name": "yusuan-corpus", "title": "预算公开语料库", "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description": f"yusuan {__version__} 导出：预算公开文件、其全部金额（万元）、主要数字与审核问题。",
        "resources": [],
    }
    for resource, frame in frames:
        path = data / f"{resource.name}.csv"
        # plain CSV is for people (Excel needs the BOM to see UTF-8); the package's for tools
        _plain(frame).to_csv(path, index=False, encoding="utf-8" if form == "datapackage" else "utf-8-sig")
        written.append(path)
        descriptor["resources"].append({
            "name": resource.name, "title": resource.title, "path": f"data/{path.name}",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": _schema(resource, frame)})
    if form == "datapackage":
        path = output / "datapackage.json"
        path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
