"""Which stored unit a document belongs to (store/units.py), on the names real disclosures print
(the seeds, and the real PDFs in /work/shared/real as SOURCES.md lists them)."""

from __future__ import annotations

import pytest

from yusuan.store.units import DEPARTMENT, OWN, identify

from .conftest import SEEDS, parsed

UNIT, DEPT = "单位预算", "部门预算"


@pytest.mark.parametrize(("one", "other"), [
    # Shanghai files the same 单位预算 as 上海市审计局 and as 上海市审计局(本级)
    (("上海市审计局", UNIT), ("上海市审计局(本级)", UNIT)),
    (("泉州市人民政府办公室（本级）", UNIT), ("泉州市人民政府办公室(本级)", UNIT)),
    (("新疆维吾尔自治区医疗保障局本级", UNIT), ("新疆维吾尔自治区医疗保障局", UNIT)),
    (("西安市审计局（汇总）", DEPT), ("西安市审计局", DEPT)),
    (("中共重庆市委宣传部", DEPT), ("重庆市委宣传部", DEPT)),
    (("中国共产党重庆市委员会宣传部", DEPT), ("重庆市委员会宣传部", DEPT)),
    (("２０２６年 北京市审计局", DEPT), ("北京市审计局", DEPT)),
    (("克孜勒苏柯尔克孜自治州 医疗保障局", UNIT), ("克孜勒苏柯尔克孜自治州医疗保障局", UNIT)),
])
def test_the_same_unit_despite_its_printed_name(one: tuple[str, str], other: tuple[str, str]) -> None:
    assert identify(*one).key == identify(*other).key


@pytest.mark.parametrize(("one", "other"), [
    # Quanzhou publishes the department's budget and its own level's beside it
    (("泉州市人民政府办公室", DEPT), ("泉州市人民政府办公室（本级）", UNIT)),
    (("上海市审计局", DEPT), ("上海市审计局", UNIT)),
    (("北京市审计局", DEPT), ("北京市人民政府国有资产监督管理委员会", DEPT)),
    (("阿克陶县医疗保障局", UNIT), ("呼图壁县医疗保障局", UNIT)),
])
def test_different_units_kept_apart(one: tuple[str, str], other: tuple[str, str]) -> None:
    assert identify(*one).key != identify(*other).key


def test_scope_from_the_kind_or_the_name() -> None:
    assert identify("泉州市人民政府办公室", DEPT).scope == DEPARTMENT
    assert identify("泉州市人民政府办公室（本级）", UNIT).scope == OWN
    assert identify("上海钻石宝玉石交易联合管理办公室", UNIT).scope == OWN
    # Changchun prints a 部门预算 for its own level only: the name says which
    assert identify("长春市信访局（本级）", DEPT).scope == OWN
    assert identify("西安市卫生健康委员会（汇总）", None).scope == DEPARTMENT
    assert identify("首都绿化委员会办公室", None).scope is None
    assert identify("本级", UNIT).name == "本级"  # nothing but the word: kept as it is


def test_level_from_the_name_the_document_states_it_first() -> None:
    assert identify("中共重庆市委宣传部", DEPT).level == "省级"  # 中共 does not hide 重庆
    assert identify("克孜勒苏柯尔克孜自治州医疗保障局", UNIT).level == "地市级"
    assert identify("呼图壁县医疗保障局", UNIT).level == "县级"
    assert identify("库尔勒市医疗保障局", DEPT).level is None  # a 市 may be either
    assert identify("库尔勒市医疗保障局", DEPT, "县级").level == "县级"


def test_the_seeds_units() -> None:
    units = {seed.name[:3]: identify(parsed(seed).unit or "", parsed(seed).kind, parsed(seed).level)
             for seed in SEEDS}
    assert units["004"].name == "新疆维吾尔自治区医疗保障局" and units["004"].scope == OWN
    assert units["004"].level == "省级"
    assert units["003"].scope == DEPARTMENT and units["003"].name == "库尔勒市医疗保障局"
    assert len({unit.key for unit in units.values()}) == len(SEEDS)
