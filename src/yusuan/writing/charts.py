"""Charts where a reader would rather look than read: income by source, spending by 类, basic
against project spending, change on last year. Drawn with matplotlib in a CJK font; text is
drawn as outlines so that the figures in a chart never mix with the document's searchable text."""

from __future__ import annotations

import io

from ..model import Disclosure
from ..template.select import in_unit
from ..template.spec import Ref
from .blocks import Block, Figure, Paragraph
from .figures import figure
from .inputs import Inputs, key
from .narrative import INCOME_SOURCES

_FONT = "Noto Sans CJK SC"  # Debian fonts-noto-cjk (scripts/setup-system.sh)


def charts(disclosure: Disclosure, inputs: Inputs) -> list[Block]:
    out: list[Block] = [Paragraph("附图", "center")]
    sources = [(name.replace("转移支付资金", "转移支付"),
                figure(disclosure, Ref("T1", f"line:{path}", ("预算数",)))) for path, name in INCOME_SOURCES]
    sources = [(name, value) for name, value in sources if value]
    if sources:
        out.append(Figure("图1 收入预算构成（按来源）", [n for n, _ in sources],
                          [("本年预算", [v for _, v in sources])]))
    t3 = disclosure.tables.get("T3")
    classes = [row for row in t3.rows if row.kind == "class" and row.value("合计")] if t3 and t3.present else []
    if classes:
        out.append(Figure("图2 支出预算构成（按功能分类类级科目）", [row.name or "" for row in classes],
                          [("本年预算", [in_unit(row.value("合计"), t3.money_unit, "万元") for row in classes])]))
        total = [figure(disclosure, Ref("T3", "total", (column,))) for column in ("基本支出", "项目支出")]
        out.append(Figure("图3 基本支出与项目支出", ["基本支出", "项目支出"], [("本年预算", total)]))
    compared = [(name, value, inputs.last_year.get(key("收入", name))) for name, value in sources]
    compared = [(name, value, last) for name, value, last in compared if last is not None]
    if compared:
        out.append(Figure("图4 收入预算与上年比较", [n for n, _, _ in compared],
                          [("上年预算", [last for _, _, last in compared if last is not None]),
                           ("本年预算", [value for _, value, _ in compared])]))
    return out if len(out) > 1 else []


def render(chart: Figure, form: str) -> bytes:
    """The chart as 'svg' or 'png'."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams.update({"font.family": _FONT, "svg.fonttype": "path", "axes.unicode_minus": False})
    fig, axes = pyplot.subplots(figsize=(6.4, 3.2), dpi=110)
    width = 0.8 / len(chart.series)
    for index, (legend, values) in enumerate(chart.series):
        # drawing needs floats for geometry only; the printed labels are the exact decimals
        positions = [i + (index - (len(chart.series) - 1) / 2) * width for i in range(len(chart.labels))]
        bars = axes.bar(positions, [float(v) for v in values], width, label=legend)
        axes.bar_label(bars, labels=[f"{v:,}" for v in values], fontsize=7)
    axes.set_xticks(range(len(chart.labels)), [_wrap(label) for label in chart.labels], fontsize=7)
    axes.set_ylabel("万元", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=form)
    pyplot.close(fig)
    return buffer.getvalue()


def _wrap(label: str, width: int = 8) -> str:
    return "\n".join(label[i:i + width] for i in range(0, len(label), width))

