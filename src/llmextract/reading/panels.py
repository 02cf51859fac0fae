"""A table a schema declares may be printed as two panels side by side (``panels:`` in its
YAML: a 预算's 一般公共预算基本支出表 printing 人员经费's classes on the left, 公用经费's on the
right, each 编码 | 名称 | 金额): told by its header printing the code's heading once a panel.
Such a table is read by :mod:`.paired` (the reader of a 决算's 基本支出 table, whose halves it
is), its rows keyed as the table's, each panel's amounts under the panel's own header words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.schemas import TableSchema
from ..core.source import Source
from ..core.text import Text
from .layout import Cell, GridRow, Reading


@dataclass(frozen=True)
class Panels:
    header: re.Pattern[str]  # the code's heading, printed once a panel (编码), letter-spaced or not
    amount: str  # the column a panel's lone amount word (金额) stands for: the row's whole amount
    # the panels' foot lines (人员经费合计): the row and column each one's label names
    foot: tuple[tuple[str, str, re.Pattern[str]], ...]
    words: tuple[str, ...]  # a panel's lone amount heading (金额, 预算数): the column ``amount``


def spec(t: TableSchema) -> Panels | None:
    """The table's ``panels:`` declaration, or None where it declares none."""
    d = t.raw.get("panels")
    if not d:
        return None
    return Panels(
        re.compile(r"\s*".join(map(re.escape, d.get("header", "编码")))),
        d["amount"],
        tuple((*_cell(k, d.get("row", "total")), re.compile(p)) for k, p in (d.get("foot") or {}).items()),
        tuple(d.get("words") or ()),
    )


# per panel: the x centre of its code heading, and (x centre, column) of each amount heading
Heads = list[tuple[float, list[tuple[float, str]]]]


def _spaced(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words``, longest first, its characters perhaps letter-spaced (金    额)."""
    alts = [r"\s*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True)]
    return re.compile("|".join(alts))


def placed(r: GridRow, reading: Reading, src: Source) -> Iterator[tuple[Cell, float, float, Source | None]]:
    """The row's cells with where each stands: its x-span (a PDF's, or the text's character
    columns), or its column where the reading keeps cells by column (tabs: a column's width
    is not its text's) with no source to measure a word inside it."""
    by_column = reading.family.positional_header and not reading.family.full_width
    for k, c in enumerate(r.cells):
        if c is None:
            continue
        if by_column:
            yield c, float(k), float(k), None
        else:
            x0, x1 = src.geometry(c, 0, len(c.s))
            yield c, x0, x1, src


def _word_x(c: Cell, a: int, b: int, x: tuple[float, float], at: Source | None) -> tuple[float, float]:
    return at.geometry(c, a, b) if at is not None and c is not None else x


def heads(header: list[GridRow], reading: Reading, t: TableSchema, src: Source) -> Heads:
    """Where the table is printed as panels (a schema declaring it may be, a header printing
    its code heading more than once, each panel's amounts headed): each panel's code heading
    and amount headings, left to right; else empty. The code headings (科目编码) part the
    panels; the lowest header line naming amounts names the columns (the line above it may
    name the panels: 人员经费 | 公用经费)."""
    p = spec(t)
    if p is None:
        return []
    cols = {n: c.id for c in t.columns for n in c.names}
    words = _spaced([*cols, *p.words])
    codes: list[float] = []
    amounts: list[tuple[float, str]] = []
    seen: set[int] = set()  # the words found, by where they start in the document
    for r in header:
        found: list[tuple[float, str]] = []
        for c, cx0, cx1, at in placed(r, reading, src):
            if c is None:
                continue
            for m in p.header.finditer(c.s):
                if first_seen(c, m, seen):
                    x0, x1 = _word_x(c, m.start(), m.end(), (cx0, cx1), at)
                    codes.append((x0 + x1) / 2)
            for m in words.finditer(c.s):
                if first_seen(c, m, seen):
                    x0, x1 = _word_x(c, m.start(), m.end(), (cx0, cx1), at)
                    found.append(((x0 + x1) / 2, cols.get(re.sub(r"\s", "", m.group()), p.amount)))
        amounts = found or amounts
    codes.sort()
    if len(codes) < 2 or not amounts:
        return []
    out: Heads = []
    for k, x in enumerate(codes):
        end = codes[k + 1] if k + 1 < len(codes) else float("inf")
        out.append((x, sorted(a for a in amounts if x <= a[0] < end)))
    return out if all(a for _, a in out) else []


def first_seen(c: Text, m: re.Match[str], seen: set[int]) -> bool:
    """Whether the word ``m`` of the cell ``c`` is met for the first time (a header cell spread
    over the columns under it, or a word read in two overlapping cells, counts once)."""
    o = c.offs[m.start()] if c.offs else -1
    if o in seen:
        return False
    seen.add(o)
    return True


def foot_cell(label: str, p: Panels) -> tuple[str, str] | None:
    """The row and column a foot line's label names (人员经费合计 → total, personnel)."""
    name = re.sub(r"^[一二三四五六七八九十]+[、.]", "", label)
    return next(((r, c) for r, c, pat in p.foot if pat.search(name)), None)


def _cell(key: str, row: str) -> tuple[str, str]:
    """``row:column``, or a column of ``row``."""
    r, _, c = key.rpartition(":")
    return (r or row, c)
