"""Performance-target tables against the budget they set targets for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..classification import SECTOR_WORDS, name_of
from ..model import Disclosure, PerformanceTarget
from ..template.evaluate import step_of
from ..template.performance import EXECUTION_RATE, WEIGHT_TOTALS
from ..template.select import in_unit, project_rows
from ..text import fold, split_target
from .base import ERROR, WARNING, Finding, Rule, search
from .restated import agrees

# rates where more is better: a target for them is a floor (>=), never a ceiling; the 使用率 of a
# computing capacity is its load, which a target keeps under a ceiling (云主机使用率 ≤ 80%)
_LOAD = "".join(f"(?<!{word})" for word in ("主机", "服务器", "CPU", "cpu", "内存", "存储", "磁盘", "带宽", "机房"))
_FLOOR = re.compile(r"(满意度|满意率|及时率|覆盖率|完成率|参保率|合规率|合格率|知晓率|达标率|到位率|覆盖面|"
                    + _LOAD + r"使用率|执行率|结算率|受理率|办结率|准确率|正确率|完好率)"
                    r"(?:\([^)]*\))?(<=|≤|<|=<)\s*(\d+(?:\.\d+)?(?![\d.])%?)"
                    # a date or a span after the number makes it a deadline, not a rate
                    # (咨询服务按期完成率 ≤ 11 月: done by November)
                    r"(?!个?(?:工作)?(?:月|日|天|年|周|小时|分钟|季度))")
_DOUBLED = re.compile(r"[<>≤≥=]*\d+(?:\.\d+)?%%+|[<>]==|>>|<<")


class ProjectFunds(Rule):
    id = "P.funds"
    severity = ERROR
    family = "绩效目标"
    title = "项目绩效目标表的财政拨款金额应等于该项目在一般公共预算项目支出表中的金额"
    why = "绩效目标是为这笔钱设的；金额不符，说明目标表是按别的预算（或别的项目）填的。"
    example = "项目支出绩效目标表写财政拨款 6,000.05 万元，项目支出表中该项目为 6,000.06 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = disclosure.tables.get("T7")
        if table is None or not table.readable:
            return
        for target in disclosure.targets:
            stated = target.fiscal if target.fiscal is not None else target.total
            if target.kind != "project" or not target.project or stated is None:
                continue
            rows = project_rows(table, target.project)
            if not rows:
                continue
            budget = in_unit(sum((row.value("项目支出合计") for row in rows), Decimal(0)), table.money_unit, "万元")
            if not agrees(stated, budget, step_of(table, "万元")):
                yield self.finding(
                    f"“{target.project}”的绩效目标表财政拨款为 {stated} 万元，"
                    f"T7 中该项目为 {budget} 万元",
                    table="T7", code=rows[0].code, column="项目支出合计", section="绩效目标表",
                    quote=target.project, stated=stated, expected=budget, source=target.source)


class FloorTarget(Rule):
    id = "P.floor"
    severity = ERROR
    family = "绩效目标"
    title = "越高越好的比率（满意度、及时率、覆盖率……）的目标应写成“≥”，不应写成“≤”"
    why = "“满意度≤95%”等于说满意度不能超过 95%，目标方向写反，绩效评价将无从谈起。"
    example = "服务对象满意度（%）≤95%"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for match, source in search(target.lines, _FLOOR):
                yield self.finding(
                    f"“{target.project or '整体绩效目标'}”的指标“{match.group(0)}”：{match.group(1)}越高越好，"
                    f"目标应写成“≥{match.group(3)}”",
                    section="绩效目标表", quote=match.group(0), source=source)


class TargetTypo(Rule):
    id = "P.typo"
    severity = WARNING
    family = "绩效目标"
    title = "指标值书写错误（如“>=95%%”）"
    why = "写错的指标值无法确定原意，公开前必须改正。"
    example = "受益对象满意度（%）>=95%%"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for match, source in search(target.lines, _DOUBLED):
                # within one printed word: 100% | % is a value and its unit cell side by side
                words = [word for text, at in target.lines if at == source for word in text.split()]
                if not any(_DOUBLED.search(fold(word)) for word in words):
                    continue
                yield self.finding(f"“{target.project or '整体绩效目标'}”的指标值中有“{match.group(0)}”",
                                   section="绩效目标表", quote=match.group(0), source=source)


def _whose(target: PerformanceTarget) -> str:
    return f"“{target.project}”" if target.project else "整体绩效目标"


class Weights(Rule):
    id = "P.weights"
    severity = WARNING
    family = "绩效目标"
    title = "绩效指标的分值权重之和应为 90（另加预算执行率 10 分）或 100"
    why = "财预〔2020〕10号规定预算执行率 10 分、其他指标 90 分；权重之和不对，绩效评价无法打分。"
    example = "9 个指标的权重为 8×7 + 20 + 10 = 86"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            weights = [indicator.weight for indicator in target.indicators]
            if not target.indicators_complete or any(weight is None for weight in weights):
                continue
            total = sum(weights, Decimal(0))  # type: ignore[arg-type]
            rated = any(EXECUTION_RATE in (indicator.name or "") for indicator in target.indicators)
            expected = Decimal(100) if rated else Decimal(WEIGHT_TOTALS[0])
            if total not in map(Decimal, WEIGHT_TOTALS):
                yield self.finding(
                    f"{_whose(target)}的 {len(weights)} 个指标权重之和为 "
                    f"{' + '.join(map(str, weights))} = {total}，应为 {expected}",
                    section="绩效目标表", quote=target.project, stated=total, expected=expected,
                    source=target.indicators[0].source)


_FRACTION = re.compile(r"^0\.\d+$|^1(?:\.0+)?$")
_NAMED_UNIT = re.compile(r"[(（]([^()（）\d]{1,6})[)）]$")  # (2025年) qualifies, it measures nothing
# what a bracket must hold to name a unit of measure (人次, 万元, %, 个): counting words, not a
# description (全冠，土球苗), a thing (树牌) or a rate's basis (每人天)
_MEASURE = re.compile(r"^(?:[万亿千百]?(?:人次|小时|公顷|平方米|公里|千米|立方米|千瓦|课时|学时|人天|人日"
                      r"|[个人次天日月年周元台套件份篇册期株棵亩米辆项家户场批条所间座处名位本张页部组类种吨度例分%‰])){1,2}$")


def _same_measure(one: str, other: str) -> bool:
    """个 and 个市, 月 and 个月 count the same things; 人 and 万人, % and 次 do not."""
    def forms(text: str) -> set[str]:
        text = fold(text)
        return {text, text[1:]} if text.startswith("个") and len(text) > 1 else {text}

    return any(a.startswith(b) or b.startswith(a) for a in forms(one) for b in forms(other))


class LastYearUnit(Rule):
    id = "P.last-year-unit"
    severity = WARNING
    family = "绩效目标"
    title = "上年完成值应与指标值用同一计量单位（如指标以 % 计，上年值不应写成小数或次数）"
    why = "指标值写“≥72%”而上年完成值写“0.7677”或“12 次”，两者无法比较，读者无从判断目标定得是否合理。"
    example = "参保人政策范围内住院费用报销比例：指标值 ≥72%，上年完成值 0.7677"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for indicator in target.indicators:
                last = split_target(indicator.last_year or "")
                if indicator.unit is None or indicator.target is None or last is None:
                    continue
                _, number, unit = last
                if unit is None and indicator.unit == "%" and _FRACTION.match(str(number)) and indicator.target > 1:
                    percent = number * 100
                    yield self.finding(
                        f"{_whose(target)}的指标“{indicator.name}”：指标值 {indicator.value} 以 % 计，"
                        f"上年完成值却写成 {indicator.last_year}（应为 {percent.normalize():f}%）",
                        section="绩效目标表", quote=indicator.name, stated=number, expected=percent,
                        source=indicator.source)
                elif unit is not None and not _same_measure(unit, indicator.unit):
                    yield self.finding(
                        f"{_whose(target)}的指标“{indicator.name}”：指标值 {indicator.value} 以“{indicator.unit}”计，"
                        f"上年完成值 {indicator.last_year} 却以“{unit}”计",
                        section="绩效目标表", quote=indicator.name, stated=number, source=indicator.source)


class NamedUnit(Rule):
    id = "P.name-unit"
    severity = WARNING
    family = "绩效目标"
    title = "指标名称注明的计量单位应与指标值的单位一致"
    why = "名称写“资金拨付及时率（人）”而指标值是“=100%”，说明名称或指标值是从别处抄来的，指标含义不清。"
    example = "门诊费用（%）：指标值 ≤5 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for target in disclosure.targets:
            for indicator in target.indicators:
                named = _NAMED_UNIT.search(fold(indicator.name or ""))
                if (named is None or indicator.unit is None or not _MEASURE.match(named.group(1))
                        or _same_measure(named.group(1), indicator.unit)):
                    continue
                yield self.finding(
                    f"{_whose(target)}的指标“{indicator.name}”：名称以“{named.group(1)}”计，"
                    f"指标值 {indicator.value} 却以“{indicator.unit}”计",
                    section="绩效目标表", quote=indicator.name, source=indicator.source)


class ForeignGoal(Rule):
    id = "P.foreign-text"
    severity = WARNING
    family = "绩效目标"
    title = "绩效目标的文字只属于本单位没有支出的领域（多半抄自别的单位）"
    why = "医保部门的项目目标写“提高教育教学质量，解决学生资助资金不足”，显然是从别的单位照抄的，目标失去意义。"
    example = "全民参保及医疗服务经费项目：通过该项目的实施，提高教育教学质量，解决学生资助资金不足问题"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        # 类 in which the unit spends: T3's rows with money (T1 and T4 list every 类, spent or not)
        spent = {row.code[:3] for table_id in ("T3", "T5") if (table := disclosure.tables.get(table_id))
                 for row in table.rows if row.code and any(amount.value for amount in row.values.values())}
        if not spent:
            return
        own_words = {word for code in spent for word in SECTOR_WORDS.get(code, ())}
        for target in disclosure.targets:
            goal = fold(target.goal or "")
            if any(word in goal for word in own_words):
                continue  # a goal in the unit's own field that reaches into another (机动车排放 on 道路)
            # words the project's own indicators use too are its subject, not another unit's
            # (a greening office's 校园微花园建设 for 学生): a copied goal does not fit them
            indicators = fold("".join(indicator.name or "" for indicator in target.indicators))
            for code, words in SECTOR_WORDS.items():
                found = sorted({word for word in words if word in goal and word not in own_words
                                and word not in indicators})
                if code in spent or len(found) < 2:
                    continue
                yield self.finding(
                    f"{_whose(target)}的绩效目标写有“{'”“'.join(found)}”，属于“{name_of(code)}”，"
                    f"而本单位在该类没有任何支出", section="绩效目标表", quote=target.goal,
                    source=target.source)
