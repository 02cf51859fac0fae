"""Amounts a table's named rows print again elsewhere in the document.

A project's budget is printed in the 项目支出表 and again beside its name in the
项目支出绩效目标表 (``51110223T000008914269-财政承担特殊军龄参保  333.00``), a table read for no
cell. Where a table's schema says so (``restated: <column>``), each row keyed by a name gets
that second printing as a column that is no cell (``restated``): evidence that tells which
leaf of a total-only table is wrong, never a finding itself (the 绩效 table may count other
money, or several years).
"""

from __future__ import annotations

import re

from .normalize import Source
from .result import Cell, Provenance, Result, Table
from .schemas import Schemas

COLUMN = "restated"
MIN_NAME = 4  # a shorter name (办公费) is a word that stands in many places
_AMOUNT = r"(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"


def attach(result: Result, src: Source, schemas: Schemas) -> None:
    """Give each named row of a table whose schema declares ``restated`` the amount printed
    beside its name outside the tables read, when every such printing agrees."""
    read = [_span(t) for t in result.tables if t.rows]  # a row of a table read is no restatement
    for table in result.tables:
        schema = schemas.tables.get(table.id)
        col = (schema.raw.get("restated") if schema is not None else None) or ""
        if not col or table.unsure:
            continue
        for row in table.rows:
            if row.key.isdigit() or row.key == "total" or len(row.key) < MIN_NAME or col not in row.values:
                continue
            found = _printed_beside(src.raw, row.key, read)
            if found is not None:
                row.values[COLUMN] = Cell.model_construct(
                    value=found[0], provenance=_provenance(src, found[1])
                )


def _span(table: Table) -> tuple[int, int]:
    cells = [c.provenance for r in table.rows for c in r.values.values()]
    return (min(p.start for p in cells), max(p.end for p in cells)) if cells else (0, -1)


def _printed_beside(raw: str, name: str, read: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """(amount, its span) printed right after ``name`` — the whole name, then only blanks —
    outside the tables read, when every such printing gives the same amount."""
    tail = r"[ \t\u3000]*\n?[ \t\u3000]*" + _AMOUNT + r"(?![\d.])"
    pat = re.compile(r"(?:^|(?<=[\s\-—]))" + re.escape(name) + tail, re.M)
    hits = [m for m in pat.finditer(raw) if not any(lo <= m.start() <= hi for lo, hi in read)]
    values = {m.group("v").replace(",", "") for m in hits}
    if len(values) != 1:
        return None
    return values.pop(), hits[0].span("v")


def _provenance(src: Source, span: tuple[int, int]) -> Provenance:
    start, end = span
    line, col = src.line_col(start)
    page, box = src.box(start, end)
    return Provenance.model_construct(
        start=start, end=end, line=line, col=col, text=src.raw[start:end], page=page, box=box
    )
