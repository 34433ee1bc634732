"""Codes and names against the national classification (支出功能分类, 部门预算支出经济分类)."""

from __future__ import annotations

from collections.abc import Iterator

from ..classification import editions_of, folded_editions, name_of, renamed
from ..model import Disclosure, Row
from ..template import TABLE_BY_ID
from ..text import fold
from .base import ERROR, NOTICE, WARNING, Finding, Rule


def _coded(disclosure: Disclosure) -> Iterator[tuple[str, Row, str]]:
    """Every row printed with both a code and a name, with the classification scheme it uses."""
    for table_id, table in disclosure.tables.items():
        if not table.readable:  # a layout unlike the template's: its codes may be misread too
            continue
        scheme = "economic" if TABLE_BY_ID[table_id].rows == "economic" else "functional"
        for row in table.rows:
            if row.code and row.name and row.kind != "project" and len(row.code) in (3, 5, 7):
                yield table_id, row, scheme


class UnknownCode(Rule):
    id = "K.unknown"
    severity = NOTICE
    family = "科目"
    title = "科目编码不在已知的分类科目中"
    why = "编码可能写错；也可能是我们的分类数据尚未收录（数据取自已公开的预算文件），故只作提示。"
    example = "2101598 在任何年度的支出功能分类中都找不到"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        seen = set()
        for table_id, row, scheme in _coded(disclosure):
            if row.code in seen or editions_of(row.code, scheme):  # type: ignore[arg-type]
                continue
            seen.add(row.code)
            yield self.finding(f"{table_id}“{row.code} {row.name}”：编码不在已知的分类科目中",
                               table=table_id, code=row.code, quote=row.name, source=row.source)


class CodeName(Rule):
    id = "K.name"
    severity = WARNING
    family = "科目"
    title = "科目名称与分类科目中该编码的名称不符"
    why = "同一编码只有一个名称；名称不符说明编码或名称有一个写错了，或用了别的年度的科目名称。"
    example = "“210 医疗卫生与计划生育支出”（2018 年起为“卫生健康支出”）"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        seen = set()
        printed: dict[str, set[str]] = {}
        for _, row, _scheme in _coded(disclosure):
            printed.setdefault(row.code or "", set()).add(fold(row.name or ""))
        for table_id, row, scheme in _coded(disclosure):
            editions = folded_editions(row.code or "", scheme)
            known = set(editions.values())
            name = fold(row.name or "")
            if not editions or (row.code, name) in seen or name in known:
                continue
            if printed[row.code or ""] & known:
                continue  # the document names it right elsewhere: K.consistent reports the odd one
            seen.add((row.code, name))
            latest = name_of(row.code or "", disclosure.year, scheme)
            yield self.finding(f"{table_id}“{row.code} {row.name}”：分类科目中该编码名为“{latest}”",
                               table=table_id, code=row.code, quote=row.name, source=row.source)


class SameCodeTwoNames(Rule):
    id = "K.consistent"
    severity = ERROR
    family = "科目"
    title = "同一编码在文件中有两个名称"
    why = "各表同一科目的名称必须一致，否则读者无法对应。"
    example = "收入总体情况表写“2101550 事业运行”，支出总体情况表写“2101550 事业单位运行”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        first: dict[tuple[str, str], tuple[str, Row]] = {}
        reported = set()
        for table_id, row, scheme in _coded(disclosure):
            key = (scheme, row.code or "")
            if key not in first:
                first[key] = (table_id, row)
                continue
            other_table, other = first[key]
            if fold(other.name or "") != fold(row.name or "") and (key, fold(row.name or "")) not in reported:
                reported.add((key, fold(row.name or "")))
                yield self.finding(
                    f"{table_id}“{row.code} {row.name}”与{other_table}“{other.code} {other.name}”编码相同而名称不同",
                    table=table_id, code=row.code, quote=row.name, source=row.source)


class EditionName(Rule):
    id = "K.edition"
    severity = WARNING
    family = "科目"
    title = "科目名称是别的年度的版本（该编码在预算年度已改名）"
    why = "政府收支分类科目每年修订；用了旧版名称，说明表格是从往年文件复制的，科目可能也没有按新版调整。"
    example = "2024 年预算写“210 医疗卫生与计划生育支出”，该类自 2018 年起名为“卫生健康支出”"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        if disclosure.year is None:
            return
        seen = set()
        for table_id, row, scheme in _coded(disclosure):
            if row.code not in renamed(scheme):
                continue
            editions = {year: name for year, name in folded_editions(row.code or "", scheme).items()
                        if year is not None}
            name = fold(row.name or "")
            printed_in = [year for year, known in editions.items() if known == name]
            if not printed_in or (row.code, name) in seen:
                continue
            # a later edition, no later than the budget year, gave the code another name
            later = [year for year, known in editions.items()
                       if max(printed_in) < year <= disclosure.year and known != name]
            if not later:
                continue
            seen.add((row.code, name))
            current = name_of(row.code or "", disclosure.year, scheme)
            yield self.finding(
                f"{table_id}“{row.code} {row.name}”是 {max(printed_in)} 年版的名称；"
                f"{min(later)} 年起该编码名为“{current}”",
                table=table_id, code=row.code, quote=row.name, source=row.source)


class AdministrationProject(Rule):
    id = "K.admin-project"
    severity = WARNING
    family = "科目"
    title = "“行政运行”科目列了项目支出"
    why = "“行政运行”反映行政单位的基本支出；列在其下的项目支出多半应归入“一般行政管理事务”等科目。"
    example = "2010101 行政运行：基本支出 120.00 万元，项目支出 30.00 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for table_id in ("T3", "T5"):
            table = disclosure.tables.get(table_id)
            if table is None or not table.readable:
                continue
            for row in table.rows:
                if row.kind != "project" and fold(row.name or "") == "行政运行" and row.value("项目支出") > 0:
                    yield self.finding(
                        f"{table_id}“{row.code} {row.name}”列有项目支出 {row.value('项目支出')} 万元",
                        table=table_id, code=row.code, column="项目支出", quote=row.name,
                        stated=row.value("项目支出"), source=row.source)
