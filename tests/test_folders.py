"""Folders and .zip archives of real disclosures: the files of one disclosure (a 情况说明 and a
报表 PDF, a performance-target PDF beside the main one) are read, checked and stored as one;
several disclosures in one folder give several results.

Files from tests/data/real (provenance in its SOURCES.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from yusuan.api import parse_paths
from yusuan.jsonin import from_dict
from yusuan.model import Disclosure
from yusuan.recovery import TABLES_ELSEWHERE
from yusuan.store.database import open_engine
from yusuan.store.ingest import ingest
from yusuan.store.models import Document, DocumentFile, StoredDisclosure, StoredFinding

REAL = Path(__file__).resolve().parent / "data" / "real"
NARRATIVE = "2026-beijing-audit-bureau-dept-budget-narrative.pdf"
TABLES = "2026-beijing-audit-bureau-dept-budget-tables.pdf"
SUZHOU = "2026-suzhou-emergency-management-bureau-dept-budget.pdf"
GUANGZHOU = "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf"
GUANGZHOU_TARGETS = "2026-guangzhou-ecology-environment-bureau-overall-performance-targets.pdf"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Beijing's pair in a sub-folder under names that say nothing, Suzhou beside it."""
    root = tmp_path_factory.mktemp("disclosures")
    (root / "北京").mkdir()
    shutil.copy(REAL / TABLES, root / "北京" / "附件2.pdf")
    shutil.copy(REAL / NARRATIVE, root / "北京" / "附件1.pdf")
    shutil.copy(REAL / SUZHOU, root / SUZHOU)
    return root


class _GbkName(zipfile.ZipInfo):
    """A member named as Chinese Windows names it: GBK bytes, no UTF-8 flag."""

    __slots__ = ()

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's own name
        return self.filename.encode("gb18030"), self.flag_bits


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for member, name in members.items():
            archive.writestr(_GbkName(member), (REAL / name).read_bytes())
    with zipfile.ZipFile(path) as archive:  # written as such: the names are not UTF-8 flagged
        assert not any(info.flag_bits & 0x800 for info in archive.infolist())
    return path


def _by_unit(results: list[tuple[list[str], Disclosure | object]]) -> dict[str, tuple[list[str], Disclosure]]:
    out = {}
    for names, found in results:
        assert isinstance(found, Disclosure), found
        out[found.unit or ""] = ([Path(name).name for name in names], found)
    return out


def test_a_folder_gives_one_result_per_disclosure(folder: Path) -> None:
    found = _by_unit(parse_paths([folder]))
    assert set(found) == {"北京市审计局", "苏州市应急管理局"}
    names, beijing = found["北京市审计局"]
    assert sorted(names) == ["附件1.pdf", "附件2.pdf"]
    assert sorted(beijing.files) == ["附件1.pdf", "附件2.pdf"]
    assert beijing.statements and beijing.tables["T1"].present
    assert not any(problem.message == TABLES_ELSEWHERE for problem in beijing.problems)
    # 预算10表 from the tables file, 政府采购预算总额 from the narrative, checked together
    assert beijing.matters.procurement.total is not None and beijing.matters.running_cost is not None


def test_a_zip_with_gbk_names(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "公开.zip", {"广州/部门预算.pdf": GUANGZHOU, "广州/整体绩效目标.pdf": GUANGZHOU_TARGETS,
                                            "北京/情况说明.pdf": NARRATIVE, "北京/报表.pdf": TABLES})
    found = _by_unit(parse_paths([archive]))
    assert set(found) == {"北京市审计局", "广州市生态环境局"}
    assert sorted(found["广州市生态环境局"][0]) == ["整体绩效目标.pdf", "部门预算.pdf"]
    guangzhou = found["广州市生态环境局"][1]
    assert sorted(guangzhou.files) == ["整体绩效目标.pdf", "部门预算.pdf"] and guangzhou.tables["T1"].present
    assert sorted(found["北京市审计局"][0]) == ["情况说明.pdf", "报表.pdf"]


