"""Coverage: how much of what a document prints in its tables the result read.

A pipeline stage of its own (:func:`measure`), run on the tool's own positioned text
(``Source.raw``; a PDF's pages are apart by form feeds, a text's too, or the whole text is one
page). It uses the definition of the gold-free measure (``shared/tools/wild.py``):

- an **amount** is a number with 1–6 decimals or with thousands separators, not followed by
  万/元/%/亿 (a figure of the prose); where the tables read print whole amounts without
  separators (``877``, a code's and a year's shape too), the whole numbers standing right of a
  line's last Chinese word are amounts as well, on the pages where the result reads a whole
  amount and on pages printing three or more lines of two or more of them (the outside
  measure counts none of them: a table of whole amounts left unread would go untold);
- a **table page** is a page with at least 3 lines holding amounts;
- **printed** counts the amounts on the table pages, **read** those the result holds as a
  table value on the same page (matched by position first, then by page and value).

Every amount not read is listed (page, line, text, the title or header above it), and the
document's :class:`Status` says whether it was read whole (``ok``), in part (``partial``,
below :data:`MIN_COVERAGE`) or not at all (``unread``)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.coverage import LISTED, MIN_COVERAGE, Coverage, Status, Unread
from ..core.memo import by_identity

if TYPE_CHECKING:
    from ..core.result import Result
from ..core.source import Source

# the amount pattern of shared/tools/wild.py, but for a number in a product (a size, 1.5×1.5
# 树池, 49.5×20×10 缘石): no amount of money. (?<![\w.,])(?<!×)(?<!×\s)-?(?:\d{1,3}(?:,\d{3})+
# (?:\.\d{1,6})?|\d+\.\d{1,6}), written to open with its first character (a minus or a digit:
# one class, [-\d], then which of them it was, looked behind) and look behind it after, the rest
# of the number one digit shorter after a digit: the same matches, tried in the same order (a
# pattern opening with lookbehinds, or with a choice not every branch of which opens with a
# literal character, is tried at every character of a line; one opening with a class only where
# its characters stand)
AMOUNT = re.compile(
    r"[-\d](?:(?<=-)(?<![\w.,]-)(?<!×-)(?<!×\s-)(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d+\.\d{1,6})"
    r"|(?<=\d)(?<![\w.,]\d)(?<!×\d)(?<!×\s\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d{1,6})?|\d*\.\d{1,6}))"
    r"(?![\w.,%])(?!\s*(?:万|元|%|亿|％|×))"
)
TABLE_PAGE_LINES = 3  # a page with at least this many lines holding amounts holds a table
_CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE = re.compile(r"表(?:\s*[(（][^()（）]{0,24}[)）])*\s*$")


def norm(v: str) -> str:
    return v.replace(",", "").replace(" ", "").lstrip("+")


# never changed once made (hashed as a frozen one is); its __init__ written out: compiled, not
# the dataclass's own Python (thousands per document)
@dataclass(slots=True, init=False, unsafe_hash=True)
class Printed:
    """One amount printed on a table page."""

    page: int
    start: int  # offset in Source.raw
    end: int
    line: int  # 1-based
    text: str

    def __init__(self, page: int, start: int, end: int, line: int, text: str) -> None:
        self.page = page
        self.start = start
        self.end = end
        self.line = line
        self.text = text

    @property
    def value(self) -> str:
        return norm(self.text)


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the text: where it starts and ends in ``raw`` (its lines are read from ``raw``
    when asked for, not kept: a text without form feeds is one page of a million lines)."""

    no: int
    start: int  # offset of its first character in Source.raw
    end: int  # offset of its form feed (or of the end of the text)
    raw: str = field(repr=False)

    def lines(self) -> Iterator[tuple[int, str]]:
        """(offset, text) of each line."""
        off = self.start
        while True:
            nl = self.raw.find("\n", off, self.end)
            if nl < 0:
                yield off, self.raw[off : self.end]
                return
            yield off, self.raw[off:nl]
            off = nl + 1


def pages(raw: str) -> list[Page]:
    """The text's pages (apart by form feeds)."""
    return list(_pages_of(raw))


