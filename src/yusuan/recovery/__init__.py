"""From extracted lines (any format) to the disclosure: one recovery for every reader."""

from __future__ import annotations

import collections
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..classification import name_of
from ..errors import UnreadableError
from ..gcpause import collector_paused
from ..model import Amount, Disclosure, ExtraTable, Problem, Row, Source, Table
from ..readers.base import Extracted, TextLine
from ..template import LINKS, TABLE_BY_ID, TABLES, Column, TableSpec, variants
from ..template.evaluate import counted, kept_sums
from ..text import fold, is_amount, join_fragments, parse_amount
from . import constraints as identities
from .columns import by_header, header_cells, region_page, stated_sums
from .extras import MONEY_UNIT as _MONEY_UNIT
from .extras import matters_of, read_extra
from .furniture import without_furniture, without_markup
from .ledgers import by_sides
from .levels import codes_from_indent
from .matters import assets, projects
from .narrative import headings, narrative, part3, statements
from .overview import government_level, read_overview, stated_year, unit_name, year_and_kind
from .panels import (
    below_header,
    expense_panel,
    find_panels,
    panel_table,
    split_panels,
    unit_codes_as_names,
    without_serials,
)
from .performance import targets
from .placement import Slot, candidates, grid_distance, solve, split_overflow, to_quanta
from .rows import (
    Parsed,
    Pending,
    expense_edge,
    numbers_in_text,
    parse_carryover,
    parse_coded,
    parse_ledger,
    parse_lines,
)
from .segment import (
    Region,
    empty_reasons,
    find_extra,
    find_tables,
    header_and_body,
    is_end_marker,
    is_furniture,
    listed_tables,
    titles,
)
from .tokens import Token, precision, tokenize
from .transposed import is_transposed, transposed_rows

_GRID_SLACK = 2  # an extractor's grid may be a cell off (a merged cell it did not split)
_FINAL_ACCOUNTS = re.compile(r"(?:19|20)\d{2}年度?(?:部门|单位)决算")
# a document that holds no table: a narrative or a target file published beside the tables
TABLES_ELSEWHERE = ("本文件中没有读到任何带数字的预算公开表。"
                    "如果它只是情况说明或绩效目标，表格应在同一公开的另一个文件中，"
                    "可用 yusuan parse -t 说明文件 表格文件 把它们作为一份公开一并读取；否则是表格未能识别")
TRUNCATED = "文件在"  # how the problem of a file that ends right after a table begins


@collector_paused
def recover(extracted: Extracted) -> Disclosure:
    lines = without_markup(without_furniture(extracted.lines))
    head = " ".join(fold(line.text) for line in lines[:80])
    if _FINAL_ACCOUNTS.search(head) and "预算" not in head.split("决算")[0][-20:]:
        raise UnreadableError("这是决算公开文件，yusuan 目前只支持预算公开文件", file=extracted.file)
    specs = titles(lines)
    regions = find_tables(lines, specs)
    # a running header may be the one place that names the unit and year
    year, kind = year_and_kind(extracted.lines)
    year = year or stated_year(extracted.lines)
    part = part3(lines, tuple(region.title_line for region in regions))
    said, goals = statements(part), targets(lines)
    if not regions and year is None and not said and not goals:
        raise UnreadableError(
            "未识别为预算公开文件：没有找到任何预算公开表（如“收支总体情况表”），也没有找到预算年度",
            file=extracted.file,
        )
    unit = unit_name(extracted.lines)
    disclosure = Disclosure(
        unit=unit, year=year, kind=kind, level=government_level(unit),
        overview=read_overview(lines), source=Source(file=extracted.file),
        contents=listed_tables(lines, specs) or None,
        statements=said, narrative=narrative(part), sections=headings(part), targets=goals,
        projects=projects(part), assets=assets(part),
        problems=list(extracted.problems), files=[extracted.file],
    )
    found = {region.spec.id: region for region in regions}
    read: dict[str, _Read] = {}
    for spec in TABLES:
        region = found.get(spec.id)
        if region is None:
            disclosure.tables[spec.id] = Table(spec.id, present=False)
            continue
        read[spec.id] = _read_table(lines, region, extracted.file, year)
        disclosure.tables[spec.id] = read[spec.id].table
        disclosure.problems.extend(read[spec.id].parsed.problems)
    for table_id, reason in empty_reasons(lines).items():
        table = disclosure.tables[table_id]
        if table.present and not table.note and not any(row.values for row in table.rows):
            table.note = reason
    if "T7" in read:
        _split_projects(disclosure, read["T7"].parsed.rows)
    if "T11" in read:
        _unit_rows(disclosure, read["T11"].parsed.rows)
    _place_all(read)
    disclosure.problems.extend(_completeness(lines, regions, extracted.file))
    extra = find_extra(lines)
    disclosure.extra_tables = [read_extra(lines, start, end, unit) for start, end in extra]
    _rows_per_project(disclosure)
    disclosure.extra_tables += [panel for item in read.values() for panel in item.panels]
    disclosure.matters = matters_of(disclosure)
    known = variants.recognise([lines[region.title_line].text for region in regions]
                               + [lines[start].text for start, _ in extra])
    disclosure.variant = known.name if known else None
    if not disclosure.has_tables:
        disclosure.problems.append(Problem(TABLES_ELSEWHERE, Source(file=extracted.file)))
    return disclosure


