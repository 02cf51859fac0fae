"""A list's project names told apart by the lines the PDF draws (广州's 重点项目预算绩效目标情况:
项目 | 预算数 | 绩效目标, each project a ruled row, each unit's name a ruled row of its own above its
projects). A name wrapped over several lines, centred beside its amount and among the lines of
its 绩效目标 sentence, cannot be told from its neighbours' lines by the order of the lines alone;
the horizontal lines drawn across the name column can: a name's lines are those standing in the
same drawn cell as its amount. A line standing in a cell that holds no amount (a unit's name) is
no project's. Without drawn lines (a text, a PDF drawn without them) nothing changes here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.text import Text
from ..document.normalize import normalize
from .layout import Cell, GridRow
from .targetbands import Bands, first_word, name_x

if TYPE_CHECKING:
    from ..core.source import Source


def _pieces(t: Text, src: Source) -> list[Text]:
    """``t`` cut where its characters pass from one printed line to another."""
    out: list[Text] = []
    start, cur = 0, None
    for i, o in enumerate(t.offs):
        line = src.line_col(o)[0]
        if cur is not None and line != cur and i > start:
            out.append(t[start:i])
            start = i
        cur = line
    if start < len(t):
        out.append(t[start:])
    return [p for p in out if p.s.strip()]


def _label(r: GridRow, m: int) -> list[Cell]:
    return r.cells[: len(r.cells) - m]


def _first_value(r: GridRow, m: int) -> Text | None:
    return next((c for c in r.cells[len(r.cells) - m :] if c is not None and c.s.strip()), None)


def by_drawn_cells(data: list[GridRow], m: int, src: Source) -> list[GridRow]:
    """Each row's name made of the lines standing in its amount's drawn cell (rows marked
    ``drawn``); lines in a cell without an amount are left out, and rows printing only such
    lines dropped. Where the cell holds words left of the amount that no row took (a line
    the reader passed over), the name is those words, in print order, if they hold every line
    it took; else the row is in doubt. A row whose cell holds another row's amount too, or a
    line in a cell cut by the page's edge (a name running onto the next page), is left as read."""
    if not src.across or src.boxes is None or not data:
        return data
    heads = [p for r in data for c in _label(r, m) if c is not None for p in _pieces(c, src)]
    x = next((x for p in heads if (x := name_x(src, first_word(p))) is not None), None)
    if x is None:
        return data
    bands = Bands(src, x)
    if not bands:
        return data
    cell_of: dict[int, tuple[int, int] | None] = {}
    for r in data:
        v = _first_value(r, m)
        cell_of[id(r)] = bands.of(v) if v is not None else None
    priced = [r for r in data if cell_of[id(r)] is not None]
    owners: dict[tuple[int, int], list[GridRow]] = {}
    for r in priced:
        owners.setdefault(cell_of[id(r)], []).append(r)  # type: ignore[arg-type]
    own: dict[int, list[Text]] = {id(r): [] for r in priced}
    unsure: set[int] = {id(r) for rows in owners.values() if len(rows) > 1 for r in rows}
    taken: set[int] = set()
    for r in data:
        for c in _label(r, m):
            for p in _pieces(c, src) if c is not None else []:
                cell = bands.of(p)
                rows = owners.get(cell) if cell is not None else None
                if cell is None or _at_edge(bands, cell):
                    unsure.add(id(r))  # no lines drawn round it, or a cell cut by the page's edge
                if rows is not None and len(rows) == 1 and p.offs[0] not in taken:
                    own[id(rows[0])].append(p)
                    taken.update(p.offs)  # a line read into two rows' names: once
    out: list[GridRow] = []
    for r in data:
        if id(r) not in own:
            if _first_value(r, m) is not None or id(r) in unsure:
                out.append(r)  # amounts outside the drawn cells, or lines not told: as read
            continue
        if id(r) in unsure:
            out.append(r)
            continue
        parts = sorted(own[id(r)], key=lambda p: p.offs[0])
        label = _label(r, m)
        at = next((k for k, c in enumerate(label) if c is not None), 0)
        cells: list[Cell] = [None] * len(label)
        if parts and label:
            cells[at] = Text.join(parts, "")
        missed = _missed(src, bands, cell_of[id(r)], _first_value(r, m), taken)
        if missed and (whole := _cell_name(src, bands, cell_of[id(r)], _first_value(r, m), parts)):
            cells[at], missed = whole, False  # every word left of the amount in its cell, in print order
        row = GridRow([*cells, *r.cells[len(label) :]], r.line, r.doubt or missed, r.guessed_key)
        row.drawn = True
        out.append(row)
    return out


