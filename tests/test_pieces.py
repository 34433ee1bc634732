"""The small pure pieces the recovery is built from, on the shapes extractors really produce."""

from __future__ import annotations

import pytest

from yusuan.model import Source
from yusuan.readers.base import TextLine, Word
from yusuan.recovery.overview import chinese_number, government_level
from yusuan.recovery.tokens import precision, tokenize
from yusuan.text import fold, join_fragments


def lines(*texts: str) -> list[TextLine]:
    return [TextLine([Word(word, Source(line=n)) for word in text.split()], Source(line=n))
            for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("110.1", "0"), ["110.10"]),  # a two-decimal number wrapped after one decimal
        (("149.2", "4", "5.00"), ["149.24", "5.00"]),
        (("110.", "10"), ["110.10"]),
        (("25180591 .33",), ["25180591.33"]),  # decimals on another baseline
        (("1,0", "48.38"), ["1,048.38"]),
        (("165.5 212",), ["165.5", "212"]),  # a code after a one-decimal amount stays a code
        (("75.5 11.25",), ["75.5", "11.25"]),
    ],
)
def test_numbers_split_by_a_wrap_are_joined(texts: tuple[str, ...], expected: list[str]) -> None:
    body = lines(*texts, "1.00 2.00 3.00")  # the table's precision: two decimals
    tokens = [token.text for token in tokenize(body, precision(body))]
    assert tokens[: len(expected)] == expected


@pytest.mark.parametrize(
    ("word", "code", "name"),
    [("201一般公共服务支出", "201", "一般公共服务支出"), ("[2010301]行政运行", "2010301", "行政运行"),
     ("2010801-行政运行", "2010801", "行政运行")],
)
def test_a_code_printed_against_its_name_is_split(word: str, code: str, name: str) -> None:
    tokens = tokenize(lines(word), 2)
    assert [(t.kind, t.text) for t in tokens] == [("int", code), ("text", name)]


def test_a_year_is_not_a_code() -> None:
    assert [t.kind for t in tokenize(lines("2024年中央财政补助"), 2)] == ["text"]


@pytest.mark.parametrize(
    ("unit", "level"),
    [
        ("新疆维吾尔自治区医疗保障局本级", "省级"),
        ("克孜勒苏柯尔克孜自治州医疗保障局", "地市级"),
        ("阿克陶县医疗保障局", "县级"),
        ("北京市审计局", "省级"),
        ("北京市朝阳区财政局", "县级"),
        ("广州市生态环境局", None),  # a 市 may be 地级 or 县级: the name does not say
        ("浙江省湖州市财政局", None),
        ("上海市市场监督管理局", "省级"),
    ],
)
def test_government_level_from_the_units_name(unit: str, level: str | None) -> None:
    assert government_level(unit) == level


@pytest.mark.parametrize(("text", "value"), [("7", 7), ("六", 6), ("十", 10), ("十一", 11), ("二十三", 23)])
def test_chinese_numbers(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_fragments_join_without_the_spaces_extractors_insert() -> None:
    assert join_fragments(["2024 年中央财政医疗服", "务与保障能力提升"]) == "2024年中央财政医疗服务与保障能力提升"
    assert join_fragments(["Excel 2007", "表格"]) == "Excel 2007表格"
    # justified text spaces a number's decimals from its point; a producer sets them apart
    assert join_fragments(["收入预算 656. 73 万元"]) == "收入预算656.73万元"
    assert join_fragments(["25180591 .33"]) == "25180591.33"
    assert fold("收 入 总 计") == "收入总计"
