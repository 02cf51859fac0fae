"""The checks of a table printed unit by unit: the department's tables are checked together
(across tables, with the prose), each unit's block on its own — its rows' identities, its
parents against their children — and never as if it were the department's table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.labels import Labels
from ..core.result import Cell, CellRef, Check, Result, Row, Table, to_decimal
from ..reading.unitblocks import department_tables, is_block
from .arithmetic import CENT


def split(result: Result) -> tuple[Result, list[Result]]:
    """A view of ``result`` holding the department's tables (and the prose), and one view per
    unit's block holding that block alone. The views share the tables' objects with ``result``
    (a value a check makes doubtful is the result's); ``result`` itself when it has no block."""
    if not any(is_block(t) for t in result.tables):
        return result, []
    department = result.model_copy(update={"tables": department_tables(result.tables)})
    blocks = [
        result.model_copy(update={"tables": [t], "narrative": [], "checks": []})
        for t in result.tables
        if is_block(t)
    ]
    return department, blocks


def tagged(checks: list[Check], block: Table) -> list[Check]:
    """The checks of one unit's block, saying whose block they are (``Check.block``, its
    ``unit_name``, and the unit's name before the message)."""
    for c in checks:
        c.block, c.unit_name = block.block, block.unit_name
        c.message = f"{block.unit_name or f'第 {block.block} 个单位'}：{c.message}"
    return checks


def follow_units(result: Result) -> None:
    """A unit's block prints its amounts in its table's unit: where the department's table
    was found to print in another unit than it says (``unit_checked``), so do its blocks."""
    department = {t.id: t for t in department_tables(result.tables)}
    for t in result.tables:
        if is_block(t) and (d := department.get(t.id)) is not None:
            t.unit_checked = d.unit_checked


def blocks_add_up(result: Result) -> list[Check]:
    """Where the department's table prints its total and every unit's block prints its own:
    the department's total is the sum of its units' totals, column by column (a unit's total
    lost where its line was not read leaves the check unmade)."""
    out: list[Check] = []
    lab = Labels(result.spec)
    for dept in department_tables(result.tables):
        blocks = [t for t in result.tables if is_block(t) and t.id == dept.id]
        whole = dept.row("total")
        if not blocks or whole is None:
            continue
        parts = [b.row("total") for b in blocks]
        if any(p is None for p in parts):
            continue
        for col, cell in whole.values.items():
            out += _column_adds_up(dept, blocks, [p for p in parts if p is not None], col, cell, lab)
    return out


def _column_adds_up(
    dept: Table, blocks: list[Table], parts: list[Row], col: str, cell: Cell, lab: Labels
) -> list[Check]:
    cells = [p.values.get(col) for p in parts]
    if any(c is None for c in cells):
        return []
    unsure = any(b.unsure for b in blocks)
    return total_against(
        dept, len(blocks), [c for c in cells if c is not None], col, cell, lab, unsure, _TOTALS
    )


@dataclass(frozen=True)
class SumWords:
    """How a check of the 合计 against a sum over the units names its rule and its terms."""

    rule: str
    terms: str  # 各单位的合计 | 各单位各行
    plain: str  # totals | rows


_TOTALS = SumWords("units_sum", "的合计", "totals")


def total_against(
    dept: Table,
    n_units: int,
    cells: list[Cell],
    col: str,
    cell: Cell,
    lab: Labels,
    unsure: bool,
    words: SumWords,
) -> list[Check]:
    """The department's 合计 in column ``col`` against the sum of ``cells`` (its units' figures);
    a finding on the document only where every figure was read for sure, else the extraction's."""
    total = to_decimal(cell.value)
    values = [to_decimal(c.value) for c in cells]
    if total is None or not cells or any(v is None for v in values):
        return []
    found = sum((v for v in values if v is not None), Decimal(0))
    if abs(total - found) <= CENT * len(cells):
        return []
    sure = cell.status == "ok" and all(c.status == "ok" for c in cells) and not dept.unsure and not unsure
    title, column, unit = lab.table_title(dept), lab.column_name(dept.id, col), dept.unit
    note = "" if sure else f"；{title} 各单位{words.terms}的读取存疑"
    return [
        Check(
            rule=words.rule,
            table=dept.id,
            row="total",
            col=col,
            expected=format(found, "f"),
            found=cell.value,
            cells=[CellRef(table=dept.id, row="total", col=col)],
            source="document" if sure else "extraction",
            message=f"{title} · 合计 · {column} {cell.value} {unit}，而其 {n_units} 个单位{words.terms}之和为"
            f" {found} {unit}（相差 {abs(total - found)} {unit}）{note}",
            plain=f"{dept.id}:total:{col} = {cell.value}, its {n_units} units' {words.plain} add up to"
            f" {found}",
            line=cell.provenance.line,
            page=cell.provenance.page,
        )
    ]