def test_cli_check_a_folder(folder: Path) -> None:
    run = [sys.executable, "-m", "yusuan.cli"]
    checked = subprocess.run([*run, "check", "--format", "json", str(folder)], capture_output=True, text=True)
    assert checked.returncode in (0, 1), checked.stderr
    files = sorted(item["file"] for item in json.loads(checked.stdout))
    assert files == [SUZHOU, "附件1.pdf ＋ 附件2.pdf"]
    # the pair checked as one: no finding that the tables are missing
    beijing = next(item for item in json.loads(checked.stdout) if "附件1" in item["file"])
    assert not any(finding["rule"] == "C.missing-table" and finding["table"] is None for finding in beijing["findings"])


def test_ingest_joins_a_disclosures_files(folder: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    report = ingest([folder], url)
    assert (report.stored, report.joined, report.failed) == (2, 1, [])
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        documents = {row.unit: row for row in connection.execute(select(Document))}
        assert set(documents) == {"北京市审计局", "苏州市应急管理局"}
        beijing = documents["北京市审计局"]
        files = connection.execute(select(DocumentFile.file_name, DocumentFile.pages)
                                   .where(DocumentFile.document_id == beijing.id)).all()
        assert sorted((Path(name).name, pages) for name, pages in files) == [("附件1.pdf", 10), ("附件2.pdf", 21)]
        assert beijing.pages == 31
        rules = set(connection.execute(select(StoredFinding.rule).where(StoredFinding.document_id == beijing.id))
                    .scalars())
        # Beijing's variant prints nine tables, all in 附件2: the narrative alone would miss them
        assert "C.missing-table" not in rules
        messages = connection.execute(select(StoredFinding.message).where(StoredFinding.document_id == beijing.id))
        assert not any("没有读到任何带数字的预算公开表" in message for message in messages.scalars())
        # the stored disclosure is the joined one: the narrative's statements and the tables' rows
        stored = from_dict(connection.execute(select(StoredDisclosure.content)
                                              .where(StoredDisclosure.document_id == beijing.id)).scalar_one())
        assert stored.statements and stored.tables["T1"].present
        assert stored.matters.procurement.total == Decimal("4988.729130")  # 预算10表 合计
    engine.dispose()
    again = ingest([folder], url)
    assert (again.stored, again.skipped, again.joined) == (0, 3, 0)
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        assert len(connection.execute(select(Document.id)).all()) == 2
        assert len(connection.execute(select(DocumentFile.sha256)).all()) == 3
    engine.dispose()


def test_ingest_a_zip_joins_the_performance_targets(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "广州.zip", {"部门预算.pdf": GUANGZHOU, "整体绩效目标.pdf": GUANGZHOU_TARGETS})
    url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    report = ingest([archive], url)
    assert (report.stored, report.joined, report.failed) == (1, 1, [])
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        names = sorted(connection.execute(select(DocumentFile.file_name)).scalars())
    engine.dispose()
    assert names == [f"{archive}/整体绩效目标.pdf", f"{archive}/部门预算.pdf"]


def test_a_narrative_stored_alone_joins_its_tables_ingested_later(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    (tmp_path / "一").mkdir()
    (tmp_path / "二").mkdir()
    shutil.copy(REAL / NARRATIVE, tmp_path / "一" / NARRATIVE)
    shutil.copy(REAL / TABLES, tmp_path / "二" / TABLES)
    first = ingest([tmp_path / "一"], url)
    assert (first.stored, first.joined) == (1, 0)  # the narrative alone: stored as it is
    second = ingest([tmp_path / "二"], url)
    assert (second.stored, second.joined) == (1, 1)
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        [document] = connection.execute(select(Document)).all()
        assert document.unit == "北京市审计局" and Path(document.file_name).name == TABLES
        names = sorted(Path(name).name for name in connection.execute(select(DocumentFile.file_name)).scalars())
        assert names == [NARRATIVE, TABLES]
        stored = from_dict(connection.execute(select(StoredDisclosure.content)).scalar_one())
        assert stored.statements and stored.tables["T1"].present
    engine.dispose()
