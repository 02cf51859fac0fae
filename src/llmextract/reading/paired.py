"""Tables printed in halves side by side (``layout: paired``): a 决算's 一般公共预算财政拨款基本支出
决算表 prints its economic rows as 科目编码 | 科目名称 | 决算数 twice on each line (301, 303 on the
left; 302, 310 on the right), and its two 合计 lines (人员经费合计 | 公用经费合计) at the foot.

Each half of a line is a row of its own: keyed by its code (a 类 code whose 款 stands alone on
the next line, as a wrapped cell prints it, is joined with it) or by the schema's row names,
with the amount of its half's amount column. A half is told by position where the reading
keeps positions (the header's amount columns), otherwise by where the line's second code starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

from ..core.result import Table, to_decimal
from ..core.schemas import TableSchema
from ..core.source import Source
from ..document.chunking import compact
from . import layout as lay
from . import panels
from .columns import IGNORE, ColumnMap, _match_column
from .layout import Cell, GridRow
from .rowkeys import add_row, code_of, row_label
from .tables import LAYOUT_READERS

_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$")
_KUAN = re.compile(r"^\d{2}$")
Half = tuple[list[Cell | None], Cell | None]  # (label cells, amount)
_A = TypeVar("_A")  # a half's amount (a cell or None), or a panel's amounts (a list)


def _halves_by_position(r: GridRow, amounts: list[int]) -> list[Half]:
    cells = list(r.cells) + [None] * max(0, amounts[-1] + 1 - len(r.cells))
    out: list[Half] = []
    start = 0
    for k in amounts:
        out.append((cells[start:k], cells[k]))
        start = k + 1
    return out


def _halves_by_codes(r: GridRow) -> list[Half]:
    """Without positions: the line splits where its second code starts; each half's amount is
    its last decimal figure."""
    cells = [c for c in r.cells if c is not None]
    starts = [i for i, c in enumerate(cells) if lay.CODE.match(compact(c.s)) and len(compact(c.s)) >= 3]
    cut = starts[1] if len(starts) > 1 else len(cells)
    out: list[Half] = []
    for part in (cells[:cut], cells[cut:]):
        amounts = [c for c in part if _AMOUNT.match(compact(c.s))]
        out.append(([c for c in part if c not in amounts], amounts[-1] if amounts else None))
    return out


def _code_moved(halves: list[tuple[list[Cell], _A]], none: _A) -> list[tuple[list[Cell], _A]]:
    """A code read into the half before its own (the left half blank on that line: 30299 drawn
    under the left codes' column): a half that prints only a code goes with the next half, which
    prints a name and an amount but no code. ``none``: a half's amount(s) where it has none."""
    out = list(halves)
    for h in range(1, len(out)):
        (prev, prev_amount), (labels, amount) = out[h - 1], out[h]
        if (
            prev_amount == none
            and code_of(prev)[0]
            and not row_label(prev)
            and amount != none
            and row_label(labels)
            and code_of(labels)[0] is None
        ):
            out[h - 1], out[h] = ([], none), ([*prev, *labels], amount)
    return out


def _key(labels: list[Cell | None], t: TableSchema) -> str | None:
    code, _ = code_of(labels)
    if code:
        return code
    name = re.sub(r"^[一二三四五六七八九十]+[、.]", "", row_label(labels))
    return next((rid for rid, pats in t.rows.items() if any(p.search(name) for p in pats)), None)


def _kuan(labels: list[Cell | None]) -> str | None:
    """The 款 of a half that prints only a two-digit code (the rest of a code wrapped upward)."""
    cells = [compact(c.s) for c in labels if c is not None and compact(c.s).isdigit()]
    return cells[0] if len(cells) == 1 and _KUAN.match(cells[0]) else None


def walk(
    rows: list[list[tuple[list[Cell | None], Any]]], key_of: Callable[[list[Cell | None]], str | None]
) -> Iterator[tuple[int, int, str, list[Cell | None], Any]]:
    """Each row the lines' halves print: (line, half, key, label cells, amounts), the amounts
    (a cell, or the half's cells by column) empty where none is printed. A half is a row of its
    own; a half printing only its amount takes the name printed under it, a 类 code the 款
    printed alone under it, and a code without amount the name and amount under it."""
    used: set[tuple[int, int]] = set()
    for i, halves in enumerate(rows):
        for h, (labels, amount) in enumerate(halves):
            if (i, h) in used:
                continue
            below = rows[i + 1][h] if i + 1 < len(rows) and h < len(rows[i + 1]) else None
            if not labels and amount and below is not None:
                if not below[1] and key_of(below[0]) is not None:
                    labels = list(below[0])  # an amount centred above its name (人员经费合计)
                    used.add((i + 1, h))
            key = key_of(labels)
            if key is not None and len(key) == 3 and below is not None:
                kuan = _kuan(below[0])
                if kuan and not below[1] and code_of(below[0])[0] in (None, kuan):
                    key += kuan  # 301 | 02 printed on two lines: 30102
                    used.add((i + 1, h))
            if key is not None and not amount and below is not None:
                if below[1] and key_of(below[0]) is None and row_label(below[0]):
                    amount, labels = below[1], [*labels, *below[0]]  # the code, then its name and amount
                    used.add((i + 1, h))
            if key is None or (not amount and not labels):
                continue
            yield i, h, key, labels, amount


def read(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    src: Source,
) -> None:
    """Read a table of side-by-side halves into ``table``."""
    if not data:
        return
    amounts: list[int] = []
    if reading.paths is not None:
        for k, p in enumerate(reading.paths):
            if p and _match_column(p, "current", t.columns, t) not in (None, IGNORE):
                amounts.append(k)
    elif reading.family.positional_header:  # cells by position (tabs): the header's amount words
        words = {n for c in t.columns for n in c.names}
        for r in header:
            amounts += [k for k, c in enumerate(r.cells) if c is not None and compact(c.s) in words]
        amounts = sorted(set(amounts))
    col = t.columns[0].id
    cmap = ColumnMap([col], ["current"], "positional")
    rows = [
        _code_moved(_halves_by_position(r, amounts) if amounts else _halves_by_codes(r), None) for r in data
    ]
    for i, _h, key, labels, amount in walk(rows, lambda labels: _key(labels, t)):
        add_row(table, key, row_label(labels), data[i], [amount], cmap, src)
    table.columns = [col]
    if not amounts and reading.paths is not None:
        table.unsure = True
        table.doubts.append("本表左右两半无法按位置分开")


LAYOUT_READERS["paired"] = read


# ---- a table the schema declares may print as panels (reading/panels.py) ---------------------


def read_panels(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    src: Source,
    found: tuple[panels.Heads, bool] | None = None,
) -> None:
    """Read a table printed as panels side by side: each cell goes to the panel its position
    says (a name or code right of a panel's last amount heading is the next panel's), each
    amount to the amount heading nearest above it; each panel's part of a line is a row.
    ``found``: :func:`panels.heads`, where the caller has them. The sums the checks ask are
    each panel's as printed (``Table.sums``)."""
    p = panels.spec(t)
    if p is None or not data:
        return
    heads, guessed = found or panels.heads(header, data, reading, t, src)
    if guessed:
        table.unsure = True
        table.doubts.append("本表分左右两栏印，但金额列的表头未能识别：各栏金额按所在位置读入，存疑")
    groups = panels.groups(header, heads, reading, t, src)
    names = {c.id: min(c.names, key=len) for c in t.columns if c.names}  # (公用经费, not 日常公用经费)
    unsure: set[tuple[int, int]] = set()
    moved: set[int] = set()  # the lines whose amounts were moved to their name's panel
    marks = (unsure, moved)
    rows = [_code_moved(split_line(r, reading, heads, p, src, marks, i), []) for i, r in enumerate(data)]
    printed: panels.Printed = [{} for _ in heads]
    feet: list[tuple[int, str, str, str]] = []
    whole = ""  # the label of the foot line naming the whole table, where one is printed
    apart: tuple[int, list[str]] | None = None  # (panel, columns) of a 合计 printed under one panel
    for i, halves in enumerate(rows):
        label = _spread_foot(halves, p)
        if label:  # 合计 printing each panel's sum under it
            whole = label
            _add_spread(table, halves, groups, p, (data[i], src), feet, names)
            rows[i] = [([], []) for _ in halves]
        elif sums := _panel_sums(halves, p):  # 合计 printing several sums under each panel
            table.doubts.append(
                f"合计行在各栏各印其本栏的合计（{sums}），不是全表的合计，也不知各是哪一部分：未读入"
            )
            rows[i] = [([], []) for _ in halves]
    ids = list(dict.fromkeys(c for _, amounts in heads for _, c in amounts)) or [p.amount]
    coded = {(i, h) for i, halves in enumerate(rows) for h, (lab, _) in enumerate(halves) if code_of(lab)[0]}
    for i, h, key, labels, amounts in walk(rows, lambda labels: _panel_key(labels, p)):
        values: dict[str, Cell | None] = dict(amounts)
        cell = panels.foot_cell(row_label(labels), p) if not key[:1].isdigit() else None
        if cell is not None and cell == (p.row, p.amount) and _columns_apart(amounts):
            # 合计 under one panel's 合计 | 人员经费 | 公用经费: the total row's, each its column
            key, values = cell[0], dict(amounts)
            feet.append((h, cell[0], cell[1], cell[1]))
            whole = row_label(labels)
            apart = (h, list(values))
        elif cell is not None:  # a foot line: the row and column its label names
            amount, read = _foot(cell, dict(amounts))
            key, values = cell[0], {cell[1]: amount}
            feet.append((h, cell[0], cell[1], read))
            whole = row_label(labels) if cell == (p.row, p.amount) else whole
            if cell == (p.row, p.amount) and amount is not None and i not in moved:
                apart = (h, [cell[1]])  # (its one amount under its own panel)
        else:
            values = _kept(table, key, row_label(labels), h, dict(amounts), printed, groups)
        cmap = ColumnMap(list(values), ["current"] * len(values), "positional")
        add_row(table, key, row_label(labels), data[i], list(values.values()), cmap, src)
        if cell is not None:  # (feet[-1]: this foot line's)
            beside = any((i, o) in coded for o in range(len(rows[i])) if o != h)
            _question_foot(table, key, values, (cell, feet[-1][3], h, beside), p, names)
        if (i, h) in unsure:
            row = table.row(key)
            for cid in values:
                if row is not None and cid in row.values:
                    row.values[cid].status = "doubt"
    declared = dict.fromkeys(c.id for c in t.columns)  # (合计 declared by its names and by 预算数: once)
    foot_cols = {f for _, f, _ in p.foot} | {
        c for cols in printed for kept in cols.values() for c in kept.values()
    }
    table.columns = [c for c in declared if c in ids or c in foot_cols]
    table.sums = panels.sums(printed, feet, p)
    if apart is not None:
        _question_whole(table, apart, printed, p)
    total = table.row(p.row)
    if total is not None:  # the whole table's, not the first foot line's (人员经费合计)
        total.label = whole or "合计"
    if unsure:
        table.doubts.append("本表左右两栏中有金额无法确定所在列")


def _question_foot(
    table: Table,
    key: str,
    values: dict[str, Cell | None],
    foot: tuple[tuple[str, str], str, int, bool],
    p: panels.Panels,
    names: dict[str, str],
) -> None:
    """Put in doubt a foot line's figures its place does not bear out, and say why: a 合计
    printed in one panel on a line where another panel still prints a code's row (it may be
    its own panel's sum, not the table's); a foot line naming one part (人员经费合计) whose
    lone amount stands under another part's heading (公用经费). ``foot``: (the row and column
    its label names, the column its amount was read under, its panel, whether another panel
    prints a code's row on its line)."""
    (rid, named), read, h, beside = foot
    row = table.row(key)
    kept = [row.values[c] for c in values if row is not None and c in row.values]
    parts = panels.group_columns(p)
    if not kept:
        return
    if (rid, named) == (p.row, p.amount) and beside:
        why = f"合计印在第 {h + 1} 栏，同一行另一栏仍印有科目行：{'、'.join(c.value for c in kept)} "
        why += "可能只是本栏的合计，不能确认是全表的合计，存疑"
    elif named in parts and read in parts and read != named:
        why = f"{names.get(named, named)}合计行的 {kept[0].value} 印在{names.get(read, read)}列下："
        why += "其名与所在列不符，存疑"
    else:
        return
    for c in kept:
        c.status = "doubt"
    table.doubts.append(why)


def _question_whole(
    table: Table, apart: tuple[int, list[str]], printed: panels.Printed, p: panels.Panels
) -> None:
    """A 合计 printing its amounts (合计 | 人员经费 | 公用经费, or one) under panel ``apart[0]``
    alone: the table's sums are checked on it (every panel's top rows); where another panel
    prints rows too it may be
    its own panel's sum only, and is kept in doubt, said, unless every panel's rows add up to it
    (the arithmetic confirms the place it was read in, never finds one)."""
    h, cols = apart
    whole = panels.whole_sums(printed, p.row, cols)
    table.sums += [s for s in whole if s not in table.sums]
    row = table.row(p.row)
    if row is None or not panels.others_list_rows(printed, h) or all(_holds(table, s) for s in whole):
        return
    kept = [row.values[c] for c in cols if c in row.values]
    if not kept or all(c.status == "doubt" for c in kept):
        return  # (said already: another panel prints a code's row on its line)
    for c in kept:
        c.status = "doubt"
    table.doubts.append(
        f"合计印在第 {h + 1} 栏，另一栏也印有科目行：{'、'.join(c.value for c in kept)} "
        "与各栏科目行之和不符，可能只是本栏的合计，不能确认是全表的合计，存疑"
    )


def _holds(table: Table, total: list[str]) -> bool:
    """Whether a ``total_sum`` of ``Table.sums`` adds up as read (a blank term: 0), within the
    printed rounding of each term."""
    _, left, *terms = total
    amounts = [_amount(table, ref) for ref in (left, *terms)]
    if amounts[0] is None or not amounts[0].is_finite():
        return False
    got = sum((a or Decimal(0) for a in amounts[1:]), Decimal(0))
    step = Decimal(1).scaleb(min(0, int(amounts[0].as_tuple().exponent)))
    return abs(amounts[0] - got) <= step * max(1, len(terms))


def _amount(table: Table, ref: str) -> Decimal | None:
    key, _, col = ref.rpartition(":")
    row = table.row(key)
    cell = row.values.get(col) if row is not None else None
    return to_decimal(cell.value) if cell is not None else None


def _foot(cell: tuple[str, str], values: dict[str, Cell]) -> tuple[Cell | None, str]:
    """A foot line's figure for the cell its label names (人员经费合计 → the total row's
    人员经费): its amount under that column, or its one amount wherever it stands (合计 under
    both panels, its amount far right); and the column it was read under."""
    if cell[1] in values:
        return values[cell[1]], cell[1]
    if len(values) == 1:
        read, amount = next(iter(values.items()))
        return amount, read
    return None, cell[1]


def _whole_label(halves: list[tuple[list[Cell | None], list[tuple[str, Cell]]]], p: panels.Panels) -> bool:
    """Whether the line's one name is a foot line naming the whole table (合计), no code on it."""
    named = [labels for labels, _ in halves if row_label(labels)]
    if len(named) != 1 or any(code_of(labels)[0] for labels, _ in halves):
        return False
    return panels.foot_cell(row_label(named[0]), p) == (p.row, p.amount)


def _panel_sums(halves: list[tuple[list[Cell | None], list[tuple[str, Cell]]]], p: panels.Panels) -> str:
    """The amounts of a 合计 line printing amounts under several panels, some more than one
    (each panel's 合计 | 人员经费 | 公用经费 sums: none is the whole table's, and the header
    does not say which part each panel is), as printed; '' for any other line."""
    priced = [amounts for _, amounts in halves if amounts]
    if len(priced) < 2 or all(len(a) == 1 for a in priced) or not _whole_label(halves, p):
        return ""
    return "；".join(
        f"第 {k + 1} 栏 " + "、".join(_shown(c) for _, c in amounts)
        for k, (_, amounts) in enumerate(halves)
        if amounts
    )


def _columns_apart(amounts: list[tuple[str, Cell]]) -> bool:
    """Several amounts, each under a column of its own."""
    return len(amounts) > 1 and len({c for c, _ in amounts}) == len(amounts)


def _spread_foot(halves: list[tuple[list[Cell | None], list[tuple[str, Cell]]]], p: panels.Panels) -> str:
    """The label of a foot line naming the whole table (合计) printed with one amount in each
    of several panels (each panel's sum), or ''."""
    named = [labels for labels, _ in halves if row_label(labels)]
    priced = [amounts for _, amounts in halves if amounts]
    if len(named) != 1 or len(priced) < 2 or any(len(a) != 1 for a in priced):
        return ""
    if any(code_of(labels)[0] for labels, _ in halves):
        return ""
    label = row_label(named[0])
    return label if panels.foot_cell(label, p) == (p.row, p.amount) else ""


def _add_spread(
    table: Table,
    halves: list[tuple[list[Cell | None], list[tuple[str, Cell]]]],
    groups: list[str | None],
    p: panels.Panels,
    at: tuple[GridRow, Source],
    feet: list[tuple[int, str, str, str]],
    names: dict[str, str],
) -> None:
    """Each panel's amount of a 合计 line printing one under each panel: the total row's part
    the panel's header names (人员经费 | 公用经费); where it names none, the part the schema's
    foot lists in the panels' order, in doubt."""
    order = panels.group_columns(p)
    for k, (_, amounts) in enumerate(halves):
        if not amounts:
            continue
        read, amount = amounts[0]
        col = groups[k] or (order[k] if k < len(order) else None)
        if col is None:
            table.unsure = True
            table.doubts.append(f"合计行在第 {k + 1} 栏所印的 {_shown(amount)} 不知是哪一部分的合计，未读入")
            continue
        add_row(table, p.row, "", at[0], [amount], ColumnMap([col], ["current"], "positional"), at[1])
        feet.append((k, p.row, col, read))
        if groups[k] is None:
            row = table.row(p.row)
            if row is not None and col in row.values:
                row.values[col].status = "doubt"
            name = names.get(col, col)
            table.doubts.append(
                f"合计行在各栏各印一个金额，表头未标明各栏所属："
                f"第 {k + 1} 栏的 {_shown(amount)} 按栏序读作{name}，存疑"
            )


def _kept(
    table: Table,
    key: str,
    label: str,
    h: int,
    values: dict[str, Cell],
    printed: panels.Printed,
    groups: list[str | None],
) -> dict[str, Cell | None]:
    """A panel row's amounts by the column they are kept under: the column read, or, for a
    code printed in two panels (505 as 50501 人员经费 and 50502 公用经费), each panel's group
    column (its 人员经费 | 公用经费) — or, where the header names no group, in doubt."""
    other = next((k for k, cells in enumerate(printed) if k != h and key in cells), None)
    kept = {c: c for c in values}
    if other is not None:
        mine, theirs = groups[h], groups[other]
        before = printed[other][key]
        row = table.row(key)
        if mine and theirs and mine != theirs and len(values) == 1 and len(before) == 1 and row is not None:
            ((read, was),) = before.items()
            if was != theirs and was in row.values and theirs not in row.values:
                row.values[theirs] = row.values.pop(was)
                before[read] = theirs
            kept = {c: mine for c in values}
        else:
            if row is not None:
                for c in row.values.values():
                    c.status = "doubt"
            first = "、".join(c.value for c in row.values.values()) if row is not None else ""
            then = "、".join(_shown(c) for c in values.values())
            table.doubts.append(
                f"“{label or key}”在左右两栏各印一次（{first} 与 {then}），表头未标明各栏所属：取前者，存疑"
            )
            values = {c: v for c, v in values.items() if row is None or c not in row.values}
    printed[h].setdefault(key, {}).update({c: kept[c] for c in values})
    return {kept[c]: v for c, v in values.items()}


def _shown(c: Cell) -> str:
    return c.s.strip() if c is not None else ""


def _panel_key(labels: list[Cell | None], p: panels.Panels) -> str | None:
    code, _ = code_of(labels)
    if code:
        return code
    return "foot" if panels.foot_cell(row_label(labels), p) else None


def split_line(
    r: GridRow,
    reading: lay.Reading,
    heads: panels.Heads,
    p: panels.Panels,
    src: Source,
    marks: tuple[set[tuple[int, int]], set[int]],
    i: int,
) -> list[tuple[list[Cell | None], list[tuple[str, Cell]]]]:
    """The line's part in each panel: (name and code cells, [(column, amount)]); a line of one
    name and one amount (合计 under both panels), or a 合计 and its amounts under one panel, is
    one row, in the panel of its name. ``marks``: where to note (line, panel) of two amounts
    under one heading, and the line whose amounts were moved to its name's panel."""
    unsure, moved = marks
    n = max(1, len(heads))
    out: list[tuple[list[Cell | None], list[tuple[str, Cell]]]] = [([], []) for _ in range(n)]
    for c, x0, x1, _ in panels.placed(r, reading, src):
        if lay.is_value(c.s) and not _is_code(c, (x0 + x1) / 2, heads):
            k, col = _nearest(heads, (x0 + x1) / 2, p)
            if any(col == o for o, _ in out[k][1]):
                unsure.add((i, k))
            out[k][1].append((col, c))
        else:
            k = sum(1 for _, amounts in heads[:-1] if x0 > amounts[-1][0])
            out[k][0].append(c)
    named = [k for k, (labels, _) in enumerate(out) if row_label(labels)]
    priced = [k for k, (_, amounts) in enumerate(out) if amounts]
    several = len(priced) == 1 and len(out[priced[0]][1]) > 1 and _whole_label(out, p)
    if len(named) == 1 and len(priced) == 1 and named != priced and (len(out[priced[0]][1]) == 1 or several):
        k, j = named[0], priced[0]
        if not out[j][0]:
            out[k] = (out[k][0], out[j][1])  # 合计 at the left, its amount at the right
            out[j] = ([], [])
            moved.add(i)
    return out


def _is_code(c: Cell, x: float, heads: panels.Heads) -> bool:
    """A whole number standing nearer its panel's code heading than any amount heading (a
    whole 元 amount without separators, 2200000, is no code where it stands)."""
    s = compact(c.s) if c is not None else ""
    if not lay.CODE.match(s) or "." in s or "," in s:
        return False
    if not heads:
        return True
    code_x, amounts = min(heads, key=lambda h: min(abs(h[0] - x), *(abs(a - x) for a, _ in h[1])))
    return abs(code_x - x) < min(abs(a - x) for a, _ in amounts)


def _nearest(heads: panels.Heads, x: float, p: panels.Panels) -> tuple[int, str]:
    """(panel, column) of the amount heading nearest ``x``."""
    best = (float("inf"), 0, p.amount)
    for k, (_, amounts) in enumerate(heads):
        for hx, col in amounts:
            if abs(hx - x) < best[0]:
                best = (abs(hx - x), k, col)
    return best[1], best[2]


LAYOUT_READERS["panels"] = read_panels