@dataclass(slots=True)
class _Read:
    """A table as read, its amounts not yet placed."""

    table: Table
    parsed: Parsed
    places: int  # the decimals its amounts are printed with
    header: str  # its header, folded: which columns it prints
    # per row (by id): the template column of each amount, read from the header it stands under
    # (None: not settled by the header; the identities place it)
    placed: dict[int, tuple[list[Column], bool]] = field(default_factory=dict)
    # per row (by id): amounts under header cells the template lacks, kept as (printed header, token)
    unmatched: dict[int, list[tuple[str, Token]]] = field(default_factory=dict)
    settled: bool = False  # read whole from its printed header (a transposed T10): nothing to place
    panels: list[ExtraTable] = field(default_factory=list)  # further panels printed beside a ledger


def _read_table(lines: list[TextLine], region: Region, file: str, year: int | None) -> _Read:
    spec = region.spec
    window = lines[region.start : region.end]
    header, body, header_lines = header_and_body(lines, region)
    places = precision(body)
    tokens = numbers_in_text(tokenize(body, places))
    # the header is every line above the figures, whatever its words
    above = list(itertools.takewhile(lambda line: not any(is_amount(word.text) for word in line.words), window))
    above = [line for line in above if not is_furniture(line)]
    tokens = unit_codes_as_names(without_serials(tokens, header_lines + above), header_lines + above)
    layout = find_panels(window, tokens, spec) if spec.rows == "ledger" else None
    if layout is None:
        return _read_tokens(lines, region, file, year, tokens, (header, header_lines, above, places))
    # the template's two sides read as a ledger; each further panel a table of its own
    tokens, others = split_panels(below_header(tokens, window, spec), layout)
    read = _read_tokens(lines, region, file, year, tokens, (header, header_lines, above, places))
    money, title = read.table.money_unit, read.table.title or spec.title
    label = spec.income_columns[0].label
    extra = [panel for index, panel in enumerate(layout) if index not in (0, expense_panel(layout))]
    read.panels = [panel_table(title, panel, part, money, places, label)
                   for panel, part in zip(extra, others, strict=True) if part]
    return read


