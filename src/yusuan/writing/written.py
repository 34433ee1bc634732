"""The disclosure as the writer will write it, for checking before writing: every table (an absent
one empty), and Part 3 and the performance-target tables as the recovery reads the writer's own
text of them, so that the findings listed are the findings the written document will have."""

from __future__ import annotations

from ..model import Disclosure
from ..readers.text import extract_lines
from ..recovery.matters import assets, projects
from ..recovery.narrative import headings, narrative, statements
from ..recovery.narrative import part3 as part3_lines
from ..recovery.performance import targets
from .blocks import Grid, Heading, Paragraph
from .inputs import Inputs
from .narrative import part3
from .targets import target_grids


def as_written(disclosure: Disclosure, inputs: Inputs) -> Disclosure:
    from . import complete

    out = complete(disclosure)
    blocks = part3(out, inputs)
    text = ["第三部分"] + [block.text for block in blocks if isinstance(block, Heading | Paragraph)]
    part = part3_lines(extract_lines("\n".join(text), "（第三部分）").lines)
    out.statements, out.narrative = statements(part), narrative(part)
    out.sections, out.projects, out.assets = headings(part), projects(part), assets(part)
    tables: list[str] = []
    for grid in target_grids(out, inputs):
        tables += [grid.title, *("\t".join(row) for row in _rows(grid))]  # the grid kept, as in print
    out.targets = targets(extract_lines("\n".join(tables), "（绩效目标表）").lines) if tables else []
    return out


def _rows(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.header] + grid.body
