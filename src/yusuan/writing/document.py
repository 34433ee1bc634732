"""The whole disclosure in the template's order: cover, Part 1, the eleven tables, Part 3 with its
charts, the performance-target tables, Part 4."""

from __future__ import annotations

from ..model import Disclosure
from ..template import TABLES
from .blocks import Block, Heading, PageBreak, Paragraph
from .charts import charts
from .glossary import GLOSSARY
from .inputs import Inputs
from .layout import grid
from .narrative import part3
from .notes import who
from .targets import target_grids

_NUMERALS = "一二三四五六七八九十"


def part1(disclosure: Disclosure) -> list[Block]:
    overview, unit = disclosure.overview, disclosure.unit or ""
    blocks: list[Block] = [Heading(f"第一部分 {disclosure.year or ''}年{who(disclosure)}概况"),
                           Heading("一、主要职能", 2)]
    blocks += [Paragraph(text) for text in (overview.functions or "（主要职能未提供）").split("\n") if text]
    blocks.append(Heading("二、机构设置及人员情况", 2))
    setup = f"{unit}{overview.subordinate_units or '无下属预算单位'}"
    if overview.offices:
        setup += f"，下设{len(overview.offices)}个科室，分别是：{'、'.join(overview.offices)}"
    blocks.append(Paragraph(setup + "。"))
    staffing = overview.staffing
    counts = []
    for label, count in (("在职", staffing.active), ("退休", staffing.retired), ("离休", staffing.veteran_retired)):
        if count is not None:
            change = "" if count.change is None else \
                f"，{'增加' if count.change >= 0 else '减少'}{abs(count.change)}人"
            counts.append(f"{label}{count.value}人{change}")
    if staffing.authorized is not None or staffing.actual is not None:
        text = f"{unit}编制数{staffing.authorized if staffing.authorized is not None else '（未提供）'}，" \
               f"实有人数{staffing.actual if staffing.actual is not None else '（未提供）'}人"
        blocks.append(Paragraph(text + (f"，其中：{'；'.join(counts)}" if counts else "") + "。"))
    return blocks


def build(disclosure: Disclosure, inputs: Inputs, with_charts: bool = True) -> list[Block]:
    year, kind = disclosure.year or "", who(disclosure)
    blocks: list[Block] = [Heading(f"{disclosure.unit or ''}{year}年{kind}预算", 0), PageBreak()]
    blocks += part1(disclosure)
    blocks += [PageBreak(), Heading(f"第二部分 {year}年{kind}预算公开表")]
    blocks += [grid(disclosure, spec.id) for spec in TABLES]
    blocks += [PageBreak(), Heading(f"第三部分 {year}年{kind}预算情况说明")]
    blocks += part3(disclosure, inputs)
    if with_charts:
        blocks += charts(disclosure, inputs)
    for table in target_grids(disclosure, inputs):
        blocks += [PageBreak(), table]
    blocks += [PageBreak(), Heading("第四部分 名词解释")]
    blocks += [Paragraph(f"{_NUMERALS[i]}、{term}：{meaning}") for i, (term, meaning) in enumerate(GLOSSARY)]
    return blocks
