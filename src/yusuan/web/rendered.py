"""Corpus pages whose body is made once for each state of the corpus: the same tables of
hundreds of rows are asked for again and again, and only the page's frame (who is signed in,
their CSRF token) differs between requests. The body is a template's `main` block, rendered
alone; the frame is the same template with that block given (cached_page.html).

A page made already is served on the event loop (one row read for the corpus's version, a lookup,
the frame): handing every request to a thread and back cost more than the page itself. Only
making a page goes to a thread."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from anyio import to_thread
from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup

from . import corpus as queries
from .app import templates

T = TypeVar("T")


async def page(request: Request, name: str, key: Hashable, context: Callable[[], dict[str, Any]]) -> Response:
    """The template `name` as a page; `context()` is asked for once for each state of the corpus
    and `key` (the request's parameters as given) names what it depends on."""
    def make() -> tuple[dict[str, Any], Markup]:
        values = context()
        template = templates.get_template(name)
        block = template.blocks["main"](template.new_context(values))  # no request: the body is everyone's
        return values, Markup("".join(block))

    values, body = await _cached(request, ("page", name, key), make)
    return templates.TemplateResponse(request, "cached_page.html", {**values, "page": name, "body": body})


async def as_json(request: Request, key: Hashable, value: Callable[[], Any]) -> Response:
    """`value()` as the API gives it, encoded once for each state of the corpus."""
    def make() -> bytes:  # as FastAPI's JSONResponse encodes
        return json.dumps(value(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    return Response(await _cached(request, ("json", key), make), media_type="application/json")


async def _cached(request: Request, key: Hashable, make: Callable[[], T]) -> T:
    corpus = request.app.state.corpus
    found = queries.held(corpus, key)
    if found is queries.MISSING:
        found = await to_thread.run_sync(queries.cached, corpus, key, make)
    return found
