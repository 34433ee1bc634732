"""The wording rules real reviewers apply beside the arithmetic: the template's placeholders and
alternatives left in, doubled punctuation, a reason left empty."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Disclosure
from .base import WARNING, Finding, Rule, search

# placeholders and the template's either-or wording, which the unit was to replace or choose from
# (the text searched is folded: full-width brackets are plain ones there)
_PLACEHOLDER = re.compile(r"[X×]{2,}|xx[局单位部门]|待填写|待补充|增加\(减少\)|增长\(下降\)|\((?:增加|减少)\)|"
                          r"\(或[^()]{1,40}\)")
_PUNCTUATION = re.compile(r"。。|，，|；；|、、|，。|。，|(?:主要)?原因(?:是|为)[。；]")


class Placeholder(Rule):
    id = "W.placeholder"
    severity = WARNING
    family = "文字"
    title = "模板的占位符或二选一的写法没有改掉（XX、增加（减少）、（或……））"
    why = "占位符留在公开文件里，说明说明文字是套模板没有填完，读者无法知道实际情况。"
    example = "因公出国（境）费增加（减少）0 万元"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for match, source in search(disclosure.narrative, _PLACEHOLDER):
            yield self.finding(f"第三部分中留有模板的写法“{match.group(0)}”", section="第三部分",
                               quote=match.group(0), source=source)


class Punctuation(Rule):
    id = "W.punctuation"
    severity = WARNING
    family = "文字"
    title = "标点重复，或原因没有写（“主要原因是。”）"
    why = "重复的标点和空着的原因，说明文字未经校对；空着的原因更让增减无从解释。"
    example = "比上年预算增加 5.00 万元，主要原因是。"

    def check(self, disclosure: Disclosure) -> Iterator[Finding]:
        for match, source in search(disclosure.narrative, _PUNCTUATION):
            what = "原因没有写" if "原因" in match.group(0) else "标点重复"
            yield self.finding(f"第三部分中“{match.group(0)}”：{what}", section="第三部分",
                               quote=match.group(0), source=source)
