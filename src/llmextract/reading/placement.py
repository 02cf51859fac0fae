"""A row whose amounts are fewer than the columns, in a layout without positions: each
value goes where the header's order puts it, and the table's arithmetic only confirms that
placement (it never searches for one)."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from math import comb

from ..core.result import to_decimal
from ..core.schemas import TableSchema
from .columns import (
    IGNORE,
)
from .layout import Cell
from .rowkeys import printed_value


def place(values: list[Cell], M: int) -> tuple[list[Cell], bool]:
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


def confirmed(cells: list[Cell], ids: list[str | None], t: TableSchema) -> bool:
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
