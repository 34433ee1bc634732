"""Ways a PDF extractor lays the same disclosure out differently, applied to real text.

Each function takes a document's text and returns the same document in another layout; a
reader that recovers the disclosure must not care which.
"""

from __future__ import annotations

import re

_CODE_LINE = re.compile(r"^(\s*[23]\d{2}(?:\s+\d{2}){0,2})\s+([^\d\s]\S{5,})(.*)$")
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
_TABLE_NUMBER = re.compile(r"^\s*表\s*\d+\s*$")
_DATA_START = re.compile(r"^\s*(?:[23]\d{2}\b|合\s*计|总\s*计|一、)")


def one_cell_per_line(text: str) -> str:
    """Tab-separated rows become one cell per line; empty cells vanish."""
    out = []
    for line in text.splitlines():
        if "\t" in line:
            out.extend(cell for cell in line.split("\t") if cell.strip())
        else:
            out.append(line)
    return "\n".join(out)


def _is_number(word: str) -> bool:
    return bool(re.match(r"^-?[\d,]+(?:\.\d+)?$", word))


def rewrap(text: str, width: int) -> str:
    """Long lines broken at another width, always before an amount (where cells meet)."""
    out = []
    for line in text.splitlines():
        words = line.split()
        if len(line) <= width or "\t" in line or not any(_is_number(w) and "." in w for w in words):
            out.append(line)
            continue
        current: list[str] = []
        for word in words:
            if current and _is_number(word) and "." in word and len(" ".join([*current, word])) > width:
                out.append(" ".join(current))
                current = []
            current.append(word)
        out.append(" ".join(current))
    return "\n".join(out)


def wrap_names(text: str, keep: int = 4) -> str:
    """Names after a code wrapped in a narrower column: the name continues on the next line."""
    out = []
    for line in text.splitlines():
        match = _CODE_LINE.match(line) if "\t" not in line else None
        if match:
            code, name, rest = match.groups()
            out += [f"{code} {name[:keep]}", f"{name[keep:]}{rest}"]
        else:
            out.append(line)
    return "\n".join(out)


def split_numbers(text: str, every: int = 3) -> str:
    """Amounts wrapped in narrow cells: 149.24 becomes 149.2 and 4 on the next line."""
    out, seen = [], 0
    for line in text.splitlines():
        if "\t" in line:
            out.append(line)
            continue
        words, current = line.split(" "), []
        for word in words:
            if _NUMBER.match(word):
                seen += 1
                if seen % every == 0:
                    current.append(word[:-1])
                    out.append(" ".join(current))
                    current = [word[-1]]
                    continue
            current.append(word)
        out.append(" ".join(current))
    return "\n".join(out)


def repeat_headers(text: str, unit_line: str = "编制单位：某单位 单位：万元") -> str:
    """A page break inside every table: the table's header printed again in the middle of it,
    right after a row's code (so the page breaks mid-row)."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        index += 1
        if not _TABLE_NUMBER.match(line):
            continue
        start = index
        end = index
        while end < len(lines) and not _TABLE_NUMBER.match(lines[end]) and "第三部分" not in lines[end]:
            end += 1
        while index < end and not _DATA_START.match(lines[index]):
            out.append(lines[index])
            index += 1
        block = [h for h in lines[start:index] if h.strip()]
        header = [h for h in block[1:] if "编制" not in h]  # block[0] is the title
        middle = (index + end) // 2
        while middle < end and not _DATA_START.match(lines[middle]):
            middle += 1
        for position in range(index, end):
            out.append(lines[position])
            if position == middle and header:
                out += [unit_line, *header]
        index = end
    return "\n".join(out)
