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

from ..core.result import Table
from ..core.schemas import TableSchema
from ..core.source import Source
from ..document.chunking import compact
from . import layout as lay
from .columns import IGNORE, ColumnMap, _match_column
from .layout import Cell, GridRow
from .rowkeys import add_row, code_of, row_label
from .tables import LAYOUT_READERS

_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$")
_KUAN = re.compile(r"^\d{2}$")
Half = tuple[list[Cell | None], Cell | None]  # (label cells, amount)


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


def _code_moved(halves: list[Half]) -> list[Half]:
    """A code read into the half before its own (the left half blank on that line: 30299 drawn
    under the left codes' column): a half that prints only a code goes with the next half, which
    prints a name and an amount but no code."""
    out = list(halves)
    for h in range(1, len(out)):
        (prev, prev_amount), (labels, amount) = out[h - 1], out[h]
        if (
            prev_amount is None
            and code_of(prev)[0]
            and not row_label(prev)
            and amount is not None
            and row_label(labels)
            and code_of(labels)[0] is None
        ):
            out[h - 1], out[h] = ([], None), ([*prev, *labels], amount)
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
    rows = [_code_moved(_halves_by_position(r, amounts) if amounts else _halves_by_codes(r)) for r in data]
    used: set[tuple[int, int]] = set()
    for i, halves in enumerate(rows):
        for h, (labels, amount) in enumerate(halves):
            if (i, h) in used:
                continue
            if not labels and amount is not None and i + 1 < len(rows) and h < len(rows[i + 1]):
                below, below_amount = rows[i + 1][h]
                if below_amount is None and _key(below, t) is not None:
                    labels = list(below)  # an amount centred above its name (人员经费合计)
                    used.add((i + 1, h))
            key = _key(labels, t)
            if key is not None and len(key) == 3 and i + 1 < len(rows) and h < len(rows[i + 1]):
                below, below_amount = rows[i + 1][h]
                kuan = _kuan(below)
                if kuan and below_amount is None and code_of(below)[0] in (None, kuan):
                    key += kuan  # 301 | 02 printed on two lines: 30102
                    used.add((i + 1, h))
            if key is not None and amount is None and i + 1 < len(rows) and h < len(rows[i + 1]):
                below, below_amount = rows[i + 1][h]
                if below_amount is not None and _key(below, t) is None and row_label(below):
                    amount, labels = below_amount, [*labels, *below]  # the code, then its name and amount
                    used.add((i + 1, h))
            if key is None or (amount is None and not labels):
                continue
            add_row(table, key, row_label(labels), data[i], [amount], cmap, src)
    table.columns = [col]
    if not amounts and reading.paths is not None:
        table.unsure = True
        table.doubts.append("本表左右两半无法按位置分开")


LAYOUT_READERS["paired"] = read
