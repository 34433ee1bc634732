"""Part 3's projects and other matters (政府采购, 国有资产, 车辆) against the tables and themselves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Disclosure, ProjectStatement
from ..recovery.extras import narrated_all
from ..template.restatements import ASSET_PARTS
from ..template.select import in_unit, project_rows
from ..text import fold
from .base import ERROR, Finding, Rule, search
from .narrative import HALF_CENT, MALFORMED

_NO_VEHICLE = re.compile(r"未安排(?:购置)?(?:公务用?)?车辆(?:购置)?(?:经费|费用|预算)")


def _tolerance(terms: int) -> Decimal:
    return HALF_CENT * (terms + 1)


class ProjectScale(Rule):
    id = "N.project-scale"
    severity = ERROR
    family = "说明与表格"
    title = "项目说明的预算安排规模应等于项目支出表中该项目的金额"
    why = "说明与表格所列同一项目的金额不同，公众无从知道该项目到底安排了多少钱。"
    example = "项目名称：医保业务经费；预算安排规模：12.00 万元（项目支出表为 11.00 万元）"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get("T7")
        if table is None or not table.readable:
            return
        by_name: dict[str, list[ProjectStatement]] = {}
        for project in disclosure.projects:
            if project.scale is not None:
                by_name.setdefault(fold(project.name), []).append(project)
        for projects in by_name.values():
            rows = project_rows(table, projects[0].name)
            if not rows:
                continue
            stated = sum((project.scale or Decimal(0) for project in projects), Decimal(0))
            budget = in_unit(sum((row.value("项目支出合计") for row in rows), Decimal(0)), table.money_unit, "万元")
            if abs(stated - budget) > _tolerance(len(projects) + len(rows)):
                scales = " + ".join(str(project.scale) for project in projects)
                yield self.finding(
                    f"项目“{projects[0].name}”的预算安排规模为 {scales} 万元，项目支出表（T7）中为 {budget} 万元",
                    table="T7", code=rows[0].code, column="项目支出合计", section="项目支出情况说明",
                    quote=projects[0].name, stated=stated, expected=budget, source=projects[0].source)


class Distribution(Rule):
    id = "N.distribution"
    severity = ERROR
    family = "说明内部"
    title = "项目的资金分配情况之和应等于预算安排规模"
    why = "分配出去的钱与安排的钱不等，说明分配明细或规模有一个是错的。"
    example = "预算安排规模：135.00 万元；资金分配情况：基金监管经费 50 万元，医药价格检测 35 万元，"\
              "支付方式改革 45 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for project in disclosure.projects:
            parts = [amount for _, amount in project.distribution]
            scale = project.scale
            text = project.fields.get("资金分配情况", "")
            if scale is None or not parts or MALFORMED.search(text):
                continue
            # the parts alone, after a total stated first (其中…), or before one stated last (共计…)
            readings = [parts]
            if len(parts) > 1 and parts[0] == scale:
                readings.append(parts[1:])
            if len(parts) > 1 and parts[-1] == scale:
                readings.append(parts[:-1])
            slack = _tolerance(len(parts))
            if any(abs(sum(reading, Decimal(0)) - scale) <= slack for reading in readings):
                continue
            shown = readings[-1]
            total = sum(shown, Decimal(0))
            yield self.finding(
                f"项目“{project.name}”的资金分配为 {' + '.join(map(str, shown))} = {total} 万元，"
                f"预算安排规模为 {scale} 万元", section="项目支出情况说明", quote=text[:120],
                stated=total, expected=scale, source=project.source)


class AssetParts(Rule):
    id = "N.assets"
    severity = ERROR
    family = "说明内部"
    title = "国有资产中车辆的数量和价值应等于各类车辆之和"
    why = "车辆总数与各类车辆之和不等，说明资产情况是拼凑的，公众无法据此监督公务用车。"
    example = "车辆 2 辆，价值 52.31 万元；其中：一般公务用车 1 辆，价值 34.35 万元；其他车辆 0 辆"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for total in disclosure.assets:
            kinds = ASSET_PARTS.get(total.kind)
            if not kinds:
                continue
            parts = [asset for asset in disclosure.assets if asset.kind in kinds]
            if len(parts) < 2:
                continue
            for what, stated, values, unit in (
                ("数量", total.count, [part.count for part in parts], total.measure or ""),
                ("价值", total.value, [part.value for part in parts], "万元"),
            ):
                if stated is None or any(value is None for value in values):
                    continue
                summed = sum(values, Decimal(0))  # type: ignore[arg-type]
                if abs(summed - stated) > (_tolerance(len(values)) if what == "价值" else 0):
                    shown = " + ".join(f"{part.kind} {value}" for part, value in zip(parts, values, strict=True))
                    yield self.finding(
                        f"{total.kind}{what}为 {stated} {unit}，其中各类之和为 {shown} = {summed} {unit}",
                        section="国有资产占有使用情况", quote=total.quote, stated=stated, expected=summed,
                        source=total.source)


class Reserved(Rule):
    id = "N.reserved"
    severity = ERROR
    family = "说明内部"
    title = "面向中小企业预留的政府采购金额不应超过政府采购预算"
    why = "预留份额是政府采购预算的一部分；超过总额，说明其中一个数字抄错了。"
    example = "政府采购预算 57.95 万元；面向中小企业预留政府采购项目预算金额 75.95 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        stated = narrated_all(disclosure)
        if "procurement.total" not in stated:
            return
        total = disclosure.statements[stated["procurement.total"][0]]
        for statement in (disclosure.statements[index] for index in stated.get("procurement.reserved", [])):
            if statement.amount > total.amount + HALF_CENT:
                yield self.on(statement, f"预留金额 {statement.amount} 万元超过政府采购预算 {total.amount} 万元",
                              stated=statement.amount, expected=total.amount)


class VehiclePurchase(Rule):
    id = "N.vehicle-purchase"
    severity = ERROR
    family = "说明与表格"
    title = "说明称未安排购置车辆经费，“三公”经费表的公务用车购置费应为零"
    why = "说明与表格对是否买车说法不一，正是公众最关心的“三公”经费问题。"
    example = "“2024 年单位预算未安排购置车辆经费”，而“三公”经费表公务用车购置费 30.00 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get("T10")
        if table is None or not table.readable:
            return
        bought = next((row for row in table.rows if row.name == "公务用车购置费"), None)
        if bought is None or bought.value("合计") <= 0:
            return
        for match, source in search(disclosure.narrative, _NO_VEHICLE):
            yield self.finding(f"“{match.group(0)}”，而“三公”经费表（T10）公务用车购置费为 {bought.value('合计')} 万元",
                               table="T10", column="合计", section="其他重要事项", quote=match.group(0),
                               stated=Decimal(0), expected=bought.value("合计"), source=source)
