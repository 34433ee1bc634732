"""The tables the template lacks (template/extras.py) against the narrative and the canonical
tables: 政府采购, 机关运行经费, 三公、会议费、培训费, and the basic-spending table by unit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Amount, Disclosure, ExtraTable, Row, Statement
from ..recovery.extras import figure, narrated, wan
from ..template.evaluate import printed, step_of
from ..template.select import in_unit
from .base import ERROR, Finding, Rule
from .restated import agrees

_PROCUREMENT_PARTS = (("procurement.goods", "货物"), ("procurement.works", "工程"), ("procurement.services", "服务"))


def _step(table: ExtraTable) -> Decimal:
    """One unit of the table's last printed place, in 万元."""
    return in_unit(Decimal(1).scaleb(-(table.places or 0)), table.money_unit, "万元")


def _total(disclosure: Disclosure, table_id: str, parts: tuple[str, str]) -> Row | None:
    """A canonical table's total row, where its columns can be trusted: the header showed the
    template's columns, or (a header read otherwise) the total row's 合计 is exactly its parts."""
    table = disclosure.tables.get(table_id)
    total = table.total() if table is not None and table.present else None
    if table is None or total is None:
        return None
    if table.readable and set(parts) <= printed(table):  # a cell printed empty under a printed column is 0
        return total
    if all(part in total.values for part in parts) and total.value("合计") == sum(
            (total.value(part) for part in parts), Decimal(0)):
        return total
    return None


def _stated(disclosure: Disclosure, field: str) -> Statement | None:
    found = narrated(disclosure).get(field)
    return disclosure.statements[found[1]] if found else None


def _against_text(rule: Rule, disclosure: Disclosure, table: ExtraTable, amount: Amount | None,
                  statement: Statement | None, what: str) -> Iterator[Finding]:
    if statement is None:
        return
    value = wan(table, amount) if amount is not None else Decimal(0)
    if not agrees(statement.amount, value, _step(table)):
        yield rule.on(statement, f"{table.title}中{what}为 {value} 万元，文中为 {statement.amount} 万元",
                      table=table.title, column=what, stated=statement.amount, expected=value)


class ProcurementStated(Rule):
    id = "X.procurement"
    severity = ERROR
    family = "说明与表格"
    title = "说明中的政府采购预算总额及货物、工程、服务各类应与政府采购预算表一致"
    why = "政府采购预算表是说明所述采购金额的依据；两处不一致，读者无从知道要采购多少、采购什么。"
    example = "说明写“政府采购预算总额 4988.73 万元，其中服务 4749.95 万元”，政府采购预算明细表服务为 4,479.95 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        found = figure(disclosure, "procurement", "合计")
        if found is None:
            return
        table, total = found
        yield from _against_text(self, disclosure, table, total, _stated(disclosure, "procurement.total"), "合计")
        if not any(part in table.figures for _, part in _PROCUREMENT_PARTS):
            return  # the table is not by kind: nothing to say of the parts
        for field, part in _PROCUREMENT_PARTS:  # a kind the table lists no row for is none
            yield from _against_text(self, disclosure, table, table.figures.get(part),
                                     _stated(disclosure, field), part)


class RunningCostStated(Rule):
    id = "X.running-cost"
    severity = ERROR
    family = "说明与表格"
    title = "说明中的机关运行经费应与机关运行经费预算表的合计一致"
    why = "机关运行经费是公众衡量机关“过紧日子”的指标；说明与表格不一致，说明其中之一抄错了。"
    example = "说明写“机关运行经费预算支出 474.98 万元”，一般公共预算机关运行经费支出预算表合计 474.89 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        found = figure(disclosure, "running", "合计")
        if found is not None:
            yield from _against_text(self, disclosure, found[0], found[1], _stated(disclosure, "running_cost"), "合计")


class RunningWithinBasic(Rule):
    id = "X.running-basic"
    severity = ERROR
    family = "表间"
    title = "机关运行经费不应超过一般公共预算基本支出中的公用经费"
    why = "机关运行经费是行政单位一般公共预算基本支出中的日常公用经费，是公用经费的一部分；超过公用经费，"\
          "两处必有一处错。（部门含事业单位时二者不必相等，故只查不超过。）"
    example = "机关运行经费预算表合计 574.89 万元，一般公共预算基本支出表公用经费 474.89 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        total = _total(disclosure, "T6", ("人员经费", "公用经费"))
        if total is None:
            return
        basic = disclosure.tables["T6"]
        common = in_unit(total.value("公用经费"), basic.money_unit, "万元")
        slack = step_of(basic, "万元") / 2
        found = figure(disclosure, "running", "合计")
        if found is not None:
            table, amount = found
            running = wan(table, amount)
            if running - common > slack + _step(table) / 2:
                yield self.finding(f"{table.title}合计 {running} 万元，"
                                   f"超过一般公共预算基本支出表（T6）公用经费 {common} 万元", table=table.title,
                                   column="合计", stated=running, expected=common, source=amount.source)
            return
        statement = _stated(disclosure, "running_cost")
        if statement is not None and statement.amount - common > slack + _unit(statement.amount) / 2:
            yield self.on(statement, f"机关运行经费 {statement.amount} 万元，超过一般公共预算基本支出表（T6）公用经费 "
                                     f"{common} 万元", table="T6", column="公用经费", stated=statement.amount,
                          expected=common)