def _read_tokens(lines: list[TextLine], region: Region, file: str, year: int | None, tokens: list[Token],
                 printed: tuple[str, list[TextLine], list[TextLine], int]) -> _Read:
    """A table read from its body's tokens; `printed`: its header (folded), its header lines,
    the lines above its first figures, and its amounts' decimals."""
    spec = region.spec
    window = lines[region.start : region.end]
    header, header_lines, above, places = printed
    if spec.rows == "ledger":
        parsed = parse_ledger(tokens, spec)
    elif spec.rows == "lines":
        parsed = parse_lines(tokens, spec)
    elif spec.rows == "carryover":
        parsed = parse_carryover(tokens)
    else:
        parsed = parse_coded(tokens)
    if spec.rows in ("function", "economic", "project"):
        # header words the header did not take (columns the template lacks) read as a unit row
        # with no figure above the first figures: not a row
        first = next((i for i, p in enumerate(parsed.rows) if p.amounts or p.row.kind != "unit"), 0)
        leftover = "".join(join_fragments([p.row.name or "", *p.words]) for p in parsed.rows[:first])
        parsed.rows = parsed.rows[first:]
    else:
        leftover = ""
    parsed.problems.extend(codes_from_indent(parsed.rows, spec))
    # the template's own header (every column printed) is read by the template's identities, as
    # it always was; a header that differs is read cell by cell
    # the items as columns: the header is every line above the figures
    if spec.rows == "lines" and is_transposed(spec, fold("".join(line.text for line in above))):
        settled = transposed_rows(spec, above, parsed.rows, year)
        if settled is not None:
            return _settled(lines, region, spec, settled, parsed, places)
    own_header = len(columns_in(spec, header)) == len(spec.columns) and not _wider(parsed.rows, spec)
    cells = header_cells(spec, header_lines) if spec.rows not in ("ledger", "lines") and not own_header else {}
    placed, unmatched = by_header(cells, parsed.rows, spec)
    in_place = columns_in(spec, header)
    sides = spec.rows == "ledger" and not _one_figure_each(spec, parsed.rows, in_place) and (
        len(in_place) * 2 < len(spec.columns) or len(_wider(parsed.rows, spec)) >= _WIDER_ROWS)
    if sides:  # a ledger the template's columns cannot place: each side's own header, read apart
        placed, unmatched = by_sides(spec, header_lines, parsed.rows, expense_edge(tokens))
        sides = bool(placed)
    if spec.rows not in ("ledger", "lines", "carryover") and len(_wider(parsed.rows, spec)) < _WIDER_ROWS:
        parsed.rows = split_overflow(parsed.rows, spec)  # a total printed without its label
    for pending in parsed.rows:
        pending.row.source = Source(file, pending.row.source.page, pending.row.source.line)
        if spec.rows in ("function", "economic") and pending.row.kind in {"class", "item"}:
            pending.row.name = join_fragments(pending.words + pending.tail) or None
    money = next((m.group(1) for line in window if (m := _MONEY_UNIT.search(line.text))), "万元")
    table = Table(
        spec.id, present=True, title=join_fragments([lines[region.title_line].text]),
        note=join_fragments(parsed.notes) or None, money_unit=money,
        places=places if any(pending.amounts for pending in parsed.rows) else None,
        rows=[pending.row for pending in parsed.rows],
        source=lines[region.title_line].source,
    )
    known = columns_in(spec, header)
    if placed:  # the header's cells say which columns it prints
        known = list(dict.fromkeys(cell.column for row in cells.values() for cell in row if cell.column)
                     if not sides else (column for columns, _ in placed.values() for column in columns))
        printed = dict.fromkeys(label for items in unmatched.values() for label, _ in items)
        counts = counted(spec, list(printed))
        for label in printed:
            # a ledger side's split of its total (预算数/基本支出/人员经费) is held to that total
            whole = next((column.label for column in spec.columns if sides and label.startswith(column.label + "/")),
                         None)
            checked = (f"计入“{counts[label]}”的核对" if label in counts
                       else f"作为“{whole}”的分项核对" if whole else "不参与核对")
            parsed.problems.append(Problem(
                f"{spec.id}（{spec.title}）的“{label}”列不是模板中的列：其数字按原表头保留，{checked}",
                Source(file, region_page(lines, region)), spec.id))
    if sides:  # each figure under its side's header cell: the template's column, or its printed words
        _by_printed_header(parsed, placed, unmatched)
        return _Read(table, parsed, places, header, settled=True)
    wider = _wider(parsed.rows, spec)
    lacking = [part for row_sum in spec.row_sums if placed and column_of(spec, row_sum.target) in known
               for part in row_sum.parts if column_of(spec, part) not in known]
    printed_header = fold("".join(line.text for line in header_lines) + leftover)
    crossed = (spec.rows == "function" and "经济分类" in printed_header) or (
        spec.rows == "economic" and "政府" in printed_header and "部门" in printed_header)
    if crossed:
        # Beijing 预算03表/06表: each row a 项 × economic class, or 政府 × 部门 economic class: no tree
        parsed.problems.append(Problem(
            f"{spec.id}（{spec.title}）每行按两种分类科目（功能与经济，或政府与部门经济分类）交叉列示，不是逐级汇总，已读取数字，未按模板核对",
            table.source, spec.id))
        table.columns_known = False
    elif parsed.rows and lacking:
        table.columns_known = False
        parsed.problems.append(Problem(
            f"{spec.id}（{spec.title}）的表头没有“{'、'.join(dict.fromkeys(lacking))}”列，无法按模板核对各列之和，已读取数字，未核对",
            table.source, spec.id))
    elif parsed.rows and len(known) * 2 < len(spec.columns) and not _one_figure_each(spec, parsed.rows, known):
        table.columns_known = False
        missing = "、".join(column.label for column in spec.columns if column not in known)
        parsed.problems.append(Problem(
            f"{spec.id}（{spec.title}）的表头与模板不同（未找到列：{missing}），已按位置读取数字，未按模板核对",
            table.source, spec.id))
    elif len(wider) >= _WIDER_ROWS:
        table.columns_known = False
        parsed.problems.append(Problem(
            f"{spec.id}（{spec.title}）有 {len(wider)} 行的金额多于模板的 {len(spec.columns)} 列"
            "（表中列多于模板），已按位置读取数字，未按模板核对", table.source, spec.id))
    if not parsed.rows and not parsed.notes:
        parsed.problems.append(Problem(f"{spec.id}（{spec.title}）没有读到任何数据行", table.source,
                                       spec.id))
    if table.columns_known and len(known) * 2 < len(spec.columns):
        # a ledger printing one figure per side (预算数 | 预算数), any other table one per row
        # (项目 | 预算数): each figure is its row's total
        for pending in parsed.rows:
            column = (spec.income_columns if pending.row.side == "income" else spec.columns)[0]
            for token in pending.amounts[:1]:
                pending.row.values[column.label] = Amount(parse_amount(token.text), token.text, token.source)
        return _Read(table, parsed, places, header, settled=True)
    if not table.columns_known and not crossed and _all_placed(parsed.rows, placed):
        # the template's sums cannot be told, but the printed header places every figure: the
        # table is read as printed and held to the sums its header states
        _by_printed_header(parsed, placed, unmatched)
        block = max(cells.values(), key=len)
        table.header_sums = kept_sums(stated_sums(block), table)
        sums = "、".join(f"{total} = {' + '.join(parts)}" for total, parts in table.header_sums.items())
        checked = [f"按原表头核对{sums}"] if sums else []
        checked += ["核对上下级之和"] if spec.tree else []
        printed = "、".join(dict.fromkeys(label for row in table.rows for label in row.values))
        parsed.problems = [problem for problem in parsed.problems if problem.table != spec.id] + [Problem(
            f"{spec.id}（{spec.title}）的表头与模板不同，已按原表头读取各列（{printed}）"
            f"{'，' + '，'.join(checked) if checked else '，未核对'}", table.source, spec.id)]
        return _Read(table, parsed, places, header, settled=True)
    return _Read(table, parsed, places, header, placed, unmatched)


