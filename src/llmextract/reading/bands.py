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
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.text import Text
from ..document.chunking import is_page_number

NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
PLACEHOLDER = re.compile(r"^(?:-{1,2}|—{1,2}|－|#{2,}|\*{2,})$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# printed where an amount stands but not as a plain number: (100.00), −5, 100.00万元, 12.5%
AMOUNT_LIKE = re.compile(r"^[(（]?[-−]?\d[\d,]*(?:\.\d+)?[)）]?(?:万元|千元|元|%)?$")
UNIT_CODE = re.compile(r"^\d{6}$")
_CODE_PART = re.compile(r"^\d{2}$")
_TOKEN = re.compile(r"\S+")
_CJK = re.compile(r"^[\u4e00-\u9fff]$")
_LONG_WORD = re.compile(r"^[\u4e00-\u9fff]{4,}$")
_JUNK_HEADER = re.compile(r"^(?:编制(?:部门|单位)|单位[:：]|金额单位|部门[:：]|填报单位|预算单位[:：])")
# header words of the label columns (the row's code and name), never a value column's name
LABEL_WORD = re.compile(
    r"^(?:.*科目.*|.*编码|.*代码|.*名称.*|项目|类|款|项|序号|预算单位|单位|功能分类|经济分类.*|收入|支出)$"
)
_PAGE_OF = re.compile(r"^第\d{1,4}页(?:[,，/]?共\d{1,4}页)?$|^共\d{1,4}页$")
_NOTE = re.compile(r"^(?:注[:：]|备注|说明[:：]|\d+[.、]?注)")

# x-span of a token: (line text, start index, end index) -> (x0, x1)
Geometry = Callable[[Text, int, int], tuple[float, float]]


def text_columns(line: Text, a: int, b: int) -> tuple[float, float]:
    """Character columns of a layout text (``pdftotext -layout``): a word stands where it
    starts, one column per character (the tool places every character, CJK too, in one
    column of its grid)."""
    return float(a), float(b)


def is_amount(s: str) -> bool:
    t = s.replace(" ", "")
    return bool(NUMBER.match(t) or PLACEHOLDER.match(t))


@dataclass
class Token:
    text: Text
    x0: float
    x1: float

    @property
    def s(self) -> str:
        return self.text.s

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    index: int  # line index in the chunk
    tokens: list[Token]
    codes: list[Token] = field(default_factory=list)  # leading classification code parts
    amounts: list[Token] = field(default_factory=list)
    labels: list[Token] = field(default_factory=list)
    odd: bool = False  # an amount printed in an unusual form: its row is read in doubt

    @property
    def is_data(self) -> bool:
        return bool(self.amounts)


@dataclass
class Band:
    x0: float  # the extent of its amounts
    x1: float
    numeric: bool = True
    r0: float = 0.0  # the column's region: where a header word over it stands
    r1: float = 0.0
    members: int = 0  # lines with an amount in it
    tokens: set[int] = field(default_factory=set)  # the amounts in it (by id)

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Grid:
    """Full-width rows (label columns, then value columns by position) and, per column, its
    header path (None for label columns)."""

    header: list[list[Text | None]]
    rows: list[tuple[int, list[Text | None]]]  # (chunk line index, cells)
    paths: list[list[str] | None]
    doubts: list[str]
    doubtful_lines: set[int]
    value_columns: int  # columns found from the amounts' alignment (not from header words alone)
    amount_gap: float  # median gap beside an amount on a line, in character units
    header_support: float  # share of the value columns that a header word stands over


def tokenize(line: Text, geom: Geometry, measured: bool = False) -> list[Token]:
    """The line's words with their spans; words of a label one space apart are one word
    (``上年 结转``, ``1. 一般公共预算``), amounts always stand alone. ``measured`` (a PDF's
    positions): two long words side by side are two cells' names, not one."""
    out: list[Token] = []
    starts: list[int] = []
    prev_end = -2
    prev_word = ""
    for m in _TOKEN.finditer(line.s):
        x0, x1 = geom(line, m.start(), m.end())
        tok = Token(line[m.start() : m.end()], x0, x1)
        last = out[-1] if out else None
        if (
            last is not None
            and m.start() - prev_end <= 1
            and x0 - last.x1 <= 1.2
            and not is_amount(last.s)
            and not is_amount(tok.s)
            # two long words side by side are two cells' names (国有资本经营 | 财政专户管理资)
            and not (measured and _LONG_WORD.match(prev_word) and _LONG_WORD.match(tok.s))
        ):
            out[-1] = Token(line[starts[-1] : m.end()], last.x0, x1)
        else:
            out.append(tok)
            starts.append(m.start())
        prev_end = m.end()
        prev_word = tok.s
    return _letter_spaced(line, out, starts)


def _letter_spaced(line: Text, toks: list[Token], starts: list[int]) -> list[Token]:
    """A word printed letter-spaced (``合   计``, ``基  本  支  出``): a run of single CJK
    characters evenly spaced a few columns apart is one word."""
    out: list[Token] = []
    k = 0
    while k < len(toks):
        j = k
        while (
            j + 1 < len(toks)
            and len(toks[j].s) == 1
            and len(toks[j + 1].s) == 1
            and _CJK.match(toks[j].s)
            and _CJK.match(toks[j + 1].s)
            and 0 < toks[j + 1].x0 - toks[j].x1 <= 4
            and (j == k or abs((toks[j + 1].x0 - toks[j].x1) - (toks[k + 1].x0 - toks[k].x1)) <= 1)
        ):
            j += 1
        if j > k:
            end = starts[j] + len(toks[j].s)
            out.append(Token(line[starts[k] : end], toks[k].x0, toks[j].x1))
        else:
            out.append(toks[k])
        k = j + 1
    return out


_YEAR_HEAD = re.compile(r"^(?:19|20)\d{0,2}$")
_YEAR_TAIL = re.compile(r"^\d{0,3}年")


def _wrapped_years(tokens: list[list[Token]]) -> set[int]:
    """Tokens that are the first part of a year wrapped inside a header cell (``202`` over
    ``6年预算数``): not amounts. By id of the token."""
    out: set[int] = set()
    for i, toks in enumerate(tokens[:-1]):
        for t in toks:
            if not _YEAR_HEAD.match(t.s):
                continue
            below = [u for u in tokens[i + 1] if _YEAR_TAIL.match(u.s)]
            if any(
                abs(u.x0 - t.x0) <= 1.5 and len(t.s) + len(_YEAR_TAIL.match(u.s).group(0)) == 5 for u in below
            ):
                out.add(id(t))
    return out


def _classify(index: int, toks: list[Token], year_parts: set[int] = frozenset()) -> Line:  # type: ignore[assignment]
    ln = Line(index, toks)
    k = 0
    # leading code parts (204 / 06 / 01, or 2040601), only when a name follows them
    while k < len(toks) and (
        (k == 0 and (CODE.match(toks[k].s) or UNIT_CODE.match(toks[k].s)))
        or (k > 0 and _CODE_PART.match(toks[k].s) and len("".join(t.s for t in toks[:k])) in (3, 5))
    ):
        k += 1
    if k and k < len(toks) and not is_amount(toks[k].s):
        ln.codes = toks[:k]
        rest = toks[k:]
    else:
        rest = toks
    for t in rest:
        if id(t) in year_parts:
            ln.labels.append(t)
        elif is_amount(t.s):
            ln.amounts.append(t)
        elif AMOUNT_LIKE.match(t.s):  # (100.00), 100.00万元, 12.5%: it stands in a column, oddly
            ln.amounts.append(t)
            ln.odd = True
        else:
            ln.labels.append(t)
    return ln


def _overlaps(a: Token | Band, b: Token | Band) -> bool:
    """Whether two horizontal spans (words or columns) share some width."""
    return min(a.x1, b.x1) > max(a.x0, b.x0)


def _codes_alone(parsed: list[Line], unit: float) -> None:
    """A line holding only a classification code (its name and amounts on the next line) is
    a code, not an amount, when the code stands where the other rows' codes stand."""
    starts = [ln.codes[0].x0 for ln in parsed if ln.codes]
    for ln in parsed:
        if ln.codes or ln.labels or not ln.amounts:
            continue
        parts = ln.amounts
        joined = "".join(t.s for t in parts)
        shaped = CODE.match(parts[0].s) and all(_CODE_PART.match(t.s) for t in parts[1:])
        if shaped and len(joined) in (3, 5, 7) and any(abs(parts[0].x0 - x) <= 2 * unit for x in starts):
            ln.codes, ln.amounts = parts, []
    _code_before_amounts(parsed, starts, unit)


def _code_before_amounts(parsed: list[Line], starts: list[float], unit: float) -> None:
    """A line whose name is wrapped onto the lines above and below it prints its code and
    then its amounts (``2080505      611.41   611.41``): the first word is its code, not an
    amount, when it is shaped like one (3, 5 or 7 digits, no decimals) and stands where the
    other rows' codes stand."""
    for ln in parsed:
        if ln.codes or ln.labels or len(ln.amounts) < 2:
            continue
        first = ln.amounts[0]
        if CODE.match(first.s) and any(abs(first.x0 - x) <= 2 * unit for x in starts):
            ln.codes, ln.amounts = [first], ln.amounts[1:]


def _cluster(
    tokens: list[tuple[int, Token]], key: Callable[[Token], float], tol: float
) -> list[list[tuple[int, Token]]]:
    """Group tokens whose ``key`` edges lie within ``tol`` of the group; a group holds at
    most one token of a line."""
    groups: list[list[tuple[int, Token]]] = []
    for li, t in sorted(tokens, key=lambda x: key(x[1])):
        g = groups[-1] if groups else None
        if g is not None and key(t) - key(g[-1][1]) <= tol and all(li != lj for lj, _ in g):
            g.append((li, t))
        else:
            groups.append([(li, t)])
    return groups


def _spread_of(groups: list[list[tuple[int, Token]]], key: Callable[[Token], float]) -> float:
    """How far the amounts of each group stray from one edge, summed over the groups."""
    return sum(max(key(t) for _, t in g) - min(key(t) for _, t in g) for g in groups)


def _bands(data: list[Line], unit: float, rules: list[float] | None = None) -> list[Band]:
    """The value columns of some data lines, each with the amounts that stand in it
    (``Band.tokens``, by id): the amounts grouped by the edge they line up on."""
    toks = [(ln.index, t) for ln in data for t in ln.amounts]
    if not toks:
        return []
    tol = 1.5 * unit
    right = _cluster(toks, lambda t: t.x1, tol)
    left = _cluster(toks, lambda t: t.x0, tol)
    if len(right) != len(left):
        groups = right if len(right) < len(left) else left
    else:
        # as many columns either way (amounts of one width per column line up on both edges):
        # the edge they line up on more tightly, right when it does not tell
        groups = left if _spread_of(left, lambda t: t.x0) < _spread_of(right, lambda t: t.x1) else right
    bands = _merge_bands(groups, unit)
    # a column stands in many rows: a few amounts that overlap a column without lining up with
    # it (a stray or a misprint) make no column of their own; they are placed by nearest
    # column, in doubt (a sparse column of its own, clear of the others, stays)
    if len(data) >= 5:
        strong = [b for b in bands if b.members > max(1, 0.2 * len(data))]

        def stray(b: Band) -> bool:  # a few amounts overlapping a column, not in line with it
            return b not in strong and any(_overlaps(o, b) for o in strong)

        bands = [b for b in bands if not stray(b)]
    _regions(bands, data, right_aligned=groups is right, unit=unit)
    if rules:
        _ruled_regions(bands, rules, unit)
    return bands


def _rules_part_columns(bands: list[Band], data: list[Line], rules: list[float], unit: float) -> bool:
    """Whether the lines drawn through the data rows stand between the columns: a line
    between each column of amounts and the amounts or row labels left of it. Lines that do
    not (a frame drawn round the table, a rule under its title) are no column edges."""
    for k, b in enumerate(bands):
        before = [t.x1 for ln in data for t in ln.labels if t.mid < b.mid]
        if k:
            before.append(bands[k - 1].x1)
        if not before:
            continue
        edge = max(before)
        if edge > b.x0:
            continue  # words overlapping the column: nothing a line could stand between
        if not any(edge - 0.5 * unit <= x <= b.x0 + 0.5 * unit for x in rules):
            return False
    return True


def _first_column_name(bands: list[Band], header: list[Line], data: list[Line]) -> None:
    """The first column of amounts with no header word over it, and a header word standing
    alone in the gap between the row labels and those amounts (合计 centred in a wide cell,
    its amounts right-aligned far to its right): the column's region reaches over the word.
    A word naming a label column (科目名称, 项目) is none of it."""
    numeric = [b for b in bands if b.numeric]
    if not numeric or not header:
        return
    b = numeric[0]
    toks = [t for ln in header for t in ln.tokens]
    if any(bands.index(b) in _header_hits(bands, t) for t in toks):
        return
    labels = [t for ln in data for t in ln.labels if t.mid < b.mid]
    lo = max((t.x1 for t in labels), default=float("-inf"))
    gap = [
        t
        for t in toks
        if t.x0 >= lo
        and t.x1 <= b.x0
        and not any(_overlaps(t, o) for o in bands if o is not b)
        and not LABEL_WORD.match(t.s)
        and not _JUNK_HEADER.match(t.s)
    ]
    if len(gap) == 1:
        b.r0 = gap[0].x0


def _ruled_regions(bands: list[Band], rules: list[float], unit: float) -> None:
    """A ruled table: each column's region is the cell between the lines drawn left and right
    of its amounts."""
    for b in bands:
        left = [x for x in rules if x <= b.x0 + 0.5 * unit]
        right = [x for x in rules if x >= b.x1 - 0.5 * unit]
        if left and right:
            b.r0, b.r1 = max(left), min(right)


def _regions(bands: list[Band], data: list[Line], right_aligned: bool, unit: float) -> None:
    """Each column's region: from the end of the labels or the column before it to its own
    amounts' right edge (right-aligned amounts), or halfway to its neighbours otherwise."""
    for k, b in enumerate(bands):
        prev = bands[k - 1] if k else None
        nxt = bands[k + 1] if k + 1 < len(bands) else None
        labels_before = [
            t.x1 for ln in data for t in ln.labels if t.mid < b.mid and (prev is None or t.mid > prev.mid)
        ]
        lo = max(labels_before, default=float("-inf"))
        if right_aligned:
            start = prev.x1 if prev is not None else b.x0 - max(4 * unit, b.x1 - b.x0)
            b.r0, b.r1 = max(start, lo), b.x1 + 0.5 * unit
        else:
            start = (prev.x1 + b.x0) / 2 if prev is not None else b.x0 - 2 * unit
            # the last column's cell reaches as far right of its amounts' edge as the columns'
            # spacing (a header centred over a wide cell stands right of short amounts)
            pitch = min((c.x0 - a.x0 for a, c in zip(bands, bands[1:], strict=False)), default=0.0)
            end = (b.x1 + nxt.x0) / 2 if nxt is not None else max(b.x1 + 2 * unit, b.x0 + pitch)
            b.r0, b.r1 = max(start, lo), end


def _header_hits(bands: list[Band], t: Token) -> list[int]:
    """The columns a header word stands over: every region that holds half of the word, or
    most of which the word covers (a merged header over several columns), or else the one
    its middle falls in."""
    hits = []
    for k, b in enumerate(bands):
        cover = min(b.r1, t.x1) - max(b.r0, t.x0)
        if cover > 0 and (cover >= 0.5 * (t.x1 - t.x0) or cover >= 0.8 * (b.r1 - b.r0)):
            hits.append(k)
    if hits:
        return hits
    return [k for k, b in enumerate(bands) if b.r0 <= t.mid < b.r1]


def _merge_bands(groups: list[list[tuple[int, Token]]], unit: float) -> list[Band]:
    """One band per group of aligned amounts; two groups whose middles agree and that never
    share a line are one column of centred amounts (never two columns that merely overlap)."""
    groups = sorted(groups, key=lambda g: min(t.x0 for _, t in g))
    merged: list[tuple[Band, set[int], set[int]]] = []  # band, lines, token ids
    for g in groups:
        b = Band(min(t.x0 for _, t in g), max(t.x1 for _, t in g))
        lines = {li for li, _ in g}
        ids = {id(t) for _, t in g}
        if merged:
            pb, pls, pids = merged[-1]
            mids = [t.mid for _, t in g]
            if (
                pb.x1 > b.x0
                and not (pls & lines)
                and abs(sum(mids) / len(mids) - pb.mid) <= 1.5 * unit
                and abs(b.mid - pb.mid) <= 1.5 * unit
            ):
                merged[-1] = (Band(min(pb.x0, b.x0), max(pb.x1, b.x1)), pls | lines, pids | ids)
                continue
        merged.append((b, lines, ids))
    for b, ls, ids in merged:
        b.members = len(ls)
        b.tokens = ids
    return [b for b, _, _ in merged]


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
    year_parts = _wrapped_years(tokens)
    for i, (line, toks) in enumerate(zip(lines, tokens, strict=True)):
        if i and ("\f" in line.s or i in (breaks or ())) and seg_starts[-1] != len(parsed):
            seg_starts.append(len(parsed))
        toks = [t for t in toks if not _PAGE_OF.match(t.s)]  # 第11页,共40页 beside a table's last row
        if toks and not is_page_number(" ".join(t.s for t in toks)):  # a page's number (- 24 -) is no row
            parsed.append(_classify(i, toks, year_parts))
    _codes_alone(parsed, unit)
    if not any(ln.is_data for ln in parsed):
        return None
    # page segments: each with its own data lines; header lines before the first data line.
    # A page starts at a form feed, or where the header is printed again (a title and header
    # repeated on the next page of an export without form feeds)
    first = next(k for k, ln in enumerate(parsed) if ln.is_data)
    vocab = {t.s for ln in parsed[:first] if not ln.codes for t in ln.tokens if not _JUNK_HEADER.match(t.s)}
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
        first = next((k for k, ln in enumerate(seg) if ln.is_data), None)
        if first is None:
            continue
        if first and seg[first - 1].codes and not seg[first].codes:
            first -= 1  # the first row's code and name, its amounts on the next line: not header
        elif first and _name_part_above(seg[first - 1], seg[first]):
            first -= 1  # the first row's name wrapped above its code line (a page's first row)
        seg_header = [ln for ln in seg[:first] if not _JUNK_HEADER.match("".join(t.s for t in ln.tokens))]
        data = [ln for ln in seg[first:] if ln.is_data]
        rules = ruling([lines[ln.index] for ln in data]) if ruling is not None else []
        bands = _bands(data, unit)
        if rules and not _rules_part_columns(bands, data, rules, unit):
            rules = []  # a frame round the table, not its columns' edges: read by alignment
        if rules:
            _ruled_regions(bands, rules, unit)  # each column's region is its ruled cell
        if ref_bands is None:
            header_lines = seg_header
            if rules and ruling is not None:
                head_rules = {ln.index: ruling([lines[ln.index]]) for ln in header_lines}
            if rules:
                bands = sorted(
                    bands + _ruled_empty_columns(bands, header_lines, data, rules), key=lambda b: b.x0
                )
            ref_bands = _with_header_bands(bands, header_lines, data, unit) if not rules else bands
            if not rules:
                _first_column_name(ref_bands, header_lines, data)
            ref_numeric = [k for k, b in enumerate(ref_bands) if b.numeric]
            ref_leaves = _leaves(header_lines, ref_bands, head_rules)
            mapping = {k: next(j for j, r in enumerate(ref_bands) if r is b) for k, b in enumerate(bands)}
        elif seg_header and (
            by_name := _by_header(
                seg_header,
                bands,
                ref_leaves,
                ref_numeric,
                {ln.index: ruling([lines[ln.index]]) for ln in seg_header} if rules and ruling else None,
            )
        ):
            mapping = by_name  # the page prints its own header: its words name the columns
        elif measured and (by_pos := _by_position(bands, ref_bands)) is not None:
            mapping = by_pos  # a PDF's columns stand where the first page's stand
        elif len(bands) == len(ref_numeric) == len(ref_bands):
            # laid out otherwise (a text page spaced differently), with as many columns and
            # none printed empty on the first page: in order
            mapping = {k: ref_numeric[k] for k in range(len(bands))}
        else:
            # another page lays the columns out otherwise, with fewer or more of them, or the
            # first page has a column printed empty: nearest position, and a doubt on its rows
            mapping = {}
            for k, b in enumerate(bands):
                mapping[k] = min(range(len(ref_bands)), key=lambda j: abs(ref_bands[j].mid - b.mid))
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
            if _NOTE.match(s):
                continue
            if ln.codes:
                pending = ln  # a code and name whose amounts come on the next line
                continue
            if not _JUNK_HEADER.match(s):
                loose.append(ln)
            # a name wrapped onto the next line continues a coded row (its key is its code);
            # under a row without a code (a 收支总表's 本年收入合计) a line of labels alone is a
            # row that prints no amount (用事业基金弥补收支差额 | 结转下年): it yields no cell and
            # is not joined to the row above
            if (
                prev_data is not None
                and (prev_data.codes or prev_nameless)
                and ln.index - prev_data.index <= 1
                and not _JUNK_HEADER.match(s)
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
    return _assemble(header_lines, rows, ref_bands, unit, doubts, doubtful, gap, head_rules)


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


def _by_position(bands: list[Band], ref: list[Band]) -> dict[int, int] | None:
    """A page's columns mapped onto the first page's where each stands inside one of them
    (its amounts' middle in that column's region), one to one; None otherwise."""
    mapping: dict[int, int] = {}
    for k, b in enumerate(bands):
        inside = [j for j, r in enumerate(ref) if r.r0 <= b.mid <= r.r1 or r.x0 <= b.mid <= r.x1]
        if len(inside) != 1:
            return None
        mapping[k] = inside[0]
    return mapping if len(set(mapping.values())) == len(mapping) else None


def _by_header(
    header: list[Line],
    bands: list[Band],
    ref_leaves: list[str],
    ref_numeric: list[int],
    head_rules: dict[int, list[float]] | None = None,
) -> dict[int, int] | None:
    """A page's columns mapped onto the first page's by the header words printed over both,
    when every column of the page is named and each name stands once on the first page."""
    leaves = _leaves(header, bands, head_rules)
    names = {ref_leaves[j]: j for j in ref_numeric if ref_leaves[j]}
    if len(names) != len([j for j in ref_numeric if ref_leaves[j]]):
        return None  # a name printed over two columns: the words cannot tell them apart
    if not all(w in names for w in leaves):
        return None
    mapping = {k: names[w] for k, w in enumerate(leaves)}
    return mapping if len(set(mapping.values())) == len(mapping) else None


def _ruled_empty_columns(
    bands: list[Band], header: list[Line], data: list[Line], rules: list[float]
) -> list[Band]:
    """A ruled table's cells right of the first amounts' column that hold no amount and no
    row label but a header word: columns printed empty everywhere."""
    out = []
    first = min((b.r0 for b in bands), default=None)
    if first is None:
        return out
    labels = [t for ln in data for t in ln.labels]
    for x0, x1 in zip(rules, rules[1:], strict=False):
        if x0 < first or any(x0 <= b.mid <= x1 for b in bands):
            continue
        if any(x0 <= t.mid <= x1 for t in labels):
            continue  # the names of a second side (a 收支总表's 支出 items)
        if any(x0 <= t.mid <= x1 for ln in header for t in ln.tokens):
            out.append(Band(x0, x1, numeric=False, r0=x0, r1=x1))
    return out


def _with_header_bands(bands: list[Band], header: list[Line], data: list[Line], unit: float) -> list[Band]:
    """Add a column for each header word that names a column printed empty everywhere:

    - a word of the header's last line over no amount and no row label (项目 over the second
      side's names), right of the first labels (政府性基金预算 in a 财政拨款收支总表);
    - of two words of one header line standing in one column's region, the one farther from
      its amounts (公务用车购置费 beside 公务用车运行费 over the 运行费 amounts);
    - a word above them standing in a column's region beside, not over, that column's own
      name and its amounts, on a line naming other columns too (因公出国(境)费 left of
      小计, in a 三公 table whose 因公出国 column prints nothing).

    The amounts' columns then give up the part of their region such a word stands in."""
    if not header or not bands:
        return bands
    labels = [t for ln in data for t in ln.labels]
    out = list(bands)

    def over_labels(t: Token) -> bool:
        return any(_overlaps(t, x) for x in labels)

    def add(t: Token) -> None:
        out.append(Band(t.x0, t.x1, numeric=False, r0=t.x0 - unit, r1=t.x1 + unit))

    last = header[-1]
    for t in last.tokens:
        if t.mid < bands[0].r0 or _header_hits(out, t) or over_labels(t):
            continue
        if any(b.r0 - unit <= t.mid <= b.r1 + unit for b in out):
            continue
        add(t)
    for i, ln in enumerate(header):
        for b in bands:
            inside = [t for t in ln.tokens if b.r0 <= t.mid < b.r1 and not over_labels(t)]
            inside = [t for t in inside if not LABEL_WORD.match(t.s) and len(t.s) >= 2]
            if len(inside) >= 2:  # siblings on one line: the one over the amounts names the column
                keep = min(inside, key=lambda t: abs(t.mid - b.mid))
                # unless a word of another line, beside them, stands nearer the amounts
                # (公务接待费 right of 公务用车购置费 | 公务用车运行费 printed one line lower,
                # over a 三公 table's last amounts): then none of them names this column
                beside = [
                    u
                    for o in header
                    if o is not ln
                    for u in o.tokens
                    if b.r0 <= u.mid < b.r1
                    and not over_labels(u)
                    and not LABEL_WORD.match(u.s)
                    and len(u.s) >= 2
                    and not any(_overlaps(u, t) for t in inside)
                ]
                if any(abs(u.mid - b.mid) < abs(keep.mid - b.mid) for u in beside):
                    keep = None
                for t in inside:
                    if t is not keep and not _overlaps(t, b):
                        add(t)
                continue
            if len(inside) != 1 or i == len(header) - 1:
                continue
            t = inside[0]
            lower = [u for low in header[i + 1 :] for u in low.tokens]
            below = [u for u in lower if b.r0 <= u.mid < b.r1]
            names_others = sum(1 for u in ln.tokens if u is not t and any(_header_hits(bands, u))) >= 1
            between = any(u.x1 <= t.x0 for u in lower) and any(u.x0 >= t.x1 for u in lower)
            if (
                below
                and names_others
                and not between  # a group word stands between the words it groups
                and not _overlaps(t, b)
                # the word below names the column: over its amounts, or nearer them (a wide
                # cell, its name centred, its amounts right-aligned)
                and any(_overlaps(u, b) or abs(u.mid - b.mid) < abs(t.mid - b.mid) for u in below)
                and not any(_overlaps(t, u) for u in below)
            ):
                add(t)
    extra = [b for b in out if not b.numeric]
    for b in bands:  # a column gives up the part of its region an empty column stands in
        for e in extra:
            if b.r0 <= e.mid < b.r1:
                if e.mid < b.x0:
                    b.r0 = max(b.r0, e.x1)
                else:
                    b.r1 = min(b.r1, e.x0)
    out.sort(key=lambda b: b.x0)
    return out


def _spread(
    hits: list[list[tuple[Token, list[int]]]], bands: list[Band]
) -> list[list[tuple[Token, list[int]]]]:
    """A merged header word stands centred over the columns it spans, and those columns have
    header words of their own on the lines below (公务用车购置及运行费 over 小计 | 购置费 |
    运行费). Widen each word's columns over neighbours named below it and by no other word of
    its line, while that keeps the span's middle under the word's middle."""
    below: list[set[int]] = []
    acc: set[int] = set()
    for line_hits in reversed(hits):
        below.append(set(acc))
        for _, h in line_hits:
            acc |= set(h)
    below.reverse()
    out: list[list[tuple[Token, list[int]]]] = []
    for i, line_hits in enumerate(hits):
        taken = {k for _, h in line_hits for k in h}
        new_line = []
        for t, h in line_hits:
            if not h or not below[i]:
                new_line.append((t, h))
                continue
            # nor over a column that a word above names, unless that word stands over this one
            # too (机关运行经费预算 beside 公务用车购置及运行费, not above it)
            claimed = {k for above in out for _, ha in above if not set(ha) & set(h) for k in ha}
            new_line.append((t, _widen(t, h, bands, below[i], taken | claimed)))
        out.append(new_line)
    return out


def _widen(t: Token, h: list[int], bands: list[Band], below: set[int], taken: set[int]) -> list[int]:
    a0, b0 = min(h), max(h)

    def ok(k: int) -> bool:
        return 0 <= k < len(bands) and k in below and (k not in taken or a0 <= k <= b0)

    def off(a: int, b: int) -> float:
        return abs((bands[a].r0 + bands[b].r1) / 2 - t.mid)

    a, b = a0, b0
    while True:
        cur = off(a, b)
        if ok(a - 1) and ok(b + 1) and off(a - 1, b + 1) <= cur + 0.5:
            a, b = a - 1, b + 1
        elif ok(a - 1) and off(a - 1, b) < cur - 0.5:
            a -= 1
        elif ok(b + 1) and off(a, b + 1) < cur - 0.5:
            b += 1
        else:
            return list(range(a, b + 1))


def _ruled_cell(t: Token, rules: list[float]) -> tuple[float, float] | None:
    """The lines drawn nearest left and right of a header word at its height: its cell."""
    left = [x for x in rules if x <= t.x0 + 0.25]
    right = [x for x in rules if x >= t.x1 - 0.25]
    return (max(left), min(right)) if left and right else None


def _ruled_hits(bands: list[Band], t: Token, rules: list[float]) -> list[int]:
    """The columns a header word's ruled cell spans: those whose amounts stand between the
    lines drawn nearest left and right of the word at its height (a merged cell has no line
    between the columns it spans)."""
    cell = _ruled_cell(t, rules)
    if cell is None:
        return []
    return [k for k, b in enumerate(bands) if cell[0] <= b.mid <= cell[1]]


def _header_line_hits(
    header: list[Line], bands: list[Band], head_rules: dict[int, list[float]] | None = None
) -> list[list[tuple[Token, list[int]]]]:
    """Per header line, each word with the columns it stands over: by its ruled cell where
    lines are drawn through the word's line, else by position (a merged word spread over
    the columns named below it)."""
    hits = _spread([[(t, _header_hits(bands, t)) for t in ln.tokens] for ln in header], bands)
    if not head_rules:
        return hits
    out = []
    for ln, line_hits in zip(header, hits, strict=True):
        rules = head_rules.get(ln.index) or []
        if len(rules) < 2:
            out.append(line_hits)
            continue
        out.append([(t, _ruled_hits(bands, t, rules)) for t, _ in line_hits])
    return out


def _leaves(
    header: list[Line], bands: list[Band], head_rules: dict[int, list[float]] | None = None
) -> list[str]:
    """Per band, the lowest header word over it ("" where none): what names the column."""
    out = [""] * len(bands)
    hits = _header_line_hits(header, bands, head_rules)
    for line_hits in hits:
        for t, hit in line_hits:
            for k in hit:
                out[k] = t.s
    return out


def _zone(bands: list[Band], t: Token) -> int:
    """The gap between bands a label word stands in: 0 before the first band, k after band k-1."""
    return sum(1 for b in bands if b.mid < t.mid)


def _assemble(
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
    used_zones = sorted({_zone(bands, t) for ln, _ in rows for t in ln.labels} | {0})
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
            z = _zone(bands, t)
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
        for t, k in zip(ln.amounts, placed, strict=True):
            if k is None:
                continue
            pos = index[("band", k)]
            if cells[pos] is not None:
                doubtful.add(ln.index)
                doubts.append(f"本表第 {ln.index + 1} 行同一列中有两个金额：取第一个")
                continue
            cells[pos] = t.text
        out_rows.append((ln.index, cells))
    # header rows and paths
    head_rows: list[list[Text | None]] = []
    paths: list[list[str] | None] = [[] if c[0] == "band" else None for c in cols]
    hits = _header_line_hits(header, bands, head_rules)
    # a column's own ruled cell holding words on two lines, with nothing between them over
    # that column, holds one name wrapped in it (因公出国 / (境)费, 国有资本经 / 营预算)
    last_cell: dict[int, tuple[float, float]] = {}
    for ln, line_hits in zip(header, hits, strict=True):
        rules = (head_rules or {}).get(ln.index) or []
        cells = [None] * W
        cell_of: dict[int, tuple[float, float] | None] = {}
        for t, hit in line_hits:
            if not hit:
                z = _zone(bands, t)
                z = max((u for u in used_zones if u <= z), default=0)
                pos = index[("zone", z)]
                cells[pos] = t.text if cells[pos] is None else Text.join([cells[pos], t.text])
                continue
            cell = _ruled_cell(t, rules) if len(rules) >= 2 and len(hit) == 1 else None
            for k in hit:
                pos = index[("band", k)]
                cells[pos] = t.text if cells[pos] is None else Text.join([cells[pos], t.text])
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
            and _zone(bands, t) not in used_zones
            and not LABEL_WORD.match(t.s)
            and not _JUNK_HEADER.match(t.s)
            and not _YEAR_HEAD.match(t.s)
        ]
        # or a column printed empty everywhere made of a header word, beside such a column
        orphans += [p[-1] for k, b in enumerate(bands) if not b.numeric and (p := paths[index[("band", k)]])]
        if orphans:
            doubts.append(
                f"表头词“{orphans[0]}”下没有金额列，而有一列金额没有表头词：哪个词对应哪一列并不确定"
            )
            doubtful.update(ln.index for ln, _ in rows)
    over = {k for ln in header for t in ln.tokens for k in _header_hits(bands, t)}
    support = len(over & set(numeric)) / len(numeric) if numeric else 0.0
    return Grid(head_rows, out_rows, paths, doubts, doubtful, len(numeric), gap, support)
