"""Part 3 beyond the restated figures: each project's description (项目名称, 设立的政策依据,
预算安排规模, 资金分配情况 …) and the state assets (国有资产占有使用情况) by kind."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Asset, ProjectStatement
from ..readers.base import TextLine
from ..template.restatements import ASSET_KINDS, PROJECT_FIELDS
from .narrative import joined

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_PROJECT = re.compile(r"(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?\s*项目名称[:：]")
_FIELD = re.compile("(" + "|".join(map(re.escape, PROJECT_FIELDS)) + r")[:：]")
_SECTION = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]")
_WAN = re.compile(_NUMBER + r"\s*万元")
_PART = re.compile(r"([^，,。；;：:、\d]*?)\s*" + _NUMBER + r"\s*万元")
_ASSETS = re.compile(r"国有资产占[有用]")
_ASSET = re.compile("(" + "|".join(map(re.escape, sorted(ASSET_KINDS, key=len, reverse=True))) + r")"
                    r"\s*(?:" + _NUMBER + r"\s*(辆|平方米|台|套|处|件))?[，,]?\s*(?:总)?价值(?:为)?\s*"
                    + _NUMBER + r"\s*万元")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def projects(part: list[TextLine]) -> list[ProjectStatement]:
    text, source_at = joined(part)
    starts = list(_PROJECT.finditer(text))
    out = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[start.end() : end]
        labels = list(_FIELD.finditer(body))
        if not labels:
            continue
        fields = {}
        for position, label in enumerate(labels):
            stop = labels[position + 1].start() if position + 1 < len(labels) else len(body)
            value = body[label.end() : stop]
            if position + 1 == len(labels):  # the last field ends where the next section begins
                heading = _SECTION.search(value)
                value = value[: heading.start()] if heading else value
            fields[label.group(1)] = value.strip().rstrip("。；;")
        project = ProjectStatement(name=body[: labels[0].start()].strip(), fields=fields,
                                   source=source_at(start.start()))
        scale = _WAN.search(fields.get("预算安排规模", ""))
        project.scale = _decimal(scale.group(1)) if scale else None
        project.distribution = [(match.group(1).strip(), _decimal(match.group(2)))
                                for match in _PART.finditer(fields.get("资金分配情况", ""))]
        out.append(project)
    return out


def assets(part: list[TextLine]) -> list[Asset]:
    text, source_at = joined(part)
    begin = _ASSETS.search(text)
    if begin is None:
        return []
    heading = _SECTION.search(text, begin.end())
    region = text[begin.end() : heading.start() if heading else len(text)]
    return [Asset(kind=match.group(1), count=_decimal(match.group(2)) if match.group(2) else None,
                  measure=match.group(3), value=_decimal(match.group(4)), quote=match.group(0),
                  source=source_at(begin.end() + match.start()))
            for match in _ASSET.finditer(region)]
