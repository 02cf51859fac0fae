"""Tables printed unit by unit: a unit's (单位) name on a line of its own, with the unit's
total, then the unit's own rows (classification codes, or economic classes by name), then the
next unit (深圳's 支出总表 and 基本支出总表, 广州's 部门预算基本支出预算表).

A line heads a unit's block by where it stands: it prints no code and is no total, it prints
amounts of its own, and the rows under it are keyed again from the start (a key printed above
it comes again), or its name reads as a unit's (``schemas/units.yaml``: a name the rows below
could not be told apart by yet, the first unit's). The lines above the first unit are the
department's (its 合计, or its name with its total); a department's line standing right above
the first unit's line is the department's total.

Each block is read as a table of its own (``Table.unit_name``, ``Table.block``), its rows keyed
exactly as the department's: the unit's line is its ``total``. A number's meaning comes from
the block it stands in; no arithmetic places it.

:func:`split` works on what the caller says of each line (:class:`Line`), so a table that
repeats its codes per unit without printing the units' names can be split the same way by a
caller that says where its blocks start (:func:`blocks_at`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..core.result import Table
from ..core.schemas import TableSchema
from . import economic_names
from .layout import GridRow
from .rowkeys import _lead_text, label_code, label_name, suffix


# never changed once made (hashed as a frozen one is); its __init__ written out: compiled, not
# the dataclass's own Python (a line of every table)
@dataclass(init=False, unsafe_hash=True)
class Line:
    """What the splitter needs to know of one data line of a table."""

    label: str  # its name as printed, whitespace removed ('' when none)
    key: str | None  # the key it gets as a row of the table by its own code or name (None: none)
    amounts: bool  # it prints amounts
    total: bool = False  # a 合计 / 总计 line

    def __init__(self, label: str, key: str | None, amounts: bool, total: bool = False) -> None:
        self.label = label
        self.key = key
        self.amounts = amounts
        self.total = total


@dataclass(frozen=True)
class Block:
    """One unit's lines, from its unit's line ``head`` up to ``end``; ``total``: the unit's line
    prints the unit's total (else it is the block's first row: a 三公 table's 2025 年 row)."""

    name: str
    head: int
    end: int
    total: bool = True

    @property
    def rows(self) -> range:
        """The unit's own rows: under its line, or from it."""
        return range(self.head + 1 if self.total else self.head, self.end)


@dataclass(frozen=True)
class Split:
    department: range  # the department's lines (its total, its own rows), before the first unit
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class UnitNames:
    """How a unit's name reads (``schemas/units.yaml``)."""

    names: tuple[re.Pattern[str], ...]
    bracket_tail: re.Pattern[str] | None

    def match(self, label: str) -> bool:
        if not label:
            return False
        if any(p.search(label) for p in self.names):
            return True
        bare = self.bracket_tail.sub("", label) if self.bracket_tail else label
        return bare != label and any(p.search(bare) for p in self.names)


@cache
def _compiled(names: tuple[str, ...], tail: str) -> UnitNames:
    return UnitNames(tuple(re.compile(p) for p in names), re.compile(tail) if tail else None)


def unit_names(units: dict[str, Any]) -> UnitNames:
    """The unit-name patterns of a schema set's ``units.yaml`` (empty: no name reads as a unit's)."""
    return _compiled(tuple(units.get("names") or ()), str(units.get("bracket_tail") or ""))


def _candidate(ln: Line) -> bool:
    """A line that could head a unit's block: amounts of its own, no key, no total."""
    return ln.amounts and ln.key is None and not ln.total


def _next_key(lines: Sequence[Line], i: int) -> str | None:
    """The key of the first keyed line under line ``i`` (None: a line that could head a block,
    or the table's end, comes first)."""
    nxt = next((ln for ln in lines[i + 1 :] if ln.key is not None or _candidate(ln)), None)
    return nxt.key if nxt is not None else None


def _heads(lines: Sequence[Line], is_unit: Callable[[str], bool]) -> list[int]:
    """The lines that head a block: a candidate whose name reads as a unit's, or under which
    the rows start again from the top (the first keyed line under it bears a key printed
    since the last unit's line, or a class before the last one: the next unit's rows, not
    this one's going on)."""
    heads: list[int] = []
    keys: list[str] = []  # the keys printed since the last unit's line
    for i, ln in enumerate(lines):
        if _candidate(ln) and (is_unit(ln.label) or _again(_next_key(lines, i), keys)):
            heads.append(i)
            keys = []
        elif ln.key is not None:
            keys.append(ln.key)
    return heads


def _again(key: str | None, keys: list[str]) -> bool:
    """``key`` starts the rows again: printed already since the last unit's line, or a class
    before the last one printed (a unit's classes are printed in their codes' order)."""
    if key is None or not keys:
        return False
    return key in keys or (key.isdigit() and keys[-1].isdigit() and key[:3] < keys[-1][:3])


def split(lines: Sequence[Line], is_unit: Callable[[str], bool]) -> Split | None:
    """The department's lines and the units' blocks of a table printed unit by unit; None when
    the table is not printed so (no line heads a block, or only its first line: the
    department's own line over the department's rows; or one unit's block only: a department
    of one unit, whose rows are the department's)."""
    heads = _heads(lines, is_unit)
    if not heads or heads == [0]:
        return None
    if heads[0] == 0 and len(heads) > 1 and (heads[1] == 1 or not _keyed_between(lines, 0, heads[1])):
        heads = heads[1:]  # the department's name and total, right above the first unit's line
    elif heads[0] == 0 and not is_unit(lines[0].label):
        heads = heads[1:]
    heads = _nameless(lines, heads) if heads else []
    if len(heads) < 2:
        return None  # one unit's block: the department's own rows (a department of one unit)
    return Split(range(0, heads[0]), blocks_at(lines, heads))


