"""The `yusuan` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table as RichTable

from . import __version__
from .api import parse
from .errors import YusuanError
from .jsonout import dumps
from .model import Disclosure
from .template import TABLE_BY_ID

_COLUMNS_SHOWN = 4


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yusuan")
def main() -> None:
    """yusuan 预算：读取、审核中国部门/单位预算公开文件。"""


@main.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出到标准输出。")
def parse_command(files: tuple[Path, ...], as_json: bool) -> None:
    """读取预算公开文件，显示识别出的内容。"""
    console = Console(stderr=as_json)
    failed = False
    for file in files:
        try:
            disclosure = parse(file)
        except YusuanError as error:
            Console(stderr=True).print(f"[red]无法读取[/red] {error}", highlight=False)
            failed = True
            continue
        except OSError as error:
            Console(stderr=True).print(f"[red]无法读取[/red] {file}：{error.strerror}", highlight=False)
            failed = True
            continue
        except Exception as error:  # a defect of ours: say so plainly, keep going
            Console(stderr=True).print(
                f"[red]内部错误[/red] 读取 {file} 时出错（{type(error).__name__}），请将该文件报告给开发者",
                highlight=False)
            failed = True
            continue
        if as_json:
            sys.stdout.write(dumps(disclosure) + "\n")
        else:
            _summary(console, disclosure)
        for problem in disclosure.problems:
            where = f"第 {problem.source.line} 行：" if problem.source and problem.source.line else ""
            Console(stderr=True).print(f"[yellow]未能完全读取[/yellow] {file.name}：{where}{problem.message}",
                                       highlight=False)
    sys.exit(2 if failed else 0)


def _summary(console: Console, disclosure: Disclosure) -> None:
    staffing = disclosure.overview.staffing
    console.print(
        f"[bold]{disclosure.unit or '（未识别单位）'}[/bold]  {disclosure.year or '?'} 年"
        f"{disclosure.kind or ''}  {disclosure.level or ''}",
        highlight=False,
    )
    if staffing.authorized is not None or staffing.actual is not None:
        console.print(f"编制数 {staffing.authorized}，实有人数 {staffing.actual}", highlight=False)
    grid = RichTable(title="预算公开表", show_lines=False)
    for header in ("表", "名称", "行数", "主要数字"):
        grid.add_column(header)
    for table_id, table in disclosure.tables.items():
        spec = TABLE_BY_ID[table_id]
        if not table.present:
            grid.add_row(table_id, spec.title, "—", "[dim]文件中没有此表[/dim]")
            continue
        total = table.total("income") or table.total()
        figures = ""
        if total is not None:
            figures = "  ".join(f"{label} {amount.value}" for label, amount
                                in list(total.values.items())[:_COLUMNS_SHOWN])
        elif table.note:
            figures = f"[dim]{table.note[:40]}[/dim]"
        uncertain = sum(a.uncertain for row in table.rows for a in row.values.values())
        if uncertain:
            figures += f"  [yellow]（{uncertain} 个数字所在列不确定）[/yellow]"
        grid.add_row(table_id, spec.title, str(len(table.rows)), figures)
    console.print(grid)


if __name__ == "__main__":
    main()
