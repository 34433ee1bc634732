"""A 项目支出绩效目标表 listing every project with its indicators (北京 预算表12): one target per
project, its merged cells (name, funds, goal) beside its indicator rows, read from the ruled grid.

Every expected figure was read off the rendered pages by hand, never copied from the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.model import Disclosure, PerformanceTarget
from yusuan.rules import check

D = Decimal
Reader = Callable[..., Disclosure]
AUDIT = "2026-beijing-audit-bureau-dept-budget-tables.pdf"
GREENING = "2026-beijing-capital-greening-office-dept-budget-tables.pdf"


def _project(document: Disclosure, ending: str) -> PerformanceTarget:
    return next(target for target in document.targets if (target.project or "").endswith(ending))


def test_each_project_is_one_target_with_its_indicators(real_pdf: Reader) -> None:
    """北京市审计局 预算表12 (pp.12–19) lists 17 projects. The first (p.12): 11000022T0000004602 /
    16-《北京审计》杂志办刊经费, 项目总额 and 财政资金 17.398000, 7 indicators, among them 每期印刷数量
    ＝ 900 册 and 印刷刊物成本 ≤ 12.798 万元. 项目及手续费等支出 (p.16) is paid from 其他资金 only."""
    document = real_pdf(AUDIT)
    projects = [target for target in document.targets if target.kind == "project"]
    assert len(projects) == 17
    journal = projects[0]
    assert journal.project == "11000022T000000460216-《北京审计》杂志办刊经费"
    assert (journal.total, journal.fiscal, journal.other) == (D("17.398000"), D("17.398000"), None)
    assert len(journal.indicators) == 7
    copies = next(i for i in journal.indicators if i.name == "每期印刷数量")
    assert (copies.level1, copies.level2, copies.operator, copies.target, copies.unit) == (
        "产出指标", "数量指标", "=", D(900), "册")
    cost = next(i for i in journal.indicators if i.name == "印刷刊物成本")
    assert (cost.operator, cost.target, cost.unit) == ("<=", D("12.798"), "万元")
    fees = _project(document, "项目及手续费等支出")
    assert (fees.total, fees.fiscal, fees.other) == (D("50.117193"), None, D("50.117193"))
    # the table's rows are its projects, not its printed lines
    table = next(extra for extra in document.extra_tables if extra.concept == "project_targets")
    assert [row.name for row in table.rows] == [target.project for target in projects]
    assert table.rows[0].values["合计"].value == D("17.398000")


def test_a_project_split_by_a_page_break_keeps_its_rows(real_pdf: Reader) -> None:
    """内部审计指导监督经费 (61.800000) begins on p.16 and ends on p.17 with 培训人员满意度 ≥ 95%;
    the next row, 使用单位满意度 ≥ 90%, opens 公务用车更新经费 (37.380000), whose cell starts there."""
    document = real_pdf(AUDIT)
    guidance = _project(document, "内部审计指导监督经费")
    assert guidance.total == D("61.800000")
    names = [indicator.name for indicator in guidance.indicators]
    assert names[-1] == "培训人员满意度" and guidance.indicators[-1].source.page == 17
    cars = _project(document, "公务用车更新经费")
    assert cars.total == D("37.380000")
    assert cars.indicators[0].name == "使用单位满意度"


def test_a_project_printed_again_on_each_page_is_one(real_pdf: Reader) -> None:
    """首都绿化办 prints the title on every page: 重大义务植树活动保障经费 (600.000000) fills p.17 and
    goes on over p.18, its name and funds printed again there. It is one project."""
    document = real_pdf(GREENING)
    same = [t for t in document.targets if (t.project or "").endswith("重大义务植树活动保障经费")]
    assert len(same) == 1
    assert same[0].total == D("600.000000")
    assert {indicator.source.page for indicator in same[0].indicators} == {17, 18}
    assert len([t for t in document.targets if t.kind == "project"]) == 15


def test_descriptions_in_brackets_and_goals_the_indicators_share_are_not_findings(real_pdf: Reader) -> None:
    """栾树胸径：10--12cm（全冠，土球苗） ＝ 50 株 names no unit in its bracket; the 小园丁 project's
    goal speaks of 学生 and 校园 as its indicators do (校园微花园建设), so it is not copied."""
    found = [f for f in check(real_pdf(GREENING)) if f.rule.startswith("P.")]
    assert found == []


GUANGZHOU_TARGETS = "2026-guangzhou-ecology-environment-bureau-project-performance-targets.pdf"


def test_one_row_a_project_with_its_indicators_written_out(real_pdf: Reader) -> None:
    """广州 项目支出绩效目标表 (140 pages): one row a project, its indicators written out in one cell.
    p.1: 合计 37,367.86 and the unit's subtotal 广州市生态环境局 12,887.86 are no projects; the first
    project, 广州市镇（街）园区环保监督检查员经费（越秀区）, has 总计 and 财政拨款 238.00 and six
    indicators, among them 2－效益指标，22－社会效益，环保信访投诉办结率, 年度指标值 ≥90%."""
    document = real_pdf(GUANGZHOU_TARGETS)
    projects = [target for target in document.targets if target.kind == "project"]
    assert len(projects) > 250
    first = projects[0]
    assert first.project == "广州市镇（街）园区环保监督检查员经费（越秀区）"
    assert (first.total, first.fiscal, first.other, first.source.page) == (D("238.00"), D("238.00"), None, 1)
    assert first.goal is not None and first.goal.startswith("通过开展广州市建立镇（街）园区环境保护监督检查员队伍")
    assert len(first.indicators) == 6
    complaints = next(i for i in first.indicators if i.name == "环保信访投诉办结率")
    assert (complaints.level1, complaints.level2, complaints.operator, complaints.target, complaints.unit) == (
        "效益指标", "社会效益", ">=", D(90), "%")
    assert not [t for t in projects if t.project in ("合计：", "广州市生态环境局")]
    assert all(target.indicators for target in projects)


def test_a_grid_of_indicators_with_sign_and_unit_in_cells_of_their_own(real_pdf: Reader) -> None:
    """重庆 表十 2026年部门整体绩效目标表 (p.22): 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%),
    no 一级/二级指标 columns. 市政府门户网站优化整改次数 ≥ 4 次, weight 10; 人大代表建议和政协提案办理率
    ＝ 100 %, weight 10; the ten weights add up to 100."""
    document = real_pdf("2026-chongqing-government-general-office-dept-budget.pdf")
    unit = next(target for target in document.targets if target.kind == "unit")
    assert unit.indicators_complete and len(unit.indicators) == 10
    first = unit.indicators[0]
    assert (first.name, first.operator, first.target, first.unit, first.weight) == (
        "市政府门户网站优化整改次数", ">=", D(4), "次", D(10))
    motions = next(i for i in unit.indicators if i.name == "人大代表建议和政协提案办理率")
    assert (motions.operator, motions.target, motions.unit, motions.weight) == ("=", D(100), "%", D(10))
    assert sum(indicator.weight or 0 for indicator in unit.indicators) == 100


def test_a_list_of_projects_without_indicator_levels(real_pdf: Reader) -> None:
    """重庆 表十二 市级一般性项目绩效目标表 (p.24): 序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 |
    指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%). One project, 市政府办公厅业务及日常运行项目,
    8,534.17, with 11 indicators whose weights add up to 100, 年度预算执行率 ＝100% among them (10)."""
    document = real_pdf("2026-chongqing-government-general-office-dept-budget.pdf")
    project = _project(document, "市政府办公厅业务及日常运行项目")
    assert project.total == D("8534.17")
    assert project.goal is not None and project.goal.startswith("完成各项业务工作")
    assert len(project.indicators) == 11 and sum(i.weight or 0 for i in project.indicators) == 100
    rate = next(i for i in project.indicators if i.name == "年度预算执行率")
    assert (rate.target, rate.unit, rate.weight) == (D(100), "%", D(10))
    assert not [f for f in check(document) if f.rule.startswith("P.")]


def test_the_header_names_the_value_among_explanations(real_pdf: Reader) -> None:
    """长春 预算表11 (p.16): 单位名称 | 项目名称 | 年度资金总额 | 年度绩效目标 | 一级 | 二级 | 三级指标 |
    指标解释 | 指标值 | 权重. 2026年信访专项经费, 30.00: 专家评审 >=2次 (40), 信访信息系统运维成本
    <=17万元 (20); its four weights add up to 90. The explanation is no part of the value."""
    document = real_pdf("2026-changchun-petitions-bureau-dept-budget.pdf")
    project = _project(document, "2026年信访专项经费")
    assert project.total == D("30.00")
    review = next(i for i in project.indicators if i.name == "专家评审")
    assert (review.value, review.operator, review.target, review.unit, review.weight) == (
        ">=2次", ">=", D(2), "次", D(40))
    cost = next(i for i in project.indicators if i.name == "信访信息系统运维成本")
    assert (cost.target, cost.unit, cost.weight) == (D(17), "万元", D(20))
    assert sum(i.weight or 0 for i in project.indicators) == 90


def test_a_form_named_by_its_title_with_levels_merged_over_rows(real_pdf: Reader) -> None:
    """泉州 (p.29): 市级机关保留公务用车委托管理费项目绩效目标表, the project named by the title; 资金总额
    1778.31, 财政拨款 1778.31, 其他资金 0.00. 产出指标 is printed once, across 时效/数量/质量指标:
    目标完成率 ≥90% is an 产出指标, though its row stands above the word. No weights are printed."""
    document = real_pdf("2026-quanzhou-government-office-dept-budget.pdf")
    project = _project(document, "市级机关保留公务用车委托管理费项目")
    assert (project.total, project.fiscal, project.other) == (D("1778.31"), D("1778.31"), D("0.00"))
    assert project.goal is not None and project.goal.startswith("优化平台驾驶员")
    assert project.indicators_complete and len(project.indicators) == 6
    timely = next(i for i in project.indicators if i.name == "目标完成率")
    assert (timely.level1, timely.level2, timely.operator, timely.target) == ("产出指标", "时效指标", ">=", D(90))
    assert [i.level1 for i in project.indicators].count("产出指标") == 3


def test_targets_read_with_their_tables_raise_no_false_alarm(real_pdf: Reader) -> None:
    """广州's tables with its 297 projects' targets: 机动车污染防治工作经费's goal speaks of 公路, 客运
    and 道路 (where the vehicles it checks run) beside 污染 and 排放, the bureau's own field; it
    is the bureau's own work, not a goal copied from a transport unit."""
    document = real_pdf(GUANGZHOU_TARGETS, "2026-guangzhou-ecology-environment-bureau-dept-budget.pdf")
    vehicles = _project(document, "机动车污染防治工作经费")
    assert vehicles.goal is not None and "道路" in vehicles.goal and "排放" in vehicles.goal
    assert not [f for f in check(document) if f.rule.startswith("P.")]
