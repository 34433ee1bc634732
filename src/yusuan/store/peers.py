"""Peer comparison: ratios per document and the median of its group (same kind, level, year).

Staff is the in-post count (在职) where stated, else 实有人数: retirees draw no 三公.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from statistics import median
from typing import Any

import pandas as pd

from .figures import BASIC, PERSONNEL, PROJECT, SANGONG, SPENDING
from .totals import PREVIOUS

_PER_STAFF = Decimal("0.0001")  # 万元 per person to the yuan
_PERCENT = Decimal("0.01")
RATIOS = ("sangong_per_staff", "personnel_per_staff", "project_share", "change")
RATIO_NAMES = {"sangong_per_staff": ("人均三公经费", "万元/人"), "personnel_per_staff": ("人均人员经费", "万元/人"),
               "project_share": ("项目支出占比", "%"), "change": ("支出总计比上年增减", "%")}  # title, unit
GROUP = ("kind", "level", "year")


def _ratio(part: Any, whole: Any, scale: Decimal, times: int = 1) -> Decimal | None:
    if part is None or whole in (None, 0):
        return None
    return (Decimal(part) * times / Decimal(whole)).quantize(scale)


def peer_table(totals: Iterable[Any]) -> pd.DataFrame:
    """`totals`: rows of totals.py's statement with the five figures and last year's spending."""
    rows: list[dict[str, Any]] = []
    for record in (row._mapping for row in totals):
        staff = record["staff_active"] if record["staff_active"] is not None else record["staff_actual"]
        basic, project, spending = record[BASIC], record[PROJECT], record[SPENDING]
        spending_total = (basic or 0) + (project or 0) if basic is not None or project is not None else None
        last = record[PREVIOUS]
        rows.append({
            "document": record["document"], "unit": record["unit"], "year": record["year"], "kind": record["kind"],
            "level": record["level"], "staff": staff, "spending": spending, "sangong": record[SANGONG],
            "sangong_per_staff": _ratio(record[SANGONG], staff, _PER_STAFF),
            "personnel_per_staff": _ratio(record[PERSONNEL], staff, _PER_STAFF),
            "project_share": _ratio(project, spending_total, _PERCENT, 100),
            "change": _ratio(spending - last, last, _PERCENT, 100)
            if last is not None and spending is not None else None,
        })
    groups: dict[tuple[Any, ...], dict[str, list[Decimal]]] = {}
    sizes: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        sizes[tuple(row[key] for key in GROUP)] += 1
        group = groups.setdefault(tuple(row[key] for key in GROUP), {ratio: [] for ratio in RATIOS})
        for ratio in RATIOS:
            if row[ratio] is not None:
                group[ratio].append(row[ratio])
    medians = {key: {ratio: median(values) if values else None for ratio, values in group.items()}
               for key, group in groups.items()}
    for row in rows:
        key = tuple(row[k] for k in GROUP)
        row["peers"] = sizes[key]
        for ratio in RATIOS:
            row[f"{ratio}_median"] = medians[key][ratio]
    columns = ["document", "unit", "year", "kind", "level", "staff", "spending", "sangong", "peers"]
    columns += [name for ratio in RATIOS for name in (ratio, f"{ratio}_median")]
    return pd.DataFrame({column: [row[column] for row in rows] for column in columns}, columns=columns, dtype=object)
