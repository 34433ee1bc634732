"""The disclosure JSON read back into the model: the exact inverse of jsonout.to_dict.

Amounts are exact decimals (never floats); every source is kept. Malformed input is refused
with a Chinese message saying where in the JSON it is wrong.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from .errors import UnreadableError
from .model import (
    Amount,
    Asset,
    Count,
    Disclosure,
    ExtraTable,
    Matters,
    Overview,
    PerformanceTarget,
    Problem,
    ProjectStatement,
    Row,
    Source,
    Staffing,
    Statement,
    Table,
)
from .template import TABLE_BY_ID


class _Bad(Exception):
    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}：{what}")


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Bad(where, f"金额应写成字符串形式的十进制数（如 \"784.04\"），而不是 {value!r}")
    try:
        out = Decimal(str(value))
    except InvalidOperation:
        raise _Bad(where, f"“{value}”不是数字") from None
    if not out.is_finite():
        raise _Bad(where, f"“{value}”不是数字")
    return out


def _optional_decimal(value: Any, where: str) -> Decimal | None:
    return None if value is None else _decimal(value, where)


def _source(data: Any) -> Source | None:
    if data is None:
        return None
    bbox = data.get("bbox")
    return Source(file=data.get("file"), page=data.get("page"), line=data.get("line"),
                  bbox=tuple(bbox) if bbox is not None else None)  # type: ignore[arg-type]


def _typed(hint: Any, value: Any, where: str) -> Any:
    """A JSON value back as the model type `hint` names (the inverse of jsonout.plain)."""
    if value is None:
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        hint = next(arg for arg in args if arg is not type(None))
        origin, args = get_origin(hint), get_args(hint)
    if hint is Decimal:
        return _decimal(value, where)
    if hint is Source:
        return _source(value)
    if is_dataclass(hint):
        return _dataclass(hint, value, where)  # type: ignore[arg-type]
    if origin is list:
        return [_typed(args[0], item, f"{where}第 {i} 项") for i, item in enumerate(value, start=1)]
    if origin is tuple:
        return tuple(_typed(arg, item, where) for arg, item in zip(args, value, strict=True))
    if origin is dict:
        return dict(value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)  # resolving the annotations' strings is most of the cost of reading


def _dataclass(cls: type, data: dict[str, Any], where: str) -> Any:
    hints = _hints(cls)
    return cls(**{f.name: _typed(hints[f.name], data[f.name], where) for f in fields(cls) if f.name in data})


def _count(data: Any) -> Count | None:
    return None if data is None else Count(int(data["value"]), data.get("change"))


def _row(data: dict[str, Any], where: str) -> Row:
    source = _source(data.get("source")) or Source()
    uncertain = set(data.get("uncertain", ()))
    printed = data.get("printed") or {}  # the figure as printed, where it differs from its value
    values = {}
    for label, text in (data.get("values") or {}).items():
        value = _decimal(text, f"{where}“{label}”")
        values[label] = Amount(value, printed.get(label, str(text)), source, uncertain=label in uncertain)
    return Row(kind=data["kind"], name=data.get("name"), values=values, code=data.get("code"),
               project=data.get("project"), side=data.get("side"), unit=data.get("unit"), source=source)


def _table(table_id: str, data: dict[str, Any]) -> Table:
    where = f"表 {table_id}"
    rows = [_row(row, f"{where}第 {index} 行") for index, row in enumerate(data.get("rows") or [], start=1)]
    return Table(table_id, present=bool(data.get("present")), title=data.get("title"), note=data.get("note"),
                 money_unit=data.get("money_unit") or "万元", places=data.get("places"), rows=rows,
                 columns_known=data.get("columns_known", True), header_sums=data.get("header_sums"))


def _statement(data: dict[str, Any], where: str) -> Statement:
    return Statement(
        section=data["section"], name=data["name"], amount=_decimal(data["amount"], f"{where}金额"),
        share=_optional_decimal(data.get("share"), f"{where}占比"),
        change=_optional_decimal(data.get("change"), f"{where}增减额"),
        growth=_optional_decimal(data.get("growth"), f"{where}增减率"),
        quote=data.get("quote") or "", source=_source(data.get("source")) or Source())


def _extra(data: dict[str, Any], where: str) -> ExtraTable:
    figures = {name: Amount(_decimal(figure["value"], f"{where}“{name}”"), figure.get("text") or str(figure["value"]),
                            _source(figure.get("source")) or Source())
               for name, figure in (data.get("figures") or {}).items()}
    return ExtraTable(data["title"], [(line["text"], _source(line.get("source")) or Source())
                                      for line in data.get("lines") or []], _source(data.get("source")),
                      concept=data.get("concept"), money_unit=data.get("money_unit") or "万元",
                      places=data.get("places"), figures=figures,
                      rows=[_row(row, f"{where}第 {i} 行") for i, row in enumerate(data.get("rows") or [], start=1)])


def from_dict(data: dict[str, Any]) -> Disclosure:
    """The disclosure a `to_dict` result (or `yusuan parse --json` output) describes."""
    try:
        overview_data = data.get("overview") or {}
        staffing_data = overview_data.get("staffing") or {}
        overview = Overview(
            functions=overview_data.get("functions"),
            subordinate_units=overview_data.get("subordinate_units"),
            offices=list(overview_data.get("offices") or []),
            offices_stated=overview_data.get("offices_stated"),
            staffing=Staffing(
                authorized=staffing_data.get("authorized"), actual=staffing_data.get("actual"),
                active=_count(staffing_data.get("active")), retired=_count(staffing_data.get("retired")),
                veteran_retired=_count(staffing_data.get("veteran_retired")),
            ),
        )
        tables = {}
        for table_id, table in (data.get("tables") or {}).items():
            if table_id not in TABLE_BY_ID:
                raise _Bad("tables", f"没有编号为“{table_id}”的表（应为 T1 至 T11）")
            tables[table_id] = _table(table_id, table)
        return Disclosure(
            unit=data.get("unit"), year=data.get("year"), kind=data.get("kind"), level=data.get("level"),
            overview=overview, tables=tables, contents=data.get("contents"), variant=data.get("variant"),
            statements=[_statement(s, f"第三部分第 {i} 个金额表述") for i, s
                        in enumerate(data.get("statements") or [], start=1)],
            sections=list(data.get("sections") or []),
            projects=[_dataclass(ProjectStatement, p, f"第三部分第 {i} 个项目") for i, p
                      in enumerate(data.get("projects") or [], start=1)],
            assets=[_dataclass(Asset, a, f"国有资产第 {i} 项") for i, a
                    in enumerate(data.get("assets") or [], start=1)],
            targets=[_dataclass(PerformanceTarget, t, f"第 {i} 张绩效目标表") for i, t
                     in enumerate(data.get("targets") or [], start=1)],
            source=_source(data.get("source")), files=list(data.get("files") or []),
            extra_tables=[_extra(extra, f"第 {i} 张模板之外的表") for i, extra
                          in enumerate(data.get("extra_tables") or [], start=1)],
            matters=_dataclass(Matters, data.get("matters") or {}, "其他重要事项"),
            problems=[Problem(p["message"], _source(p.get("source")), p.get("table"))
                      for p in data.get("problems") or []],
        )
    except _Bad as error:
        raise UnreadableError(f"JSON 内容有误：{error}") from None
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise UnreadableError(f"JSON 不是 yusuan 的预算公开格式（{type(error).__name__}：{error}）") from None


def load(path: Path) -> Disclosure:
    """A disclosure from a JSON file written by `yusuan parse --json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UnreadableError("JSON 文件不是 UTF-8 编码", file=path.name) from None
    except json.JSONDecodeError as error:
        raise UnreadableError(f"JSON 格式错误：第 {error.lineno} 行第 {error.colno} 列", file=path.name) from None
    if not isinstance(data, dict):
        raise UnreadableError("JSON 的顶层应是一个对象", file=path.name)
    try:
        return from_dict(data)
    except UnreadableError as error:
        raise UnreadableError(error.message, file=path.name) from None
