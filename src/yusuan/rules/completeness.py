"""Completeness against the template: every table there, every empty table explained."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Disclosure
from ..template import TABLE_BY_ID
from ..template.extras import EXTRA_BY_CONCEPT
from ..template.restatements import PART3_SECTIONS
from ..template.variants import VARIANT_BY_NAME
from ..text import fold
from .base import ERROR, NOTICE, WARNING, Finding, Rule


class MissingTable(Rule):
    id = "C.missing-table"
    severity = ERROR
    family = "完整性"
    title = "模板规定的预算公开表缺失"
    why = "预算公开须公开全部规定表格；没有相关资金的表也应保留并说明为空表。"
    example = "文件中找不到“国有资本经营预算支出情况表”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if not disclosure.has_tables:  # a narrative or target file: its tables are another file's
            listed = f"（目录列有 {len(disclosure.contents)} 张表）" if disclosure.contents else ""
            yield self.finding(f"文件中没有读到任何带数字的预算公开表{listed}；如果表格在另一个文件中，请与之一并审核："
                               "yusuan check -t 说明文件 表格文件；否则是表格缺失或未能识别")
            return
        carried = {spec.stands_for for extra in disclosure.extra_tables
                   if (spec := EXTRA_BY_CONCEPT.get(extra.concept or "")) is not None}
        printed = VARIANT_BY_NAME[disclosure.variant].tables if disclosure.variant in VARIANT_BY_NAME else None
        for table_id, table in disclosure.tables.items():
            if table.present or table_id in carried:  # (Jiangsu's 三公、会议费、培训费 table carries T10)
                continue
            if printed is not None and table_id not in printed:
                continue  # a known variant that never prints this table (VARIANTS.md)
            title = TABLE_BY_ID[table_id].title
            if disclosure.contents is not None and table_id not in disclosure.contents:
                # the document's own contents leave it out: its year's or province's template may
                # not have it, so a reviewer asks rather than rejects
                yield Finding(self.id, NOTICE, f"文件中没有{table_id}《{title}》，目录也未列出此表；"
                              "请确认当年当地模板是否要求公开此表", table=table_id)
                continue
            listed = "（目录中列有此表）" if disclosure.contents else ""
            yield self.finding(f"文件中没有{table_id}《{title}》{listed}；即使没有相关资金，也应公开空表并说明原因",
                               table=table_id)


class UnexplainedEmptyTable(Rule):
    id = "C.empty-note"
    severity = WARNING
    family = "完整性"
    title = "空表没有说明为何为空"
    why = "空表须注明原因（如“本单位无政府性基金预算拨款安排的支出”），否则读者无法区分漏填与无此项资金。"
    example = "政府性基金预算支出情况表只有表头，没有“此表为空”之类的说明"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if not disclosure.has_tables:  # no table read at all: MissingTable says so once
            return
        for table_id, table in disclosure.tables.items():
            empty = not any(row.values for row in table.rows)
            if table.present and empty and not table.note:
                title = TABLE_BY_ID[table_id].title
                yield self.finding(f"{table_id}《{title}》没有任何数字，也没有说明为何为空", table=table_id,
                                   source=table.source)


class BlankTotal(Rule):
    id = "C.blank-total"
    severity = WARNING
    family = "完整性"
    title = "收支总表一方的总计未填数字"
    why = "收入总计与支出总计应同时列示且相等；一方留空，读者无从核对收支是否平衡。"
    example = "财务收支预算总表的“收入总计”一栏空白，而“支出总计”为 195,774,300"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for table_id, table in disclosure.tables.items():
            spec = TABLE_BY_ID[table_id]
            if not (spec.income and table.readable):
                continue
            totals = {side: table.total(side) for side in ("income", "expense")}
            for side, other in (("income", "expense"), ("expense", "income")):
                blank, filled = totals[side], totals[other]
                if blank is None or blank.values or filled is None or not any(a.value for a in filled.values.values()):
                    continue
                figure = filled.values.get(spec.columns[0].label) or next(iter(filled.values.values()))
                yield self.finding(
                    f"{table_id}《{spec.title}》的“{blank.name}”一栏没有数字，而“{filled.name}”为 {figure.text}；"
                    "收支两方的总计都应列示", table=table_id, source=blank.source)


class MissingSection(Rule):
    id = "C.missing-section"
    severity = WARNING
    family = "完整性"
    title = "第三部分（情况说明）缺少模板规定的一节"
    why = "情况说明的各节逐一解释各张表；缺了一节，读者就看不到该部分预算的说明。"
    example = "情况说明中没有“财政拨款‘三公’经费预算情况说明”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if len(disclosure.sections) < 3:
            return  # no numbered Part 3 to speak of: not this template's narrative, or not found
        headings = [fold(heading) for heading in disclosure.sections]
        text = "".join(fold(line) for line, _ in disclosure.narrative)
        required = [section for section in PART3_SECTIONS if not section.table or (
            (table := disclosure.tables.get(section.table)) is not None and table.present
            and (not section.spent or any(amount.value for row in table.rows for amount in row.values.values())))]
        missing = [section for section in required if not (
            any(section.pattern.search(heading) for heading in headings) if section.heading
            else section.pattern.search(text))]
        headed = [section for section in required if section.heading]
        if len([s for s in missing if s.heading]) * 5 > len(headed) * 2:
            return  # over two in five of its sections missing: Part 3 follows another (a province's own) template
        for section in missing:
            yield self.finding(f"第三部分没有“{section.title}”", section="第三部分",
                               source=disclosure.narrative[0][1] if disclosure.narrative else None)
