"""The disclosure as one HTML page (Jinja2), readable on its own and printable."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .blocks import Block, Figure, Grid, Heading, PageBreak, Paragraph
from .charts import render

_ENV = Environment(loader=PackageLoader("yusuan.writing", "templates"), autoescape=select_autoescape(["j2", "html"]),
                   trim_blocks=False)
# mm inside the page margins of the template's @page rules (and document.typ's, the PDF's)
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 180.0, 277.0


@dataclass(slots=True)
class _View:
    kind: str
    text: str = ""
    level: int = 1
    style: str = "body"
    grid: Any = None
    caption: str = ""
    image: str = ""
    size: float = 9.0


def _view(block: Block) -> _View:
    if isinstance(block, Heading):
        return _View("heading", block.text, block.level)
    if isinstance(block, Paragraph):
        return _View("paragraph", block.text, style=block.style)
    if isinstance(block, PageBreak):
        return _View("break")
    if isinstance(block, Figure):
        png = base64.b64encode(render(block, "png")).decode("ascii")
        return _View("figure", caption=block.caption, image=f'<img src="data:image/png;base64,{png}" alt="">')
    assert isinstance(block, Grid)
    total = sum(block.widths) or 1
    widths = [round(width / total * 100, 2) for width in block.widths]
    grid = Grid(block.number, block.title, block.preparer, block.money_unit, block.header, block.body,
                block.numeric, widths, block.landscape, block.note, block.emphasis, block.wrap, block.spans)
    size = 9.0 if block.wrap else block.font_size(LANDSCAPE_WIDTH if block.landscape else PORTRAIT_WIDTH)
    return _View("grid", grid=grid, size=size)


def to_html(blocks: list[Block], title: str) -> str:
    return _ENV.get_template("document.html.j2").render(title=title, blocks=[_view(block) for block in blocks])
