"""Read a table chunk into the schema's rows and columns (the embedded layout extractor).

Steps: reconstruct the grid (:mod:`llmextract.layout`), drop page furniture, split the
header from the body, map the numeric columns from the header (positionally when the
layout keeps positions, by reading the header words in order otherwise, and by the
schema's canonical order as a last resort), key each row (classification code, total,
spec row id, period) and place its values — using the table's own arithmetic to place a
value when the layout leaves its column in doubt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from itertools import combinations
from math import comb

from ..core import labels
from ..core.result import Cell as ResultCell
from ..core.result import Provenance, Row, Table, UnitRow, to_decimal
from ..core.schemas import Schemas, TableSchema, class_for_name
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import Chunk, compact
from . import economic_names, lists
from . import layout as lay
from .columns import (
    _TOTAL,
    _YEAR,
    IGNORE,
    ColumnMap,
    _header_positions,
    _is_label_word,
    _match_column,
    _sequential,
    map_columns,
)
from .layout import Cell, GridRow

# readers of layouts kept in modules of their own, which register here (reading/paired.py)
LAYOUT_READERS: dict[str, Callable[..., None]] = {}
_JUNK = re.compile(
    r"^(?:单位[:：]?(?:万元|元)|金额单位|部门[:：]|部门全称|编制单位|填报单位|预算单位[:：]|备注|说明[:：]|注[:：]|"
    r"[(（]?备注|本表无数据|此表无数据)"
)
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
_PROJECT_CODE = re.compile(r"\d{6,}[A-Z]\d{6,}")
_GLUED_CODE = re.compile(r"^[\[【〔(（]?(\d{3}(?:\d{2}){0,2})(?:[\]】〕)）](?=\S)|(?=[^\d\]】〕)）]))")
_YEAR_ROW = re.compile(r"(?<!\d)(20\d\d)\s*年(?:度|预算数?)?$")  # a row naming its year last
_YEARISH = re.compile(r"^(?:19|20)\d\d$")
_WS_COMMA = re.compile(r"[\s,]")
# the name of a department or unit (乐山市市中区社会保险事务中心), not of a classification row
_ORG_NAME = re.compile(
    r"^.{2,30}?(?:省|市|区|县|镇|街道).{0,20}(?:中心|局|委员会|办公室|院|所|站|处|队|馆|学校|医院|公司|厅)$"
)


def budget_year(text: str, word: str = "预算") -> int | None:
    """The document's year: the one its title names (…2025 年部门预算…, …2026年区级部门
    预算, …2024年度部门决算: ``word`` is the kind's word), else the year most often printed."""
    pat = re.compile(
        rf"(20\d\d)\s*年\s*(?:度)?\s*(?:区级|市级|县级|省级|本级)?\s*(?:部门|单位)?\s*{word}(?!数)"
    )
    head = "\n".join(text.splitlines()[:60])
    m = pat.search(head) or pat.search(text)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def printed_value(s: str) -> str:
    """A printed number as the cells spec writes it: no spaces or thousands separators, -0 as 0."""
    v = _WS_COMMA.sub("", s)
    if v.startswith("-") and to_decimal(v) == 0:
        v = v[1:]
    return v


def _cell_value(t: Text, src: Source) -> ResultCell:
    return ResultCell.model_construct(value=printed_value(t.s), provenance=Provenance.of(t, src))


# -- header → columns -----------------------------------------------------------------


# -- rows -------------------------------------------------------------------------------


