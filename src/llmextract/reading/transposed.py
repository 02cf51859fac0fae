"""A table printed the other way round: the schema's columns as its rows, and its rows (a
period, the funds paying it) as its columns.

广州's 财政拨款安排的行政经费及“三公”经费预算表 lists 行政经费, “三公”经费, 其中：（一）因公出国
（境）支出 … as rows under 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算, where the
schema (``three_public``) has one row per period and one column per item. The schema says how
to read it the other way round (``transposed``): ``items`` maps a row's label to the column it
is, ``columns`` a column's header (its words, groups joined by ``/``) to the row it is. Each
amount goes where its row label and the header over it say; a label or a header the schema
does not name is not read (its amounts stay unread, never given to a neighbour). Two rows read
as one item keep the first's amounts, in doubt where the second prints another."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.result import Cell as ResultCell
from ..core.result import Provenance, Row, to_decimal
from ..document.chunking import compact
from . import layout as lay
from .columns import _header_positions
from .layout import Cell, GridRow

if TYPE_CHECKING:
    from ..core.result import Table
    from ..core.schemas import TableSchema
    from ..core.source import Source

_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])")
_OF_WHICH = re.compile(r"^其中[:：]?")
_YEAR = re.compile(r"(20\d\d)\s*年")
_WS_COMMA = re.compile(r"[\s,]")


def _patterns(t: TableSchema, part: str) -> dict[str, list[re.Pattern[str]]]:
    spec = (t.raw.get("transposed") or {}).get(part) or {}
    return {str(k): [re.compile(p) for p in (v if isinstance(v, list) else [v])] for k, v in spec.items()}


def _item(label: str, items: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The column a row's label names (其中, (一), 1. removed), the first in the schema's order."""
    lab = label
    for _ in range(3):
        lab = _ENUM.sub("", _OF_WHICH.sub("", lab))
    return next((cid for cid, pats in items.items() if any(p.search(lab) for p in pats)), None)


def row_label(cells: list[Cell]) -> str:
    return "".join(compact(c.s) for c in cells if c is not None)


def items_as_rows(labels: list[str], t: TableSchema) -> bool:
    """Two or more rows are named by the schema's items (行政经费, 因公出国…): the table is
    printed the other way round."""
    items = _patterns(t, "items")
    return bool(items) and len({x for lab in labels if (x := _item(lab, items))}) >= 2


def _row_of(path: list[str], t: TableSchema, year: int | None) -> str | None:
    """The row a column's amounts are: its header words matched to the schema (a column
    naming another year than the budget's is none of them)."""
    text = "/".join(path)
    ys = [int(y) for y in _YEAR.findall(text)]
    # a column naming the year before the budget's is last year's (2025年预算数): only the
    # schema's ``prior`` row; naming another year, none
    before = bool(ys) and year is not None and ys[-1] == year - 1
    if ys and year is not None and ys[-1] != year and not before:
        return None
    for rid, pats in _patterns(t, "columns").items():
        if ys and (rid == "prior") != before:
            continue
        if any(p.search(text) or p.search(path[-1] if path else "") for p in pats):
            return rid
    return None


def _value(s: str) -> str:
    """As the cells spec writes it: no spaces or thousands separators, -0 as 0."""
    v = _WS_COMMA.sub("", s)
    return v[1:] if v.startswith("-") and to_decimal(v) == 0 else v


def read_if_items_as_rows(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    M: int,
    t: TableSchema,
    src: Source,
    year: int | None,
) -> list[str | None] | None:
    """Read the table the other way round when its rows are named by the schema's items: the
    row each amount column was read as (None: a column naming none, left unread); None
    (nothing read) otherwise."""
    if not items_as_rows([row_label(r.cells[: len(r.cells) - M]) for r in data], t):
        return None
    W = len(reading.paths) if reading.paths is not None else lay.width(data)
    paths = [p or [] for p in reading.paths[-M:]] if reading.paths else _header_positions(header, W, M)
    return read(table, data, paths or [[] for _ in range(M)], t, src, year)


def read(
    table: Table,
    data: list[GridRow],
    paths: list[list[str]],
    t: TableSchema,
    src: Source,
    year: int | None,
) -> list[str | None]:
    """Read every row whose label names an item into the column it is, each amount into the
    row its column's header names; the row each column is."""
    items = _patterns(t, "items")
    M = len(paths)
    later = sorted({y for p in paths for y in map(int, _YEAR.findall("/".join(p))) if year and y > year})
    if later:
        # a column naming a year after the budget's (2026年预算数 in a document taken for 2025's:
        # its year only guessed): which column is this year's cannot be told — none is read
        table.doubts.append(
            f"本表有列标为 {later[-1]} 年，晚于预算年度 {year} 年：各列是哪一年无法确定，本表金额未读取"
        )
        return [None] * M
    rows = [_row_of(p, t, year) for p in paths]
    for r in data:
        cells = r.cells
        label = row_label(cells[: len(cells) - M])
        cid = _item(label, items)
        if cid is None:
            continue
        for rid, c in zip(rows, cells[len(cells) - M :], strict=True):
            if rid is None or c is None or to_decimal(_WS_COMMA.sub("", c.s)) is None:
                continue
            row = table.row(rid)
            if row is None:
                row = Row.model_construct(key=rid, label=label, line=0, values={}, extra={})
                table.rows.append(row)
            cv = ResultCell.model_construct(value=_value(c.s), provenance=Provenance.of(c, src), status="ok")
            if cid in row.values:  # an item printed twice: its first printing is kept
                _twice(table, row.values[cid], cv, label)
                continue
            if r.doubt:
                cv.status = "doubt"
            row.values[cid] = cv
            if not row.line:
                row.line = cv.provenance.line
    table.columns = list(dict.fromkeys(cid for r in table.rows for cid in r.values))
    return rows


def _twice(table: Table, first: ResultCell, again: ResultCell, label: str) -> None:
    """An item's row printed twice: a different amount the second time leaves the first in
    doubt (which printing is its figure, the reading cannot tell). The amounts are compared
    as numbers (0.00 printed again as 0 is the same amount)."""
    a, b = to_decimal(first.value), to_decimal(again.value)
    if (a == b) if a is not None and b is not None else first.value == again.value:
        return
    first.status = "doubt"
    table.doubts.append(
        f"“{label}”与前面一行读作同一项，同一列的金额不同：{first.value}（第 {first.provenance.line} 行）"
        f"与 {again.value}（第 {again.provenance.line} 行）；取前者"
    )
