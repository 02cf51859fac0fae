"""The positional reader: a table's cells from where its words stand.

One reader for every input that keeps positions: a PDF's words carry their x-positions
(points, turned into character units), a ``pdftotext -layout`` text carries character
columns. The steps:

1. tokens: every word with its horizontal span ``[x0, x1)``;
2. value bands: the amounts of the data lines, grouped by the edge they align on (right
   edges for the usual right-aligned amounts, left edges otherwise), each with a region
   (the cell between a ruled table's drawn lines, else from the labels or the column
   before it); a header word standing over no amount and no row label makes a band of
   its own (a column printed empty everywhere);
3. header paths: each header word goes to the region(s) it stands in, a merged header
   spread over the columns named below it; a band's path is its header words, top down;
4. label zones: the words outside the bands, by the gap between two bands they stand in
   (the row name, and the second side of a 收支总表); leading classification codes
   (``201   13   01``) are kept apart and joined;
5. rows: one per data line, full width, a blank where a band has no word. A page is
   matched onto the first page's bands by its own header words, by position (a PDF), by
   order (text with the same columns), and otherwise by nearest position, which is a doubt.

Arithmetic never places a value here: a number goes to the band it stands in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from ..core.text import Text
from ..document.chunking import is_page_number
from . import pushedbands
from .assemble import assemble
from .columnbands import (
    first_column_name,
    ruled_empty_columns,
    ruled_regions,
    rules_part_columns,
    value_bands,
    with_header_bands,
)
from .furniture import is_edge_furniture, page_edges
from .headerpaths import by_header, by_position, header_leaves
from .pushedbands import pushed_into
from .sentences import Near, PageLines, name_words, without_numbers_beside
from .tokens import (
    JUNK_HEADER,
    LABEL_WORD,
    NOTE,
    NUMBER,
    PAGE_OF,
    Band,
    Geometry,
    Grid,
    Line,
    Token,
    classify_line,
    codes_alone,
    is_amount,
    overlaps,
    text_columns,
    tokenize,
    wrapped_years,
)
from .wrapround import head_above_first_row, name_round_amounts


def read(
    lines: list[Text],
    geom: Geometry = text_columns,
    unit: float = 1.0,
    breaks: set[int] | None = None,
    measured: bool = False,
    ruling: Callable[[list[Text]], list[float]] | None = None,
    min_gap: float = 0.0,
    totals: tuple[re.Pattern[str], ...] = (),
) -> Grid | None:
    """Read a table chunk's body (the lines under its title) by position. A page starts at a
    form feed, at a line of ``breaks`` (the title printed again) or where the header is.
    ``measured``: the positions are a PDF's, the same on every page (a text's pages may be
    spaced differently); ``ruling``: the x of the lines a PDF draws through some lines (a
    ruled table's column edges). ``min_gap``: the caller takes no grid whose
    :attr:`Grid.amount_gap` is below it, so none is made when every amount stands closer to
    its neighbours than that (OCR-like text, one space between its words). ``totals``: a
    row's whole label naming the table's total (合计): such a line is its own row, never the
    amounts of a code line above it."""
    known: dict[int, list[Token]] = {}
    if min_gap and not measured:
        # a text's grid has a row for each data line (none is passed over or loses its
        # amounts, as a PDF's numbers beside its columns may): its gap is known from the data
        # lines alone, which only the lines that may hold an amount or a code tell
        known = _number_lines(lines, geom)
        some, _ = _parse(lines, geom, set(), measured, [known.get(i, []) for i in range(len(lines))])
        codes_alone(some, unit)
        data = [ln for ln in some if ln.is_data]
        if not data or amount_gap(data, unit) < min_gap:
            return None
    tokens = [known[i] if i in known else tokenize(line, geom, measured) for i, line in enumerate(lines)]
    parsed, seg_starts = _parse(lines, geom, breaks or set(), measured, tokens)
    codes_alone(parsed, unit)
    if not any(ln.is_data for ln in parsed):
        return None
    reader = _Reader(lines, unit, measured, ruling, totals)
    for seg in _segments(parsed, seg_starts):
        reader.page(seg)
    return reader.grid()


def _parse(
    lines: list[Text], geom: Geometry, breaks: set[int], measured: bool, tokens: list[list[Token]]
) -> tuple[list[Line], list[int]]:
    """Each line's words (``tokens``), classified (codes, amounts, labels), without page
    furniture; and where a page starts (a form feed, or a line of ``breaks``)."""
    parsed: list[Line] = []
    seg_starts = [0]
    year_parts = wrapped_years(tokens)
    edges = page_edges(lines, breaks)
    for i, (line, toks) in enumerate(zip(lines, tokens, strict=True)):
        if i and ("\f" in line.s or i in breaks) and seg_starts[-1] != len(parsed):
            seg_starts.append(len(parsed))
        if i in edges and is_edge_furniture(toks):  # a bare page number, a running foot
            continue
        toks = [t for t in toks if not PAGE_OF.match(t.s)]  # 第11页,共40页 beside a table's last row
        if toks and not is_page_number(" ".join(t.s for t in toks)):  # a page's number (- 24 -) is no row
            parsed.append(classify_line(i, toks, year_parts))
    return parsed, seg_starts


# a character of an amount, a placeholder or a code: a line without one holds none of them
_NUMBER_CHAR = re.compile(r"[\d\-—－#*]")


def _number_lines(lines: list[Text], geom: Geometry) -> dict[int, list[Token]]:
    """The words of the lines that may hold an amount or a code, and of the line after each
    (a year wrapped in a header cell, ``202`` over ``6年``, ends there): the words no other
    line's classification depends on (a form feed is white space)."""
    wanted = {i for i, line in enumerate(lines) if _NUMBER_CHAR.search(line.s)}
    wanted |= {i + 1 for i in wanted if i + 1 < len(lines)}
    return {i: tokenize(lines[i], geom) for i in sorted(wanted)}


def amount_gap(rows: list[Line], unit: float) -> float:
    """The median gap beside an amount on the rows' lines, in character units (99 when no
    amount stands beside a word)."""
    gaps = sorted(
        b.x0 - a.x1
        for ln in rows
        for a, b in zip(ln.tokens, ln.tokens[1:], strict=False)
        if is_amount(a.s) or is_amount(b.s)
    )
    return gaps[len(gaps) // 2] / unit if gaps else 99.0


def _segments(parsed: list[Line], seg_starts: list[int]) -> list[list[Line]]:
    """The table's pages: each with its own data lines, header lines before the first data
    line. A page starts at a form feed, or where the header is printed again (a title and
    header repeated on the next page of an export without form feeds)."""
    starts = list(seg_starts)
    first = next(k for k, ln in enumerate(parsed) if ln.is_data)
    vocab = {t.s for ln in parsed[:first] if not ln.codes for t in ln.tokens if not JUNK_HEADER.match(t.s)}
    in_data = False
    for k in range(first, len(parsed)):
        ln = parsed[k]
        if ln.is_data or ln.codes:
            in_data = True
            continue
        if in_data and len({t.s for t in ln.tokens} & vocab) >= 2:
            if k not in starts:
                starts.append(k)
            in_data = False
    starts.sort()
    bounds = [*starts, len(parsed)]
    return [parsed[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if parsed[a:b]]


# a column prints its amounts one way when this share of at least this many amounts does
_ODD_AMONG, _ODD_SHARE = 8, 0.8


def _not_header(ln: Line) -> bool:
    """A line above the amounts that names no column: 部门名称：… or 单位：… first, or a table's
    title with its unit at the line's right end (部门收入总表 … 单位：万元, left in the body
    where a label line above it opened the table)."""
    if JUNK_HEADER.match("".join(t.s for t in ln.tokens)):
        return True
    rest = [t.s for t in ln.tokens if not JUNK_HEADER.match(t.s)]
    return len(rest) < len(ln.tokens) and len(rest) == 1 and rest[0].endswith("表")


def _decimals(s: str) -> int:
    t = s.replace(" ", "")
    return len(t.split(".", 1)[1]) if "." in t else 0


def _first_row(seg: list[Line], centered: bool = False) -> int | None:
    """Where a page's rows start: its first data line, or the line above it holding that
    row's code and name (its amounts on the next line) or the first part of its name."""
    first = next((k for k, ln in enumerate(seg) if ln.is_data), None)
    if first is None:
        return None
    if first and seg[first - 1].codes and not seg[first].codes:
        return first - 1  # the first row's code and name, its amounts on the next line: not header
    if first and _name_part_above(seg[first - 1], seg[first]):
        return first - 1  # the first row's name wrapped above its code line (a page's first row)
    if first and (start := head_above_first_row(seg, first, centered)) < first:
        return start  # the first row's name centred round its amounts' line: its head is no header
    if first and _second_name_round_first_row(seg[first - 1], seg[first], seg[first + 1 : first + 2]):
        return first - 1  # its 支出 name wrapped round it (beside its 收入 name): the head is no header
    return first


class _Reader:
    """The table read page by page: the first page's columns and header are the reference
    every later page's columns are mapped onto; the rows, each amount with its column."""

    def __init__(
        self,
        lines: list[Text],
        unit: float,
        measured: bool,
        ruling: Callable[[list[Text]], list[float]] | None,
        totals: tuple[re.Pattern[str], ...] = (),
    ) -> None:
        self.lines = lines
        self.totals = totals
        self.unit = unit
        self.measured = measured
        self.ruling = ruling
        self.doubts: list[str] = []
        self.doubtful: set[int] = set()
        self.ref_bands: list[Band] | None = None
        self.ref_numeric: list[int] = []
        self.ref_leaves: list[str] = []
        self.header_lines: list[Line] = []
        self.head_rules: dict[int, list[float]] = {}
        self.rows: list[tuple[Line, list[int | None]]] = []  # data line, band per amount (ref bands)
        self.continuation: list[tuple[Line, Line]] = []
        # a row's name seen wrapped round its amounts' line (head above, tail below)
        self.centered = False

    def _rules(self, lns: list[Line]) -> list[float]:
        return self.ruling([self.lines[ln.index] for ln in lns]) if self.ruling is not None else []

    def page(self, seg: list[Line]) -> None:
        first = _first_row(seg, self.centered)
        if first is None:
            return
        seg_header = [ln for ln in seg[:first] if not _not_header(ln)]
        data = [ln for ln in seg[first:] if ln.is_data]
        rules = self._rules(data)
        bands = value_bands(data, self.unit)
        if self.ref_bands is not None and self.measured:  # a sentence's numbers right of the columns
            bands = without_numbers_beside(bands, data, self.ref_bands, self.unit)
            data = [ln for ln in data if ln.is_data]
        if rules and not rules_part_columns(bands, data, rules, self.unit):
            rules = []  # a frame round the table, not its columns' edges: read by alignment
        if rules:
            ruled_regions(bands, rules, self.unit)  # each column's region is its ruled cell
        elif not self.measured and seg_header:  # a text's amounts a long name pushed right
            bands, pushed = _unpushed(bands, seg_header, data, self.unit)
            for k in sorted(pushed - self.doubtful):  # placed by a guess of the push: in doubt
                self.doubtful.add(k)
                self.doubts.append(f"本表第 {k + 1} 行的金额偏出其列，按所压入的列读取：存疑")
        if self.ref_bands is None:
            bands, mapping = self._first_page(bands, seg_header, data, rules)
        else:
            mapping = self._map_page(bands, seg_header, data, rules)
        self._rows(seg[first:], bands, mapping)

    def _first_page(
        self, bands: list[Band], header: list[Line], data: list[Line], rules: list[float]
    ) -> tuple[list[Band], dict[int, int]]:
        """The first page's columns (and those printed empty) and header: the reference."""
        self.header_lines = header
        if rules and self.ruling is not None:
            self.head_rules = {ln.index: self.ruling([self.lines[ln.index]]) for ln in header}
        if rules:
            bands = sorted(bands + ruled_empty_columns(bands, header, data, rules), key=lambda b: b.x0)
        ref = with_header_bands(bands, header, data, self.unit, self.measured) if not rules else bands
        if not rules:
            first_column_name(ref, header, data)
        self.ref_bands = ref
        self.ref_numeric = [k for k, b in enumerate(ref) if b.numeric]
        self.ref_leaves = header_leaves(header, ref, self.head_rules, self.measured)
        return bands, {k: next(j for j, r in enumerate(ref) if r is b) for k, b in enumerate(bands)}

    def _map_page(
        self, bands: list[Band], header: list[Line], data: list[Line], rules: list[float]
    ) -> dict[int, int]:
        """A later page's columns onto the first page's: by its own header words, by position
        (a PDF), in order (as many columns), else by nearest position, in doubt."""
        ref = self.ref_bands or []
        head_rules = (
            {ln.index: self.ruling([self.lines[ln.index]]) for ln in header}
            if rules and self.ruling
            else None
        )
        if header and (by_name := self._by_own_header(bands, header, data, rules, head_rules)):
            return by_name  # the page prints its own header: its words name the columns
        if self.measured and (by_pos := by_position(bands, ref)) is not None:
            return by_pos  # a PDF's columns stand where the first page's stand
        if len(bands) == len(self.ref_numeric) == len(ref) and not _any_overlap(bands):
            # laid out otherwise (a text page spaced differently), with as many columns and
            # none printed empty on the first page: in order (unless two of its columns
            # overlap: one column's amounts pushed apart, the count then proves nothing)
            return {k: self.ref_numeric[k] for k in range(len(bands))}
        # another page lays the columns out otherwise, with fewer or more of them, or the
        # first page has a column printed empty: nearest position, and a doubt on its rows
        mapping = {
            k: min(range(len(ref)), key=lambda j: abs(ref[j].mid - b.mid)) for k, b in enumerate(bands)
        }
        lines_desc = f"{self.lines[data[0].index].s.strip()[:20]}…"
        self.doubts.append(
            f"本表有一页印有 {len(bands)} 列金额，而表头有 {len(self.ref_numeric)} 列；"
            f"该页各行（自“{lines_desc}”起）按最近的位置归列"
        )
        self.doubtful.update(ln.index for ln in data)
        return mapping

    def _by_own_header(
        self,
        bands: list[Band],
        header: list[Line],
        data: list[Line],
        rules: list[float],
        head_rules: dict[int, list[float]] | None,
    ) -> dict[int, int] | None:
        """A later page's columns named by the header it prints again, its words read as the
        first page's are (columns it prints empty made of their words), so that a word over
        an empty column is never taken for the name of the amounts beside it."""
        full = with_header_bands(bands, header, data, self.unit, self.measured) if not rules else bands
        named = list(range(len(self.ref_bands or [])))  # the first page's empty columns too
        by_name = by_header(header, full, self.ref_leaves, named, head_rules, self.measured)
        if by_name is None:
            return None
        at = {id(b): k for k, b in enumerate(full)}
        return {k: by_name[at[id(b)]] for k, b in enumerate(bands)}

    def _place(
        self, ln: Line, bands: list[Band], mapping: dict[int, int], rates: frozenset[int] = frozenset()
    ) -> list[int | None]:
        """Each amount of a data line with the (reference) column it stands in. A rate printed
        with its % in a column of such rates (增减率: 2.84%) is no amount printed oddly."""
        placed: list[int | None] = []
        odd = [t for t in ln.amounts if not is_amount(t.s)]
        if ln.odd and all(t.s.endswith("%") and any(id(t) in bands[k].tokens for k in rates) for t in odd):
            ln.odd = False
        if ln.odd:
            self.doubtful.add(ln.index)
            self.doubts.append(f"本表第 {ln.index + 1} 行的金额写法异常")
        for t in ln.amounts:
            own = [k for k, b in enumerate(bands) if id(t) in b.tokens]
            if not own:  # out of line with every column (a stray): the nearest, in doubt
                own = [min(range(len(bands)), key=lambda k: abs(bands[k].mid - t.mid))]
                self.doubts.append(f"本表第 {ln.index + 1} 行的 {t.s} 与其所在列未对齐")
                self.doubtful.add(ln.index)
            placed.append(mapping.get(own[0]))
        return placed

    def _rows(self, body: list[Line], bands: list[Band], mapping: dict[int, int]) -> None:
        """A page's rows: data lines with their amounts placed, a code line joined to the
        amounts below it, and names wrapped above, below or round a row's line."""
        prev_data: Line | None = None
        pending: Line | None = None
        loose: list[Line] = []  # lines of labels alone since the last data line
        taken_above = 0  # lines of the last row's name printed above it
        prev_nameless = False  # the last row printed its code and amounts but no name
        taken: set[int] = set()  # lines joined to the row above them as the end of its name
        page = PageLines.of(body)  # a column of sentences' lines passed over
        near = page.near  # one line right after the other (sentences' lines between)
        joined, n_joined = -2, 0  # the last line joined to the row above it (or that row's line)
        rates = _rate_columns(body, bands)
        for pos, ln in enumerate(body):
            if ln.index in taken or ln.index in page.skip:
                continue
            if ln.is_data:
                placed = self._place(ln, bands, mapping, rates)
                if pending is not None and not ln.codes and not self._total(ln):
                    # (not the table's 合计 under a code line printing no amount: a row of its own)
                    ln.codes = pending.codes
                    ln.labels = pending.labels + ln.labels
                pending = None
                # a name wrapped round its code line: as many lines below it as above it
                after_prev = prev_data is not None and near(prev_data.index, (loose or [ln])[0].index)
                # (at least one below a row printing no name of its own)
                tail = max(taken_above, 1 if prev_nameless else 0) if after_prev else 0
                # a row printing no name (its code, or nothing, left of its amounts) under a
                # line of words alone: its name wrapped round it
                nameless = not name_words(ln, page.edge) and (bool(ln.codes) or bool(loose[tail:]))
                head = partial(
                    _name_from_above, ln, loose[tail:], self.continuation, near, page.most_above(pos)
                )
                taken_above = head() if nameless else 0
                if (
                    not nameless
                    and self.centered
                    and _round_its_name(ln, loose[tail:], page.after(pos), near)
                ):
                    taken_above = head()
                self.centered = self.centered or taken_above > 0
                prev_nameless = nameless or taken_above > 0
                below = body[pos + 1] if pos + 1 < len(body) else None
                if not taken_above and loose and name_round_amounts(ln, loose[-1], below, bands):
                    # a second label column's name wrapped round this line (支出 beside 收入)
                    assert below is not None
                    ln.labels = ln.labels + loose[-1].labels + below.labels
                    taken.add(below.index)
                loose = []
                self.rows.append((ln, placed))
                prev_data, joined, n_joined = ln, ln.index, 0
                continue
            s = "".join(t.s for t in ln.tokens)
            if NOTE.match(s):
                continue
            if ln.codes:
                pending = ln  # a code and name whose amounts come on the next line
                continue
            if not JUNK_HEADER.match(s):
                loose.append(ln)
            # a name wrapped onto the next line continues a coded row (its key is its code);
            # under a row without a code (a 收支总表's 本年收入合计) a line of labels alone is a
            # row that prints no amount (用事业基金弥补收支差额 | 结转下年): it yields no cell and
            # is not joined to the row above
            # (as many lines below as the row's name printed above it, one after another)
            if (
                prev_data is not None
                and (prev_data.codes or prev_nameless)
                and near(joined, ln.index)
                and n_joined < max(1, taken_above)
                and not JUNK_HEADER.match(s)
            ):
                self.continuation.append((prev_data, ln))
                joined, n_joined = ln.index, n_joined + 1

    def _total(self, ln: Line) -> bool:
        """The line's label is the table's total's word (合计, letter-spaced 合  计 too) or a
        total named for what it adds up (支出合计)."""
        if not ln.labels or not self.totals:
            return False
        label = "".join("".join(t.s for t in ln.labels).split())
        return any(p.match(label) for p in self.totals)

    def _odd_decimals(self) -> None:
        """An amount printed with other decimals than every other amount of its column (a
        column of amounts to the 分, 235,419.2 over a lone 5: one amount wrapped inside its
        cell, or a digit lost) is read in doubt, never as sure. A bare 0 (a zero, as many
        templates print it among amounts to the 分) is none of these."""
        by_column: dict[int, list[tuple[Line, Token]]] = {}
        zeros: dict[int, list[tuple[Line, Token]]] = {}
        for ln, placed in self.rows:
            for t, k in zip(ln.amounts, placed, strict=True):
                if k is not None and NUMBER.match(t.s.replace(" ", "")):
                    # a bare 0 is a zero printed without decimals: no amount cut short, unless
                    # it stands right under one cut short (1,040,000.0 over 0: its last digit)
                    (zeros if t.s.strip() == "0" else by_column).setdefault(k, []).append((ln, t))
        for k, amounts in by_column.items():
            places = Counter(_decimals(t.s) for _, t in amounts)
            usual, n = places.most_common(1)[0]
            if usual == 0 or len(amounts) < _ODD_AMONG or n < _ODD_SHARE * len(amounts):
                continue  # a column without one way of printing its amounts
            cut = {ln.index for ln, t in amounts if _decimals(t.s) < usual}
            for ln, t in amounts + [(z, t) for z, t in zeros.get(k, []) if _under_cut(z, amounts, cut)]:
                if (_decimals(t.s) != usual or t.s.strip() == "0") and ln.index not in self.doubtful:
                    self.doubtful.add(ln.index)
                    self.doubts.append(
                        f"本表第 {ln.index + 1} 行的 {t.s} 与本列其他金额的小数位数不同（本列为 {usual} 位）"
                    )

    def grid(self) -> Grid | None:
        if self.ref_bands is None:
            return None
        gap = amount_gap([ln for ln, _ in self.rows], self.unit)
        for row_line, extra in self.continuation:
            row_line.labels = row_line.labels + extra.labels
        self._odd_decimals()
        return assemble(
            self.header_lines,
            self.rows,
            self.ref_bands,
            self.unit,
            self.doubts,
            self.doubtful,
            gap,
            self.head_rules,
            self.measured,
        )


def _unpushed(
    bands: list[Band], header: list[Line], data: list[Line], unit: float
) -> tuple[list[Band], set[int]]:
    """A text page's columns, those of amounts pushed out of a named column taken into it
    (:mod:`.pushedbands`), and the lines of the amounts so taken: where they stand does not
    prove their column (a column no header word names could be one of its own), so their rows
    are read in doubt."""
    copies = [replace(b) for b in bands]  # (the header's columns change their regions: on copies)
    full = with_header_bands(copies, header, data, unit)
    into = pushed_into(full, header_leaves(header, full), data)
    if not into:
        return bands, set()
    at = {id(b): k for k, b in enumerate(copies)}
    pushed = set().union(*(pushedbands.lines_in(full[k], data) for k in into))
    return pushedbands.merged(bands, {at[id(full[k])]: at[id(full[j])] for k, j in into.items()}), pushed


def _any_overlap(bands: list[Band]) -> bool:
    """Two of a page's columns overlapping (no printed table's do)."""
    return any(overlaps(a, b) for a, b in zip(bands, bands[1:], strict=False))


def _name_part_above(above: Line, row: Line) -> bool:
    """A line of words alone right above a row that prints its code and amounts but no name,
    standing left of its amounts: the first part of that row's name, not the header's."""
    return (
        bool(row.codes)
        and not row.labels
        and bool(row.amounts)
        and not above.amounts
        and not above.codes
        and above.index == row.index - 1
        and bool(above.tokens)
        and all(t.x1 < row.amounts[0].x0 and t.x0 > row.codes[-1].x1 for t in above.tokens)
    )


def _second_name_round_first_row(above: Line, row: Line, after: list[Line]) -> bool:
    """A page's first row printing a name and amounts, between two lines of words alone that
    stand in a gap the row leaves empty (after a word, before an amount), the one above holding
    no header word: a second label column's name wrapped round it (收入's name | [支出's name,
    一、文化旅游体育与传媒支 / 出] | amounts), not the header's last line."""

    def in_gap(ln: Line) -> bool:
        if ln.is_data or ln.codes or not ln.tokens:
            return False
        a, b = min(t.x0 for t in ln.tokens), max(t.x1 for t in ln.tokens)
        left = [t for t in row.tokens if t.x1 <= a]
        right = [t for t in row.amounts if t.x0 >= b]
        return bool(left) and bool(right) and all(t.x1 <= a or t.x0 >= b for t in row.tokens)

    return (
        bool(row.labels)
        and bool(row.amounts)
        and above.index == row.index - 1
        and in_gap(above)
        and not any(LABEL_WORD.match(t.s) for t in above.tokens)
        and bool(after)
        and after[0].index == row.index + 1
        and in_gap(after[0])
    )


def _round_its_name(row: Line, above: list[Line], after: list[Line], near: Near) -> bool:
    """In a table whose names wrap round their amounts' line (centred in their cells), a
    row printing part of its name beside its amounts, with no code, a line of words alone
    right above it (left over by the row before) and another right below it: its name's
    head, middle and tail (广州市水上市容环境卫生管理处（广州 / 市城市管理综合执法局… [amounts] /
    分局）)."""
    return (
        not row.codes
        and bool(above)
        and near(above[-1].index, row.index)
        and bool(after)
        and not after[0].is_data
        and not after[0].codes
        and near(row.index, after[0].index)
    )


def _name_from_above(
    row: Line,
    loose: list[Line],
    continuation: list[tuple[Line, Line]],
    near: Near,
    most: int | None = None,
) -> int:
    """A row that prints its code and amounts but no name has its name wrapped onto the lines
    right above it (and below it, which join it as any wrapped name does): the lines of labels
    alone just above it are its name's first part, not the end of the row before (``most``:
    no more of them than that). Returns how many lines it took."""
    above: list[Line] = []
    at = row.index
    for ln in reversed(loose):
        if not near(ln.index, at) or (most is not None and len(above) >= most):
            break
        above.insert(0, ln)
        at = ln.index
    if not above:
        return 0
    taken = {id(ln) for ln in above}
    continuation[:] = [(r, ln) for r, ln in continuation if id(ln) not in taken]
    row.labels = [t for ln in above for t in ln.labels] + row.labels
    return len(above)


def _rate_columns(body: list[Line], bands: list[Band]) -> frozenset[int]:
    """The columns of a page every one of whose figures is a rate printed with its % (12.5%)."""
    tokens = {id(t): t.s for ln in body for t in ln.amounts}
    return frozenset(
        k
        for k, b in enumerate(bands)
        if b.tokens
        and all(tokens.get(i, "").endswith("%") for i in b.tokens if i in tokens)
        and any(i in tokens for i in b.tokens)
    )


def _under_cut(zero: Line, amounts: list[tuple[Line, Token]], cut: set[int]) -> bool:
    """A bare 0 whose column's nearest amount above, a line or two up, is cut short: the
    0 may be its last digit wrapped in the cell."""
    above = [ln.index for ln, _ in amounts if zero.index - 3 <= ln.index < zero.index]
    return bool(above) and max(above) in cut
