"""Reconstruct the rows and cells of a table chunk from its text layout.

Three families are read:

- ``tabs``: one row per line, cells separated by tabs (spreadsheet and HTML exports); a
  name wrapped onto the next line is joined back, and a lone page number is dropped;
- ``cells``: one cell per line, rows separated by empty lines (exports that write a table
  cell by cell). Each cell line starts with the same indent, a tab or (when tabs were turned
  into spaces) a run of spaces; a line holding only that indent is a blank cell;
- ``spaces``: OCR-like text where cells are separated by spaces, a blank cell shows as
  two extra spaces, and long names wrap over several lines (the classification code on
  one line, the name on the next ones, the numbers last).

- ``aligned``: text laid out by position (``pdftotext -layout``, a PDF's words): cells are
  read by :mod:`llmextract.bands`, the positional reader, from where each word stands.

Space-separated text whose amounts line up in columns is ``aligned``; otherwise it is OCR-like
``spaces``. Every cell keeps its :class:`~llmextract.text.Text`, so its provenance is exact.
A blank cell is ``None``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.result import Layout
from ..core.text import Text
from ..document.chunking import is_page_number
from . import bands, tokens
from .numbering import without_numbering

Cell = Text | None

NUMBER = tokens.NUMBER
PLACEHOLDER = tokens.PLACEHOLDER
MONEY_TOKEN = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
CODE = tokens.CODE
UNIT_CODE = tokens.UNIT_CODE  # a unit of the department (426003)


@dataclass(frozen=True)
class Family:
    """A layout family and the traits the table reader relies on."""

    name: Layout
    positional_header: bool  # header cells stand over the columns they name
    full_width: bool  # every row comes out full width: a value's column is its position
    pads_trailing: bool  # rows that drop their trailing empty cells get them back (spreadsheet exports)
    placed_by_count: bool  # values placed by their count and gap widths (OCR text)


TABS = Family("tabs", positional_header=True, full_width=False, pads_trailing=True, placed_by_count=False)
CELLS = Family("cells", positional_header=True, full_width=False, pads_trailing=False, placed_by_count=False)
ALIGNED = Family(
    "aligned", positional_header=True, full_width=True, pads_trailing=False, placed_by_count=False
)
SPACES = Family(
    "spaces", positional_header=False, full_width=False, pads_trailing=False, placed_by_count=True
)


@dataclass(init=False)  # (its __init__ written out: compiled, not the dataclass's own Python)
class GridRow:
    cells: list[Cell]
    line: int  # 0-based line index (in the chunk) of the row's first line
    doubt: bool = False  # the row's placement is not certain (its cells carry status doubt)
    guessed_key: bool = False  # a row without a code keyed by the rows below it, uncorroborated
    drawn: bool = False  # its name's lines told by the lines the PDF draws round its amount
    _seen: tuple[Cell, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self) -> dict[str, Any]:
        """What the reader has worked out from the row's cells (where its values start, its
        code, its name: asked again and again by the reader's steps), kept while the cells
        stay the same; forgotten when they change."""
        cells = tuple(self.cells)  # compared cell by cell, by identity first: cheap
        if cells != self._seen:
            self._seen = cells
            self._memo.clear()
        return self._memo

    def __init__(
        self,
        cells: list[Cell],
        line: int,
        doubt: bool = False,
        guessed_key: bool = False,
        drawn: bool = False,
    ) -> None:
        self.cells = cells
        self.line = line
        self.doubt = doubt
        self.guessed_key = guessed_key
        self.drawn = drawn
        self._seen = None
        self._memo = {}

    def texts(self) -> list[str]:
        return [c.s if c is not None else "" for c in self.cells]

    def joined(self) -> str:
        """The row's words run together, whitespace removed (as ``\\s+`` removes it)."""
        return "".join("".join(c.s for c in self.cells if c is not None).split())


# a cell that holds a printed number or a placeholder where a number belongs (the test itself,
# not a call through another function: tens of thousands of cells per document)
is_value = tokens.is_amount