def _numeric_suffix(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split a row into its label part and the trailing run of value/blank cells."""
    k = len(cells)
    while k > 0 and ((c := cells[k - 1]) is None or lay.is_value(c.s)):
        k -= 1
    return cells[:k], cells[k:]


def _code_of(label_cells: list[Cell]) -> tuple[str | None, bool]:
    """(joined classification code, is a unit/department row)."""
    code = ""
    for c in label_cells:
        if c is None:
            if code:
                break
            continue
        s = compact(c.s)
        if not s.isdigit():
            if code:
                break
            m = _GLUED_CODE.match(s)  # code glued to its name: 2050101-行政运行, [201]一般公共服务支出
            if m:
                return m.group(1), False
            continue
        if not code:
            if lay.UNIT_CODE.match(s):
                return None, True
            if lay.CODE.match(s):
                code = s
                continue
            return None, False
        if len(s) == 2 and len(code) in (3, 5):
            code += s
        elif s.startswith(code) and len(s) in (5, 7):
            code = s
        else:
            break
    return (code or None), False


def _unit_code(label_cells: list[Cell]) -> str | None:
    """The unit code of a row of one of the department's units (not a cell of the spec)."""
    code, unit = _code_of(label_cells)
    if not unit:
        return None
    return next(compact(c.s) for c in label_cells if c is not None and lay.UNIT_CODE.match(compact(c.s)))


def _printed_name(label_cells: list[Cell], src: Source) -> str:
    """A row's name as printed (full-width （） kept), without whitespace: a key made from a
    name (the spec drops only whitespace)."""
    cells = [c for c in label_cells if c is not None and not compact(c.s).isdigit()]
    if not cells or not cells[-1].offs:
        return ""
    return "".join(ch for o in cells[-1].offs if not (ch := src.raw[o]).isspace())


_CODE_NAME = re.compile(r"(?<![\d.,])[\[【〔(（]?(\d{3}(?:\d{2}){0,2})(?:[\]】〕)）]|-|－)(?=[^\d\s])")


def _cross_codes(label_cells: list[Cell]) -> list[str]:
    """The codes of a row classified several ways at once, each glued to its name
    (``2050101-行政运行  50101-工资奖金津补贴  30101-基本工资``: function, government and
    department economic classification): one row per combination, keyed by all its codes
    (``2050101/50101/30101``). Fewer than two: not such a row."""
    text = "".join(compact(c.s) for c in label_cells if c is not None)
    return [m.group(1) for m in _CODE_NAME.finditer(text)]


def _row_label(label_cells: list[Cell]) -> str:
    parts = [compact(c.s) for c in label_cells if c is not None and not compact(c.s).isdigit()]
    return parts[-1] if parts else ""


def _place(values: list[Cell], M: int) -> tuple[list[Cell], bool]:
    """Fit a row's value cells into M columns when their count does not say where they go
    (text whose cells are told apart by their gaps alone): the cells as read, the missing
    ones trailing (a row does not show its blank last cells when trailing blanks are trimmed).
    Returns the cells and whether their columns are a guess — a row printing values but fewer
    cells than columns — which is a doubt. Arithmetic does not choose a placement: it only
    confirms one, in the checks."""
    if len(values) == M:
        return values, False
    if len(values) > M:
        # blank cells before the values (the row label's empty cells) stand in no column
        lead = values[: len(values) - M]
        return values[len(values) - M :], any(v is not None for v in lead)
    as_read = values + [None] * (M - len(values))
    return as_read, any(v is not None for v in values)


_CONFIRM_AT_MOST = 120  # other placements a row's arithmetic is tried on, to confirm its own


def _confirmed(cells: list[Cell], ids: list[str | None], t: TableSchema) -> bool:
    """The row's identities hold with its cells where they were read, and with no other
    placement of them as well (a few rows' values, few columns): arithmetic confirms the
    placement, it never chooses one — the cells stay where they were read either way."""
    held, failed = _identity_score(cells, ids, t)
    if held == 0 or failed:
        return False
    vals = [c for c in cells if c is not None]
    M = len(cells)
    if comb(M, len(vals)) > _CONFIRM_AT_MOST:
        return False  # too many other placements to rule out: in doubt
    for pos in combinations(range(M), len(vals)):
        other: list[Cell] = [None] * M
        for p, v in zip(pos, vals, strict=True):
            other[p] = v
        if [c is None for c in other] == [c is None for c in cells]:
            continue
        h, f = _identity_score(other, ids, t)
        if h >= held and not f:
            return False  # another placement holds as well: the arithmetic cannot confirm
    return True


def _identity_score(cells: list[Cell], ids: list[str | None], t: TableSchema) -> tuple[int, int]:
    """(identities of the row that hold, identities that fail) with the cells as placed."""
    vals: dict[str, Decimal] = {}
    for cid, c in zip(ids, cells, strict=True):
        if cid and cid != IGNORE and c is not None:
            d = to_decimal(printed_value(c.s))
            if d is not None:
                vals[cid] = d
    held = failed = 0
    for ident in t.identities:
        if ident.left not in vals or any(c in vals for c in ident.unless):
            continue
        if not all(c in vals for c in ident.only_with):
            continue
        rhs = [-vals[x] if x in ident.minus else vals[x] for x in ident.right if x in vals]
        if not rhs:
            continue
        if abs(vals[ident.left] - sum(rhs)) <= Decimal("0.01") * len(ident.right):
            held += 1
        else:
            failed += 1
    return held, failed


def _is_header_like(row: GridRow, t: TableSchema) -> bool:
    if any(c is not None and lay.is_value(c.s) and not lay.CODE.match(c.s.strip()) for c in row.cells):
        return False
    words = [compact(c.s) for c in row.cells if c is not None]
    if not words:
        return True
    names = {n for c in (*t.columns, *t.income_columns) for n in c.names}
    hits = sum(1 for w in words if _is_label_word(w) or any(n in w for n in names) or _YEAR.search(w))
    return hits >= max(1, len(words) // 2) and not any(_TOTAL.match(w) for w in words)


_MONEY_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|千元|元)")


def money_unit(chunk: Chunk) -> str:
    """The money unit the table says it prints in (``单位：元``), from its title and the lines
    under it; "" when it does not say (the documents' usual 万元)."""
    for line in chunk.lines[:10]:
        if m := _MONEY_UNIT.search(line.s):
            return m.group(1)
    return ""


def extract(chunk: Chunk, t: TableSchema, schemas: Schemas, src: Source, year: int | None) -> Table:
    title = chunk.title
    tline = src.line_col(title.span()[0])[0] if title is not None and title.offs else chunk.start + 1
    end_line = src.line_col(chunk.lines[-1].span()[0])[0] if chunk.lines and chunk.lines[-1].offs else tline
    table = Table(
        id=t.id, title=compact(title.s) if title is not None else t.title, line=tline, end_line=end_line
    )
    table.money_unit = money_unit(chunk)
    table.doubts.extend(chunk.notes)
    table.unsure = chunk.unsure
    body = chunk.lines[1:]
    breaks = {b - 1 for b in chunk.breaks}  # body lines start after the title
    reading = lay.read(body, src.geometry, measured=src.boxes is not None, breaks=breaks, ruling=src.ruling)
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
        _two_sided(table, header, data, reading, t, schemas, src, year)
    elif t.layout in LAYOUT_READERS:  # a reader of its own (paired: a 决算's 基本支出 table)
        LAYOUT_READERS[t.layout](table, header, data, reading, t, src)
    else:
        _grid(table, header, data, reading, t, src, year)
    if table.unsure:
        for r in (*table.rows, *table.units):
            for c in r.values.values():
                c.status = "doubt"
    return table


def _is_junk(r: GridRow, title_c: str, t: TableSchema) -> bool:
    j = r.joined()
    if not j:
        return True
    if _JUNK.match(j) or (len(j) >= 6 and title_c and (j in title_c or title_c.endswith(j))):
        return True
    return not any(c is not None and lay.is_value(c.s) for c in r.cells) and bool(t.title_match(j))


def _split_header(rows: list[GridRow], t: TableSchema) -> tuple[list[GridRow], list[GridRow]]:
    """Header: the rows before the first row that holds a value or a code. Later rows
    without values that look like a header are a header repeated on a new page."""
    header: list[GridRow] = []
    data: list[GridRow] = []
    for r in rows:
        has_value = any(
            c is not None and lay.is_value(c.s) and not _YEARISH.match(c.s.strip()) for c in r.cells
        )
        code, unit = _code_of(r.cells)
        if not data and not has_value and not code and not unit:
            header.append(r)
            continue
        if data and not has_value and not code and _is_header_like(r, t):
            continue
        data.append(r)
    return header, data


def _pad_tab_rows(header: list[GridRow], data: list[GridRow]) -> None:
    """Spreadsheet exports may drop a row's trailing empty cells: a tab row's cells are
    positional from the left, so pad every row to the table's full width."""
    full = max(len(r.cells) for r in (*header, *data))
    for r in data:
        if len(r.cells) < full:
            r.cells = r.cells + [None] * (full - len(r.cells))


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
    coded = [r for r in data if _code_of(r.cells)[0]]
    basis = coded or data
    suffix_lens = Counter(len(_numeric_suffix(r.cells)[1]) for r in basis)
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
) -> None:
    if not data:
        return
    if t.row_key == "name":  # a list of projects: its column of 绩效目标 sentences is none of the amounts
        data, reading = lists.without_text_columns(data, reading)
    family = reading.family
    if family.pads_trailing:
        _pad_tab_rows(header, data)
    mapped = _grid_columns(table, header, data, reading, t, year)
    if mapped is None:
        return
    cmap, M = mapped
    if t.row_key == "name" and family.full_width:
        data = lists.join_wrapped(data, M)  # names wrapped above and below their amounts
    keyed: list[tuple[str, str, GridRow, list[Cell]]] = []
    units: list[tuple[str, str, GridRow, list[Cell]]] = []
    per_unit = sum(1 for r in data if _org(_row_label(_numeric_suffix(r.cells)[0]))) > 1
    name_keys = lists.NameKeys(
        _org, lists.levels(data, M, src) if t.row_key == "name" and family.full_width else []
    )
    dept: tuple[str, GridRow, list[Cell]] | None = None  # the department's row, before any class
    for i, r in enumerate(data):
        label_cells, values = _numeric_suffix(r.cells)
        if family.full_width:
            values = r.cells[len(r.cells) - M :]
            if reading.paths is not None and len(label_cells) < len(r.cells) - M:
                label_cells = r.cells[: len(r.cells) - M]  # a code printed in a column of its own
        elif family.placed_by_count or len(values) != M:
            fewer = len(values) < M
            values, guessed = _place(values, M)
            if guessed and not (fewer and _confirmed(values, cmap.ids, t)):
                r.doubt = True
        values = values[len(values) - M :] if len(values) > M else values
        if unit := _unit_code(label_cells):
            units.append((unit, _row_label(label_cells), r, values))
            continue
        if t.row_key == "economic_name" and not _TOTAL.match(_row_label(label_cells)):
            key = _economic_key(_row_label(label_cells), keyed, per_unit, t)
        elif t.row_key == "name":
            key = name_keys.key(_row_label(label_cells), lists.indent(label_cells, src))
            r.doubt = r.doubt or lists.name_unsure(label_cells, values, src)
        else:
            key = _row_key(r, label_cells, values, data[i + 1 :], t, table, src)
        if key is None and len(data) == 1 and t.layout == "coded" and not _row_label(label_cells):
            key = "total"  # the table's one line of amounts, under a header naming its 合计: the whole
        if key is None and t.layout == "coded" and not keyed and dept is None:
            dept = (_row_label(label_cells), r, values) if _org(_row_label(label_cells)) else None
        if key is None:
            continue
        keyed.append((key, _row_label(label_cells), r, values))
    if dept is not None and not any(k == "total" for k, *_ in keyed):
        # the department's row before every classified row, in a table printing no 合计: its total
        keyed.insert(0, ("total", *dept))
    keyed = _without_department_rows(keyed)
    if t.row_key == "name":
        keyed = lists.confirm_units(keyed)  # a unit by its indent heads its projects where they add up
    if t.row_key == "code" and _listed_by_unit(data):
        for key, _, r, _ in keyed:
            r.doubt = r.doubt or key != "total"
        table.doubts.append(
            "rows are listed unit by unit (a unit's name over its own coded rows): the first "
            "unit's rows stand where the department's would, in doubt"
        )
    if t.layout == "periods":
        _periods(table, keyed, cmap, src, year)
        for code, label, r, values in units:
            for per in dict.fromkeys(cmap.periods):
                _add_row(table, code, label, r, values, cmap.period(per), src, unit_of=per)
        return
    for key, label, r, values in keyed:
        _add_row(table, key, label, r, values, cmap, src)
    for code, label, r, values in units:
        _add_row(table, code, label, r, values, cmap, src, unit_of="total")


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
        most = max(len([c for c in _numeric_suffix(r.cells)[1] if c is not None]) for r in data)
        named = _header_count(header, t, year)
        if named and named >= most and named > M:
            M = named
    if M == 0:
        return None
    cmap = map_columns(header, family, W, M, t, t.columns, year, reading.paths)
    table.columns = [c for c in dict.fromkeys(x for x in cmap.ids if x and x != IGNORE)]
    if cmap.how == "positional" and reading.paths:
        table.parts = _parts(cmap, reading.paths[-M:])
    if cmap.how != "positional":
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