def _one_figure_each(spec: TableSpec, rows: list[Pending], known: list[Column]) -> bool:
    """Whether a ledger prints one figure per side, any other table one per row under a header
    naming no column of the template's but its total: no row with two, no printed line with
    more than one a side (Xi'an 表4 prints four panels side by side, each with its own 预算数)."""
    if spec.rows not in ("ledger", "lines") and not set(known) <= {spec.columns[0]}:
        return False  # a column of the template's own that is not its total (项目支出 alone)
    amounts = [token for pending in rows for token in pending.amounts if is_amount(token.text)]
    per_line = collections.Counter(token.line for token in amounts)
    return (bool(amounts) and max(per_line.values()) <= (2 if spec.rows == "ledger" else 1)
            and all(sum(is_amount(token.text) for token in pending.amounts) <= 1 for pending in rows))


def _all_placed(rows: list[Pending], placed: dict[int, tuple[list[Column], bool]]) -> bool:
    """Whether the printed header placed the figures of every row that prints any."""
    printing = [p for p in rows if id(p) in placed or any(is_amount(t.text) for t in p.amounts)]
    return bool(placed) and all(id(p) in placed for p in printing)


def _by_printed_header(parsed: Parsed, placed: dict[int, tuple[list[Column], bool]],
                       unmatched: dict[int, list[tuple[str, Token]]]) -> None:
    """Each row's figures under the labels of the header cells they stand under, left to right."""
    for pending in parsed.rows:
        columns, _ = placed.get(id(pending), ([], False))
        amounts = [token for token in pending.amounts if is_amount(token.text)]
        labelled = [(column.label, token) for column, token in zip(columns, amounts, strict=False)]
        labelled += unmatched.get(id(pending), [])
        for label, token in sorted(labelled, key=lambda item: item[1].source.bbox[0]):  # type: ignore[index]
            pending.row.values[label] = Amount(parse_amount(token.text), token.text, token.source)


