"""Tables recognised by their header line where no title names them: a list printed in the
prose part under a heading that names no 表 (广州's 七、重点项目预算绩效目标情况, 深圳's
「本部门重点项目绩效目标情况如下：」) starts at a line holding every word of one of its schema's
``header_start`` entries (项目 | 预算数 | 绩效目标, and none of its ``not`` words), outside any
table."""

from __future__ import annotations

from collections.abc import Callable

from ..core.memo import by_identity
from ..core.schemas import Schemas

_LONGEST = 60  # a header line is short: a sentence naming the same words is prose


@by_identity()
def _entries(schemas: Schemas) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (t.id, tuple(e["words"]), tuple(e.get("not") or ()))
        for t in schemas.tables.values()
        for e in t.raw.get("header_start") or ()
        if e.get("words")
    )


def table_at(c: str, schemas: Schemas) -> str | None:
    """The table whose header the compact line ``c`` is, if it opens one; else None."""
    return finder(schemas)(c)


def finder(schemas: Schemas) -> Callable[[str], str | None]:
    """:func:`table_at` for one schema set, its entries looked up once (the chunker asks of
    every line outside a table)."""
    entries = _entries(schemas)

    def at(c: str) -> str | None:
        if not entries or len(c) > _LONGEST or "。" in c or "，" in c:
            return None
        for tid, words, others in entries:
            if all(w in c for w in words) and not any(w in c for w in others):
                return tid
        return None

    return at