def _listed_by_unit(data: list[GridRow]) -> bool:
    """A unit's name with amounts printed after coded rows: the coded rows come in blocks,
    one per unit (深圳's multi-unit 支出总表), and a code's first row is one unit's, not the
    department's."""
    seen_code = False
    for r in data:
        label_cells, values = _numeric_suffix(r.cells)
        if _code_of(label_cells)[0]:
            seen_code = True
        elif seen_code and any(v is not None for v in values) and _org(_row_label(label_cells)):
            return True
    return False


def _org(label: str) -> bool:
    """The row names a department or unit (…局, …局(本级))."""
    return bool(_ORG_NAME.search(re.sub(r"[(（][^()（）]{1,8}[)）]$", "", label)))


def _economic_key(
    label: str, keyed: list[tuple[str, str, GridRow, list[Cell]]], per_unit: bool, t: TableSchema
) -> str | None:
    """A row keyed by the code of the economic class it names (schemas/economic.yaml); the
    department's row before any class is the total. Classes listed unit by unit are the
    units', not the department's: not keyed."""
    if per_unit:
        return None
    key = economic_names.code_for(label, [k for k, *_ in keyed], t.row_names)
    if key is None and not keyed and _org(label):
        return "total"
    return key


def _without_department_rows(
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
) -> list[tuple[str, str, GridRow, list[Cell]]]:
    """A code-less row keyed by the rows below it that do not add up to it, which prints the
    total row's amounts, is the department's own row (it repeats the total): not emitted."""
    total = next((v for k, _, _, v in keyed if k == "total"), None)
    if total is None:
        return keyed

    def same(a: list[Cell], b: list[Cell]) -> bool:
        return [printed_value(c.s) if c is not None else None for c in a] == [
            printed_value(c.s) if c is not None else None for c in b
        ]

    return [x for x in keyed if not (x[2].guessed_key and same(x[3], total))]


