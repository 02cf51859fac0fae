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

from collections.abc import Callable

from ..core.text import Text
from ..document.chunking import is_page_number
from .assemble import assemble
from .columnbands import (
    first_column_name,
    ruled_empty_columns,
    ruled_regions,
    rules_part_columns,
    value_bands,
    with_header_bands,
)
from .headerpaths import by_header, by_position, header_leaves
from .tokens import (
    JUNK_HEADER,
    NOTE,
    PAGE_OF,
    Band,
    Geometry,
    Grid,
    Line,
    Token,
    classify_line,
    codes_alone,
    is_amount,
    text_columns,
    tokenize,
    wrapped_years,
)


def read(
    lines: list[Text],
    geom: Geometry = text_columns,
    unit: float = 1.0,
    breaks: set[int] | None = None,
    measured: bool = False,
    ruling: Callable[[list[Text]], list[float]] | None = None,
) -> Grid | None:
    """Read a table chunk's body (the lines under its title) by position. A page starts at a
    form feed, at a line of ``breaks`` (the title printed again) or where the header is.
    ``measured``: the positions are a PDF's, the same on every page (a text's pages may be
    spaced differently); ``ruling``: the x of the lines a PDF draws through some lines (a
    ruled table's column edges)."""
    parsed: list[Line] = []
    seg_starts = [0]
    tokens: list[list[Token]] = []
    for line in lines:
        tokens.append(tokenize(line, geom, measured))  # a form feed is white space: never in a word
    year_parts = wrapped_years(tokens)
    for i, (line, toks) in enumerate(zip(lines, tokens, strict=True)):
        if i and ("\f" in line.s or i in (breaks or ())) and seg_starts[-1] != len(parsed):
            seg_starts.append(len(parsed))
        toks = [t for t in toks if not PAGE_OF.match(t.s)]  # 第11页,共40页 beside a table's last row
        if toks and not is_page_number(" ".join(t.s for t in toks)):  # a page's number (- 24 -) is no row
            parsed.append(classify_line(i, toks, year_parts))
    codes_alone(parsed, unit)
    if not any(ln.is_data for ln in parsed):
        return None
    # page segments: each with its own data lines; header lines before the first data line.
    # A page starts at a form feed, or where the header is printed again (a title and header
    # repeated on the next page of an export without form feeds)
    first = next(k for k, ln in enumerate(parsed) if ln.is_data)
    vocab = {t.s for ln in parsed[:first] if not ln.codes for t in ln.tokens if not JUNK_HEADER.match(t.s)}
    in_data = False
    for k in range(first, len(parsed)):
        ln = parsed[k]
        if ln.is_data or ln.codes:
            in_data = True
            continue
        if in_data and len({t.s for t in ln.tokens} & vocab) >= 2:
            if k not in seg_starts:
                seg_starts.append(k)
            in_data = False
    seg_starts.sort()
    segments: list[list[Line]] = []
    bounds = [*seg_starts, len(parsed)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if parsed[a:b]:
            segments.append(parsed[a:b])
    doubts: list[str] = []
    doubtful: set[int] = set()
    ref_bands: list[Band] | None = None
    ref_numeric: list[int] = []
    ref_leaves: list[str] = []
    header_lines: list[Line] = []
    head_rules: dict[int, list[float]] = {}
    rows: list[tuple[Line, list[int | None]]] = []  # data line, band index per amount (in ref bands)
    continuation: list[tuple[Line, Line]] = []
    for seg in segments:
        found = next((k for k, ln in enumerate(seg) if ln.is_data), None)
        if found is None:
            continue
        first = found
        if first and seg[first - 1].codes and not seg[first].codes:
            first -= 1  # the first row's code and name, its amounts on the next line: not header
        elif first and _name_part_above(seg[first - 1], seg[first]):
            first -= 1  # the first row's name wrapped above its code line (a page's first row)
        seg_header = [ln for ln in seg[:first] if not JUNK_HEADER.match("".join(t.s for t in ln.tokens))]
        data = [ln for ln in seg[first:] if ln.is_data]
        rules = ruling([lines[ln.index] for ln in data]) if ruling is not None else []
        bands = value_bands(data, unit)
        if rules and not rules_part_columns(bands, data, rules, unit):
            rules = []  # a frame round the table, not its columns' edges: read by alignment
        if rules:
            ruled_regions(bands, rules, unit)  # each column's region is its ruled cell
        if ref_bands is None:
            header_lines = seg_header
            if rules and ruling is not None:
                head_rules = {ln.index: ruling([lines[ln.index]]) for ln in header_lines}
            if rules:
                bands = sorted(
                    bands + ruled_empty_columns(bands, header_lines, data, rules), key=lambda b: b.x0
                )
            ref_bands = with_header_bands(bands, header_lines, data, unit) if not rules else bands
            if not rules:
                first_column_name(ref_bands, header_lines, data)
            ref_numeric = [k for k, b in enumerate(ref_bands) if b.numeric]
            ref_leaves = header_leaves(header_lines, ref_bands, head_rules)
            mapping = {k: next(j for j, r in enumerate(ref_bands) if r is b) for k, b in enumerate(bands)}
        elif seg_header and (
            by_name := by_header(
                seg_header,
                bands,
                ref_leaves,
                ref_numeric,
                {ln.index: ruling([lines[ln.index]]) for ln in seg_header} if rules and ruling else None,
            )
        ):
            mapping = by_name  # the page prints its own header: its words name the columns
        elif measured and (by_pos := by_position(bands, ref_bands)) is not None:
            mapping = by_pos  # a PDF's columns stand where the first page's stand
        elif len(bands) == len(ref_numeric) == len(ref_bands):
            # laid out otherwise (a text page spaced differently), with as many columns and
            # none printed empty on the first page: in order
            mapping = {k: ref_numeric[k] for k in range(len(bands))}
        else:
            # another page lays the columns out otherwise, with fewer or more of them, or the
            # first page has a column printed empty: nearest position, and a doubt on its rows
            mapping = {}
            for k, band in enumerate(bands):
                mapping[k] = min(range(len(ref_bands)), key=lambda j: abs(ref_bands[j].mid - band.mid))
            lines_desc = f"{lines[data[0].index].s.strip()[:20]}…"
            doubts.append(
                f"本表有一页印有 {len(bands)} 列金额，而表头有 {len(ref_numeric)} 列；"
                f"该页各行（自“{lines_desc}”起）按最近的位置归列"
            )
            doubtful.update(ln.index for ln in data)
        prev_data: Line | None = None
        pending: Line | None = None
        loose: list[Line] = []  # lines of labels alone since the last data line
        taken_above = 0  # lines of the last row's name printed above it
        prev_nameless = False  # the last row printed its code and amounts but no name
        for ln in seg[first:]:
            if ln.is_data:
                placed: list[int | None] = []
                if ln.odd:
                    doubtful.add(ln.index)
                    doubts.append(f"本表第 {ln.index + 1} 行的金额写法异常")
                for t in ln.amounts:
                    own = [k for k, b in enumerate(bands) if id(t) in b.tokens]
                    if not own:  # out of line with every column (a stray): the nearest, in doubt
                        own = [min(range(len(bands)), key=lambda k: abs(bands[k].mid - t.mid))]
                        doubts.append(f"本表第 {ln.index + 1} 行的 {t.s} 与其所在列未对齐")
                        doubtful.add(ln.index)
                    placed.append(mapping.get(own[0]))
                if pending is not None and not ln.codes:
                    ln.codes = pending.codes
                    ln.labels = pending.labels + ln.labels
                pending = None
                # a name wrapped round its code line: as many lines below it as above it
                after_prev = prev_data is not None and prev_data.index + 1 == (loose or [ln])[0].index
                # (at least one below a row printing no name of its own)
                tail = max(taken_above, 1 if prev_nameless else 0) if after_prev else 0
                # a row printing no name (its code, or nothing, left of its amounts) under a
                # line of words alone: its name wrapped round it
                nameless = not ln.labels and (bool(ln.codes) or bool(loose[tail:]))
                taken_above = _name_from_above(ln, loose[tail:], continuation) if nameless else 0
                prev_nameless = nameless
                loose = []
                rows.append((ln, placed))
                prev_data = ln
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
            if (
                prev_data is not None
                and (prev_data.codes or prev_nameless)
                and ln.index - prev_data.index <= 1
                and not JUNK_HEADER.match(s)
            ):
                continuation.append((prev_data, ln))
    if ref_bands is None:
        return None
    gaps = sorted(
        b.x0 - a.x1
        for ln, _ in rows
        for a, b in zip(ln.tokens, ln.tokens[1:], strict=False)
        if is_amount(a.s) or is_amount(b.s)
    )
    gap = gaps[len(gaps) // 2] / unit if gaps else 99.0
    for row_line, extra in continuation:
        row_line.labels = row_line.labels + extra.labels
    return assemble(header_lines, rows, ref_bands, unit, doubts, doubtful, gap, head_rules)


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


def _name_from_above(row: Line, loose: list[Line], continuation: list[tuple[Line, Line]]) -> int:
    """A row that prints its code and amounts but no name has its name wrapped onto the lines
    right above it (and below it, which join it as any wrapped name does): the lines of labels
    alone just above it are its name's first part, not the end of the row before. Returns
    how many lines it took."""
    above: list[Line] = []
    at = row.index
    for ln in reversed(loose):
        if ln.index != at - 1:
            break
        above.insert(0, ln)
        at = ln.index
    if not above:
        return 0
    taken = {id(ln) for ln in above}
    continuation[:] = [(r, ln) for r, ln in continuation if id(ln) not in taken]
    row.labels = [t for ln in above for t in ln.labels] + row.labels
    return len(above)
