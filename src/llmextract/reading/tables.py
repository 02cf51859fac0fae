"""Read a table chunk into the schema's rows and columns (the embedded layout extractor).

Steps: reconstruct the grid (:mod:`.layout`, :mod:`.bands`), drop page furniture, split the
header from the body, map the numeric columns from the header (:mod:`.columns`: positionally
when the layout keeps positions, by reading the header words in order otherwise, and by the
schema's canonical order as a last resort), key each row (:mod:`.rowkeys`: classification
code, total, spec row id, period) and place its values where they stand; a row with fewer
values than columns in a layout without positions goes by the header's order, which the
table's arithmetic may confirm but never chooses (:mod:`.placement`). Two-sided tables
(收入 | 支出) are read by :mod:`.twosided`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..core import labels
from ..core.money import TABLE_UNITS
from ..core.result import Row, Table
from ..core.schemas import Schemas, TableSchema
from ..core.source import Source
from ..document.chunking import Chunk, compact
from . import (
    codeblocks,
    fundparts,
    listcells,
    lists,
    panels,
    targets,
    totalscope,
    transposed,
    unitblocks,
    unitrows,
    widepages,
)
from . import layout as lay
from .columns import (
    _YEAR,
    IGNORE,
    ColumnMap,
    _is_label_word,
    _sequential,
    map_columns,
)
from .layout import Cell, GridRow
from .placement import confirmed, place
from .rowkeys import (
    JUNK,
    YEARISH,
    add_row,
    cells_code,
    code_of,
    economic_key,
    label_code,
    label_name,
    listed_by_unit,
    org,
    pad_tab_rows,
    periods,
    row_key,
    row_label,
    suffix,
    unit_code,
    without_department_rows,
)
from .twosided import two_sided

# readers of layouts kept in modules of their own, which register here (reading/paired.py)
LAYOUT_READERS: dict[str, Callable[..., None]] = {}


def budget_year(text: str, word: str = "预算") -> int | None:
    """The document's year: the one its title names (…2025 年部门预算…, …2026年区级部门
    预算, …2024年度部门决算, 2026 年某局部门预算: ``word`` is the kind's word), else the year
    most often printed."""
    pat = re.compile(
        rf"(20\d\d)\s*年\s*(?:度)?\s*(?:区级|市级|县级|省级|本级)?\s*(?:部门|单位)?\s*{word}(?!数)"
    )
    # the title may name the department between its year and its kind (2026 年深圳市某局部门预算,
    # wrapped or not; 2026 部门预算 without its 年): the first such line of the first lines, as
    # the prose further on may name last year's 部门预算
    named = re.compile(rf"(20\d\d)\s*(?:年\s*(?:度)?[^\d，。；：:、]{{0,40}}?)?(?:部门|单位)\s*{word}(?!数)")
    head = "\n".join(head_lines(text, 60))
    found = [x for x in (pat.search(head), named.search(head)) if x]
    m = min(found, key=lambda x: x.start()) if found else _on_a_title_line(pat, text)
    if m:
        return int(m.group(1))
    # no title names it (a 报表 printed apart from its 情况说明): the year a line of its own
    # names in brackets under a table's title ((2026年度)), else the year most often printed
    # (which past work in 绩效 sentences may outnumber)
    alone = Counter(int(y) for y in _YEAR_ALONE.findall(text))
    years = alone or Counter(int(y) for y in _YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def head_lines(text: str, n: int) -> list[str]:
    """``text.splitlines()[:n]`` without splitting the whole text: the lines up to its n-th
    newline are the same lines (a line break is never cut there, not even \\r\\n)."""
    k = -1
    for _ in range(n):
        k = text.find("\n", k + 1)
        if k < 0:
            return text.splitlines()[:n]
    return text[: k + 1].splitlines()[:n]


_YEAR_ALONE = re.compile(r"^[ \t]*[(（][ \t]*(20\d\d)[ \t]*年度?[ \t]*[)）][ \t]*$", re.M)


def _on_a_title_line(pat: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pat`` on a line short enough to be a title and ending with it, or
    with a word or two after it (…2026年部门预算, …部门预算报表, …预算公开): not a 绩效
    sentence's 2025年部门预算项目绩效自评 among a table's cells."""
    for m in pat.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if len(text[start:end].strip()) <= 40 and len(text[m.end() : end].strip()) <= 4:
            return m
    return None


