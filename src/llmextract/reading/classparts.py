"""The 款 and 项 lines a 收支总表 prints by name under each function class of its 支出 side
(一、教育支出 | 职业教育 | 技校教育, each indented one step more than the line it is part of).

Read where the words stand where they are printed (a PDF, a text laid out by position) and the
class lines are numbered (一、教育支出). A line's level is where its name starts: every name
under a class stands right of the class's name, at one of at most two indents — the first the
class's 款, the second the 项 of the 款 above it. The reading is kept only where the amounts
confirm it: the class's amount is the sum of its 款 lines' (each column), and a 款's the sum
of its 项 lines'; otherwise the lines stay unread. The rows are keyed ``out.<class>/<款 name>``
and ``out.<class>/<款 name>/<项 name>``: in the result (JSON, CSV, workbook, review page) and
checked, never cells — the spec keys a 收支总表's 支出 side by class only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.result import Row, Table, to_decimal
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import compact
from .columns import IGNORE, ColumnMap
from .layout import Cell, GridRow
from .rowkeys import ENUM, add_row, printed_value

_STEP = 0.5  # names starting within half a character of each other stand at one indent
_CENT = Decimal("0.01")  # a sum of amounts rounded to the cent may miss by a cent a term


@dataclass
class NameLine:
    """A 支出 line no row name matched, under the class line above it."""

    cls: str  # the class row's key (out.205)
    cls_x: float  # where the class's name starts
    label: Text
    row: GridRow
    values: list[Cell]


def under(cls_x: float, label: Text, src: Source) -> bool:
    """Whether a line named as a class is a part of the (numbered) class above it: its name
    stands right of the class's and prints no number (一、) as the class lines do."""
    return src.geometry(label, 0, len(label.s))[0] > cls_x + _STEP and not ENUM.match(compact(label.s))


def read(table: Table, lines: list[NameLine], cmap: ColumnMap, src: Source) -> list[NameLine]:
    """Add the lines whose place under their class is certain to ``table``; return the others."""
    left: list[NameLine] = []
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and lines[j].cls == lines[k].cls:
            j += 1
        group = lines[k:j]
        placed = _placed(table, group, cmap, src)
        if placed is None:
            left += group
        else:
            before = len(table.rows)
            for key, ln in placed:
                add_row(table, key, compact(ln.label.s), ln.row, ln.values, cmap, src)
            _after_class(table, table.rows[before:], group[0].cls)
        k = j
    return left


def _after_class(table: Table, rows: list[Row], cls: str) -> None:
    """Move ``rows`` (the last added) to stand right after their class's line, in print order."""
    del table.rows[len(table.rows) - len(rows) :]
    at = next(k for k, r in enumerate(table.rows) if r.key == cls) + 1
    table.rows[at:at] = rows


def _placed(
    table: Table, group: list[NameLine], cmap: ColumnMap, src: Source
) -> list[tuple[str, NameLine]] | None:
    """Each line's key, or None when the indents or the sums leave a line's place uncertain."""
    levels = _levels(group, src)
    if levels is None or levels[0] != 0:
        return None
    cls = table.row(group[0].cls)
    if cls is None:
        return None
    parts: list[tuple[NameLine, list[NameLine]]] = []
    for ln, level in zip(group, levels, strict=True):
        if level == 0:
            parts.append((ln, []))
        else:
            parts[-1][1].append(ln)
    whole = {cid: v.value for cid, v in cls.values.items()}
    if not _adds_up(whole, [p for p, _ in parts], cmap):
        return None
    out: list[tuple[str, NameLine]] = []
    seen: set[str] = set()
    for part, items in parts:
        key = _unique(f"{group[0].cls}/{compact(part.label.s)}", seen)
        out.append((key, part))
        if items and not _adds_up(_amounts(part, cmap), items, cmap):
            return None
        out += [(_unique(f"{key}/{compact(i.label.s)}", seen), i) for i in items]
    return out


def _levels(group: list[NameLine], src: Source) -> list[int] | None:
    """Each line's indent under its class: 0 (款) or 1 (项); None when a name does not stand
    right of the class's or the names stand at more than two indents."""
    xs = [src.geometry(ln.label, 0, len(ln.label.s))[0] for ln in group]
    if any(x <= ln.cls_x + _STEP for x, ln in zip(xs, group, strict=True)):
        return None
    steps: list[float] = []
    for x in sorted(xs):
        if not steps or x - steps[-1] > _STEP:
            steps.append(x)
    if len(steps) > 2:
        return None
    return [0 if x - steps[0] <= _STEP else 1 for x in xs]


def _amounts(ln: NameLine, cmap: ColumnMap) -> dict[str, str]:
    out = {}
    for cid, cell in zip(cmap.ids, ln.values, strict=False):
        if cell is not None and cid not in (None, IGNORE):
            out[str(cid)] = printed_value(cell.s)
    return out


def _adds_up(whole: dict[str, str], parts: list[NameLine], cmap: ColumnMap) -> bool:
    """Whether every column the whole prints is the sum of the parts' (a part's blank a 0), and
    the parts print no amount in a column the whole leaves blank."""
    amounts = [_amounts(p, cmap) for p in parts]
    if not whole or any(set(a) - set(whole) for a in amounts):
        return False
    for cid, value in whole.items():
        total = to_decimal(value)
        printed = [to_decimal(a[cid]) for a in amounts if cid in a]
        terms = [t for t in printed if t is not None]
        if total is None or len(terms) != len(printed) or not terms:
            return False
        if abs(total - sum(terms, Decimal(0))) > _CENT * len(terms):
            return False
    return True


def _unique(key: str, seen: set[str]) -> str:
    """``key``, or ``key#2``, … for a name printed again under the same line."""
    k, n = key, 1
    while k in seen:
        n += 1
        k = f"{key}#{n}"
    seen.add(k)
    return k
