"""审核: uploads, the batch overview, a document with its findings, decisions, exports."""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated, Any, Literal

from anyio import to_thread
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field
from pypdfium2 import PdfiumError as pdfium_error

from ..errors import UnreadableError
from ..jsonin import from_dict
from ..rules import SEVERITIES
from ..store.figures import figures
from ..store.reviews import DONE
from . import annotate, export, service
from . import pages as page_images
from .app import Id, templates
from .charts import document_charts
from .document import by_severity, layout
from .intake import Upload, groups

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["审核"])

_MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}
Format = Literal["docx", "xlsx", "pdf"]


async def _receive(request: Request, files: list[UploadFile]) -> tuple[int, list[int]]:
    settings = request.app.state.settings
    limit = settings.max_file_mb * 2**20
    uploads, refused = [], []
    if not files or all(not f.filename for f in files):
        raise ValueError("没有选择文件：请选择一个或多个预算公开文件（PDF、Word、Excel、网页、文本）或 .zip 压缩包")
    if len(files) > settings.max_files:
        raise ValueError(f"一次最多上传 {settings.max_files} 个文件，这次选择了 {len(files)} 个")
    total = 0
    for file in files:
        data = await file.read(limit + 1)
        name = file.filename or "未命名文件"
        total += len(data)
        if total > settings.max_batch_mb * 2**20:
            raise ValueError(f"一次上传的文件合计超过 {settings.max_batch_mb} MB，请分批上传")
        if len(data) > limit:
            refused.append((name, f"文件超过 {settings.max_file_mb} MB 的上限"))
        else:
            uploads.append(Upload(name, data))
    found = groups(uploads, settings.max_files, limit * 4)
    found += [service.Group(name, error=why) for name, why in refused]
    if len(found) > settings.max_files:
        raise ValueError(f"一次最多审核 {settings.max_files} 份文件，这次有 {len(found)} 份")
    organisation = request.state.user.organisation_id  # the uploader's (none with serve --local)
    batch_id, todo = service.create_batch(request.app.state.engine, found, organisation=organisation)
    request.app.state.jobs.submit(todo)
    return batch_id, todo


@pages.get("/review", response_class=HTMLResponse)
def review_home(request: Request) -> Response:
    batches = service.batches(request.app.state.engine, request.state.user.organisation_id)
    return templates.TemplateResponse(request, "review.html", {"batches": batches,
                                                               "settings": request.app.state.settings})


@pages.post("/review")
async def upload_page(request: Request, files: Annotated[list[UploadFile], File()]) -> Response:
    batch_id, _ = await _receive(request, files)
    return RedirectResponse(f"/review/batches/{batch_id}", status_code=303)


def _batch(request: Request, batch_id: Id, sort: str, desc: bool, show: str, q: str) -> dict[str, Any]:
    return service.batch(request.app.state.engine, batch_id, sort, desc, show, q.strip())


@pages.get("/review/batches/{batch_id}", response_class=HTMLResponse)
def batch_page(request: Request, batch_id: Id, sort: str = "position", desc: bool = False, show: str = "",
               q: str = "", part: str = "") -> Response:
    batch = _batch(request, batch_id, sort, desc, show, q)
    context = {"batch": batch, "sorts": service.SORTS, "filters": service.FILTERS}
    return templates.TemplateResponse(request, "batch_rows.html" if part == "rows" else "batch.html", context)


def _document(request: Request, document_id: Id, disclosure: bool = True) -> dict[str, Any]:
    """A document as its page and the API show it; without `disclosure` where its page's body is
    made already (the disclosure is most of what is read from the database)."""
    engine = request.app.state.engine
    key = (str(engine.url), document_id)
    laid = _LAID.get(key)
    made = laid is not None and laid["article"] is not None  # the page's body, excerpts and all
    document = service.document(engine, document_id, disclosure or laid is None, excerpts=disclosure or not made)
    _lay_out(key, laid, request, document)
    names = [file["name"] for file in document["files"]]
    document["severity_of"] = {f["id"]: f["severity"] for f in document["findings"]}
    for finding in document["findings"]:
        finding["where"] = export.place(finding)
        finding["file_index"] = (names.index(finding["file"]) if finding.get("file") in names
                                 else 0 if len(names) == 1 else None)
    changes = document["changes"] or {}
    document["change_ids"] = {key: {f["id"] for f in changes.get(key, [])} for key in ("remain", "new")}
    for file, pages in zip(document["files"], document["laid"]["pages"], strict=True):
        if pages is not None:
            file["pages"] = pages
    return document


