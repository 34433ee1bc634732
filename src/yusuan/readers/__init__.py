"""Readers: one per input format, each handing lines of words to the one recovery."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableError
from .base import Extracted, TextLine, Word
from .text import read_text

__all__ = ["Extracted", "TextLine", "Word", "read"]


def read(path: Path) -> Extracted:
    """Extract a document's lines; the format is found from its content, not its name."""
    if not path.exists():
        raise UnreadableError("文件不存在", file=str(path))
    if path.is_dir():
        raise UnreadableError("这是一个文件夹，不是文件", file=str(path))
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        raise UnreadableError("这是 PDF 文件；PDF 读取尚未实现，请先提取为文本", file=path.name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableError("这是 Office 文件（Word/Excel）；该格式的读取尚未实现", file=path.name)
    return read_text(path)
