"""Layout must not matter: the same document in other layouts gives the same disclosure."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.jsonout import to_dict
from yusuan.readers.text import extract_lines
from yusuan.recovery import recover

from . import reflow
from .conftest import SEEDS, parsed

TRANSFORMS = {
    "rewrap-40": lambda text: reflow.rewrap(text, 40),
    "rewrap-25": lambda text: reflow.rewrap(text, 25),
    "wrap-names": reflow.wrap_names,
    "split-numbers": reflow.split_numbers,
    "repeat-headers": reflow.repeat_headers,
    "all-at-once": lambda text: reflow.split_numbers(reflow.repeat_headers(reflow.wrap_names(
        reflow.rewrap(text, 30)))),
}


def _content(data: dict) -> dict:
    """The disclosure without where things stood (lines move when the layout changes)."""
    data = _placeless(data)
    data["problems"] = [problem["message"] for problem in data["problems"]]
    # a table kept as printed keeps its words; where its lines break moves with the layout
    data["extra_tables"] = [(table["title"], "".join("".join(line["text"].split()) for line in table["lines"]))
                            for table in data["extra_tables"]]
    return data


def _placeless(value: object) -> object:
    if isinstance(value, dict):
        return {key: _placeless(item) for key, item in value.items() if key != "source"}
    if isinstance(value, list):
        return [_placeless(item) for item in value]
    return value


def _figures(target: dict) -> tuple:
    return (target["kind"], target["project"], target["total"], target["fiscal"], target["other"], target["goal"],
            [indicator["weight"] for indicator in target["indicators"]])


def _reparse(seed: Path, text: str) -> dict:
    return to_dict(recover(extract_lines(text, seed.name)))


@pytest.mark.parametrize("transform", TRANSFORMS, ids=list(TRANSFORMS))
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_same_disclosure_in_another_layout(seed: Path, transform: str) -> None:
    text = seed.read_text(encoding="utf-8")
    changed = TRANSFORMS[transform](text)
    if "\t" not in text:  # a grid's rows keep their cells: the one-cell-per-line test below
        assert changed != text
    assert _content(_reparse(seed, changed)) == _content(to_dict(parsed(seed)))


TABBED = [seed for seed in SEEDS if "\t" in seed.read_text(encoding="utf-8")]


@pytest.mark.parametrize("seed", TABBED, ids=[seed.name[:3] for seed in TABBED])
def test_grid_lost_one_cell_per_line(seed: Path) -> None:
    """Tab-separated rows turned into one cell per line. Where the tabs alone told which
    column an amount sits in, the re-flowed text may not: there the cell must be marked
    uncertain, hold the same amounts in its row, and everything else must be the same."""
    text = seed.read_text(encoding="utf-8")
    flowed = _content(_reparse(seed, reflow.one_cell_per_line(text)))
    original = _content(to_dict(parsed(seed)))
    assert flowed.keys() == original.keys()
    for key in original:
        if key not in ("tables", "targets"):
            assert flowed[key] == original[key], key
    # a performance-target table without its grid keeps its funds, goal and weights; which cell
    # a word of an indicator stood in is the grid's to tell
    assert [_figures(target) for target in flowed["targets"]] == [_figures(t) for t in original["targets"]]
    for table_id, table in original["tables"].items():
        other = flowed["tables"][table_id]
        assert len(other["rows"]) == len(table["rows"]), table_id
        for mine, theirs in zip(table["rows"], other["rows"], strict=True):
            assert (mine["code"], mine["name"], mine.get("project")) == (
                theirs["code"], theirs["name"], theirs.get("project"))
            if theirs.get("uncertain"):
                assert sorted(mine["values"].values()) == sorted(theirs["values"].values())
                continue
            assert theirs["values"] == mine["values"], (table_id, mine["code"], mine["name"])
