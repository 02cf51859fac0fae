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
from collections.abc import Sequence

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
    if not _printed_again_otherwise(keys, amounts, coded):
        return None
    out = [coded[0]]
    for prev, i in zip(coded, coded[1:], strict=False):
        if keys[i] <= keys[prev]:  # the codes start again: the next unit's rows
            out.append(i)
    return out if len(out) > 1 else None


def _printed_again_otherwise(
    keys: Sequence[str], amounts: Sequence[tuple[str | None, ...]], coded: list[int]
) -> bool:
    first: dict[str, tuple[str | None, ...]] = {}
    for i in coded:
        seen = first.setdefault(keys[i], amounts[i])
        if seen is not amounts[i] and seen != amounts[i]:
            return True
    return False


def ranges(keys: Sequence[str], begin: Sequence[int]) -> list[list[int]]:
    """The coded rows of each block: from one start up to the next (the last block up to the
    last coded row); rows without a code (合计) belong to no block."""
    ends = [*begin[1:], len(keys)]
    return [[i for i in range(a, b) if is_code_key(keys[i])] for a, b in zip(begin, ends, strict=True)]
