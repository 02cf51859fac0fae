"""Rows of a list table keyed by the names it prints (``row_key: name``): 项目支出总表,
项目支出及其他支出预算表, 政府购买服务明细表 — one row per project or item, under the department
or unit whose row heads it, with no classification code.

A row's key is its printed name (a name printed again on another line of the list is the
list's next row of that name: ``name#2``). Where the names are indented by level (the
department, its units, their projects), a project is keyed ``unit/name`` under the unit's row
above it; the department's row opening the list (or a 合计 / 总计 row) is the total. A row with
no name stays unkeyed: its amounts are not read, never given to a neighbour."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ..document.chunking import compact
from . import layout as lay
from . import listcells
from .layout import Cell, GridRow, Reading

if TYPE_CHECKING:
    from ..core.result import Table
    from ..core.source import Source
    from ..core.text import Text

_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")


@dataclass
class NameKeys:
    """Keys the rows of one list table in reading order. ``levels``: the indents its names
    start at, shallowest first (the department, its units, their projects), where printed."""

    is_org: Callable[[str], bool]
    total: re.Pattern[str]  # the words of the list's total row (schemas/rows.yaml)
    levels: list[int] = field(default_factory=list)
    unit: str = ""
    total_seen: bool = False
    seen: set[str] = field(default_factory=set)
    # a name that reads as a unit's heads the rows under it, whatever its indent (``units_by_name``
    # in the schema: 广州's 重点项目 list prints each unit's line with the sum of its projects)
    by_name: bool = False

    def _depth(self, indent: int | None) -> int | None:
        if indent is None or len(self.levels) < 2:
            return None
        return min(range(len(self.levels)), key=lambda k: abs(self.levels[k] - indent))

    def _new(self, key: str) -> str:
        if key in self.seen:  # the same name on another line of the list: a row of its own
            key = next(f"{key}#{k}" for k in range(2, len(self.seen) + 3) if f"{key}#{k}" not in self.seen)
        self.seen.add(key)
        return key

    def key(self, label: str, indent: int | None = None) -> str | None:
        name = _ENUM.sub("", compact(label))
        if not name:
            return None
        if self.total.match(name):
            self.total_seen = True
            return "total"
        depth = self._depth(indent)
        first = not self.seen and not self.total_seen
        if self.by_name and self.is_org(name):
            self.unit = name  # a unit's line: the rows under it are its projects (confirm_units)
            return self._new(name)
        if self.by_name:
            return self._new(f"{self.unit}/{name}" if self.unit else name)
        if depth is None:  # no levels printed: the department's row opening the list is the total
            return "total" if first and self.is_org(name) else self._new(name)
        if depth == 0 and first:
            self.total_seen = True
            return "total"  # the department's row opening the list: its whole
        if depth < len(self.levels) - 1:  # a unit's row: the rows under it are its projects
            self.unit = name
            return self._new(name)
        return self._new(f"{self.unit}/{name}" if self.unit else name)


def levels(data: list[GridRow], m: int, src: Source, total: re.Pattern[str]) -> list[int]:
    """The indents the list's names start at (a total's row left out), shallowest first;
    indents a column apart are one level."""
    found = sorted(
        {
            i
            for r in data
            if (i := indent(r.cells[: len(r.cells) - m], src)) is not None
            and not total.match(
                _ENUM.sub("", "".join(compact(c.s) for c in r.cells[: len(r.cells) - m] if c))
            )
        }
    )
    out: list[int] = []
    for i in found:
        if not out or i - out[-1] > 1:
            out.append(i)
    return out


def indent(label_cells: list[Cell], src: Source) -> int | None:
    """The column a row's name starts at in the text, if it prints one."""
    c = next((c for c in label_cells if c is not None and c.offs and compact(c.s)), None)
    return src.line_col(c.offs[0])[1] if c is not None else None


_UPPER = re.compile(r"^-?[\d,]*\d\.\d$")  # an amount cut after its first decimal (376,936.6)
_LOWER = re.compile(r"^\d$")  # the rest of it on the line below (0)


def _label(r: GridRow, m: int) -> bool:
    return any(c is not None and compact(c.s) for c in r.cells[: len(r.cells) - m])


