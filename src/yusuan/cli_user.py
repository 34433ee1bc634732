"""`yusuan user`: the accounts of the web application (organisations, users and their roles)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .cli_chinese import Group
from .errors import YusuanError
from .roles import ROLES

if TYPE_CHECKING:
    from sqlalchemy import Engine

_DB_HELP = "数据库地址（同 yusuan serve 的 --db）；默认取环境变量 YUSUAN_DB，再默认 ./yusuan.sqlite。"


@click.group("user", cls=Group)
@click.help_option("-h", "--help", help="显示帮助并退出。")
def user_group() -> None:
    """管理审核网站的账户：添加用户、列出用户、重设密码。"""


def _engine(db: str | None) -> Engine:
    from .store.database import open_engine

    try:
        return open_engine(db)[0]
    except YusuanError as error:
        raise click.ClickException(error.message) from error


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    for _ in range(3):  # click's own confirmation would complain in English
        first = click.prompt("密码", hide_input=True, prompt_suffix="：")
        if click.prompt("再次输入密码", hide_input=True, prompt_suffix="：") == first:
            return first
        click.echo("两次输入的密码不一致，请重新输入", err=True)
    raise click.ClickException("三次输入的密码都不一致，未作更改")


@user_group.command("add")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("name", metavar="用户名")
@click.option("--org", required=True, metavar="单位", help="所属单位（如“某市财政局”）；没有时新建。")
@click.option("--role", required=True, type=click.Choice(ROLES), help="角色：管理员、审核员或只读。")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行），不交互提问。")
@click.option("--db", default=None, metavar="地址", help=_DB_HELP)
def add_command(name: str, org: str, role: str, password_stdin: bool, db: str | None) -> None:
    """添加一个用户。密码交互输入（不回显），或用 --password-stdin 从标准输入读取。"""
    from .store.accounts import add_user

    engine = _engine(db)
    try:
        made = add_user(engine, name, org, role, _password(password_stdin))
    except YusuanError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"已添加用户“{made.name}”（{made.organisation}，{made.role}）")


@user_group.command("list")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.option("--db", default=None, metavar="地址", help=_DB_HELP)
def list_command(db: str | None) -> None:
    """列出全部用户及其单位、角色。"""
    from .store.accounts import users

    found = users(_engine(db))
    if not found:
        click.echo("还没有用户。用 yusuan user add 用户名 --org 单位 --role 管理员 添加。")
        return
    for row in found:
        click.echo(f"{row['name']}\t{row['organisation']}\t{row['role']}\t{row['created_at'].replace('T', ' ')}")


@user_group.command("passwd")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.argument("name", metavar="用户名")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码（一行），不交互提问。")
@click.option("--db", default=None, metavar="地址", help=_DB_HELP)
def passwd_command(name: str, password_stdin: bool, db: str | None) -> None:
    """重设用户的密码；该用户已登录的会话随之失效。"""
    from .store.accounts import set_password

    engine = _engine(db)
    try:
        set_password(engine, name, _password(password_stdin))
    except YusuanError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"已重设用户“{name}”的密码")


def register(main: Group) -> None:
    main.add_command(user_group)