def _row_key(
    r: GridRow,
    label_cells: list[Cell],
    values: list[Cell],
    rest: list[GridRow],
    t: TableSchema,
    table: Table,
    src: Source,
) -> str | None:
    code, _ = _code_of(label_cells)
    label = _row_label(label_cells)
    if t.layout == "labeled":
        lab = _ENUM.sub("", label)
        for rid, pats in t.rows.items():
            if any(p.search(lab) for p in pats):
                return rid
        return None
    if t.layout == "periods":
        return "row"
    if _TOTAL.match(label) or _TOTAL.match(re.sub(r"^(?:类|款|项)+", "", label)):
        return "total"  # 合计, or 类 款 项 | 合计 (the header's last words run into it)
    if len(cross := _cross_codes(label_cells)) >= 2:
        return "/".join(cross)
    if t.row_key == "project":
        # the project's code as printed, in a cell of its own (not run together with the
        # split classification codes or a unit code printed before it), else its name
        for c in label_cells:
            if c is not None and (m := _PROJECT_CODE.fullmatch(compact(c.s))):
                return m.group(0)
        for c in label_cells:
            if c is not None and (m := re.search(rf"(?<![\dA-Z]){_PROJECT_CODE.pattern}", compact(c.s))):
                return m.group(0)
        if code and label:
            return _printed_name(label_cells, src) or label
    if code:
        return code
    # a row without a code: a group row keyed by its children's code, or a department row
    if _ORG_NAME.search(label):
        return None  # the department (or a unit) by name: it repeats the total
    child_codes: list[str] = []
    children: list[GridRow] = []
    for nxt in rest:
        c2, _ = _code_of(_numeric_suffix(nxt.cells)[0])
        if not c2:
            break
        child_codes.append(c2)
        children.append(nxt)
    if child_codes:
        prefix = child_codes[0]
        for c2 in child_codes[1:]:
            while not c2.startswith(prefix):
                prefix = prefix[:-2] if len(prefix) > 3 else ""
        if len(set(child_codes)) > 1 and prefix in child_codes:
            prefix = prefix[:-2] if len(prefix) > 3 else ""
        if len(set(child_codes)) > 1 and len(prefix) == len(child_codes[0]):
            prefix = prefix[:-2]
        if lay.CODE.match(prefix or ""):
            if not _children_add_up(values, prefix, child_codes, children):
                # nothing printed says this row is that group: the run of coded rows below it
                # may be cut short (a page break, a header printed again) or be another's
                r.doubt = r.guessed_key = True
                table.doubts.append(f"“{label}”一行未印编码，按其下各行记为 {prefix}，但其下各行之和与它不符")
            return prefix
    return None