def _unit(value: Decimal) -> Decimal:
    return Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]


_T10_LINES = {"“三公”经费": None, "因公出国（境）费": "因公出国（境）费", "公务接待费": "公务接待费",
              "公务用车购置及运行费": "公务用车购置及运行费", "公务用车购置费": "公务用车购置费",
              "公务用车运行费": "公务用车运行费"}


class ThreePublicStated(Rule):
    id = "X.three-public"
    severity = ERROR
    family = "说明与表格"
    title = "“三公”经费、会议费、培训费表应与“三公”经费表及说明一致"
    why = "“三公”经费、会议费和培训费是公众最关注的支出；同一数字在两张表或表与说明中不同，必有一处错。"
    example = "“三公”经费、会议费、培训费支出表会议费 30.00 万元，说明写“会议费预算支出 20 万元”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        table = next((t for t in disclosure.extra_tables if t.concept == "three_public" and t.figures), None)
        if table is None:
            return
        for field, name in (("three_public", "“三公”经费"), ("meetings", "会议费"), ("training", "培训费")):
            if name in table.figures:
                yield from _against_text(self, disclosure, table, table.figures[name], _stated(disclosure, field), name)
        t10 = disclosure.tables.get("T10")
        if t10 is None or not t10.readable:
            return
        for name, line in _T10_LINES.items():
            row = t10.total() if line is None else next((r for r in t10.rows if r.name == line), None)
            if row is None or name not in table.figures or "合计" not in row.values:
                continue
            mine, theirs = wan(table, table.figures[name]), in_unit(row.value("合计"), t10.money_unit, "万元")
            if abs(mine - theirs) > (_step(table) + step_of(t10, "万元")) / 2:
                yield self.finding(f"{table.title}中{name}为 {mine} 万元，“三公”经费表（T10）为 {theirs} 万元",
                                   table=table.title, column=name, stated=mine, expected=theirs,
                                   source=table.figures[name].source)


class UnitsSum(Rule):
    id = "X.unit-sum"
    severity = ERROR
    family = "表内"
    title = "按单位列示的基本支出表中，各单位之和应等于合计"
    why = "部门预算汇总各所属单位；各单位之和与部门合计不等，说明漏列、重列了单位或合计有误。"
    example = "部门预算基本支出预算表：合计 58,118.59 万元，37 个单位之和 58,018.59 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for table in disclosure.extra_tables:
            units = [row for row in table.rows if row.kind == "unit"]
            total = next((row for row in table.rows if row.kind == "total"), None)
            if total is None or len(units) < 2:
                continue
            summed = sum((row.value("合计") for row in units), Decimal(0))
            stated = total.value("合计")
            if abs(summed - stated) > Decimal(1).scaleb(-(table.places or 0)) * len(units) / 2:
                yield self.finding(f"{table.title}：合计 {stated} {table.money_unit}，{len(units)} 个单位之和 "
                                   f"{summed} {table.money_unit}", table=table.title, column="合计",
                                   stated=stated, expected=summed, source=total.source)


class BasicTotal(Rule):
    id = "X.basic-total"
    severity = ERROR
    family = "表间"
    title = "基本支出（项目支出）预算表的合计应等于支出总表的基本支出（项目支出）"
    why = "两表列示的是同一笔基本支出（项目支出），全部资金口径；合计不等，说明其中一张表漏列或错列。"
    example = "基本支出总表合计 9,206.23 万元，支出总表基本支出 9,260.23 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        total = _total(disclosure, "T3", ("基本支出", "项目支出"))
        if total is None:
            return
        spending = disclosure.tables["T3"]
        for concept, column in (("basic", "基本支出"), ("project", "项目支出")):
            found = figure(disclosure, concept, "合计")
            if found is None:
                continue
            table, amount = found
            mine, theirs = wan(table, amount), in_unit(total.value(column), spending.money_unit, "万元")
            if abs(mine - theirs) > (_step(table) + step_of(spending, "万元")) / 2:
                yield self.finding(f"{table.title}合计 {mine} 万元，支出总表（T3）{column} {theirs} 万元",
                                   table=table.title, column="合计", stated=mine, expected=theirs,
                                   source=amount.source)


def extra_rules() -> list[Rule]:
    return [ProcurementStated(), RunningCostStated(), RunningWithinBasic(), ThreePublicStated(), UnitsSum(),
            BasicTotal()]
