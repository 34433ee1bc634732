"""Reader for Word: .docx read from its XML (python-docx), .doc converted by LibreOffice first.

Paragraphs become lines; each table row becomes one line whose words carry the index of the
grid column their cell starts in (merged cells counted by their span), so the recovery knows
every amount's column.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import UnreadableError
from ..model import Source
from .base import Extracted, TextLine, Word
from .geometry import cluster

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONVERT_SECONDS = 180
_SAME_COLUMN = 60  # twips (3 pt): cell edges closer than this are one column edge


def read_docx(path: Path, file: str | None = None) -> Extracted:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    file = file or path.name
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableError(f"Word 文件已损坏，无法打开（{type(error).__name__}）", file=file) from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a broken part inside the package
        raise UnreadableError(f"Word 文件内容已损坏，无法读取（{type(error).__name__}）", file=file) from None
    lines: list[TextLine] = []
    for cells in _blocks(document.element.body):
        number = len(lines) + 1
        source = Source(file, None, number)
        words = [Word(part, source, cell) for cell, text in cells for part in text.split()]
        if words:
            lines.append(TextLine(words, source))
    if not lines:
        raise UnreadableError("Word 文件中没有任何文字", file=file)
    return Extracted(file=file, format="docx", lines=lines, pages=1)


def _blocks(body: object) -> Iterator[list[tuple[int | None, str]]]:
    """The body in reading order: a paragraph as one uncelled piece of text, a table row as
    its cells' (grid column, text)."""
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag == f"{_W}p":
            yield [(None, _text(child))]
        elif child.tag == f"{_W}tbl":
            yield from _aligned(child)
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs and tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _aligned(table: object) -> Iterator[list[tuple[int | None, str]]]:
    """The rows with each cell's column counted by where it starts on the page: a grid that
    Word or a converter cut finer (a cell spanning two grid columns here, one there) still
    gives the cells that stand above each other one index."""
    rows = list(_rows(table))
    grid = table.find(f"{_W}tblGrid")  # type: ignore[attr-defined]
    widths = [int(column.get(f"{_W}w", "0") or 0) for column in grid.iterchildren(f"{_W}gridCol")] \
        if grid is not None else []
    if not widths or not all(widths):
        yield from rows
        return
    starts = [sum(widths[:index]) for index in range(len(widths) + 1)]
    positions = sorted({starts[min(column, len(widths))] for row in rows for column, _ in row if column is not None})
    ranks = {x: index for index, group in enumerate(cluster(positions, _SAME_COLUMN)) for x in
             (positions[i] for i in group)}
    for row in rows:
        yield [(None if column is None else ranks[starts[min(column, len(widths))]], text) for column, text in row]


def _rows(table: object) -> Iterator[list[tuple[int | None, str]]]:
    for row in table.iterchildren(f"{_W}tr"):  # type: ignore[attr-defined]
        cells: list[tuple[int | None, str]] = []
        column = 0
        for cell in row.iterchildren(f"{_W}tc", f"{_W}sdt"):
            if cell.tag == f"{_W}sdt":
                cell = cell.find(f".//{_W}tc")
                if cell is None:
                    continue
            properties = cell.find(f"{_W}tcPr")
            span, continued = 1, False
            if properties is not None:
                grid_span = properties.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{_W}val", "1"))
                merge = properties.find(f"{_W}vMerge")
                continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            if not continued:  # a vertically merged cell's text stands in its first row only
                text = " ".join(_text(paragraph) for paragraph in cell.iterchildren(f"{_W}p"))
                nested = [" ".join(t for _, t in r) for inner in cell.iterchildren(f"{_W}tbl")
                          for r in _rows(inner)]
                cells.append((column, " ".join([text, *nested])))
            column += span
        yield cells


def _text(paragraph: object) -> str:
    """A paragraph's text: runs, tabs as spaces, breaks as spaces."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):  # type: ignore[attr-defined]
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts)


def read_doc(path: Path) -> Extracted:
    """An old binary .doc: LibreOffice converts it to .docx, which is then read as such."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UnreadableError("读取旧版 Word（.doc）文件需要 LibreOffice，但本机未安装；"
                              "请安装 LibreOffice，或将文件另存为 .docx", file=path.name)
    with tempfile.TemporaryDirectory(prefix="yusuan-doc-") as folder:
        work = Path(folder)
        source = work / "input.doc"
        shutil.copyfile(path, source)
        try:
            subprocess.run(
                [office, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                 "--convert-to", "docx", "--outdir", str(work), str(source)],
                capture_output=True, timeout=_CONVERT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired:
            raise UnreadableError("LibreOffice 转换 .doc 文件超时，文件可能已损坏", file=path.name) from None
        converted = work / "input.docx"
        if not converted.exists():
            raise UnreadableError("旧版 Word（.doc）文件已损坏或加密，LibreOffice 无法转换", file=path.name)
        extracted = read_docx(converted, file=path.name)
    extracted.format = "doc"
    return extracted
