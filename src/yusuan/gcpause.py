"""Reading a document makes hundreds of thousands of small objects and next to no cycles; the
cyclic collector, started every few hundred of them, would walk the young objects again and
again and, in a process holding much else (the server, a corpus run), the whole heap. It waits
until the document is read: the few cycles made meanwhile are collected then."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    @wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()  # left as found: a caller may have paused it already
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused
