"""The disclosure as PDF, typeset by Typst (Apache-2.0, a compiled engine: a seed-sized disclosure in
a fraction of a second) from the same blocks as the HTML page and the Word file. Searchable text in an
embedded, subset CJK font: Noto Sans CJK from Debian's fonts-noto-cjk, found among the system fonts."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import YusuanError
from .blocks import Block, Figure, Grid, Heading, PageBreak, Paragraph
from .charts import render
from .html import LANDSCAPE_WIDTH, PORTRAIT_WIDTH

FONT = "Noto Sans CJK SC"


def _view(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, PageBreak):
        return {"kind": "break"}
    if isinstance(block, Figure):  # drawn with its text as outlines (charts.render)
        return {"kind": "figure", "caption": block.caption, "svg": render(block, "svg").decode("utf-8")}
    assert isinstance(block, Grid)
    size = 9.0 if block.wrap else block.font_size(LANDSCAPE_WIDTH if block.landscape else PORTRAIT_WIDTH)
    return {"kind": "grid", "number": block.number, "title": block.title, "preparer": block.preparer,
            "money_unit": block.money_unit, "note": block.note, "landscape": block.landscape, "wrap": block.wrap,
            "size": size, "widths": block.widths, "numeric": block.numeric, "emphasis": block.emphasis,
            "header": [[{"text": c.text, "colspan": c.colspan, "rowspan": c.rowspan} for c in row]
                       for row in block.header],
            "body": block.body, "spans": {str(row): spans for row, spans in block.spans.items()}}


def to_pdf(blocks: list[Block], title: str, out: Path) -> None:
    import typst  # imported here: only PDF needs it

    template = files("yusuan.writing") / "templates" / "document.typ"
    inputs = {"blocks": json.dumps([_view(block) for block in blocks], ensure_ascii=False),
              "font": FONT, "title": title}
    try:
        pdf, warnings = typst.compile_with_warnings(str(template), sys_inputs=inputs)
    except typst.TypstError as error:  # a defect of the template, not of the data: say so plainly
        raise YusuanError(f"PDF 排版失败：{error}", file=out.name) from error
    if any("unknown font family" in warning.message for warning in warnings):
        # Typst would print with a Latin fallback font: every Chinese character a blank box
        raise YusuanError(f"未安装中文字体 {FONT}（Debian 软件包 fonts-noto-cjk）：请以 root 运行 "
                          "scripts/setup-system.sh 后重试", file=out.name)
    out.write_bytes(pdf)