def cell_indent(lines: list[Text]) -> str | None:
    """The indent that opens every cell of a one-cell-per-line export, or None when the lines
    do not read that way. Most lines must be one indented cell (no second separator inside),
    and some lines must be the indent alone (blank cells), which tells an indent from a
    paragraph's or a wrapped name's leading spaces."""
    body = [x.s for x in lines if x.s.strip()]
    if not body:
        return None
    if sum(1 for s in body if s.startswith("\t") and s.count("\t") == 1) >= 0.5 * len(body):
        return "\t"
    indents = Counter(s for s in (x.s for x in lines) if s and not s.strip() and "\t" not in s)
    if not indents:
        return None
    indent = indents.most_common(1)[0][0]
    one_cell = sum(1 for s in body if s.startswith(indent) and _one_cell(s[len(indent) :].strip()))
    return indent if one_cell >= 0.8 * len(body) else None


_GAP = re.compile(r"\t| {2,}")


def _one_cell(s: str) -> bool:
    """No separator inside, and a number only on its own (OCR rows join cells by one space)."""
    if _GAP.search(s):
        return False
    words = s.split(" ")
    return len(words) == 1 or not any(is_value(w) for w in words)


def blank_cells_stripped(lines: list[Text]) -> bool:
    """A one-cell-per-line export whose blank-cell lines lost their indent (trailing
    whitespace stripped): no line is the indent alone, yet empty lines come in runs."""
    if any(x.s and not x.s.strip() for x in lines):
        return False
    runs, n = 0, 0
    for x in lines:
        if not x.s:
            n += 1
            continue
        runs += n >= 2
        n = 0
    return runs >= 3


def detect(lines: list[Text], indent: str | None | bool = False) -> Family:
    """The lines' layout family (``indent``: their :func:`cell_indent`, found already)."""
    body = [x.s for x in lines if x.s.strip()]
    if not body:
        return TABS
    if (cell_indent(lines) if indent is False else indent) is not None:
        return CELLS
    tabbed = sum(1 for s in body if "\t" in s)
    if tabbed >= 0.3 * len(body):
        return TABS
    return SPACES


@dataclass
class Reading:
    """A table chunk's grid: its family, its rows (header rows first), and for a positional
    reading each column's header path and the lines placed with doubt."""

    family: Family
    rows: list[GridRow]
    paths: list[list[str] | None] | None = None
    header_rows: int = 0
    doubts: list[str] = field(default_factory=list)
    doubtful_lines: set[int] = field(default_factory=set)


def read(
    lines: list[Text],
    geom: tokens.Geometry | None = None,
    measured: bool = False,
    breaks: set[int] | None = None,
    ruling: Callable[[list[Text]], list[float]] | None = None,
    screen: tokens.Geometry | None = None,
    numbering: tuple[re.Pattern[str], ...] = (),
    totals: tuple[re.Pattern[str], ...] = (),
) -> Reading:
    """The table's grid. ``geom`` measures a word (default: its character columns);
    ``measured``: the positions are a PDF's real ones, not a text's spacing; ``breaks``: the
    lines where a new page of the table starts (its title printed again); ``ruling``: the
    vertical lines a PDF draws through some lines; ``screen``: a text's words measured as
    shown on screen (a Chinese character two columns), tried where the character columns lay
    the amounts out in no columns; ``numbering``: the words of a line of columns' numbers
    (栏次 1 2 3), header furniture left out; ``totals``: a row's label naming the table's total
    (its words, or named for what it adds up)."""
    lines = without_numbering(lines, numbering)
    indent = cell_indent(lines)  # found once: it tells the family and reads its cells
    family = detect(lines, indent)
    if family is CELLS:
        return Reading(CELLS, _read_cells(lines, indent))
    if family is TABS:
        return Reading(TABS, _read_tabs(lines))
    geom = geom or tokens.text_columns
    grid = bands.read(
        lines, geom, breaks=breaks, measured=measured, ruling=ruling, min_gap=ALIGNED_GAP, totals=totals
    )
    if (grid is None or not _aligned(grid)) and screen is not None and not measured:
        # a text lined up on screen (a Chinese character two columns wide), not in characters:
        # so measured, its amounts stand in columns, and its header words over them
        on_screen = bands.read(
            lines, screen, breaks=breaks, ruling=ruling, min_gap=ALIGNED_GAP, totals=totals
        )
        support = max(_SCREEN_SUPPORT, grid.header_support if grid is not None else 0.0)
        if on_screen is not None and _aligned(on_screen) and on_screen.header_support >= support:
            grid = on_screen
    if grid is not None and _aligned(grid, measured) and (measured or not _tab_stops(lines)):
        head = [GridRow(cells, -1) for cells in grid.header]
        data = [GridRow(cells, i, i in grid.doubtful_lines) for i, cells in grid.rows]
        return Reading(ALIGNED, head + data, grid.paths, len(head), grid.doubts, grid.doubtful_lines)
    return Reading(SPACES, _read_spaces(lines))


