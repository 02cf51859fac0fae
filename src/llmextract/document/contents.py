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

import re
from collections.abc import Callable, Sequence

_HEAD = re.compile(r"^#*(?:目录|目次|contents)$", re.I)
_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{3,}|-{4,}|—{3,})\s*\d*$")
_AMOUNT = re.compile(r"\d+\.\d+|\d{1,3}(?:,\d{3})+")
_SENTENCE = re.compile(r"[。；;！？]")
_NUMBERING = re.compile(
    r"^(?:#+|第[一二三四五六七八九十]+部[分份]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)|(?:表|附表|附件|公开表|预算)\s*[\d一二三四五六七八九十]+)"
)
_PAGE_NO = re.compile(r"^[-—–]?\s*\d{1,4}\s*[-—–]?$")
_TABLE_STARTS = re.compile(r"单位[:：]|部门名称[:：]|单位名称[:：]|编制(?:部门|单位)[:：]")
_MAX_ENTRY = 60  # characters of an entry, compact
_LISTED_TITLES = 3  # table titles in a row, with no table under any, that make a contents
_LOOKAHEAD = 4  # non-blank lines after a title in which its table would start


def _compact(s: str) -> str:
    return "".join(s.split())  # = re.sub(r"\s+", "", s), without the regex


def is_head(line: str) -> bool:
    """The line that opens the contents: 目录 alone on its line."""
    return bool(_HEAD.match(_compact(line)))


def _entry(c: str, is_title: Callable[[str], bool]) -> bool:
    """One line of the contents (compact text, not blank)."""
    if len(c) > _MAX_ENTRY or _SENTENCE.search(c):
        return False
    c = _LEADER.sub("", c)
    if not c or _PAGE_NO.match(c):
        return True
    if _AMOUNT.search(c):
        return False
    return bool(_NUMBERING.match(c)) or is_title(c) or c.endswith(("表", "说明", "解释", "情况", "部分"))


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


def spans(lines: Sequence[str], is_title: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The contents of a document as 0-based [first, last] line spans (the 目录 line and its
    entries; or, without a 目录 line, a list of at least three table titles none of which
    has its table under it). ``is_title`` says whether a compact line names a table."""
    comp = [_compact(ln) for ln in lines]  # each line made compact once
    is_title = _memo(is_title)
    entry = _memo(lambda c: _entry(c, is_title))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(comp):
        c = comp[i]
        if _HEAD.match(c):
            last, keys = _run(comp, i, is_title, entry)
            if len(keys) >= 2:
                out.append((i, last))
                i = last + 1
                continue
        elif c and entry(c):
            last, keys = _run(comp, i - 1, is_title, entry)
            titles = sum(1 for j in range(i, last + 1) if comp[j] and is_title(comp[j]))
            if titles >= _LISTED_TITLES:
                out.append((i, last))
                i = last + 1
                continue
            i = max(i + 1, last + 1)
            continue
        i += 1
    return out


def _run(
    comp: Sequence[str], head: int, is_title: Callable[[str], bool], entry: Callable[[str], bool]
) -> tuple[int, list[str]]:
    """The last line of the entries under the 目录 line ``head``, and the entries' keys
    (``comp``: the lines made compact)."""
    last, keys = head, list[str]()
    for j in range(head + 1, len(comp)):
        c = comp[j]
        if not c:
            continue
        if not entry(c):
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


def lines_in(lines: Sequence[str], is_title: Callable[[str], bool]) -> set[int]:
    """0-based indices of every line of the document's contents."""
    return {j for a, b in spans(lines, is_title) for j in range(a, b + 1)}
