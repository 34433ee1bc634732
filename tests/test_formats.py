"""Every format reads back to the same disclosure as the seed it was made from, cell for cell:
Word written with python-docx, PDF exported from it by LibreOffice (landscape table sections,
tables over several pages, pages turned by /Rotate), old .doc, Excel and HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from yusuan.api import parse
from yusuan.model import Disclosure
from yusuan.readers import read

from .conftest import SEEDS, parsed
from .documents import to_doc, to_pdfs, write_docx, write_html, write_xlsx

needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice: scripts/setup-system.sh installs it")
# two seeds whose text kept the table grid (tab-separated cells) and one that lost it
GRID_SEEDS = [seed for seed in SEEDS if "\t" in seed.read_text(encoding="utf-8")][:2]
FLAT_SEED = next(seed for seed in SEEDS if "\t" not in seed.read_text(encoding="utf-8"))


def tables(disclosure: Disclosure) -> dict[str, list[tuple[object, ...]]]:
    """What a user compares: every row's key and every amount's column and exact value."""
    return {
        key: [(row.kind, row.code, row.name, row.project, row.side, row.unit,
               {column: amount.value for column, amount in row.values.items()}) for row in table.rows]
        for key, table in disclosure.tables.items() if table.present
    }


def assert_same(got: Disclosure, seed: Path) -> None:
    expected = parsed(seed)
    assert (got.unit, got.year, got.kind) == (expected.unit, expected.year, expected.kind)
    want, have = tables(expected), tables(got)
    assert set(have) == set(want)
    for key in want:
        assert have[key] == want[key], key


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each grid seed as .docx, .pdf (from the .docx), rotated .pdf, .html and .xlsx."""
    out: dict[tuple[str, str], Path] = {}
    folder = tmp_path_factory.mktemp("made")
    seeds = [*GRID_SEEDS, FLAT_SEED]
    for seed in seeds:
        out[seed.name, "docx"] = write_docx(seed, folder / f"{seed.stem}.docx")
        out[seed.name, "html"] = write_html(seed, folder / f"{seed.stem}.html")
        out[seed.name, "xlsx"] = write_xlsx(seed, folder / f"{seed.stem}.xlsx")
    if shutil.which("soffice"):
        pdfs = to_pdfs([out[seed.name, "docx"] for seed in seeds], folder)
        for seed, pdf in zip(seeds, pdfs, strict=True):
            out[seed.name, "pdf"] = pdf
            out[seed.name, "rotated"] = _rotated(pdf, folder / f"{seed.stem}-rotated.pdf")
    return out


def _rotated(pdf: Path, out: Path) -> Path:
    """The same pages shown turned (/Rotate 90 and 270 alternately), as scanners and some
    producers leave landscape pages."""
    document = pdfium.PdfDocument(str(pdf))
    for index in range(len(document)):
        page = document[index]
        page.set_rotation(90 if index % 2 else 270)
        page.close()
    document.save(str(out))
    document.close()
    return out


@pytest.mark.parametrize("seed", GRID_SEEDS, ids=lambda s: s.name[:3])
@pytest.mark.parametrize("form", ["docx", "html", "xlsx"])
def test_office_and_web_formats_read_as_the_seed(made: dict[tuple[str, str], Path], seed: Path,
                                                 form: str) -> None:
    path = made[seed.name, form]
    assert read(path).format == form
    assert_same(parse(path), seed)


@needs_office
@pytest.mark.parametrize("seed", [*GRID_SEEDS, FLAT_SEED], ids=lambda s: s.name[:3])
@pytest.mark.parametrize("form", ["pdf", "rotated"])
def test_libreoffice_pdf_reads_as_the_seed(made: dict[tuple[str, str], Path], seed: Path, form: str) -> None:
    path = made[seed.name, form]
    extracted = read(path)
    assert extracted.format == "pdf" and extracted.pages > 5
    got = parse(path)
    assert_same(got, seed)
    # the positions settle columns the text alone leaves open
    uncertain = sum(a.uncertain for t in got.tables.values() for r in t.rows for a in r.values.values())
    before = sum(a.uncertain for t in parsed(seed).tables.values() for r in t.rows for a in r.values.values())
    assert uncertain <= before


@needs_office
def test_pdf_amounts_carry_page_and_box(made: dict[tuple[str, str], Path]) -> None:
    seed = GRID_SEEDS[0]
    got = parse(made[seed.name, "pdf"])
    amounts = [a for t in got.tables.values() for r in t.rows for a in r.values.values()]
    assert amounts
    for amount in amounts:
        assert amount.source.page and amount.source.page > 1
        x0, top, x1, bottom = amount.source.bbox  # type: ignore[misc]
        assert 0 <= x0 < x1 and 0 <= top < bottom


@needs_office
def test_pdf_table_rows_carry_their_grid_cells(made: dict[tuple[str, str], Path]) -> None:
    """A table row of the PDF is one line whose amounts know their column."""
    seed = GRID_SEEDS[0]
    lines = read(made[seed.name, "pdf"]).lines
    celled = [line for line in lines if any(word.cell is not None for word in line.words)]
    assert len(celled) > 50
    text_rows = [line for line in seed.read_text(encoding="utf-8").splitlines() if "\t" in line]
    by_text: dict[str, list[list[int]]] = {}
    for original in text_rows:  # the same words may stand in two tables of different grids
        cells = [cell for cell, text in enumerate(original.split("\t")) for _ in text.split()]
        by_text.setdefault(" ".join(original.split()), []).append([c - cells[0] for c in cells])
    matched = 0
    for line in celled:
        patterns = by_text.get(" ".join(word.text for word in line.words))
        if patterns is None:
            continue
        got = [word.cell for word in line.words]
        assert [c - got[0] for c in got] in patterns  # type: ignore[operator]
        matched += 1
    assert matched > 30


@needs_office
def test_old_word_doc_reads_as_the_seed(made: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    seed = GRID_SEEDS[0]
    doc = to_doc(made[seed.name, "docx"], tmp_path)
    assert read(doc).format == "doc"
    assert_same(parse(doc), seed)


def test_format_is_told_by_content_not_name(made: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    seed = GRID_SEEDS[0]
    for form in ("docx", "xlsx", "html"):
        disguised = tmp_path / f"{form}.txt"
        shutil.copyfile(made[seed.name, form], disguised)
        assert read(disguised).format == form
        assert_same(parse(disguised), seed)
