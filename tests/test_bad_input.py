"""Bad input gets a clear Chinese message and a non-zero exit, or everything readable plus a
list of what could not be read; never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS

CLI = [sys.executable, "-m", "yusuan.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    result = run("parse", str(empty))
    assert result.returncode == 2
    assert "文件为空" in result.stderr and "空.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_a_disclosure(tmp_path: Path) -> None:
    other = tmp_path / "通知.txt"
    other.write_text("关于召开年度工作会议的通知\n各科室：定于下周一召开会议。\n", encoding="utf-8")
    result = run("parse", str(other))
    assert result.returncode == 2
    assert "未识别为预算公开文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path / "没有.txt"))
    assert result.returncode == 2
    assert "文件不存在" in result.stderr


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "a.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run("parse", str(binary))
    assert result.returncode == 2
    assert "二进制" in result.stderr


def test_gbk_encoded_file_reads_like_utf8(tmp_path: Path) -> None:
    seed = SEEDS[0]
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    original = json.loads(run("parse", str(seed), "--json").stdout)
    converted = json.loads(run("parse", str(gbk), "--json").stdout)
    assert converted["tables"] == {
        key: {**table, "rows": [{**row, "source": {**row["source"], "file": "gbk.txt"}}
                                for row in table["rows"]]}
        for key, table in original["tables"].items()
    }
    assert converted["unit"] == original["unit"]


@pytest.mark.parametrize("fraction", [0.15, 0.25])
def test_truncated_file_keeps_what_was_read(tmp_path: Path, fraction: float) -> None:
    """A file cut short: the tables before the cut are read, the rest reported missing."""
    seed = SEEDS[0]
    text = seed.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: int(len(text) * fraction)], encoding="utf-8")
    result = run("parse", str(cut), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["unit"] and data["year"]
    present = [key for key, table in data["tables"].items() if table["present"]]
    missing = [key for key, table in data["tables"].items() if not table["present"]]
    assert present and missing
    assert data["tables"]["T1"]["rows"]
    assert any("不完整" in problem["message"] or "截断" in problem["message"] for problem in data["problems"])
    assert "未能完全读取" in result.stderr


def test_summary_is_chinese_and_names_the_unit() -> None:
    result = run("parse", str(SEEDS[0]))
    assert result.returncode == 0
    assert "克孜勒苏柯尔克孜自治州医疗保障局" in result.stdout
    assert "收支总体情况表" in result.stdout


def test_usage_errors_and_help_are_chinese() -> None:
    result = run("parse")
    assert result.returncode == 2
    assert "缺少参数" in result.stderr and "Traceback" not in result.stderr and "Error" not in result.stderr
    result = run("check", str(SEEDS[0]), "--format", "pdf")
    assert result.returncode == 2 and "取值 pdf 无效" in result.stderr
    help_text = run("check", "-h").stdout
    assert "用法：" in help_text and "选项" in help_text and "Usage" not in help_text