def _children_add_up(values: list[Cell], prefix: str, codes: list[str], children: list[GridRow]) -> bool:
    """A code-less group row agrees with its direct children (the next level's rows, or the
    rows of its own code: projects under their 项) column by column, within rounding."""
    level = [
        ch for c2, ch in zip(codes, children, strict=True) if c2 == prefix or (len(c2) == len(prefix) + 2)
    ]
    if not level:
        return False
    n = len(values)
    sums: list[Decimal | None] = [None] * n
    for ch in level:
        vals = _numeric_suffix(ch.cells)[1]
        vals = ([None] * (n - len(vals)) + list(vals))[-n:] if n else []
        for k, c in enumerate(vals):
            d = to_decimal(printed_value(c.s)) if c is not None else None
            if d is not None:
                sums[k] = (sums[k] or Decimal(0)) + d
    printed = False
    for v, total in zip(values, sums, strict=True):
        d = to_decimal(printed_value(v.s)) if v is not None else None
        if d is None:
            if total not in (None, Decimal(0)):
                return False
            continue
        printed = True
        if total is None or abs(d - total) > Decimal("0.01") * len(level):
            return False
    return printed


def _add_row(
    table: Table,
    key: str,
    label: str,
    r: GridRow,
    values: list[Cell],
    cmap: ColumnMap,
    src: Source,
    unit_of: str | None = None,
) -> None:
    """Add a printed row (or, with ``unit_of``, a unit's row) to ``table``; a row printed
    again fills its blanks, and a different number the second time is a doubt."""
    line = src.line_col(_first_span(r))[0]
    row: Row | None
    if unit_of is None:
        row = table.row(key)
    else:
        row = next((u for u in table.units if u.key == key and u.of == unit_of), None)
    new = row is None
    if row is None and unit_of is not None:
        row = UnitRow.model_construct(key=key, label=label, line=line, values={}, extra={}, of=unit_of)
    elif row is None:
        row = Row.model_construct(key=key, label=label, line=line, values={}, extra={})
    for cid, cell in zip(cmap.ids, values, strict=False):
        if cell is None:
            continue
        if cid is None or cid == IGNORE:
            continue
        cv = _cell_value(cell, src)
        if r.doubt:
            cv.status = "doubt"
        if cid in row.values:
            if row.values[cid].value != cv.value:
                row.values[cid].status = "doubt"  # which printing is right, the reading cannot tell
                table.doubts.append(
                    f"“{label or key}”一行印了两次，同一列的金额不同：{row.values[cid].value}"
                    f"（第 {row.values[cid].provenance.line} 行）与 {cv.value}"
                    f"（第 {cv.provenance.line} 行）；取前者"
                )
            continue
        row.values[cid] = cv
    if new and isinstance(row, UnitRow):
        table.units.append(row)
    elif new:
        table.rows.append(row)


