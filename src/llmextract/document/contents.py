"""A document's table of contents (目录): the lines that list its sections and tables.

A contents page holds no tables: its entries are neither table titles nor the headings of
the body, so that a listed title is not read as an (empty) table, and the real table
printed later is not taken for a repeat of it. Both the chunker and the audit read the
contents from here.

The contents start at a line that says 目录 (目 录, 目次) alone, and run over the entries
under it — lines without amounts or sentences: numbered headings, table titles, labels,
leader dots and page numbers — up to the first line that is none of these, the first
entry printed a second time (the body starting with the first section listed), or a title
whose table follows at once (its unit line or its amounts within a few lines).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .pages import is_page_number
from .titles import ENDS_TABLE, LEADER, LEADER_RUN, title_text

_HEAD = re.compile(r"^#*(?:目录|目次|contents)$", re.I)
_LEADER = re.compile(LEADER_RUN + r"\s*\d*$")  # leader dots and the page number
# a line holds an amount (\d+\.\d+ or \d{1,3}(?:,\d{3})+ somewhere): searched for, never taken,
# so written as what any such amount holds, opening with a digit (a pattern that opens with a
# character class is searched for in one fast scan; one that opens with a choice is tried at
# every character)
_AMOUNT = re.compile(r"\d(?:\.\d|,\d{3})")
# a sentence's mark or an amount: no entry of the contents (both in one search, as above)
_NO_ENTRY = re.compile(r"[。；;！？\d](?:(?<=[。；;！？])|\.\d|,\d{3})")
_NUMBERING = re.compile(
    r"^(?:#+|第[一二三四五六七八九十]+部[分份]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)|(?:表|附表|附件|公开表|预算)\s*[\d一二三四五六七八九十]+)"
)
_PAGE_NO = re.compile(r"^[-—–]?\s*\d{1,4}\s*[-—–]?$")
_TABLE_STARTS = re.compile(r"单位[:：]|部门名称[:：]|单位名称[:：]|编制(?:部门|单位)[:：]")
_MAX_ENTRY = 60  # characters of an entry, compact
_LISTED_TITLES = 3  # table titles in a row, with no table under any, that make a contents
_LOOKAHEAD = 4  # non-blank lines after a title in which its table would start


_ENTRY, _HEADING = 1, 2  # what a line of a contents is (flags)
_ENDINGS = ("表", "说明", "解释", "情况", "部分")  # how an entry may end (a title, a section)
_REMEMBERED = 16384  # distinct short lines whose shape and key are remembered (a few MB at most)


@functools.lru_cache(maxsize=_REMEMBERED)
def _shape(c: str) -> tuple[int, str | None]:
    """What a line (compact text, not blank, at most ``_MAX_ENTRY`` characters) of the contents
    is as far as no ``is_title`` tells: the flags of :func:`_kinds` known for sure, and the text
    whose naming a table alone makes the line an entry (None: nothing left to ask). An entry: no
    amount and no sentence, and (leader dots and page number aside) a page number, numbered, a
    title or an ending of one. A pure function of the line's text, remembered: the chunker and
    the audit read the same lines (each with its own ``is_title``), and page and column headers
    recur."""
    head = _HEADING if _HEAD.match(c) else 0
    if _NO_ENTRY.search(c):
        return head, None  # an amount (most lines'): the leader dots' removal below never takes it away
    c = _LEADER.sub("", c)  # (a suffix: what is left holds no amount either)
    if not c or _PAGE_NO.match(c) or _NUMBERING.match(c) or c.endswith(_ENDINGS):
        return head | _ENTRY, None
    return head, c


@functools.lru_cache(maxsize=_REMEMBERED)
def _key(c: str) -> str:
    """An entry without its numbering and leader dots, to see it printed again."""
    c = _LEADER.sub("", c)
    return _NUMBERING.sub("", c).strip("、.．:： ")


def _table_follows(comp: Sequence[str], i: int) -> bool:
    seen = 0
    for j in range(i + 1, len(comp)):  # not comp[i + 1 :]: a copy of a long file's lines each time
        c = comp[j]
        if not c:
            continue
        if _TABLE_STARTS.search(c) or _AMOUNT.search(c):
            return True
        seen += 1
        if seen >= _LOOKAHEAD:
            break
    return False


def _memo(fn: Callable[[str], bool]) -> Callable[[str], bool]:
    """``fn`` asked once per distinct string (a scan asks of the same lines again and again)."""
    seen: dict[str, bool] = {}

    def once(c: str) -> bool:
        v = seen.get(c)
        if v is None:
            v = seen[c] = fn(c)
        return v

    return once


def _kinds(comp: Sequence[str], is_title: Callable[[str], bool]) -> list[int]:
    """What each line (compact) is: the 目录 line (``_HEADING``), an entry of a contents
    (``_ENTRY``), both or neither; each distinct line asked once (page headers, column
    headers and units are printed again and again)."""
    known: dict[str, int] = {"": 0}
    out: list[int] = []
    for c in comp:
        v = known.get(c)
        if v is None:
            if len(c) > _MAX_ENTRY:  # no entry (and not remembered beyond this call: a long text)
                v = _HEADING if _HEAD.match(c) else 0
            else:
                v, ask = _shape(c)
                if ask is not None and is_title(ask):
                    v |= _ENTRY
            known[c] = v
        out.append(v)
    return out


def spans(
    lines: Sequence[str], is_title: Callable[[str], bool], comp: Sequence[str] | None = None
) -> list[tuple[int, int]]:
    """The contents of a document as 0-based [first, last] line spans (the 目录 line and its
    entries; or, without a 目录 line, a list of at least three table titles none of which
    has its table under it). ``is_title`` says whether a compact line names a table; ``comp``:
    the lines made compact, when the caller has them."""
    if comp is None:
        comp = ["".join(ln.split()) for ln in lines]  # each line made compact once (no white space)
    is_title = _memo(is_title)
    kinds = _kinds(comp, is_title)
    out: list[tuple[int, int]] = []
    at = 0  # the next line not yet looked at (the lines of a run looked at are skipped)
    for i, k in enumerate(kinds):
        if not k or i < at:
            continue
        if k & _HEADING:
            last, keys = _run(comp, i, is_title, kinds)
            if len(keys) >= 2:
                out.append((i, last))
                at = last + 1
            continue
        if _few(comp, kinds, i):
            continue  # (the lines after it are looked at as before: none begins a contents either)
        last, keys = _run(comp, i - 1, is_title, kinds)
        titles = sum(1 for j in range(i, last + 1) if comp[j] and is_title(comp[j]))
        if titles >= _LISTED_TITLES:
            out.append((i, last))
            at = last + 1
            continue
        at = max(i + 1, last + 1)
    return out


def _few(comp: Sequence[str], kinds: Sequence[int], i: int) -> bool:
    """Fewer than ``_LISTED_TITLES`` entries in a row from line ``i`` (blank lines aside), no
    目录 line among them: a run of entries from any of them lists too few titles to be a
    contents (each title an entry), so none need be run (the runs stop where they do)."""
    n = 0
    for j in range(i, len(kinds)):
        k = kinds[j]
        if not k & _ENTRY:
            if comp[j]:
                return True  # a line that is no entry: the run ends before it
            continue  # a blank line
        if k & _HEADING:
            return False  # (a 目录 line, looked at on its own)
        n += 1
        if n >= _LISTED_TITLES:
            return False
    return True


def _run(
    comp: Sequence[str], head: int, is_title: Callable[[str], bool], kinds: Sequence[int]
) -> tuple[int, list[str]]:
    """The last line of the entries under the 目录 line ``head``, and the entries' keys
    (``comp``: the lines made compact; ``kinds``: what each is, :func:`_kinds`)."""
    last, keys = head, list[str]()
    for j in range(head + 1, len(comp)):
        c = comp[j]
        if not c:
            continue
        if not kinds[j] & _ENTRY:
            break
        k = _key(c)
        if k and any(k == x or (len(k) >= 3 and x.startswith(k)) for x in keys):
            break  # the body starts with the first section listed (its name wrapped, perhaps)
        if is_title(c) and _table_follows(comp, j):
            break
        if k:
            keys.append(k)
        last = j
    return last, keys


def lines_in(
    lines: Sequence[str], is_title: Callable[[str], bool], comp: Sequence[str] | None = None
) -> set[int]:
    """0-based indices of every line of the document's contents (``comp``: as for :func:`spans`)."""
    return {j for a, b in spans(lines, is_title, comp) for j in range(a, b + 1)}