def _text(c: Text | None) -> str:
    return c.s if c is not None else ""


def _values(r: GridRow, m: int) -> list[int]:
    n = len(r.cells)
    return [k for k in range(n - m, n) if (c := r.cells[k]) is not None and lay.is_value(compact(c.s))]


def _fragments_only(r: GridRow, m: int, amounts: GridRow) -> bool:
    """A name line whose amounts stand only where the amounts line prints none: the parts of
    an amount wrapped with the name (376,936.6 above, 0 below)."""
    taken = set(_values(amounts, m))
    return all(k not in taken for k in _values(r, m))


def _join(head: GridRow | None, amounts: GridRow, tail: GridRow | None, m: int) -> GridRow:
    n = len(amounts.cells)
    cells: list[Cell] = list(amounts.cells)
    label: Cell = None
    for part in (head, tail):
        if part is None:
            continue
        for c in part.cells[: n - m]:
            if c is not None and compact(c.s):
                label = c if label is None else label + c
    first = next((k for k in range(n - m) if cells[k] is not None), 0)
    if label is not None:
        cells[first] = label if (held := cells[first]) is None else held + label
    for k in range(n - m, n):
        up = head.cells[k] if head is not None else None
        down = tail.cells[k] if tail is not None else None
        if (
            up is not None
            and down is not None
            and _UPPER.match(compact(up.s))
            and _LOWER.match(compact(down.s))
        ):
            cells[k] = up + down  # one amount printed over two lines of its cell
        elif up is not None or down is not None:
            cells[k] = up if up is not None else down
    out = GridRow(cells, head.line if head is not None else amounts.line)
    out.doubt = amounts.doubt or any(p is not None and p.doubt for p in (head, tail))
    return out


def _completes(head: GridRow | None, tail: GridRow | None, m: int) -> bool:
    """The tail line prints the rest of an amount the head line begins (376,936.6 | 0)."""
    if head is None or tail is None:
        return False
    n = len(head.cells)
    return any(
        (up := head.cells[k]) is not None
        and (down := tail.cells[k]) is not None
        and _UPPER.match(compact(up.s))
        and _LOWER.match(compact(down.s))
        for k in range(n - m, min(n, len(tail.cells)))
    )


def _fragment_line(r: GridRow, m: int, pattern: re.Pattern[str]) -> bool:
    vals = _values(r, m)
    return not _label(r, m) and bool(vals) and all(pattern.match(compact(_text(r.cells[k]))) for k in vals)


def join_cut_amounts(data: list[GridRow], m: int) -> list[GridRow]:
    """An amount too wide for its cell prints over the row's line: its head on a line of its
    own above (175,400.5), its last digit on one below (9), where the row prints nothing in that
    column. The two lines go into the row's cell; nothing else is moved."""
    out = list(data)
    drop: set[int] = set()
    for i in range(len(out) - 2):
        up, row, down = out[i], out[i + 1], out[i + 2]
        if not (_fragment_line(up, m, _UPPER) and _fragment_line(down, m, _LOWER)):
            continue
        cols = _values(up, m)
        if cols != _values(down, m) or any(row.cells[k] is not None for k in cols):
            continue
        for k in cols:
            row.cells[k] = up.cells[k] + down.cells[k]  # type: ignore[operator]
        drop |= {i, i + 2}
    return [r for k, r in enumerate(out) if k not in drop]


