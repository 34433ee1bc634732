"""Column types that keep money exact on every backend.

PostgreSQL stores amounts as NUMERIC. SQLite has no exact decimal type (its SUM of text is a
float), so there amounts are integers of millionths: sums stay exact in SQL and six decimals
cover every variant's printing (元 or 万元 with 0, 2 or 6 decimals).
"""

from __future__ import annotations

import json
import zlib
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, LargeBinary, Numeric, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

_PLACES = 6
_CENT = Decimal("0.01")


def tidy(value: Decimal) -> Decimal:
    """One form for a stored amount whichever backend returns it: at least two decimals, no
    trailing zeros beyond them (110.1 and 110.100000 both read 110.10)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(_CENT) if isinstance(exponent, int) and exponent > -2 else value


class Money(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -_PLACES:  # 1.5000000 is fine, 1.0000001 is not
            exact = value.normalize()
            exponent = exact.as_tuple().exponent
            if not isinstance(exponent, int) or exponent < -_PLACES:
                raise ValueError(f"金额 {value} 的小数位超过 {_PLACES} 位，无法精确存储")
        return int(value.scaleb(_PLACES))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            cents, rest = divmod(int(value), 10 ** (_PLACES - 2))
            # most amounts are whole cents: the quick way to tidy's form
            return Decimal(cents).scaleb(-2) if not rest else Decimal(int(value)).scaleb(-_PLACES).normalize()
        return tidy(Decimal(value))


class DecimalText(TypeDecorator[Decimal]):
    """A decimal never summed in SQL (a finding's stated and expected figures): kept as text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class CompressedJSON(TypeDecorator[Any]):
    """JSON kept zlib-compressed (the disclosure JSON shrinks about eightfold); bytes already
    compressed by a worker pass through."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None or isinstance(value, bytes):
            return value
        return compress(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(zlib.decompress(value))


def compress(value: Any) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 6)
