"""Where each table of Part 2 stands in the text, and which of its lines are header, not data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..readers.base import TextLine, Word
from ..template import TABLES, TableSpec, variants
from ..text import fold, is_amount

PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_SENTENCE = re.compile(r"[，。,;；：:]")
_FURNITURE = re.compile(
    r"^(?:(?:编制|预算)?(?:单位|部门)(?:\(单位\))?(?:名称)?[:：]|(?:金额)?单位[:：]\s*(?:万元|元)|第\d+页|-\d+-$)"
)
# a line ending in its money unit (341-湖州市财政局 单位：万元) whatever precedes it
_MONEY_UNIT_END = re.compile(r"(?:金额)?单位[:：](?:万元|元|千元|亿元)$")
_NARRATIVE_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?[^\d，。,;；:：]{0,16}情况说明$")
_TABLE_NUMBER = re.compile(r"^附?表\s*(?:\d+|[一二三四五六七八九十]+)[:：]?$")
_PERFORMANCE = re.compile(r"(?:整体|项目支出|项目)绩效目标(?:申报)?表")
_COLUMN_NUMBERS = re.compile(r"^[※*\s\d]+$")

_HEADER_WORDS = (
    "科目编码功能分类科目编码功能分类科目名称经济分类科目编码经济分类科目名称科目名称项目名称"
    "项目类款项科目资金来源“三公”经费支出内容预算数收入支出功能分类支出功能分类财政拨款收入"
    "财政拨款支出支出预算财政拨款(补助)非财政拨款小计合计总计金额编码名称基本支出人员经费公用经费其中:"
)


@dataclass(slots=True)
class Region:
    spec: TableSpec
    title: str  # as printed
    title_line: int
    start: int  # first line after the title
    end: int  # one past the last line


EXTRA = "extra"  # a title the template lacks: the table is kept as printed


def _titles() -> list[tuple[str, TableSpec | str]]:
    pairs: list[tuple[str, TableSpec | str]] = [
        (fold(title), spec) for spec in TABLES
        for title in (*spec.all_titles, *variants.TITLES.get(spec.id, ()))]
    pairs += [(fold(title), EXTRA) for title in variants.EXTRA_TITLES]
    # the longest title that fits wins; of two alike, the extra table (its concept says more)
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[1] != EXTRA))


_TITLES = _titles()


@lru_cache(maxsize=1 << 14)  # asked of each line by several passes
def title_of(text: str) -> TableSpec | str | None:
    """The table a line is the title of: a canonical table, EXTRA, or None."""
    folded = fold(text)
    if not folded.endswith(("表", ")", "）")):
        return None
    folded = variants.bare_title(folded)
    for candidate in dict.fromkeys((folded, variants.without_qualifier(folded))):
        for title, spec in _TITLES:
            if candidate.endswith(title):
                prefix = candidate[: -len(title)]
                if len(prefix) <= 40 and not _SENTENCE.search(prefix):
                    return spec
    return None


def match_title(text: str) -> TableSpec | None:
    found = title_of(text)
    return found if isinstance(found, TableSpec) else None


def is_extra_title(lines: list[TextLine], index: int) -> bool:
    """A title the template lacks: a known one (variants.EXTRA_TITLES) or any line printed as a
    table's title (numbered, or after a line of numbering, or under a year) that names no
    canonical table: it starts a table of its own, never read into the one before."""
    found = title_of(lines[index].text)
    return found == EXTRA or (found is None and _unknown_title(lines, index))


_GENERIC_TITLE = re.compile(r"^.{2,40}表(?:\(.{1,20}\))?$")
_NUMBERING_ONLY = re.compile(
    r"^(?:(?:单位)?预算\d{1,2}表|公开\d{1,2}表|公开表\d{1,2}|附?表\d{1,2}|表[一二三四五六七八九十]{1,3})$")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}年")


def _unknown_title(lines: list[TextLine], index: int) -> bool:
    line = lines[index]
    folded = fold(line.text)
    if len(folded) > 60 or "表" not in folded or any(is_amount(word.text) for word in line.words):
        return False
    bare = variants.bare_title(folded)
    if not _GENERIC_TITLE.match(bare) or _SENTENCE.search(re.sub(r"\([^)]*\)", "", bare)):
        return False
    numbered = bare != folded or (index > 0 and _NUMBERING_ONLY.match(fold(lines[index - 1].text)) is not None)
    return numbered or _YEAR_FIRST.match(bare) is not None


def is_furniture(line: TextLine) -> bool:
    """Page furniture inside a table: 编制单位 … 单位：万元, 表 N, page numbers."""
    folded = fold(line.text)
    return bool(_FURNITURE.match(folded) or _TABLE_NUMBER.match(folded) or _NUMBERING_ONLY.match(folded)
                or _MONEY_UNIT_END.search(folded))


def is_end_marker(line: TextLine) -> bool:
    folded = fold(line.text)
    if PART.match(folded) or folded.endswith("名词解释"):
        return True
    if _NARRATIVE_HEADING.match(folded) and not any(is_amount(word.text) for word in line.words):
        return True  # 六、其他相关情况说明 (Shanghai): the narrative after the tables
    return len(folded) <= 40 and _PERFORMANCE.search(folded) is not None


def titles(lines: list[TextLine]) -> list[TableSpec | None]:
    """For each line, the table whose title it is (None for most lines)."""
    return [match_title(line.text) for line in lines]


def listed_tables(lines: list[TextLine], specs: list[TableSpec | None]) -> list[str]:
    """The tables a table of contents lists (by id), in its order."""
    listed: list[str] = []
    for index, spec in enumerate(specs):
        if spec is not None and _is_contents_entry(lines, specs, index) and spec.id not in listed:
            listed.append(spec.id)
    return listed


_EMPTY_REASON = re.compile(r"^(.+?表(?:[（(][^）)]*[）)])?)\s+是\s+(\S.{0,60})$")


def empty_reasons(lines: list[TextLine]) -> dict[str, str]:
    """The reasons a 报表目录 with 是否空表 / 表格为空的理由 columns gives for its empty tables
    (Xi'an: `表11 …结转资金支出表 是 不涉及`), by table id."""
    out: dict[str, str] = {}
    for line in lines:
        match = _EMPTY_REASON.match(line.text)
        spec = match_title(match.group(1)) if match else None
        if match and spec is not None:
            out.setdefault(spec.id, f"报表目录：是否空表“是”，表格为空的理由“{match.group(2).strip()}”")
    return out


def _is_contents_entry(lines: list[TextLine], specs: list[TableSpec | None], index: int) -> bool:
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    if specs[index + 1] is not None and specs[index + 1] is specs[index]:
        return False  # a heading and the title under it (Fujian: 六、… then 2026 年度…)
    if specs[index + 1] or PART.match(fold(following.text)) or following.text.startswith("- "):
        return True
    # a 报表目录 with 是否空表 columns (Xi'an): the next title a line or two on, no amount between
    for probe in range(index + 1, min(index + 4, len(lines))):
        if any(is_amount(word.text) and "." in word.text for word in lines[probe].words):
            return False
        if title_of(lines[probe].text) is not None:
            return True
    return False


def find_tables(lines: list[TextLine], specs: list[TableSpec | None]) -> list[Region]:
    """The tables in reading order (`specs`: each line's title, as `titles` gives them); a table
    of contents is not a table."""
    starts = [(index, spec) for index, spec in enumerate(specs)
              if spec is not None and not _is_contents_entry(lines, specs, index)]
    regions: list[Region] = []
    for position, (index, spec) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        for probe in range(index + 1, end):
            if is_end_marker(lines[probe]) or is_extra_title(lines, probe):
                end = probe
                break
        if regions and regions[-1].spec is spec:  # the title repeated on a continuation page
            regions[-1].end = end
            continue
        regions.append(Region(spec, lines[index].text, index, index + 1, end))
    return regions


def find_extra(lines: list[TextLine]) -> list[tuple[int, int]]:
    """The tables the template lacks, as (title line, one past the last line); a table of
    contents is not a table."""
    marks = [title_of(line.text) or (EXTRA if _unknown_title(lines, index) else None)
             for index, line in enumerate(lines)]
    specs = [mark if isinstance(mark, TableSpec) else None for mark in marks]
    found = []
    for index, mark in enumerate(marks):
        if mark != EXTRA or index + 1 >= len(lines) or marks[index + 1] is not None:
            continue  # the last line, or an entry of the contents followed by the next
        if _is_contents_entry(lines, specs, index):
            continue  # an entry of the contents
        end = next((probe for probe in range(index + 1, len(lines))
                    if marks[probe] is not None or is_end_marker(lines[probe])), len(lines))
        if found and found[-1][1] == index and fold(lines[found[-1][0]].text) == fold(lines[index].text):
            found[-1] = (found[-1][0], end)  # its title repeated on a continuation page
            continue
        found.append((index, end))
    return found


_LEXICONS: dict[str, str] = {}  # by table id: a TableSpec's hash hashes all its columns and lines


def lexicon(spec: TableSpec) -> str:
    """Every word a header of this table may be cut from."""
    known = _LEXICONS.get(spec.id)
    if known is not None:
        return known
    # a ledger's lines bear these names (一般公共预算, 事业收入): there they are rows, not header words
    words = [_HEADER_WORDS, *(variants.HEADER_WORDS if spec.rows != "ledger" else variants.LEDGER_HEADER_WORDS),
             *spec.all_titles]
    for column in (*spec.columns, *spec.income_columns):
        words += [column.label, *column.aliases, *column.label.split("/")]
    known = _LEXICONS[spec.id] = fold("".join(words))
    return known


def is_total_label(text: str) -> bool:
    return fold(text).rstrip(":：") in {"合计", "总计"}  # 总计： (Changchun)


_NUMBERING_WORDS = ("类", "款", "项", "栏次")  # the label of a row of column numbers (or of code parts)


def is_header_like(line: TextLine, spec: TableSpec) -> bool:
    """Whether every word of the line could be a piece of this table's header (or its row of
    column numbers: ※ ※ 1 2 3)."""
    words = lexicon(spec)
    numbered = "※" in line.text or "**" in line.text or any(word.text in _NUMBERING_WORDS for word in line.words)
    return all(
        _made_of(_YEAR_FIRST.sub("", fold(word.text)) or "合计", words)  # 2026年预算数: a year, then header words
        or (numbered and (_COLUMN_NUMBERS.match(word.text) or word.text in _NUMBERING_WORDS))
        for word in line.words
    )


def _repeated_header(line: TextLine, spec: TableSpec) -> bool:
    return not is_furniture(line) and title_of(line.text) is None and (
        is_header_like(line, spec) or _loose_header(line, spec))


def _loose_header(line: TextLine, spec: TableSpec, fewest: int = 3) -> bool:
    """A header line that prints columns the template lacks (事业单位经营支出, 上缴上级支出): three
    cells or more (two over another header line), no figure, no sentence, most cells made of
    header words."""
    words = line.words
    if spec.rows == "ledger" or len(words) < fewest or any(is_amount(word.text) for word in words) \
            or re.search(r"[，。,;；]", line.text):
        return False
    lexicon_text = lexicon(spec)
    return sum(_made_of(fold(word.text), lexicon_text) for word in words) * 2 >= len(words)


def _made_of(word: str, lexicon_text: str) -> bool:
    """Whether `word` is a piece of the header words, or at most three pieces run together
    (merged header cells print as 项目支出人员; garbled ones drop a character: 政府基)."""
    if word in lexicon_text:
        return True
    if len(word) <= 2:
        return all(char in lexicon_text for char in word)
    pieces, singles, rest = 0, 0, word
    while rest:
        size = next((n for n in range(len(rest), 0, -1) if rest[:n] in lexicon_text), 0)
        singles += size == 1
        if size == 0 or pieces == 3 or singles > 1:
            return False
        pieces, rest = pieces + 1, rest[size:]
    return True


def _group_line(line: TextLine, header: TextLine | None) -> bool:
    """A line of group cells over a header line (编制预算 | 上年结转 over the columns each spans),
    in words no template column uses: a few short cells, no figure, no sentence, right above the
    header line. Only where the words keep their boxes."""
    if header is None or line.source.bbox is None or header.source.bbox is None or not 0 < len(line.words) <= 6 \
            or len(header.words) < 3:  # over a line of cells, not over a wrapped name's last piece
        return False
    if any(is_amount(word.text) or _SENTENCE.search(word.text) or len(word.text) > 12 or word.text[0].isdigit()
           for word in line.words):  # a code: a row's name
        return False
    _, top, _, bottom = line.source.bbox
    return 0 <= header.source.bbox[1] - bottom <= 2 * (bottom - top)


def _starts_with_amount(line: TextLine) -> bool:
    return is_amount(line.words[0].text)


def header_text(lines: list[TextLine]) -> str:
    """A header, folded. Where the words' boxes are known (a PDF), each column's words are read
    top to bottom, so a cell stacked over lines (工资福 / 利支出) reads whole; else line by line."""
    words = [word for line in lines for word in line.words]
    if not words or any(word.source.bbox is None for word in words):
        return "".join(fold(line.text) for line in lines)
    columns: list[list[Word]] = []  # each led by its first (leftmost) word
    for word in sorted(words, key=lambda w: w.source.bbox[0]):  # type: ignore[index]
        column = next((column for column in columns if _stacked(column[0], word)), None)
        if column is None:
            columns.append([word])
        else:
            column.append(word)
    return "".join(fold(word.text) for column in columns
                   for word in sorted(column, key=lambda w: w.source.bbox[1]))  # type: ignore[index]


def _stacked(one: Word, other: Word) -> bool:
    """Each word's middle lies within the other's width: one above the other in a column."""
    a0, _, a1, _ = one.source.bbox  # type: ignore[misc]
    b0, _, b1, _ = other.source.bbox  # type: ignore[misc]
    return a0 <= (b0 + b1) / 2 <= a1 and b0 <= (a0 + a1) / 2 <= b1


def _beside_header(window: list[TextLine], spec: TableSpec) -> set[int]:
    """Lines of a printed header in words no template uses (政府采购项目 / 其中：中预留给中小企业的
    项目资金规模): next to a header line that prints the total column, no figure, every word over
    the figure columns (right of where the total column starts). A row's name never stands there."""
    out: set[int] = set()
    for index, line in enumerate(window):
        if line.source.bbox is None or not (is_header_like(line, spec) or _loose_header(line, spec)):
            continue
        total = next((word for word in line.words if fold(word.text).endswith(("合计", "总计"))), None)
        if total is None or total.source.bbox is None:
            continue
        start = total.source.bbox[0] - 2
        for step in (-1, 1):
            near, other = line, index + step
            while 0 <= other < len(window) and _over_figures(window[other], near, start):
                out.add(other)
                near, other = window[other], other + step
    return out


def _over_figures(line: TextLine, near: TextLine, start: float) -> bool:
    """A line of header cells right above or below `near`: same page, close, no figure, every
    word right of `start`."""
    box, other = line.source.bbox, near.source.bbox
    if box is None or other is None or line.source.page != near.source.page or not line.words:
        return False
    height = other[3] - other[1]
    close = min(abs(box[1] - other[3]), abs(other[1] - box[3])) <= max(height, 12.0)
    return close and not any(is_amount(word.text) for word in line.words) and all(
        word.source.bbox is not None and word.source.bbox[0] >= start for word in line.words)


def body_lines(lines: list[TextLine], region: Region) -> tuple[str, list[TextLine]]:
    """The table's header (folded) and its data lines: page furniture and repeated headers
    removed."""
    header, out, _ = header_and_body(lines, region)
    return header, out


def header_and_body(lines: list[TextLine], region: Region) -> tuple[str, list[TextLine], list[TextLine]]:
    """The table's first header (folded), its data lines, and every header line it prints (the
    first, those repeated on continuation pages, those printed after the data)."""
    window = lines[region.start : region.end]
    out: list[TextLine] = []
    header_lines: list[TextLine] = []
    every_header: list[TextLine] = []
    in_header = True
    run: list[TextLine] = []

    def flush() -> None:
        # a long run of header words is a header repeated after a page break; a short one is
        # a wrapped name that happens to be made of header words ('支出')
        if sum(len(fold(line.text)) for line in run) < 10 and not any(id(line) in again for line in run):
            out.extend(run)
        else:
            every_header.extend(line for line in run if not is_furniture(line) and title_of(line.text) is None)
        run.clear()

    numbering = False  # inside a row of column numbers (※ ※ 1 2 3), one cell per line or not
    # the lines printed above the first figures, as printed: a page that starts with one of them
    # again repeats the header, whatever its words (部门预算支出经济科目 | 预算, Guangzhou 表6)
    first = next((index for index, line in enumerate(window) if any(is_amount(word.text) for word in line.words)), 0)
    printed_above = {fold(line.text) for line in window[:first] if len(fold(line.text)) >= 4
                     and not is_total_label(line.text) and not is_furniture(line)}
    page_top, page = False, None
    again: set[int] = set()  # the lines that repeat it
    beside = _beside_header(window, region.spec)
    beside_ids = {id(window[index]) for index in beside}
    for index, line in enumerate(window):
        if is_furniture(line) or match_title(line.text) is region.spec:
            if not in_header:
                run.append(line)
            continue
        if line.source.page != page:
            page_top, page = True, line.source.page
        repeated = page_top and index >= first and fold(line.text) in printed_above
        page_top = repeated
        if repeated:
            again.add(id(line))
        following = window[index + 1] if index + 1 < len(window) else None
        lone_number = numbering and len(line.words) == 1 and re.match(r"^(?:※|\d{1,2})$", line.text)
        above_header = following is not None and (is_header_like(following, region.spec)
                                                  or _loose_header(following, region.spec))
        header = lone_number or repeated or index in beside or ((is_header_like(line, region.spec)
                                  or _loose_header(line, region.spec, 2 if above_header else 3)
                                  or (above_header and _group_line(line, following))) and not (
            is_total_label(line.text) and (following is None or _starts_with_amount(following))
        ))
        numbering = header and ("※" in line.text or "**" in line.text or "栏次" in line.text or bool(lone_number)
                                or any(word.text in ("类", "款", "项") for word in line.words))
        if in_header:
            if header:
                header_lines.append(line)
                continue
            in_header = False
        if header:
            run.append(line)
            continue
        if run and not any(is_furniture(item) for item in run):
            flush()
        every_header.extend(line for line in run if _repeated_header(line, region.spec) or id(line) in beside_ids
                            or fold(line.text) in printed_above)
        run.clear()
        out.append(line)
    every_header.extend(line for line in run if _repeated_header(line, region.spec) or id(line) in beside_ids
                        or fold(line.text) in printed_above)
    return header_text(header_lines), out, header_lines + every_header