def _first_span(r: GridRow) -> int:
    for c in r.cells:
        if c is not None and c.offs:
            return c.span()[0]
    return 0


def _periods(
    table: Table,
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
    cmap: ColumnMap,
    src: Source,
    year: int | None = None,
) -> None:
    """三公-style tables: one printed row whose column groups are years — or one row per year
    (深圳: 2025 年 | 2026 年 | 增减变化金额 under one set of columns), each row the period its
    year names (the budget's year this year's, an earlier one the prior; a change row none)."""
    if not keyed:
        return
    by_year = [(k, _YEAR_ROW.search(_lead_text(k[2]))) for k in keyed]
    if year is not None and len(set(cmap.periods)) == 1 and sum(1 for _, m in by_year if m) >= 2:
        for (_, label, r, values), m in by_year:
            if m is None or int(m.group(1)) > year:
                continue
            per = "current" if int(m.group(1)) == year else "prior"
            if table.row(per) is None:
                cm = ColumnMap(cmap.ids, [per] * len(cmap.ids), cmap.how)
                _add_row(table, per, label, r, values, cm, src)
        return
    total_rows = [k for k in keyed if _TOTAL.match(k[1])]
    _, label, r, values = (total_rows or keyed)[0]
    for per in dict.fromkeys(cmap.periods):
        _add_row(table, per, label, r, values, cmap.period(per), src)


def _lead_text(r: GridRow) -> str:
    """A row's words before its first amount, run together (``2025 年``, a year split from
    its 年, is ``2025年``)."""
    out = []
    for c in r.cells:
        if c is None:
            continue
        if lay.is_value(c.s) and ("." in c.s or "," in c.s):
            break
        out.append(compact(c.s))
    return "".join(out)


