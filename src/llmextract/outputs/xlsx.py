"""Spreadsheet export: one sheet per table (codes as text, amounts as numbers, provenance in
a note on each cell), a sheet of narrative facts and a sheet of failed checks."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Border, Font, PatternFill, Side

from ..core.result import Result, Row, Table, to_decimal
from ..core.schemas import Schemas
from . import labels
from .factunit import fact_unit


def _number_format(value: str) -> str:
    return "0." + "0" * len(value.split(".")[1]) if "." in value else "0"


def _put(ws, row: int, col: int, value: str, note: str | None = None):  # noqa: ANN001, ANN201
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
    return c


NARRATIVE_SHEET, CHECKS_SHEET, IDS_SHEET, COVERAGE_SHEET = "情况说明", "核对", "ids", "读取情况"
DOUBT_FILL = PatternFill("solid", fgColor="FFF1E0")
DOUBT_SIDE = Side(style="dashed", color="E67E22")
DOUBT_BORDER = Border(left=DOUBT_SIDE, right=DOUBT_SIDE, top=DOUBT_SIDE, bottom=DOUBT_SIDE)
CHECK_IDS = ("source", "rule", "table", "row", "col", "expected", "found", "category", "line", "page")
SOURCE = {"document": "文件自身的不一致", "extraction": "提取存疑"}


def sheet_names(table_ids: list[str], lab: labels.Labels) -> dict[str, str]:
    """A sheet name per table: its title (the schema's), cut to Excel's 31 characters, unique;
    ``<id>@`` names the sheet of a table's units' blocks (…（各单位）)."""
    out: dict[str, str] = {}
    for tid in table_ids:
        title = lab.short_title(tid.removesuffix("@")) + ("（各单位）" if tid.endswith("@") else "")
        base = re.sub(r"[\\/*?:\[\]]", "_", title)[:31]
        name, k = base, 2
        while name in out.values() or name in (NARRATIVE_SHEET, CHECKS_SHEET, IDS_SHEET, COVERAGE_SHEET):
            name = f"{base[: 31 - len(str(k)) - 1]}_{k}"
            k += 1
        out[tid] = name
    return out


def _header(ws, row: int, names: list[str]) -> None:  # noqa: ANN001
    bold = Font(bold=True)
    for j, h in enumerate(names, 1):
        ws.cell(row=row, column=j, value=h).font = bold


def _coverage_sheet(wb: Workbook, result: Result) -> None:
    """How much of the tables was read (the document's figure), then every amount not read."""
    ws = wb.create_sheet(COVERAGE_SHEET)
    cov = result.coverage
    status = result.status
    rows: list[tuple[str, object]] = [("状态", f"{status.words}（{status.value}）")]
    if cov is not None:
        share = Decimal(cov.read) / cov.printed if cov.printed else Decimal(1)
        rows += [("表格页印出的金额", cov.printed), ("已读取", cov.read), ("读取比例", share)]
    for i, (k, v) in enumerate(rows, 1):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        c = ws.cell(row=i, column=2, value=v)
        if k == "读取比例":
            c.number_format = "0.0%"
    if cov is None or not cov.unread:
        return
    top = len(rows) + 2
    ws.cell(row=top, column=1, value=f"未读取的金额（{cov.printed - cov.read}）").font = Font(bold=True)
    _header(ws, top + 1, ["页", "行", "金额（印出）", "所在表格或表头"])
    for i, u in enumerate(cov.unread, top + 2):
        ws.cell(row=i, column=1, value=u.page)
        ws.cell(row=i, column=2, value=u.line)
        ws.cell(row=i, column=3, value=u.text).number_format = "@"
        ws.cell(row=i, column=4, value=u.near)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["D"].width = 50


def write(result: Result, path: Path | BinaryIO) -> None:
    """Headings and names in Chinese for people; the ``ids`` sheet maps them to the ids."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook has
    _coverage_sheet(wb, result)
    lab = labels.Labels(result.spec)
    department = [t for t in result.tables if not t.block]
    by_unit = {t.id for t in result.tables if t.block}
    names = sheet_names([t.id for t in department] + [f"{tid}@" for tid in sorted(by_unit)], lab)
    ids: list[tuple[str, str, str, str]] = []  # sheet, table id, heading, column id
    for t in department:
        blocks = [b for b in result.tables if b.block and b.id == t.id]
        cols = t.columns or sorted({k for x in (t, *blocks) for r in x.rows for k in r.values})
        ids += _table_sheet(wb.create_sheet(names[t.id]), [t], cols, lab)
        if blocks:  # a table printed unit by unit: its units' blocks in a sheet of their own
            ids += _table_sheet(wb.create_sheet(names[f"{t.id}@"]), blocks, cols, lab)
    ws = wb.create_sheet(NARRATIVE_SHEET)
    _header(ws, 1, ["编码", "事项", "数值", "单位", "行", "列", "原句"])
    for i, f in enumerate(result.narrative, 2):
        ws.cell(row=i, column=1, value=f.id)
        ws.cell(row=i, column=2, value=lab.fact_name(f.id))
        c = _put(ws, i, 3, f.value, "存疑的读数。" if f.status == "doubt" else None)
        if f.status == "doubt":
            c.fill, c.border = DOUBT_FILL, DOUBT_BORDER
        ws.cell(row=i, column=4, value=fact_unit(result.spec, f))
        ws.cell(row=i, column=5, value=f.provenance.line)
        ws.cell(row=i, column=6, value=f.provenance.col)
        ws.cell(row=i, column=7, value=f.sentence)
    ws = wb.create_sheet(CHECKS_SHEET)
    _header(ws, 1, ["来源", "疑误单元格", "说明", *CHECK_IDS])
    for i, check in enumerate(result.checks, 2):
        where = lab.cell_ref(result, check.table, check.row, check.col)
        values = [
            SOURCE.get(check.source, check.source),
            where,
            check.message,
            *(getattr(check, k) for k in CHECK_IDS),
        ]
        for j, item in enumerate(values, 1):
            ws.cell(row=i, column=j, value=item).number_format = "@"
    ws.column_dimensions["B"].width = 50
    ws = wb.create_sheet(IDS_SHEET)  # for programs: which sheet and heading is which id
    _header(ws, 1, ["sheet", "table", "heading", "col"])
    for i, row in enumerate(ids, 2):
        for j, item in enumerate(row, 1):
            ws.cell(row=i, column=j, value=item)
    ws.sheet_state = "hidden"
    wb.save(path)


def _table_sheet(  # noqa: ANN001 - ws: an openpyxl worksheet
    ws, parts: list[Table], cols: list[str], lab: labels.Labels
) -> list[tuple[str, str, str, str]]:
    """One table's sheet (or its units' blocks', each row after its unit's name in a first
    column 单位); the ``ids`` sheet's rows for it."""
    t = parts[0]
    units = bool(t.block)
    title = lab.table_title(t) + ("（各单位）" if units else "")
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=12)
    heads = lab.column_names(t.id, cols)
    lead = ["单位"] if units else []
    _header(ws, 2, [*lead, "编码", "名称", *heads])
    ids = [(ws.title, t.id, "单位", "unit_name")] if units else []
    ids += [(ws.title, t.id, "编码", "key"), (ws.title, t.id, "名称", "label")]
    ids += [(ws.title, t.id, h, c) for h, c in zip(heads, cols, strict=True)]
    i = 3
    for part in parts:
        for r in labels.rows_for_people(part):
            if units:
                ws.cell(row=i, column=1, value=part.unit_name or f"第 {part.block} 个单位")
            _table_row(ws, i, len(lead), part, r, cols, lab)
            i += 1
    ws.column_dimensions["B"].width = 28
    ws.freeze_panes = "D3" if units else "C3"
    return ids


