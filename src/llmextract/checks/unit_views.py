"""The checks of a table printed unit by unit: the department's tables are checked together
(across tables, with the prose), each unit's block on its own — its rows' identities, its
parents against their children — and never as if it were the department's table."""

from __future__ import annotations

from ..core.result import Check, Result, Table
from ..reading.unitblocks import department_tables, is_block


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
