"""`yusuan ingest`, `yusuan query …`, `yusuan export`: the corpus from the command line.

The store (SQLAlchemy, pandas) is imported inside each command so that `yusuan parse` stays quick.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table as RichTable

from .cli_chinese import Command, Group
from .errors import YusuanError

_DB_HELP = ("数据库地址：SQLite 文件路径或 sqlite:///…、postgresql://用户:密码@主机/库；"
            "默认取环境变量 YUSUAN_DB，再默认 ./yusuan.sqlite。")
_FAILURES_SHOWN = 20
HEADERS = {
    "unit": "单位", "level": "级次", "years": "年度", "kinds": "类型", "documents": "文件数", "document": "文件编号",
    "year": "年度", "kind": "类型", "staff_actual": "实有人数", "staff_active": "在职人数", "code": "科目编码",
    "name": "科目名称", "amount": "金额（万元）", "staff": "人数", "spending": "支出总计", "sangong": "三公经费",
    "peers": "同组文件数", "sangong_per_staff": "人均三公（中位数）", "sangong_per_staff_median": "同组中位数",
    "personnel_per_staff": "人均人员经费（中位数）", "personnel_per_staff_median": "同组中位数",
    "project_share": "项目支出占比%（中位数）", "project_share_median": "同组中位数", "change": "支出比上年%（中位数）",
    "change_median": "同组中位数", "rule": "规则", "severity": "级别", "title": "检查什么", "findings": "问题数",
    "file_name": "文件", "table": "表", "line": "行", "stated": "文件所列", "expected": "应为", "message": "说明",
}


def _db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, metavar="地址", help=_DB_HELP)(function)


def _filters(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in (
        click.option("--format", "form", type=click.Choice(["table", "csv", "json"]), default="table",
                     help="输出格式：table（终端表格）、csv、json。"),
        click.option("--year", type=int, default=None, help="只看该预算年度。"),
        click.option("--level", default=None, help="只看该级次（省级、地市级、县级）。"),
        click.option("--kind", default=None, help="只看单位预算或部门预算。"),
        click.option("--unit", default=None, help="只看名称含此文字的单位。"),
        click.help_option("-h", "--help", help="显示帮助并退出。"),
        _db_option,
    ):
        function = option(function)
    return function


def _fail(error: YusuanError) -> None:
    Console(stderr=True).print(f"[red]错误[/red] {error.message}", highlight=False)
    sys.exit(2)


def register(main: click.Group) -> None:
    main.add_command(ingest_command)
    main.add_command(query)
    main.add_command(export_command)


@click.command("ingest", cls=Command)
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="路径...")
@_db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, metavar="N",
              help="并行读取的进程数（通常取 CPU 核数；默认 1）。")
@click.option("--batch", type=click.IntRange(1), default=50, metavar="N",
              help="每个事务写入的文件数（默认 50）；中断时最多损失正在写入的这一批，重新运行即可补齐。")
@click.option("--retry-failed", is_flag=True, help="重新读取以前未能读取的文件（例如升级 yusuan 之后）。")
def ingest_command(paths: tuple[Path, ...], db: str | None, workers: int, batch: int, retry_failed: bool) -> None:
    """把预算公开文件（文件、文件夹、.zip 压缩包）读取、审核后存入语料库。可中断、可重复运行：
    已入库的文件（按内容识别）不会重复读取或存储。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .store.database import describe
    from .store.ingest import ingest

    console = Console(stderr=True)
    columns = (TextColumn("入库"), BarColumn(), MofNCompleteColumn(), TextColumn("失败 {task.fields[failed]}"),
               TextColumn("跳过 {task.fields[skipped]}"), TextColumn("{task.fields[rate]} 份/秒"),
               TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, failed=0, skipped=0, rate="—")

        def advance(report: Any, _record: Any) -> None:
            elapsed = bar.tasks[0].elapsed or 0
            rate = f"{report.done / elapsed:.1f}" if elapsed > 0 else "—"
            bar.update(task, total=report.total, completed=report.done, failed=len(report.failed),
                       skipped=report.skipped, rate=rate)

        try:
            report = ingest(paths, db, workers, progress=advance, batch=batch, retry_failed=retry_failed)
        except YusuanError as error:
            bar.stop()
            _fail(error)
            return
        except KeyboardInterrupt:
            bar.stop()
            console.print("已中止：已写入的文件都完整保存；再次运行同一命令即可从中断处继续。")
            sys.exit(130)
    rate = report.done / report.seconds if report.seconds else 0
    console.print(f"语料库 {describe(db)}：新入库 {report.stored} 份（其中失败 {len(report.failed)} 份），"
                  f"已存在跳过 {report.skipped} 份；"
                  + (f"{report.joined} 个说明或绩效目标文件并入其表格所在的公开；" if report.joined else "")
                  + f"用时 {report.seconds:.1f} 秒，{rate:.1f} 份/秒，"
                  f"其中存储 {report.storage_seconds:.1f} 秒", highlight=False, soft_wrap=True)
    for name, error in report.failed[:_FAILURES_SHOWN]:
        console.print(f"  [red]无法读取[/red] {name}：{error}", highlight=False, soft_wrap=True)
    if len(report.failed) > _FAILURES_SHOWN:
        console.print(f"  ……另有 {len(report.failed) - _FAILURES_SHOWN} 个文件无法读取", highlight=False)
    sys.exit(2 if report.failed else 0)