def _tab_stops(lines: list[Text]) -> bool:
    """Tabs turned into runs of spaces: every gap between two words is a multiple of one
    width (a cell per tab), which a layout by position never keeps."""
    gaps = []
    for line in lines:
        toks = _tokens(line)
        gaps += [a - pb for (_, pb, _), (a, _, _) in zip(toks, toks[1:], strict=False)]
    gaps = [g for g in gaps if g >= 2]
    if len(gaps) < 5:
        return False
    w = min(gaps)
    return sum(1 for g in gaps if g % w == 0) >= 0.9 * len(gaps)


# a text measured on screen: at least this share of its columns has a header word over it
_SCREEN_SUPPORT = 0.5
ALIGNED_GAP = 1.8  # amounts in columns stand at least this far from their neighbours (character units)
HEADED_GAP = 1.5  # … on a PDF page whose header words stand over every value column: more than one space


def _aligned(grid: tokens.Grid, measured: bool = False) -> bool:
    """The amounts stand in columns: set apart by more than a space, and in no more value
    columns than the most amounts one row prints (OCR-like text, whose amounts follow the
    words one space apart, scatters them over many more); a table of one or two rows shows
    its columns only by header words standing over its amounts. On a PDF's page, where a
    header word stands over every value column, long amounts set closer than that (a line of
    17 amounts of six decimals) stand in columns too."""
    most = max(
        (sum(1 for c in cells if c is not None and is_value(c.s)) for _, cells in grid.rows), default=0
    )
    if len(grid.rows) < 3 and grid.header_support < 0.6:
        return False  # too few rows to show columns: the header words must stand over the amounts
    gap = ALIGNED_GAP if not measured or grid.header_support < 1 else HEADED_GAP
    return grid.amount_gap >= gap and 0 < grid.value_columns <= most + 1


def _cell(t: Text) -> Cell:
    s = t.s
    if s and not s[0].isspace() and not s[-1].isspace():
        return t  # nothing to strip (most cells): the text itself, as strip() returns it
    t = t.strip()
    return t if t.s else None


_BARE_PAGE = re.compile(r"^\d{1,3}$")
_SUMMARY_LABEL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|其中)")


def _read_tabs(lines: list[Text]) -> list[GridRow]:
    rows = []
    for i, line in enumerate(lines):
        s = line.s.strip()
        # a page number, also bare: a tab row always has a second cell, so a lone short
        # integer on a line of its own is the page's number, not a row
        if not s or is_page_number(line.s) or _BARE_PAGE.match(s):
            continue
        rows.append(GridRow([_cell(c) for c in line.split("\t")], i))
    return _join_wrapped(rows)


def _join_wrapped(rows: list[GridRow]) -> list[GridRow]:
    """A name wrapped onto the next line: a code row with a name and no numbers, then a line
    that continues the name before its numbers. One row, the numbers where an unwrapped row
    has them."""
    out: list[GridRow] = []
    for r in rows:
        prev = out[-1] if out else None
        if prev is not None and r.line == prev.line + 1 and _is_name_head(prev) and _continues_name(r):
            k = next(j for j, c in enumerate(r.cells) if c is not None)
            n = max(j for j, c in enumerate(prev.cells) if c is not None)
            name = Text.join([prev.cells[n], r.cells[k]], "")  # type: ignore[list-item]
            prev.cells = [*prev.cells[:n], name, *r.cells[k + 1 :]]
            continue
        out.append(r)
    return out


def _is_name_head(r: GridRow) -> bool:
    cells = [c for c in r.cells if c is not None]
    return (
        len(cells) >= 2
        and bool(CODE.match(cells[0].s) or UNIT_CODE.match(cells[0].s))
        and not any(is_value(c.s) for c in reversed(cells[1:]))  # (from the right: values stand last)
    )


def _continues_name(r: GridRow) -> bool:
    cells = [c for c in r.cells if c is not None]
    return (
        len(cells) >= 2
        and not is_value(cells[0].s)
        and not CODE.match(cells[0].s)
        and not _SUMMARY_LABEL.match(cells[0].s)
        and all(is_value(c.s) for c in cells[1:])
    )


