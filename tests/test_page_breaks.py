"""Table rows split by a page break: the last lines of a long project name land at the top of the
next page, with no numbers (and, where the table repeats its header, under the header). Read
back, every row is whole again and the disclosure is the source's, cell for cell.

The documents: seeds with long project names, written as Word with rows allowed to break across
pages (Word's default), exported by LibreOffice; one continues its tables without a header, one
repeats the header (with its row of column numbers) on every page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.model import Source
from yusuan.readers import read
from yusuan.readers.base import TextLine, Word
from yusuan.readers.pagebreak import Breaks
from yusuan.text import is_amount

from .documents import to_pdfs, write_docx
from .test_formats import GRID_SEEDS, assert_same

needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice: scripts/setup-system.sh installs it")
LONG = "（含设备购置、系统运行维护、技术服务、宣传培训及相关配套工作经费）"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def with_long_project_names(seed: Path, out: Path) -> Path:
    """The seed with every project name (the 项目名称 column of its tables) made long enough to
    wrap over several lines of its cell."""
    lines, column = [], None
    for line in seed.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            column = None
        else:
            cells = line.split("\t")
            if "项目名称" in cells:
                column = cells.index("项目名称")
            elif column is not None and column < len(cells) and len(_CJK.findall(cells[column])) >= 2:
                cells[column] = cells[column].strip() + LONG
            line = "\t".join(cells)
        lines.append(line)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Per layout: the source (the seed with long names, as text) and its LibreOffice PDF."""
    folder = tmp_path_factory.mktemp("split")
    layouts = {"no-repeated-header": (GRID_SEEDS[0], False), "repeated-header": (GRID_SEEDS[1], True)}
    sources, documents = {}, []
    for name, (seed, header) in layouts.items():
        sources[name] = with_long_project_names(seed, folder / f"{name}.txt")
        documents.append(write_docx(sources[name], folder / f"{name}.docx", split_rows=True, repeat_header=header))
    pdfs = to_pdfs(documents, folder)
    return {name: (sources[name], pdf) for name, pdf in zip(layouts, pdfs, strict=True)}


@needs_office
@pytest.mark.parametrize("layout", ["no-repeated-header", "repeated-header"])
def test_rows_split_by_the_page_break_read_as_the_source(split: dict[str, tuple[Path, Path]], layout: str) -> None:
    source, pdf = split[layout]
    lines = read(pdf).lines
    # the document does hold rows the break split, their rest on the next page text only
    rejoined = [line for line in lines
                if any(word.source.page != line.source.page for word in line.words)
                and not any(is_amount(word.text) for word in line.words if word.source.page != line.source.page)]
    assert rejoined
    assert_same(parse(pdf), source)


def _line(page: int, cells: list[tuple[int, str, float]], top: float = 700.0) -> TextLine:
    """A table line: (cell, text, left edge) per word, 10-point text."""
    words = [Word(text, Source("t.pdf", page, 1, (x, top, x + 10.0 * len(text), top + 10.0)), cell)
             for cell, text, x in cells]
    return TextLine(words, Source("t.pdf", page, 1))


def test_the_rest_of_a_name_joins_its_row_past_a_page_number_and_a_repeated_header() -> None:
    breaks, lines = Breaks(), []
    header = _line(1, [(1, "科目编码", 12.0), (2, "项目名称", 52.0), (3, "金额", 152.0)], top=60.0)
    row = _line(1, [(1, "2010301", 12.0), (2, "政务信息系统运行", 52.0), (3, "12.50", 152.0)])
    breaks.add(lines, [header, row, TextLine([Word("- 1 -", Source("t.pdf", 1, 3))], Source("t.pdf", 1, 3))],
               [frozenset(), frozenset({2, 3}), frozenset()].__getitem__)
    rest = _line(2, [(2, "维护经费", 52.0)], top=80.0)
    following = _line(2, [(1, "2010302", 12.0), (2, "一般行政管理事务", 52.0), (3, "3.00", 152.0)], top=100.0)
    again = _line(2, [(1, "科目编码", 12.0), (2, "项目名称", 52.0), (3, "金额", 152.0)], top=60.0)
    breaks.add(lines, [again, rest, following], [frozenset(), frozenset(), frozenset({2, 3})].__getitem__)
    assert [line.text for line in lines] == [
        "科目编码 项目名称 金额", "2010301 政务信息系统运行 维护经费 12.50", "- 1 -", "科目编码 项目名称 金额",
        "2010302 一般行政管理事务 3.00"]
    assert lines[1].words[2].source.page == 2  # the rest keeps its own place


@pytest.mark.parametrize("first", [
    [(2, "2010302一般行政管理", 52.0)],  # a code begins a row of its own
    [(2, "合计", 90.0)],  # not where the cell's lines start: another cell's text
    [(3, "3.00", 152.0)],  # a whole amount does not continue 12.50
    [(1, "2010302", 12.0), (2, "事务", 52.0)],  # a code where the row has its code
], ids=["code", "centred", "amount", "coded-row"])
def test_a_new_row_at_the_top_of_a_page_stays_a_row(first: list[tuple[int, str, float]]) -> None:
    breaks, lines = Breaks(), []
    rows = [_line(1, [(1, "201", 12.0), (2, "一般公共服务支出", 52.0), (3, "1,204.25", 152.0)], top=600.0),
            _line(1, [(1, "2010301", 12.0), (2, "政务信息系统运行", 52.0), (3, "12.50", 152.0)])]
    breaks.add(lines, rows, [frozenset(), frozenset({2, 3})].__getitem__)
    line = _line(2, first, top=60.0)
    breaks.add(lines, [line], [frozenset()].__getitem__)
    assert len(lines) == 3 and lines[-1] is line and lines[1].text == "2010301 政务信息系统运行 12.50"


def test_a_number_cut_by_the_page_is_whole_again() -> None:
    breaks, lines = Breaks(), []
    body = [_line(1, [(1, "201", 12.0), (2, "一般公共服务支出", 52.0), (3, "1,204.25", 152.0)], top=580.0),
            _line(1, [(1, "20103", 12.0), (2, "政府办公厅（室）", 52.0), (3, "942.39", 152.0)], top=600.0),
            _line(1, [(1, "2010301", 12.0), (2, "行政运行", 52.0), (3, "261.8", 152.0)])]
    breaks.add(lines, body, [frozenset(), frozenset(), frozenset({3})].__getitem__)
    breaks.add(lines, [_line(2, [(3, "6", 152.0)], top=60.0)], [frozenset()].__getitem__)
    assert lines[-1].text == "2010301 行政运行 261.86"
