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
    row: str = "total"  # the row the foot lines are parts of (the whole table's: its ``amount``)


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
        d.get("row", "total"),
    )


# per panel: the x centre of its code heading, and (x centre, column) of each amount heading
Heads = list[tuple[float, list[tuple[float, str]]]]


def _spaced(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words``, longest first, its characters perhaps letter-spaced (金    额)."""
    alts = [r"\s*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True)]
    return re.compile("|".join(alts))


def placed(r: GridRow, reading: Reading, src: Source) -> Iterator[tuple[Text, float, float, Source | None]]:
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


def heads(
    header: list[GridRow], data: list[GridRow], reading: Reading, t: TableSchema, src: Source
) -> tuple[Heads, bool]:
    """Where the table is printed as panels (a schema declaring it may be, a header printing
    its code heading more than once, each panel's amounts headed): each panel's code heading
    and amount headings, left to right; else empty. The code headings (科目编码) part the
    panels; the lowest header line naming amounts names the columns (the line above it may
    name the panels: 人员经费 | 公用经费). The second value: whether the amount headings were
    not read but taken from where the amounts stand (a heading none of the schema's words:
    the table is read in doubt)."""
    p = spec(t)
    if p is None:
        return [], False
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
    if len(codes) < 2:
        return [], False
    out = _by_panel(codes, amounts)
    if all(a for _, a in out):
        return out, False
    # no amount heading read over some panel: its amounts, where they stand, head it
    out = _by_panel(codes, [(x, p.amount) for x in _amount_columns(data, reading, src)])
    return (out, True) if all(a for _, a in out) else ([], False)


def _by_panel(codes: list[float], amounts: list[tuple[float, str]]) -> Heads:
    """The amount headings of each panel: those between its code heading and the next's."""
    out: Heads = []
    for k, x in enumerate(codes):
        end = codes[k + 1] if k + 1 < len(codes) else float("inf")
        out.append((x, sorted(a for a in amounts if x <= a[0] < end)))
    return out


def _amount_columns(data: list[GridRow], reading: Reading, src: Source) -> list[float]:
    """Where the body's amounts (figures with decimals) stand: the x centre of each run of
    them lined up (by their right ends, as amounts are printed)."""
    ends = sorted(
        (x1, (x0 + x1) / 2)
        for r in data
        for c, x0, x1, _ in placed(r, reading, src)
        if _FIGURE.match(c.s.strip())
    )
    out: list[float] = []
    last = float("-inf")
    for x1, centre in ends:
        if x1 - last > 2:  # a new column (within 2 points or characters: the same)
            out.append(centre)
        last = x1
    return out


_FIGURE = re.compile(r"^-?[\d,]+\.\d+$")


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


def group_columns(p: Panels) -> list[str]:
    """The columns the foot lines name a panel's part by (人员经费 | 公用经费), in the schema's
    order: those other than the whole table's amount."""
    return list(dict.fromkeys(c for r, c, _ in p.foot if (r, c) != (p.row, p.amount)))


def groups(
    header: list[GridRow], heads: Heads, reading: Reading, t: TableSchema, src: Source
) -> list[str | None]:
    """Each panel's group column as its header names it (人员经费 over the left panel's
    headings, 公用经费 over the right's; or its amount heading itself), None where the header
    names none or more than one over a panel."""
    p = spec(t)
    if p is None or not heads:
        return [None] * len(heads)
    ids = group_columns(p)
    cols = {n: c.id for c in t.columns if c.id in ids for n in c.names}
    named: list[set[str]] = [{c for _, c in amounts if c in ids} for _, amounts in heads]
    if cols:
        words = _spaced(cols)
        seen: set[int] = set()
        for r in header:
            for c, cx0, cx1, at in placed(r, reading, src):
                for m in words.finditer(c.s):
                    if first_seen(c, m, seen):
                        x0, x1 = _word_x(c, m.start(), m.end(), (cx0, cx1), at)
                        k = max(0, sum(1 for x, _ in heads if x <= (x0 + x1) / 2) - 1)
                        named[k].add(cols[re.sub(r"\s", "", m.group())])
    return [next(iter(n)) if len(n) == 1 else None for n in named]


# per panel: each row's cells printed in it, as (row, {column read: column kept}) — a row
# printed in two panels keeps each panel's amount under the panel's group column
Printed = list[dict[str, dict[str, str]]]


def sums(printed: Printed, feet: list[tuple[int, str, str, str]], p: Panels) -> list[list[str]]:
    """The sums a table printed as panels adds up as printed, each panel on its own: a parent
    row is the sum of its children printed in its panel, a panel's foot line (人员经费合计) the
    sum of the rows at the top of its panel, a foot line naming the whole table (合计, one
    amount) the sum of every panel's top rows. ``feet``: (panel, row, column kept, column read)."""
    out: list[list[str]] = []
    for i, cells in enumerate(printed):
        for key, cols in cells.items():
            kids = [k for k in cells if _parent(k) == key]
            if any(_parent(k) == key for j, other in enumerate(printed) if j != i for k in other):
                continue  # its children go on in another panel: its panel's alone are not all of them
            for read, kept in cols.items():
                if kids:
                    out.append(
                        ["children_sum", f"{key}:{kept}", *(f"{k}:{cells[k].get(read, read)}" for k in kids)]
                    )
    for k, row, kept, read in feet:
        whole = (row, kept) == (p.row, p.amount)
        over = printed if whole else printed[k : k + 1]
        terms: list[str] = []
        for cells in over:
            own = read if not whole else _only_column(cells)
            if own is None:
                break
            terms += [f"{c}:{cells[c].get(own, own)}" for c in _tops(cells)]
        else:
            if terms:
                out.append(["total_sum", f"{row}:{kept}", *terms])
    return out


def whole_sums(printed: Printed, row: str, cols: Iterable[str]) -> list[list[str]]:
    """The table's sums a 合计 printing 合计 | 人员经费 | 公用经费 under one panel stands for, if
    it is the table's: column by column, the top rows of every panel."""
    out: list[list[str]] = []
    for col in cols:
        tops = (f"{c}:{cells[c].get(col, col)}" for cells in printed for c in _tops(cells))
        terms = list(dict.fromkeys(tops))
        if terms:
            out.append(["total_sum", f"{row}:{col}", *terms])
    return out


def others_list_rows(printed: Printed, h: int) -> bool:
    """Whether a panel other than ``h`` prints a code's row."""
    return any(_tops(cells) for k, cells in enumerate(printed) if k != h)


def _parent(code: str) -> str | None:
    return code[:-2] if code.isdigit() and len(code) in (5, 7) else None


def _tops(cells: dict[str, dict[str, str]]) -> list[str]:
    """The code rows of a panel none of whose ancestors is printed in it."""
    return [c for c in cells if c.isdigit() and not any(c[:n] in cells for n in range(3, len(c), 2))]


def _only_column(cells: dict[str, dict[str, str]]) -> str | None:
    """The one column a panel's rows are read under, or None."""
    read = {c for cols in cells.values() for c in cols}
    return next(iter(read)) if len(read) == 1 else None