def _table_row(ws, i: int, skip: int, t: Table, r: Row, cols: list[str], lab: labels.Labels) -> None:  # noqa: ANN001
    """Row ``i`` of a table's sheet: its code (as text), its name, its values with their
    provenance in a note (``skip``: columns before the code)."""
    k = ws.cell(row=i, column=skip + 1, value=r.key)
    k.number_format = "@"  # codes stay text: 2080101, not 2.08E+06
    name = lab.row_name(t.id, r.key, r.label)
    where = labels.side(r.key)
    if where and not name.startswith(where):
        name = f"{where}：{name}"
    ws.cell(row=i, column=skip + 2, value=name)
    for j, col in enumerate(cols, skip + 3):
        v = r.values.get(col)
        if v is None:
            continue
        p = v.provenance
        note = f"第 {p.line} 行第 {p.col} 列（字符 {p.start}-{p.end}）：{p.text}"
        if p.page and p.box:
            note += f"；PDF 第 {p.page} 页，位置 {', '.join(f'{x:g}' for x in p.box)}"
        if v.status == "doubt":
            note = "存疑的读数。" + note
        c = _put(ws, i, j, v.value, note)
        if v.status == "doubt":
            c.fill, c.border = DOUBT_FILL, DOUBT_BORDER


def _as_printed(value: object, number_format: str) -> str:
    if isinstance(value, (int, float, Decimal)):
        decimals = len(number_format.split(".")[1]) if "." in number_format else 0
        return f"{Decimal(str(value)):.{decimals}f}"
    return str(value)


def read_cells(path: Path, spec: Schemas) -> set[tuple[str, str, str, str]]:
    """The cells (spec columns only) of a workbook written by :func:`write`."""
    wb = load_workbook(path)
    tables: dict[str, str] = {}
    cols: dict[tuple[str, str], str] = {}
    for sheet, table, heading, col in wb[IDS_SHEET].iter_rows(min_row=2, values_only=True):
        tables[str(sheet)] = str(table)
        cols[(str(sheet), str(heading))] = str(col)
    got = set()
    rows = list(wb[NARRATIVE_SHEET].iter_rows())
    got |= {
        ("narrative", str(r[0].value), "value", _as_printed(r[2].value, r[2].number_format))
        for r in rows[1:]
        if spec.is_cell("narrative", str(r[0].value), "value")
    }
    for sheet, table in tables.items():
        rows = list(wb[sheet].iter_rows())
        header = [cols.get((sheet, str(c.value)), "") for c in rows[1]]
        if "unit_name" in header:
            continue  # the units' blocks of a table printed unit by unit: not the department's cells
        for r in rows[2:]:
            for h, c in zip(header[2:], r[2:], strict=False):
                if c.value is not None and spec.is_cell(table, str(r[0].value), h):
                    got.add((table, str(r[0].value), h, _as_printed(c.value, c.number_format)))
    return got