def _two_sided(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    schemas: Schemas,
    src: Source,
    year: int | None,
) -> None:
    """收支总表: income label | amount | expense label | expense amounts…"""
    if not data:
        return
    family = reading.family
    if family.pads_trailing:
        _pad_tab_rows(header, data)
    exp_cols = t.columns
    W, ids = _expense_columns(header, data, reading, t, year)
    cmap_out = ColumnMap(list(ids), ["current"] * len(ids), "positional")
    cmap_in = ColumnMap([t.income_columns[0].id if t.income_columns else "amount"], ["current"], "positional")
    in_carry = False
    sides = _sides(reading.paths) if reading.paths is not None else None
    stacked = _stacked(reading.paths) if reading.paths is not None and sides is None else None
    if stacked is not None:
        _stacked_sides(table, data, stacked, reading.paths, t, schemas, src)  # type: ignore[arg-type]
        return
    if reading.paths is not None and sides is None:
        table.unsure = True
        table.doubts.append("此收支总表的收入、支出两侧无法按位置分开")
    if sides is not None and reading.paths is not None:
        in_lab, in_cols, out_lab, out_cols = sides
        paths = [reading.paths[k] or [] for k in out_cols]
        # a column headed by an earlier year (上年预算数 beside 本年预算数) is none of the
        # table's columns: it is left out, not read as this year's amount
        ids = [IGNORE if _earlier(p, year) else _match_column(p, "current", exp_cols, t) for p in paths]
        if not any(x not in (None, IGNORE) for x in ids):
            ids = list(t.canonical[: len(out_cols)])
        cmap_out = ColumnMap(list(ids), ["current"] * len(ids), "positional")
        current = [k for k in in_cols if not _earlier(reading.paths[k] or [], year)]
        if len(in_cols) > 1 and len(current) == 1:
            in_cols = current
        elif len(in_cols) > 1:
            table.unsure = True
            table.doubts.append("收入一侧印有多列金额，只读取第一列")
    for r in data:
        cells = list(r.cells) + [None] * max(0, W - len(r.cells), 4 - len(r.cells))
        in_label, in_val, out_label, out_vals = cells[0], cells[1], cells[2], cells[3:]
        if sides is not None:
            in_label = next((cells[k] for k in reversed(in_lab) if cells[k] is not None), None)
            in_val = cells[in_cols[0]]
            out_label = next((cells[k] for k in reversed(out_lab) if cells[k] is not None), None)
            out_vals = [cells[k] for k in out_cols]
        # cells may be shifted when a side is blank: re-split by type
        if in_label is not None and lay.is_value(in_label.s):
            in_label, in_val, out_label, out_vals = None, in_label, in_val, [out_label, *out_vals]
        if in_label is not None:
            key = _side_key(compact(in_label.s), "in", t, schemas, in_carry)
            if key == "in.carryover":
                in_carry = True
            if key:
                _add_row(table, key, compact(in_label.s), r, [in_val], cmap_in, src)
            else:
                _unkeyed(table, "in", [in_val])
        if out_label is not None and not lay.is_value(out_label.s):
            key = _side_key(compact(out_label.s), "out", t, schemas, False)
            if key:
                vals = out_vals[: len(ids)]
                _add_row(table, key, compact(out_label.s), r, vals, cmap_out, src)
            else:
                _unkeyed(table, "out", out_vals)
    table.columns = [c for c in dict.fromkeys([*cmap_in.ids, *ids]) if c]


def _expense_columns(
    header: list[GridRow], data: list[GridRow], reading: lay.Reading, t: TableSchema, year: int | None
) -> tuple[int, list[str | None]]:
    """A 收支总表's width and the columns of its 支出 side (everything after the second label
    column): by the header's positions, else its words in order, else the schema's order."""
    family = reading.family
    W = max(lay.width(data), 4)
    exp_cols = t.columns
    header_text = "".join(compact("".join(r.texts())) for r in header)
    k = [m.start() for m in re.finditer("项目|科目", header_text)]
    tail = header_text[k[1] :] if len(k) > 1 else header_text
    named, _ = _sequential(tail, exp_cols, t, [], year)
    if family.placed_by_count and named and len(set(named)) == len(named):
        W = max(W, 3 + len(named))  # rows may not show their trailing blank cells
    if reading.paths is not None:
        W = len(reading.paths)
    E = W - 3
    ids: list[str | None]
    if family.positional_header and header:
        paths = [p or [] for p in reading.paths[-E:]] if reading.paths else _header_positions(header, W, E)
        ids = [_match_column(p, "current", exp_cols, t) for p in paths] if paths else []
        if not ids or not any(ids):
            ids = list(t.canonical[:E])
    else:
        ids = list(named) if len(named) == E else list(t.canonical[:E])
    return W, ids


