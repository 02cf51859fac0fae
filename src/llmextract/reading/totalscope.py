"""A total whose scope the table leaves open.

A 三公 table may print 会议费 | 培训费 beside its items. Under a “三公”经费 group its 小计 is the
三公 total (the schema's ``pattern``); a lone 合计 beside them may be over all five columns or
over the three 三公 items only, and nothing printed says which. Such a total (schema columns'
``scope_open_with``) is sure only on a row where it is the sum of the items it would total
(``confirm_by``): the arithmetic confirms the reading, it does not choose it. Elsewhere it is
kept in doubt, and the table says why.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.result import Row, Table
from ..core.schemas import TableSchema
from .fundparts import printed_columns

_CENT = Decimal("0.01")


def settle(table: Table, t: TableSchema) -> None:
    """Put in doubt each open-scope total that its items do not add up to."""
    rules = {c.id: c for c in t.columns if c.scope_open_with and c.confirm_by}
    if not rules:
        return
    printed = printed_columns(table)  # as the header places them: printed blank on every row too
    titles: dict[str, str] = {}
    for c in t.columns:  # each id by the words of its first column named by words
        if c.pattern is None:
            titles.setdefault(c.id, c.title)
    for cid, col in rules.items():
        beside = [o for o in col.scope_open_with if o in printed]
        if not beside:
            continue
        for row in table.rows:
            cell = row.values.get(cid)
            if cell is None or cell.status == "doubt" or cell.number is None:
                continue
            items = _sum(row, col.confirm_by)
            if items is not None and abs(cell.number - items) <= _CENT * len(col.confirm_by):
                continue
            cell.status = "doubt"
            table.doubts.append(
                f"{row.label or row.key}：本表另列{'、'.join(titles[o] for o in beside)}，"
                f"{cell.value} 不等于{'、'.join(titles[o] for o in col.confirm_by)}各项之和，"
                "可能是含这些列的合计，不能确认是本项合计"
            )


def _sum(row: Row, ids: tuple[str, ...]) -> Decimal | None:
    """The row's items added (an item printed blank a 0); None where none was read."""
    nums = [c.number for i in ids if (c := row.values.get(i) or row.extra.get(i)) is not None]
    if not nums or any(n is None for n in nums):
        return None
    return sum((n for n in nums if n is not None), Decimal(0))
