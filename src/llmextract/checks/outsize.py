"""Amounts no disclosure prints, left unread: a value of 16 or more integer digits.

A department's largest figure, in 元, has 12 or 13 digits (a trillion 元 has 13); no amount of
a budget or a final account reaches 16 in any unit. Such a cell is a misprint, two cells run
together, or a code: read as a value it would be a wrong number the checks then blame on its
neighbours (and past 15 digits a spreadsheet's float cannot even hold it). Every reader's
values pass here once read, before the arithmetic: such a value is taken off its row, its
table says where and why, and the coverage lists it among the unread amounts of its page.
"""

from __future__ import annotations

import re

from ..core.result import Cell, Result

MAX_DIGITS = 15  # integer digits of the largest amount read
_WHOLE = re.compile(r"\d[\d,]*")  # the integer part: the first run of digits (and separators)


def is_outsize(value: str) -> bool:
    """The value's integer part holds more than :data:`MAX_DIGITS` digits."""
    if len(value) <= MAX_DIGITS:
        return False  # (most values: no search)
    m = _WHOLE.search(value)
    return m is not None and sum(c.isdigit() for c in m.group(0)) > MAX_DIGITS


def leave_unread(result: Result) -> None:
    """Every value of more than :data:`MAX_DIGITS` integer digits taken off its row (the
    printed columns outside the cells spec and the units' rows too), a doubt on its table."""
    for t in result.tables:
        for row in (*t.rows, *t.units):
            for cells in (row.values, row.extra):
                for cid, cell in [(c, v) for c, v in cells.items() if is_outsize(v.value)]:
                    del cells[cid]
                    t.doubts.append(_doubt(row.label or row.key, cell))


def _doubt(label: str, cell: Cell) -> str:
    p = cell.provenance
    where = f"第 {p.page} 页" if p.page is not None else f"第 {p.line} 行"
    return (
        f"“{label}”一行（{where}）印的 {p.text.strip()} 整数部分超过 {MAX_DIGITS} 位，不是可能的金额"
        "（误印或两格连印？）：未读取"
    )
