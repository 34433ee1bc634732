"""Findings as people read them: a terminal report, JSON, Markdown or HTML."""

from __future__ import annotations

import html
import json
from typing import Any

from .model import Problem
from .rules import SEVERITIES, Finding

# per disclosure (by its files' names): what could not be read, beside the findings
Problems = dict[str, list[Problem]]
_SHEETS = (".xlsx", ".xls")  # a workbook's "page" is its sheet


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "table": finding.table,
        "code": finding.code,
        "column": finding.column,
        "section": finding.section,
        "quote": finding.quote,
        "stated": None if finding.stated is None else str(finding.stated),
        "expected": None if finding.expected is None else str(finding.expected),
        "message": finding.message,
        "line": finding.source.line if finding.source else None,
        "page": finding.source.page if finding.source else None,
        "bbox": list(finding.source.bbox) if finding.source and finding.source.bbox else None,
    }


def where(finding: Finding) -> str:
    parts = [finding.table or finding.section or "", finding.code or "", finding.column or ""]
    line = f"第 {finding.source.line} 行" if finding.source and finding.source.line else ""
    return " ".join(part for part in [*parts, line] if part)


def problem_place(problem: Problem, file: str = "") -> str:
    """Where a reading problem is, as far as known: file, page (or sheet), line, table."""
    source = problem.source
    name = source.file if source is not None and source.file else file
    parts = [name]
    if source is not None and source.page:
        sheet = name.lower().endswith(_SHEETS)
        parts.append(f"第 {source.page} 个工作表" if sheet else f"第 {source.page} 页")
    if source is not None and source.line:
        parts.append(f"第 {source.line} 行")
    if problem.table:
        parts.append(f"表 {problem.table}")
    return " ".join(part for part in parts if part)


def problem_dict(problem: Problem, file: str = "") -> dict[str, Any]:
    source = problem.source
    return {
        "message": problem.message,
        "file": source.file if source is not None and source.file else file,
        "page": source.page if source is not None else None,
        "line": source.line if source is not None else None,
        "table": problem.table,
        "place": problem_place(problem, file),
    }


def as_json(results: list[tuple[str, list[Finding] | str]], problems: Problems | None = None) -> str:
    out = []
    for file, found in results:
        unread = [problem_dict(p, file) for p in (problems or {}).get(file, [])]
        if isinstance(found, str):
            out.append({"file": file, "error": found, "findings": None, "problems": unread})
        else:
            out.append({"file": file, "error": None, "findings": [finding_dict(f) for f in found],
                        "problems": unread})
    return json.dumps(out, ensure_ascii=False, indent=2)


def _counts(found: list[Finding]) -> str:
    counts = [f"{severity} {sum(f.severity == severity for f in found)}" for severity in SEVERITIES]
    return "，".join(counts) if found else "无问题"


def as_markdown(results: list[tuple[str, list[Finding] | str]], problems: Problems | None = None) -> str:
    lines = ["# 审核意见", ""]
    for file, found in results:
        lines += [f"## {file}", ""]
        if isinstance(found, str):
            lines += [f"无法读取：{found}", ""]
            continue
        unread = (problems or {}).get(file, [])
        if unread:
            lines += [f"未能完全读取 {len(unread)} 处：", ""]
            lines += [f"- {problem_place(p, file)}：{p.message}" for p in unread] + [""]
        lines += [_counts(found), ""]
        if found:
            lines += ["| 级别 | 规则 | 位置 | 文件所列 | 应为 | 说明 |", "|---|---|---|---|---|---|"]
            for f in found:
                cells = [f.severity, f.rule, where(f), str(f.stated or ""), str(f.expected or ""), f.message]
                lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
            lines.append("")
    return "\n".join(lines)


def as_html(results: list[tuple[str, list[Finding] | str]], problems: Problems | None = None) -> str:
    parts = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>审核意见</title>',
             "<style>body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:4px}"
             "table{border-collapse:collapse}</style></head><body><h1>审核意见</h1>"]
    for file, found in results:
        parts.append(f"<h2>{html.escape(file)}</h2>")
        if isinstance(found, str):
            parts.append(f"<p>无法读取：{html.escape(found)}</p>")
            continue
        unread = (problems or {}).get(file, [])
        if unread:
            parts.append(f"<p>未能完全读取 {len(unread)} 处：</p><ul>")
            parts += [f"<li>{html.escape(problem_place(p, file))}：{html.escape(p.message)}</li>" for p in unread]
            parts.append("</ul>")
        parts.append(f"<p>{_counts(found)}</p>")
        if found:
            parts.append("<table><tr><th>级别</th><th>规则</th><th>位置</th><th>文件所列</th><th>应为</th>"
                         "<th>说明</th></tr>")
            for f in found:
                cells = [f.severity, f.rule, where(f), str(f.stated or ""), str(f.expected or ""), f.message]
                parts.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