def _charts(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's charts, from the figures the corpus would store for it (store/figures.py)."""
    if not document["disclosure"]:
        return []
    try:
        return document_charts(figures(from_dict(document["disclosure"])), document.get("year"))
    except UnreadableError:  # read by an earlier version whose JSON this one cannot rebuild
        return []


def _pages(request: Request, document: dict[str, Any]) -> list[list[dict[str, float]] | None]:
    """Each PDF file's page sizes (None for other files)."""
    out: list[list[dict[str, float]] | None] = []
    for index, file in enumerate(document["files"]):
        if file["format"] != "pdf":
            out.append(None)
            continue
        _, data = service.original(request.app.state.engine, document["id"], index)
        try:
            out.append([{"width": w, "height": h} for w, h in page_images.sizes(data)])
        except page_images.PageError:
            out.append([])
    return out


# A read document's layout, its findings' places, charts, page sizes and its page's body, made
# once: what a document says and where its findings are never change once it is read (the
# reviewers' decisions are shown beside them, not in them).
_LAID: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()


def _lay_out(key: tuple[str, int], laid: dict[str, Any] | None, request: Request, document: dict[str, Any]) -> None:
    """The document's layout and charts, and each finding's place on the page (`laid`: as made before)."""
    if laid is None or document["status"] != DONE:
        laid = {"layout": layout(document["disclosure"], document["findings"]) if document["disclosure"] else None,
                "places": [finding.get("place") for finding in document["findings"]], "article": None,
                "charts": _charts(document), "pages": _pages(request, document)}
        if document["status"] == DONE:
            _LAID[key] = laid
            if len(_LAID) > 256:
                _LAID.popitem(last=False)
    for finding, place in zip(document["findings"], laid["places"], strict=True):
        finding["place"] = place
    document.update(layout=laid["layout"], charts=laid["charts"], laid=laid)


def _with_article(request: Request, document_id: Id) -> tuple[dict[str, Any], Markup | None]:
    document = _document(request, document_id, disclosure=False)
    laid = document.pop("laid")
    if laid["article"] is None and document["layout"] is not None:
        laid["article"] = Markup(templates.get_template("document_article.html").render(d=document))
    return document, laid["article"]


@pages.get("/review/documents/{document_id}", response_class=HTMLResponse)
async def document_page(request: Request, document_id: Id) -> Response:
    laid = _LAID.get((str(request.app.state.engine.url), document_id))
    if laid is not None and laid["article"] is not None:  # made before: a few reads by key, on the event loop
        document, article = _with_article(request, document_id)
    else:  # laying the document out is work for a thread
        document, article = await to_thread.run_sync(_with_article, request, document_id)
    return templates.TemplateResponse(request, "document.html", {
        "d": document, "article": article, "groups": by_severity(document["findings"]),
        "severities": SEVERITIES})


@pages.post("/review/documents/{document_id}/findings/{finding}")
def decide_page(request: Request, document_id: Id, finding: Id, verdict: Annotated[str, Form()] = "",
                comment: Annotated[str, Form()] = "") -> Response:
    service.decide(request.app.state.engine, document_id, finding, verdict, comment)
    return RedirectResponse(f"/review/documents/{document_id}#f-{finding}", status_code=303)


@pages.get("/review/documents/{document_id}/files/{index}/pages/{page}.png")
def page_image(request: Request, document_id: Id, index: Id, page: Id) -> Response:
    form, data = service.original(request.app.state.engine, document_id, index)
    if form != "pdf":
        raise service.NotFound("该文件不是 PDF，没有页面图像")
    try:
        image = page_images.png(f"{document_id}/{index}", data, page)
    except page_images.PageError as error:
        raise service.NotFound(str(error)) from error
    return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _download(content: bytes, form: str, stem: str) -> Response:
    from urllib.parse import quote

    name = quote(f"{stem}.{form}")
    return Response(content, media_type=_MEDIA[form],
                    headers={"Content-Disposition": f"attachment; filename=review.{form}; filename*=UTF-8''{name}"})


def _export(documents: list[dict[str, Any]], form: str, stem: str) -> Response:
    try:
        content = {"docx": export.docx, "xlsx": export.xlsx, "pdf": export.pdf}[form](documents)
    except export.ExportError as error:
        raise ValueError(str(error)) from error
    return _download(content, form, stem)


@pages.get("/review/documents/{document_id}/export.{form}")
@api.get("/documents/{document_id}/export.{form}", summary="导出一份文件的审核意见（docx、xlsx 或 pdf）")
def export_document(request: Request, document_id: Id, form: Format) -> Response:
    document = service.document(request.app.state.engine, document_id)
    return _export([document], form, f"审核意见-{document.get('unit') or document['name']}")


@pages.get("/review/documents/{document_id}/files/{index}/annotated.pdf")
@api.get("/documents/{document_id}/files/{index}/annotated.pdf",
         summary="原 PDF，每条已确认问题在原页上框出并附说明")
def annotated_original(request: Request, document_id: Id, index: Id) -> Response:
    document = service.document(request.app.state.engine, document_id)
    form, data = service.original(request.app.state.engine, document_id, index)
    if form != "pdf":
        raise service.NotFound("该文件不是 PDF")
    name = document["files"][index]["name"]
    mine = [f for f in export.confirmed(document) if f.get("file") in (name, None) or len(document["files"]) == 1]
    try:
        content, _ = annotate.annotated(data, mine)
    except pdfium_error as error:
        raise ValueError(f"PDF 无法打开：{error}") from error
    return _download(content, "pdf", f"审核标注-{name.rsplit('.', 1)[0]}")


@pages.get("/review/batches/{batch_id}/export.{form}")
@api.get("/batches/{batch_id}/export.{form}", summary="导出一个批次的审核意见（docx、xlsx 或 pdf）")
def export_batch(request: Request, batch_id: Id, form: Format) -> Response:
    batch = service.batch(request.app.state.engine, batch_id)
    documents = [service.document(request.app.state.engine, row["id"]) for row in batch["documents"]]
    return _export(documents, form, f"审核意见-批次{batch_id}")


# ---- the same as JSON ----

class Decision(BaseModel):
    verdict: Literal["确认", "误报", ""] = Field(description="确认、误报，或空字符串（撤销）")
    comment: str = Field("", max_length=5000, description="审核意见")


@api.get("/batches", summary="本单位的全部批次")
def api_batches(request: Request) -> list[dict[str, Any]]:
    return service.batches(request.app.state.engine, request.state.user.organisation_id)


@api.post("/batches", summary="上传一份或多份文件（或 .zip）开始审核", status_code=201)
async def api_upload(request: Request, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
    batch_id, todo = await _receive(request, files)
    return {"batch": batch_id, "queued": len(todo)}


@api.get("/batches/{batch_id}", summary="批次概览：每份文件的状态与问题数")
def api_batch(request: Request, batch_id: Id, sort: str = "position", desc: bool = False, show: str = "",
              q: str = "") -> dict[str, Any]:
    return _batch(request, batch_id, sort, desc, show, q)


@api.get("/documents/{document_id}", summary="一份文件：读取的内容、每条问题及其审核结论、与上一版的比较")
def api_document(request: Request, document_id: Id) -> dict[str, Any]:
    document = _document(request, document_id)
    del document["layout"], document["laid"]  # the page's arrangement; each finding keeps its place's id
    document["change_ids"] = {key: sorted(ids) for key, ids in document["change_ids"].items()}
    return document


@api.put("/documents/{document_id}/findings/{finding}", summary="审核结论：确认或误报，附审核意见")
def api_decide(request: Request, document_id: Id, finding: Id, decision: Decision) -> dict[str, Any]:
    return service.decide(request.app.state.engine, document_id, finding, decision.verdict, decision.comment)
