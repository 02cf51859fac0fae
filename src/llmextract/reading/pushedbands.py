"""Amounts a text's layout pushed out of their column (``pdftotext -layout``).

The layout gives every character one column of its grid, a Chinese one too, though it is
about twice as wide in print: a row's long name runs past where it ends on the page and
pushes the amounts after it a few columns right. Those amounts line up among themselves, not
with the rest of their column, and look like a column of their own that no header word names.

Two columns never overlap in print. A column of such amounts that no header word of its page
names, overlapping exactly one column a header word names (a word naming no other column of
the page: not one of the 一般公共预算 | 政府性基金预算 repeated under each group of a wide
table, whose columns a text's layout sets askew), standing right of it (pushed, never pulled),
and never sharing a line with it, is that column's: its amounts are read there. Where
this does not hold nothing is merged, and the page is placed as before (a column no header
word names is left unread, a page mapped by nearest position is in doubt)."""

from __future__ import annotations

from .tokens import Band, Line, overlaps


def lines_in(b: Band, data: list[Line]) -> set[int]:
    """The lines with an amount in column ``b``."""
    return {ln.index for ln in data if any(id(t) in b.tokens for t in ln.amounts)}


def pushed_into(bands: list[Band], leaves: list[str], data: list[Line]) -> dict[int, int]:
    """Per column no header word names (``leaves``: each column's lowest header word), the
    named column its amounts were pushed out of, where :mod:`this module <.pushedbands>`'s
    conditions hold."""
    out: dict[int, int] = {}
    lines = [lines_in(b, data) if b.numeric else set() for b in bands]
    for k, b in enumerate(bands):
        if leaves[k] or not b.numeric or not lines[k]:
            continue
        over = [j for j, o in enumerate(bands) if j != k and overlaps(o, b)]
        if len(over) != 1:
            continue
        j = over[0]
        o = bands[j]
        named_once = bool(leaves[j]) and leaves.count(leaves[j]) == 1
        if named_once and o.numeric and b.x0 >= o.x0 and b.x1 >= o.x1 and not lines[k] & lines[j]:
            out[k] = j
    return out


def merged(bands: list[Band], into: dict[int, int]) -> list[Band]:
    """``bands`` with each pushed column's amounts taken into the column they belong to."""
    if not into:
        return bands
    out = []
    for k, b in enumerate(bands):
        if k in into:
            continue
        parts = [b, *(bands[p] for p, j in into.items() if j == k)]
        if len(parts) > 1:
            b = Band(
                min(p.x0 for p in parts),
                max(p.x1 for p in parts),
                numeric=True,
                r0=min(p.r0 for p in parts),
                r1=max(p.r1 for p in parts),
                members=sum(p.members for p in parts),
                tokens=set().union(*(p.tokens for p in parts)),
            )
        out.append(b)
    return out