def join_wrapped(data: list[GridRow], m: int) -> list[GridRow]:
    """A name wrapped in its cell prints its head above the amounts' line and its tail below
    it, the amounts' line holding no name: the three lines are one row. A name line between
    two amounts' lines could be the tail of one or the head of the other: taken as the head of
    the next when nothing else follows, and the rows marked doubt."""
    data = join_cut_amounts(data, m)
    out: list[GridRow] = []
    used: set[int] = set()
    n = len(data)

    def part_of(k: int, amounts: GridRow) -> bool:  # a name line (with amount fragments at most)
        return _label(data[k], m) and (not _values(data[k], m) or _fragments_only(data[k], m, amounts))

    for i, r in enumerate(data):
        if i in used:
            continue
        if _label(r, m) or not _values(r, m):
            nxt = data[i + 1] if i + 1 < n else None
            if not (nxt is not None and not _label(nxt, m) and _values(nxt, m) and part_of(i, nxt)):
                out.append(r)  # a whole row, or a name line not over an amounts line
            continue
        head = data[i - 1] if i > 0 and i - 1 not in used and part_of(i - 1, r) else None
        tail = data[i + 1] if i + 1 < n and part_of(i + 1, r) else None
        amounts_line = [not _label(x, m) and bool(_values(x, m)) for x in data]
        ambiguous = head is not None and i >= 2 and amounts_line[i - 2]  # head or the last one's tail
        if tail is not None and i + 2 < n and amounts_line[i + 2] and not _completes(head, tail, m):
            tail, ambiguous = None, True  # the next amounts line's head
        row = _join(head, r, tail, m)
        row.doubt = row.doubt or ambiguous
        if tail is not None:
            used.add(i + 1)
        out.append(row)
    return out


def without_text_columns(
    data: list[GridRow], reading: Reading, words: tuple[str, ...] = ()
) -> tuple[list[GridRow], Reading]:
    """A list's last columns of words (绩效目标: a sentence per project), under no amount's
    heading (or under a heading its schema names a column of sentences: ``words``) and holding
    no amount on any line, are cut off: the amounts stand left of them. Lines left blank by the
    cut (a sentence wrapped onto lines of its own) are dropped."""
    paths = reading.paths
    if not paths or not data or not reading.family.full_width:
        return data, reading
    end = len(paths)

    def of_words(p: list[str] | None) -> bool:
        return p is None or bool(p and any(w in p[-1] for w in words))

    while (
        end > 0
        and of_words(paths[end - 1])
        and not any(
            len(r.cells) >= end and (c := r.cells[end - 1]) is not None and lay.is_value(compact(c.s))
            for r in data
        )
    ):
        end -= 1
    if end == len(paths) or end == 0:
        return data, reading
    cut = [GridRow(r.cells[:end], r.line, r.doubt, r.guessed_key) for r in data]
    return [r for r in cut if any(c is not None and compact(c.s) for c in r.cells)], replace(
        reading, paths=paths[:end]
    )


def name_unsure(label_cells: list[Cell], values: list[Cell], src: Source) -> bool:
    """Whether a row's name, read from several printed lines, may hold another row's words:
    a name on its amounts' line, or wrapped round it (as many lines above as below), is the
    row's own; lines of words only above (or only below) the amounts could end the row before
    or begin the row after, which the positions cannot tell."""
    at = {src.line_col(c.span()[0])[0] for c in values if c is not None and c.offs}
    if len(at) != 1:
        return False
    amounts_line = next(iter(at))
    lines = {src.line_col(o)[0] for c in label_cells if c is not None for o in c.offs}
    above = {ln for ln in lines if ln < amounts_line}
    below = {ln for ln in lines if ln > amounts_line}
    return len(above) != len(below)


def renumber(table: Table, taken: set[str]) -> None:
    """The rows of a list's page printed after another page of it: a name the earlier pages
    already hold is the list's next row of that name (``name#3``), not the same row again."""
    for row in table.rows:
        if row.key == "total" or row.key not in taken:
            taken.add(row.key)
            continue
        base = row.key.rsplit("#", 1)[0] if re.search(r"#\d+$", row.key) else row.key
        k = 2
        while f"{base}#{k}" in taken:
            k += 1
        row.key = f"{base}#{k}"
        taken.add(row.key)


def _amount(c: Cell) -> Decimal | None:
    if c is None:
        return None
    try:
        return Decimal(compact(c.s).replace(",", ""))
    except InvalidOperation:
        return None


def _adds_up(unit: list[Cell], rows: list[list[Cell]]) -> bool:
    """A unit's amounts are the sums of its projects', column by column, within rounding."""
    printed = False
    for k, c in enumerate(unit):
        whole = _amount(c)
        parts = [a for r in rows if k < len(r) and (a := _amount(r[k])) is not None]
        if whole is None:
            continue
        printed = True
        if abs(whole - sum(parts, Decimal(0))) > Decimal("0.01") * max(1, len(parts)):
            return False
    return printed