def _at_edge(bands: Bands, cell: tuple[int, int]) -> bool:
    """The cell above a page's first drawn line or below its last: cut by the page's edge."""
    page, k = cell
    return k == 0 or k >= len(bands.ys.get(page, []))


_WORD = re.compile(r"[^\s\d.,，。、]*[\u4e00-\u9fff][^\s]*")
_NEAR = 8  # lines above and below an amount its name's lines may stand on


def _missed(
    src: Source, bands: Bands, cell: tuple[int, int] | None, amount: Text | None, taken: set[int]
) -> bool:
    """Whether words stand left of the amount, in its drawn cell, on a line no row's name took
    (a line of the name the reader passed over): the name read may lack them."""
    if cell is None or amount is None:
        return False
    line, col = src.line_col(amount.offs[0])
    for n in range(max(1, line - _NEAR), min(len(src.line_starts), line + _NEAR) + 1):
        start = src.line_starts[n - 1]
        end = src.line_starts[n] - 1 if n < len(src.line_starts) else len(src.raw)
        text = src.raw[start:end][: max(0, col - 1)]
        for w in _WORD.finditer(text):
            t = Text(w.group(), range(start + w.start(), start + w.end()))
            if bands.of(t) == cell and not any(o in taken for o in t.offs):
                return True
    return False


_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def _cell_name(
    src: Source, bands: Bands, cell: tuple[int, int] | None, amount: Text | None, parts: list[Text]
) -> Text | None:
    """A row's name read from its drawn cell alone: the words standing left of its amount, on
    the lines round it, in its cell, in print order — where they hold every line the reader
    took for it (else None)."""
    if cell is None or amount is None:
        return None
    line, col = src.line_col(amount.offs[0])
    words: list[Text] = []
    for n in range(max(1, line - _NEAR), min(len(src.line_starts), line + _NEAR) + 1):
        start = src.line_starts[n - 1]
        for w in re.finditer(r"\S+", _line_text(src, n, max(0, col - 1))):
            t = Text(w.group(), range(start + w.start(), start + w.end()))
            if bands.of(t) == cell:
                words.append(normalize(w.group(), start + w.start()))  # as the reader's lines read
    got = {o for w in words for o in w.offs}
    if not words or any(o not in got for p in parts for o in p.offs):
        return None
    return Text.join(words, "")


def _line_text(src: Source, n: int, end_col: int) -> str:
    start = src.line_starts[n - 1]
    end = src.line_starts[n] - 1 if n < len(src.line_starts) else len(src.raw)
    return src.raw[start:end][:end_col]


def borders_number(label_cells: list[Cell], values: list[Cell], src: Source) -> bool:
    """Whether a line of a row's name printed apart from its amounts' line stands right next
    to a line printing a number (left of the amounts' right edge) the row did not read: that
    line is another row's, and the name's line may be that row's head or tail."""
    cells = [c for c in values if c is not None and c.offs]
    at = {src.line_col(c.offs[0])[0] for c in cells}
    if len(at) != 1:
        return False
    line = next(iter(at))
    edge = max(src.line_col(c.span()[1] - 1)[1] for c in cells) + 1
    own = {src.line_col(o)[0] for c in label_cells if c is not None for o in c.offs} | {line}
    for apart in own - {line}:
        for step in (-1, 1):
            n = apart + step
            while n not in own and 1 <= n <= len(src.line_starts):
                text = _line_text(src, n, edge)
                if text.strip():
                    if any(_NUMBER.match(w) for w in text.split()):
                        return True
                    break
                n += step
    return False
