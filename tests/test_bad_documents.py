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
