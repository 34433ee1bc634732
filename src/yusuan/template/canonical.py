"""The canonical template (DOMAIN.md): the eleven tables, declared once.

Recovery reads it to place numbers, the rules read its identities as checks, the writer and the
workbook read its headers, the store reads its columns. Change the template here and nowhere else.
"""

from __future__ import annotations

from .spec import Column, Line, PrintedSum, RowSum, Subtotal, TableSpec

FUNDS_T2 = (
    Column("一般公共预算", prior=2),
    Column("上级一般公共预算安排的转移支付", prior=4),
    Column("政府性基金预算", prior=6),
    Column("上级政府性基金安排的转移支付", ("上级政府性基金预算安排的转移支付",), prior=8),
    Column("国有资本经营预算", prior=9),
    Column("上级国有资本经营预算安排的转移支付", prior=10),
)

T1_INCOME = (
    Line(
        "本年收入",
        ("本年收入合计",),
        children=(
            Line(
                "一般公共预算拨款",
                ("一般公共预算拨款收入", "一般公共预算资金", "一般公共预算", "一般公共预算收入"),
                (
                    Line("一般财力"),
                    Line("上级一般公共预算安排转移支付", ("上级一般公共预算安排的转移支付",)),
                ),
            ),
            Line(
                "政府性基金预算拨款",
                ("基金预算拨款", "政府性基金预算拨款收入", "政府性基金预算资金", "政府性基金拨款", "政府性基金预算",
                 "政府性基金预算收入"),
                (
                    Line("政府性基金收入"),
                    Line("上级政府性基金安排转移支付", ("上级政府性基金安排的转移支付",)),
                ),
            ),
            Line(
                "国有资本经营预算拨款",
                ("国有资本经营预算拨款收入", "国有资本经营预算资金", "国有资本经营预算", "国有资本经营预算收入"),
                (
                    Line("国有资本经营收入"),
                    Line(
                        "上级国有资本经营预算安排转移支付",
                        ("上级国有资本经营预算安排的转移支付",),
                    ),
                ),
            ),
            Line("财政专户核拨", ("财政专户管理资金", "财政专户管理资金收入")),
            Line(
                "单位资金",
                ("单位资金收入",),
                (  # Chongqing prints each as …资金
                    Line("事业收入", ("事业收入资金",)),
                    Line("上级补助收入", ("上级补助收入资金",)),
                    Line("附属单位上缴收入", ("附属单位上缴收入资金",)),
                    Line("事业单位经营收入", ("事业单位经营收入资金",)),
                    Line("其他收入", ("其他收入资金",)),
                ),
            ),
        ),
    ),
    Line(
        "上年结转结余",
        ("上年结转",),  # Xi'an: 上年结转, 其中：财政拨款资金结转, 非财政拨款资金结余
        children=(
            Line(
                "财政拨款结转",
                ("财政拨款结转结余", "财政拨款资金结转"),
                (
                    Line("一般公共预算拨款", ("一般公共预算",)),
                    Line("政府性基金预算拨款", ("基金预算拨款", "政府性基金预算")),
                    Line("国有资本经营预算拨款", ("国有资本经营预算",)),
                ),
            ),
            Line(
                "非财政拨款结转结余",
                ("非财政拨款结余", "非财政拨款结转", "非财政拨款资金结余"),
                (Line("财政专户核拨"), Line("单位资金")),
            ),
        ),
    ),
)

# 一、财政拨款(收入) over the three funds (Jilin, Shanghai, Zhejiang, Shandong, Shenzhen)
T1_SUBTOTALS = (
    Subtotal("财政拨款", ("财政拨款收入",), tuple(f"本年收入/{fund}" for fund in (
        "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"))),
)

# the fund lines as the variants name them (预算资金 Beijing/Chongqing, 拨款收入 Quanzhou, 收入 Yantai)
T4_INCOME = (
    Line(
        "财政拨款（补助）",
        ("财政拨款", "本年收入", "财政拨款收入", "本年收入合计"),  # Xi'an closes the block on 本年收入合计
        (
            Line("一般公共预算", ("一般公共预算拨款", "一般公共预算资金", "一般公共预算拨款收入", "一般公共预算收入")),
            Line("政府性基金预算", ("政府性基金预算拨款", "政府性基金预算资金", "政府性基金预算拨款收入",
                                    "政府性基金预算收入", "政府性基金拨款")),
            Line("国有资本经营预算", ("国有资本经营预算拨款", "国有资本经营预算资金", "国有资本经营预算拨款收入",
                                      "国有资本经营预算收入")),
        ),
    ),
    Line(
        "上年结转",
        ("上年结转结余", "财政拨款结转", "上年结余、结转"),  # Shenzhen: 上年结余、结转
        (
            Line("一般公共预算", ("一般公共预算拨款", "一般公共预算拨款结余、结转")),
            Line("政府性基金预算", ("政府性基金预算拨款", "政府性基金预算拨款结余、结转")),
            Line("国有资本经营预算", ("国有资本经营预算拨款", "国有资本经营预算拨款结余、结转")),
        ),
    ),
)

