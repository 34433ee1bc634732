"""Part 3 情况说明 written from the data: every amount read from the tables, every share and change
computed, the reasons taken from the input. The wording follows the published template so that
the check (and anyone reading) finds each figure where a disclosure states it."""

from __future__ import annotations

from decimal import Decimal

from ..model import Asset, Disclosure, Row
from ..template.restatements import PROJECT_FIELDS, RESTATEMENTS
from ..template.select import in_unit
from ..template.spec import Ref
from ..text import fold
from .blocks import Block, Heading, Paragraph
from .figures import change_clause, figure, share_clause, wan
from .inputs import Inputs, key
from .notes import who

_NUMERALS = "一二三四五六七八九十"
# T1's income lines as a sentence names them (the writer's wording; the figures are T1's)
INCOME_SOURCES = (
    ("本年收入/一般公共预算拨款/一般财力", "一般公共预算"),
    ("本年收入/一般公共预算拨款/上级一般公共预算安排转移支付", "上级一般公共预算安排的转移支付资金"),
    ("本年收入/政府性基金预算拨款/政府性基金收入", "政府性基金预算"),
    ("本年收入/政府性基金预算拨款/上级政府性基金安排转移支付", "上级政府性基金安排的转移支付资金"),
    ("本年收入/国有资本经营预算拨款/国有资本经营收入", "国有资本经营预算"),
    ("本年收入/国有资本经营预算拨款/上级国有资本经营预算安排转移支付", "上级国有资本经营预算安排的转移支付资金"),
    ("本年收入/财政专户核拨", "财政专户管理资金"),
    ("本年收入/单位资金", "单位资金"),
    ("上年结转结余/财政拨款结转", "财政拨款结转"),
    ("上年结转结余/非财政拨款结转结余", "非财政拨款结转结余"),
)


def _short(name: str) -> str:
    return name.replace("转移支付资金", "转移支付")


