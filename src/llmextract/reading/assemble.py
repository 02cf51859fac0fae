"""The grid of a table read by position: label zones, full-width rows, and each column's
header path (steps 4 and 5 of :mod:`.bands`)."""

from __future__ import annotations

import re

from ..core.text import Text
from .columnbands import header_hits
from .headerpaths import header_line_hits, ruled_cell
from .tokens import JUNK_HEADER, LABEL_WORD, YEAR_HEAD, Band, Grid, Line, Token, zone_of


def assemble(
    header: list[Line],
    rows: list[tuple[Line, list[int | None]]],
    bands: list[Band],
    unit: float,
    doubts: list[str],
    doubtful: set[int],
    gap: float,
    head_rules: dict[int, list[float]] | None = None,
) -> Grid:
    nb = len(bands)
    used_zones = sorted({zone_of(bands, t) for ln, _ in rows for t in ln.labels} | {0})
    has_codes = any(ln.codes for ln, _ in rows)
    # column layout: zone 0 (code, name), band 0, zone 1 (if used), band 1, …
    cols: list[tuple[str, int]] = []
    for k in range(nb + 1):
        if k in used_zones:
            if k == 0 and has_codes:
                cols.append(("code", 0))
            cols.append(("zone", k))
        if k < nb:
            cols.append(("band", k))
    index = {c: i for i, c in enumerate(cols)}
    W = len(cols)

    def label_cells(ln: Line, cells: list[Text | None]) -> None:
        by_zone: dict[int, list[Token]] = {}
        for t in ln.labels:
            z = zone_of(bands, t)
            if z not in used_zones:
                z = max(u for u in used_zones if u <= z)
            by_zone.setdefault(z, []).append(t)
        for z, toks in by_zone.items():
            cells[index[("zone", z)]] = Text.join([t.text for t in toks])
        if ln.codes:
            pos = index.get(("code", 0), index[("zone", 0)])
            cells[pos] = Text.join([t.text for t in ln.codes])

    out_rows: list[tuple[int, list[Text | None]]] = []
    for ln, placed in rows:
        cells: list[Text | None] = [None] * W
        label_cells(ln, cells)
        for t, band_k in zip(ln.amounts, placed, strict=True):
            if band_k is None:
                continue
            pos = index[("band", band_k)]
            if cells[pos] is not None:
                doubtful.add(ln.index)
                doubts.append(f"本表第 {ln.index + 1} 行同一列中有两个金额：取第一个")
                continue
            cells[pos] = t.text
        out_rows.append((ln.index, cells))
    # header rows and paths
    head_rows: list[list[Text | None]] = []
    paths: list[list[str] | None] = [[] if c[0] == "band" else None for c in cols]
    hits = header_line_hits(header, bands, head_rules)
    # a column's own ruled cell holding words on two lines, with nothing between them over
    # that column, holds one name wrapped in it (因公出国 / (境)费, 国有资本经 / 营预算)
    last_cell: dict[int, tuple[float, float]] = {}
    for ln, line_hits in zip(header, hits, strict=True):
        rules = (head_rules or {}).get(ln.index) or []
        cells = [None] * W
        cell_of: dict[int, tuple[float, float] | None] = {}
        for t, hit in line_hits:
            if not hit:
                z = zone_of(bands, t)
                z = max((u for u in used_zones if u <= z), default=0)
                pos = index[("zone", z)]
                cells[pos] = t.text if (held := cells[pos]) is None else Text.join([held, t.text])
                continue
            cell = ruled_cell(t, rules) if len(rules) >= 2 and len(hit) == 1 else None
            for k in hit:
                pos = index[("band", k)]
                cells[pos] = t.text if (held := cells[pos]) is None else Text.join([held, t.text])
                cell_of[pos] = cell if pos not in cell_of else None
        for pos, c in enumerate(cells):
            p = paths[pos]
            if p is not None and c is not None:
                word = re.sub(r"\s+", "", c.s)
                cell = cell_of.get(pos)
                if word and p and cell is not None and last_cell.get(pos) == cell:
                    p[-1] += word
                elif word and (not p or p[-1] != word):
                    p.append(word)
                if cell is None:
                    last_cell.pop(pos, None)
                else:
                    last_cell[pos] = cell
        head_rows.append(cells)
    # a header word split over two lines inside one cell (机关运行经费预算 / 数, 因公出国(境
    # / )费): the lower part alone names nothing, so it is joined to the part above it
    for p in paths:
        if p and len(p) >= 2 and (len(p[-1]) == 1 or p[-1][0] in ")）"):
            p[-2:] = [p[-2] + p[-1]]
    numeric = [k for k, b in enumerate(bands) if b.numeric]
    # a header word in the columns' area that stands over none of them, while a column of
    # amounts has no header word: the words and the amounts do not line up as read (the
    # columns' regions are off), so which word names which column is not certain
    unnamed = [k for k in numeric if not paths[index[("band", k)]]]
    if unnamed and bands:
        orphans = [
            t.s
            for line_hits in hits
            for t, hit in line_hits
            if not hit
            and t.mid > bands[0].r0
            and zone_of(bands, t) not in used_zones
            and not LABEL_WORD.match(t.s)
            and not JUNK_HEADER.match(t.s)
            and not YEAR_HEAD.match(t.s)
        ]
        # or a column printed empty everywhere made of a header word, beside such a column
        orphans += [p[-1] for k, b in enumerate(bands) if not b.numeric and (p := paths[index[("band", k)]])]
        if orphans:
            doubts.append(
                f"表头词“{orphans[0]}”下没有金额列，而有一列金额没有表头词：哪个词对应哪一列并不确定"
            )
            doubtful.update(ln.index for ln, _ in rows)
    over = {k for ln in header for t in ln.tokens for k in header_hits(bands, t)}
    support = len(over & set(numeric)) / len(numeric) if numeric else 0.0
    return Grid(head_rows, out_rows, paths, doubts, doubtful, len(numeric), gap, support)