def _nameless(lines: Sequence[Line], heads: list[int]) -> list[int]:
    """A line printing amounts and no name right under a unit's line, before any keyed row of
    that block, is the next unit's line (its name lost where it wrapped): a block prints its
    unit's total once. A line printing a name there (a class printed without its code) is
    the unit's row."""
    out = list(heads)
    for h in heads:
        for j in range(h + 1, len(lines)):
            ln = lines[j]
            if j in out or ln.key is not None:
                break
            if _candidate(ln) and not ln.label:
                out.append(j)
    return sorted(out)


def split_repeating(lines: Sequence[Line]) -> Split | None:
    """A table whose units' blocks are the same few rows again (a 三公 table: 2025 年, 2026 年,
    增减变化金额 per unit, the unit's name on its first row): a block starts where a row's key
    comes again; the first block is the department's. None when no key comes again."""
    heads: list[int] = []
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        if ln.key is None:
            continue
        if ln.key in seen:
            heads.append(i)
            seen = set()
        seen.add(ln.key)
    if len(heads) < 2:
        return None  # the department's rows and one unit's, the same: one unit
    ends = [*heads[1:], len(lines)]
    blocks = tuple(Block(lines[h].label, h, e, total=False) for h, e in zip(heads, ends, strict=True))
    return Split(range(0, heads[0]), blocks)


def _keyed_between(lines: Sequence[Line], a: int, b: int) -> bool:
    return any(ln.key is not None for ln in lines[a + 1 : b])


def blocks_at(lines: Sequence[Line], heads: Sequence[int]) -> tuple[Block, ...]:
    """The blocks starting at ``heads`` (indices of the units' lines), each up to the next."""
    ends = [*heads[1:], len(lines)]
    return tuple(Block(lines[h].label, h, e) for h, e in zip(heads, ends, strict=True))


def block_table(dept: Table, name: str, k: int) -> Table:
    """An empty table for the ``k``-th unit's block of ``dept`` (same id, title, columns)."""
    return Table(
        id=dept.id,
        title=dept.title,
        line=dept.line,
        end_line=dept.end_line,
        layout=dept.layout,
        money_unit=dept.money_unit,
        unit_checked=dept.unit_checked,
        columns=list(dept.columns),
        parts=list(dept.parts),
        unsure=dept.unsure,
        extracted_by=dept.extracted_by,
        unit_name=name,
        block=k,
    )


def is_block(t: Table) -> bool:
    """A unit's block of a table printed unit by unit (not the department's table)."""
    return t.block > 0


def department_tables(tables: Sequence[Table]) -> list[Table]:
    """The department's tables, without the units' blocks."""
    return [t for t in tables if not is_block(t)]


def attach(dept: Table, blocks: list[Table]) -> None:
    """Keep the units' blocks read with the department's table, for the pipeline to list."""
    dept._blocks = blocks


def blocks_of(dept: Table) -> list[Table]:
    """The units' blocks read with ``dept`` (not yet listed in the result)."""
    return list(dept._blocks)


def take(dept: Table) -> list[Table]:
    """The units' blocks read with ``dept`` (and forget them there)."""
    blocks, dept._blocks = dept._blocks, []
    return blocks


def add_to(tables: list[Table], blocks: list[Table]) -> None:
    """List a printing's units' blocks after those already listed for their table, numbered on
    from them; a unit already listed by its name (the table printed again) is not added twice."""
    for b in blocks:
        listed = [t for t in tables if is_block(t) and t.id == b.id]
        if b.unit_name and any(t.unit_name == b.unit_name for t in listed):
            continue
        b.block = len(listed) + 1
        tables.append(b)


def lines_of(data: Sequence[GridRow], t: TableSchema) -> list[Line]:
    """What the splitter needs of a coded table's data lines: each line's name, its key by its
    own code (or by its economic class's name, for a table printing names only), whether it
    prints amounts, whether it is a total."""
    out: list[Line] = []
    keys: list[str] = []
    for r in data:
        values = suffix(r)[1]
        label = label_name(r)
        key, _ = label_code(r)
        total = bool(t.row_words.total.match(label))
        if key is None and t.row_key == "economic_name" and not total:
            key = economic_names.code_for(label, keys, t.row_names)
        if key is not None:
            keys.append(key)
        amounts = any(v is not None for v in values)  # (the values' cells: each blank or a value)
        out.append(Line(label, key, amounts, total))
    return out


def period_lines(data: Sequence[GridRow], t: TableSchema) -> list[Line]:
    """A periods table's lines: each keyed by the year it names last (``2025``), else by its
    name (增减变化金额); its label is the unit's name printed before the year ('' when none)."""
    out: list[Line] = []
    for r in data:
        lead = _lead_text(r)
        m = t.row_words.year.search(lead)
        values = suffix(r)[1]
        amounts = any(v is not None for v in values)  # (the values' cells: each blank or a value)
        if m is not None:
            out.append(Line(lead[: m.start()], m.group(1), amounts))
        else:
            name = label_name(r)
            out.append(Line("", name or None, amounts, bool(t.row_words.total.match(name))))
    return out
