"""The API's own page (/api), drawn from its OpenAPI schema here: no script fetched from elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .app import templates

router = APIRouter(include_in_schema=False)


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [{"name": p["name"], "in": {"path": "路径", "query": "查询"}.get(p["in"], p["in"]),
                           "required": p.get("required", False),
                           "type": p.get("schema", {}).get("type") or "/".join(
                               s.get("type", "") for s in p.get("schema", {}).get("anyOf", []))}
                          for p in operation.get("parameters", [])]
            body = operation.get("requestBody", {}).get("content", {})
            out.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                        "tag": (operation.get("tags") or [""])[0], "parameters": parameters,
                        "body": next(iter(body), None)})
    return out


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    return templates.TemplateResponse(request, "api.html", {"operations": operations(request.app.openapi())})
