"""Click, speaking Chinese: help headings and usage errors in the users' language."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

_ERRORS = (
    (re.compile(r"Missing argument '(.+?)'\.?"), r"缺少参数 \1"),
    (re.compile(r"No such option: (\S+)"), r"没有选项 \1"),
    (re.compile(r"No such command '(.+?)'\.?"), r"没有命令 \1"),
    (re.compile(r"Invalid value for '(.+?)': '(.+?)' is not one of (.+)\.?"), r"选项 \1 的取值 \2 无效，可选：\3"),
    (re.compile(r"Option '(.+?)' requires an argument\.?"), r"选项 \1 需要一个值"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), r"多余的参数：\1"),
)


def translate(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if pattern.search(message):
            return pattern.sub(replacement, message)
    return message


class ChineseHelp:
    """Help text headed 用法 / 选项 / 命令."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for p in self.get_params(ctx)  # type: ignore[attr-defined]
                   if isinstance(p, click.Option) and (r := p.get_help_record(ctx))]
        if records:
            with formatter.section("选项"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [(name, cmd.get_short_help_str(60)) for name in self.list_commands(ctx)
                        if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
            if commands:
                with formatter.section("命令"):
                    formatter.write_dl(commands)


class Command(ChineseHelp, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class Group(ChineseHelp, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            hint = f"\n用 {error.ctx.command_path} -h 查看帮助" if error.ctx else ""
            sys.stderr.write(f"用法错误：{translate(error.format_message())}{hint}\n")
            sys.exit(2)
        except click.Abort:
            sys.stderr.write("已中止\n")
            sys.exit(1)
        except click.ClickException as error:  # a command's own failure, said in Chinese, without a traceback
            sys.stderr.write(f"错误：{error.format_message()}\n")
            sys.exit(error.exit_code)
