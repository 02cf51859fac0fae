"""A table row's key: its classification code (split, glued or crossed codes joined), the
total, a spec row named by its label, an economic class by its name, a period; and the rows
that are not the department's (its units', its own repeated row); a keyed row added to the table."""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.result import Cell as ResultCell
from ..core.result import Provenance, Row, Table, UnitRow, made, to_decimal
from ..core.schemas import TableSchema
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import compact
from . import economic_names
from . import layout as lay
from .columns import IGNORE, ColumnMap
from .layout import Cell, GridRow


def code_of(label_cells: list[Cell]) -> tuple[str | None, bool]:
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
            if s[:1] not in _CODE_STARTS and not s[:1].isdecimal():
                continue  # a word (most label cells): no code glued to it, no number
            seg = _SEGMENTED_CODE.match(s)  # 201-03-01 (行政运行): the parts joined, 2010301
            if seg:
                return "".join(p for p in seg.groups() if p), False
            m = None if _NUMBERISH.match(s) else _GLUED_CODE.match(s)  # 2050101-行政运行, [201]一般…
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


def unit_code(label_cells: list[Cell]) -> str | None:
    """The unit code of a row of one of the department's units (not a cell of the spec)."""
    code, unit = code_of(label_cells)
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


def row_label(label_cells: list[Cell]) -> str:
    """A row's name: its last word that is not a number (an amount printed oddly, 25829,012,
    left among the words, is no name)."""
    words = [compact(c.s) for c in label_cells if c is not None]
    parts = [x for x in words if not x.isdigit() and not _NUMBERISH.match(x)]
    return parts[-1] if parts else ""


# an amount printed oddly (25829,012: a separator out of place), left among a row's words
_NUMBERISH = re.compile(r"^-?\d[\d,，.]*%?$")  # or a rate (2.84%)
_CODE_STARTS = frozenset("-[【〔(（")  # how a number or a bracketed code starts (or a digit)


# the name of a department or unit (乐山市市中区社会保险事务中心), not of a classification row
_ORG_NAME = re.compile(
    r"^.{2,30}?(?:省|市|区|县|镇|街道).{0,20}(?:中心|局|委员会|办公室|院|所|站|处|队|馆|学校|医院|公司|厅|署)$"
)


def listed_by_unit(data: list[GridRow]) -> bool:
    """A unit's name with amounts printed after coded rows: the coded rows come in blocks,
    one per unit (深圳's multi-unit 支出总表), and a code's first row is one unit's, not the
    department's."""
    seen_code = False
    for r in data:
        values = suffix(r)[1]
        if label_code(r)[0]:
            seen_code = True
        elif seen_code and any(v is not None for v in values) and org(label_name(r)):
            return True
    return False


def org(label: str) -> bool:
    """The row names a department or unit (…局, …局(本级))."""
    return bool(_ORG_NAME.search(_OWN_PART.sub("", label)))


_OWN_PART = re.compile(r"[(（][^()（）]{1,8}[)）]$")  # 局(本级): the department's own part


def economic_key(
    label: str, keyed: list[tuple[str, str, GridRow, list[Cell]]], per_unit: bool, t: TableSchema
) -> str | None:
    """A row keyed by the code of the economic class it names (schemas/economic.yaml); the
    department's row before any class is the total. Classes listed unit by unit are the
    units', not the department's: not keyed."""
    if per_unit:
        return None
    key = economic_names.code_for(label, [k for k, *_ in keyed], t.row_names)
    if key is None and not keyed and org(label):
        return "total"
    return key


