"""Tables with two sides on one line (a 收支总表: 收入 | 支出), side by side or stacked:
each side's rows keyed by its own labels and its amounts by its own columns."""

from __future__ import annotations

import re

from ..core.result import Table, to_decimal
from ..core.schemas import Schemas, TableSchema, class_for_name
from ..core.source import Source
from ..document.chunking import compact
from . import classparts
from . import layout as lay
from .columns import (
    _YEAR,
    IGNORE,
    ColumnMap,
    _header_positions,
    _match_column,
    _sequential,
    join_wrapped,
)
from .layout import Cell, GridRow
from .rowkeys import ENUM, add_row, pad_tab_rows, printed_value


def two_sided(
    table: Table,
    header: list[GridRow],
    data: list[GridRow],
    reading: lay.Reading,
    t: TableSchema,
    schemas: Schemas,
    src: Source,
    year: int | None,
) -> None:
    """收支总表: income label | amount | expense label | expense amounts…"""
    if not data:
        return
    family = reading.family
    if family.pads_trailing:
        pad_tab_rows(header, data)
    W, ids = _expense_columns(header, data, reading, t, year)
    cmap_out = ColumnMap(list(ids), ["current"] * len(ids), "positional")
    cmap_in = ColumnMap([t.income_columns[0].id if t.income_columns else "amount"], ["current"], "positional")
    in_carry = False
    sides = _sides(reading.paths, t) if reading.paths is not None else None
    stacked = _stacked(reading.paths, t, year) if reading.paths is not None and sides is None else None
    if stacked is not None:
        _stacked_sides(table, data, stacked, reading.paths, t, schemas, src)  # type: ignore[arg-type]
        return
    if reading.paths is not None and sides is None:
        table.unsure = True
        table.doubts.append("此收支总表的收入、支出两侧无法按位置分开")
    if sides is not None and reading.paths is not None:
        in_lab, in_cols, out_lab, out_cols = sides
        ids, in_cols = _side_columns(table, reading.paths, in_cols, out_cols, t, year)
        cmap_out = ColumnMap(list(ids), ["current"] * len(ids), "positional")
    # the class line above (its key, where its name starts): only where the words stand where
    # they are printed (a positional reading), and the class lines are numbered (一、教育支出)
    cls: tuple[str, float] | None = None
    by_place = family is lay.ALIGNED
    names: list[classparts.NameLine] = []  # the 支出 lines no row name matched, under a class
    for r in data:
        cells: list[Cell] = list(r.cells) + [None] * max(0, W - len(r.cells), 4 - len(r.cells))
        in_label: Cell = cells[0]
        in_val: Cell = cells[1]
        out_label: Cell = cells[2]
        out_vals = cells[3:]
        if sides is not None:
            in_label = next((cells[k] for k in reversed(in_lab) if cells[k] is not None), None)
            in_val = cells[in_cols[0]]
            out_label = next((cells[k] for k in reversed(out_lab) if cells[k] is not None), None)
            out_vals = [cells[k] for k in out_cols]
        # cells may be shifted when a side is blank: re-split by type
        if in_label is not None and lay.is_value(in_label.s):
            # (one by one, not as a tuple: mypy types a tuple's later items by the earlier ones
            # assigned, and the compiled code then expects None where the label stands)
            out_vals = [out_label, *out_vals]
            out_label = in_val
            in_val = in_label
            in_label = None
        if in_label is not None:
            key = _side_key(compact(in_label.s), "in", t, schemas, in_carry)
            if key == "in.carryover":
                in_carry = True
            if key:
                add_row(table, key, compact(in_label.s), r, [in_val], cmap_in, src)
            else:
                _unkeyed(table, "in", [in_val])
        if out_label is not None and not lay.is_value(out_label.s):
            key = _side_key(compact(out_label.s), "out", t, schemas, False)
            vals = out_vals[: len(ids)]
            if key and cls is not None and _CLASS.match(key) and classparts.under(cls[1], out_label, src):
                key = None  # a 款 named as a class (住房保障 under 援助其他地区支出): the class's part
            if key:
                add_row(table, key, compact(out_label.s), r, vals, cmap_out, src)
                numbered = by_place and _CLASS.match(key) and ENUM.match(compact(out_label.s))
                cls = (key, src.geometry(out_label, 0, len(out_label.s))[0]) if numbered else None
            elif cls is not None and any(v is not None for v in vals):
                names.append(classparts.NameLine(cls[0], cls[1], out_label, r, vals))
            else:
                _unkeyed(table, "out", out_vals)
    for left in classparts.read(table, names, cmap_out, src):
        _unkeyed(table, "out", left.values)
    table.columns = [c for c in dict.fromkeys([*cmap_in.ids, *ids]) if c]


