"""Rows that are the department's units, as the label column's header says (单位名称 over
the names: a 收入总体情况表 listing 合计, then one row per unit).

A table whose rows are keyed by classification code reads a row named by a unit as the
department repeating its total, and leaves it out. Where the header over the label column
names units (``schemas/rows.yaml``), every row is a unit instead: it is keyed by the unit's
printed name (whitespace removed; a name printed again is ``name#2``), the 合计 row is the
total, and each unit's amounts stand in the columns the header names over them. Each unit's
row then becomes the total row of that unit's block (``reading/tables.py``, as for a table
printed unit by unit): never a cell, and the checks add the blocks up to the 合计
(``checks/unit_views.py``, ``units_sum``)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ..core.result import to_decimal
from ..document.chunking import compact
from .layout import Cell, GridRow
from .rowkeys import code_of

if TYPE_CHECKING:
    from ..core.schemas import TableSchema
    from ..core.source import Source

_WS_COMMA = re.compile(r"[\s,]")


def label_words(header: list[GridRow], n_label: int) -> list[str]:
    """The words each header row prints over the label columns (the ``n_label`` cells left
    of the amounts), one per cell, whitespace removed."""
    out: list[str] = []
    for r in header:
        out += [w for c in r.cells[:n_label] if c is not None and (w := compact(c.s))]
    return out


def listed_by_unit(header: list[GridRow], data: list[GridRow], n_label: int, t: TableSchema) -> bool:
    """The label column is headed by a word naming units (单位名称), alone in its cell, and
    no row prints a classification code (a unit's column beside 科目编码 | 科目名称 heads rows
    keyed by their codes)."""
    if not t.unit_labels or n_label <= 0:
        return False
    if not any(p.search(w) for w in label_words(header, n_label) for p in t.unit_labels):
        return False
    return not any(code_of(r.cells[:n_label])[0] or code_of(r.cells[:n_label])[1] for r in data)


def printed_name(label_cells: list[Cell], src: Source) -> str:
    """The unit's name as printed (full-width brackets kept), the words of its wrapped lines
    run together without whitespace."""
    out = []
    for c in label_cells:
        if c is None:
            continue
        if c.offs:
            out.append("".join(ch for o in c.offs if not (ch := src.raw[o]).isspace()))
        else:
            out.append(compact(c.s))
    return "".join(out)


class UnitKeys:
    """Keys the rows of a table listed by unit, in reading order."""

    def __init__(self, total: re.Pattern[str]) -> None:
        self.total = total  # the words of the total row (schemas/rows.yaml)
        self.seen: set[str] = set()

    def key(self, label_cells: list[Cell], src: Source) -> str | None:
        name = printed_name(label_cells, src)
        if not name:
            return None  # amounts under no name: not read, never given to a neighbour
        if self.total.match(name):
            return "total"
        key, k = name, 2
        while key in self.seen:  # the same name on another line: a row of its own
            key, k = f"{name}#{k}", k + 1
        self.seen.add(key)
        return key


Keyed = tuple[str, str, GridRow, list[Cell]]


def _amount(c: Cell) -> Decimal | None:
    return to_decimal(_WS_COMMA.sub("", c.s)) if c is not None else None


def _sums_up(first: list[Cell], rest: list[list[Cell]]) -> bool:
    """The first row's amounts are the sums of the rows below it, column by column, within
    rounding (a cent per row added), and it prints one at least."""
    printed = False
    for k, c in enumerate(first):
        v = _amount(c)
        parts = [x for r in rest if k < len(r) and (x := _amount(r[k])) is not None]
        if v is None:
            if any(parts):
                return False
            continue
        printed = True
        if abs(v - sum(parts, Decimal(0))) > Decimal("0.01") * max(len(parts), 1):
            return False
    return printed


def with_total(keyed: list[Keyed]) -> list[Keyed]:
    """A table listed by unit that prints no 合计: its first row is the department's, its
    total, when it is the only row or when the units below add up to it (the arithmetic
    confirms what its place says); otherwise every row stays a unit."""
    if not keyed or any(k == "total" for k, *_ in keyed):
        return keyed
    first = keyed[0]
    if len(keyed) == 1 or _sums_up(first[3], [v for *_, v in keyed[1:]]):
        return [("total", *first[1:]), *keyed[1:]]
    return keyed
