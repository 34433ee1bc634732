"""Reader for text that a PDF extractor (or a person) made of a disclosure."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableError
from ..model import Problem, Source
from .base import Extracted, TextLine, Word

_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 covers GBK and GB2312


def decode(data: bytes, file: str) -> tuple[str, list[Problem]]:
    """Decode as the Chinese text files met in practice; never lose the file for a bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, [Problem(f"文件含 {bad} 处无法识别的字符（既非 UTF-8 也非 GBK），已替换为 �")]


def read_text(path: Path) -> Extracted:
    data = path.read_bytes()
    file = path.name
    if not data.strip():
        raise UnreadableError("文件为空，没有可读取的内容", file=file)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError("文件不是文本文件（含二进制内容），无法按文本读取", file=file)
    text, problems = decode(data, file)
    return extract_lines(text, file, problems)


def extract_lines(text: str, file: str, problems: list[Problem] | None = None) -> Extracted:
    lines: list[TextLine] = []
    page = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        page += raw.count("\f")
        source = Source(file=file, page=page, line=number)
        raw = raw.replace("\f", " ")
        if "\t" in raw:  # a tab separates cells: keep each word's cell index
            words = [Word(part, source, cell) for cell, text in enumerate(raw.split("\t"))
                     for part in text.split()]
        else:
            words = [Word(part, source) for part in raw.split()]
        if words:
            lines.append(TextLine(words, source))
    return Extracted(file=file, format="text", lines=lines, pages=page, problems=problems or [])
