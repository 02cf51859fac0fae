"""The grid of a table read by position: label zones, full-width rows, and each column's
header path (steps 4 and 5 of :mod:`.bands`)."""

from __future__ import annotations

import re

from ..core.text import Text
from .columnbands import header_hits
from .headerpaths import header_line_hits, ruled_cell
from .tokens import JUNK_HEADER, LABEL_WORD, YEAR_HEAD, Band, Grid, Line, Token, zone_of


class _Layout:
    """The grid's columns: zone 0 (code, name), band 0, zone 1 (if used), band 1, …"""

    def __init__(self, rows: list[tuple[Line, list[int | None]]], bands: list[Band]) -> None:
        self.bands = bands
        self.used_zones = sorted({zone_of(bands, t) for ln, _ in rows for t in ln.labels} | {0})
        has_codes = any(ln.codes for ln, _ in rows)
        cols: list[tuple[str, int]] = []
        for k in range(len(bands) + 1):
            if k in self.used_zones:
                if k == 0 and has_codes:
                    cols.append(("code", 0))
                cols.append(("zone", k))
            if k < len(bands):
                cols.append(("band", k))
        self.cols = cols
        self.index = {c: i for i, c in enumerate(cols)}

    def zone(self, t: Token) -> int:
        """The used label zone a word goes to: its own, else the nearest used one left of it."""
        z = zone_of(self.bands, t)
        return z if z in self.used_zones else max((u for u in self.used_zones if u <= z), default=0)

    def band(self, k: int) -> int:
        return self.index[("band", k)]

    def label_cells(self, ln: Line, cells: list[Text | None]) -> None:
        by_zone: dict[int, list[Token]] = {}
        for t in ln.labels:
            by_zone.setdefault(self.zone(t), []).append(t)
        for z, toks in by_zone.items():
            cells[self.index[("zone", z)]] = Text.join([t.text for t in toks])
        if ln.codes:
            pos = self.index.get(("code", 0), self.index[("zone", 0)])
            cells[pos] = Text.join([t.text for t in ln.codes])


def _body(
    lay: _Layout, rows: list[tuple[Line, list[int | None]]], doubts: list[str], doubtful: set[int]
) -> list[tuple[int, list[Text | None]]]:
    """Full-width rows: the labels in their zones, each amount in its column."""
    out_rows: list[tuple[int, list[Text | None]]] = []
    for ln, placed in rows:
        cells: list[Text | None] = [None] * len(lay.cols)
        lay.label_cells(ln, cells)
        for t, band_k in zip(ln.amounts, placed, strict=True):
            if band_k is None:
                continue
            pos = lay.band(band_k)
            if cells[pos] is not None:
                doubtful.add(ln.index)
                doubts.append(f"本表第 {ln.index + 1} 行同一列中有两个金额：取第一个")
                continue
            cells[pos] = t.text
        out_rows.append((ln.index, cells))
    return out_rows


