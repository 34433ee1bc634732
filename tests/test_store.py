"""The corpus on SQLite and on a real PostgreSQL: what is stored is what the documents say,
exactly, once; queries answer what a user asks."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import delete, func, select, update

from yusuan.cli import main
from yusuan.rules import check
from yusuan.store.database import open_engine
from yusuan.store.ingest import ingest
from yusuan.store.models import Amount, Base, CorpusState, Document, StoredFinding
from yusuan.store.query import Corpus, Filter
from yusuan.text import fold

from . import variants
from .conftest import SEEDS, parsed


def _count(url: str, model: type) -> int:
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(model)).scalar_one()
    engine.dispose()
    return count


def test_schema_is_the_migrations(db_url: str) -> None:
    """Opening runs the migrations, and they build exactly what the models declare."""
    engine, columns = open_engine(db_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert ("T3", "基本支出") in columns and ("T11", "财政拨款/项目支出") in columns
    engine.dispose()


def test_every_change_of_documents_moves_the_version(db_url: str) -> None:
    """The web pages' caches are keyed by the corpus's version: storing, changing and removing
    documents each move it on, whoever writes."""
    engine, _ = open_engine(db_url)

    def version() -> int:
        with engine.connect() as connection:
            return connection.execute(select(CorpusState.version)).scalar_one()

    seen = [version()]
    ingest(SEEDS[:2], db_url)
    seen.append(version())
    with engine.begin() as connection:
        connection.execute(update(Document).where(Document.id == 1).values(kind="部门预算"))
    seen.append(version())
    with engine.begin() as connection:
        connection.execute(delete(Document).where(Document.id == 2))
    seen.append(version())
    assert seen == sorted(set(seen)), seen  # each strictly after the one before
    engine.dispose()


def test_every_amount_stored_exactly(db_url: str) -> None:
    report = ingest(SEEDS, db_url)
    assert (report.stored, report.failed, report.skipped) == (len(SEEDS), [], 0)
    stored = Corpus(db_url).amounts()
    for seed in SEEDS:
        disclosure = parsed(seed)
        expected = {(table_id, position, label): amount.value for table_id, table in disclosure.tables.items()
                    for position, row in enumerate(table.rows) for label, amount in row.values.items()}
        rows = stored[stored["unit"] == disclosure.unit]
        got = {(t, int(r), c): a for t, r, c, a in zip(rows["table"], rows["row"], rows["column"], rows["amount"],
                                                       strict=True)}
        assert got == expected
        assert all(isinstance(a, Decimal) for a in got.values())


def test_ingest_twice_doubles_nothing(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "说明.txt"
    bad.write_text("这不是预算公开文件。\n", encoding="utf-8")
    first = ingest([*SEEDS, bad], db_url, workers=2)
    assert first.stored == len(SEEDS) + 1
    assert [name for name, _ in first.failed] == [str(bad)]
    assert "预算公开" in first.failed[0][1]  # the reason, in Chinese
    counts = [_count(db_url, model) for model in (Document, Amount, StoredFinding)]
    second = ingest([*SEEDS, bad], db_url, workers=2)
    assert (second.stored, second.skipped, second.failed) == (0, len(SEEDS) + 1, [])
    assert [_count(db_url, model) for model in (Document, Amount, StoredFinding)] == counts
    failed = Corpus(db_url).documents(failed=True)
    assert list(failed["file_name"]) == [str(bad)] and "预算公开" in failed["error"][0]


def test_findings_stored_as_checked(db_url: str) -> None:
    ingest(SEEDS[:2], db_url)
    by_rule = Corpus(db_url).findings()
    expected: dict[tuple[str, str], int] = {}
    for seed in SEEDS[:2]:
        for finding in check(parsed(seed)):
            expected[(finding.rule, finding.severity)] = expected.get((finding.rule, finding.severity), 0) + 1
    assert dict(zip(zip(by_rule["rule"], by_rule["severity"], strict=True), by_rule["findings"], strict=True)) \
        == expected


def test_archives_and_folders(db_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "公开文件.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for seed in SEEDS[:3]:
            out.write(seed, f"2024/{seed.name}")
    folder = tmp_path / "folder"
    folder.mkdir()
    for seed in SEEDS[2:]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    report = ingest([archive, folder], db_url)
    assert report.stored == len(SEEDS)  # the seed in both is stored once
    names = set(Corpus(db_url).documents()["file_name"])
    assert f"{archive}/2024/{SEEDS[0].name}" in names and str(folder / SEEDS[-1].name) in names


def test_totals_and_peers(db_url: str, tmp_path: Path) -> None:
    akto = SEEDS[1]  # 阿克陶县 2023; its 2024 budget written from it, 4% larger: a peer of 呼图壁县 2024
    next_year = variants.Variant(akto, parsed(akto).unit or "", 2024, "县级", first_year=2023)
    ingest([*SEEDS, variants.write(next_year, tmp_path)], db_url)
    corpus = Corpus(db_url)
    totals = corpus.totals()
    published = {fold(d.unit or ""): d for d in [*map(parsed, SEEDS), variants.data(next_year)]}
    assert sorted(totals["unit"]) == sorted(published)
    for unit, disclosure in published.items():
        row = totals[totals["unit"] == unit].iloc[0]
        assert row["收入总计"] == disclosure.tables["T1"].total("income").value("预算数")
        assert row["三公经费"] == disclosure.tables["T10"].total().value("合计")
    by_class = corpus.by_code(digits=3)
    health = sum((row.value("合计") for disclosure in published.values() for row in disclosure.tables["T3"].rows
                  if row.code == "210"), Decimal(0))
    assert by_class[by_class["code"] == "210"]["amount"].iloc[0] == health
    peers = corpus.peers(Filter(level="县级", year=2024))
    assert len(peers) == 2 and set(peers["peers"]) == {2}
    changes = dict(zip(peers["unit"], peers["change"], strict=True))
    # the same unit although its name now says （本级）: its change on last year is the 4% it grew
    assert changes == {fold(next_year.printed_unit): Decimal("4.00"), parsed(SEEDS[2]).unit: None}
    for row in peers.to_dict("records"):
        disclosure = published[row["unit"]]
        staff = disclosure.overview.staffing.active.value
        assert row["sangong_per_staff"] == (disclosure.tables["T10"].total().value("合计") / staff).quantize(
            Decimal("0.0001"))
    median = (peers["sangong_per_staff"].iloc[0] + peers["sangong_per_staff"].iloc[1]) / 2
    assert set(peers["sangong_per_staff_median"]) == {median}


def test_query_command(db_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", *map(str, SEEDS), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert f"新入库 {len(SEEDS)} 份（其中失败 0 份），已存在跳过 0 份" in result.stderr
    result = runner.invoke(main, ["ingest", str(SEEDS[0]), "no-such-file.txt", "--db", db_url])
    assert result.exit_code == 2 and "no-such-file.txt：无法打开文件：文件不存在" in result.stderr
    assert "已存在跳过 1 份" in result.stderr
    result = runner.invoke(main, ["query", "units", "--db", db_url, "--format", "json"])
    units = json.loads(result.stdout)
    assert sorted(unit["unit"] for unit in units) == sorted(parsed(seed).unit for seed in SEEDS)
    assert all(unit["years"] == [parsed(s).year for s in SEEDS if parsed(s).unit == unit["unit"]] for unit in units)
    result = runner.invoke(main, ["query", "findings", "--db", db_url, "--format", "csv", "--rule", "N.amount"])
    assert result.stdout.splitlines()[0].startswith("unit,year,file_name")
    result = runner.invoke(main, ["query", "totals", "--db", db_url, "--year", "2024", "--level", "县级"])
    assert "呼图壁县医疗保障局" in result.stdout and "阿克陶县" not in result.stdout
    result = runner.invoke(main, ["query", "peers", "--db", db_url, "--level", "省级"])
    assert "人均三公" in result.stdout and "新疆维吾尔自治区医疗保障局本级" in result.stdout
    result = runner.invoke(main, ["query", "totals", "--by", "code", "--digits", "7", "--db", db_url,
                                  "--format", "json"])
    items = {item["code"]: item for item in json.loads(result.stdout)}
    assert items["2101501"]["name"] == "行政运行" and items["2101501"]["documents"] == len(SEEDS)


def test_unusable_database_said_in_chinese() -> None:
    result = CliRunner().invoke(main, ["query", "units", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2 and "无法连接" in result.output
    result = CliRunner().invoke(main, ["query", "units", "--db", "nosuchdb://x"])
    assert result.exit_code == 2 and "无法识别的数据库地址" in result.output


@pytest.mark.parametrize("form", ["csv", "xlsx", "parquet", "datapackage"])
def test_export(form: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    ingest(SEEDS[:2], url)
    result = CliRunner().invoke(main, ["export", "--db", url, "--format", form, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    total = sum(row.value("预算数") for seed in SEEDS[:2] for row in parsed(seed).tables["T1"].rows
                if row.kind == "total" and row.side == "income")
    out = tmp_path / "out"
    if form == "parquet":
        import pyarrow.parquet as pq

        amounts = pq.read_table(out / "amounts.parquet").to_pylist()
        got = sum(a["amount"] for a in amounts if a["table"] == "T1" and a["row_kind"] == "total"
                  and a["side"] == "income")
        assert got == total and isinstance(got, Decimal)
    elif form == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(out / "yusuan.xlsx", read_only=True)
        assert book.sheetnames == ["单位", "文件", "金额", "主要数字", "审核问题"]
        header = next(book["金额"].iter_rows(max_row=1, values_only=True))
        assert "金额（万元，精确十进制）" in header
    elif form == "csv":
        import pandas as pd

        documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
        assert sorted(documents["unit"]) == sorted(parsed(s).unit for s in SEEDS[:2])
    else:
        from frictionless import Package

        report = Package(str(out / "datapackage.json")).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "amounts"
                  for f in r["schema"]["fields"]}
        assert fields["amount"]["type"] == "number"


@pytest.mark.parametrize("text", ["1048.38", "0.000001", "-3.00", "123456789012.123456", "0"])
def test_money_round_trips_exactly(db_url: str, text: str) -> None:
    from sqlalchemy import literal

    from yusuan.store.types import Money

    engine, _ = open_engine(db_url)
    with engine.connect() as connection:
        value = connection.execute(select(literal(Decimal(text), Money()))).scalar_one()
    engine.dispose()
    assert isinstance(value, Decimal) and value == Decimal(text)


def test_money_beyond_six_decimals_refused_on_sqlite(tmp_path: Path) -> None:
    from sqlalchemy import literal
    from sqlalchemy.exc import StatementError

    from yusuan.store.types import Money

    engine, _ = open_engine(f"sqlite:///{tmp_path / 'c.sqlite'}")
    with engine.connect() as connection, pytest.raises(StatementError, match="小数位超过 6 位"):
        connection.execute(select(literal(Decimal("1.0000001"), Money())))
    engine.dispose()


def test_failed_documents_read_again_on_request(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document an older reader could not read is kept as failed, and read again with
    --retry-failed (here the older reader is one that fails on every document)."""
    import yusuan.store.record as record
    from yusuan.errors import UnreadableError

    def older_reader(_: object) -> None:
        raise UnreadableError("这是 PDF 文件；PDF 读取尚未实现")

    with monkeypatch.context() as patch:
        patch.setattr(record, "recover", older_reader)
        first = ingest(SEEDS[:1], db_url)
    assert first.failed and first.failed[0][1] == "这是 PDF 文件；PDF 读取尚未实现"
    assert ingest(SEEDS[:1], db_url).skipped == 1  # not read again unasked
    again = ingest(SEEDS[:1], db_url, retry_failed=True)
    assert (again.stored, again.failed) == (1, [])
    corpus = Corpus(db_url)
    assert corpus.documents(failed=True).empty
    assert list(corpus.documents()["unit"]) == [parsed(SEEDS[0]).unit]