# -- the contents as the audit reads them ----------------------------------------------

_TOC_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_UNIT_NEAR = re.compile(r"单位[:：]|部门全称|编制部门|编制单位|部门名称")
_ENTRY_WORDS = re.compile(r"\d{1,3}|编号|序号|工作表名|表名|名称|页码|页次")
_HEADED_SPAN = 200  # lines under a 目录 line in which its entries are looked for


class _Headed:
    """The contents under each 目录 line, over the document's lines: ``plain`` (as printed,
    NFKC), ``bare`` (white space and quotes out), ``names_table`` (a title's text, its label
    removed, names a table) and ``pages`` (each line's page, None without form feeds)."""

    def __init__(
        self,
        plain: Sequence[str],
        bare: Sequence[str],
        names_table: Callable[[str], bool],
        pages: Sequence[int] | None,
    ) -> None:
        self.plain, self.bare, self.names_table, self.pages = plain, bare, names_table, pages

    def blank(self, i: int) -> bool:
        return not self.plain[i].strip()

    def spans(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for i, b in enumerate(self.bare):
            if out and i <= out[-1][1]:
                continue
            c = b.lstrip("#")
            if "目录" not in c or len(c) > 40 or re.search(r"[。，,]", c):
                continue
            last, seen, misses = None, 0, 0
            for j in range(i + 1, min(len(self.bare), i + _HEADED_SPAN)):
                if self.blank(j) or is_page_number(self.plain[j]):  # the contents go on over a page break
                    continue
                if self.starts_table(j):
                    break
                if self.entry(j):
                    last, seen, misses = j, seen + 1, 0
                    continue
                misses += 1
                if seen or misses > 2:
                    break
            if seen >= 3 and last is not None:
                out.append((i, self.page_end(i, last)))
        return out

    def page_end(self, i: int, last: int) -> int:
        """The last line of the contents begun at line ``i``: its last entry, or the end of its
        page when the 目录 heads a page (a contents page holds no table, whatever its lines
        look like)."""
        if self.pages is None:
            return last
        page = self.pages[i]
        heads = [k for k in range(i + 1) if not self.blank(k) and self.pages[k] == page]
        if len(heads) > 3:  # the 目录 does not head its page
            return last
        end = last
        while end + 1 < len(self.bare) and self.pages[end + 1] == page:
            end += 1
        return max(last, end)

    def entry(self, j: int) -> bool:
        """A line of the contents: a title with leader dots or a number/label, a section
        heading (第一部分…, 一、…), or (one cell per line) a bare number, label, column header
        or title."""
        st, c = self.plain[j].strip(), self.bare[j]
        if LEADER.search(c) or re.match(r"^\d{1,2}[\t ]", st):
            return True
        if len(c) <= 40 and "。" not in c and _TOC_HEADING.match(c):
            return True
        if len(c) > 60 or "。" in c:
            return False
        if re.match(r"^(?:表|附表|附件|公开表)\s*[\d一二三四五六七八九十]+", st):
            return True
        if re.match(r"^第[一二三四五六七八九十]+部[分份]", c) or (
            re.match(r"^[一二三四五六七八九十]+、", c) and len(c) <= 30
        ):
            return True  # a part or section of the contents (第二部分 …决算表, 一、主要职能)
        if _ENTRY_WORDS.fullmatch(c):
            return True
        t = title_text(c)
        return self.names_table(t) or bool(ENDS_TABLE.search(t))

    def starts_table(self, j: int) -> bool:
        """Line ``j`` is a table's title: its unit or department line follows."""
        if not self.names_table(title_text(self.bare[j])):
            return False
        near = [self.bare[k] for k in range(j + 1, min(len(self.bare), j + 6)) if not self.blank(k)][:3]
        return any(_UNIT_NEAR.search(c) for c in near)


def headed_spans(
    plain: Sequence[str],
    bare: Sequence[str],
    names_table: Callable[[str], bool],
    pages: Sequence[int] | None = None,
    comp: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """The contents as the audit reads them, 0-based [first, last] line spans: each 目录 line
    with the entries under it (to the end of its page when it heads one; a document may print
    one for its sections and another for its tables), and the contents :func:`spans` finds
    (entries that are section headings as well as titles: 第一部分 …概况 / 一、主要职责 / … /
    一、收支总体情况表) where they overlap none of these. ``plain``: the lines as printed;
    ``bare``: the same without white space and quotes; ``names_table``: whether a title's
    text (label, leader dots and page number removed) names a table; ``pages``: each line's
    page (None: the text keeps no form feeds); ``comp``: the lines without white space, when
    the caller has them (as for :func:`spans`)."""
    out = _Headed(plain, bare, names_table, pages).spans()
    for a, b in spans(plain, lambda c: names_table(title_text(c)), comp):
        if not any(x <= a <= y or a <= x <= b for x, y in out):
            out.append((a, b))
    return sorted(out)