def _read_cells(lines: list[Text], indent: str | None) -> list[GridRow]:
    indent = indent or "\t"
    rows: list[GridRow] = []
    cur: list[Cell] = []
    start = 0
    for i, line in enumerate(lines):
        if not line.s.strip() and not line.s.startswith(indent):
            if cur:
                rows.append(GridRow(cur, start))
                cur = []
            continue
        if not cur:
            start = i
        if is_page_number(line.s):
            continue
        body = line[len(indent) :] if line.s.startswith(indent) else line
        cur.append(_cell(body))
    if cur:
        rows.append(GridRow(cur, start))
    return [r for r in rows if any(c is not None for c in r.cells)]


# -- spaces -------------------------------------------------------------------------

_TOKEN = re.compile(r"\S\S*")  # \S+, searched for by its first character (firstchars.run)


Tokens = list[tuple[int, int, Text]]  # a line's words: (start, end, word)


def _tokens(line: Text) -> Tokens:
    return [(m.start(), m.end(), t) for m, t in line.finditer(_TOKEN)]


def _has_money(toks: Tokens) -> bool:
    return any(MONEY_TOKEN.match(t.s) or PLACEHOLDER.match(t.s) for _, _, t in toks)


def _starts_code(toks: Tokens) -> bool:
    return bool(toks) and bool(CODE.match(toks[0][2].s)) and not MONEY_TOKEN.match(toks[0][2].s)


WHOLE_TOKEN = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)$")
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d\d$")


def _has_whole(toks: Tokens) -> bool:
    """Whole amounts after a row's words (``208 社会保障和就业支出 877 577 300``, a table of
    whole 万元 or 元): numbers right of a word (a leading code apart), not all of them years."""
    rest = toks[1:] if _starts_code(toks) else toks
    first = next((k for k, (_, _, t) in enumerate(rest) if not is_value(t.s)), None)
    if first is None:
        return False  # numbers alone, no row's words before them
    nums = [t.s for _, _, t in rest[first + 1 :] if WHOLE_TOKEN.match(t.s)]
    return bool(nums) and not all(_YEAR_TOKEN.match(n) for n in nums)


def _money_test(words: list[Tokens]) -> Callable[[Tokens], bool]:
    """What makes a line one of amounts: an amount with decimals (or a placeholder), or, in a
    table that prints no amount with decimals at all, whole amounts after a row's words."""
    if any(MONEY_TOKEN.match(t.s) for toks in words for _, _, t in toks):
        return _has_money
    return lambda toks: _has_money(toks) or _has_whole(toks)