@by_identity()
def _pages_of(raw: str) -> tuple[Page, ...]:
    out: list[Page] = []
    pos = 0
    while True:
        ff = raw.find("\f", pos)
        end = ff if ff >= 0 else len(raw)
        out.append(Page(len(out) + 1, pos, end, raw))
        if ff < 0:
            return tuple(out)
        pos = end + 1


# a digit beside a Chinese character: two words on the page (another font, another cell), which
# a text layout may print without a space between them (0.00平, 预算935.20万元)
_WIDE = r"[\u3000-\u9fff\uff00-\uffef]"
_GLUED = re.compile(rf"(?<=[0-9.])(?={_WIDE})|(?<={_WIDE})(?=[0-9-])")
# the two characters either side of such a place: searched for where only whether there is one
# matters (a pattern of lookbehinds alone is tried at every character; this one where its
# first characters stand)
_GLUED_PAIR = re.compile(rf"[0-9.]{_WIDE}|{_WIDE}[0-9-]")


def amounts_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the amounts printed on one line, as the measure counts them."""
    return _amounts(text)


def _amounts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the amounts of one line, a digit and a Chinese character beside
    it taken as two words."""
    if "." not in text and "," not in text:  # every amount holds a point or a separator
        return []
    if not _GLUED_PAIR.search(text):  # (where _GLUED would match: most lines have no such pair)
        return [(m.start(), m.end(), m.group(0)) for m in AMOUNT.finditer(text)]
    cuts = [m.start() for m in _GLUED.finditer(text)]
    spaced = " ".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True))
    spaces = [c + k for k, c in enumerate(cuts)]  # where the inserted spaces stand in ``spaced``
    out = []
    for m in AMOUNT.finditer(spaced):
        a = m.start() - sum(1 for x in spaces if x < m.start())
        out.append((a, a + len(m.group(0)), m.group(0)))
    return out


def printed_amounts(src: Source) -> tuple[list[Printed], list[int]]:
    """The amounts printed on the table pages, in print order, and those pages."""
    out, table_pages = _printed(src)
    return list(out), list(table_pages)


@by_identity()
def _printed(src: Source) -> tuple[tuple[Printed, ...], tuple[int, ...]]:
    out: list[Printed] = []
    table_pages: list[int] = []
    for page in _pages_of(src.raw):
        found = _found(page)
        if len(found) < TABLE_PAGE_LINES:
            continue
        table_pages.append(page.no)
        for off, ms in found:
            line = src.line_col(off)[0]
            out += [Printed(page.no, off + a, off + b, line, t) for a, b, t in ms]
    return tuple(out), tuple(table_pages)


def _found(page: Page) -> list[tuple[int, list[tuple[int, int, str]]]]:
    """(offset, amounts) of each line of the page printing an amount: the page's text split
    into its lines at once, and only the lines holding a point or a separator read further."""
    found = []
    off = page.start
    for text in page.raw[page.start : page.end].split("\n"):  # the lines Page.lines() gives
        if ("." in text or "," in text) and (ms := _amounts(text)):
            found.append((off, ms))
        off += len(text) + 1
    return found


