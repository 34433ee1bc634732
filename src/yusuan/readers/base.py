"""What every reader hands to the recovery: lines of words, each word with its source."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Problem, Source


@dataclass(slots=True)
class Word:
    text: str
    source: Source
    # where the extractor kept the table's grid (tab-separated cells): the index of the cell
    # the word stands in, empty cells counted; a hint to the column, never trusted alone
    cell: int | None = None
    # in a ruled PDF table: the horizontal rules just above and below it, so the cell it stands
    # in (a merged cell spanning rows: a project beside its indicator rows)
    band: tuple[float, float] | None = None


@dataclass(slots=True)
class TextLine:
    words: list[Word]  # not changed once the line is read (its text is kept)
    source: Source
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self._text is None:  # asked for again and again by the recovery's passes
            self._text = " ".join(word.text for word in self.words)
        return self._text


@dataclass(slots=True)
class Extracted:
    """A document as a reader extracted it, before any recovery."""

    file: str
    format: str  # 'text' | 'pdf' | 'docx' | 'xlsx' | 'html'
    lines: list[TextLine]
    pages: int = 1
    problems: list[Problem] = field(default_factory=list)
