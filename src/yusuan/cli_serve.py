"""`yusuan serve`: the reviewers' web application on a corpus database."""

from __future__ import annotations

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
def serve_command(db: str | None, host: str, port: int, workers: int, max_file_mb: int, max_files: int) -> None:
    """启动审核网站：上传并审核预算公开文件、逐条确认问题、导出审核意见、浏览语料库。"""
    import uvicorn

    from .errors import YusuanError
    from .store.database import describe
    from .web.app import Settings, create_app

    try:
        app = create_app(Settings(db, workers, max_file_mb, max_files))
    except YusuanError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"yusuan 审核网站：http://{host}:{port}/  数据库 {describe(db)}（按 Ctrl+C 停止）", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("注意：网站尚无账户和登录，监听本机以外的地址时，"
                   "能访问该地址的任何人都能查看和审核全部文件。", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(main: Group) -> None:
    main.add_command(serve_command)