def page_of(raw_starts: list[int], offset: int) -> int:
    """1-based page of a character offset, given the offsets where pages start."""
    lo, hi = 0, len(raw_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if raw_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def _read_values(result: Result, starts: list[int]) -> list[tuple[int, str, int, int]]:
    """(page, value, start, end) of every table value the result reads (the rows' values, as
    the outside measure counts them); a value with no place in the text is not counted."""
    out = []
    seen: set[tuple[int, int]] = set()
    paged = len(starts) > 1  # else every offset is on page 1
    for t in result.tables:
        for _, r in t.checked_rows():  # a unit's row too (read, checked and drawn, if no cell)
            for c in r.values.values():
                p = c.provenance
                if p.end <= p.start or (p.start, p.end) in seen:
                    continue
                seen.add((p.start, p.end))
                page = p.page if p.page else page_of(starts, p.start) if paged else 1
                v = str(c.value)  # normalised only where norm() changes it (most values are plain)
                out.append((page, norm(v) if "," in v or " " in v or v[:1] == "+" else v, p.start, p.end))
    return out


def _match(printed: list[Printed], read: list[tuple[int, str, int, int]]) -> list[bool]:
    """Which printed amounts are read: a value read where the amount stands, then any other
    value read on the same page equal to it (a reading that moved a figure still counts, as
    the outside measure counts it)."""
    hit = [False] * len(printed)
    by_start = {p.start: i for i, p in enumerate(printed)}
    left: dict[tuple[int, str], int] = defaultdict(int)
    for page, value, start, end in read:
        i = by_start.get(start)  # most values start where their amount does
        if i is None:
            i = next((by_start[o] for o in range(start + 1, end) if o in by_start), None)
        if i is not None and not hit[i] and printed[i].value == value:
            hit[i] = True
        else:
            left[(page, value)] += 1
    for i, p in enumerate(printed):
        if not hit[i] and left[(p.page, p.value)] > 0:
            left[(p.page, p.value)] -= 1
            hit[i] = True
    return hit


class _Above:
    """The titles of a page (lines ending in 表, with words and no amount), found once: the
    title above an amount is the nearest of them (a line ending in 表); an amount with none
    above it walks up the page to the nearest line holding words and no amount (a header)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.last: tuple[int, str] | None = None  # the last header walk: (offset, answer)
        self.starts: list[int] = []
        self.titles: list[str] = []
        off = page.start
        for text in page.raw[page.start : page.end].split("\n"):  # each line holding 表, whole
            if "表" in text and _CJK.search(text) and not AMOUNT.search(text):
                s = " ".join(text.split())
                if TITLE.search(s) and len(s) <= 60:
                    self.starts.append(off)
                    self.titles.append(s)
            off += len(text) + 1

    def near(self, offset: int) -> str:
        k = bisect.bisect_right(self.starts, offset - 1) - 1  # the line of the character before
        if k >= 0:
            return self.titles[k]
        # no title above: the nearest header, walking up to where the last walk started (an
        # amount above this one: its answer stands for the lines above it)
        last = self.last if self.last is not None and self.last[0] <= offset else None
        found = ""
        for begin, text in self._up(offset):
            if last is not None and begin <= last[0] - 1:
                found = last[1]
                break
            if _CJK.search(text) and not AMOUNT.search(text):
                found = " ".join(text.split())[:60]
                break
        self.last = (offset, found)
        return found

    def _up(self, offset: int) -> Iterator[tuple[int, str]]:
        """Where each line starting before ``offset`` starts, and its text, the nearest first
        (the page's text itself, no line kept)."""
        page, raw = self.page, self.page.raw
        while offset > page.start:
            begin = max(page.start, raw.rfind("\n", page.start, offset - 1) + 1)
            nl = raw.find("\n", begin, page.end)
            yield begin, raw[begin : nl if nl >= 0 else page.end]
            offset = begin


def tally(result: Result, src: Source) -> tuple[list[Printed], list[bool], list[int]]:
    """The amounts printed on the table pages, whether each is read, and the table pages: the
    pages printing amounts on three lines or more, and those the result reads a value on that
    print a line of three amounts or more (a “三公” table's one line of amounts on a page of its
    own: what it leaves unread is counted); and where the result reads whole amounts, the
    whole amounts printed (:func:`_whole_printed`)."""
    printed, table_pages = printed_amounts(src)
    starts = [pg.start for pg in _pages_of(src.raw)]
    read = _read_values(result, starts)
    recognised = _recognised_pages(result, src, starts)
    more = sorted(({pg for pg, *_ in read} | recognised) - set(table_pages))
    extra = _printed_on(src, more) if more else []
    whole_pages = {pg for pg, v, *_ in read if _WHOLE_VALUE.match(v)}
    # a page of a recognised table read not at all printing no amount with decimals: its table
    # may be of whole amounts — counted, not passed over (a table read stands on pages whose
    # whole numbers after it, a list of counts under no title, are none of its amounts)
    bare = _recognised_pages(result, src, starts, unread_only=True) - {p.page for p in (*printed, *extra)}
    if whole_pages or bare:
        extra += _whole_printed(src, whole_pages, None if whole_pages else bare)
    if extra:
        printed = sorted(printed + extra, key=lambda p: p.start)
        table_pages = sorted({*table_pages, *(p.page for p in extra)})
    return printed, _match(printed, read), table_pages


# a whole amount (877, -12): a cell of its own (white space before it), no separator, no
# decimals, no leading 0 (a code's 023), not the end of a spaced-out amount (3, 151. 93), and
# none of a count's, a date's, a page's or the prose's units after it
_WHOLE = re.compile(
    r"(?<=\s)(?<![.,]\s)-?(?!0\d)\d+(?![\w.,%％:：/\-])"
    r"(?!\s*(?:万|元|%|亿|％|×|年|月|日|人|个|辆|家|项|页|次|台|套|名))"
)
_WHOLE_VALUE = re.compile(r"^-?[1-9]\d*$")  # a whole amount read (a 0 is printed by tables of decimals too)
_WHOLE_ROW = 2  # whole amounts on a line, right of its words, that make it a table's row


def _whole_printed(src: Source, read_on: set[int], only: set[int] | None = None) -> list[Printed]:
    """The whole amounts printed right of a line's last Chinese word (a row's amounts after its
    name; a code before it is none), :data:`_WHOLE_ROW` or more on the line (a row of amounts,
    not a label's number: 附件 1), on the pages the result reads a whole amount on, and on pages
    printing :data:`TABLE_PAGE_LINES` such lines or more (a table of whole amounts left unread);
    ``only``: of those pages, these alone."""
    out: list[Printed] = []
    for page in _pages_of(src.raw):
        if only is not None and page.no not in only:
            continue
        rows = [(off, ms) for off, ms in _whole_rows(page) if len(ms) >= _WHOLE_ROW]
        if page.no not in read_on and len(rows) < TABLE_PAGE_LINES:
            continue
        for off, ms in rows:
            line = src.line_col(off)[0]
            out += [Printed(page.no, off + a, off + b, line, t) for a, b, t in ms]
    return out


def is_whole(text: str) -> bool:
    """An amount counted as a whole number (no decimals, no separators)."""
    return _WHOLE_TEXT.match(text) is not None


_WHOLE_TEXT = re.compile(r"^-?\d+$")
# a line of columns' or rows' numbers, not of amounts: 栏次 1 2 3, 序号
_NUMBERING_LINE = re.compile(r"^\s*(?:栏\s*次|行\s*次|序\s*号|编\s*号|列\s*次)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a line up to its last Chinese character (as far as the last match of _CJK ends): one match,
# taken back from the line's end, not a search for each of them
_TO_LAST_CJK = re.compile(r".*[\u4e00-\u9fff]", re.S)


def _whole_rows(page: Page) -> Iterator[tuple[int, list[tuple[int, int, str]]]]:
    """(offset, whole amounts) of each line printing a Chinese word and whole amounts after it;
    not a line of columns' numbers (栏次 1 2 3 4, or any run 1, 2, 3 …) nor of years."""
    for off, text in page.lines():
        last = m.end() if (m := _TO_LAST_CJK.match(text)) is not None else 0  # after its last word
        if not last or _NUMBERING_LINE.match(text):
            continue  # no word: a code, a page number or a line of a header's years
        ms = [(m.start(), m.end(), m.group(0)) for m in _WHOLE.finditer(text, last)]
        values = [int(t) for _, _, t in ms]
        if not ms or all(_YEAR.match(t) for _, _, t in ms) or values == list(range(1, len(values) + 1)):
            continue
        yield off, ms


def _recognised_pages(result: Result, src: Source, starts: list[int], unread_only: bool = False) -> set[int]:
    """The pages a table the result recognised stands on, read or not: a table whose amounts
    were all left unread is counted (its one line of amounts too), never passed over.
    ``unread_only``: those of the tables read not at all."""
    tables = [t for t in result.tables if not unread_only or not any(r.values for r in t.rows)]
    if len(starts) <= 1:
        return {1} if tables else set()
    out: set[int] = set()
    for t in tables:
        first, last = (min(max(n, 1), len(src.line_starts)) for n in (t.line, max(t.end_line, t.line)))
        top, bottom = (page_of(starts, src.line_starts[n - 1]) for n in (first, last))
        out |= set(range(top, bottom + 1))
    return out


def _printed_on(src: Source, pages: list[int]) -> list[Printed]:
    """The amounts printed on those of the given pages (1-based) that print a line of three
    amounts or more: a table's row, not a sentence's figures."""
    out: list[Printed] = []
    all_pages = _pages_of(src.raw)
    for no in pages:
        if not 0 < no <= len(all_pages):
            continue
        found = _found(all_pages[no - 1])
        if not any(len(ms) >= 3 for _, ms in found):
            continue
        for off, ms in found:
            line = src.line_col(off)[0]
            out += [Printed(no, off + a, off + b, line, t) for a, b, t in ms]
    return out


Tally = tuple[list[Printed], list[bool], list[int]]  # what tally() returns


def measure(result: Result, src: Source, counted: Tally | None = None) -> Coverage:
    """The coverage of ``result`` on its source, with every unread amount listed (``counted``:
    its tally, where already made)."""
    printed, hit, table_pages = counted or tally(result, src)
    all_pages = _pages_of(src.raw)
    unread: list[Unread] = []
    above: dict[int, _Above] = {}  # by page, made when an amount of the page is unread
    for p, h in zip(printed, hit, strict=True):
        if h or len(unread) >= LISTED:
            continue
        _, box = src.box(p.start, p.end)
        if p.page not in above:
            above[p.page] = _Above(all_pages[p.page - 1])
        near_ = above[p.page].near(p.start)
        unread.append(
            Unread(page=p.page, line=p.line, start=p.start, end=p.end, text=p.text, near=near_, box=box)
        )
    missed = sorted({p.page for p, h in zip(printed, hit, strict=True) if not h})
    return Coverage(
        printed=len(printed), read=sum(hit), pages=table_pages, unread_pages=missed, unread=unread
    )


def settle(result: Result, src: Source, minimum: float = MIN_COVERAGE) -> Tally:
    """The coverage stage: measure, set the status, and warn naming the pages left unread; the
    tally it was measured from (the audit's unread-print step reads it again)."""
    counted = tally(result, src)
    apply(result, measure(result, src, counted), minimum)
    return counted


def apply(result: Result, cov: Coverage, minimum: float = MIN_COVERAGE) -> None:
    """The coverage ``cov`` (measured on the document, or added up over a long text's pieces)
    set on ``result``: its status, and a warning naming the pages left unread."""
    result.coverage = cov
    result.status = cov.status(minimum)
    result.warnings = [w for w in result.warnings if not w.endswith(_MARKS)]  # measured again
    if cov.printed == 0 and any(r.values for t in result.tables for r in (*t.rows, *t.units)):
        result.warnings.append(
            "the tables were read, but their amounts are printed as whole numbers without decimals"
            " or thousands separators, which the coverage cannot tell from codes and years: how many"
            " amounts were left unread is not measured (coverage not measured)"
        )
    if result.status is Status.OK:
        return
    if result.status is Status.UNREAD:
        result.warnings.append(
            f"nothing of the tables was read: {cov.printed} amounts printed on {_pages(cov.pages)} "
            "are unread (status unread)"
        )
    else:
        result.warnings.append(
            f"only {cov.read} of the {cov.printed} amounts printed in the tables were read "
            f"({cov.share:.0%}); unread amounts on {_pages(cov.unread_pages)} (status partial)"
        )


_MARKS = ("(status partial)", "(status unread)", "(coverage not measured)")


def _pages(ns: list[int]) -> str:
    """``page 3`` or ``pages 1-3, 5``."""
    return f"page {ns[0]}" if len(ns) == 1 else f"pages {_ranges(ns)}"


def _ranges(ns: list[int]) -> str:
    """1, 2, 3, 5 → "1-3, 5"."""
    spans: list[list[int]] = []
    for n in ns:
        if spans and spans[-1][1] == n - 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
