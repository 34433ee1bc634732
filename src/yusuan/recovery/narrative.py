"""Part 3 情况说明: the statements that restate the tables in words.

Each statement is an amount with what the text says of it: its share of a whole (占 S%), its
change on last year's budget (增加/减少 D 万元) and the growth rate (增长/下降 G%).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal

from ..model import Source, Statement
from ..readers.base import TextLine
from ..text import fold, join_fragments

_PART3 = re.compile(r"^第三部分")
_PART = re.compile(r"^第([一二三四五六七八九十]+)部分")
# where no Part 3 is numbered, the part that is the 情况说明 (Beijing: 第一部分 …预算情况说明, or a
# document that is nothing but the 说明: 2026部门预算情况的说明)
_EXPLAINED = re.compile(r"^(?:第[一二三四五六七八九十]+部分.{0,12}|(?:19|20)\d{2}年?度?(?:部门|单位))"
                        r"预算(?:情况|公开|安排情况|编制)?的?说明$")
# or a numbered heading of the body (Zhejiang: 二、2026年XX局部门预算安排情况说明), whose sections
# are numbered one level down: （一）收支预算情况的总体说明
_EXPLAINED_SECTION = re.compile(r"^[一二三四五六七八九十]+、(?:(?:19|20)\d{2}年度?)?.{0,20}?(?:部门|单位)"
                                r"预算(?:情况|安排情况|编制)?的?说明$")
# a part that is the 情况说明's, not its tables', glossary or overview
_NARRATIVE_PART = re.compile(r"^第[一二三四五六七八九十]+部分[:：]?(?!.*(?:名词|表$|报表|表格|概况))"
                             r".*(?:收支|收入|支出|三公|采购|绩效|运行经费|其他|说明)")
_OTHER_MATTERS = re.compile(r"^其他(?:相关|重要)?(?:事项|情况)的?(?:情况)?说明$")
_TOP = re.compile(r"^(?:-\s*)?([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_PERFORMANCE = re.compile(r"绩效目标(?:申报)?表")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_AMOUNT = re.compile(_NUMBER + r"万元")
_SHARE = re.compile(r"[，,]?占(?:比)?" + _NUMBER + r"\s*%")
_LAST_YEAR = r"(?:上年|(?:19|20)\d{2}年)(?:预算(?:数)?)?"  # 上年预算, or 2025年预算 named by its year
_CHANGE = re.compile(r"[，,]?[比较]" + _LAST_YEAR + r"(增加|减少|增长|下降)" + _NUMBER + r"万元")
_LEVEL = re.compile(r"[，,]?(?:与|和|同)" + _LAST_YEAR + r"(?:相比)?(?:基本)?持平")  # no change
_GROWTH = re.compile(r"[，,]?(增长|下降|增加|减少)" + _NUMBER + r"\s*%")
_CHANGE_WORDS = ("增加", "减少", "增长", "下降")
_NAME_REACH = 600
# a name ends at a stop or at a list's 、, not at a thousands separator (6,516.50)
_NAME_END = re.compile(r"[，。；;：:、]|,(?!\d)")
_CLAUSE_END = re.compile(r"[，,。；;]")
# a section's run-in heading: （一）收入预算：… , a few words with no figure before the colon
_RUN_IN = re.compile(r"^([（(][一二三四五六七八九十]+[）)][^，,。；;：:\d]{2,20}?)(?:[：:]|$)")
_GENERIC = re.compile(r"^(?:(?:19|20)\d{2}年)?(?:预算数|预算)?(?:为|是)?$")


def part3(lines: list[TextLine], tables: tuple[int, ...] = ()) -> list[TextLine]:
    """The lines of Part 3, without the table of contents and the performance-target tables.
    `tables`: the lines where tables begin, which end a 情况说明 that no 第X部分 numbers."""
    starts = [i for i, line in enumerate(lines) if "第三部分" in line.text.replace(" ", "")
              and _PART3.match(fold(line.text))]
    if not starts:
        starts = [i for i, line in enumerate(lines) if "说明" in line.text and _EXPLAINED.match(fold(line.text))]
    if not starts:
        return _numbered_part(lines, tables)
    begin = starts[-1] + 1  # the last heading: the first one may be the table of contents'
    own = _PART.match(fold(lines[starts[-1]].text))
    if own is None:  # a bare 2026部门预算情况说明: up to the first table after it, its heading kept
        end = min((line for line in tables if line >= begin), default=len(lines))  # as the title of
        out = _until_next_part(lines[:end], begin - 1, own)  # what no numbered section heads
        # and its other matters, where they follow the tables under a bare heading of their own
        # (上海: 其他相关情况说明 一、…“三公”经费预算情况说明)
        later = next((i for i in range(end, len(lines)) if "说明" in lines[i].text
                      and _OTHER_MATTERS.match(fold(lines[i].text))), None)
        if later is not None:
            stop = min((line for line in tables if line > later), default=len(lines))
            out += _until_next_part(lines[:stop], later, own)
        return out
    out = _until_next_part(lines, begin, own)
    headings = [line for line in out if _TOP.match(line.text.strip())]
    if len(out) >= 2 and len(headings) * 5 >= len(out) * 4:  # a table of contents: the body
        first = fold(headings[0].text)                      # starts at its first heading again
        again = next((i for i in range(begin + len(out), len(lines)) if fold(lines[i].text) == first), None)
        if again is not None:
            out = _until_next_part(lines, again, own)
    return _with_adjacent_parts(lines, starts[-1], out)


def _part_heads(lines: list[TextLine]) -> list[int]:
    """Where each 第X部分 begins: its last heading (the first may be the table of contents')."""
    heads = {part.group(1): i for i, line in enumerate(lines) if (part := _part_heading(line))}
    return sorted(heads.values())


def _with_adjacent_parts(lines: list[TextLine], heading: int, out: list[TextLine]) -> list[TextLine]:
    """Part 3 with the parts beside it that carry the 情况说明 on (深圳: 第二部分 部门预算收支总体情况,
    第四部分 政府采购预算情况 … 第八部分 其他需要说明情况; 西安: 第二部分：部门预算收支情况说明), each part's
    heading kept as the title of its first section."""
    heads = _part_heads(lines)
    if heading not in heads:
        return out
    at = heads.index(heading)
    before = list(itertools.takewhile(lambda i: _NARRATIVE_PART.match(fold(lines[i].text)), heads[at - 1 :: -1]
                                      if at else []))
    after = list(itertools.takewhile(lambda i: _NARRATIVE_PART.match(fold(lines[i].text)), heads[at + 1 :]))
    if not before and not after:
        return out
    parts = [[lines[i], *_until_next_part(lines, i + 1, _part_heading(lines[i]))] for i in before[::-1]]
    parts += [[lines[heading], *out]]
    parts += [[lines[i], *_until_next_part(lines, i + 1, _part_heading(lines[i]))] for i in after]
    return [line for part in parts for line in part]


def _numbered_part(lines: list[TextLine], tables: tuple[int, ...]) -> list[TextLine]:
    """The 情况说明 as a numbered section of the body (二、…预算安排情况说明), up to the next
    section of its level (三、名词解释) or the first table; the last such heading, since the
    first may be the table of contents'."""
    starts = [i for i, line in enumerate(lines) if "说明" in line.text
              and _EXPLAINED_SECTION.match(fold(line.text))]
    if not starts:
        return []
    begin = starts[-1] + 1
    end = min((line for line in tables if line >= begin), default=len(lines))
    out = []
    for line in lines[begin:end]:
        if _TOP.match(line.text.strip()):
            break
        out.append(line)
    return _until_next_part(out, 0, None)


def _until_next_part(lines: list[TextLine], begin: int, own: re.Match[str] | None) -> list[TextLine]:
    out = []
    for line in lines[begin:]:
        if "部分" in line.text or "绩效目标" in line.text:  # fold only the few candidate lines
            folded = fold(line.text)
            part = _PART.match(folded)
            if (part and (own is None or part.group(1) != own.group(1)) and len(folded) <= 40) or (
                    _PERFORMANCE.search(folded) and len(folded) <= 20):
                break
        out.append(line)
    return out


def _numbering(lines: list[TextLine]) -> re.Pattern[str]:
    """How Part 3 numbers its sections: 一、 where any line is so numbered, else （一）."""
    return _TOP if any(_TOP.match(line.text.strip()) for line in lines) else _SUB


def _sections(lines: list[TextLine]) -> list[tuple[str, list[TextLine]]]:
    """Part 3's numbered sections, each with its heading (wrapped headings joined: a heading
    ends with 说明)."""
    numbered = _numbering(lines)
    sections: list[list[TextLine]] = []
    for line in lines:
        if numbered.match(line.text.strip()) or not sections or _part_heading(line):
            sections.append([])
        sections[-1].append(line)
    out = []
    for section in sections:
        head = join_fragments([line.text for line in section[:3]])
        end = head.find("说明")
        out.append((head[: end + 2] if 0 <= end <= 80 else join_fragments([section[0].text]), section))
    return out


def _part_heading(line: TextLine) -> re.Match[str] | None:
    """The line as a 第X部分 heading (not a sentence that opens so), if it is one."""
    if "部分" not in line.text:
        return None
    folded = fold(line.text)
    return _PART.match(folded) if len(folded) <= 40 else None


def joined(lines: list[TextLine]) -> tuple[str, Callable[[int], Source]]:
    """The lines as one text (wraps joined) and, for an offset in it, the line it came from."""
    text, offsets, sources = "", [], []
    for line in lines:
        offsets.append(len(text))
        sources.append(line.source)
        text += join_fragments([line.text])

    def source_at(offset: int) -> Source:
        return sources[bisect_right(offsets, offset) - 1] if sources else Source()

    return text, source_at


def _parts(title: str, section: list[TextLine], numbered: re.Pattern[str]) -> list[tuple[str, list[TextLine]]]:
    """A section split where the next level of numbering begins (（一） under 一、); a part that
    opens with a run-in heading (（一）收入预算：…) is titled by the section's title and that heading
    (三、部门收支总体情况 （一）收入预算), any other by the section's title."""
    out: list[tuple[str, list[TextLine]]] = [(title, [])]
    for line in section:
        text = line.text.strip()
        if numbered is _TOP and out[-1][1] and _SUB.match(text):
            heading = _RUN_IN.match(join_fragments([text]))
            out.append((f"{title} {heading.group(1)}" if heading else title, []))
        out[-1][1].append(line)
    return [part for part in out if part[1]]


def statements(part: list[TextLine]) -> list[Statement]:
    """The statements of Part 3 (its lines, as `part3` gives them)."""
    numbered = _numbering(part)
    return [statement for title, section in _sections(part)
            for index, (sub, lines) in enumerate(_parts(title, section, numbered))
            for statement in _stated(sub, lines, numbered, title if index == 0 else sub[len(title) + 1 :])]


def _stated(title: str, section: list[TextLine], numbered: re.Pattern[str], heading: str) -> list[Statement]:
    """The statements of one part of a section, which opens with `heading` (a run-in part's own,
    or none)."""
    out: list[Statement] = []
    text, source_at = joined(section)
    body = _after_heading(text, heading, numbered, join_fragments([section[0].text])) if heading else 0
    for match in _AMOUNT.finditer(text):
        if text[max(0, match.start() - 2) : match.start()] in _CHANGE_WORDS:
            continue  # a change, read with the amount it follows
        # a name is never longer than _NAME_REACH, and never reaches back into the heading
        window = max(body if body <= match.start() else 0, match.start() - _NAME_REACH)
        before = text[window : match.start()]
        name_start = max((m.end() for m in _NAME_END.finditer(before)), default=0)
        if _GENERIC.match(before[name_start:]) and before[:name_start].endswith(("：", ":")):
            # 行政运行（项）：2024 年预算数为 16.40 万元 — the subject stands before the colon
            name_start = max((m.end() for m in _CLAUSE_END.finditer(before[: name_start - 1])), default=0)
        position = match.end()
        share = _SHARE.match(text, position)
        position = share.end() if share else position
        # the last of amounts listed with 、 (其中：a 万元、b 万元、c 万元，较上年增加…) is followed by the
        # change of their whole, not its own
        listed = before[:name_start].endswith("、") and before[:name_start - 1].endswith("万元")
        change = None if listed else _CHANGE.match(text, position)
        level = None if change or listed else _LEVEL.match(text, position)
        position = change.end() if change else level.end() if level else position
        growth = _GROWTH.match(text, position) if change else None
        end = growth.end() if growth else position
        source = source_at(match.start())
        out.append(Statement(
            section=title,
            name=before[name_start:].strip(),
            amount=_decimal(match.group(1)),
            share=_decimal(share.group(1)) if share else None,
            change=_signed(change.group(1), change.group(2)) if change else Decimal(0) if level else None,
            growth=_signed(growth.group(1), growth.group(2)) if growth else None,
            quote=text[window + name_start : end],
            source=source,
        ))
    return out


def _after_heading(text: str, title: str, numbered: re.Pattern[str], first: str) -> int:
    """Where the section's first sentence begins in its text: after the heading when the heading
    ends with 说明 (a heading and its sentence run on with no stop between them) or stands alone
    on its line with no figure (四、一般公共预算拨款支出), else 0."""
    if not (numbered.match(title) or _SUB.match(title) or title.endswith("说明") or _PART.match(fold(title))):
        return 0
    if not title.endswith("说明"):
        return len(first) if title == first and not _AMOUNT.search(first) else 0
    wanted, seen = title.replace(" ", ""), 0
    for offset, char in enumerate(text):
        if char != " ":
            if seen == len(wanted) or char != wanted[seen]:
                return offset if seen == len(wanted) else 0
            seen += 1
    return 0


def headings(part: list[TextLine]) -> list[str]:
    """Part 3's numbered section headings (一、…说明)."""
    numbered = _numbering(part)
    return [title for title, _ in _sections(part) if numbered.match(title)]


def narrative(part: list[TextLine]) -> list[tuple[str, Source]]:
    """Part 3 line by line, the spaces extractors put beside CJK characters taken out."""
    return [(join_fragments([line.text]), line.source) for line in part]


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _signed(word: str, text: str) -> Decimal:
    value = _decimal(text)
    return -value if word in ("减少", "下降") else value
