"""The PDF reader's geometry: fake bold, words and cells, wrapped rows, sideways pages."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from yusuan.readers import read
from yusuan.readers.geometry import (
    Glyph,
    PageWord,
    Rule,
    assign_cells,
    cluster,
    group_lines,
    join_decimals,
    merge_wrapped,
    split_words,
)


def glyphs(text: str, x: float, top: float, width: float = 6.0, height: float = 10.0) -> list[Glyph]:
    return [Glyph(char, x + i * width, top, x + (i + 1) * width, top + height) for i, char in enumerate(text)]


def test_cluster_groups_neighbours() -> None:
    assert cluster([10.0, 30.0, 10.5, 29.0, 50.0], 1.5) == [[0, 2], [3, 1], [4]]


def test_fake_bold_copies_are_dropped_but_real_repeats_kept() -> None:
    bold = glyphs("合计", 100, 50)
    shifted = [Glyph(g.text, g.x0 + 0.3, g.top, g.x1 + 0.3, g.bottom) for g in bold]
    line = group_lines([*bold, *shifted, *glyphs("100.00", 200, 50)])
    assert len(line) == 1
    assert "".join(g.text for g in line[0]) == "合计100.00"


def test_words_break_at_gaps_and_rules() -> None:
    line = group_lines([*glyphs("201", 10, 50), *glyphs("一般", 40, 50), *glyphs("5.00", 100, 50)])[0]
    assert [w.text for w in split_words(line)] == ["201", "一般", "5.00"]
    tight = group_lines([*glyphs("12.00", 10, 50), *glyphs("3.00", 40.5, 50)])[0]
    assert [w.text for w in split_words(tight)] == ["12.003.00"]  # no gap, no rule: one word
    assert [w.text for w in split_words(tight, walls=[40.2])] == ["12.00", "3.00"]


def test_decimals_set_apart_are_joined_in_their_cell() -> None:
    words = [PageWord("25180591", 10, 50, 40, 60, 3), PageWord(".33", 43, 52, 50, 62, 3),
             PageWord(".5", 60, 50, 70, 60, 4)]
    assert [w.text for w in join_decimals(words)] == ["25180591.33", ".5"]


def test_cells_count_the_rules_to_the_left() -> None:
    verticals = [Rule(x, 0, 100) for x in (5, 35, 95, 130, 160)]
    words = split_words(group_lines([*glyphs("201", 10, 50), *glyphs("5.00", 135, 50)])[0])
    assign_cells(words, verticals)
    assert [w.cell for w in words] == [1, 4]  # the empty cells between are counted
    outside = [PageWord("注", 200, 50, 210, 60)]
    assign_cells(outside, verticals)
    assert outside[0].cell is None


def _row(words: list[tuple[str, int, float, float]]) -> list[PageWord]:
    return [PageWord(text, x, top, x + 20, top + 10, cell) for text, cell, x, top in words]


def test_a_wrapped_row_is_merged_and_its_cut_number_joined() -> None:
    horizontals = [Rule(y, 0, 300) for y in (40, 80, 100)]
    lines = [
        _row([("210", 1, 10, 42), ("财政对", 2, 50, 42), ("612.0", 3, 150, 42)]),
        _row([("基本医疗", 2, 50, 55), ("0", 3, 150, 55)]),
        _row([("211", 1, 10, 85), ("节能", 2, 50, 85)]),
    ]
    merged = merge_wrapped(lines, horizontals)
    assert [[w.text for w in line] for line in merged] == [["210", "财政对", "基本医疗", "612.00"], ["211", "节能"]]


def test_rows_without_rules_between_are_not_merged() -> None:
    horizontals = [Rule(y, 0, 300) for y in (40, 200)]
    lines = [_row([("行政运行", 2, 50, 50 + 12 * i), ("1.00", 3, 150, 50 + 12 * i)]) for i in range(3)]
    assert len(merge_wrapped(lines, horizontals)) == 3


@pytest.mark.parametrize("up", [True, False], ids=["running-up", "running-down"])
def test_sideways_text_reads_in_its_own_direction(tmp_path: Path, up: bool) -> None:
    """A table set sideways on a portrait page: its rows read as lines, in order."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    rows = [["201", "10.00", "20.00"], ["202", "30.00", "40.00"], ["203", "50.00", "60.00"]]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(12))
            encoded = (text + "\0").encode("utf-16-le")
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.create_string_buffer(encoded),
                                                       ctypes.POINTER(ctypes.c_ushort)))
            if up:  # a quarter turn counterclockwise: rows run up the page, first row leftmost
                pdfium_c.FPDFPageObj_Transform(obj, 0, 1, -1, 0, 100 + 40 * r, 100 + 120 * c)
            else:  # clockwise: rows run down the page, first row rightmost
                pdfium_c.FPDFPageObj_Transform(obj, 0, -1, 1, 0, 400 - 40 * r, 700 - 120 * c)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    page.close()
    path = tmp_path / "sideways.pdf"
    document.save(str(path))
    document.close()
    lines = [line.text for line in read(path).lines]
    assert lines == ["201 10.00 20.00", "202 30.00 40.00", "203 50.00 60.00"]
