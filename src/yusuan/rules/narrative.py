"""Part 3 against itself: shares of the whole, growth rates of the changes, figures that are
typos. Tolerance: the rounding of the figures compared, and one unit in the last place of a
printed percentage (documents round or truncate it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Disclosure, Statement
from ..template.restatements import STATED_SUMS
from ..template.select import in_unit
from .base import ERROR, WARNING, Finding, Rule, search

MALFORMED = re.compile(r"\d+\.\.+\d+|\d+\.\d+\.\d+")
# 当年财政拨款项目 8 个，涉及预算金额 493.64 万元 (not 非财政拨款)
_TARGETED = re.compile(r"(?<!非)财政拨款项目\d+个[，,]?涉及(?:预算)?(?:金额)?(?:为)?([\d,]+(?:\.\d+)?)万元")
# an item's statement opens with its year's budget: 住房公积金（01项）：2023年预算数为…
_BUDGETED = re.compile(r"[：:]((?:19|20)\d{2})年(?:度)?预算数为")
_COMPARED = re.compile(r"比((?:19|20)\d{2})年(?:度)?(?:预算|决算|执行)")

HALF_CENT = Decimal("0.005")  # the rounding of an amount printed in 万元 with two decimals


def _unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def _ratio_range(part: Decimal, whole: Decimal) -> tuple[Decimal, Decimal]:
    """part ÷ whole × 100 over every value the printed figures may stand for."""
    values = [(part + a) / (whole + b) * 100 for a in (-HALF_CENT, HALF_CENT)
              for b in (-HALF_CENT, HALF_CENT) if whole + b]
    return min(values), max(values)


def _fits(stated: Decimal, low: Decimal, high: Decimal) -> bool:
    slack = _unit(stated)
    return low - slack <= stated <= high + slack


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


class Share(Rule):
    id = "N.share"
    severity = ERROR
    family = "说明内部"
    title = "说明中的占比应等于该项金额除以所属总额"
    why = "占比是读者理解预算结构的依据；错误的占比说明数字是手工计算或抄错的。"
    example = "收入预算 1,048.38 万元，其中一般公共预算 784.04 万元，占 75.79%（应为 74.79%）"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        whole: dict[str, Statement] = {}
        for statement in disclosure.statements:
            if statement.share is None:
                whole.setdefault(statement.section, statement)
                continue
            base = whole.get(statement.section)
            if base is None or base.amount <= 0 or statement.amount > base.amount:
                continue
            low, high = _ratio_range(statement.amount, base.amount)
            if not _fits(statement.share, low, high):
                expected = _q(statement.amount / base.amount * 100)
                yield self.on(statement, f"占比应为 {statement.amount} ÷ {base.amount} = {expected}%，"
                              f"文中为 {statement.share}%", stated=statement.share, expected=expected)


class Growth(Rule):
    id = "N.growth"
    severity = ERROR
    family = "说明内部"
    title = "增长率应等于增减额除以上年预算数"
    why = "增长率与增减额不符，读者无法知道哪一个是真的。"
    example = "比上年预算增加 42.40 万元，增长 11.67%（上年 397.24 万元，应为 10.67%）"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for statement in disclosure.statements:
            if statement.change is None or statement.growth is None:
                continue
            last = statement.amount - statement.change
            if abs(last) <= 2 * HALF_CENT:
                continue  # nothing last year: no rate to speak of (documents write 100%)
            if (statement.change > 0) != (statement.growth > 0) and statement.change and statement.growth:
                yield self.on(statement, f"金额{'增加' if statement.change > 0 else '减少'}，"
                              f"增长率却写成{'增长' if statement.growth > 0 else '下降'}",
                              stated=statement.growth, expected=-statement.growth)
                continue
            # the change printed off by a, the amount by b: last year was (amount + b) − (change + a)
            values = [(statement.change + a) / (last + b - a) * 100 for a in (-HALF_CENT, HALF_CENT)
                      for b in (-HALF_CENT, HALF_CENT) if last + b - a]
            if not _fits(statement.growth, min(values), max(values)):
                expected = _q(statement.change / last * 100)
                yield self.on(statement, f"上年预算 {statement.amount} − ({statement.change}) = {last} 万元，"
                              f"增长率应为 {statement.change} ÷ {last} = {expected}%，文中为 {statement.growth}%",
                              stated=statement.growth, expected=expected)


class Typo(Rule):
    id = "N.typo"
    severity = WARNING
    family = "说明内部"
    title = "数字书写错误（如“1..75”）"
    why = "写错的数字无法确定原意，公开前必须改正。"
    example = "电话通讯服务费1..75万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for match, source in search(disclosure.narrative, MALFORMED):
            yield self.finding(f"第三部分中的数字“{match.group(0)}”写法有误", section="第三部分",
                               quote=match.group(0), source=source)


class ComparedYear(Rule):
    id = "N.year"
    severity = ERROR
    family = "说明内部"
    title = "与上年比较时写错了年份"
    why = "“比上年”应是比预算年度的前一年；写成本年或更晚的年份，说明文字是从别的年度照抄的。"
    example = "2026 年预算说明中写“比2026年预算增加”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if disclosure.year is None:
            return
        for match, source in search(disclosure.narrative, _COMPARED):
            year = int(match.group(1))
            if year >= disclosure.year:
                yield self.finding(
                    f"“{match.group(0)}”：{disclosure.year} 年预算应与 {disclosure.year - 1} 年比较",
                    section="第三部分", quote=match.group(0), stated=Decimal(year),
                    expected=Decimal(disclosure.year - 1), source=source)


class BudgetYear(Rule):
    id = "N.budget-year"
    severity = ERROR
    family = "说明内部"
    title = "说明本年预算数时写错了年份"
    why = "“2023 年预算数为……”出现在 2024 年预算中，说明这段文字是从上年文件照抄的，数字可能也没有更新。"
    example = "2024 年预算说明：住房公积金（项）：2023 年预算数为 27.16 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if disclosure.year is None:
            return
        for match, source in search(disclosure.narrative, _BUDGETED):
            year = int(match.group(1))
            if year != disclosure.year:
                yield self.finding(
                    f"“{match.group(0)}”：这是 {disclosure.year} 年预算，应写 {disclosure.year} 年预算数",
                    section="第三部分", quote=match.group(0), stated=Decimal(year),
                    expected=Decimal(disclosure.year), source=source)


_LEVELED = re.compile(r"([^（）()、，,。:：\d]+)[（(](类|款|项)[）)]")
_REASON = re.compile(r"([\u4e00-\u9fa5]{2,30}?)(增加|减少)(\d[\d,]*(?:\.\d+)?)万元")


class ChangeTwice(Rule):
    id = "N.change-twice"
    severity = ERROR
    family = "说明内部"
    title = "同一科目的增减额在说明中前后不一"
    why = "说明原因时写的增减额与该科目自己的说明不同，读者无法知道哪个是真的。"
    example = "收入说明写“其他医疗救助减少 8038 万元”，该项的说明却是“比上年预算减少 8,008.35 万元”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        changes: dict[str, Decimal] = {}  # 类/款/项 name, its stem without 支出 → Σ changes of its items
        for statement in disclosure.statements:
            names = _LEVELED.findall(statement.name)
            if statement.change is None or not names or names[-1][1] != "项":
                continue
            for name, _level in names:
                stem = name.removesuffix("支出")
                if len(stem) >= 4:
                    changes[stem] = changes.get(stem, Decimal(0)) + statement.change
        if not changes:
            return
        stems = sorted(changes, key=len, reverse=True)
        for match, source in search(disclosure.narrative, _REASON):
            stem = next((stem for stem in stems if match.group(1).endswith(stem)), None)
            if stem is None:
                continue
            stated = Decimal(match.group(3).replace(",", "")) * (1 if match.group(2) == "增加" else -1)
            if abs(stated - changes[stem]) > HALF_CENT * 4:
                yield self.finding(
                    f"“{match.group(0)}”：该科目各项的说明合计{'增加' if changes[stem] >= 0 else '减少'} "
                    f"{abs(changes[stem])} 万元", section="第三部分", quote=match.group(0), stated=stated,
                    expected=changes[stem], source=source)


class StatedParts(Rule):
    id = "N.parts"
    severity = ERROR
    family = "说明内部"
    title = "说明中“其中”所列各项之和应等于总数（政府采购、“三公”经费）"
    why = "总数与分项对不上，读者无法判断哪个数字有误。"
    example = "政府采购预算 205.92 万元，其中：货物 21.90 万元、工程 0.00 万元、服务 184.20 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        items = disclosure.statements
        for index, statement in enumerate(items):
            rule = next((s for s in STATED_SUMS if s.total.search(statement.name)), None)
            if rule is None:
                continue
            parts = []
            for following in items[index + 1 : index + 1 + len(rule.parts)]:
                if following.section != statement.section or not any(p.search(following.name)
                                                                     for p in rule.parts):
                    break
                parts.append(following)
            if len(parts) < 2:
                continue
            total = sum((part.amount for part in parts), Decimal(0))
            if abs(total - statement.amount) > HALF_CENT * (len(parts) + 1):
                yield self.on(statement, f"其中各项之和为 {' + '.join(str(p.amount) for p in parts)} = {total} 万元",
                              stated=statement.amount, expected=total)


class TargetedFunds(Rule):
    id = "N.targeted-funds"
    severity = WARNING
    family = "说明与表格"
    title = "设有绩效目标的财政拨款项目金额应在本年项目支出与其加上结转之间"
    why = "预算绩效情况所说的项目金额，应是一般公共预算（含政府性基金、国有资本经营预算）项目支出，"\
          "至多再加上年财政拨款结转；超出这一范围，多半是把别的数字（如收支总预算）抄了进来。"
    example = "当年财政拨款项目 1 个，涉及预算金额 527.32 万元（即收支总预算），而项目支出只有 11.25 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        tables = disclosure.tables
        if not tables.get("T1") or not tables["T1"].readable:
            return
        spent = sum((_total(disclosure, table_id, column) for table_id, column in
                     (("T7", "项目支出合计"), ("T8", "项目支出"), ("T9", "项目支出"))), Decimal(0))
        carried = _line(disclosure, "上年结转结余/财政拨款结转")
        for match, source in search(disclosure.narrative, _TARGETED):
            stated = Decimal(match.group(1).replace(",", ""))
            if not spent - HALF_CENT <= stated <= spent + carried + HALF_CENT:
                yield self.finding(
                    f"“{match.group(0)}”：财政拨款项目支出为 {spent} 万元，上年财政拨款结转 {carried} 万元，"
                    f"设有绩效目标的项目金额应在 {spent} 至 {spent + carried} 万元之间",
                    section="预算绩效情况", quote=match.group(0), stated=stated, expected=spent,
                    source=source)


def _total(disclosure: Disclosure, table_id: str, column: str) -> Decimal:
    table = disclosure.tables.get(table_id)
    total = table.total() if table is not None and table.readable else None
    return in_unit(total.value(column), table.money_unit, "万元") if table and total else Decimal(0)


def _line(disclosure: Disclosure, name: str) -> Decimal:
    """A T1 line in 万元, the unit the text states it in (the table may print 元)."""
    table = disclosure.tables["T1"]
    value = next((row.value("预算数") for row in table.rows if row.name == name), Decimal(0))
    return in_unit(value, table.money_unit, "万元")