T10_LINES = (
    Line(
        "合计",
        ("总计", "“三公”经费", "“三公”经费合计"),  # Guangzhou 表8 puts 行政经费 above it
        (
            Line("因公出国（境）费",
                 ("因公出国(境)费", "因公出国（境）经费", "因公出国（境）支出", "因公出国（境）费用")),
            Line("公务接待费", ("公务接待费支出",)),
            Line(
                "公务用车购置及运行费",
                ("公务用车购置及运行费（小计）", "公务用车购置及运行维护费", "公务用车购置及运行维护支出"),
                (
                    Line("公务用车购置费"),
                    Line("公务用车运行费", ("公务用车运行维护费",)),
                ),
            ),
        ),
    ),
)

# a ledger side's total as Jilin prints it: 本年预算 = 编制预算 + 上年结转, printed beside it
THIS_YEAR = "本年预算"

BASIC_PROJECT = (
    Column("合计", ("总计", "小计"), prior=0),  # Guangzhou 表3/表5: 小计 | 其中：基本支出 | 项目支出
    Column("基本支出", prior=1),
    Column("项目支出", prior=2),
)
# the same concepts in other provinces' headers (Hangzhou: 人员支出 | 日常公用支出)
PERSONNEL = ("人员支出", "人员经费支出", "人员类")
PUBLIC_USE = ("日常公用支出", "日常公用经费", "公用支出", "公用经费支出")
# 基本支出 split as the national template's 部门支出总表 and many T5s print it
BASIC_SPLIT = PrintedSum("基本支出", (Column("人员经费", PERSONNEL), Column("公用经费", PUBLIC_USE)))
FUND_SPENDING = (  # T8, T9
    Column("合计", ("总计",), prior=0),
    Column("人员经费", PERSONNEL, prior=2),
    Column("公用经费", PUBLIC_USE, prior=3),
    Column("项目支出", prior=1),
)
FUND_SPENDING_SUMS = (RowSum("合计", ("人员经费", "公用经费", "项目支出")),)
FUND_SPENDING_GROUPS = (("基本支出", ("人员经费", "公用经费")),)


