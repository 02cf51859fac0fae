"""Tables printed unit by unit without the units' names: the same classification codes printed
again and again, one run of rows per unit (北京's 预算05表 一般公共预算支出表 prints 2050205
高等教育 once for each university, each with its own amounts, and one 合计 under them all).

Where the blocks lie comes from the structure alone: a unit prints its rows in the order of
their codes, so a block ends where the codes start again — a row whose code does not come
after the code above it. A table is read so only where a code is printed twice with another
amount: one unit never prints a code twice, and a table printed twice over (the same rows and
amounts again) is one table, not two units. No arithmetic places a row in a block.

The blocks are tables of their own (``reading/unitblocks.py``: same id, ``Table.block``, no
``unit_name``); the department's table keeps its 合计 and the rows that name no code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..core.result import Table
from ..core.source import Source
from . import unitblocks
from .columns import ColumnMap
from .layout import Cell, GridRow
from .rowkeys import add_row, printed_value

# a row keyed by its classification code (2050205), or by codes printed side by side
# (50101/30101, 2050101/50101/30101)
_CODE_KEY = re.compile(r"^\d{3,}(?:/\d{3,})*$")


def is_code_key(key: str) -> bool:
    """The row is keyed by a printed classification code (not 合计, not a name)."""
    return bool(_CODE_KEY.match(key))


def starts(keys: Sequence[str], amounts: Sequence[tuple[str | None, ...]]) -> list[int] | None:
    """Indices (into ``keys``) of the rows that start a unit's block, the first coded row
    first; None when the table is not printed unit by unit (no code printed twice with other
    amounts). ``amounts`` holds each row's printed amounts, as printed, in column order."""
    coded = [i for i, k in enumerate(keys) if is_code_key(k)]
    # the rows keyed as most are (2050205; 2050101/50101/30101): a row whose name wrapped away
    # from its code (50102/30108 under a lost 2080505) neither starts nor repeats a block
    shape = Counter(_shape(keys[i]) for i in coded).most_common(1)
    coded = [i for i in coded if shape and _shape(keys[i]) == shape[0][0]]
    if not coded or not _printed_again_otherwise(keys, amounts, coded):
        return None
    out = [coded[0]]
    for prev, i in zip(coded, coded[1:], strict=False):
        if keys[i] <= keys[prev]:  # the codes start again: the next unit's rows
            out.append(i)
    return out if len(out) > 1 else None


def _shape(key: str) -> tuple[int, ...]:
    """How a code key is made: the length of each code printed side by side."""
    return tuple(len(k) for k in key.split("/"))


def _printed_again_otherwise(
    keys: Sequence[str], amounts: Sequence[tuple[str | None, ...]], coded: list[int]
) -> bool:
    """Some code printed twice, each time with an amount in a column, and the two differ."""
    first: dict[str, tuple[str | None, ...]] = {}
    for i in coded:
        if not any(a is not None for a in amounts[i]):
            continue  # a code printed again without amounts (a group's name over a page's rows)
        seen = first.setdefault(keys[i], amounts[i])
        if any(a is not None and b is not None and a != b for a, b in zip(seen, amounts[i], strict=False)):
            return True
    return False


def ranges(keys: Sequence[str], begin: Sequence[int]) -> list[list[int]]:
    """The coded rows of each block: from one start up to the next (the last block up to the
    last coded row); rows without a code (合计) belong to no block."""
    ends = [*begin[1:], len(keys)]
    return [[i for i in range(a, b) if is_code_key(keys[i])] for a, b in zip(begin, ends, strict=True)]


Keyed = tuple[str, str, GridRow, list[Cell]]  # (key, label, the row, its value cells)


def read(table: Table, keyed: list[Keyed], cmap: ColumnMap, src: Source) -> list[Keyed]:
    """Read a table printed unit by unit without the units' names: each unit's rows into a
    table of its own (``Table.block``), kept with ``table`` for the pipeline to list; returns
    the rows left for the department's table (its 合计, rows naming no code). ``keyed``
    unchanged when the table is not printed so."""
    keys = [k for k, *_ in keyed]
    codes = [k for k in keys if is_code_key(k)]
    if len(set(codes)) == len(codes):
        return keyed  # no code printed twice: no unit's block starts again (see starts)
    amounts = [tuple(printed_value(c.s) if c is not None else None for c in v) for *_, v in keyed]
    begin = starts(keys, amounts)
    if begin is None:
        return keyed
    blocks = []
    for k, rows in enumerate(ranges(keys, begin), 1):
        bt = unitblocks.block_table(table, "", k)
        for i in rows:
            key, label, r, values = keyed[i]
            add_row(bt, key, label, r, values, cmap, src)
        blocks.append(bt)
    unitblocks.attach(table, blocks)
    table.doubts.append(
        f"此表逐个单位列示（各单位名称未印出，科目编码重新开始处为下一单位）：{len(blocks)} 个单位的各行"
        "另列为单位表，不计入部门的表"
    )
    return [x for x in keyed if not is_code_key(x[0])]
