"""Part 3 against the tables: every amount the narrative restates equals the table's figure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..classification import code_by_name
from ..model import Disclosure, Row, Statement, Table
from ..template.evaluate import printed, standing_for, step_of
from ..template.restatements import RESTATEMENTS, UNIT_RESTATEMENTS, Restatement
from ..template.select import amount, in_unit, select
from ..text import fold, unnumbered
from .base import ERROR, WARNING, Finding, Rule

# a 类 as the text names it: 教育支出（类）, or “一般公共服务支出”科目
_CLASS = re.compile(r"([^、.．\d（）()“”]+)(?:（类）|”科目)")
# what a statement's name may open with before its subject: the year and who it is of
# (2026年本单位收入预算, 2026年，上海市审计局收入预算, 深圳市审计局预算)
_OF_WHOM = r"(?:本单位|本部门|我单位|我部门)"  # not 单位 alone: 单位资金 is a subject
_YEAR = re.compile(r"^(?:19|20)\d{2}年度?[，,]?")
_ITEM = re.compile(r"（款）(.+?)（项）")


def _named(table: Table, statement: Statement, level: str) -> list[Row] | None:
    """The T5 row a statement names: a 类 by its name, a 项 by its name under its 类."""
    found = _CLASS.findall(statement.name)
    if not found:  # a 类 named bare (其中：教育支出 656.73 万元), where the classification knows it
        subject = _subject(statement.name, ())
        code = code_by_name(subject)
        if code is None or len(code[0]) != 3:
            return None
        found = [subject]
    class_name = fold(found[-1])
    classes = {row.code: row for row in table.rows if row.kind == "class" and fold(row.name or "") == class_name}
    if level == "class":
        return list(classes.values())[:1]
    item = _ITEM.search(statement.name)
    if item is None:
        return None
    item_name = fold(item.group(1))
    return [row for row in table.rows if row.code and len(row.code) == 7 and fold(row.name or "") == item_name
            and (not classes or row.code[:3] in classes)][:1]


def restated_rows(disclosure: Disclosure, restatement: Restatement, statement: Statement,
                  unit: str | None = None) -> list[Row] | None:
    """The rows holding the figure a statement restates; None where the rule cannot tell.
    `unit`: the unit the statement's section is named for, whose own row is meant."""
    ref = restatement.figure
    table = disclosure.tables.get(ref.table)
    if table is None or not table.readable or not set(standing_for(table, ref)) <= printed(table):
        return None  # a column no row prints a figure in (泉州 九 prints its 合计 alone) says nothing
    if ref.row.startswith("name:"):
        return _named(table, statement, ref.row[5:])
    if ref.row == "unit":
        return [row for row in table.rows if row.kind == "unit" and fold(row.name or "") == unit][:1] or None
    rows = select(table, ref).get("", [])
    if ref.row.startswith("line:") and not rows:
        return None  # a line the table prints under another name (长沙 一、本级财政拨款收入) is not known
    return rows


def _units(disclosure: Disclosure) -> set[str]:
    """The units a department's tables print rows of, and the disclosure's own."""
    return {fold(name) for table in disclosure.tables.values() for row in table.rows
            for name in (row.unit, row.name if row.kind == "unit" else None) if name} | (
        {fold(disclosure.unit)} if disclosure.unit else set())


# a section's title that is an organisation's name, not a topic: 二、深圳市XX中心（本级）
_ORGANISATION = re.compile(r"^(?!.*(?:预算|支出|收入|经费|情况|说明|职责|职能|设置|构成)).{2,40}?"
                           r"(?:局|委员会|委|办公室|中心|院|所|站|队|馆|署|厅|处|校|学|园|社|台|场)$")


def _unit_of(section: str, units: set[str]) -> str | None:
    """The unit a section is named for (一、深圳市审计局, 二、XX中心（本级）), if it is: '' where
    the title is an organisation's name that no table prints rows of."""
    head = fold(unnumbered(section.split(" ")[0]))
    head = re.sub(r"[(]?本级[)]?$", "", head)
    return head if head in units else "" if _ORGANISATION.match(head) else None


