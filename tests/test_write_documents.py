"""What a written document looks like and how the command behaves: fonts, ink on every page, Word's
repeated headers and landscape sections, escaping, findings listed or refused, long tables. Every
seed in every format, as read and corrected: tests/test_write_seeds.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.rules import check
from yusuan.template import TABLES
from yusuan.writing import write

from .conftest import SEEDS
from .writing_support import (
    data_of,
    docx_to_pdf,
    expected_findings,
    finding_keys,
    ink,
    pdf_text,
    rows_of,
)


def test_pdf_embeds_its_font_and_every_page_has_ink(tmp_path: Path) -> None:
    seed = SEEDS[0]
    pdf = tmp_path / "公开.pdf"
    write(data_of(seed), pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts.replace("-", "") and " yes yes " in fonts  # embedded, subset
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 15
    assert all(ink(page) > 0.002 for page in pages)
    text = pdf_text(pdf).read_text(encoding="utf-8")
    assert "一般公共预算784.04万元，占74.79%" in text.replace(" ", "")  # searchable, figures computed
    # wide tables on landscape pages, the rest portrait: T2 (15 columns) turned, T3 not
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    turned = {index for index in range(len(document)) if document[index].get_width() > document[index].get_height()}
    pages = text.split("\f")

    def page_of(title: str) -> int:
        return next(index for index, page in enumerate(pages) if title in page)

    assert page_of("单位收入总体情况表") in turned and page_of("单位支出总体情况表") not in turned
    assert 0 not in turned


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_docx_rendered_by_libreoffice_reads_back(tmp_path: Path, seed: Path) -> None:
    data = data_of(seed)
    docx = tmp_path / f"{seed.stem}.docx"
    write(data, docx, charts=seed == SEEDS[0])
    pdf = docx_to_pdf(docx, tmp_path)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 15 and all(ink(page) > 0.002 for page in pages)
    for back in (parse(pdf), parse(docx)):  # LibreOffice's PDF, and the Word file itself
        for spec in TABLES:
            assert rows_of(back, spec.id) == rows_of(data, spec.id), spec.id
        assert finding_keys(check(back)) == expected_findings(data)


def test_docx_repeats_header_rows_and_turns_wide_tables(tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    docx = tmp_path / "公开.docx"
    write(data_of(SEEDS[0]), docx, charts=False)
    document = Document(str(docx))
    assert any(section.orientation == WD_ORIENT.LANDSCAPE for section in document.sections)
    first = document.tables[1]  # T2: two header rows, both repeated on every page
    assert [row._tr.trPr is not None and row._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
        for row in first.rows[:3]] == [True, True, False]


def test_html_escapes_the_data(tmp_path: Path) -> None:
    data = data_of(SEEDS[0])
    data.unit = "<b>某局</b>"
    page = tmp_path / "公开.html"
    write(data, page, charts=False)
    text = page.read_text(encoding="utf-8")
    assert "<b>某局" not in text and "&lt;b&gt;某局" in text


def test_write_command_lists_the_findings_or_refuses(tmp_path: Path) -> None:
    seed = next(seed for seed in SEEDS if seed.name.startswith("002"))
    data = tmp_path / "数据.json"
    data.write_text(subprocess.run([sys.executable, "-m", "yusuan.cli", "parse", str(seed), "--json"],
                                   capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    out = tmp_path / "公开.html"
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(data), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and out.exists()
    assert "数据有 8 处问题" in result.stderr and "T3.row-total" in result.stderr
    refused = tmp_path / "拒绝.html"
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(data), "-o", str(refused), "--strict"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and not refused.exists()
    assert "拒绝生成" in result.stderr and "T3 210 合计" in result.stderr


def test_write_command_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text("{\"tables\": {\"T3\": {\"rows\": [{\"kind\": \"class\", \"values\": {\"合计\": \"12..5\"}}]}}}",
                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(bad), "-o", str(tmp_path / "x.pdf")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "“12..5”不是数字" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "write", str(bad), "-o", str(tmp_path / "x.txt")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "不支持的输出格式" in result.stderr


def test_a_table_over_several_pages_repeats_its_header(tmp_path: Path) -> None:
    data = data_of(SEEDS[0])
    t3 = data.tables["T3"]
    t3.rows = t3.rows[:-1] * 8 + t3.rows[-1:]  # 97 rows: three pages
    pdf = tmp_path / "长表.pdf"
    write(data, pdf, charts=False)
    pages = pdf_text(pdf).read_text(encoding="utf-8").split("\f")
    headed = [page for page in pages if "单位支出总体情况表" not in page and "功能分类科目名称" in page
              and "基本支出" in page and "社会保障和就业支出" in page]
    assert len(headed) >= 2  # continuation pages carry the header again
    back = parse(pdf)
    assert rows_of(back, "T3") == rows_of(data, "T3")


def test_pdf_without_its_font_is_refused_not_printed_in_boxes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from yusuan.errors import YusuanError
    from yusuan.writing import pdf

    monkeypatch.setattr(pdf, "FONT", "Noto Sans Nowhere SC")  # as on a machine without fonts-noto-cjk
    out = tmp_path / "公开.pdf"
    with pytest.raises(YusuanError, match=r"未安装中文字体 Noto Sans Nowhere SC.*fonts-noto-cjk"):
        write(data_of(SEEDS[3]), out, charts=False)
    assert not out.exists()
