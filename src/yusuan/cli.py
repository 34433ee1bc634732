"""The `yusuan` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table as RichTable

from . import __version__
from .api import expanded, parse_paths, parse_together
from .cli_chinese import Group
from .cli_corpus import register
from .cli_serve import register as register_serve
from .cli_user import register as register_user
from .errors import YusuanError
from .jsonout import dumps
from .model import Disclosure
from .report import Problems, as_html, as_json, as_markdown, problem_place, where
from .rules import ERROR, SEVERITIES, Finding, catalogue, check
from .template import TABLE_BY_ID
from .template.extras import EXTRA_BY_CONCEPT

_COLUMNS_SHOWN = 4


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yusuan", help="显示版本并退出。")
@click.help_option("-h", "--help", help="显示帮助并退出。")
def main() -> None:
    """yusuan 预算：读取、审核中国部门/单位预算公开文件。"""


_TOGETHER = click.option("-t", "--together", is_flag=True,
                         help="把给出的全部文件（情况说明、表格、绩效目标）作为同一份公开读取。"
                              "不加此项时，同一单位、同一年度的说明文件和表格文件也会按内容自动合并。")


def _read(files: tuple[Path, ...], together: bool) -> list[tuple[str, Disclosure | YusuanError]]:
    """Per disclosure: its files' names (joined by ＋) and the disclosure or the error."""
    if together:
        with expanded(files) as found:
            name = " ＋ ".join(Path(label).name for _, label in found)
            try:
                return [(name, parse_together(path for path, _ in found))]
            except YusuanError as error:
                return [(name, error)]
            except OSError as error:
                return [(name, YusuanError(error.strerror or "无法打开文件", file=str(error.filename)))]
    return [(" ＋ ".join(Path(label).name for label in group), found) for group, found in parse_paths(files)]


@main.command("parse")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))  # files, folders, .zip
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出到标准输出。")
@_TOGETHER
def parse_command(files: tuple[Path, ...], as_json: bool, together: bool) -> None:
    """读取预算公开文件（文件、文件夹或 .zip 压缩包；同一公开的说明、表格、绩效目标文件合为一份），显示识别出的内容。"""
    console = Console(stderr=as_json)
    failed = False
    for name, disclosure in _read(files, together):
        if isinstance(disclosure, YusuanError):
            Console(stderr=True).print(f"[red]无法读取[/red] {disclosure}", highlight=False)
            failed = True
            continue
        if as_json:
            sys.stdout.write(dumps(disclosure) + "\n")
        else:
            _summary(console, disclosure)
        for problem in disclosure.problems:
            Console(stderr=True).print(f"[yellow]未能完全读取[/yellow] {problem_place(problem, name)}："
                                       f"{problem.message}", highlight=False, soft_wrap=True)  # one line each
    sys.exit(2 if failed else 0)


@main.command("check")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "form", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              help="输出格式：text（终端）、json、markdown、html。")
@_TOGETHER
def check_command(files: tuple[Path, ...], form: str, together: bool) -> None:
    """审核预算公开文件（文件、文件夹或 .zip 压缩包）。退出状态：0 无错误，1 有“错误”级问题，2 有文件无法读取。"""
    read = _read(files, together)
    results: list[tuple[str, list[Finding] | str]] = [
        (name, found.message if isinstance(found, YusuanError) else check(found)) for name, found in read]
    problems = {name: found.problems for name, found in read if not isinstance(found, YusuanError)}
    if form == "json":
        sys.stdout.write(as_json(results, problems) + "\n")
    elif form == "markdown":
        sys.stdout.write(as_markdown(results, problems) + "\n")
    elif form == "html":
        sys.stdout.write(as_html(results, problems) + "\n")
    else:
        _report(Console(), results, problems)
    unreadable = any(isinstance(found, str) for _, found in results)
    errors = any(f.severity == ERROR for _, found in results if not isinstance(found, str) for f in found)
    sys.exit(2 if unreadable else 1 if errors else 0)


def _report(console: Console, results: list[tuple[str, list[Finding] | str]], problems: Problems) -> None:
    colours = {"错误": "red", "警告": "yellow", "提示": "cyan"}
    for file, found in results:
        if isinstance(found, str):
            console.print(f"[bold]{file}[/bold]  [red]无法读取[/red]：{found}", highlight=False)
            continue
        unread = problems.get(file, [])
        clean = "[green]无问题[/green]" if not found and not unread else ""
        console.print(f"[bold]{file}[/bold]  {clean}", highlight=False)
        if unread:
            console.print(f"  [yellow]未能完全读取 {len(unread)} 处[/yellow]")
        for problem in unread:
            console.print(f"    {problem_place(problem, file)}\n      {problem.message}", highlight=False)
        for severity in SEVERITIES:
            group = [f for f in found if f.severity == severity]
            if group:
                console.print(f"  [{colours[severity]}]{severity} {len(group)} 项[/{colours[severity]}]")
            for f in group:
                console.print(f"    {f.rule}  {where(f)}\n      {f.message}", highlight=False)


@main.command("rules")
@click.help_option("-h", "--help", help="显示帮助并退出。")
def rules_command() -> None:
    """列出全部审核规则：编号、级别、检查什么、为什么重要、示例。"""
    console = Console()
    for rule in catalogue():
        console.print(f"[bold]{rule.id}[/bold]  [{rule.severity}]  {rule.family}  {rule.title}", highlight=False)
        if rule.why:
            console.print(f"    为什么：{rule.why}", highlight=False)
        if rule.example:
            console.print(f"    示例：{rule.example}", highlight=False)


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
    for extra in disclosure.extra_tables:
        if extra.concept is not None:
            shown = "  ".join(f"{name} {amount.text}" for name, amount in extra.figures.items())
            console.print(f"模板之外的表：{extra.title}（{EXTRA_BY_CONCEPT[extra.concept].title}）"
                          f"{'  ' + shown + ' ' + extra.money_unit if shown else ''}", highlight=False)


register(main)
register_serve(main)
register_user(main)

from .cli_write import COMMANDS as _WRITE_COMMANDS  # noqa: E402  (yusuan write, yusuan template)

for _command in _WRITE_COMMANDS:
    main.add_command(_command)

if __name__ == "__main__":
    main()