def _settled(lines: list[TextLine], region: Region, spec: TableSpec, rows: list[Row], parsed: Parsed,
             places: int) -> _Read:
    """A table read whole from its printed header: its columns are the ones it prints."""
    window = lines[region.start : region.end]
    money = next((m.group(1) for line in window if (m := _MONEY_UNIT.search(line.text))), "万元")
    title = lines[region.title_line]
    table = Table(spec.id, present=True, title=join_fragments([title.text]), note=join_fragments(parsed.notes) or None,
                  money_unit=money, places=places, rows=rows, source=title.source)
    parsed.rows, parsed.problems = [], []
    return _Read(table, parsed, places, "", settled=True)


_HEADER_WEIGHT = 1000  # the printed header outweighs the template's priors and the grid's spacing
_WIDER_ROWS = 2  # one such row is a total printed without 合计; more, a table wider than the template


def _wider(rows: list[Pending], spec: TableSpec) -> list[Pending]:
    """The rows printing more amounts than the template has columns on their side."""
    return [p for p in rows if sum(is_amount(t.text) for t in p.amounts)
            > len(spec.income_columns if p.row.side == "income" else spec.columns)]


def column_of(spec: TableSpec, label: str) -> Column | None:
    return next((column for column in spec.columns if column.label == label), None)


def columns_in(spec: TableSpec, header: str) -> list[Column]:
    """The template's columns a (folded) header prints: by label or alias; a grouped column
    (财政拨款/合计) by each of its parts."""
    return [column for column in spec.columns
            if any(all(fold(part) in header for part in name.split("/")) for name in (column.label, *column.aliases))]


def _split_projects(disclosure: Disclosure, rows: list[Pending]) -> None:
    """T7 prints the function name and the project name side by side; the wrapped pieces of
    the two cells interleave. The function name is known from the other tables (or the
    classification), so the pieces that spell it are the name and the rest the project."""
    known: dict[str, str] = {}
    for table in disclosure.tables.values():
        for row in table.rows:
            if row.code and row.name and row.kind != "project":
                known.setdefault(row.code, row.name)
    for pending in rows:
        row = pending.row
        words = pending.words + pending.tail
        if not row.code:
            continue
        if len(row.code) < 7 and not _has_project(row.code, words, known):
            row.name = join_fragments(words) or None
            continue
        name = known.get(row.code) or name_of(row.code, disclosure.year)
        row.kind = "project"
        if name is None:  # stated rule: the first piece is the function name
            row.name, row.project = (words[0] if words else None), join_fragments(words[1:])
            disclosure.problems.append(Problem(
                f"T7 科目 {row.code} 的名称未知，按第一段文字作为科目名称、其余作为项目名称",
                row.source, "T7"))
            continue
        row.name, row.project = name, _without(fold(name), words) or None


def _unit_rows(disclosure: Disclosure, rows: list[Pending]) -> None:
    """A carryover row named after the unit itself is the unit's subtotal, not a project."""
    unit = fold(disclosure.unit or "")
    for pending in rows:
        row = pending.row
        if row.kind == "project" and unit and fold(row.project or "") in {unit, unit + "本级"}:
            row.kind, row.unit, row.project = "unit", row.name, None


def _has_project(code: str, words: list[str], known: dict[str, str]) -> bool:
    name = known.get(code)
    return name is not None and fold(join_fragments(words)) != fold(name) and bool(
        _without(fold(name), words))


def _without(name: str, words: list[str]) -> str:
    """The words left when those that spell `name` (in order, possibly interleaved) are taken."""
    position, rest = 0, []
    for word in words:
        piece = fold(word)
        remaining = name[position:]
        if remaining and remaining.startswith(piece):
            position += len(piece)
        elif remaining and piece.startswith(remaining):
            position = len(name)
            rest.append(word[len(remaining):] if word.startswith(remaining) else piece[len(remaining):])
        else:
            rest.append(word)
    return join_fragments(rest)