_CLASS = re.compile(r"^out\.\d{3}$")  # a function class's line (out.205)


def _side_columns(
    table: Table,
    paths: list[list[str] | None],
    in_cols: list[int],
    out_cols: list[int],
    t: TableSchema,
    year: int | None,
) -> tuple[list[str | None], list[int]]:
    """The 支出 side's column ids by their header paths, and the 收入 side's amount column(s).
    A column headed by an earlier year (上年预算数 beside 本年预算数) is none of the table's
    columns: it is left out, not read as this year's amount."""
    out_paths = join_wrapped([paths[k] or [] for k in out_cols], t.columns, t)
    ids = [IGNORE if _earlier(p, year) else _match_column(p, "current", t.columns, t) for p in out_paths]
    if not any(x not in (None, IGNORE) for x in ids):
        ids = list(t.canonical[: len(out_cols)])
    current = [k for k in in_cols if not _earlier(paths[k] or [], year)]
    if len(in_cols) > 1 and len(current) == 1:
        in_cols = current
    elif len(in_cols) > 1:
        table.unsure = True
        table.doubts.append("收入一侧印有多列金额，只读取第一列")
    return ids, in_cols


def _expense_columns(
    header: list[GridRow], data: list[GridRow], reading: lay.Reading, t: TableSchema, year: int | None
) -> tuple[int, list[str | None]]:
    """A 收支总表's width and the columns of its 支出 side (everything after the second label
    column): by the header's positions, else its words in order, else the schema's order."""
    family = reading.family
    W = max(lay.width(data), 4)
    exp_cols = t.columns
    header_text = "".join(compact("".join(r.texts())) for r in header)
    k = [m.start() for m in re.finditer("项目|科目", header_text)]
    tail = header_text[k[1] :] if len(k) > 1 else header_text
    named, _ = _sequential(tail, exp_cols, t, [], year)
    if family.placed_by_count and named and len(set(named)) == len(named):
        W = max(W, 3 + len(named))  # rows may not show their trailing blank cells
    if reading.paths is not None:
        W = len(reading.paths)
    E = W - 3
    ids: list[str | None]
    if family.positional_header and header:
        paths = [p or [] for p in reading.paths[-E:]] if reading.paths else _header_positions(header, W, E)
        ids = [_match_column(p, "current", exp_cols, t) for p in paths] if paths else []
        if not ids or not any(ids):
            ids = list(t.canonical[:E])
    else:
        ids = list(named) if len(named) == E else list(t.canonical[:E])
    return W, ids


def _unkeyed(table: Table, side: str, values: list[Cell | None]) -> None:
    """Note a side of a 收支总表 printing a non-zero amount on a line no row name matched (a
    class under an older name): the lines of that side cannot be summed."""
    if side not in table.unkeyed and any(v is not None and to_decimal(printed_value(v.s)) for v in values):
        table.unkeyed.append(side)


def _earlier(path: list[str], year: int | None) -> bool:
    """A column header naming an earlier year than the budget's (上年预算数, 2025年预算数)."""
    s = "".join(path)
    ys = [int(y) for y in _YEAR.findall(s)]
    return "上年" in s or "去年" in s or (year is not None and bool(ys) and ys[-1] < year)


def _stacked(
    paths: list[list[str] | None], t: TableSchema, year: int | None
) -> tuple[list[int], list[int]] | None:
    """A 收支总表 printed as one list (its 收入 lines, then its 支出 lines, under one 项目 |
    预算数 header, or 项目 | 合计 | 一般公共预算 | … for a 财政拨款收支总表): (the label
    columns, the amount columns, right of them all); None otherwise. Several amount columns
    only where each names a column of the table's of its own, none an earlier year's."""
    labels = [k for k, p in enumerate(paths) if p is None]
    amounts = [k for k, p in enumerate(paths) if p is not None]
    if not amounts or not labels or max(labels) > amounts[0]:
        return None
    if len(amounts) > 1:
        if any(_earlier(paths[k] or [], year) for k in amounts):
            return None
        ids = [_match_column(paths[k] or [], "current", t.columns, t) for k in amounts]
        if None in ids or IGNORE in ids or len(set(ids)) != len(ids):
            return None
    return labels, amounts


