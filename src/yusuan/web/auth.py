"""Who is asking, and may they: the sign-in gate in front of every page and API call, CSRF tokens,
and the dependencies the routers carry (a reviewer's role, their organisation's uploads only).

A signed-in browser holds a random session token in an HttpOnly, SameSite=Lax cookie (Secure over
https). Every state-changing request carries a CSRF token: a form's hidden `csrf_token` field, or
the `X-CSRF-Token` header from a script. The token is an HMAC, under a secret made on first start
and kept in the database, of the session token (or, before signing in and with `serve --local`,
of a random cookie of the browser's own): another site can neither read nor compute it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from sqlalchemy import Engine
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import accounts
from ..store.accounts import LOCAL, User
from .service import NotFound

SESSION_COOKIE = "yusuan_session"
CSRF_COOKIE = "yusuan_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
PUBLIC = ("/login", "/api/session")  # and /static/
OWN_SESSION = ("/login", "/logout", "/api/session")  # what a 只读 user may post
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_ID_RANGE = range(2**31)  # what every database's integer holds: larger ids are refused by validation


def cookie(response: Response, request: Request | Scope, name: str, value: str) -> None:
    """A cookie scripts cannot read and other sites do not send on their requests; Secure over https."""
    scheme = request.url.scheme if isinstance(request, Request) else request.get("scheme")
    response.set_cookie(name, value, httponly=True, samesite="lax", secure=scheme == "https", path="/")


class Gate:
    """ASGI middleware: resolves the session, refuses whoever has not signed in (pages go to the
    sign-in page, API calls get 401), and gives every browser its CSRF cookie."""

    def __init__(self, app: ASGIApp, engine: Engine, local: bool) -> None:
        self.app = app
        self.engine = engine
        self.local = local

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                cookies.update(cookie_parser(value.decode("latin-1")))  # lenient: a malformed one is skipped
        browser = cookies.get(CSRF_COOKIE, "")
        fresh = "" if browser else secrets.token_urlsafe(32)
        user, token = self._user(cookies)
        state = scope.setdefault("state", {})
        state.update(user=user, anchor=token or browser or fresh)
        path = scope["path"]
        if self.local and _host(scope) not in LOOPBACK:  # a page elsewhere rebinding its name to this machine
            response: Response | None = PlainTextResponse("本机模式只接受以本机地址（127.0.0.1 或 localhost）访问", 400)
        elif user is None and not (path in PUBLIC or path.startswith("/static/")):
            response = _sign_in_first(scope)
        else:
            response = None
        send = _decorated(send, scope, fresh)
        if response is not None:
            await response(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _user(self, cookies: dict[str, str]) -> tuple[User | None, str]:
        if self.local:
            return LOCAL, ""
        token = cookies.get(SESSION_COOKIE, "")
        if not token:
            return None, ""
        # looked up on the event loop itself: one read by primary key costs less than handing it to a
        # thread and back, which every request would pay (the route's own work goes to a thread anyway)
        user = accounts.session_user(self.engine, token)
        return user, token if user else ""


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").lower()
            return host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return ""


def _sign_in_first(scope: Scope) -> Response:
    if scope["path"].startswith("/api/"):
        return JSONResponse({"detail": "请先登录（POST /api/session）"}, status_code=401)
    query = scope.get("query_string", b"").decode("latin-1")
    target = scope["path"] + (f"?{query}" if query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


_HEADERS = (("x-frame-options", "DENY"),  # no other site frames a page to trick a click on its buttons
            ("x-content-type-options", "nosniff"), ("referrer-policy", "same-origin"))


def _decorated(send: Send, scope: Scope, fresh: str) -> Send:
    """Every response with the security headers, and the browser's new CSRF cookie where it had none."""
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in _HEADERS:
                headers.setdefault(name, value)
            if fresh:
                holder = Response()
                cookie(holder, scope, CSRF_COOKIE, fresh)
                for name, header in holder.raw_headers:
                    if name == b"set-cookie":
                        headers.append("set-cookie", header.decode("latin-1"))
        await send(message)
    return sending


def user(request: Request) -> User | None:
    return request.state.user


def csrf_token(request: Request) -> str:
    return hmac.new(request.app.state.secret, request.state.anchor.encode(), hashlib.sha256).hexdigest()


async def csrf(request: Request) -> None:
    """Dependency: a state-changing request must carry this browser's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)  # the framework has parsed it already: cached
        given = value if isinstance(value, str) else ""
    if not hmac.compare_digest(given.encode(), csrf_token(request).encode()):
        raise HTTPException(403, "请求缺少有效的防伪令牌（CSRF）：请刷新页面后重试；"
                                 f"通过接口调用时，请在 {CSRF_HEADER} 请求头中附上 GET /api/session 给出的 csrf_token")


async def guard(request: Request) -> None:
    """Dependency of every route: a change needs its CSRF token, and a user who may change things
    (只读 changes nothing but their own session); a batch or a document is the organisation's own."""
    await csrf(request)
    found = user(request)
    if found is None:  # the sign-in page and the session API: the gate let nothing else through
        return
    if request.method not in SAFE_METHODS and request.url.path not in OWN_SESSION and not found.may_review:
        raise HTTPException(403, "只读账户可以查看，但不能上传文件、审核问题或作其他更改")
    # with serve --local, the one person sees all; a route without a batch or a document has no owner
    if found.organisation_id is not None and _OWNED.intersection(request.path_params):
        _own(request, found.organisation_id)  # one read by key: on the event loop, as the session's


_OWNERS = (("batch_id", accounts.organisation_of_batch, "没有编号为 {} 的批次"),
           ("document_id", accounts.organisation_of_document, "没有编号为 {} 的文件"))
_OWNED = frozenset(key for key, _, _ in _OWNERS)


def _own(request: Request, organisation: int) -> None:
    engine = request.app.state.engine
    for key, owner, missing in _OWNERS:
        value = _id(request.path_params.get(key))
        if value is None:
            continue
        found, theirs = owner(engine, value)
        if found and theirs != organisation:  # said as if it did not exist: ids of others tell nothing
            raise NotFound(missing.format(value))


def _id(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in _ID_RANGE else None


def admin(request: Request) -> User:
    """Dependency of the user management routes."""
    found = user(request)
    if found.organisation_id is None:
        raise NotFound("本机模式（--local）没有账户")
    if not found.is_admin:
        raise HTTPException(403, "只有管理员可以管理本单位的用户")
    return found