def _head(
    lay: _Layout,
    header: list[Line],
    hits: list[list[tuple[Token, list[int]]]],
    head_rules: dict[int, list[float]] | None,
) -> tuple[list[list[Text | None]], list[list[str] | None]]:
    """The header rows (each word in the columns it stands over, or in its label zone) and
    each column's header path, top down."""
    head_rows: list[list[Text | None]] = []
    paths: list[list[str] | None] = [[] if c[0] == "band" else None for c in lay.cols]
    # a column's own ruled cell holding words on two lines, with nothing between them over
    # that column, holds one name wrapped in it (因公出国 / (境)费, 国有资本经 / 营预算)
    last_cell: dict[int, tuple[float, float]] = {}
    # without rules, a column's own word and one right under it on the next line, centred
    # alike and no wider, each over that column alone: one name wrapped in its cell
    # (一般公共预 / 算, 政府性基金 / 预算, 国有资本经 / 营预算 under 总计)
    last_word: dict[int, tuple[int, Token, float]] = {}  # line, word, its name's widest line
    steps = sorted(c.r1 - b.r1 for b, c in zip(lay.bands, lay.bands[1:], strict=False))
    step = steps[len(steps) // 2] if steps else float("inf")
    for ln, line_hits in zip(header, hits, strict=True):
        rules = (head_rules or {}).get(ln.index) or []
        cells: list[Text | None] = [None] * len(lay.cols)
        cell_of: dict[int, tuple[float, float] | None] = {}
        alone: dict[int, Token | None] = {}
        for t, hit in line_hits:
            for k in hit:  # the one word over a column, itself over that column alone
                one = len(hit) == 1 and len(rules) < 2 and lay.band(k) not in alone
                alone[lay.band(k)] = t if one else None
            if not hit:
                pos = lay.index[("zone", lay.zone(t))]
                cells[pos] = t.text if (held := cells[pos]) is None else Text.join([held, t.text])
                continue
            cell = ruled_cell(t, rules) if len(rules) >= 2 and len(hit) == 1 else None
            for k in hit:
                pos = lay.band(k)
                cells[pos] = t.text if (held := cells[pos]) is None else Text.join([held, t.text])
                cell_of[pos] = cell if pos not in cell_of else None
        for pos, c in enumerate(cells):
            p = paths[pos]
            if p is not None and c is not None:
                joined: tuple[int, Token, float] | None = None
                word = re.sub(r"\s+", "", c.s)
                cell = cell_of.get(pos)
                if word and p and cell is not None and last_cell.get(pos) == cell:
                    p[-1] += word
                elif word and p and _wrapped_under(up := last_word.get(pos), alone.get(pos), ln.index, step):
                    p[-1] += word
                    joined = up
                elif word and (not p or p[-1] != word):
                    p.append(word)
                if cell is None:
                    last_cell.pop(pos, None)
                else:
                    last_cell[pos] = cell
                if (w := alone.get(pos)) is not None:
                    wide = max(w.x1 - w.x0, joined[2] if joined is not None else 0.0)
                    last_word[pos] = (ln.index, w, wide)
                else:
                    last_word.pop(pos, None)
        head_rows.append(cells)
    # a header word split over two lines inside one cell (机关运行经费预算 / 数, 因公出国(境
    # / )费): the lower part alone names nothing, so it is joined to the part above it
    for p in paths:
        if p and len(p) >= 2 and (len(p[-1]) == 1 or p[-1][0] in ")）"):
            p[-2:] = [p[-2] + p[-1]]
    return head_rows, paths


def _wrapped_under(above: tuple[int, Token, float] | None, t: Token | None, index: int, pitch: float) -> bool:
    """``t``, on line ``index``, is the rest of the word ``above`` wrapped in one cell: the
    next word down in its column (a line or two lower: other cells' lines may stand between),
    centred under it and no wider than the name's widest line so far, which fills most of a
    column's width (a wrapped name fills its lines, one may be a character short where the
    next could not start a line; a short word over another, 合计 over 预算数, is two words)."""
    if above is None or t is None or not 0 < index - above[0] <= 2:
        return False
    u, widest = above[1], above[2]
    return abs(u.mid - t.mid) <= 1.0 and t.x1 - t.x0 <= widest + 0.5 and widest >= _FILLS * pitch


# a word this share of the columns' spacing wide fills its cell's line
_FILLS = 0.6


def _orphans(
    lay: _Layout, hits: list[list[tuple[Token, list[int]]]], paths: list[list[str] | None]
) -> list[str]:
    """A header word in the columns' area that stands over none of them, while a column of
    amounts has no header word: the words and the amounts do not line up as read (the
    columns' regions are off), so which word names which column is not certain."""
    bands = lay.bands
    numeric = [k for k, b in enumerate(bands) if b.numeric]
    if not bands or all(paths[lay.band(k)] for k in numeric):
        return []
    orphans = [
        t.s
        for line_hits in hits
        for t, hit in line_hits
        if not hit
        and t.mid > bands[0].r0
        and zone_of(bands, t) not in lay.used_zones
        and not LABEL_WORD.match(t.s)
        and not JUNK_HEADER.match(t.s)
        and not YEAR_HEAD.match(t.s)
    ]
    # or a column printed empty everywhere made of a header word, beside such a column
    orphans += [p[-1] for k, b in enumerate(bands) if not b.numeric and (p := paths[lay.band(k)])]
    return orphans


def assemble(
    header: list[Line],
    rows: list[tuple[Line, list[int | None]]],
    bands: list[Band],
    unit: float,
    doubts: list[str],
    doubtful: set[int],
    gap: float,
    head_rules: dict[int, list[float]] | None = None,
    centred: bool = False,
) -> Grid:
    lay = _Layout(rows, bands)
    out_rows = _body(lay, rows, doubts, doubtful)
    hits = header_line_hits(header, bands, head_rules, centred)
    head_rows, paths = _head(lay, header, hits, head_rules)
    orphans = _orphans(lay, hits, paths)
    if orphans:
        doubts.append(f"表头词“{orphans[0]}”下没有金额列，而有一列金额没有表头词：哪个词对应哪一列并不确定")
        doubtful.update(ln.index for ln, _ in rows)
    numeric = [k for k, b in enumerate(bands) if b.numeric]
    over = {k for ln in header for t in ln.tokens for k in header_hits(bands, t)}
    support = len(over & set(numeric)) / len(numeric) if numeric else 0.0
    return Grid(head_rows, out_rows, paths, doubts, doubtful, len(numeric), gap, support)
