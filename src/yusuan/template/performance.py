"""The performance-target table (绩效目标表), declared once: its indicator columns and levels.

Read by the recovery (to place each cell of an indicator row), by the rules (weights, units) and
by whatever writes the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndicatorColumn:
    field: str  # the Indicator attribute the column fills
    label: str  # as the national template prints it
    aliases: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        return text == self.label or text in self.aliases


INDICATOR_COLUMNS: tuple[IndicatorColumn, ...] = (
    IndicatorColumn("level1", "一级指标"),
    IndicatorColumn("level2", "二级指标"),
    IndicatorColumn("name", "三级指标", ("指标名称", "绩效指标名称")),
    IndicatorColumn("value", "指标值", ("目标值", "本年绩效指标值", "年度指标值")),
    IndicatorColumn("basis", "指标值设置依据", ("指标值设定依据", "指标设定依据", "指标设置依据", "设置依据")),
    IndicatorColumn("last_year", "上年完成值", ("上年完成情况", "上年实际完成值", "上年指标值")),
    IndicatorColumn("weight", "指标分值权重", ("分值权重", "指标分值", "权重", "分值", "指标权重", "指标权重(%)")),
    IndicatorColumn("rule", "指标赋分规则", ("赋分规则", "评分标准")),
    IndicatorColumn("evidence", "佐证资料", ("佐证材料",)),
)

# columns some provinces print beside the national template's, read into the indicator's value
# (重庆: 指标名称 | 指标性质 ≥ | 指标值 4 | 计量单位 次 | 指标权重(%) | 是否核心); never written
PRINTED_COLUMNS: tuple[IndicatorColumn, ...] = (
    IndicatorColumn("operator", "指标性质", ("绩效指标性质",)),
    IndicatorColumn("unit", "计量单位", ("度量单位", "绩效度量单位")),
)

# 一级指标 and the 二级指标 under each, as 财预〔2020〕10号 lists them
LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标", "满意度指标"),
}

# the indicators of a project table weigh 90 in all, or 100 where the table itself lists the
# 10 of 预算执行率 (财预〔2020〕10号: 预算执行率 10 分, 其他指标 90 分)
WEIGHT_TOTALS = (90, 100)
EXECUTION_RATE = "预算执行率"