@dataclass(frozen=True)
class Spacing:
    """How a space-separated export draws its cells: ``sep`` spaces between two cells, and
    ``blank`` more characters for each blank cell in between. OCR-like text uses one space and
    two per blank; tabs converted to spaces use the tab width for both."""

    sep: int = 1
    blank: int = 2

    @classmethod
    def of(
        cls,
        lines: list[Text],
        words: list[Tokens] | None = None,
        money: Callable[[Tokens], bool] | None = None,
    ) -> Spacing:
        """The narrowest gap next to a value, on the lines that hold values, is the separator.
        Three or more spaces mean tabs were turned into spaces (a blank cell then takes one
        more separator); otherwise the OCR convention holds. When every value line has blank
        cells, the narrowest value gap is a multiple of the separator: the header lines' usual
        gap then tells the separator, if it divides every value gap (it alone tells it when
        no line holds an amount with decimals)."""
        gaps: list[int] = []
        header_gaps: list[int] = []
        for toks in words if words is not None else map(_tokens, lines):
            pairs = list(zip(toks, toks[1:], strict=False))
            if money(toks) if money is not None else any(MONEY_TOKEN.match(t.s) for _, _, t in toks):
                gaps += [
                    a - pb
                    for (_, pb, pt), (a, _, t) in pairs
                    if is_value(pt.s) or is_value(t.s)  # names may hold single spaces
                ]
            else:
                header_gaps += [a - pb for (_, pb, _), (a, _, _) in pairs if a - pb >= 2]
        sep = min(gaps) if gaps else 1
        if header_gaps:
            usual = Counter(header_gaps).most_common(1)[0][0]
            if not gaps or (usual < sep and all(g % usual == 0 for g in gaps)):
                sep = usual
        return cls(sep, sep) if sep >= 3 else cls(1, 2)

    def blanks_between(self, gap: int) -> int:
        return max(0, (gap - self.sep) // self.blank)

    def blanks_at_edge(self, width: int) -> int:
        return width // self.blank


def _line_cells(
    line: Text, *, code_row: bool, sp: Spacing = Spacing(), toks: Tokens | None = None
) -> list[Cell]:
    """Cells of one space-separated line (``toks``: its words, when found already); blank
    cells are inferred from the widths of gaps."""
    toks = _tokens(line) if toks is None else toks
    cells: list[Cell] = []
    if not toks:
        return cells
    lead = toks[0][0]
    if not code_row and lead >= 2:
        cells.extend([None] * sp.blanks_at_edge(lead))
    prev_end = None
    prev_numeric = None
    for a, b, t in toks:
        numeric = is_value(t.s)
        if prev_end is not None:
            gap = a - prev_end
            if not numeric and prev_numeric is False and gap <= 1 and cells and cells[-1] is not None:
                cells[-1] = Text.join([cells[-1], t], " ")  # words of one label
                prev_end, prev_numeric = b, numeric
                continue
            cells.extend([None] * sp.blanks_between(gap))
        cells.append(t)
        prev_end, prev_numeric = b, numeric
    trail = len(line.s) - toks[-1][1]
    if trail >= 2:
        cells.extend([None] * sp.blanks_at_edge(trail))
    return cells


def _read_spaces(lines: list[Text]) -> list[GridRow]:
    words = [_tokens(line) for line in lines]  # each line's words, found once
    has_money = _money_test(words)
    sp = Spacing.of(lines, words, None if has_money is _has_money else has_money)
    rows: list[GridRow] = []
    data_started = False
    pending: GridRow | None = None
    pending_parts: list[Text] = []

    def flush_pending() -> None:
        nonlocal pending, pending_parts
        if pending is not None:
            if pending_parts:
                name = Text.join(pending_parts).remove_whitespace()
                pending.cells = pending.cells[:1] + [name] + pending.cells[1:]
            rows.append(pending)
        pending, pending_parts = None, []

    for i, line in enumerate(lines):
        s = line.s
        if not s.strip() or is_page_number(s):
            continue
        toks = words[i]
        code = _starts_code(toks)
        money = has_money(toks)
        if not data_started and not (code or money):
            rows.append(GridRow(_line_cells(line, code_row=False, sp=sp, toks=toks), i))  # header
            continue
        data_started = True
        if code:
            flush_pending()
            code_t, k = toks[0][2], toks[0][1]
            rest = line[k:]
            if money:  # the words after the code, where they stand in ``rest``
                rest_toks = [(a - k, b - k, t) for a, b, t in toks[1:]]
                cells = _line_cells(rest, code_row=True, sp=sp, toks=rest_toks)
                rows.append(GridRow([code_t, *cells], i))
            else:
                pending = GridRow([code_t], i)
                pending_parts = [rest.strip()] if rest.s.strip() else []
            continue
        if money:
            cells = _line_cells(line, code_row=pending is not None, sp=sp, toks=toks)
            if pending is not None:
                lead_text: list[Text] = []
                while cells and (c0 := cells[0]) is not None and not is_value(c0.s):
                    cells.pop(0)
                    lead_text.append(c0)
                pending_parts.extend(lead_text)
                name = Text.join(pending_parts).remove_whitespace() if pending_parts else None
                lead = len(line.s) - len(line.s.lstrip())
                blanks = [None] * sp.blanks_at_edge(lead) if not lead_text else []
                rows.append(GridRow([pending.cells[0], name, *blanks, *cells], pending.line))
                pending, pending_parts = None, []
            else:
                rows.append(GridRow(cells, i))
            continue
        # a line of text without numbers
        if pending is not None:
            pending_parts.append(line.strip())
            continue
        cells = _line_cells(line, code_row=False, sp=sp, toks=toks)
        rows.append(GridRow(cells, i))
    flush_pending()
    return rows


def width(rows: list[GridRow]) -> int:
    if not rows:
        return 0
    return Counter(len(r.cells) for r in rows).most_common(1)[0][0]