def _is_header_like(row: GridRow, names: set[str], total: re.Pattern[str]) -> bool:
    """A row of header words (``names``: the words of the table's columns)."""
    if any(c is not None and lay.is_value(c.s) and not lay.CODE.match(c.s.strip()) for c in row.cells):
        return False
    words = [compact(c.s) for c in row.cells if c is not None]
    if not words:
        return True
    hits = sum(1 for w in words if _is_label_word(w) or any(n in w for n in names) or _YEAR.search(w))
    return hits >= max(1, len(words) // 2) and not any(total.match(w) for w in words)


_MONEY_UNIT = re.compile(rf"单位\s*[:：]?\s*({TABLE_UNITS})")


def money_unit(chunk: Chunk) -> str:
    """The money unit the table says it prints in (``单位：元``), from its title and the lines
    under it; "" when it does not say (the documents' usual 万元)."""
    for line in chunk.lines[:10]:
        if m := _MONEY_UNIT.search(line.s):
            return m.group(1)
    return ""


def extract(
    chunk: Chunk, t: TableSchema, schemas: Schemas, src: Source, year: int | None, by_columns: bool = True
) -> Table:
    """One table chunk read (``by_columns``: a wide table printed by columns, its later pages
    naming further columns, is read group by group and joined, ``reading/widepages.py``)."""
    if (
        by_columns
        and t.layout == "coded"
        and t.keyed_by_class  # rows keyed by classes, printed on every page
        and (joined := _by_columns(chunk, t, schemas, src, year)) is not None
    ):
        # (each part was settled alone, on its own group's columns: the whole is settled again,
        # a part's doubts about another fund's column printed on another page included)
        return _settled(joined, t, "")
    title = chunk.title
    tline = src.line_col(title.span()[0])[0] if title is not None and title.offs else chunk.start + 1
    # (the chunk's last printed line: a chunk ends with the blank lines before the next heading)
    last = next((ln for ln in reversed(chunk.lines) if ln.offs), None)
    end_line = src.line_col(last.span()[0])[0] if last is not None and last is not title else tline
    table = Table(
        id=t.id, title=compact(title.s) if title is not None else t.title, line=tline, end_line=end_line
    )
    table.money_unit = money_unit(chunk)
    table.doubts.extend(chunk.notes)
    table.unsure = chunk.unsure
    body = chunk.lines[1:]
    if t.layout == "targets":  # a 绩效目标 table: projects' amounts by where they stand
        targets.read(table, body, t, src)
        return table
    breaks = {b - 1 for b in chunk.breaks}  # body lines start after the title
    reading = lay.read(
        body,
        src.geometry,
        measured=src.boxes is not None,
        breaks=breaks,
        ruling=src.ruling,
        screen=src.display_geometry,
        numbering=t.numbering,
        totals=(t.row_words.total, t.row_words.named_total),
    )
    family = reading.family
    rows = reading.rows
    table.layout = family.name
    table.doubts.extend(reading.doubts)
    if family is lay.CELLS and lay.blank_cells_stripped(body):
        table.unsure = True
        table.doubts.append(
            "每行一格，但没有一行标出空格，而空行成片出现：空格似已随行尾空白删去，各行无法可靠区分"
        )
    title_c = compact(title.s) if title is not None else ""
    if family.full_width:
        header = rows[: reading.header_rows]
        data = [r for r in rows[reading.header_rows :] if not _is_junk(r, title_c, t)]
    else:
        header, data = _split_header([r for r in rows if not _is_junk(r, title_c, t)], t)
    if t.layout == "none":
        return table
    if t.layout == "two_sided":
        two_sided(table, header, data, reading, t, schemas, src, year)
    elif t.layout in LAYOUT_READERS:  # a reader of its own (paired: a 决算's 基本支出 table)
        LAYOUT_READERS[t.layout](table, header, data, reading, t, src)
    elif (found := panels.heads(header, data, reading, t, src))[0]:  # as panels (reading/panels.py)
        LAYOUT_READERS["panels"](table, header, data, reading, t, src, found)
    else:
        names = unitblocks.unit_names(schemas.units)
        _grid(table, header, data, reading, t, src, year, names, by_order=not by_columns)
    return _settled(table, t, " ".join(r.joined() for r in header))


def _settled(table: Table, t: TableSchema, header: str) -> Table:
    """The table (and its blocks, a table printed unit by unit) with each fund's part and each
    open-scope total its columns do not confirm in doubt, and every cell in doubt if it is unsure.
    ``header``: the header's text, where known."""
    for part in (table, *unitblocks.blocks_of(table)):
        fundparts.settle(part, t, header)
        totalscope.settle(part, t)
        part.unsure = part.unsure or table.unsure
        if part.unsure:
            for r in (*part.rows, *part.units):
                for c in r.values.values():
                    c.status = "doubt"
    return table


def _by_columns(
    chunk: Chunk, t: TableSchema, schemas: Schemas, src: Source, year: int | None
) -> Table | None:
    """A table whose later page prints further columns of the same rows (its header naming
    columns the first page's does not): each group of columns read by its own header, joined by
    the rows' keys; None when it is not printed so."""
    breaks = {b - 1 for b in chunk.breaks}
    title_c = (compact(chunk.title.s) if chunk.title is not None else "") + " " + (chunk.label or "")
    groups = widepages.column_groups(chunk.lines[1:], breaks, title_c, measured=src.boxes is not None)
    if groups is None:
        return None
    return widepages.join(
        chunk, groups, breaks, lambda ch: extract(ch, t, schemas, src, year, by_columns=False)
    )


def _is_junk(r: GridRow, title_c: str, t: TableSchema) -> bool:
    j = r.joined()
    if not j:
        return True
    if JUNK.match(j) or (len(j) >= 6 and title_c and (j in title_c or title_c.endswith(j))):
        return True
    # (the cells read from the right: a row's values stand last, so a value is found first)
    return not any(c is not None and lay.is_value(c.s) for c in reversed(r.cells)) and bool(t.title_match(j))


def _split_header(rows: list[GridRow], t: TableSchema) -> tuple[list[GridRow], list[GridRow]]:
    """Header: the rows before the first row that holds a value or a code. Later rows
    without values that look like a header are a header repeated on a new page."""
    header: list[GridRow] = []
    data: list[GridRow] = []
    names = {n for c in (*t.columns, *t.income_columns) for n in c.names}  # once, not per row
    for r in rows:
        has_value = any(  # (from the right, where a row's values stand)
            c is not None and lay.is_value(c.s) and not YEARISH.match(c.s.strip()) for c in reversed(r.cells)
        )
        code, unit = cells_code(r)
        if not data and not has_value and not code and not unit:
            header.append(r)
            continue
        if data and not has_value and not code and _is_header_like(r, names, t.row_words.total):
            continue
        data.append(r)
    return header, data


def _label_path(path: list[str] | None) -> bool:
    """A column headed by label words only (项目 / 功能分类科目编码: the codes printed in a column
    of their own) is none of the amounts."""
    return path is None or (
        bool(path) and all(_is_label_word(p) and not _AMOUNT_WORD.search(p) for p in path)
    )


# 功能分类科目名称合计: an amount's heading run into a label
_AMOUNT_WORD = re.compile(r"合计|总计|小计|金额|数$")


def _numeric_width(data: list[GridRow], reading: lay.Reading) -> tuple[int, int]:
    W = lay.width(data)
    if reading.paths is not None:
        M = 0
        while M < len(reading.paths) and not _label_path(reading.paths[len(reading.paths) - 1 - M]):
            M += 1
        return len(reading.paths), M
    coded = [r for r in data if cells_code(r)[0]]
    basis = coded or data
    suffix_lens = Counter(len(suffix(r)[1]) for r in basis)
    M = suffix_lens.most_common(1)[0][0] if suffix_lens else 0
    if not reading.family.placed_by_count and coded:
        M = min(M, W)
    return W, M


def _header_count(header: list[GridRow], t: TableSchema, year: int | None) -> int:
    """How many value columns the header names, when its words can be read in order."""
    text = "".join(compact("".join(r.texts())) for r in header)
    ids, _ = _sequential(text, t.columns, t, [int(y) for y in _YEAR.findall(text)], year)
    return len(ids) if ids and len(set(ids)) == len(ids) and IGNORE not in ids else 0


def _grid(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    src: Source,
    year: int | None,
    names: unitblocks.UnitNames | None = None,
    by_order: bool = False,
) -> None:
    """``by_order``: a row printing no name nor code is kept under its place among them
    (``widepages.ORDINAL``), for a group of a table's columns printed apart to be joined."""
    if not data:
        return
    if t.row_key == "name":  # a list of projects: its column of 绩效目标 sentences is none of the amounts
        data, reading = lists.without_text_columns(data, reading, tuple(t.raw.get("text_columns") or ()))
    family = reading.family
    if family.pads_trailing:
        pad_tab_rows(header, data)
    said, unsure = len(table.doubts), table.unsure
    mapped = _grid_columns(table, header, data, reading, t, year)
    if mapped is None:
        return
    cmap, M = mapped
    mapping_said = len(table.doubts)  # what the mapping of the columns said (doubts[said:] so far)
    if t.row_key == "name" and family.full_width:
        data = lists.join_wrapped(data, M)  # names wrapped above and below their amounts
    if t.raw.get("units_by_name"):
        data = listcells.by_drawn_cells(data, M, src)  # a name's lines: those in its amount's drawn cell
    # a 三公 table printing its items as rows, its funds as columns
    if (
        t.layout == "periods"
        and (read := transposed.read_if_items_as_rows(table, header, data, reading, M, t, src, year))
        is not None
    ):
        if read and all(read):
            # every column named by its own header words as a row (2026年预算数): what the
            # columns' mapping onto the schema's said of them is not so
            del table.doubts[said:mapping_said]
            table.unsure = unsure
        return
    n_label = (len(reading.paths) if reading.paths is not None else lay.width(data)) - M
    by_name = unitrows.listed_by_unit(header, data, n_label, t)
    grid = _Grid(reading, t, cmap, M, src, year, by_name, by_order)
    # units listed one row each under a header naming them (unitrows): keyed by name, each a block
    parts = None if by_name else _unit_split(data, t, names)
    if parts is None and by_name:  # a list of units by name (单位名称 over the label column)
        _key_rows(table, data, grid)
        unitblocks.attach(table, _named_units_as_blocks(table))
        return
    if parts is None:
        _key_rows(table, data, grid)
        return
    # a table printed unit by unit: the department's lines, then each unit's block as a table
    _key_rows(table, [data[i] for i in parts.department], grid)
    blocks = _named_units_as_blocks(table) if by_name else []
    for k, b in enumerate(parts.blocks, 1):
        bt = unitblocks.block_table(table, b.name, k)
        _key_rows(bt, [data[i] for i in b.rows], grid, head=data[b.head] if b.total else None)
        blocks.append(bt)
        if by_name:  # a unit's line the split did not take for one (its name wrapped): its own block
            blocks += _named_units_as_blocks(bt)
    for k, bt in enumerate(blocks, 1):
        bt.block = k
    unitblocks.attach(table, blocks)


def _named_units_as_blocks(table: Table) -> list[Table]:
    """A list of units by name: each unit's row, keyed by its name, becomes the total row of
    that unit's block — the units' figures kept apart from the department's, as for a table
    printed unit by unit; the department's 合计 stays."""
    blocks: list[Table] = []
    keep: list[Row] = []
    for r in table.rows:
        if r.key == "total":
            keep.append(r)
            continue
        bt = unitblocks.block_table(table, r.key.split("#")[0], len(blocks) + 1)
        bt.rows.append(r.model_copy(update={"key": "total"}))
        blocks.append(bt)
    table.rows = keep
    return blocks


def _unit_split(
    data: list[GridRow], t: TableSchema, names: unitblocks.UnitNames | None
) -> unitblocks.Split | None:
    """The department's lines and the units' blocks of a table printed unit by unit (None: not so)."""
    if names is None:
        return None
    if t.layout == "coded" and t.keyed_by_class:
        return unitblocks.split(unitblocks.lines_of(data, t), names.match)
    if t.layout == "periods":
        return unitblocks.split_repeating(unitblocks.period_lines(data, t))
    return None


@dataclass
class _Grid:
    """What keying a grid's rows needs: its reading, schema, columns and their count."""

    reading: lay.Reading
    t: TableSchema
    cmap: ColumnMap
    M: int
    src: Source
    year: int | None
    by_unit_name: bool = False  # the label column is headed 单位名称: each row a unit, keyed by its name
    by_order: bool = False  # a row printing no name nor code keyed by its place (widepages.ORDINAL)


def _row_cells(r: GridRow, g: _Grid) -> tuple[list[Cell], list[Cell]]:
    """A data row's label cells and its M value cells, where they stand (a row whose values'
    columns are a guess is in doubt, unless its arithmetic confirms them)."""
    family, M = g.reading.family, g.M
    label_cells, values = suffix(r)
    if family.full_width:
        values = r.cells[len(r.cells) - M :]
        if g.reading.paths is not None and len(label_cells) < len(r.cells) - M:
            label_cells = r.cells[: len(r.cells) - M]  # a code printed in a column of its own
    elif family.placed_by_count or len(values) != M:
        fewer = len(values) < M
        values, guessed = place(values, M)
        if guessed and not (fewer and confirmed(values, g.cmap.ids, g.t)):
            r.doubt = True
    values = values[len(values) - M :] if len(values) > M else values
    return label_cells, values


def _key_rows(table: Table, data: list[GridRow], g: _Grid, head: GridRow | None = None) -> None:
    """Key the rows of ``data`` into ``table`` (``head``: a unit's line, its block's total)."""
    t, src, M = g.t, g.src, g.M
    family = g.reading.family
    keyed: list[tuple[str, str, GridRow, list[Cell]]] = []
    units: list[tuple[str, str, GridRow, list[Cell]]] = []
    if head is not None:
        label_cells, values = _row_cells(head, g)
        keyed.append(("total", table.unit_name or row_label(label_cells), head, values))
    per_unit = sum(1 for r in data if org(label_name(r))) > 1
    name_keys = lists.NameKeys(
        org,
        t.row_words.total,
        lists.levels(data, M, src, t.row_words.total) if t.row_key == "name" and family.full_width else [],
        by_name=bool(t.raw.get("units_by_name")),
    )
    dept: tuple[str, GridRow, list[Cell]] | None = None  # the department's row, before any class
    unit_keys = unitrows.UnitKeys(t.row_words.total) if g.by_unit_name else None
    for i, r in enumerate(data):
        label_cells, values = _row_cells(r, g)
        if label_cells == suffix(r)[0]:  # the cells before its values: their name and code known
            label, code = label_name(r), label_code(r)
        else:
            label, code = row_label(label_cells), code_of(label_cells)
        if code[1] and (unit := unit_code(label_cells)):
            units.append((unit, label, r, values))
            continue
        if unit_keys is not None:  # the label column headed 单位名称: each row a unit, by name
            key = unit_keys.key(label_cells, src)
        elif t.row_key == "economic_name" and not t.row_words.total.match(label):
            key = economic_key(label, keyed, per_unit, t)
        elif t.row_key == "name":
            key = name_keys.key(label, lists.indent(label_cells, src))
            r.doubt = r.doubt or (not r.drawn and lists.name_unsure(label_cells, values, src))
        else:
            key = row_key(r, label_cells, values, data[i + 1 :], t, table, src, (code[0], label))
        if key is None and len(data) == 1 and t.layout == "coded" and not label:
            key = "total"  # the table's one line of amounts, under a header naming its 合计: the whole
        if key is None and g.by_order and not label and not code[0] and head is None:
            key = f"{widepages.ORDINAL}{i}"  # (its place: a group of columns printed apart, joined by it)
        if key is None and t.layout == "coded" and not keyed and dept is None:
            dept = (label, r, values) if org(label) else None
        if key is None and t.raw.get("units_by_name"):
            lists.report_unnamed(table, values, src)  # an amount no name stands beside: said, not read
        if key is None:
            continue
        keyed.append((key, label, r, values))
    if unit_keys is not None:  # no 合计 printed: the department's row opening the list
        keyed = unitrows.with_total(keyed)
    if dept is not None and not any(k == "total" for k, *_ in keyed):
        # the department's row before every classified row, in a table printing no 合计: its total
        keyed.insert(0, ("total", *dept))
    keyed = without_department_rows(keyed)
    if head is None and not table.block and t.row_key == "code" and t.layout == "coded":
        keyed = codeblocks.read(table, keyed, g.cmap, src)  # printed unit by unit, the units unnamed
    _place_keyed(table, data, keyed, units, g)


def _place_keyed(
    table: Table,
    data: list[GridRow],
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
    units: list[tuple[str, str, GridRow, list[Cell]]],
    g: _Grid,
) -> None:
    """Add the keyed rows (and the units' rows) to ``table``."""
    t, src, cmap = g.t, g.src, g.cmap
    if t.row_key == "name":
        keyed = lists.confirm_units(keyed)  # a unit by its indent heads its projects where they add up
    if t.raw.get("units_by_name"):
        keyed = lists.without_name_fragments(keyed, table, src)  # a name's lines printed apart
    if t.row_key == "code" and listed_by_unit(data):
        for key, _, r, _ in keyed:
            r.doubt = r.doubt or key != "total"
        table.doubts.append(
            "各行按单位分列（单位名称下是其自己的编码行）：第一个单位的各行落在部门各行的位置，存疑"
        )
    if t.layout == "periods":
        periods(table, keyed, cmap, src, g.year, g.t)
        _named_rows(table, keyed, g)
        for code, label, r, values in units:
            for per in dict.fromkeys(cmap.periods):
                add_row(table, code, label, r, values, cmap.period(per), src, unit_of=per)
        return
    for key, label, r, values in keyed:
        add_row(table, key, label, r, values, cmap, src)
    for code, label, r, values in units:
        add_row(table, code, label, r, values, cmap, src, unit_of="total")


def _named_rows(table: Table, keyed: list[tuple[str, str, GridRow, list[Cell]]], g: _Grid) -> None:
    """A table of one row per year: a row its schema names (``rows``: 增减变化金额, the change
    between the two years), read under that name, once."""
    if not g.t.rows or len(set(g.cmap.periods)) != 1:
        return
    cmap = ColumnMap(g.cmap.ids, ["current"] * len(g.cmap.ids), g.cmap.how)
    for _, label, r, values in keyed:
        name = compact(label)
        rid = next((k for k, pats in g.t.rows.items() if any(p.search(name) for p in pats)), None)
        if rid is not None and table.row(rid) is None:
            add_row(table, rid, label, r, values, cmap, g.src)


def _grid_columns(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    year: int | None,
) -> tuple[ColumnMap, int] | None:
    """The table's columns: how many hold amounts (M), and what each is (by position, by the
    header's words in order, or by the schema's order, in doubt); None when no column holds one."""
    family = reading.family
    W, M = _numeric_width(data, reading)
    if family.placed_by_count:
        # without trailing spaces a row's blank last cells leave no trace: the header says how
        # many value columns there are, when no row prints more values than that
        most = max(len([c for c in suffix(r)[1] if c is not None]) for r in data)
        named = _header_count(header, t, year)
        if named and named >= most and named > M:
            M = named
    if M == 0:
        return None
    cmap = map_columns(header, family, W, M, t, t.columns, year, reading.paths)
    table.columns = [c for c in dict.fromkeys(x for x in cmap.ids if x and x != IGNORE)]
    table.doubts.extend(cmap.notes)
    if cmap.how == "positional" and reading.paths:
        table.parts = _parts(cmap, reading.paths[-M:])
    if cmap.how != "positional":
        if any(x not in (None, IGNORE) for x in cmap.ids):
            order = "表头词语的顺序" if cmap.how == "sequential" else "表的定义中各列的顺序"
            heads = labels.headings(t)
            names = "、".join(heads.get(x, x) if x and x != IGNORE else "（不读）" for x in cmap.ids)
            table.doubts.append(f"各列按{order}读取：{names}")
        # columns not read where they stand: by the schema's order, or (for a reading by
        # position, which should have placed them) by the order of the header's words
        table.unsure = table.unsure or cmap.how == "canonical" or family.full_width
    return cmap, M


_OF_WHICH = re.compile(r"^其中[:：]?$")


def _parts(cmap: ColumnMap, paths: list[list[str] | None]) -> list[str]:
    """Columns printed under a 其中 (of which) group word of their own, right of the columns
    that make the whole (合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 …): parts of those,
    not further addends."""
    return [
        cid
        for cid, p in zip(cmap.ids, paths, strict=False)
        if cid not in (None, IGNORE) and p and any(_OF_WHICH.match(w) for w in p[:-1])
    ]
