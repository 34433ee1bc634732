"""Killed midway and run again, an ingest leaves the corpus a single clean run leaves; the
corpus rule compares a unit's years whichever order they arrive in."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from yusuan.rules.corpus import LastYear
from yusuan.store.database import open_engine
from yusuan.store.ingest import ingest
from yusuan.store.models import Amount, Document
from yusuan.store.query import Corpus, Filter

from . import variants
from .conftest import SEEDS, parsed


def _documents(url: str) -> int:
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Document)).scalar_one()
    engine.dispose()
    return count


def _state(url: str) -> tuple[list[str], int, dict[tuple[str, str], int]]:
    corpus = Corpus(url)
    documents = sorted(corpus.documents()["sha256"])
    engine, _ = open_engine(url)
    with engine.connect() as connection:
        amounts = connection.execute(select(func.count()).select_from(Amount)).scalar_one()
    engine.dispose()
    findings = corpus.findings()
    return documents, amounts, dict(zip(zip(findings["rule"], findings["severity"], strict=True),
                                        findings["findings"], strict=True))


def test_killed_ingest_resumes_complete(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for variant in variants.variants(8):
        variants.write(variant, folder)
    command = [sys.executable, "-m", "yusuan.cli", "ingest", str(folder), "--db", db_url, "--batch", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _documents(db_url) >= 3:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be interrupted"
    interrupted = _documents(db_url)
    assert 3 <= interrupted < 8
    report = ingest([folder], db_url)
    assert report.stored == 8 - interrupted and report.skipped == interrupted
    clean = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    ingest([folder], clean)
    assert _state(db_url) == _state(clean)


def test_last_year_rule_on_documents() -> None:
    this = parsed(SEEDS[0])
    last = copy.deepcopy(this)
    last.year = this.year - 1
    stated = next(s for s in this.statements if s.name == "一般公共预算" and s.change is not None)
    row = next(r for r in last.tables["T1"].rows if r.name == "本年收入/一般公共预算拨款/一般财力")
    row.values["预算数"].value = stated.amount - stated.change  # last year as this year's text says
    assert list(LastYear().check(this)) == []  # no corpus, no check
    found = list(LastYear(lambda _: last).check(this))
    assert all(f.quote != stated.quote for f in found)
    basic = next(s for s in this.statements if s.name == "基本支出" and s.change)
    finding = next(f for f in found if f.quote == basic.quote)
    assert (finding.stated, finding.expected) == (basic.change, Decimal(0))  # T3 unchanged in `last`
    assert f"{last.year} 年预算公开中为 {basic.amount} 万元" in finding.message


def test_last_year_rule_in_the_corpus(db_url: str, tmp_path: Path) -> None:
    seed = SEEDS[0]
    unit, year = parsed(seed).unit or "", parsed(seed).year or 0
    # next year's budget written from the seed's, its stated change in 基本支出 wrong on purpose
    later = variants.Variant(seed, unit, year + 1, "地市级", first_year=year, planted=True)
    ingest([variants.write(later, tmp_path)], db_url)  # next year's first: nothing to compare with yet
    corpus = Corpus(db_url)
    assert "C.last-year" not in set(corpus.findings()["rule"])
    ingest([seed], db_url)  # its last year arrives: the later document is checked again
    found = corpus.findings(Filter(), rule="C.last-year")
    assert list(found["year"]) == [year + 1]  # every other change it states agrees with last year's
    assert abs(found["expected"][0] - found["stated"][0] - variants.PLANTED_CHANGE) <= Decimal("0.01")
    assert "基本支出" in found["message"][0]
    units = corpus.units()
    assert units[units["unit"] == unit]["years"].iloc[0] == [year, year + 1]
