"""How the provinces print the template's tables (shared/VARIANTS.md), declared as data.

A title is recognised from its words, never from the file name: the numbering a variant puts
before or after it is taken off, a qualifier that does not change what the table holds is taken
off, then the title is looked up among the canonical titles (canonical.py) and the titles below.
Tables the template lacks are known by title too, so that they end the table before them and
are kept as printed instead of being read into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold
from .extras import titles as _extra_titles

# The numbering before a title: 预算01表 / 预算表12 (Beijing), 单位预算01表 / 单位预算表10
# (Shanghai B), 表 1 / 表1 / 表01 / 表1： / 表一 (Shenzhen, Guangzhou, Huzhou, Hangzhou,
# Chongqing), 公开 01 表 / 公开表1 / 公开01表 (Jiangsu, Yantai, 决算), 一、 (Fujian), 附表1.
_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
NUMBERING = re.compile(
    rf"^(?:(?:单位)?预算(?:{_NUMBER}表|表{_NUMBER})|公开(?:{_NUMBER}表|表{_NUMBER})"
    rf"|附?表{_NUMBER}[:：.、]?|[一二三四五六七八九十]+[、.]|\d+[、.]|-)"
)
# The numbering after a title, and qualifiers that leave the content as the canonical title says
# (folded: brackets are ASCII): 收支总表(预算表 1) (Changchun), (按功能分类科目) (Guangzhou),
# (按支出功能分类科目) (Xi'an), (2026年度).
SUFFIX = re.compile(
    r"\((?:预算表\d{1,2}|按(?:支出)?(?:功能|经济)(?:分类)?(?:科目)?分?(?:-?不含上年结转)?|不含上年结转"
    r"|\d{4}年度?|一级项目)\)$"
)

# Printed titles of the canonical tables besides canonical.py's own (folded, without numbering
# or year): the content is the canonical table's or close to it (→ / ≈ in VARIANTS.md); where
# the columns differ, recovery marks the table's columns unknown and leaves it unchecked.
TITLES: dict[str, tuple[str, ...]] = {
    "T1": ("部门收支总体情况表", "单位收支总体情况表", "预算单位财务收支预算总表", "收支预算总表"),
    "T2": ("收入总体情况表", "预算单位收入预算总表", "收入预算总表"),
    "T3": ("本年支出总体情况表", "支出总体情况表", "预算单位支出预算总表", "支出预算总表"),
    "T4": ("预算单位财政拨款收支预算总表", "财政拨款收支总体情况表"),
    "T5": ("一般公共预算支出功能分类预算表", "一般公共预算拨款支出预算表", "一般公共预算支出明细表",
           "本年一般公共预算支出表"),
    "T6": ("一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出情况表",
           "一般公共预算基本支出经济分类情况表", "本年一般公共预算基本支出表", "一般公共预算基本支出明细表"),
    "T8": ("政府性基金预算支出功能分类预算表", "政府性基金预算拨款支出预算表", "政府性基金预算支出情况表",
           "本年政府性基金预算支出表"),
    "T9": ("国有资本经营预算支出功能分类预算表", "国有资本经营预算拨款支出预算表",
           "国有资本经营预算支出情况表", "国有资本经营预算支出明细表"),
    "T10": ('财政拨款"三公"经费支出表', '"三公"经费支出情况表', '"三公"经费支出预算表',
            '"三公"经费和机关运行经费预算表', '行政经费及"三公"经费预算表', '"三公"经费支出表',
            '"三公"经费及会议费、培训费支出预算表', '"三公"经费预算表', '"三公"经费、会议费、培训费表'),
    "T11": ("财政拨款上年结转资金支出表", "财政拨款结转资金支出表"),
}

# Words printed headers use beside the template's own column names (VARIANTS.md): columns the
# template lacks (事业单位经营支出 …), other names for its columns (人员支出, 日常公用支出), and the
# group cells over them (编制预算, 上年结转). A header line made of them is a header line, never a row.
HEADER_WORDS: tuple[str, ...] = (
    "人员支出", "日常公用支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出", "专项业务经费支出",
    "人员经费支出", "公用经费支出", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入",
    "其他收入", "用事业基金弥补收支差额", "上年结转结余", "上年结余", "结转", "财政专户管理资金", "单位资金",
    "当年预算", "编制预算", "经费拨款", "金额", "一般公共预算", "政府性基金预算", "国有资本经营预算",
    "本年收入", "部门代码",  # Suzhou 公开02表: 本年收入 | 上年结转结余 over 小计 | 一般公共预算 … each
)
# the columns a ledger prints on each side besides the template's (Jilin: 本年预算 | 编制预算 | 上年结转,
# 本年预算 being the side's total): a ledger's lines bear most other header words as their names
LEDGER_HEADER_WORDS: tuple[str, ...] = ("编制预算", "上年结转")

# Tables the canonical template lacks (none in VARIANTS.md), and tables only near a canonical one
# in a way that would misread it (Guangzhou 表7: T7's title, economic classes instead of projects).
# Matched before the canonical titles, on the whole folded title with its qualifier.
EXTRA_TITLES: tuple[str, ...] = (
    "政府采购预算明细表", "政府采购预算表", "政府采购(资产配置、购买服务)预算表", "政府购买服务明细表",
    "项目支出绩效目标表", "整体支出绩效目标表", "整体绩效目标表", "重点专项资金绩效目标表",
    "一般性项目绩效目标表", "专项业务经费绩效目标表", "专项资金总体绩效目标表", "项目支出绩效目标表预算表",
    "基本支出总表", "项目支出总表", "基本支出预算情况表", "项目支出预算情况表", "部门预算基本支出预算表",
    "部门预算项目支出及其他支出预算表", "专项业务经费支出表", "财政拨款支出预算表", "财政拨款项目支出预算表",
    "项目支出表", "一般公共预算支出表(按经济分类)", "一般公共预算支出明细表(按支出经济分类科目)",
    "一般公共预算基本支出明细表(按支出功能分类科目)", "一般公共预算项目支出情况表(按经济分类科目)",
    "一般公共预算支出经济分类情况表", "机关运行经费预算表",
    "项目支出预算表", "项目支出绩效表",  # Hangzhou/Huzhou 表10 ≈ T7 per project by fund, 表11
    # Xi'an 2022: the same tables with other qualifiers; 政府性基金收支表 ≈ T8 in a ledger's layout
    "一般公共预算支出明细表(按经济分类科目分)", "一般公共预算基本支出明细表(按功能科目分)", "政府性基金收支表",
)
# the tables whose concept template/extras.py declares (政府采购支出表, 机关运行经费支出预算表 …)
EXTRA_TITLES += tuple(title for title in _extra_titles() if title not in EXTRA_TITLES)


def bare_title(folded: str) -> str:
    """A folded title line without its numbering before and after."""
    title = NUMBERING.sub("", folded)
    match = re.search(r"\(预算表\d{1,2}\)$", title)
    return title[: match.start()] if match else title


def without_qualifier(title: str) -> str:
    return SUFFIX.sub("", title)


# The variants whose table set is known (VARIANTS.md): each with the titles its tables print
# (folded, without numbering or year) and the canonical tables it prints at all. A document is
# taken for a variant only when its titles are mostly the variant's (see `recognise`); a document
# of no known variant is held to the canonical eleven.
@dataclass(frozen=True, slots=True)
class Variant:
    name: str  # for the user, in Chinese
    titles: tuple[str, ...]
    tables: frozenset[str]


def _set(*ids: str) -> frozenset[str]:
    return frozenset(ids)


_NINE = _set("T1", "T2", "T3", "T4", "T5", "T6", "T8", "T9", "T10")  # no T7, no T11
VARIANTS: tuple[Variant, ...] = (
    Variant("北京市级部门预算", (
        "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
        "政府性基金预算支出表", "国有资本经营预算支出表", '财政拨款"三公"经费支出表', "政府采购预算明细表",
        "财政拨款政府购买服务明细表", "项目支出绩效目标表", "部门整体支出绩效目标表"), _NINE),
    Variant("上海市级单位预算", (
        "预算单位财务收支预算总表", "预算单位收入预算总表", "预算单位支出预算总表", "预算单位财政拨款收支预算总表",
        "预算单位一般公共预算支出功能分类预算表", "预算单位政府性基金预算支出功能分类预算表",
        "预算单位国有资本经营预算支出功能分类预算表", "预算单位一般公共预算基本支出部门预算经济分类预算表",
        '单位"三公"经费和机关运行经费预算表', "预算单位财政拨款支出预算表", "预算单位财政拨款项目支出预算表"), _NINE),
    Variant("深圳部门预算", (
        "收支总表", "收入总表", "支出总表", "基本支出总表", "项目支出总表", "财政拨款收支总表",
        "一般公共预算支出表(按功能分类)", "一般公共预算支出表(按经济分类)", '财政拨款"三公"经费支出表',
        "政府性基金预算支出表", "国有资本经营预算支出表"), _NINE - {"T6"}),  # 表4 基本支出总表 is all funds
    Variant("广州部门预算", (
        "收支总体情况表", "收入总体情况表", "本年支出总体情况表", "财政拨款收支总体情况表",
        "一般公共预算支出情况表(按功能分类科目)", "一般公共预算基本支出情况表(按经济分类科目)",
        "一般公共预算项目支出情况表(按经济分类科目)", '财政拨款安排的行政经费及"三公"经费预算表',
        "政府性基金预算支出情况表", "国有资本经营预算支出情况表", "部门预算基本支出预算表",
        "部门预算项目支出及其他支出预算表"), _NINE),
    Variant("重庆部门预算", (
        "部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支总体情况表",
        "一般公共预算支出情况表", "一般公共预算基本支出情况表", '财政拨款"三公"经费支出情况表',
        "政府性基金预算支出情况表", "政府采购预算明细表", "部门整体绩效目标表",
        "市级重点专项资金绩效目标表(一级项目)", "市级一般性项目绩效目标表(一级项目)"), _NINE - {"T9"}),
    Variant("江苏市级部门预算", (
        "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "财政拨款支出表(功能科目)",
        "财政拨款基本支出表(经济科目)", "一般公共预算支出表", "一般公共预算基本支出表",
        '一般公共预算"三公"经费、会议费、培训费支出表', "政府性基金预算支出表", "国有资本经营预算支出预算表",
        "一般公共预算机关运行经费支出预算表", "政府采购支出表"), _NINE),
    Variant("浙江市级部门预算（杭州）", (
        "市级部门收支预算总表", "市级部门收入预算总表", "市级部门支出预算总表", "市级部门财政拨款收支预算总表",
        "市级部门一般公共预算支出预算表", "市级部门一般公共预算基本支出预算表", '市级部门一般公共预算"三公"经费预算表',
        "市级部门政府性基金预算支出预算表", "市级部门国有资本经营预算支出预算表", "市级部门项目支出预算表",
        "市级部门项目支出绩效表"), _NINE),
    Variant("浙江市级部门预算（湖州）", (
        "市级部门收支预算总表", "市级部门收入预算总表", "市级部门支出预算总表", "市级部门财政拨款收支预算总表",
        "市级部门一般公共预算支出表", "市级部门一般公共预算基本支出表", '市级部门一般公共预算"三公"经费支出表',
        "市级部门政府性基金预算支出表", "市级部门国有资本经营预算支出表", "市级部门项目支出预算表",
        "市级部门项目支出绩效表"), _NINE),
    Variant("湖南长沙部门预算", (
        "部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支总体情况表",
        "一般公共预算支出情况表", "一般公共预算基本支出情况表", '一般公共预算"三公"经费支出情况表',
        "政府性基金预算支出情况表", "项目支出绩效目标表", "部门整体支出绩效目标表"), _NINE - {"T9"}),
    Variant("福建部门（单位）预算", (
        "收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算拨款支出预算表",
        "政府性基金预算拨款支出预算表", "国有资本经营预算拨款支出预算表", "一般公共预算支出经济分类情况表",
        "一般公共预算基本支出经济分类情况表", '一般公共预算"三公"经费支出预算表'), _NINE),
    Variant("陕西西安部门综合预算", (
        "部门综合预算收支总表", "部门综合预算收入总表", "部门综合预算支出总表", "部门综合预算财政拨款收支总表",
        "部门综合预算一般公共预算支出明细表(按支出功能分类科目)",
        "部门综合预算一般公共预算支出明细表(按支出经济分类科目)",
        "部门综合预算一般公共预算基本支出明细表(按支出功能分类科目)",
        "部门综合预算一般公共预算基本支出明细表(按支出经济分类科目)", "部门综合预算政府性基金收支表",
        "部门综合预算专项业务经费支出表", "部门综合预算财政拨款上年结转资金支出表",
        "部门综合预算政府采购(资产配置、购买服务)预算表",
        '部门综合预算一般公共预算拨款"三公"经费及会议费、培训费支出预算表', "部门专项业务经费绩效目标表",
        "部门整体支出绩效目标表", "专项资金总体绩效目标表"),
        # 表9 政府性基金收支表 ≈ T8 in a ledger's layout and 表10 ≈ T7 are kept as extra tables
        _set("T1", "T2", "T3", "T4", "T5", "T6", "T10", "T11")),
    Variant("山东烟台部门预算", (
        "收支总体情况表", "收入总体情况表", "支出总体情况表", "财政拨款收支总体情况表", "一般公共预算支出情况表",
        "一般公共预算基本支出情况表", '一般公共预算"三公"经费支出情况表', "政府性基金预算支出情况表",
        "国有资本经营预算支出情况表", "基本支出预算情况表", "项目支出预算情况表", "政府采购预算表"), _NINE),
    Variant("吉林长春部门预算", (
        "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "本年一般公共预算支出表",
        "本年一般公共预算基本支出表", '本年一般公共预算"三公"经费支出表', "本年政府性基金预算支出表",
        "项目支出表", "国有资本经营预算支出明细表", "项目支出绩效目标表"), _NINE),
)
_SAME_VARIANT = 0.6  # the share of all the titles of both that the two have in common
_YEAR_BEFORE = re.compile(r"^.{0,30}?(?:19|20)\d{2}年?度?")


def title_key(printed: str) -> str:
    """A printed title as variants are told by: folded, without numbering or qualifier, without
    the year and whatever precedes it (a unit's name: 长春市信访局2026年…)."""
    return without_qualifier(_YEAR_BEFORE.sub("", bare_title(fold(printed)), count=1))


def recognise(printed_titles: list[str]) -> Variant | None:
    """The known variant whose titles the document's table titles are (most of both sets in
    common), or None: a variant the data does not know, held to the canonical set."""
    found = {title_key(title) for title in printed_titles}
    best, score = None, 0.0
    for variant in VARIANTS:
        own = {title_key(title) for title in variant.titles}
        share = len(found & own) / len(found | own) if found | own else 0.0
        if share >= _SAME_VARIANT and share > score:
            best, score = variant, share
    return best


VARIANT_BY_NAME = {variant.name: variant for variant in VARIANTS}
