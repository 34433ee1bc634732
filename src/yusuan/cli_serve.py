"""`yusuan serve`: the reviewers' web application on a corpus database."""

from __future__ import annotations

import os

import click

from .cli_chinese import Group

_DB_HELP = ("数据库地址：SQLite 文件路径或 sqlite:///…、postgresql://用户:密码@主机/库；"
            "默认取环境变量 YUSUAN_DB，再默认 ./yusuan.sqlite。")


@click.command("serve")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只允许本机访问）。")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="端口。")
@click.option("--workers", type=click.IntRange(0, 64), default=1, show_default=True,
              help="读取、审核上传文件的进程数；0 表示在服务进程内读取。")
@click.option("--max-file-mb", type=click.IntRange(1), default=50, show_default=True,
              help="单个上传文件的大小上限（MB）。")
@click.option("--max-files", type=click.IntRange(1), default=500, show_default=True, help="一次上传的文件数上限。")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="应答网页请求的进程数；多核机器上可设为核数，以同时应答更多用户。")
@click.option("--local", is_flag=True, help="本机单人使用：不设账户、不需登录；只能监听本机地址。")
def serve_command(db: str | None, host: str, port: int, workers: int, max_file_mb: int, max_files: int,
                  processes: int, local: bool) -> None:
    """启动审核网站：上传并审核预算公开文件、逐条确认问题、导出审核意见、浏览语料库。
    用户须登录（账户用 yusuan user add 创建）；--local 供一人在本机使用，不需登录。"""
    import uvicorn

    from .errors import YusuanError
    from .store.accounts import count
    from .store.database import describe
    from .web.app import SETTINGS_VARIABLE, Settings, create_app, settled
    from .web.auth import LOOPBACK

    if local and host.lower() not in LOOPBACK:
        raise click.ClickException(f"--local 模式不设登录，只能监听本机地址（127.0.0.1、localhost 或 ::1），"
                                   f"不能监听 {host}；要让他人访问，请去掉 --local 并用 yusuan user add 创建账户")
    try:
        settings = Settings(db, workers, max_file_mb, max_files, local=local)
        app = create_app(settings)
    except YusuanError as error:
        raise click.ClickException(error.message) from error
    if not local and count(app.state.engine) == 0:
        raise click.ClickException(
            f"数据库 {describe(db)} 中还没有账户，无人能够登录。请先创建管理员：\n"
            f"  yusuan user add 用户名 --org 单位名称 --role 管理员{' --db ' + db if db else ''}\n"
            "或一人在本机使用时加 --local（不需登录）")
    where = f"[{host}]" if ":" in host else host
    click.echo(f"yusuan 审核网站：http://{where}:{port}/  数据库 {describe(db)}"
               f"{'（本机模式，不需登录）' if local else ''}（按 Ctrl+C 停止）", err=True)
    if processes == 1:
        uvicorn.run(settled(app), host=host, port=port, log_level="warning")
    else:  # each process makes its own application from the settings (caches stay correct: see web/corpus.py)
        app.state.engine.dispose()
        os.environ[SETTINGS_VARIABLE] = settings.to_json()
        uvicorn.run(f"{create_app.__module__}:from_environment", factory=True, workers=processes, host=host,
                    port=port, log_level="warning")


def register(main: Group) -> None:
    main.add_command(serve_command)
