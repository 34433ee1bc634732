"""Readers: one per input format, each handing lines of words to the one recovery."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableError
from ..gcpause import collector_paused
from .base import Extracted, TextLine, Word
from .sniff import FORMAT_NAMES, sniff
from .text import read_text

__all__ = ["Extracted", "TextLine", "Word", "read"]

# the formats a file's name may claim, by extension
_CLAIMED = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".xlsx": "xlsx", ".xls": "xls",
            ".htm": "html", ".html": "html", ".txt": "text"}


@collector_paused
def read(path: Path) -> Extracted:
    """Extract a document's lines; the format is found from its content, not its name."""
    if not path.exists():
        raise UnreadableError("文件不存在", file=str(path))
    if path.is_dir():
        raise UnreadableError("这是一个文件夹，不是文件", file=str(path))
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head:
        raise UnreadableError("文件为空（0 字节），没有可读取的内容", file=path.name)
    form = sniff(head, path)
    claimed = _CLAIMED.get(path.suffix.lower())
    if form == "text" and claimed not in (None, "text", "html"):
        raise UnreadableError(
            f"文件名表明是{FORMAT_NAMES[claimed]}文件，但内容不是{FORMAT_NAMES[claimed]}"
            "（文件损坏，或扩展名与内容不符）", file=path.name)
    if form == "pdf":
        from .pdf import read_pdf  # each reader's library is loaded only when needed

        return read_pdf(path)
    if form in ("docx", "doc"):
        from .docx import read_doc, read_docx

        return read_docx(path) if form == "docx" else read_doc(path)
    if form in ("xlsx", "xls"):
        from .xlsx import read_workbook

        return read_workbook(path, form)
    if form == "html":
        from .html import read_html

        return read_html(path)
    return read_text(path)
