"""`yusuan parse` as a user runs it, and the JSON it writes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from yusuan.template.evaluate import breaches

from .conftest import ROOT, SEEDS, parsed

SCHEMA = json.loads((ROOT / "schema" / "disclosure.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_json_follows_the_schema(seed: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "yusuan.cli", "parse", str(seed), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert list(data["tables"]) == [f"T{n}" for n in range(1, 12)]
    for table in data["tables"].values():
        for row in table["rows"]:
            for text in row["values"].values():
                assert re.fullmatch(r"-?\d+(\.\d+)?", text)


# The mistakes the documents themselves make in their tables, found by reading them; every
# other identity of the template must hold in what was recovered.
DOCUMENT_MISTAKES = {
    "002": {
        ("row-sum", "T3", "210", "合计"),  # 合计 375.41 printed equal to 基本支出 though 项目支出 is 11.25
        ("row-sum", "T3", "21015", "合计"),  # the same one row down: 326.52 = 326.52 + 11.25
        ("tree", "T3", None, "基本支出"),  # 基本支出 516.07 while its 类 rows add to 527.32
        ("tree", "T3", "21015", "项目支出"),  # the same error, seen from the 项 rows
        ("tree", "T6", None, "人员经费"),  # 合计 row prints 350.57 twice; 人员经费 rows add to 341.34
        ("tree", "T6", None, "公用经费"),  # … and 公用经费 rows to 9.23
        ("tree", "T6", "303", "合计"),  # 303 prints 3.66; its 款 rows add to 5.26
        ("tree", "T6", "303", "人员经费"),
    },
}


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_identities_hold_except_where_the_document_is_wrong(seed: Path) -> None:
    found = {
        (breach.identity, breach.table, breach.row.code if breach.row else None, breach.column)
        for breach in breaches(parsed(seed))
    }
    assert found == DOCUMENT_MISTAKES.get(seed.name[:3], set())


def test_no_code_path_knows_a_seed() -> None:
    """Generality: nothing in the package names a seed file, unit or place."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "src").rglob("*.py"))
    for seed in SEEDS:
        assert seed.stem not in source
    for word in ("医疗保障局", "克孜勒苏", "阿克陶", "呼图壁", "库尔勒", "新疆"):
        assert word not in source
