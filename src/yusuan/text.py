"""Small pure functions on printed text: folding for matching, joining wrapped fragments."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_SPACE_NEAR_WIDE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
# a number's decimals set apart from its point by spaced-out (justified) text: 656. 73, 25180591 .33
_SPLIT_DECIMALS = re.compile(r"(?<=\d\.)\s+(?=\d)|(?<=\d)\s+(?=\.\d)")
# a list's numbering before a label (一、 1． （1） (二) 其中：), printed or folded
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
                         r"|其中[:：])+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]"})
# 1,048.38 / 59.62 / 50 / -3.00: an amount as printed (thousands separators optional)
AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
INTEGER = re.compile(r"^\d+$")


@lru_cache(maxsize=1 << 16)  # the same labels and lines are folded by pass after pass
def fold(text: str) -> str:
    """The form in which labels are compared: NFKC, plain quotes, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def unnumbered(text: str) -> str:
    """A label without the numbering of the list it stands in."""
    return ENUMERATION.sub("", text)


def join_fragments(fragments: list[str]) -> str:
    """Join the pieces of a wrapped cell: no space next to a CJK character, one between words."""
    return _joined(tuple(fragments))


@lru_cache(maxsize=1 << 13)  # the narrative's lines are joined by pass after pass
def _joined(fragments: tuple[str, ...]) -> str:
    text = " ".join(fragment.strip() for fragment in fragments if fragment.strip())
    return _SPACE.sub(" ", _SPACE_NEAR_WIDE.sub("", _SPLIT_DECIMALS.sub("", text))).strip()


_OPERATORS = (("≥", ">="), ("≤", "<="), ("=>", ">="), ("=<", "<="))
_TARGET = re.compile(r"^(>=|<=|>|<|=)?(\d[\d,]*(?:\.\d+)?)(\S*)$")


def operators(text: str) -> str:
    """Comparison signs written the ASCII way: ≥ → >=, ≤ → <=."""
    for printed, ascii_form in _OPERATORS:
        text = text.replace(printed, ascii_form)
    return text


def split_target(text: str) -> tuple[str | None, Decimal, str | None] | None:
    """A performance target or value as printed (≥95%, =1 个, 47.4 万人): operator, number and
    unit; None when it is not a number (提升, 新增)."""
    match = _TARGET.match(operators(fold(text)))
    if match is None:
        return None
    return match.group(1), Decimal(match.group(2).replace(",", "")), match.group(3) or None


def is_amount(text: str) -> bool:
    return AMOUNT.match(text) is not None


def parse_amount(text: str) -> Decimal:
    """The exact value of a printed amount; raises ValueError on anything else."""
    if not is_amount(text):
        raise ValueError(text)
    return Decimal(text.replace(",", "").replace("−", "-"))


def decimals(text: str) -> int:
    return len(text) - text.index(".") - 1 if "." in text else 0
