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

from ..core.result import Cell, Provenance, Result, Row, Table
from ..core.schemas import Schemas
from ..core.source import Source

COLUMN = "restated"
MIN_NAME = 4  # a shorter name (办公费) is a word that stands in many places
_AMOUNT = r"(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"


def attach(result: Result, src: Source, schemas: Schemas) -> None:
    """Give each named row of a table whose schema declares ``restated`` the amount printed
    beside its name outside the tables read, when every such printing agrees."""
    wanted: list[tuple[Row, str]] = []
    for table in result.tables:
        schema = schemas.tables.get(table.id)
        col = (schema.raw.get("restated") if schema is not None else None) or ""
        if not col or table.unsure:
            continue
        for row in table.rows:
            if (
                not row.key.isdigit()
                and row.key != "total"
                and len(row.key) >= MIN_NAME
                and col in row.values
            ):
                wanted.append((row, row.key))
    if not wanted:
        return
    read = [_span(t) for t in result.tables if t.rows]  # a row of a table read is no restatement
    printed = _printed_beside_names(src.raw, {name for _, name in wanted}, read)
    for row, name in wanted:
        values, first = printed.get(name, (set(), (0, 0)))
        if len(values) == 1:
            row.values[COLUMN] = Cell.model_construct(value=values.pop(), provenance=_provenance(src, first))


def _span(table: Table) -> tuple[int, int]:
    cells = [c.provenance for r in table.rows for c in r.values.values()]
    return (min(p.start for p in cells), max(p.end for p in cells)) if cells else (0, -1)


_BESIDE = re.compile(r"(?:^|(?<=\s))(?P<name>\S+?)[ \t\u3000]*\n?[ \t\u3000]*" + _AMOUNT + r"(?![\d.])", re.M)


def _printed_beside_names(
    raw: str, names: set[str], read: list[tuple[int, int]]
) -> dict[str, tuple[set[str], tuple[int, int]]]:
    """name → (the amounts, the first one's span) printed right after one of ``names`` —
    the whole name (after a blank or a code and a dash: ``5111…-财政承担特殊军龄参保``), then
    only blanks — outside the tables read. One pass over the text, however many names; two
    different amounts are as many as it keeps (a long text repeats its printings)."""
    out: dict[str, tuple[set[str], tuple[int, int]]] = {}
    # a match names one of ``names`` only in a stretch that prints it: the others are not read
    runs = [(lo, hi) for lo, hi in _amount_lines(raw) if _prints_one(raw[lo:hi], names)]
    for m in (m for lo, hi in runs for m in _BESIDE.finditer(raw, lo, hi)):
        word = m.group("name")
        name = _name_in(word, names)
        # a name first (few words are one), then whether it stands in a table read
        if name is not None and not any(lo <= m.start() <= hi for lo, hi in read):
            values, _ = out.setdefault(name, (set(), m.span("v")))
            if len(values) < 2:
                values.add(m.group("v").replace(",", ""))
    return out


def _prints_one(text: str, names: set[str]) -> bool:
    return any(name in text for name in names)


def _name_in(word: str, names: set[str]) -> str | None:
    """The name ``word`` ends with: the whole word, else what follows one of its dashes (a code
    and a dash before the name), the longest first; None when none is one of ``names``."""
    if "-" not in word and "—" not in word:  # (most words: no dash to cut at)
        return word if word in names else None
    cuts = [0, *(i + 1 for i, ch in enumerate(word) if ch in "-—")]
    return next((word[i:] for i in cuts if word[i:] in names), None)


def _amount_lines(raw: str) -> list[tuple[int, int]]:
    """The stretches of ``raw`` where a name and its amount may stand: each run of lines that
    hold a point or a thousands separator (an amount holds one), with the line before each
    (a name wrapped above its amount). A match of :data:`_BESIDE` spans a name's line and its
    amount's, so it lies in one such run, read alone as the whole text reads it (each run
    starts at a line's start and ends at one's end; nothing else can match)."""
    out: list[tuple[int, int]] = []
    starts: list[int] = []
    keep: list[bool] = []
    off = 0
    for line in raw.split("\n"):
        starts.append(off)
        keep.append("." in line or "," in line)
        off += len(line) + 1
    n = len(starts)
    for i in range(n):
        if not (keep[i] or (i + 1 < n and keep[i + 1])):
            continue
        end = starts[i + 1] - 1 if i + 1 < n else len(raw)  # the line's end, before its \n
        if out and out[-1][1] == starts[i] - 1:
            out[-1] = (out[-1][0], end)  # the run goes on
        else:
            out.append((starts[i], end))
    return out


def _provenance(src: Source, span: tuple[int, int]) -> Provenance:
    start, end = span
    line, col = src.line_col(start)
    page, box = src.box(start, end)
    return Provenance.model_construct(
        start=start, end=end, line=line, col=col, text=src.raw[start:end], page=page, box=box
    )