def without_department_rows(
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


def row_key(
    r: GridRow,
    label_cells: list[Cell],
    values: list[Cell],
    rest: list[GridRow],
    t: TableSchema,
    table: Table,
    src: Source,
    known: tuple[str | None, str] | None = None,
) -> str | None:
    """The row's key (``known``: its code and its label, found by the caller already)."""
    code, label = known if known is not None else (code_of(label_cells)[0], row_label(label_cells))
    if t.layout == "labeled":
        lab = ENUM.sub("", label)
        for rid, pats in t.rows.items():
            if any(p.search(lab) for p in pats):
                return rid
        return None
    if t.layout == "periods":
        return "row"
    total, named = t.row_words.total, t.row_words.named_total
    if total.match(label) or total.match(_LEVEL_WORDS.sub("", label)) or named.match(label):
        return "total"  # 合计, or 类 款 项 | 合计 (the header's last words run into it), 支出合计
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
        c2, _ = label_code(nxt)
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
        vals = suffix(ch)[1]
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


def _first_span(r: GridRow) -> int:
    for c in r.cells:
        if c is not None and c.offs:
            return c.span()[0]
    return 0


def _lead_text(r: GridRow) -> str:
    """A row's words before its first amount, run together (``2025 年``, a year split from
    its 年, is ``2025年``; a whole amount, ``16``, is no year)."""
    out = []
    for c in r.cells:
        if c is None:
            continue
        if lay.is_value(c.s) and ("." in c.s or "," in c.s or not YEARISH.match(c.s.strip())):
            break
        out.append(compact(c.s))
    return "".join(out)


def _amount_rows(keyed: list[tuple[str, str, GridRow, list[Cell]]]) -> list[GridRow]:
    """The rows printing an amount."""
    return [r for _, _, r, values in keyed if any(c is not None and lay.is_value(c.s) for c in values)]


def periods(
    table: Table,
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
    cmap: ColumnMap,
    src: Source,
    year: int | None,
    t: TableSchema,
) -> None:
    """三公-style tables: one printed row whose column groups are years — or one row per year
    (深圳: 2025 年 | 2026 年 | 增减变化金额 under one set of columns), each row the period its
    year names (the budget's year this year's, an earlier one the prior; a change row none),
    or its words (上年预算数 | 本年预算数)."""
    if not keyed:
        return
    if len(set(cmap.periods)) == 1 and _rows_by_words(table, keyed, cmap, src, t):
        return
    by_year = [(k, t.row_words.year.search(_lead_text(k[2]))) for k in keyed]
    if year is not None and len(set(cmap.periods)) == 1 and sum(1 for _, m in by_year if m) >= 2:
        if any(m is not None and int(m.group(1)) > year for _, m in by_year):
            # a row of a year after the budget's: the document's year was misread, and with
            # it which row is this year's
            table.unsure = True
            table.doubts.append(f"表中印有{year}年以后的年度行：本年、上年各是哪一行无法确定")
        for (_, label, r, values), m in by_year:
            if m is None or int(m.group(1)) > year:
                continue
            per = "current" if int(m.group(1)) == year else "prior"
            if table.row(per) is None:
                cm = ColumnMap(cmap.ids, [per] * len(cmap.ids), cmap.how)
                add_row(table, per, label, r, values, cm, src)
        return
    total_rows = [k for k in keyed if t.row_words.total.match(k[1])]
    _, label, r, values = (total_rows or keyed)[0]
    if not total_rows and len(set(cmap.periods)) == 1 and len(_amount_rows(keyed)) > 1:
        # lines of amounts under one set of columns, none naming its year nor the 合计: the
        # first taken for this year's is a guess (it may be last year's)
        r.doubt = True
        table.doubts.append("表中有多行金额而未印各行年度：取第一行为本年，存疑")
    for per in dict.fromkeys(cmap.periods):
        add_row(table, per, label, r, values, cmap.period(per), src)


def _rows_by_words(
    table: Table,
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
    cmap: ColumnMap,
    src: Source,
    t: TableSchema,
) -> bool:
    """One row per year, each naming its year in words (上年预算数 / 本年预算数, periods.yaml):
    each the period it names, the first of each. False where not two rows so named."""
    named: dict[str, tuple[str, GridRow, list[Cell]]] = {}
    for _, label, r, values in keyed:
        lead = _lead_text(r)
        per = (
            "prior"
            if any(w.search(lead) for w in t.prior_words)
            else "current"
            if any(w.search(lead) for w in t.current_words)
            else None
        )
        if per is not None:
            named.setdefault(per, (label, r, values))
    if len(named) < 2:
        return False
    for per, (label, r, values) in named.items():
        add_row(table, per, label, r, values, ColumnMap(cmap.ids, [per] * len(cmap.ids), cmap.how), src)
    return True


def numeric_suffix(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split a row into its label part and the trailing run of value/blank cells."""
    k = len(cells)
    while k > 0 and ((c := cells[k - 1]) is None or lay.is_value(c.s)):
        k -= 1
    return cells[:k], cells[k:]


def suffix(r: GridRow) -> tuple[list[Cell], list[Cell]]:
    """``numeric_suffix(r.cells)``, where the values start found once per row."""
    m = r.memo()
    if (k := m.get("k")) is None:
        label_cells, values = numeric_suffix(r.cells)
        m["k"] = len(label_cells)
        return label_cells, values
    return r.cells[:k], r.cells[k:]


def label_code(r: GridRow) -> tuple[str | None, bool]:
    """``code_of`` the row's label cells (those before its values), found once per row."""
    m = r.memo()
    if (code := m.get("code")) is None:
        code = m["code"] = code_of(suffix(r)[0])
    return code


def label_name(r: GridRow) -> str:
    """``row_label`` of the row's label cells, found once per row."""
    m = r.memo()
    if (name := m.get("name")) is None:
        name = m["name"] = row_label(suffix(r)[0])
    return name


def cells_code(r: GridRow) -> tuple[str | None, bool]:
    """``code_of`` all the row's cells (a code printed among its values too), found once."""
    m = r.memo()
    if (code := m.get("all")) is None:
        code = m["all"] = code_of(r.cells)
    return code


_LEVEL_WORDS = re.compile(r"^(?:类|款|项)+")  # the header's 类 款 项 run into a row's 合计
YEARISH = re.compile(r"^(?:19|20)\d\d$")
ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
_PROJECT_CODE = re.compile(r"\d{6,}[A-Z]\d{6,}")
_GLUED_CODE = re.compile(r"^[\[【〔(（]?(\d{3}(?:\d{2}){0,2})(?:[\]】〕)）](?=\S)|(?=[^\d\]】〕)）]))")
_WS_COMMA = re.compile(r"[\s,]")
# a code printed in its 类, 款 and 项 parts joined by hyphens (201-03, 201-03-01), alone or
# before its name; not a date (2026-03-01: four digits first) nor a range of amounts
_SEGMENTED_CODE = re.compile(r"^[\[【〔(（]?(\d{3})[-－](\d{2})(?:[-－](\d{2}))?(?![\d.,，\-－])")


def printed_value(s: str) -> str:
    """A printed number as the cells spec writes it: no spaces or thousands separators, -0 as 0."""
    # (a printable text without a space or a comma holds none of them: every other blank
    # character is unprintable; most cells are so, and are returned as they are)
    # (and in a printable text the only blank character \s matches is the space: 1,234.56 is
    # mended without a search)
    if s.isprintable():
        v = s.replace(" ", "").replace(",", "") if " " in s or "," in s else s
    else:
        v = _WS_COMMA.sub("", s)
    if v.startswith("-") and to_decimal(v) == 0:
        v = v[1:]
    return v


JUNK = re.compile(
    r"^(?:单位[:：]?(?:万元|元)|金额单位|部门[:：]|部门全称|编制单位|填报单位|预算单位[:：]|备注|说明[:：]|注[:：]|"
    r"[(（]?备注|本表无数据|此表无数据)"
)


def add_row(
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
        row = made(UnitRow, key=key, label=label, line=line, values={}, extra={}, of=unit_of)
    elif row is None:
        row = made(Row, key=key, label=label, line=line, values={}, extra={})
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


def _cell_value(t: Text, src: Source) -> ResultCell:
    return ResultCell.read(printed_value(t.s), Provenance.of(t, src))


def pad_tab_rows(header: list[GridRow], data: list[GridRow]) -> None:
    """Spreadsheet exports may drop a row's trailing empty cells: a tab row's cells are
    positional from the left, so pad every row to the table's full width."""
    full = max(len(r.cells) for r in (*header, *data))
    for r in data:
        if len(r.cells) < full:
            r.cells = r.cells + [None] * (full - len(r.cells))
