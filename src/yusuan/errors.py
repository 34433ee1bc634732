"""Errors a user sees: always in Chinese, always saying what is wrong and where."""

from __future__ import annotations


class YusuanError(Exception):
    """A failure to report to the user as it is, without a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.message = message
        self.file = file
        super().__init__(f"{file}：{message}" if file else message)


class UnreadableError(YusuanError):
    """The input cannot be read as a disclosure at all."""
