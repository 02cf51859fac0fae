"""Spreadsheet export: one sheet per table (codes as text, amounts as numbers, provenance in
a note on each cell), a sheet of narrative facts and a sheet of failed checks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from .result import Result, to_decimal
from .schemas import is_cell


def _number_format(value: str) -> str:
    return "0." + "0" * len(value.split(".")[1]) if "." in value else "0"


def _put(ws, row: int, col: int, value: str, note: str | None = None) -> None:  # noqa: ANN001
    """An amount as a number showing its printed decimals; anything else as text."""
    d = to_decimal(value)
    c = ws.cell(row=row, column=col)
    if d is not None and d.is_finite():
        c.value = d
        c.number_format = _number_format(value)
    else:
        c.value = value
        c.number_format = "@"
    if note:
        c.comment = Comment(note, "llmextract", width=260, height=60)


def write(result: Result, path: Path | BinaryIO) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for t in result.tables:
        ws = wb.create_sheet(t.id[:31])
        cols = t.columns or sorted({k for r in t.rows for k in r.values})
        for j, h in enumerate(["key", "label", *cols], 1):
            ws.cell(row=1, column=j, value=h).font = bold
        for i, r in enumerate(t.rows, 2):
            k = ws.cell(row=i, column=1, value=r.key)
            k.number_format = "@"  # codes stay text: 2080101, not 2.08E+06
            ws.cell(row=i, column=2, value=r.label)
            for j, col in enumerate(cols, 3):
                v = r.values.get(col)
                if v is not None:
                    p = v.provenance
                    _put(ws, i, j, v.value, f"line {p.line}, col {p.col} (chars {p.start}-{p.end}): {p.text}")
        ws.freeze_panes = "C2"
    ws = wb.create_sheet("narrative")
    for j, h in enumerate(["fact", "value", "line", "column", "sentence"], 1):
        ws.cell(row=1, column=j, value=h).font = bold
    for i, f in enumerate(result.narrative, 2):
        ws.cell(row=i, column=1, value=f.id)
        _put(ws, i, 2, f.value)
        ws.cell(row=i, column=3, value=f.provenance.line)
        ws.cell(row=i, column=4, value=f.provenance.col)
        ws.cell(row=i, column=5, value=f.sentence)
    ws = wb.create_sheet("checks")
    for j, h in enumerate(["source", "rule", "table", "row", "col", "expected", "found", "message"], 1):
        ws.cell(row=1, column=j, value=h).font = bold
    for i, c in enumerate(result.checks, 2):
        for j, v in enumerate([c.source, c.rule, c.table, c.row, c.col, c.expected, c.found, c.message], 1):
            ws.cell(row=i, column=j, value=v).number_format = "@"
    wb.save(path)


def _as_printed(value: object, number_format: str) -> str:
    if isinstance(value, (int, float, Decimal)):
        decimals = len(number_format.split(".")[1]) if "." in number_format else 0
        return f"{Decimal(str(value)):.{decimals}f}"
    return str(value)


def read_cells(path: Path) -> set[tuple[str, str, str, str]]:
    """The cells (spec columns only) of a workbook written by :func:`write`."""
    wb = load_workbook(path)
    got = set()
    for ws in wb.worksheets:
        if ws.title == "checks":
            continue
        rows = list(ws.iter_rows())
        if ws.title == "narrative":
            got |= {
                ("narrative", str(r[0].value), "value", _as_printed(r[1].value, r[1].number_format))
                for r in rows[1:]
                if is_cell("narrative", str(r[0].value), "value")
            }
            continue
        header = [c.value for c in rows[0]]
        for r in rows[1:]:
            for h, c in zip(header[2:], r[2:], strict=False):
                if c.value is not None and is_cell(ws.title, str(r[0].value), str(h)):
                    got.add((ws.title, str(r[0].value), h, _as_printed(c.value, c.number_format)))
    return got