def confirm_units(
    keyed: list[tuple[str, str, GridRow, list[Cell]]],
) -> list[tuple[str, str, GridRow, list[Cell]]]:
    """A row taken for a unit by its indent heads the projects keyed ``unit/…`` under it only
    where its amounts are their sums; otherwise (a line of a wrapped name printed further
    left) its rows are keyed by their own names."""
    out = list(keyed)
    taken = {k for k, *_ in keyed}
    for key, _, _, values in keyed:
        children = [i for i, (k, *_) in enumerate(out) if k.startswith(f"{key}/")]
        if not children or _adds_up(values, [out[i][3] for i in children]):
            continue
        for i in children:
            k, label, r, v = out[i]
            new = k[len(key) + 1 :]
            n = 2
            while new in taken:
                new, n = f"{k[len(key) + 1 :]}#{n}", n + 1
            taken.add(new)
            out[i] = (new, label, r, v)
    return out



def name_cut(label_cells: list[Cell], values: list[Cell], src: Source) -> bool:
    """Whether a line near a row's amounts (up to three lines above or below, past lines of the
    sentences beside them) prints words left of the amounts that are not in the row's name,
    before any other line of amounts: a head or tail of the name printed apart, which the row's
    name may lack."""
    spans = [c.span()[0] for c in values if c is not None and c.offs]
    if not spans:
        return False
    line, col = src.line_col(min(spans))
    own = {src.line_col(o)[0] for c in label_cells if c is not None for o in c.offs}
    for step in (-1, 1):
        for n in range(line + step, line + 4 * step, step):
            if n in own or not 1 <= n <= len(src.line_starts):
                break
            start = src.line_starts[n - 1]
            end = src.line_starts[n] - 1 if n < len(src.line_starts) else len(src.raw)
            text = src.raw[start:end]
            if any(lay.is_value(w) for w in text.split()):
                break  # another row's amounts
            if re.search(r"[\u4e00-\u9fff]", text[: col - 1]):
                return True
    return False


def report_unnamed(table: Table, values: list[Cell], src: Source) -> None:
    """A line of amounts beside which no name is read is no row: said in the table's doubts."""
    shown = [c for c in values if c is not None and c.offs and compact(c.s)]
    if shown:
        line = src.line_col(shown[0].offs[0])[0]
        table.doubts.append(
            f"第 {line} 行的金额 {'、'.join(compact(c.s) for c in shown)} 旁没有读到项目名称：未读入"
        )


def without_name_fragments(
    keyed: list[tuple[str, str, GridRow, list[Cell]]], table: Table, src: Source
) -> list[tuple[str, str, GridRow, list[Cell]]]:
    """Lines printing part of a name and no amount (a name wrapped round a line that holds
    another part of it) are no rows: they are left out, and the rows beside them — whose names
    may lack those parts — are in doubt, said in the table's doubts."""
    priced = [any(v is not None for v in values) for *_, values in keyed]
    out = []
    bordering = False
    for k, item in enumerate(keyed):
        if not priced[k]:
            continue
        if item[2].drawn:  # its name's lines told by the lines drawn round it
            out.append(item)
            continue
        if (k > 0 and not priced[k - 1]) or (k + 1 < len(keyed) and not priced[k + 1]):
            item[2].doubt = True
        label: list[Cell] = [c for c in item[2].cells if c is not None and c not in item[3]]
        if name_cut(label, item[3], src):
            item[2].doubt = True
        if listcells.borders_number(label, item[3], src):
            item[2].doubt = bordering = True
        out.append(item)
    if len(out) < len(keyed) or any(r.doubt for _, _, r, _ in out):
        table.doubts.append(
            "有项目名称折行印在金额所在行之外（上下行只印名称的一部分）：这些项目的名称可能不全，其金额存疑"
        )
    if bordering:
        table.doubts.append(
            "有项目名称的折行紧挨着另一行的金额（可能是相邻项目名称的一部分）：这些项目的名称按位置分不清，其金额存疑"
        )
    return out
