"""Opening a corpus: where it is, its engine, its schema brought up to date on every open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ..errors import YusuanError
from ..template import TABLES
from .models import TemplateColumn

ENVIRONMENT = "YUSUAN_DB"
DEFAULT = "yusuan.sqlite"  # in the current folder
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def resolve(url: str | None) -> str:
    """The database URL: given, else $YUSUAN_DB, else ./yusuan.sqlite. A bare path is a SQLite
    file; postgresql:// uses the psycopg (3) driver."""
    url = url or os.environ.get(ENVIRONMENT) or DEFAULT
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


_MMAP = 1 << 30  # address space, not memory: the pages stay the OS's to evict


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL: readers never wait for the writer; NORMAL sync is durable at each checkpoint and
    # never corrupts (a killed ingest loses at most its uncommitted batch)
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # pages read through a memory map, not copied by a system call each time: a query over
    # thousands of documents reads thousands of pages, far more than SQLite's own 2 MiB cache
    cursor.execute(f"PRAGMA mmap_size={_MMAP}")
    cursor.close()


def engine_for(url: str | None) -> Engine:
    resolved = resolve(url)
    try:
        engine = create_engine(resolved)
    except (ArgumentError, ImportError) as error:
        raise YusuanError(f"无法识别的数据库地址：{url}（{error}）") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (run on every open; cheap when current)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        raise YusuanError(f"无法连接或创建数据库 {engine.url.render_as_string(hide_password=True)}："
                          f"{str(error.orig).strip()}") from error


def sync_columns(engine: Engine) -> dict[tuple[str, str], int]:
    """The template's (table, column) pairs, each with its id; new template columns added."""
    wanted = [(spec.id, column.label) for spec in TABLES
              for column in dict.fromkeys((*spec.columns, *spec.income_columns))]
    with engine.begin() as connection:
        known = {(t, label): id_ for id_, t, label in
                 connection.execute(select(TemplateColumn.id, TemplateColumn.table_id, TemplateColumn.label))}
        missing = [pair for pair in dict.fromkeys(wanted) if pair not in known]
        if missing:
            order = {pair: index for index, pair in enumerate(dict.fromkeys(wanted))}
            connection.execute(insert(TemplateColumn), [
                {"table_id": t, "label": label, "position": order[(t, label)]} for t, label in missing])
            known = {(t, label): id_ for id_, t, label in
                     connection.execute(select(TemplateColumn.id, TemplateColumn.table_id, TemplateColumn.label))}
    return known


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after an ingest: without them SQLite joins a unit's years
    by scanning, and a peer query takes seconds instead of milliseconds. Sampled, so it stays
    quick however large the corpus. PostgreSQL is vacuumed too: its index-only scans (findings
    counted by rule) read the rows again until the new pages are marked all-visible, and vacuum
    visits only those."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")  # never inside a transaction
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")


def open_engine(url: str | None) -> tuple[Engine, dict[tuple[str, str], int]]:
    engine = engine_for(url)
    upgrade(engine)
    return engine, sync_columns(engine)


def describe(url: str | None) -> str:
    """The database as the user named it, without its password."""
    url = url or os.environ.get(ENVIRONMENT) or DEFAULT
    return make_url(url).render_as_string(hide_password=True) if "://" in url else url
