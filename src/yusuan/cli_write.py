"""`yusuan write` and `yusuan template`: a disclosure written from data, and the workbook to fill."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from .errors import YusuanError
from .model import Disclosure
from .report import where
from .rules import ERROR, Finding, check
from .writing import FORMATS, Inputs, inputs_of, missing, write


def load(path: Path) -> tuple[Disclosure, Inputs]:
    """The disclosure and the writer's inputs from a filled workbook or the disclosure JSON."""
    if not path.exists():
        raise YusuanError("文件不存在", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from .writing.workbook_read import read_workbook

        return read_workbook(path)
    if suffix == ".json":
        from .jsonin import load as load_json

        disclosure = load_json(path)
        return disclosure, inputs_of(disclosure)
    raise YusuanError("输入应为填好的工作簿（.xlsx）或 yusuan parse --json 生成的 JSON 文件（.json）", file=path.name)


def data_findings(disclosure: Disclosure, inputs: Inputs) -> list[Finding]:
    """The check's findings on the document as it will be written (Part 3 as the writer words it)."""
    from .writing.written import as_written

    return check(as_written(disclosure, inputs))


def _describe(finding: Finding, file: str) -> str:
    place = where(finding)
    source = finding.source
    if source is not None and source.file and source.line and not source.file.lower().endswith(".xlsx"):
        # a figure of the JSON: say where the document it was read from printed it
        place = place.replace(f"第 {source.line} 行", f"（{source.file} 第 {source.line} 行）")
    if source is not None and source.file and source.file.lower().endswith(".xlsx") and source.line:
        from .writing.sheets import SHEETS, cell_of, sheet_name

        if finding.table:
            cell = cell_of(finding.table, finding.column, source.line, expense=finding.code is not None)
            place = f"工作表“{sheet_name(finding.table)}”单元格 {cell}"
        else:
            place = f"工作表“{SHEETS['staffing']}”第 {source.line} 行"
    return f"{finding.rule}  {place}：{finding.message}"


@click.command("write")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="输出文件：.docx、.pdf、.html 或 .xlsx（填好的工作簿）。")
@click.option("--strict", is_flag=True, help="数据不一致时拒绝生成，并指出工作表和单元格（或表和行）。")
@click.option("--no-charts", is_flag=True, help="不生成图表。")
def write_command(source: Path, out: Path, strict: bool, no_charts: bool) -> None:
    """由数据（填好的工作簿或 JSON）生成完整的预算公开文件。"""
    console = Console(stderr=True)
    try:
        if out.suffix.lower() not in FORMATS:
            raise YusuanError(f"不支持的输出格式“{out.suffix or '（无扩展名）'}”：请用 .docx、.pdf、.html 或 .xlsx")
        disclosure, inputs = load(source)
        absent = missing(disclosure, source.suffix.lower() == ".xlsx")
        if strict and absent:
            console.print(f"[red]拒绝生成[/red]：{source.name} 缺少必要的数据：", highlight=False)
            for message in absent:
                console.print(f"  {message}", highlight=False)
            sys.exit(1)
        findings = data_findings(disclosure, inputs)
        errors = [f for f in findings if f.severity == ERROR]
        if strict and findings:
            console.print(f"[red]拒绝生成[/red]：{source.name} 的数据有 {len(findings)} 处问题"
                          f"（其中错误 {len(errors)} 处）：", highlight=False)
            for finding in findings:
                console.print(f"  {_describe(finding, source.name)}", highlight=False)
            sys.exit(1)
        write(disclosure, out, inputs, charts=not no_charts)
    except YusuanError as error:
        console.print(f"[red]无法生成[/red] {error}", highlight=False)
        sys.exit(2)
    except OSError as error:
        console.print(f"[red]无法写入[/red] {out}：{error.strerror}", highlight=False)
        sys.exit(2)
    console.print(f"已生成 {out}", highlight=False)
    for message in absent:
        console.print(f"[yellow]缺少数据[/yellow]：{message}", highlight=False)
    if findings:
        console.print(f"[yellow]注意[/yellow]：数据有 {len(findings)} 处问题，文件已按数据原样生成：", highlight=False)
        for finding in findings:
            console.print(f"  {_describe(finding, source.name)}", highlight=False)


@click.command("template")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="模板文件（.xlsx）。")
def template_command(out: Path) -> None:
    """生成待填写的预算公开工作簿模板：每张表一个工作表，另有概况、人员、上年数、原因、项目、其他事项和绩效目标。"""
    from .writing.workbook import write_workbook

    if out.suffix.lower() != ".xlsx":
        Console(stderr=True).print("[red]无法生成[/red] 模板应保存为 .xlsx 文件", highlight=False)
        sys.exit(2)
    try:
        write_workbook(Disclosure(), Inputs(), out)
    except OSError as error:
        Console(stderr=True).print(f"[red]无法写入[/red] {out}：{error.strerror}", highlight=False)
        sys.exit(2)
    Console(stderr=True).print(f"已生成模板 {out}", highlight=False)


COMMANDS = (write_command, template_command)
