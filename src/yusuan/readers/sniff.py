"""A file's format told from its first bytes (magic numbers), never from its name."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import UnreadableError

FORMAT_NAMES = {"pdf": " PDF ", "docx": " Word（.docx）", "doc": " Word（.doc）", "xlsx": " Excel（.xlsx）",
                "xls": " Excel（.xls）", "html": "网页（HTML）", "text": "文本"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<table[\s>]|<body[\s>]|<meta\s", re.IGNORECASE)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


ARCHIVE = "zip"  # an archive of documents, for those who unpack one (uploads, ingest)


def sniff(head: bytes, path: Path) -> str:
    """'pdf', 'docx', 'doc', 'xlsx', 'xls', 'html' or 'text'; raises for what yusuan cannot read."""
    return _sniff(head, path.name, lambda: path, path.read_bytes, archive=False)


def sniff_data(data: bytes, name: str, archive: bool = False) -> str:
    """The same for a file held in memory (an upload), named `name` in messages; with `archive`, a
    ZIP that is no Word or Excel file is ARCHIVE instead of refused."""
    return _sniff(data[:1 << 16], name, lambda: io.BytesIO(data), lambda: data, archive)


def _sniff(head: bytes, file: str, opened: Callable[[], Path | io.BytesIO], data: Callable[[], bytes],
           archive: bool) -> str:
    if b"%PDF-" in head[:1024]:  # a few producers put bytes before the header; readers allow it
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(opened(), file, archive)
    if head.startswith(_OLE2):
        return _ole2_format(data(), file)
    if head.startswith((b"{\\rtf",)):
        raise UnreadableError("这是 RTF 文件，yusuan 不能直接读取；请另存为 Word（.docx）或 PDF", file=file)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnreadableError("这是图片文件，没有文字可以读取；请提供 PDF、Word、Excel 或网页文件", file=file)
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        raise UnreadableError("这是压缩包；请先解压，再读取其中的文件", file=file)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    probe = text[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        probe = head.decode("utf-16", errors="ignore").encode("utf-8")[:4096]
    if _HTML.search(probe):
        return "html"
    return "text"


def _zip_format(source: Path | io.BytesIO, file: str, archive: bool) -> str:
    try:
        with zipfile.ZipFile(source) as opened:
            names = set(opened.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        if archive:
            return ARCHIVE  # whoever unpacks it says what is wrong with it
        raise UnreadableError("文件像是 Office（ZIP）格式，但已损坏或不完整，无法打开", file=file) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if archive:
        return ARCHIVE
    raise UnreadableError("这是 ZIP 压缩包，不是 Word 或 Excel 文件；请先解压，再读取其中的文件", file=file)


def _ole2_format(data: bytes, file: str) -> str:
    """Old Office files (.doc, .xls) and password-protected new ones share the OLE2 container;
    the names of the streams inside tell them apart."""
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise UnreadableError("Office 文件有密码保护（已加密），无法读取；请提供未加密的文件", file=file)
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    raise UnreadableError("这是旧版 Office 文件，但既不是 Word 文档也不是 Excel 工作簿，无法读取", file=file)
