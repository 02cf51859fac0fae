"""A table a schema declares may be printed as two panels side by side (``panels:`` in its
YAML: a 预算's 一般公共预算基本支出表 printing 人员经费's classes on the left, 公用经费's on the
right, each 编码 | 名称 | 金额): told by its header printing the code's heading once a panel.
Such a table is read by :mod:`.paired` (the reader of a 决算's 基本支出 table, whose halves it
is), its rows keyed as the table's, each panel's amounts under the panel's own header words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.schemas import TableSchema
from ..document.chunking import compact
from .layout import GridRow


@dataclass(frozen=True)
class Panels:
    header: re.Pattern[str]  # the code's heading, printed once a panel (科目编码)
    amount: str  # the column a panel's lone amount word (金额) stands for: the row's whole amount
    # the panels' foot lines (人员经费合计): the column of the total row each one's label names
    foot: tuple[tuple[str, re.Pattern[str]], ...]
    row: str  # the row the foot lines are (total)
    words: tuple[str, ...]  # a panel's lone amount heading (金额, 预算数): the column ``amount``


_SPECS: dict[str, Panels | None] = {}


def spec(t: TableSchema) -> Panels | None:
    """The table's ``panels:`` declaration, or None where it declares none."""
    if t.id not in _SPECS:
        d = t.raw.get("panels")
        _SPECS[t.id] = (
            Panels(
                re.compile(d.get("header", "编码")),
                d["amount"],
                tuple((c, re.compile(p)) for c, p in (d.get("foot") or {}).items()),
                d.get("row", "total"),
                tuple(d.get("words") or ()),
            )
            if d
            else None
        )
    return _SPECS[t.id]


def printed(header: list[GridRow], t: TableSchema) -> bool:
    """Whether the table's header prints the code's heading once a panel (twice or more)."""
    p = spec(t)
    if p is None:
        return False
    n = sum(len(p.header.findall(compact(c.s))) for r in header for c in r.cells if c is not None)
    return n >= 2


def foot_column(label: str, p: Panels) -> str | None:
    """The total row's column a foot line's label names (人员经费合计 → personnel)."""
    name = re.sub(r"^[一二三四五六七八九十]+[、.]", "", label)
    return next((c for c, pat in p.foot if pat.search(name)), None)
