"""The disclosure JSON read back: the exact inverse of what `yusuan parse --json` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yusuan.errors import UnreadableError
from yusuan.jsonin import from_dict, load
from yusuan.jsonout import to_dict

from .conftest import SEEDS, parsed


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_from_dict_inverts_to_dict(seed: Path) -> None:
    data = to_dict(parsed(seed))
    again = to_dict(from_dict(json.loads(json.dumps(data, ensure_ascii=False))))
    assert again == data


def test_amounts_stay_exact_decimals() -> None:
    data = to_dict(parsed(SEEDS[0]))
    disclosure = from_dict(data)
    total = disclosure.tables["T1"].total("income")
    assert total is not None and str(total.values["预算数"].value) == "1048.38"
    assert disclosure.tables["T3"].rows[0].source.line  # where it came from is kept


@pytest.mark.parametrize(("text", "message"), [
    ("[1, 2]", "顶层应是一个对象"),
    ("{\"tables\": {\"T12\": {}}}", "没有编号为“T12”的表"),
    ('{"tables": {"T3": {"rows": [{"kind": "class", "values": {"合计": 12.5}}]}}}', "字符串形式的十进制数"),
    ("{\"year\": ", "JSON 格式错误"),
])
def test_bad_json_is_refused_in_chinese(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "数据.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableError) as error:
        load(path)
    assert message in error.value.message and error.value.file == "数据.json"