def _carryover_columns() -> tuple[Column, ...]:
    columns = [Column("总计", ("合计",), prior=0)]
    for rank, fund in enumerate(("财政拨款", "非财政拨款")):
        base = 1 + rank * 5
        columns += [
            Column(f"{fund}/合计", ("小计",), prior=base),
            Column(f"{fund}/人员经费", prior=base + 3),
            Column(f"{fund}/公用经费", prior=base + 2),
            Column(f"{fund}/项目支出", prior=base + 1),
        ]
    return tuple(columns)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "T1",
        "收支总体情况表",
        "ledger",
        columns=(Column("预算数", (THIS_YEAR,), prior=0),),
        titles=("收支预算总表", "收支总表", "财务收支预算总表"),
        income=T1_INCOME,
        income_columns=(Column("预算数", (THIS_YEAR,), prior=0),),
        subtotals=T1_SUBTOTALS,
    ),
    TableSpec(
        "T2",
        "收入总体情况表",
        "function",
        columns=(
            Column("总计", ("合计",), prior=0),
            Column("财政拨款小计", ("财政拨款(补助)小计", "小计", "财政拨款收入"), prior=1),
            *FUNDS_T2,
            Column("财政专户", ("财政专户(教育收费)", "财政专户管理资金"), prior=7),
            Column("单位资金", prior=3),
            Column("财政拨款结转", prior=5),
            Column("非财政拨款结转结余", ("非财政拨款结余",), prior=8),
        ),
        titles=("收入预算总表", "收入总表"),
        row_sums=(
            RowSum(
                "总计",
                ("财政拨款小计", "财政专户", "单位资金", "财政拨款结转", "非财政拨款结转结余"),
            ),
            RowSum("财政拨款小计", tuple(column.label for column in FUNDS_T2)),
        ),
        tree=True,
        groups=(("财政拨款（补助）", ("财政拨款小计", *(column.label for column in FUNDS_T2))),),
    ),
    TableSpec(
        "T3",
        "支出总体情况表",
        "function",
        columns=BASIC_PROJECT,
        titles=("支出预算总表", "支出总表"),
        row_sums=(RowSum("合计", ("基本支出", "项目支出")),),
        # the national template's 部门支出总表 prints these beside 基本支出 and 项目支出
        printed_sums=(
            PrintedSum("合计", (Column("事业单位经营支出"), Column("上缴上级支出"), Column("对附属单位补助支出"))),
            BASIC_SPLIT,
        ),
        tree=True,
    ),
    TableSpec(
        "T4",
        "财政拨款收支预算总体情况表",
        "ledger",
        columns=(
            Column("合计", ("总计", THIS_YEAR), prior=0),
            Column("一般公共预算", prior=1),
            Column("政府性基金预算", prior=2),
            Column("国有资本经营预算", prior=3),
        ),
        titles=("财政拨款收支总体情况表", "财政拨款收支预算总表", "财政拨款收支总表"),
        row_sums=(RowSum("合计", ("一般公共预算", "政府性基金预算", "国有资本经营预算")),),
        income=T4_INCOME,
        income_columns=(Column("合计", ("预算数", THIS_YEAR), prior=0),),
    ),
    TableSpec(
        "T5",
        "一般公共预算支出情况表",
        "function",
        columns=BASIC_PROJECT,
        titles=("一般公共预算支出预算表", "一般公共预算支出表"),
        row_sums=(RowSum("合计", ("基本支出", "项目支出")),),
        printed_sums=(BASIC_SPLIT,),
        tree=True,
    ),
    TableSpec(
        "T6",
        "一般公共预算基本支出情况表",
        "economic",
        columns=(
            Column("合计", ("总计",), prior=0),
            Column("人员经费", PERSONNEL, prior=1),
            Column("公用经费", PUBLIC_USE, prior=2),
        ),
        titles=("一般公共预算基本支出预算表", "一般公共预算基本支出表"),
        row_sums=(RowSum("合计", ("人员经费", "公用经费")),),
        tree=True,
        # 人员经费 = 工资福利支出 + 对个人和家庭的补助; the rest of basic spending is 公用经费
        code_priors=(("301", "人员经费"), ("303", "人员经费"), ("302", "公用经费"), ("310", "公用经费")),
    ),
    TableSpec(
        "T7",
        "一般公共预算项目支出情况表",
        "project",
        columns=(
            Column("项目支出合计", ("合计", "总计"), prior=0),
            Column("工资福利支出", prior=5),
            Column("商品和服务支出", ("商品服务支出",), prior=1),
            Column("对个人和家庭的补助", prior=2),
            Column("债务利息及费用支出", prior=10),
            Column("资本性支出（基本建设）", ("资本性支出(基本建设)",), prior=7),
            Column("资本性支出", prior=3),
            Column("对企业补助（基本建设）", ("对企业补助(基本建设)",), prior=9),
            Column("对企业补助", prior=8),
            Column("对社会保障基金补助", prior=6),
            Column("其他支出", prior=4),
        ),
        titles=("一般公共预算项目支出预算表", "一般公共预算项目支出表"),
        row_sums=(
            RowSum(
                "项目支出合计",
                (
                    "工资福利支出",
                    "商品和服务支出",
                    "对个人和家庭的补助",
                    "债务利息及费用支出",
                    "资本性支出（基本建设）",
                    "资本性支出",
                    "对企业补助（基本建设）",
                    "对企业补助",
                    "对社会保障基金补助",
                    "其他支出",
                ),
            ),
        ),
        tree=True,
    ),
    TableSpec(
        "T8",
        "政府性基金预算支出情况表",
        "function",
        columns=FUND_SPENDING,
        titles=("政府性基金预算支出预算表", "政府性基金预算支出表"),
        row_sums=FUND_SPENDING_SUMS,
        tree=True,
        groups=FUND_SPENDING_GROUPS,
    ),
    TableSpec(
        "T9",
        "国有资本经营预算支出情况表",
        "function",
        columns=FUND_SPENDING,
        titles=("国有资本经营预算支出预算表", "国有资本经营预算支出表"),
        row_sums=FUND_SPENDING_SUMS,
        tree=True,
        groups=FUND_SPENDING_GROUPS,
    ),
    TableSpec(
        "T10",
        "财政拨款“三公”经费支出情况表",
        "lines",
        columns=(
            Column("合计", prior=0),
            Column("一般公共预算", prior=1),
            Column("政府性基金", ("政府性基金预算",), prior=2),
            Column("国有资本经营预算", prior=3),
        ),
        titles=('财政拨款"三公"经费支出情况表', "财政拨款三公经费支出情况表", "“三公”经费支出情况表"),
        row_sums=(RowSum("合计", ("一般公共预算", "政府性基金", "国有资本经营预算")),),
        lines=T10_LINES,
    ),
    TableSpec(
        "T11",
        "上年结转结余情况明细表",
        "carryover",
        columns=_carryover_columns(),
        titles=("上年结转结余情况表",),
        row_sums=(
            RowSum("总计", ("财政拨款/合计", "非财政拨款/合计")),
            RowSum("财政拨款/合计", ("财政拨款/人员经费", "财政拨款/公用经费", "财政拨款/项目支出")),
            RowSum(
                "非财政拨款/合计",
                ("非财政拨款/人员经费", "非财政拨款/公用经费", "非财政拨款/项目支出"),
            ),
        ),
        tree=True,
        groups=tuple((f"{fund}/基本支出", (f"{fund}/人员经费", f"{fund}/公用经费"))
                     for fund in ("财政拨款", "非财政拨款")),
    ),
)

TABLE_BY_ID = {spec.id: spec for spec in TABLES}


def line_paths(lines: tuple[Line, ...], prefix: str = "") -> list[tuple[str, Line]]:
    """Every line of a ledger in reading order, with its path (本年收入/一般公共预算拨款/一般财力)."""
    out: list[tuple[str, Line]] = []
    for line in lines:
        path = f"{prefix}/{line.name}" if prefix else line.name
        out.append((path, line))
        out.extend(line_paths(line.children, path))
    return out
