"""The disclosure as everything in yusuan sees it: read, checked, stored and written alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True, frozen=True)
class Source:
    """Where a value came from, so that a finding can point at the very place."""

    file: str | None = None
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points


@dataclass(slots=True)
class Amount:
    """A published figure: its exact value, the text printed and where it stands."""

    value: Decimal
    text: str
    source: Source
    uncertain: bool = False  # the text alone could not settle which column it sits in

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(slots=True)
class Row:
    """One row of a table: a classification code line, a project, a ledger line or a total."""

    kind: str  # 'total' | 'unit' | 'class' | 'item' | 'project' | 'line'
    name: str | None
    values: dict[str, Amount] = field(default_factory=dict)
    code: str | None = None  # the code's digits concatenated: 2101501
    project: str | None = None  # T7/T11: the project's own name
    side: str | None = None  # T1/T4: 'income' | 'expense'
    unit: str | None = None  # department documents: the subordinate unit the row belongs to
    source: Source = field(default_factory=Source)

    def value(self, column: str) -> Decimal:
        amount = self.values.get(column)
        return amount.value if amount is not None else Decimal(0)


@dataclass(slots=True)
class Table:
    id: str  # 'T1' … 'T11'
    present: bool = False
    title: str | None = None  # as printed
    note: str | None = None  # the explanation an empty table carries
    money_unit: str = "万元"
    places: int | None = None  # the decimals its amounts are printed with (None: not read)
    rows: list[Row] = field(default_factory=list)
    source: Source | None = None
    # whether its header shows the template's columns; if not, its amounts stand where they were
    # printed but which column each belongs to is a guess, and no identity is checked on them
    columns_known: bool = True
    # where the header differs from the template's but every amount stands under a printed header
    # cell (kept under that cell's label): the sums the header states, total → its terms, which
    # are checked instead of the template's (None: amounts not placed by a printed header)
    header_sums: dict[str, list[str]] | None = None

    @property
    def readable(self) -> bool:
        """Present, with columns known: its figures can be checked."""
        return self.present and self.columns_known

    def total(self, side: str | None = None) -> Row | None:
        for row in self.rows:
            if row.kind == "total" and (side is None or row.side == side):
                return row
        return None


@dataclass(slots=True)
class Count:
    """A staffing figure with its change over last year as the document states it."""

    value: int
    change: int | None = None


@dataclass(slots=True)
class Staffing:
    authorized: int | None = None  # 编制数
    actual: int | None = None  # 实有人数
    active: Count | None = None  # 在职
    retired: Count | None = None  # 退休
    veteran_retired: Count | None = None  # 离休
    source: Source | None = None


@dataclass(slots=True)
class Overview:
    """Part 1 概况."""

    functions: str | None = None  # 主要职能
    subordinate_units: str | None = None  # as stated: 无下属预算单位, or the list
    offices: list[str] = field(default_factory=list)  # internal offices (科室/处室)
    offices_stated: int | None = None  # 下设 N 个科室
    staffing: Staffing = field(default_factory=Staffing)


@dataclass(slots=True)
class Statement:
    """A figure Part 3 states: an amount, its share of a whole, its change on last year."""

    section: str  # the numbered section it stands in, as printed (and its run-in part: 三、… （一）收入预算)
    name: str  # what the amount is of, as the sentence names it
    amount: Decimal
    share: Decimal | None = None  # 占 S%
    change: Decimal | None = None  # 比上年预算增加 (+) / 减少 (−) D 万元
    growth: Decimal | None = None  # 增长 (+) / 下降 (−) G%
    quote: str = ""
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class ProjectStatement:
    """A project as Part 3 describes it: 项目名称, 设立的政策依据, 预算安排规模, 资金分配情况 …"""

    name: str
    fields: dict[str, str] = field(default_factory=dict)  # every labelled field, as printed
    scale: Decimal | None = None  # 预算安排规模, 万元
    # 资金分配情况: every (what, 万元) it names in order, a 共计 among them
    distribution: list[tuple[str, Decimal]] = field(default_factory=list)
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Asset:
    """A line of 国有资产占有使用情况: a kind with its count and value (万元)."""

    kind: str  # 房屋, 车辆, 一般公务用车, 办公家具 …
    count: Decimal | None = None
    measure: str | None = None  # what the count counts: 辆, 平方米, 台
    value: Decimal | None = None
    quote: str = ""
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Indicator:
    """One indicator row of a 绩效目标表, each cell as printed (template/performance.py)."""

    level1: str | None = None  # 一级指标: 产出指标, 成本指标, 效益指标, 满意度指标
    level2: str | None = None  # 二级指标: 数量指标 …
    name: str | None = None  # 三级指标
    value: str | None = None  # 指标值 as printed: ≥95%, 提升
    operator: str | None = None  # >=, <=, =, >, < (≥ and ≤ written the ASCII way)
    target: Decimal | None = None  # the number of the value, when it has one
    unit: str | None = None  # what follows the number: %, 万元, 人 …
    basis: str | None = None  # 指标值设置依据
    last_year: str | None = None  # 上年完成值
    weight: Decimal | None = None  # 指标分值权重
    rule: str | None = None  # 指标赋分规则
    evidence: str | None = None  # 佐证资料
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class PerformanceTarget:
    """A 绩效目标表: whose targets (a project, or the unit as a whole) and with what funds."""

    kind: str  # 'project' | 'unit'
    project: str | None = None
    total: Decimal | None = None  # 年度预算总额
    fiscal: Decimal | None = None  # 其中：财政拨款
    other: Decimal | None = None  # 其他资金
    goal: str | None = None  # 项目总体目标 / 年度绩效目标
    indicators: list[Indicator] = field(default_factory=list)
    # whether every indicator's cells were placed (a grid, or rows the weights delimit)
    indicators_complete: bool = False
    source: Source = field(default_factory=Source)
    lines: list[tuple[str, Source]] = field(default_factory=list)  # the table as printed, line by line


@dataclass(slots=True)
class ExtraTable:
    """A table the template lacks (政府采购预算明细表, 政府购买服务, 绩效目标表 …): its title and
    every line after it up to the next table as printed; where template/extras.py knows its
    concept, the figures it declares and the table's rows (first amount of each, as 合计)."""

    title: str
    lines: list[tuple[str, Source]] = field(default_factory=list)
    source: Source | None = None
    concept: str | None = None  # template/extras.py: 'procurement' | 'running' | 'three_public' …
    money_unit: str = "万元"
    places: int | None = None
    figures: dict[str, Amount] = field(default_factory=dict)  # the concept's figures: 合计, 货物 …
    rows: list[Row] = field(default_factory=list)  # 'total' | 'unit' (a subordinate unit) | 'class' | 'line'


