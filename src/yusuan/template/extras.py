"""Tables the canonical template lacks (shared/VARIANTS.md "none"), declared once as data: the
concept each carries, its printed titles, and the figures recovery reads from it.

A figure is read from the line whose label (the words before its first amount) matches its
pattern, or, for a table printed as one row of values (Jiangsu's 三公、会议费、培训费 table), from
that row by a layout: the figures in print order, accepted only where the sums the layout implies
hold. The narrative's statements of the same matters are matched by NARRATED below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtraSpec:
    concept: str
    title: str  # what it is, as messages name it
    titles: tuple[str, ...]  # printed titles (folded, without numbering), matched at the title's end
    figures: tuple[tuple[str, str], ...] = ()  # (figure, pattern of the folded label)
    layouts: tuple[tuple[str, ...], ...] = ()  # a one-row table: its figures in print order
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()  # figure = Σ figures, where a layout is tried
    by_unit: bool = False  # rows per subordinate unit, each with its economic classes under it
    stands_for: str | None = None  # the canonical table whose content it carries (and more)


_TOTAL = ("合计", r"^(?:合计|总计)$")

THREE_PUBLIC_FIGURES = ("“三公”经费", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费",
                        "公务用车运行费", "公务接待费", "会议费", "培训费")

EXTRAS: tuple[ExtraSpec, ...] = (
    ExtraSpec("procurement", "政府采购预算表",
              ("政府采购预算明细表", "政府采购预算表", "政府采购(资产配置、购买服务)预算表", "政府采购支出表"),
              figures=(_TOTAL, ("货物", r"^(?:A-?)?货物类?$"), ("工程", r"^(?:B-?)?工程类?$"),
                       ("服务", r"^(?:C-?)?服务类?$"))),
    ExtraSpec("services", "政府购买服务预算表", ("政府购买服务明细表", "政府购买服务预算表"), figures=(_TOTAL,)),
    ExtraSpec("running", "机关运行经费预算表", ("机关运行经费预算表", "机关运行经费支出预算表"), figures=(_TOTAL,)),
    ExtraSpec("three_public", "“三公”经费、会议费、培训费支出表",
              ('"三公"经费、会议费、培训费支出表',),
              figures=(("“三公”经费", r"^(?:\"?三公\"?经费)?(?:合计|总计)$"),
                       ("因公出国（境）费", r"因公出国\(境\)"), ("公务接待费", r"公务接待"),
                       ("公务用车购置费", r"公务用车购置费$"), ("公务用车运行费", r"公务用车运行"),
                       ("会议费", r"会议费$"), ("培训费", r"培训费$")),
              # Jiangsu 公开09表: 合计 | 出国 | 车 小计, 购置, 运行维护 | 接待 | 会议费 | 培训费
              layouts=(THREE_PUBLIC_FIGURES[:3] + THREE_PUBLIC_FIGURES[3:5] + THREE_PUBLIC_FIGURES[5:],),
              sums=(("“三公”经费", ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")),
                    ("公务用车购置及运行费", ("公务用车购置费", "公务用车运行费"))), stands_for="T10"),
    ExtraSpec("basic", "基本支出预算表（全部资金）",
              ("基本支出总表", "基本支出预算情况表", "部门预算基本支出预算表"), figures=(_TOTAL,), by_unit=True),
    ExtraSpec("project", "项目支出预算表（全部资金）",
              ("项目支出总表", "项目支出预算情况表"), figures=(_TOTAL,)),
    ExtraSpec("project_targets", "项目支出绩效目标表",
              ("项目支出绩效目标表", "重点专项资金绩效目标表", "一般性项目绩效目标表", "专项业务经费绩效目标表",
               "项目支出绩效目标表预算表", "项目支出绩效表")),
    ExtraSpec("unit_targets", "整体支出绩效目标表", ("整体支出绩效目标表", "整体绩效目标表", "专项资金总体绩效目标表")),
    # a ledger's expense printed again beside it by another classification (Xi'an 表1/表4: by
    # 部门预算支出经济分类, by 政府预算支出经济分类): read from the ledger's panels, never by title
    ExtraSpec("ledger_panel", "收支总表中按其他分类列示的支出", (),
              figures=(("本年支出合计", r"^本年支出合计$"), ("支出总计", r"^支出总计$"))),
)

EXTRA_BY_CONCEPT = {spec.concept: spec for spec in EXTRAS}


def titles() -> tuple[str, ...]:
    return tuple(title for spec in EXTRAS for title in spec.titles)


@dataclass(frozen=True, slots=True)
class Narrated:
    """A matter the narrative states: the field it fills, the name its amount is given (the end
    of the statement's name), and the words its section or name must carry."""

    field: str
    name: re.Pattern[str]
    within: re.Pattern[str]


def _n(field: str, name: str, within: str) -> Narrated:
    return Narrated(field, re.compile(name), re.compile(within))


_PROCUREMENT = r"采购"
# Page furniture a sentence may be broken by (苏州：培训费- 29 -苏州市…预算公开预算支出)
_BROKEN = r"(?:-\s*\d+\s*-.*?)?"
NARRATED: tuple[Narrated, ...] = (
    _n("procurement.total", r"政府采购(?:支出)?(?:预算)?(?:安排)?(?:总额|总计)?(?:共|为|合计)?$", _PROCUREMENT),
    # a kind is 采购货物/服务类… (a project named …技术支持服务 is not one)
    _n("procurement.goods", r"(?:采购货物类?|货物类(?:采购)?)(?:支出)?(?:预算)?$", _PROCUREMENT),
    _n("procurement.works", r"(?:采购工程类?|工程类(?:采购)?)(?:支出)?(?:预算)?$", _PROCUREMENT),
    _n("procurement.services", r"(?:采购服务类?|服务类(?:采购)?)(?:支出)?(?:预算)?$", _PROCUREMENT),
    _n("procurement.reserved", r"(?:中小企业|小微企业)(?:预留|采购).*?(?:金额|预算|份额)?$", r"中小企业|小微企业"),
    # 机关运行经费, or 一般公共预算财政拨款运行经费 (Chongqing); not 车辆运行经费
    _n("running_cost", r"(?:机关|财政拨款|一般公共预算)运行经费(?:财政拨款)?(?:预算)?(?:安排|支出)?(?:预算)?"
                       r"(?:支出|数)?(?:共|为)?$", r"运行经费"),
    _n("three_public", r'三公"?经费(?:支出)?(?:预算)?(?:支出|数)?(?:共|为|合计)?$', r"三公"),
    _n("meetings", rf"会议费{_BROKEN}(?:预算)?(?:支出)?(?:预算)?$", r"会议费"),
    _n("training", rf"培训费{_BROKEN}(?:预算)?(?:支出)?(?:预算)?$", r"培训费"),
)
