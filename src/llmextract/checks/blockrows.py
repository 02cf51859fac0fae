"""A table printed unit by unit without the units' names or totals (北京's 预算05表): the
department's 合计 is the sum of every unit's rows, column by column — each block's top rows
(its shortest codes), all blocks together. Where they differ, the check says so; it never
moves a number."""

from __future__ import annotations

from decimal import Decimal

from ..core.labels import Labels
from ..core.result import Cell, CellRef, Check, Result, Table, to_decimal
from ..reading.codeblocks import is_code_key
from ..reading.unitblocks import department_tables, is_block
from .arithmetic import CENT


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
            out += _adds_up(dept, blocks, [row.get(col) for row in tops], col, cell, lab)
    return out


def _top_cells(block: Table) -> list[dict[str, Cell]] | None:
    """The values of a block's top rows: the rows of its shortest codes (every row, where each
    prints codes side by side: no row is another's part); None where rows are keyed unlike
    (a row whose code was lost where its name wrapped): no sum is made."""
    codes = [r for r in block.rows if is_code_key(r.key)]
    if len({r.key.count("/") for r in codes}) > 1 or any(not is_code_key(r.key) for r in block.rows):
        return None
    shortest = min((len(r.key) for r in codes), default=0)
    return [r.values for r in codes if "/" in r.key or len(r.key) == shortest]


def _adds_up(
    dept: Table, blocks: list[Table], cells: list[Cell | None], col: str, cell: Cell, lab: Labels
) -> list[Check]:
    total = to_decimal(cell.value)
    printed = [c for c in cells if c is not None]
    values = [to_decimal(c.value) for c in printed]
    if total is None or not printed or any(v is None for v in values):
        return []
    found = sum((v for v in values if v is not None), Decimal(0))
    if abs(total - found) <= CENT * len(printed):
        return []
    sure = cell.status == "ok" and all(c.status == "ok" for c in printed) and not dept.unsure
    title, column, unit = lab.table_title(dept), lab.column_name(dept.id, col), dept.unit
    note = "" if sure else f"；{title} 各单位各行的读取存疑"
    return [
        Check(
            rule="blocks_rows_sum",
            table=dept.id,
            row="total",
            col=col,
            expected=format(found, "f"),
            found=cell.value,
            cells=[CellRef(table=dept.id, row="total", col=col)],
            source="document" if sure else "extraction",
            message=f"{title} · 合计 · {column} {cell.value} {unit}，而其 {len(blocks)} 个单位各行之和为"
            f" {found} {unit}（相差 {abs(total - found)} {unit}）{note}",
            plain=f"{dept.id}:total:{col} = {cell.value}, its {len(blocks)} units' rows add up to {found}",
            line=cell.provenance.line,
            page=cell.provenance.page,
        )
    ]
