"""What a rule is and what it finds: each rule a small class with a stable id, a severity, a
one-line title and the page `yusuan rules` prints (what it checks, why, an example)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..model import Disclosure, Source, Statement
from ..text import fold

ERROR, WARNING, NOTICE = "错误", "警告", "提示"
SEVERITIES = (ERROR, WARNING, NOTICE)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    message: str  # in Chinese: what is wrong, with the computation that shows it
    table: str | None = None
    code: str | None = None
    column: str | None = None
    section: str | None = None
    quote: str | None = None
    stated: Decimal | None = None
    expected: Decimal | None = None
    source: Source | None = None


class Rule:
    id: ClassVar[str]
    severity: ClassVar[str]
    family: ClassVar[str]  # 表内 / 表间 / 完整性 / 人员 …
    title: ClassVar[str]  # one line, Chinese
    why: ClassVar[str] = ""  # why it matters
    example: ClassVar[str] = ""

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, message: str, **where: object) -> Finding:
        return Finding(self.id, self.severity, message, **where)  # type: ignore[arg-type]

    def on(self, statement: Statement, message: str, **where: object) -> Finding:
        """A finding about a Part 3 statement: quoted, in its section, at its line."""
        return self.finding(f"“{statement.quote}”：{message}", section=statement.section,
                            quote=statement.quote, source=statement.source, **where)


def search(lines: list[tuple[str, Source]], pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], Source]]:
    """Matches in printed text whose sentences and cells wrap over lines: the lines are joined
    (folded) and each match is given the line it starts on."""
    text, offsets, sources = _joined(lines)
    for match in pattern.finditer(text):
        yield match, sources[bisect_right(offsets, match.start()) - 1]


_JOINED: dict[int, tuple[list[tuple[str, Source]], str, list[int], list[Source]]] = {}


def _joined(lines: list[tuple[str, Source]]) -> tuple[str, list[int], list[Source]]:
    """The lines folded and joined, once per list of lines (several rules search the same text)."""
    cached = _JOINED.get(id(lines))
    if cached is not None and cached[0] is lines:
        return cached[1], cached[2], cached[3]
    text, offsets, sources = "", [], []
    for line, source in lines:
        offsets.append(len(text))
        sources.append(source)
        text += fold(line)
    if len(_JOINED) > 256:
        _JOINED.clear()
    _JOINED[id(lines)] = (lines, text, offsets, sources)
    return text, offsets, sources