def _unkeyed(table: Table, side: str, values: list[Cell | None]) -> None:
    """Note a side of a 收支总表 printing a non-zero amount on a line no row name matched (a
    class under an older name): the lines of that side cannot be summed."""
    if side not in table.unkeyed and any(v is not None and to_decimal(printed_value(v.s)) for v in values):
        table.unkeyed.append(side)


def _earlier(path: list[str], year: int | None) -> bool:
    """A column header naming an earlier year than the budget's (上年预算数, 2025年预算数)."""
    s = "".join(path)
    ys = [int(y) for y in _YEAR.findall(s)]
    return "上年" in s or "去年" in s or (year is not None and bool(ys) and ys[-1] < year)


def _stacked(paths: list[list[str] | None]) -> tuple[list[int], int] | None:
    """A 收支总表 printed as one list (its 收入 lines, then its 支出 lines, under one 项目 |
    预算数 header): (the label columns, the one amount column); None otherwise."""
    labels = [k for k, p in enumerate(paths) if p is None]
    amounts = [k for k, p in enumerate(paths) if p is not None]
    if len(amounts) != 1 or not labels or max(labels) > amounts[0]:
        return None
    return labels, amounts[0]


def _stacked_sides(
    table: Table,
    data: list[GridRow],
    stacked: tuple[list[int], int],
    paths: list[list[str] | None],
    t: TableSchema,
    schemas: Schemas,
    src: Source,
) -> None:
    """Read a 收支总表 printed as one list: the income lines come first, then, from the first
    line that names an expense and no income (or after the income total), the expense lines.
    Each line is keyed by its own name; the one amount column is each side's amount (a
    fiscal summary's expense 合计)."""
    lab_cols, k = stacked
    in_id = t.income_columns[0].id if t.income_columns else "amount"
    out_id = _match_column(paths[k] or [], "current", t.columns, t) or t.canonical[0]
    cmap_in = ColumnMap([in_id], ["current"], "positional")
    cmap_out = ColumnMap([out_id], ["current"], "positional")
    side, in_carry = "in", False
    for r in data:
        cells = list(r.cells) + [None] * max(0, k + 1 - len(r.cells))
        label = next((cells[j] for j in reversed(lab_cols) if cells[j] is not None), None)
        if label is None:
            continue
        lab = compact(label.s)
        key = _side_key(lab, "in", t, schemas, in_carry) if side == "in" else None
        if key is None and (out_key := _side_key(lab, "out", t, schemas, False)) is not None:
            side, key = "out", out_key
        if key is None:
            _unkeyed(table, side, [cells[k]])
            continue
        in_carry = in_carry or key == "in.carryover"
        _add_row(table, key, lab, r, [cells[k]], cmap_in if side == "in" else cmap_out, src)
        if key == "in.grand_total":
            side = "out"
    table.columns = list(dict.fromkeys([in_id, out_id]))


def _sides(paths: list[list[str] | None]) -> tuple[list[int], list[int], list[int], list[int]] | None:
    """A positional reading of a 收支总表: (income label columns, income amount columns,
    expense label columns, expense amount columns), from where the label columns (no header
    path) stand; None when the columns do not fall into those four runs."""
    runs: list[tuple[bool, list[int]]] = []
    for k, p in enumerate(paths):
        label = p is None
        if runs and runs[-1][0] == label:
            runs[-1][1].append(k)
        else:
            runs.append((label, [k]))
    if len(runs) != 4 or not runs[0][0]:
        return None
    return runs[0][1], runs[1][1], runs[2][1], runs[3][1]


def _side_key(label: str, side: str, t: TableSchema, schemas: Schemas, in_carry: bool) -> str | None:
    lab = _ENUM.sub("", label)
    lab = re.sub(r"^其中[:：]", "", lab)
    for rid, pats in t.rows.items():
        if not rid.startswith(side + "."):
            continue
        if any(p.search(lab) for p in pats):
            if (
                in_carry
                and t.carryover_breakdown
                and rid in ("in.general_budget", "in.gov_fund", "in.state_capital")
            ):
                return "in.carryover." + rid.split(".", 1)[1]
            return rid
    if side == "out":
        code = class_for_name(lab, schemas.classes)
        if code:
            return f"out.{code}"
    return None
