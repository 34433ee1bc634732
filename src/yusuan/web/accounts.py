"""账户: signing in and out (a page and the API), and an administrator's users of their organisation."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from ..errors import YusuanError
from ..roles import ROLES
from ..store import accounts
from ..store.accounts import User
from . import auth
from .app import Id, templates

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["账户"])
WRONG = "用户名或密码不正确"


def install(app: FastAPI) -> None:
    """Accounts on an application, before its other routers are included: the gate in front of
    everything, the guard on every route (CSRF, 只读, the organisation's own uploads), the pages."""
    app.state.secret = accounts.secret(app.state.engine)
    app.add_middleware(auth.Gate, engine=app.state.engine, local=app.state.settings.local)
    app.router.dependencies.append(Depends(auth.guard))
    templates.env.globals["csrf_token"] = auth.csrf_token
    app.include_router(pages)
    app.include_router(api)


async def _sign_in(request: Request, name: str, password: str) -> tuple[User, str] | str:
    """The user and their session's token, or why not (in Chinese). Tries are counted in the
    database (accounts.attempt): every server process refuses the same guesser."""
    engine = request.app.state.engine
    name, address = name.strip()[:100], request.client.host if request.client else ""
    wait = await to_thread.run_sync(accounts.attempt, engine, name, address)
    if wait:
        return f"该用户的密码已连续输错 {accounts.SIGN_IN_LIMIT} 次，请 {(wait + 59) // 60} 分钟后再试"
    found = await to_thread.run_sync(accounts.sign_in, engine, name, password)
    if found is None:
        return WRONG
    await to_thread.run_sync(accounts.attempts_forgotten, engine, name, address)
    return found


def _next(target: str) -> str:
    """Where to go after signing in: a path of this site only, never another site's address."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/review"


def _signed_in(request: Request, response: Response, token: str) -> None:
    auth.cookie(response, request, auth.SESSION_COOKIE, token)


@pages.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/review") -> Response:
    if auth.user(request) is not None:
        return RedirectResponse(_next(next), status_code=303)
    return templates.TemplateResponse(request, "login.html", {"next": _next(next), "message": "", "name": ""})


@pages.post("/login", response_class=HTMLResponse)
async def login(request: Request, name: Annotated[str, Form(max_length=100)] = "",
                password: Annotated[str, Form(max_length=1000)] = "",
                next: Annotated[str, Form(max_length=2000)] = "/review") -> Response:
    found = await _sign_in(request, name, password)
    if isinstance(found, str):
        return templates.TemplateResponse(request, "login.html", {"next": _next(next), "message": found,
                                                                  "name": name},
                                          status_code=401 if found == WRONG else 429)
    response = RedirectResponse(_next(next), status_code=303)
    _signed_in(request, response, found[1])
    return response


@pages.post("/logout")
def logout(request: Request) -> Response:
    _end(request)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


def _end(request: Request) -> None:
    token = request.cookies.get(auth.SESSION_COOKIE)
    if token:
        accounts.sign_out(request.app.state.engine, token)


def _whom(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"name": user.name, "role": user.role, "organisation": user.organisation}


class Credentials(BaseModel):
    name: str = Field(max_length=100, description="用户名")
    password: str = Field(max_length=1000, description="密码")


@api.get("/session", summary="当前登录的用户，以及写操作须在 X-CSRF-Token 请求头中附上的 csrf_token")
def api_session(request: Request) -> dict[str, Any]:
    return {"user": _whom(auth.user(request)), "csrf_token": auth.csrf_token(request)}


@api.post("/session", summary="登录（需附上 GET /api/session 给出的 X-CSRF-Token）；返回登录后的 csrf_token")
async def api_sign_in(request: Request, credentials: Credentials) -> Response:
    found = await _sign_in(request, credentials.name, credentials.password)
    if isinstance(found, str):
        return JSONResponse({"detail": found}, status_code=401 if found == WRONG else 429)
    user, token = found
    request.state.anchor = token  # the token a signed-in session's requests carry
    response = JSONResponse({"user": _whom(user), "csrf_token": auth.csrf_token(request)})
    _signed_in(request, response, token)
    return response


@api.delete("/session", summary="退出登录", status_code=204)
def api_sign_out(request: Request) -> Response:
    _end(request)
    response = Response(status_code=204)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


# ---- an administrator's users ----

class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="用户名")
    password: str = Field(min_length=accounts.MIN_PASSWORD, max_length=1000, description="密码")
    role: str = Field(description="角色：" + "、".join(ROLES))


def _add(request: Request, admin: User, name: str, password: str, role: str) -> dict[str, Any]:
    try:
        made = accounts.add_user(request.app.state.engine, name, admin.organisation, role, password)
    except YusuanError as error:
        raise ValueError(error.message) from error
    return {"id": made.id, "name": made.name, "role": made.role, "organisation": made.organisation}


def _remove(request: Request, admin: User, account_id: int) -> None:
    if account_id == admin.id:
        raise ValueError("不能删除自己的账户")
    try:
        accounts.remove_user(request.app.state.engine, account_id, admin.organisation_id or 0)
    except LookupError as error:
        raise HTTPException(404, str(error)) from error


Admin = Annotated[User, Depends(auth.admin)]


@pages.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, admin: Admin, message: str = "") -> Response:
    return templates.TemplateResponse(request, "users.html", {
        "users": accounts.users(request.app.state.engine, admin.organisation_id), "roles": ROLES, "me": admin,
        "message": message})


@pages.post("/admin/users", response_class=HTMLResponse)
def add_user_page(request: Request, admin: Admin, name: Annotated[str, Form(max_length=100)] = "",
                  password: Annotated[str, Form(max_length=1000)] = "",
                  role: Annotated[str, Form(max_length=10)] = "") -> Response:
    try:
        _add(request, admin, name, password, role)
    except ValueError as error:
        return templates.TemplateResponse(request, "users.html", {
            "users": accounts.users(request.app.state.engine, admin.organisation_id), "roles": ROLES, "me": admin,
            "message": str(error)}, status_code=400)
    return RedirectResponse("/admin/users", status_code=303)


@pages.post("/admin/users/{account_id}/delete")
def remove_user_page(request: Request, admin: Admin, account_id: Id) -> Response:
    _remove(request, admin, account_id)
    return RedirectResponse("/admin/users", status_code=303)


@api.get("/users", summary="本单位的用户（管理员）")
def api_users(request: Request, admin: Admin) -> list[dict[str, Any]]:
    return accounts.users(request.app.state.engine, admin.organisation_id)


@api.post("/users", summary="为本单位添加用户（管理员）", status_code=201)
def api_add_user(request: Request, admin: Admin, new: NewUser) -> dict[str, Any]:
    return _add(request, admin, new.name, new.password, new.role)


@api.delete("/users/{account_id}", summary="删除本单位的用户（管理员）", status_code=204)
def api_remove_user(request: Request, admin: Admin, account_id: Id) -> Response:
    _remove(request, admin, account_id)
    return Response(status_code=204)
