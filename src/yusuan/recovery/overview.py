"""Who published the disclosure, for which year, and Part 1 概况 (functions, offices, staff)."""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Count, Overview, Staffing
from ..readers.base import TextLine
from ..text import fold, join_fragments

_YEAR_KIND = re.compile(r"((?:19|20)\d{2})年度?(单位|部门)(?:综合|整体)?预算")
# the line above a table naming who prepared it: 编制单位：X 单位：万元 (or 单位名称 / 部门名称 / 预算单位)
_PREPARER = re.compile(
    r"(?:编制|预算)(单位|部门)[:：]\s*(.+?)\s*(?:金额)?单位[:：]|(单位|部门)名称[:：]\s*(.+?)\s*(?:金额)?单位[:：]"
)
_PREPARER_ALONE = re.compile(r"(?:编制|预算)(单位|部门)[:：]\s*(\S.+?)\s*$|(单位|部门)名称[:：]\s*(\S.+?)\s*$")
_COVER = re.compile(r"^(.+?)(?:19|20)\d{2}年度?(?:单位|部门)(?:综合|整体)?预算")
# the year first: 2026年烟台市审计局部门预算, or a cover stacked over lines (2026 年度 | 泉州市人民政府办公室 |
# （本级） | 单位预算), read joined
_COVER_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}年度?([^\d，。:：]{2,40}?)(?:单位|部门)(?:综合|整体)?预算$")
# a form's own label cell beside the name, no colon: 部门名称 北京市审计局 (绩效目标表)
_YEAR_KIND_BARE = re.compile(r"^((?:19|20)\d{2})(单位|部门)(?:综合|整体)?预算")  # a title without 年
_NAME_CELL = re.compile(r"^(?:单位|部门)名称\s+([^\d\s:：]{3,40})$")
_HEADER_WORDS = ("合计", "小计", "金额", "预算", "收入", "支出", "项目")
# the year a table or form is for, where no cover says 20XX年部门预算: （2026年度）, 2026年…表
_YEAR_ALONE = re.compile(r"^[（(]((?:19|20)\d{2})年度?[）)]$")
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})年度?[^\d]{2,40}表(?:\([^)]*\))?$")  # …表（含转移支付项目）
_STATED_UNIT = re.compile(r"^(.{2,40}?)(?:无下属|下属|编制数|下设)")
_NUMERAL = "零一二三四五六七八九"
_PARAGRAPH = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[一二三四五六七八九十]+、)")


