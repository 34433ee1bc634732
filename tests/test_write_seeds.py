"""Every seed written to every format, from its data as read and from its data corrected
(tests/data/corrections), each document written once per session and read back through yusuan's
own readers (the workbook directly):

- the tables read back are the data's, row for row and figure for figure;
- from the corrected data the check finds nothing;
- from the data as read it finds exactly the seed's own mistakes, where the written document still
  carries them: the tables, names and codes, performance targets and the projects' particulars are
  the data's, so their mistakes are found again at the same table, row, column and quote; Part 3 is
  worded anew by the writer, every figure computed from the tables, so a mistake in the seed's own
  wording of it (a wrong amount, year or sum, a placeholder left in) has no place to be, unless the
  writer carries the sentence it quotes; and an absent table is written empty with its note."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.api import parse
from yusuan.model import Disclosure, PerformanceTarget
from yusuan.rules import Finding, check
from yusuan.template import TABLES
from yusuan.text import fold
from yusuan.writing import complete, inputs_of, write
from yusuan.writing.blocks import Heading, Paragraph
from yusuan.writing.narrative import part3

from .conftest import SEEDS, parsed
from .writing_support import corrected_data, corrections, data_of, expected_findings, finding_keys, rows_of

FORMATS = (".pdf", ".docx", ".html", ".xlsx")
_SEED_IDS = [seed.name[:3] for seed in SEEDS]


class Written:
    """Each (seed, corrected) written to every format once, and read back once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[tuple[Path, bool], tuple[Disclosure, dict[str, Disclosure]]] = {}

    def __call__(self, seed: Path, corrected: bool) -> tuple[Disclosure, dict[str, Disclosure]]:
        if (seed, corrected) not in self.cache:
            data = corrected_data(seed) if corrected else data_of(seed)
            out = self.root / ("corrected" if corrected else "as-read") / seed.stem
            out.mkdir(parents=True)
            back: dict[str, Disclosure] = {}
            for suffix in FORMATS:
                path = out / f"公开{suffix}"
                write(data, path, charts=False)
                back[suffix] = _read_back(path)
            self.cache[seed, corrected] = data, back
        return self.cache[seed, corrected]


def _read_back(path: Path) -> Disclosure:
    if path.suffix == ".xlsx":  # the filled workbook is the writer's input again
        from yusuan.writing.workbook_read import read_workbook

        disclosure, _ = read_workbook(path)
        return disclosure
    return parse(path)


def _target(target: PerformanceTarget) -> tuple[object, ...]:
    return (target.kind, target.project, target.total, target.fiscal, target.other, target.goal,
            [(i.level1, i.level2, i.name, i.value, i.basis, i.last_year, i.weight, i.rule, i.evidence)
             for i in target.indicators])


def _staffing(disclosure: Disclosure) -> tuple[object, ...]:
    staffing = disclosure.overview.staffing
    return staffing.authorized, staffing.actual, staffing.active, staffing.retired, staffing.veteran_retired


def _findings(back: Disclosure, suffix: str) -> list[Finding]:
    if suffix == ".xlsx":  # a workbook has no Part 3: what writing it would give
        from yusuan.cli_write import data_findings

        return data_findings(back, inputs_of(back))
    return check(back)


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    return Written(tmp_path_factory.mktemp("written"))


def _keys(findings: list[Finding]) -> list[tuple[object, ...]]:
    """A finding's place as a user finds it: rule, table, row, column, the figures and the quote."""
    return sorted((*finding_keys([f])[0], fold(f.quote or "")) for f in findings)


def carried(seed: Path, data: Disclosure) -> list[Finding]:
    """The seed's own findings that a document written from its data still has (module docstring)."""
    written = complete(data)
    wording = fold("".join(block.text for block in part3(written, inputs_of(data))
                           if isinstance(block, Heading | Paragraph)))
    out = []
    for finding in check(parsed(seed)):
        if finding.rule == "C.missing-table" and written.tables[finding.table or ""].present:
            continue  # written, empty with its note
        if finding.section not in (None, "绩效目标表") and fold(finding.quote or "") not in wording:
            continue  # a sentence of Part 3 the writer words anew
        out.append(finding)
    return out


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=_SEED_IDS)
def test_written_document_reads_back_as_its_data(written: Written, seed: Path, suffix: str) -> None:
    data, back = written(seed, corrected=False)
    document = back[suffix]
    assert (document.unit, document.year, document.kind) == (data.unit, data.year, data.kind)
    assert [_staffing(d) for d in (document, data)] == [_staffing(data)] * 2
    assert document.overview.offices == data.overview.offices
    for spec in TABLES:
        assert rows_of(document, spec.id) == rows_of(data, spec.id), spec.id
    targets = [_target(t) for t in document.targets], [_target(t) for t in data.targets]
    assert targets[0] == targets[1]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=_SEED_IDS)
def test_written_from_data_as_read_has_the_seeds_own_findings(written: Written, seed: Path, suffix: str) -> None:
    data, back = written(seed, corrected=False)
    found = _findings(back[suffix], suffix)
    assert _keys(found) == _keys(carried(seed, data))
    assert finding_keys(found) == expected_findings(data)  # and what `yusuan write` listed before writing
    if suffix != ".xlsx":  # Part 3 restates the tables and is computed from them
        assert len(back[suffix].statements) > 20
        assert [f for f in found if f.rule in ("N.amount", "N.share", "N.growth", "N.project-scale")] == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=_SEED_IDS)
def test_written_from_corrected_data_has_no_finding(written: Written, seed: Path, suffix: str) -> None:
    _, back = written(seed, corrected=True)
    assert _findings(back[suffix], suffix) == []


@pytest.mark.parametrize("seed", SEEDS, ids=_SEED_IDS)
def test_each_correction_is_reasoned_and_changes_a_value(seed: Path) -> None:
    listed = corrections(seed)
    assert listed
    for correction in listed:
        assert correction["path"].startswith("/") and correction.get("was") != correction["value"]
        reason = correction["reason"]
        assert reason.strip() == reason and "\n" not in reason and any("\u4e00" <= c <= "\u9fff" for c in reason)


def test_seed_000_corrected_as_data_is_its_text_corrected() -> None:
    """tests/test_rules.py corrects 000 in its text (to inject mistakes into a consistent document);
    the data's corrections must say the same: the tables and targets read from one are the other's."""
    from yusuan.jsonout import to_dict
    from yusuan.readers.text import extract_lines
    from yusuan.recovery import recover

    from .test_rules import CONSISTENT, consistent_text

    def without_sources(value: object) -> object:
        if isinstance(value, dict):
            return {k: without_sources(v) for k, v in value.items() if k not in ("source", "printed")}
        return [without_sources(v) for v in value] if isinstance(value, list) else value

    from_text = to_dict(recover(extract_lines(consistent_text(), CONSISTENT.name)))
    from_data = to_dict(corrected_data(CONSISTENT))
    for part in ("tables", "targets", "projects", "assets", "overview"):
        assert without_sources(from_data[part]) == without_sources(from_text[part]), part