@dataclass(slots=True)
class Procurement:
    """政府采购预算 (万元): its total, its parts by kind, and the part reserved for small firms."""

    total: Decimal | None = None
    goods: Decimal | None = None  # 货物
    works: Decimal | None = None  # 工程
    services: Decimal | None = None  # 服务
    reserved: Decimal | None = None  # 面向中小企业预留
    source: Source | None = None


@dataclass(slots=True)
class Matters:
    """Other matters a disclosure states (其他重要事项), in 万元: from the table that carries each
    where the document prints one, else from the narrative."""

    running_cost: Decimal | None = None  # 机关运行经费
    procurement: Procurement = field(default_factory=Procurement)
    meetings: Decimal | None = None  # 会议费
    training: Decimal | None = None  # 培训费
    source: Source | None = None  # where the running cost was read


@dataclass(slots=True)
class Problem:
    """Something the reader could not read; the rest of the document is still returned."""

    message: str  # in Chinese, for the user
    source: Source | None = None
    table: str | None = None


@dataclass(slots=True)
class Disclosure:
    unit: str | None = None
    year: int | None = None
    kind: str | None = None  # '单位预算' | '部门预算'
    level: str | None = None  # 省级 / 地市级 / 县级, where the document states it
    overview: Overview = field(default_factory=Overview)
    tables: dict[str, Table] = field(default_factory=dict)
    contents: list[str] | None = None  # the tables its table of contents lists, if it has one
    variant: str | None = None  # the known layout its tables follow (template/variants.py), if any
    statements: list[Statement] = field(default_factory=list)  # Part 3 情况说明
    narrative: list[tuple[str, Source]] = field(default_factory=list)  # Part 3, line by line
    sections: list[str] = field(default_factory=list)  # Part 3's numbered headings, as printed
    targets: list[PerformanceTarget] = field(default_factory=list)  # 绩效目标表
    projects: list[ProjectStatement] = field(default_factory=list)  # Part 3's project descriptions
    assets: list[Asset] = field(default_factory=list)  # 国有资产占有使用情况
    extra_tables: list[ExtraTable] = field(default_factory=list)  # tables the template lacks
    matters: Matters = field(default_factory=Matters)  # 机关运行经费, 政府采购, 会议费, 培训费
    source: Source | None = None
    problems: list[Problem] = field(default_factory=list)
    # every file the disclosure was read from (a narrative and a tables file published apart)
    files: list[str] = field(default_factory=list)

    @property
    def has_tables(self) -> bool:
        """Whether any table was read with figures (a narrative's list of the tables, which
        gives titles only, does not count): a narrative or target file alone has none."""
        return any(table.present and any(row.values for row in table.rows) for table in self.tables.values())
