"""A table printed unit by unit without the units' names or totals (北京's 预算05表): the
department's 合计 is the sum of every unit's rows, column by column — each block's top rows
(those no printed row is the parent of), all blocks together. Where they differ, the check says so; it never
moves a number."""

from __future__ import annotations

from ..core.labels import Labels
from ..core.result import Cell, Check, Result, Table
from ..reading.codeblocks import is_code_key
from ..reading.unitblocks import department_tables, is_block
from .rules import top_codes
from .unit_views import SumWords, total_against


def rows_add_up(result: Result) -> list[Check]:
    """The department's 合计 against the sum of its unnamed units' rows."""
    out: list[Check] = []
    lab = Labels(result.spec)
    for dept in department_tables(result.tables):
        blocks = [t for t in result.tables if is_block(t) and t.id == dept.id]
        whole = dept.row("total")
        if not blocks or whole is None or any(b.unit_name or b.row("total") is not None for b in blocks):
            continue
        per_block = [_top_cells(b) for b in blocks]
        if any(x is None for x in per_block):
            continue
        tops = [c for x in per_block if x is not None for c in x]
        for col, cell in whole.values.items():
            printed = [c for row in tops if (c := row.get(col)) is not None]
            out += total_against(dept, len(blocks), printed, col, cell, lab, False, _ROWS)
    return out


def _top_cells(block: Table) -> list[dict[str, Cell]] | None:
    """The values of a block's top rows: those no printed row is the parent of (every row, where each
    prints codes side by side: no row is another's part); None where rows are keyed unlike
    (a row whose code was lost where its name wrapped): no sum is made."""
    codes = [r for r in block.rows if is_code_key(r.key)]
    if len({r.key.count("/") for r in codes}) > 1 or any(not is_code_key(r.key) for r in block.rows):
        return None
    top = set(top_codes([r.key for r in codes if "/" not in r.key]))
    return [r.values for r in codes if "/" in r.key or r.key in top]


_ROWS = SumWords("blocks_rows_sum", "各行", "rows")