def _slots(spec: TableSpec, rows: list[Pending], places: int, header: str,
           placed: dict[int, tuple[list[Column], bool]] | None = None) -> list[Slot]:
    slots = []
    placed = placed or {}
    present = columns_in(spec, header)
    readable = len(present) * 2 >= len(spec.columns)
    for pending in rows:
        income = pending.row.side == "income"
        columns = spec.income_columns if income else spec.columns
        amounts = [t for t in pending.amounts if is_amount(t.text)]
        if len(amounts) > len(columns):
            amounts = amounts[: len(columns)]
        pending.amounts = amounts
        prior = {c.label: c.prior + (0 if not readable or c in present else 30) for c in columns}
        cells = [t.cell for t in amounts]
        slot = Slot(pending, columns, [to_quanta(t.text, places) for t in amounts], prior=prior,
                    cells=cells if amounts and None not in cells else None)  # type: ignore[arg-type]
        slot.domain = candidates(slot, () if income else spec.row_sums)
        by_header = placed.get(id(pending))
        if by_header is not None and len(by_header[0]) == len(amounts):
            forced = tuple(columns.index(column) for column in by_header[0] if column in columns)
            if len(forced) == len(amounts) and forced in slot.domain:
                # the header is evidence, the row's own sums proof: only a placement they allow
                if by_header[1]:  # under its own page's header, the row's sums agreeing: settled
                    slot.domain = [forced]
                else:  # a header carried over from an earlier page: preferred, not imposed
                    under = {columns[index].label for index in forced}
                    slot.prior = {label: rank - _HEADER_WEIGHT * (label in under) for label, rank in prior.items()}
                slot.cells = None
        if slot.cells is not None:  # the grid's spacing, give or take a cell here and there
            near = [p for p in slot.domain if grid_distance(slot, p) <= _GRID_SLACK]
            slot.domain = near or slot.domain
        # a class row whose column the template defines (T6: 302 商品和服务支出 is 公用经费)
        defined = dict(spec.code_priors).get(pending.row.code or "")
        if defined is not None:
            index = next(i for i, c in enumerate(columns) if c.label == defined)
            slot.domain = [p for p in slot.domain if index in p] or slot.domain
        slots.append(slot)
    return slots


def _place_all(read: dict[str, _Read]) -> None:
    """Place every table's amounts, in template order so that each can lean on those before
    it; then once more, for tables left uncertain, leaning on all the others."""
    placed: dict[str, Table] = {}
    order = list(read)
    for second in (False, True):
        for table_id, item in read.items():
            table = item.table
            if second and not (
                any(a.uncertain for row in table.rows for a in row.values.values())
                and _leans_on_later(table_id, order)
            ):
                continue
            if item.settled:
                placed[table_id] = table
                continue
            for row in table.rows:
                row.values.clear()
            spec = TABLE_BY_ID[table_id]
            slots = _slots(spec, item.parsed.rows, item.places, item.header, item.placed)
            constraints = identities.all_constraints(spec, table, slots, placed, item.places)
            solve(slots, constraints)
            for pending in item.parsed.rows:
                for label, token in item.unmatched.get(id(pending), []):
                    pending.row.values.setdefault(label, Amount(parse_amount(token.text), token.text, token.source))
            placed[table_id] = table


def _rows_per_project(disclosure: Disclosure) -> None:
    """A target table listing its projects (Beijing 预算表12) holds one row per project, its
    项目总额 as 合计, rather than a row per printed line."""
    for extra in disclosure.extra_tables:
        if extra.concept != "project_targets" or extra.source is None or not extra.lines:
            continue
        first, last = extra.source.page or 0, extra.lines[-1][1].page or 0
        listed = [target for target in disclosure.targets if target.kind == "project" and target.total is not None
                  and target.indicators_complete and first <= (target.source.page or 0) <= last]
        if listed:
            extra.rows = [Row("project", target.project, {"合计": _amount_of(target.total, target.source)},
                              project=target.project, source=target.source)
                          for target in listed if target.total is not None]


def _amount_of(value: Decimal, source: Source) -> Amount:
    return Amount(value, str(value), source)


def _leans_on_later(table_id: str, order: list[str]) -> bool:
    """Whether an identity ties the table to one read after it (worth a second placement)."""
    later = set(order[order.index(table_id) + 1 :])
    return any(
        {link.left.table, link.right.table} & later and table_id in {link.left.table, link.right.table}
        for link in LINKS
    )


def _completeness(lines: list[TextLine], regions: list[Region], file: str) -> list[Problem]:
    problems = []
    if regions and regions[-1].end == len(lines) and not any(
        is_end_marker(line) for line in lines[regions[-1].start :]
    ):
        last = regions[-1]
        problems.append(Problem(
            f"{TRUNCATED}{last.spec.id}（{last.spec.title}）之后就结束了，没有情况说明等后续内容，"
            "文件可能不完整（被截断）", lines[-1].source, last.spec.id))
    return problems
