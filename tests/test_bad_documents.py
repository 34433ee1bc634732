"""Broken, locked, empty, scanned and mislabelled documents: a clear Chinese message naming the
file and a non-zero exit, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from .conftest import SEEDS
from .documents import write_docx

CLI = [sys.executable, "-m", "yusuan.cli"]
needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice: scripts/setup-system.sh installs it")


def refused(path: Path, *words: str) -> str:
    result = subprocess.run([*CLI, "parse", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert path.name in result.stderr
    message = result.stderr.replace("\n", "")
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize("name", ["空.pdf", "空.docx", "空.xlsx", "空.html"])
def test_zero_byte_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    refused(path, "文件为空", "0 字节")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage" * 3)
    refused(path, "PDF", "损坏")


def test_truncated_pdf(tmp_path: Path) -> None:
    good = _text_pdf(tmp_path / "好.pdf")
    path = tmp_path / "截断.pdf"
    path.write_bytes(good.read_bytes()[:300])
    refused(path, "PDF", "损坏")


def test_pdf_with_password(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "加密.pdf", password="mima")
    refused(path, "密码", "加密")


def test_scanned_pdf_is_reported_as_a_scan(tmp_path: Path) -> None:
    document = pdfium.PdfDocument.new()
    for _ in range(2):
        page = document.new_page(595, 842)
        image = pdfium.PdfImage.new(document)
        bitmap = pdfium.PdfBitmap.new_native(200, 280, pdfium.raw.FPDFBitmap_BGR)
        bitmap.fill_rect((240, 240, 240, 255), 0, 0, 200, 280)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(image)
        page.gen_content()
        page.close()
    path = tmp_path / "扫描件.pdf"
    document.save(str(path))
    document.close()
    refused(path, "扫描件", "没有文字层", "OCR")


def test_text_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "预算.pdf"
    shutil.copyfile(SEEDS[0], path)
    refused(path, "PDF", "扩展名与内容不符")


def test_corrupt_word_document(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    refused(path, "Word", "损坏")


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    path = tmp_path / "附件.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("说明.txt", "附件")
    refused(path, "ZIP", "不是 Word 或 Excel")


def test_picture_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "图片.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    refused(path, "图片")


def _text_pdf(path: Path, password: str | None = None) -> Path:
    """A small real PDF of a seed's first page (LibreOffice), locked with `password` if given."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice: scripts/setup-system.sh installs it")
    folder = path.parent / f"made-{path.stem}"
    folder.mkdir()
    seed = folder / "seed.txt"
    seed.write_text("\n".join(SEEDS[0].read_text(encoding="utf-8").splitlines()[:40]), encoding="utf-8")
    document = write_docx(seed, folder / "seed.docx")
    export = "pdf"
    if password:
        export = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                  f'"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}')
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", export, "--outdir", str(folder), str(document)],
                   check=True, capture_output=True, timeout=300)
    shutil.move(folder / "seed.pdf", path)
    return path


@pytest.fixture(scope="module")
def partly_scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """A seed's PDF (Word, exported by LibreOffice) with two of its table pages replaced by
    scans (pictures without text): the file reads, but not whole. The pages replaced."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice: scripts/setup-system.sh installs it")
    folder = tmp_path_factory.mktemp("partly")
    from .documents import to_pdf

    whole = to_pdf(write_docx(SEEDS[0], folder / "whole.docx"), folder)
    source = pdfium.PdfDocument(str(whole))
    count = len(source)
    scanned = [count - 3, count - 1]  # 1-based page numbers, among the tables near the end
    document = pdfium.PdfDocument.new()
    for number in range(1, count + 1):
        if number in scanned:
            _scan_page(document)
        else:
            document.import_pages(source, [number - 1])
    path = folder / "部分扫描.pdf"
    document.save(str(path))
    document.close()
    source.close()
    return path, scanned


def _scan_page(document: pdfium.PdfDocument) -> None:
    page = document.new_page(842, 595)
    image = pdfium.PdfImage.new(document)
    bitmap = pdfium.PdfBitmap.new_native(280, 200, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((250, 250, 250, 255), 0, 0, 280, 200)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(842, 595))
    page.insert_obj(image)
    page.gen_content()
    page.close()


def test_parse_shows_each_problem_with_its_file_and_page(partly_scanned: tuple[Path, list[int]]) -> None:
    path, scanned = partly_scanned
    result = subprocess.run([*CLI, "parse", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr  # partly readable: what could be read is shown
    assert "Traceback" not in result.stderr
    reported = [line for line in result.stderr.splitlines() if line.startswith("未能完全读取")]
    assert reported
    for line in reported:  # every problem names the file and the page it is on
        assert f"未能完全读取 {path.name} 第 " in line and " 页" in line, line
    for page in scanned:
        assert any(f"{path.name} 第 {page} 页：第 {page} 页是图片（扫描件）" in line for line in reported), reported


def test_check_shows_reading_problems_with_their_place(partly_scanned: tuple[Path, list[int]]) -> None:
    import json

    path, scanned = partly_scanned
    text = subprocess.run([*CLI, "check", str(path)], capture_output=True, text=True, timeout=300)
    assert text.returncode in (0, 1) and "Traceback" not in text.stderr  # read, though not whole
    assert "未能完全读取" in text.stdout
    for page in scanned:
        assert f"{path.name} 第 {page} 页" in text.stdout
    out = subprocess.run([*CLI, "check", str(path), "--format", "json"], capture_output=True, text=True,
                         timeout=300)
    (report,) = json.loads(out.stdout)
    problems = report["problems"]
    assert {p["page"] for p in problems if "扫描件" in p["message"]} == set(scanned)
    assert all(p["file"] == path.name and p["page"] for p in problems)
    table_problems = [p for p in problems if p["table"]]
    for problem in table_problems:  # a table's problem names the table, in its place too
        assert f"表 {problem['table']}" in problem["place"]
    markdown = subprocess.run([*CLI, "check", str(path), "--format", "markdown"], capture_output=True,
                              text=True, timeout=300).stdout
    assert f"- {path.name} 第 {scanned[0]} 页：第 {scanned[0]} 页是图片（扫描件）" in markdown
