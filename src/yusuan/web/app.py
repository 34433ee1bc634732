"""The reviewers' web application (`yusuan serve`): FastAPI, Jinja2 pages in Chinese, and the
same data as JSON under /api (its OpenAPI schema at /api/openapi.json, described at /api)."""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path as FilePath
from typing import Annotated, Any

import anyio.to_thread
from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from ..store.database import open_engine
from ..store.query import Corpus
from .jobs import Jobs
from .service import NotFound

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
Id = Annotated[int, Path(ge=0, le=2**31 - 1, description="编号")]  # what every database's integer holds


@dataclass(frozen=True, slots=True)
class Settings:
    db: str | None = None
    workers: int = 1  # processes reading uploads; 0 reads in the server's own process
    max_file_mb: int = 50
    max_files: int = 500  # in one upload, archives' members counted
    local: bool = False  # one person on their own machine: no accounts (`serve --local`, loopback only)
    max_batch_mb: int = 1024  # all the files of one upload together
    threads: int = 4  # requests served at once; more only contend for the interpreter's lock

    def to_json(self) -> str:
        return json.dumps(asdict(self))


SETTINGS_VARIABLE = "YUSUAN_SERVE_SETTINGS"  # how `serve --processes N` hands its settings to each process


def from_environment() -> FastAPI:
    """The application of one of `serve --processes N`'s processes."""
    return settled(create_app(Settings(**json.loads(os.environ[SETTINGS_VARIABLE]))))


def settled(app: FastAPI) -> FastAPI:
    """The application about to serve, with everything made so far (the modules, the templates, the
    application) set aside from the cycle collector's full collections (gc.freeze): it lives as long
    as the process, yet each full collection went through all of it again, and a document's first
    page, which makes many objects, paid for several — most of its time."""
    gc.collect()
    gc.freeze()
    return app


class Static(StaticFiles):
    """The pages' styles and scripts: asked for by their versioned address (static_url), kept by
    the browser for a year; by the plain address, checked again each time (ETag)."""

    def file_response(self, full_path: Any, stat_result: Any, scope: Any, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        versioned = b"v=" in scope.get("query_string", b"")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if versioned else "no-cache"
        return response


@cache
def static_url(name: str) -> str:
    """/static/name with its content's hash: a changed file has a new address."""
    digest = hashlib.sha256((HERE / "static" / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


templates.env.globals["static_url"] = static_url


def create_app(settings: Settings = Settings()) -> FastAPI:
    engine, _ = open_engine(settings.db)
    jobs = Jobs(engine, settings.workers)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # with the default 40 threads the event loop itself starves under load and drops connections
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        jobs.start()
        yield
        jobs.stop()

    app = FastAPI(title="yusuan 预算公开审核", version="1",
                  description="审核预算公开文件、浏览语料库。每个页面的数据都可由此接口以 JSON 取得。"
                              "调用前先登录：GET /api/session 取得 csrf_token，POST /api/session 登录；"
                              "此后每个写操作都须在 X-CSRF-Token 请求头中附上登录后的 csrf_token。",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.jobs = jobs
    corpus = Corpus.__new__(Corpus)  # the store's queries, on the engine opened above
    corpus.engine = engine
    app.state.corpus = corpus
    from . import accounts  # sign-in, CSRF and each organisation's own uploads, on every route included below

    accounts.install(app)
    from .corpus import OneLookARequest  # imports the templates made above

    app.add_middleware(OneLookARequest)
    app.mount("/static", Static(directory=HERE / "static"), name="static")

    from . import api_docs, charts, data, peers, review

    app.include_router(review.pages)
    app.include_router(review.api)
    app.include_router(data.pages)
    app.include_router(data.api)
    app.include_router(api_docs.router)
    app.include_router(charts.router)
    app.include_router(peers.pages)
    app.include_router(peers.api)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/review", status_code=303)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def failure(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"message": message, "status": status},
                                          status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return failure(request, 404, str(error))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, error: ValueError) -> Response:
        return failure(request, 400, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        detail = error.detail if isinstance(error.detail, str) else ""
        chinese = any(ord(character) > 0x2E80 for character in detail)  # the framework's own are English
        message = detail if chinese else _STATUS.get(error.status_code, f"请求无法完成（HTTP {error.status_code}）")
        return failure(request, error.status_code, message)

    @app.exception_handler(Exception)
    async def defect(request: Request, error: Exception) -> Response:  # a defect of ours: said plainly
        return failure(request, 500, f"内部错误（{type(error).__name__}），请将此操作报告给开发者")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        places = "；".join(f"{'.'.join(str(p) for p in e['loc'])}：{_why(e)}" for e in error.errors())
        return failure(request, 422, f"请求参数有误：{places}")

    return app


_STATUS = {404: "没有这个页面", 405: "该地址不支持这种请求方式", 413: "上传的内容过大"}


def _why(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "缺少此项"
    if kind.startswith(("int", "float")):
        return "应为数字"
    return "格式不对"
