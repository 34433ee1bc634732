"""The written document as a sequence of blocks, the same for every output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class Heading:
    text: str
    level: int = 1  # 0: the cover title; 1: a part; 2: a section


@dataclass(slots=True)
class Paragraph:
    text: str
    style: str = "body"  # 'body' | 'center' | 'note'


@dataclass(slots=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class Grid:
    """A table as printed: its title lines, its multi-level header and its body."""

    number: str  # 表 1 … ; '' for performance-target tables
    title: str
    preparer: str  # 编制单位：X
    money_unit: str  # 单位：万元 ('' when the table has no money unit line)
    header: list[list[HeaderCell]]
    body: list[list[str]]
    numeric: list[bool]  # per column: right-aligned figures
    widths: list[float]  # per column, in ems of the body text (cells never wrap)
    landscape: bool = False
    note: str | None = None
    emphasis: list[bool] = field(default_factory=list)  # per body row: a total or 类 row
    wrap: bool = False  # cells may wrap (text tables: the performance targets)
    spans: dict[int, list[int]] = field(default_factory=dict)  # body row → each of its cells' colspan

    def font_size(self, page_width_mm: float, largest: float = 9.0) -> float:
        """The body font size (pt) at which the table fits the page's width without wrapping a cell."""
        ems = sum(self.widths) + 0.6 * len(self.widths)  # cell padding
        return round(min(largest, page_width_mm / ems * 72 / 25.4), 1)


@dataclass(slots=True)
class Figure:
    """A chart: its caption and the data it draws (drawn by charts.render in the format needed)."""

    caption: str
    labels: list[str]
    series: list[tuple[str, list[Decimal]]]  # (legend, one value per label)


@dataclass(slots=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Grid | Figure | PageBreak