def _subject(name: str, units: tuple[str, ...]) -> str:
    """A statement's name without its list numbering, year and whose it is: what it names."""
    name = _YEAR.sub("", unnumbered(name))
    for whom in (*units, _OF_WHOM):
        name = re.sub(f"^{whom}(?:本级)?", "", name)
    return name


def restated_statements(disclosure: Disclosure) -> Iterator[tuple[Statement, Restatement, list[Row] | None]]:
    units = _units(disclosure)
    for statement in disclosure.statements:
        unit = _unit_of(statement.section, units)
        name = _subject(statement.name, tuple(re.escape(u) for u in (unit, disclosure.unit) if u))
        if unit == "":
            continue  # a unit whose tables are not printed: its figures are no department's totals
        if unit is not None:  # a unit's own figures: its rows, never the department's totals
            candidates = [r for r in UNIT_RESTATEMENTS if r.name.search(name)]
        else:
            candidates = [r for r in RESTATEMENTS if r.section.search(statement.section) and r.name.search(name)]
        # a figure more than one table prints (declared once per table, in the same words): the
        # first of them that can be read (上海 prints T1 in a layout read by position only)
        found = [(r, rows) for r in candidates if r.name == candidates[0].name
                 and (rows := restated_rows(disclosure, r, statement, unit)) is not None][:1]
        for restatement, rows in found or [(r, None) for r in candidates[:1]]:
            yield statement, restatement, rows


def agrees(stated: Decimal, figure: Decimal, figure_step: Decimal) -> bool:
    """Whether a figure the text states (万元) agrees with the table's (converted to 万元 exactly)
    at the coarser of their printed precisions: the table's figure rounded as the text prints,
    or, where the table is the coarser (万元 without decimals), within half of each last place."""
    step = Decimal(1).scaleb(stated.as_tuple().exponent)
    if figure_step <= step:
        return figure.quantize(step, ROUND_HALF_UP) == stated
    return abs(figure - stated) <= (figure_step + step) / 2


class Restated(Rule):
    id = "N.amount"
    severity = ERROR
    family = "说明与表格"
    title = "说明中重述的金额应与表格一致"
    why = "情况说明是多数读者唯一会读的部分；与表格不一致的数字会误导读者，也说明说明是手工抄写的。"
    example = "说明写“一般公共预算 784.40 万元”，收支总体情况表为 784.04 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for statement, restatement, rows in restated_statements(disclosure):
            ref = restatement.figure
            if not rows and (rows is None or ref.row.startswith("name:")):
                continue  # not found: NamedRow says so
            if rows and not any(row.values for row in rows):
                continue  # a line printed with no figure at all (上海 收入总计): C.blank-total says so
            table = disclosure.tables[ref.table]
            # a total column not printed stands as its printed parts (深圳 表9: by fund only)
            figure = in_unit(amount(rows, standing_for(table, ref)), table.money_unit, "万元")
            if not agrees(statement.amount, figure, step_of(table, "万元")):
                yield self.on(statement,
                              f"{ref.table}的“{ref.columns[0]}”为 {figure} 万元，文中为 {statement.amount} 万元",
                              table=ref.table, code=rows[0].code if rows else None, column=ref.columns[0],
                              stated=statement.amount, expected=figure)


class NamedRow(Rule):
    id = "N.subject"
    severity = WARNING
    family = "说明与表格"
    title = "说明中列出的科目应在表格中有同名的科目"
    why = "说明与表格用不同的科目名称，读者无法对应；多半是科目名称写错或用了旧版名称。"
    example = "说明写“事业单位运行（项）”，一般公共预算支出情况表中为“事业运行”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for statement, restatement, rows in restated_statements(disclosure):
            # a 项 budgeted at 0 this year is rightly gone from the table (the text explains its fall)
            if rows == [] and restatement.figure.row.startswith("name:") and statement.amount:
                yield self.on(statement, f"{restatement.figure.table}中没有这样命名的科目",
                              table=restatement.figure.table)
