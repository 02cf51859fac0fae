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
from typing import Any, TypeVar

from ..core.result import Table
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
) -> None:
    """Read a table printed as panels side by side: each cell goes to the panel its position
    says (a name or code right of a panel's last amount heading is the next panel's), each
    amount to the amount heading nearest above it; each panel's part of a line is a row."""
    p = panels.spec(t)
    if p is None or not data:
        return
    heads, guessed = panels.heads(header, data, reading, t, src)
    if guessed:
        table.unsure = True
        table.doubts.append("本表分左右两栏印，但金额列的表头未能识别：各栏金额按所在位置读入，存疑")
    unsure: set[tuple[int, int]] = set()
    rows = [_code_moved(split_line(r, reading, heads, p, src, unsure, i), []) for i, r in enumerate(data)]
    ids = list(dict.fromkeys(c for _, amounts in heads for _, c in amounts)) or [p.amount]
    for i, h, key, labels, amounts in walk(rows, lambda labels: _panel_key(labels, p)):
        values: dict[str, Cell | None] = dict(amounts)
        if not key[:1].isdigit():  # a foot line: the row and column its label names
            key, values = _foot(row_label(labels), values, p)
        cmap = ColumnMap(list(values), ["current"] * len(values), "positional")
        add_row(table, key, row_label(labels), data[i], list(values.values()), cmap, src)
        if (i, h) in unsure:
            row = table.row(key)
            for cid in values:
                if row is not None and cid in row.values:
                    row.values[cid].status = "doubt"
    table.columns = [c for c in (c.id for c in t.columns) if c in ids or c in {f for _, f, _ in p.foot}]
    if unsure:
        table.doubts.append("本表左右两栏中有金额无法确定所在列")


def _foot(label: str, values: dict[str, Cell | None], p: panels.Panels) -> tuple[str, dict[str, Cell | None]]:
    """A foot line's row and figure: the cell its label names (人员经费合计 → the total row's
    人员经费), its amount under that column, or its one amount wherever it stands (合计 under
    both panels, its amount far right)."""
    cell = panels.foot_cell(label, p)
    if cell is None:
        return "", {}
    lone = next(iter(values.values())) if len(values) == 1 else None
    return cell[0], {cell[1]: values.get(cell[1]) or lone}


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
    unsure: set[tuple[int, int]],
    i: int,
) -> list[tuple[list[Cell | None], list[tuple[str, Cell]]]]:
    """The line's part in each panel: (name and code cells, [(column, amount)]); a line of one
    name and one amount (合计 under both panels) is one row, in the panel of its name."""
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
    if len(named) == 1 and len(priced) == 1 and named != priced and len(out[priced[0]][1]) == 1:
        k, j = named[0], priced[0]
        if not out[j][0]:
            out[k] = (out[k][0], out[j][1])  # 合计 at the left, its amount at the right
            out[j] = ([], [])
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
