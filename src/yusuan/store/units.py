"""The same unit across years: one identity per normalised name and government level."""

from __future__ import annotations

import re

from ..text import fold

_YEAR = re.compile(r"^(?:19|20)\d{2}年(?:度)?")


def unit_key(name: str, level: str | None) -> str:
    """NFKC, no spaces, plain brackets, no leading year: 2024年 某某县财政局（本级） and
    某某县财政局(本级) are one unit; the level keeps a county's 财政局 apart from a city's."""
    return f"{_YEAR.sub('', fold(name))}|{level or ''}"
