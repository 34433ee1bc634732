"""The corpus benchmark's own figures (documents per second, storage share, size per document),
printed after pytest-benchmark's timings."""

from __future__ import annotations

from typing import Any

FIGURES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("corpus figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