@click.group("query", cls=Group)
@click.help_option("-h", "--help", help="显示帮助并退出。")
def query() -> None:
    """查询语料库：单位、金额、同类比较、审核问题。"""


def _open(db: str | None) -> Any:
    from .store.query import Corpus

    try:
        return Corpus(db)
    except YusuanError as error:
        _fail(error)


def _where(year: int | None, level: str | None, kind: str | None, unit: str | None) -> Any:
    from .store.query import Filter

    return Filter(year, level, kind, unit)


@query.command("units")
@_filters
def units_command(db: str | None, form: str, **where: Any) -> None:
    """列出语料库中的单位，及其已入库的年度。"""
    show(_open(db).units(_where(**where)), form)


@query.command("totals")
@_filters
@click.option("--by", type=click.Choice(["document", "code"]), default="document",
              help="document：每份文件的收入来源、基本/项目支出、人员/公用经费、三公及其各项、人数；"
                   "code：按科目汇总。")
@click.option("--table", default="T3", help="按科目汇总时用哪张表（T2、T3、T5 …；默认 T3）。")
@click.option("--column", default="合计", help="按科目汇总时用哪一列（默认 合计）。")
@click.option("--digits", type=click.Choice(["3", "5", "7"]), default=None, help="只汇总类（3）、款（5）或项（7）。")
def totals_command(db: str | None, form: str, by: str, table: str, column: str, digits: str | None,
                   **where: Any) -> None:
    """金额：每份文件的主要数字，或按科目（类/款/项）汇总。单位：万元。"""
    corpus, filters = _open(db), _where(**where)
    if by == "code":
        show(corpus.by_code(filters, table, column, int(digits) if digits else None), form)
        return
    frame = corpus.totals(filters)
    if form == "table":  # the terminal has room for the main figures; csv and json carry them all
        from .store.figures import BASIC, INCOME, PERSONNEL, PROJECT, PUBLIC, SANGONG, SPENDING

        frame = frame[["unit", "year", "level", "staff_actual", INCOME, SPENDING, BASIC, PROJECT, PERSONNEL,
                       PUBLIC, SANGONG]]
    show(frame, form)


@query.command("peers")
@_filters
def peers_command(db: str | None, form: str, **where: Any) -> None:
    """同类比较（同一类型、同一级次、同一年度）：人均三公经费、人均人员经费（万元/人）、
    项目支出占比、支出比上年增减，各与同组中位数并列。"""
    frame = _open(db).peers(_where(**where))
    if form == "table":  # each ratio beside its group's median, in one cell
        from .store.peers import RATIOS

        for ratio in RATIOS:
            frame[ratio] = [f"{_text(v)}（{_text(m)}）" if v is not None else "" for v, m
                            in zip(frame[ratio], frame[f"{ratio}_median"], strict=True)]
        frame = frame[["unit", "year", "kind", "level", "staff", "peers", *RATIOS]]
    show(frame, form)


@query.command("findings")
@_filters
@click.option("--rule", default=None, help="列出该规则的每一条问题。")
def findings_command(db: str | None, form: str, rule: str | None, **where: Any) -> None:
    """审核问题在语料库中的分布：每条规则涉及多少文件、多少问题。"""
    show(_open(db).findings(_where(**where), rule), form)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_cell(v) for v in value]
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def show(frame: Any, form: str) -> None:
    if form == "json":
        records = [{key: _cell(value) for key, value in row.items()} for row in frame.to_dict("records")]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif form == "csv":
        frame.map(_text).to_csv(sys.stdout, index=False)
    else:
        grid = RichTable(show_lines=False)
        for column in frame.columns:
            grid.add_column(HEADERS.get(column, column), justify="right" if column != "unit" else "left")
        for row in frame.itertuples(index=False):
            grid.add_row(*(_text(value) for value in row))
        console = Console()
        if not console.is_terminal:
            console.width = max(console.width, 200)  # piped: no terminal to fit, keep the cells whole
        console.print(grid)
        if frame.empty:
            Console(stderr=True).print("没有符合条件的记录")


@click.command("export", cls=Command)
@click.help_option("-h", "--help", help="显示帮助并退出。")
@_db_option
@click.option("--format", "form", type=click.Choice(["csv", "xlsx", "parquet", "datapackage"]), required=True,
              help="csv、xlsx（Excel）、parquet，或 datapackage（Frictionless 数据包：CSV 加 datapackage.json）。")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="输出文件夹。")
def export_command(db: str | None, form: str, output: Path) -> None:
    """导出整个语料库：单位、文件、全部金额、主要数字、审核问题。"""
    from .store.export import export

    corpus = _open(db)
    written = export(corpus, form, output)
    for path in written:
        Console(stderr=True).print(f"已写出 {path}", highlight=False)