class _Writer:
    def __init__(self, disclosure: Disclosure, inputs: Inputs) -> None:
        self.d, self.inputs = disclosure, inputs
        self.who = f"{disclosure.unit or '本' + who(disclosure)}"
        self.year = disclosure.year or ""
        self.blocks: list[Block] = []
        self.sections = 0
        self.heading = ""

    def section(self, subject: str) -> None:
        self.sections += 1
        n = self.sections
        number = _NUMERALS[n - 1] if n <= 10 else "十" + _NUMERALS[n - 11]
        self.heading = f"{number}、关于{self.who}{self.year}年{subject}"
        self.blocks.append(Heading(self.heading, 2))

    def say(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def stated(self, kind: str, name: str, value: Decimal, whole: Decimal | None = None) -> str:
        """name X万元，占S%，比上年预算增加D万元，增长G%，主要原因是：R。"""
        last = self.inputs.last_year.get(key(kind, name))
        reason = self.inputs.reasons.get(key(kind, name))
        text = f"{name}{wan(value)}{share_clause(value, whole)}{change_clause(value, last)}"
        return text + (f"，主要原因是：{reason.rstrip('。')}。" if reason else "。")

    def t(self, table: str, row: str, column: str, side: str | None = None, name: str | None = None) -> Decimal:
        """A table figure; for a sentence `name`ing it, the figure template/restatements.py says such a
        sentence restates in this section (what the check compares it with), if it says one."""
        for restatement in RESTATEMENTS if name is not None else ():
            ref = restatement.figure
            if restatement.section.search(self.heading) and restatement.name.search(name) \
                    and not ref.row.startswith("name:"):
                return figure(self.d, ref)
        return figure(self.d, Ref(table, row, (column,), side))

    def wan_of(self, table: str, row: Row, column: str) -> Decimal:
        """A row's figure in 万元, as Part 3 states it (a table may print 元)."""
        return in_unit(row.value(column), self.d.tables[table].money_unit, "万元")


def _classes(disclosure: Disclosure, table: str, column: str) -> list[Row]:
    t = disclosure.tables.get(table)
    return [row for row in t.rows if row.kind == "class" and row.value(column)] if t and t.present else []


def part3(disclosure: Disclosure, inputs: Inputs) -> list[Block]:
    w = _Writer(disclosure, inputs)
    spending = [row.name or "" for row in _classes(disclosure, "T1", "预算数")]
    sources = [(name, w.t("T1", f"line:{path}", "预算数")) for path, name in INCOME_SOURCES]

    w.section("收支预算情况的总体说明")
    w.say(f"按照全口径预算的原则，{w.who}{w.year}年所有收入和支出均纳入{who(disclosure)}预算管理。"
          f"收支总预算{wan(w.t('T1', 'total', '预算数', 'income', name='收支总预算'))}。")
    w.say(f"收入预算包括：{'、'.join(_short(name) for name, value in sources if value) or '无'}。")
    w.say(f"支出预算包括：{'、'.join(spending) or '无'}。")

    w.section("收入预算情况说明")
    total = w.t("T1", "total", "预算数", "income", name="收入预算")
    w.say(f"{w.who}收入预算{wan(total)}，其中：")
    for path, name in INCOME_SOURCES:
        value = w.t("T1", f"line:{path}", "预算数", name=name)
        w.say(w.stated("收入", name, value, total) if value else f"{_short(name)}未安排。")

    w.section("支出预算情况说明")
    expense = w.t("T1", "total", "预算数", "expense", name="支出预算")
    w.say(f"{w.who}{w.year}年支出预算{wan(expense)}，其中：")
    for column in ("基本支出", "项目支出"):
        w.say(w.stated("支出", column, w.t("T3", "total", column, name=column), expense))

    w.section("财政拨款收支预算情况的总体说明")
    fiscal = w.t("T4", "total", "合计", "income", name="财政拨款收支总预算")
    w.say(f"{w.year}年财政拨款收支总预算{wan(fiscal)}。")
    funds = [(fund, w.t("T4", f"line:财政拨款（补助）/{fund}", "合计"))
             for fund in ("一般公共预算", "政府性基金预算", "国有资本经营预算")]
    w.say("收入包括：" + "；".join(f"{fund}拨款{wan(value)}" for fund, value in funds if value) + "。"
          if any(value for _, value in funds) else "本年无财政拨款收入。")
    classes = _classes(disclosure, "T4", "合计")
    if classes:
        w.say("支出包括：" + "；".join(f"{row.name}{wan(w.wan_of('T4', row, '合计'))}" for row in classes) + "。")

    _general(w)
    _basic(w)
    _projects(w)
    _funds(w)
    _sangong(w)
    _carryover(w)
    _other(w)
    return w.blocks


def _general(w: _Writer) -> None:
    w.section("一般公共预算当年拨款情况说明")
    whole = w.t("T5", "total", "合计", name="一般公共预算拨款合计")
    w.say("（一）一般公共预算当年拨款规模变化情况")
    w.say(f"{w.who}{w.year}年一般公共预算拨款合计{wan(whole)}，其中：")
    for column in ("基本支出", "项目支出"):
        w.say(w.stated("当年拨款", column, w.t("T5", "total", column, name=column)))
    w.say("（二）一般公共预算当年拨款结构情况")
    classes = _classes(w.d, "T5", "合计")
    for number, row in enumerate(classes, start=1):
        value = w.wan_of("T5", row, "合计")
        w.say(f"{number}、{row.name}（类）{wan(value)}{share_clause(value, whole)}。")
    w.say("（三）一般公共预算当年拨款具体使用情况")
    table = w.d.tables.get("T5")
    names = {row.code: row.name for row in table.rows if row.code} if table else {}
    items = [row for row in table.rows if row.code and len(row.code) == 7] if table else []
    for number, row in enumerate(items, start=1):
        code = row.code or ""
        subject = f"{number}.{names.get(code[:3])}（类）{names.get(code[:5])}（款）{row.name}（项）"
        last = w.inputs.last_year.get(key("当年拨款", subject))
        reason = w.inputs.reasons.get(key("当年拨款", subject))
        value = w.wan_of("T5", row, "合计")
        w.say(f"{subject}：{w.year}年预算数为{wan(value)}{change_clause(value, last)}"
              + (f"，主要原因是：{reason.rstrip('。')}。" if reason else "。"))


def _basic(w: _Writer) -> None:
    w.section("一般公共预算基本支出情况说明")
    table = w.d.tables.get("T6")
    rows = [row for row in table.rows if row.code and len(row.code) == 5] if table and table.present else []
    basic = w.t("T6", "total", "合计", name="一般公共预算基本支出")
    w.say(f"{w.who}{w.year}年一般公共预算基本支出{wan(basic)}，其中：")
    for column in ("人员经费", "公用经费"):
        parts = "、".join(row.name or "" for row in rows if row.value(column))
        w.say(f"{column}{wan(w.t('T6', 'total', column, name=column))}" + (f"，主要包括：{parts}。" if parts else "。"))


def _projects(w: _Writer) -> None:
    """Each project of T7 with the particulars the data gives (template/restatements.py's fields);
    its 预算安排规模 is T7's figure. A described project T7 does not list keeps what it states."""
    w.section("一般公共预算项目支出情况说明")
    table = w.d.tables.get("T7")
    rows = [row for row in table.rows if row.kind == "project"] if table and table.present else []
    described = list(w.d.projects)
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(row.project or row.name or "", []).append(row)
    listed: list[tuple[str, dict[str, str]]] = []
    for name, group in by_name.items():
        mine = [p for p in described if fold(p.name) == fold(name)]
        # one description a row (a project under two codes, described twice), or one for them all
        pairs = list(zip(mine, [[row] for row in group], strict=True)) if len(mine) == len(group) > 1 \
            else [(mine[0] if mine else None, group)]
        for project, its_rows in pairs:
            if project is not None:
                described.remove(project)
            fields = dict(project.fields) if project else {}
            fields["预算安排规模"] = wan(sum((w.wan_of("T7", row, "项目支出合计") for row in its_rows), Decimal(0)))
            fields.setdefault("项目承担单位", w.who)
            listed.append((name, fields))
    listed += [(p.name, dict(p.fields)) for p in described]
    if not listed:
        w.say(f"{w.who}{w.year}年没有一般公共预算项目支出。")
    for number, (name, fields) in enumerate(listed, start=1):
        w.say(f"{number}、项目名称：{name}")
        for label in PROJECT_FIELDS:
            if fields.get(label):
                w.say(f"{label}：{fields[label]}")


def _funds(w: _Writer) -> None:
    for table, subject in (("T8", "政府性基金预算"), ("T9", "国有资本经营预算")):
        w.section(f"{subject}支出情况说明")
        value = w.t(table, "total", "合计")
        if value:
            w.say(f"{w.who}{w.year}年{subject}支出{wan(value)}。")
        else:
            w.say(f"{w.who}{w.year}年没有使用{subject}拨款安排的支出，{subject}支出情况表为空表。")


def _sangong(w: _Writer) -> None:
    w.section("“三公”经费支出情况说明")
    total = w.t("T10", "total", "合计", name="“三公”经费预算为")
    parts = [(name, w.t("T10", f"line:{name}", "合计", name=name))
             for name in ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")]
    w.say(f"{w.year}年“三公”经费预算为{wan(total)}，其中："
          + "，".join(w.stated("三公", name, value).rstrip("。") for name, value in parts) + "。")


def _carryover(w: _Writer) -> None:
    w.section("上年结转结余情况说明")
    value = w.t("T1", "line:上年结转结余", "预算数")
    if value:
        w.say(f"{w.who}上年结转结余{wan(value)}，详见上年结转结余情况明细表。")
    else:
        w.say(f"{w.who}{w.year}年没有上年结转结余，上年结转结余情况明细表为空表。")


def _other(w: _Writer) -> None:
    w.section("其他重要事项的情况说明")
    w.say("（一）机关运行经费")
    running = w.t("T6", "total", "公用经费", name="机关运行经费财政拨款预算")
    w.say(f"{w.year}年{w.who}机关运行经费财政拨款预算{wan(running)}。")
    w.say("（二）政府采购情况")
    buying = w.inputs.procurement
    if buying is not None:
        total = buying.goods + buying.works + buying.services
        text = (f"{w.year}年{w.who}政府采购预算{wan(total)}，其中：政府采购货物预算{wan(buying.goods)}、"
                f"政府采购工程预算{wan(buying.works)}、政府采购服务预算{wan(buying.services)}。")
        if buying.small_firms is not None:
            text += f"面向中小企业预留政府采购项目预算金额{wan(buying.small_firms)}。"
        w.say(text)
    else:
        w.say(f"{w.year}年{w.who}没有安排政府采购预算。")
    w.say("（三）国有资产占有使用情况")
    w.say("；".join(_asset(asset) for asset in w.d.assets) + "。" if w.d.assets else "国有资产占有使用情况未提供。")
    w.say("（四）预算绩效情况")
    table = w.d.tables.get("T7")
    count = sum(row.kind == "project" for row in table.rows) if table and table.present else 0
    funds = sum((w.t(t, "total", c) for t, c in (("T7", "项目支出合计"), ("T8", "项目支出"), ("T9", "项目支出"))),
                Decimal(0))
    w.say(f"{w.year}年{w.who}实行绩效目标管理的当年财政拨款项目{count}个，涉及预算金额{wan(funds)}。"
          if count else f"{w.year}年{w.who}没有当年财政拨款项目。")


def _asset(asset: Asset) -> str:
    """房屋 1,200 平方米，价值 350.00 万元 (the count only where the data has one)."""
    count = f"{asset.count}{asset.measure or ''}，" if asset.count is not None else ""
    return f"{asset.kind}{count}价值{wan(asset.value)}" if asset.value is not None else asset.kind
