"""绩效目标表: the unit's overall targets and each project's, laid out as the template prints them."""

from __future__ import annotations

from ..model import Disclosure
from .blocks import Grid, HeaderCell
from .inputs import Target
from .layout import money


def target_grid(disclosure: Disclosure, target: Target) -> Grid:
    unit = disclosure.unit or ""
    kind = "项目支出绩效目标表" if target.project else f"{(disclosure.kind or '单位预算')[:2]}整体绩效目标表"
    head = [["项目名称" if target.project else "单位名称", target.project or unit,
             "项目负责人" if target.project else "", ""]]
    head += [["主管部门及代码" if target.project else "单位名称", unit, "实施单位", unit]]
    head += [["年度预算（万元）", f"资金总额：{money(target.total)}",
              f"财政拨款：{money(target.fiscal)}", f"其他资金：{money(target.other)}"]]
    head += [["年度绩效目标", target.goal, "", ""]]
    body = [*head, ["一级指标", "二级指标", "三级指标", "指标值（分值权重）"]]
    body += [[i.level1, i.level2, i.name, f"{i.target}（{i.weight}）" if i.weight else i.target]
             for i in target.indicators]
    return Grid(number="", title=kind, preparer=f"（{disclosure.year or ''}年）", money_unit="",
                header=[[HeaderCell("项目"), HeaderCell("内容"), HeaderCell("项目"), HeaderCell("内容")]],
                body=body, numeric=[False] * 4, widths=[1.5, 3.0, 2.0, 2.0])