def chinese_number(text: str) -> int | None:
    """'29' or '六' or '十一' as an integer."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERAL.index(tens) if tens else 1) * 10 + (_NUMERAL.index(ones) if ones else 0)
    return _NUMERAL.index(text) if len(text) == 1 and text in _NUMERAL else None


def year_and_kind(lines: list[TextLine]) -> tuple[int | None, str | None]:
    for line in lines:
        folded = fold(line.text)
        match = _YEAR_KIND.search(folded) or _YEAR_KIND_BARE.match(folded)
        if match:
            return int(match.group(1)), f"{match.group(2)}预算"
    return None, None


def stated_year(lines: list[TextLine]) -> int | None:
    """The year a document without a cover is for, from its titles: the first stated."""
    for pattern in (_YEAR_ALONE, _YEAR_TITLE):  # a year on its own line under a title, then a title's
        for line in lines:
            match = pattern.search(fold(line.text))
            if match:
                return int(match.group(1))
    return None


def unit_name(lines: list[TextLine]) -> str | None:
    for line in lines:
        text = line.text
        match = _PREPARER.search(text) or _PREPARER_ALONE.search(text)
        if match:
            return fold(match.group(2) or match.group(4))
    for line in lines:
        match = _NAME_CELL.match(line.text.strip())
        if match and not any(word in match.group(1) for word in _HEADER_WORDS):
            return fold(match.group(1))
    for line in lines[:60]:
        match = _COVER.match(fold(line.text))
        if match and not match.group(1).startswith("第"):
            return match.group(1)
    for start in range(min(60, len(lines))):
        for end in range(start + 1, min(start + 5, len(lines)) + 1):
            match = _COVER_YEAR_FIRST.match(fold("".join(line.text for line in lines[start:end])))
            if match and not match.group(1).startswith("第"):
                return match.group(1)
    for above, line in pairwise(lines[:60]):  # the name on the line above the title
        name = fold(above.text)
        if (_YEAR_KIND_BARE.match(fold(line.text)) or _YEAR_KIND.match(fold(line.text))) and (
                3 <= len(name) <= 40 and not any(ch.isdigit() for ch in name)):
            return name
    for line in lines:
        match = _STATED_UNIT.match(fold(line.text))
        if match:
            return match.group(1)
    return None


_ADMIN = re.compile(r"^([^局委办厅院会所站队中]{2,9}?)(自治区|省|自治州|地区|盟|自治县|县|旗|市|区)")
_LEVELS = {"自治区": "省级", "省": "省级", "自治州": "地市级", "地区": "地市级", "盟": "地市级",
           "自治县": "县级", "县": "县级", "旗": "县级"}
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


def government_level(unit: str | None) -> str | None:
    """The level the unit's own name states, reading its places from the largest down; None
    where the name does not settle it (a 市 may be 地级 or 县级)."""
    level, rest = None, unit or ""
    while match := _ADMIN.match(rest):
        place, suffix = match.groups()
        if suffix == "市":
            level = "省级" if place in _MUNICIPALITIES else None
        elif suffix == "区":
            level = "县级" if level != "省级" or place not in _MUNICIPALITIES else level
        else:
            level = _LEVELS[suffix]
        rest = rest[match.end():]
    return level


def _section(lines: list[TextLine], start: str, stop: tuple[str, ...]) -> list[TextLine]:
    """The lines after the last heading containing `start` that precedes body text."""
    begin = None
    for index, line in enumerate(lines):
        folded = fold(line.text)
        if start in folded and len(folded) <= 20:
            begin = index + 1
            following = fold(lines[index + 1].text) if index + 1 < len(lines) else ""
            if not any(word in following for word in stop):
                break  # the body heading, not the table of contents
    if begin is None:
        return []
    out: list[TextLine] = []
    for line in lines[begin:]:
        folded = fold(line.text)
        if any(word in folded for word in stop) and len(folded) <= 40:
            break
        out.append(line)
    return out


def _paragraphs(lines: list[TextLine]) -> str:
    paragraphs: list[list[str]] = []
    for line in lines:
        if not paragraphs or _PARAGRAPH.match(fold(line.text)):
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return "\n".join(join_fragments(paragraph) for paragraph in paragraphs)


def _count(text: str, label: str) -> Count | None:
    match = re.search(label + r"(\d+)人?(?:[,，]?(增加|减少)(\d+)人?)?", text)
    if not match:
        return None
    change = None
    if match.group(2):
        change = int(match.group(3)) * (1 if match.group(2) == "增加" else -1)
    return Count(int(match.group(1)), change)


def read_overview(lines: list[TextLine]) -> Overview:
    overview = Overview()
    functions = _section(lines, "主要职能", ("机构设置", "第二部分"))
    if functions:
        overview.functions = _paragraphs(functions)
    setup = _section(lines, "机构设置", ("第二部分", "收支总体情况表", "预算公开表"))
    text = join_fragments([line.text for line in setup])  # as printed, only the wraps undone
    match = re.search(r"(无下属预算单位|下属(?:预算)?单位[^。；]*)", text)
    if match:
        overview.subordinate_units = match.group(1)
    match = re.search(r"下设([\d一二三四五六七八九十]+)个[^,，:：]*[,，]?分别(?:是|为)[:：]([^。]+)", text)
    if match:
        overview.offices_stated = chinese_number(match.group(1))
        overview.offices = [name for name in re.split(r"[、,，]", match.group(2)) if name]
    staffing = Staffing(source=setup[0].source if setup else None)
    match = re.search(r"编制数(?:为)?(\d+)", text)
    staffing.authorized = int(match.group(1)) if match else None
    match = re.search(r"实有人数(?:为)?(\d+)", text)
    staffing.actual = int(match.group(1)) if match else None
    staffing.active = _count(text, "在职")
    staffing.retired = _count(text, "(?<!离)退休")
    staffing.veteran_retired = _count(text, "离休")
    for line in setup:
        if "编制数" in fold(line.text) or "实有人数" in fold(line.text):
            staffing.source = line.source
            break
    overview.staffing = staffing
    return overview