def _stacked_sides(
    table: Table,
    data: list[GridRow],
    stacked: tuple[list[int], list[int]],
    paths: list[list[str] | None],
    t: TableSchema,
    schemas: Schemas,
    src: Source,
) -> None:
    """Read a 收支总表 printed as one list: the income lines come first, then, from the first
    line that names an expense and no income (or after the income total), the expense lines.
    Each line is keyed by its own name. One amount column is each side's amount (a fiscal
    summary's expense 合计); of several, each 支出 line's amounts are the columns their header
    words name (合计 | 一般公共预算 | …), and a 收入 line's amount is the first column's, read
    only where it prints none in the others (which of them it is, nothing else says)."""
    lab_cols, ks = stacked
    in_id = t.income_columns[0].id if t.income_columns else "amount"
    out_ids = [_match_column(paths[k] or [], "current", t.columns, t) for k in ks]
    if len(ks) == 1:
        out_ids = [out_ids[0] or t.canonical[0]]
    cmap_in = ColumnMap([in_id], ["current"], "positional")
    cmap_out = ColumnMap(out_ids, ["current"] * len(ks), "positional")
    side, in_carry = "in", False
    for r in data:
        cells = list(r.cells) + [None] * max(0, ks[-1] + 1 - len(r.cells))
        label = next((cells[j] for j in reversed(lab_cols) if cells[j] is not None), None)
        if label is None:
            continue
        lab = compact(label.s)
        vals = [cells[k] for k in ks]
        key = _side_key(lab, "in", t, schemas, in_carry) if side == "in" else None
        if key is None and (out_key := _side_key(lab, "out", t, schemas, False)) is not None:
            side, key = "out", out_key
        if key is None or (side == "in" and any(v is not None for v in vals[1:])):
            _unkeyed(table, side, vals)
            continue
        in_carry = in_carry or key == "in.carryover"
        add_row(
            table, key, lab, r, vals[:1] if side == "in" else vals, cmap_in if side == "in" else cmap_out, src
        )
        if key == "in.grand_total":
            side = "out"
    table.columns = [c for c in dict.fromkeys([in_id, *out_ids]) if c]


def _sides(
    paths: list[list[str] | None], t: TableSchema
) -> tuple[list[int], list[int], list[int], list[int]] | None:
    """A positional reading of a 收支总表: (income label columns, income amount columns,
    expense label columns, expense amount columns), from where the label columns (no header
    path) stand; None when the columns do not fall into those four runs. A third block after
    them whose header names another classification of the 支出 (``other_blocks``: 支出（按经济
    分类）) is none of the table's: left unread."""
    runs: list[tuple[bool, list[int]]] = []
    for k, p in enumerate(paths):
        label = p is None
        if runs and runs[-1][0] == label:
            runs[-1][1].append(k)
        else:
            runs.append((label, [k]))
    if len(runs) == 6 and runs[0][0] and _other_block([paths[k] or [] for k in runs[5][1]], t):
        runs = runs[:4]
    if len(runs) != 4 or not runs[0][0]:
        return None
    return runs[0][1], runs[1][1], runs[2][1], runs[3][1]


_OF_WHICH = re.compile(r"^其中[:：]")


def _other_block(paths: list[list[str]], t: TableSchema) -> bool:
    words = [compact(w) for p in paths for w in p]
    return bool(words) and any(re.search(x, w) for x in t.raw.get("other_blocks") or () for w in words)


def _side_key(label: str, side: str, t: TableSchema, schemas: Schemas, in_carry: bool) -> str | None:
    lab = ENUM.sub("", label)
    lab = _OF_WHICH.sub("", lab)
    prefix = side + "."  # (made once, not per row of the schema)
    for rid, pats in t.rows.items():
        if not rid.startswith(prefix):
            continue
        if any(p.search(lab) for p in pats):
            if (
                in_carry
                and t.carryover_breakdown
                and rid in ("in.general_budget", "in.gov_fund", "in.state_capital")
            ):
                return "in.carryover." + rid.split(".", 1)[1]
            return rid
    if side == "out":
        code = class_for_name(lab, schemas.classes)
        if code:
            return f"out.{code}"
    return None
