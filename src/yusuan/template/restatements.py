"""Which table figure a Part 3 statement restates, declared once.

A statement is matched by the section it stands in and the name it gives its amount; the figure
is named as a side of an identity is (`Ref`). 'name' rows are found by the statement's own name:
a 类 by its name, a 项 by the name before （项）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spec import Ref


@dataclass(frozen=True, slots=True)
class Restatement:
    section: re.Pattern[str]  # the section heading the statement stands under
    name: re.Pattern[str]  # what the statement calls its amount
    figure: Ref


def _r(section: str, name: str, table: str, row: str, column: str, side: str | None = None) -> Restatement:
    return Restatement(re.compile(section), re.compile(name), Ref(table, row, (column,), side))


# A 说明 that no numbered section divides (上海: 2026年单位预算编制说明) restates the totals by
# their names alone
_WHOLE = r"^(?:(?:19|20)\d{2}年度?)?(?:部门|单位)?预算(?:编制|情况)?的?说明$"
# 支出预算情况 is the section of all spending only where nothing qualifies it (not 基本支出预算,
# 政府性基金预算支出预算, 培训费支出预算 …): right after the number, a year, 关于, 部门 or 单位
# a section may be named for its table instead (Jilin: 二、收入总表情况说明), or be a part run in
# under a wider section: 三、部门收支总体情况 （一）收入预算：…
_INCOME = r"收入(?:预算|总表)情况|[、）)\s]收入预算$|" + _WHOLE
_SPENDING = r"(?:^|[、年度]|关于|部门|单位)支出(?:预算|总表)情况|[、）)\s]支出预算$|" + _WHOLE
_GENERAL = r"一般公共预算(?:当年拨款|(?:拨款)?支出(?!预算表))|" + _WHOLE
_OVERALL = r"收支(?:预算)?总体情况"
_THREE_PUBLIC = r"“?三公”?经费”?(?:支出)?(?:数|预算)?(?:支出)?(?:数)?为?$"  # the whole 三公 amount
_BASIC = r"(?<!财政拨款)基本支出(?:预算)?情况"  # 财政拨款 basic spending spans T5, T8 and T9
_BUDGET = r"(?:预算)?(?:数)?为?$"  # 项目支出 / 项目支出预算 / 项目支出预算数为
_BARE_CLASS = r"^[^（）()“”]{2,16}支出$"  # 教育支出: a 类 where the classification knows the name
_WHOLE_PART = r"^[^ ]*(?:{})[^ ]*$"  # a section itself, not a run-in part of it (（二）项目支出)

RESTATEMENTS: tuple[Restatement, ...] = (
    _r(r"(?<!财政拨款)收支(?:预算情况的总体|总表情况)说明", r"(?<!财政拨款)收支总预算$", "T1", "total", "预算数",
       "income"),
    _r(_INCOME, r"收入预算(?:总计|合计)?为?$", "T1", "total", "预算数", "income"),
    # 深圳 第二部分 部门预算收支总体情况: 2026年XX局部门预算收入 10,737.69 万元 … 部门预算支出 …
    _r(_OVERALL, r"^(?:部门|单位)?(?:当年|本年)?预算收入(?:总计|合计)?为?$", "T1", "total", "预算数", "income"),
    _r(_OVERALL, r"^(?:部门|单位)?(?:当年|本年)?预算支出(?:总计|合计)?为?$", "T1", "total", "预算数", "expense"),
    # where T1 cannot be read by its header, the same totals as 收入总表 and 支出总表 print them
    _r(_INCOME, r"收入预算(?:总计|合计)?为?$", "T2", "total", "总计"),
    _r(_OVERALL, r"^(?:部门|单位)?(?:当年|本年)?预算收入(?:总计|合计)?为?$", "T2", "total", "总计"),
    _r(_OVERALL, r"^(?:部门|单位)?(?:当年|本年)?预算支出(?:总计|合计)?为?$", "T3", "total", "合计"),
    _r(_INCOME, r"^上级一般公共预算安排的?转移支付", "T1",
       "line:本年收入/一般公共预算拨款/上级一般公共预算安排转移支付", "预算数"),
    _r(_INCOME, r"^一般公共预算(?:拨款)?$", "T1", "line:本年收入/一般公共预算拨款/一般财力", "预算数"),
    _r(_INCOME, r"^单位资金$", "T1", "line:本年收入/单位资金", "预算数"),
    _r(_INCOME, r"^财政拨款结转(?:结余)?$", "T1", "line:上年结转结余/财政拨款结转", "预算数"),
    # 基本支出预算 / 项目支出预算 (Beijing) are T3's, not the whole 支出预算
    _r(_SPENDING, r"^(?:其中：?)?基本支出(?:预算|合计)?(?:数)?为?$", "T3", "total", "基本支出"),
    _r(_SPENDING, r"^(?:其中：?)?项目支出(?:预算|合计)?(?:数)?为?$", "T3", "total", "项目支出"),
    # the spending of one kind of funds, before the whole spending its name ends like
    _r(_SPENDING, r"^财政拨款支出" + _BUDGET, "T4", "total", "合计", "expense"),
    _r(_SPENDING, r"^政府性基金(?:预算)?(?:拨款)?支出" + _BUDGET, "T8", "total", "合计"),
    _r(_SPENDING, r"^国有资本经营预算(?:拨款)?支出" + _BUDGET, "T9", "total", "合计"),
    _r(_GENERAL, r"一般公共预算(?:拨款)?(?:合计|支出" + _BUDGET[:-1] + r")$", "T5", "total", "合计"),
    _r(_SPENDING, r"支出(?:预算|总计)为?$", "T1", "total", "预算数", "expense"),
    _r(_SPENDING, r"支出(?:预算|总计)为?$", "T3", "total", "合计"),
    # a 类 the 财政拨款 spending is divided into: 1.“一般公共服务支出”科目 13,434 万元
    _r(_WHOLE, r"”科目$", "T4", "name:class", "合计"),
    _r(r"财政拨款收支(?:预算|总表)情况", r"财政拨款收支总预算$", "T4", "total", "合计", "income"),
    _r(_GENERAL, r"^基本支出" + _BUDGET, "T5", "total", "基本支出"),
    _r(_GENERAL, r"^项目支出" + _BUDGET, "T5", "total", "项目支出"),
    _r(_GENERAL, r"（类）$", "T5", "name:class", "合计"),
    # a 类 named bare, in the section of the whole (not in its part on 基本支出 or 项目支出)
    _r(_WHOLE_PART.format(_GENERAL), _BARE_CLASS, "T5", "name:class", "合计"),
    _r(_WHOLE_PART.format(_SPENDING) + r"|[、）)\s]支出预算$", _BARE_CLASS, "T3", "name:class", "合计"),
    _r(_GENERAL, r"（项）", "T5", "name:item", "合计"),
    _r(_BASIC, r"基本支出(?:预算)?$", "T6", "total", "合计"),
    _r(_BASIC, r"^人员经费$", "T6", "total", "人员经费"),
    _r(_BASIC, r"^公用经费$", "T6", "total", "公用经费"),
    _r(r"三公", _THREE_PUBLIC, "T10", "total", "合计"),
    _r(r"三公", r"^因公出国（境）费(?:用)?$", "T10", "line:因公出国（境）费", "合计"),
    _r(r"三公", r"^公务用车购置及运行(?:维护)?费$", "T10", "line:公务用车购置及运行费", "合计"),
    _r(r"三公", r"^公务用车购置费$", "T10", "line:公务用车购置费", "合计"),
    _r(r"三公", r"^公务用车运行(?:维护)?费$", "T10", "line:公务用车运行费", "合计"),
    _r(r"三公", r"^公务接待费$", "T10", "line:公务接待费", "合计"),
    # 机关运行经费 is no restatement: it is the 公用经费 of the 行政 and 参公 units only, at most
    # T6's (rules X.running-basic and X.running-cost)
)


# A section named for one of a department's units (深圳 第三部分: 一、深圳市审计局) restates that
# unit's own row, never the department's totals: the rows a table prints for the unit
UNIT_RESTATEMENTS: tuple[Restatement, ...] = (
    _r("", r"^预算(?:总额|总计|合计)?" + _BUDGET, "T3", "unit", "合计"),
    _r("", r"^(?:其中：?)?基本支出" + _BUDGET, "T3", "unit", "基本支出"),
    _r("", r"^(?:其中：?)?项目支出" + _BUDGET, "T3", "unit", "项目支出"),
)


@dataclass(frozen=True, slots=True)
class StatedSum:
    """A total Part 3 states with its parts right after it (其中：…): total = Σ parts."""

    total: re.Pattern[str]
    parts: tuple[re.Pattern[str], ...]


STATED_SUMS: tuple[StatedSum, ...] = (
    StatedSum(re.compile(r"政府采购预算$"), tuple(map(re.compile, (r"货物", r"工程", r"服务")))),
    StatedSum(re.compile(_THREE_PUBLIC),
              tuple(map(re.compile, (r"^因公出国", r"^公务用车购置费", r"^公务用车运行", r"^公务接待费")))),
)


# the fields Part 3 gives each project (一般公共预算项目支出情况说明), in the template's order
PROJECT_FIELDS: tuple[str, ...] = (
    "设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况", "资金执行时间", "资金来源",
    "补贴人数", "补贴标准", "补贴范围", "补贴方式", "发放程序", "受益人群和社会效益",
)

# 国有资产占有使用情况: a kind whose count and value are the sums of the kinds listed under it
ASSET_PARTS: dict[str, tuple[str, ...]] = {
    "车辆": ("一般公务用车", "执法执勤用车", "特种专业技术用车", "其他车辆", "其他用车"),
}
ASSET_KINDS: tuple[str, ...] = ("房屋", "车辆", "一般公务用车", "执法执勤用车", "特种专业技术用车", "其他车辆",
                                "其他用车", "办公家具", "其他资产")


@dataclass(frozen=True, slots=True)
class Part3Section:
    """A section Part 3 must have: matched in the headings (or, for the matters of 其他重要事项,
    anywhere in Part 3); required only where the table it explains is published, if it has one."""

    title: str
    pattern: re.Pattern[str]
    table: str | None = None
    heading: bool = True
    spent: bool = False  # required only where the table has money in it (else templates differ)


def _s(title: str, pattern: str, table: str | None = None, heading: bool = True,
       spent: bool = False) -> Part3Section:
    return Part3Section(title, re.compile(pattern), table, heading, spent)


PART3_SECTIONS: tuple[Part3Section, ...] = (
    _s("收支预算情况的总体说明", r"(?<!财政拨款)收支(?:总)?(?:预算|总表)(?:总体)?情况的?(?:总体)?说明"),
    _s("收入预算情况说明", r"收入(?:预算|总表)情况说明"),
    _s("支出预算情况说明", r"(?<!收)支出(?:预算|总表)情况说明"),
    _s("财政拨款收支预算情况的总体说明", r"财政拨款收支(?:总)?(?:预算|总表)(?:总体)?情况的?(?:总体)?说明"),
    _s("一般公共预算当年拨款情况说明", r"一般公共预算(?:当年拨款|(?:拨款)?支出(?:预算)?)情况"),
    _s("一般公共预算基本支出情况说明", r"基本支出(?:预算)?情况"),
    _s("一般公共预算项目支出情况说明", r"项目支出(?:预算)?情况", table="T7"),  # where the table is printed
    _s("政府性基金预算拨款情况说明", r"政府性基金预算", table="T8", spent=True),
    _s("国有资本经营预算拨款情况说明", r"国有资本经营预算", table="T9", spent=True),
    _s("财政拨款“三公”经费预算情况说明", r"三公"),
    _s("上年结转结余预算情况说明", r"结转结余", table="T11"),
    _s("机关运行经费情况", r"(?:机关|单位)运行经费", heading=False),
    _s("政府采购情况", r"政府采购", heading=False),
    _s("国有资产占有使用情况", r"国有资产占[有用]", heading=False),
    _s("预算绩效情况", r"预算绩效", heading=False),
)
