"""A wide table printed by columns: the first page prints the rows' keys and the first columns,
a later page the same rows' further columns, under a header of its own naming columns the first
page's header does not (an Excel sheet too wide for its paper, printed page by page across).

Where the pages of one column group lie comes from the header each page prints: a page whose
header words the first page's header does not hold starts another group of columns (a page
printing no header goes on with the group of the page before it). Each group is read as a table
of its own, by its own header; the groups are one table only where the columns they name are
disjoint (the schema's columns one group maps onto, none of them another's). Rows are joined by
their keys (the codes or names each page prints again, or the one line of amounts each page
prints under its header and nothing else, where the first pages print that one line too: the
table's total); a row of a later group no row of the first one matches is not placed, and the
table's doubts say so. No arithmetic joins a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..core.result import Row, Table
from ..core.text import Text
from ..document.chunking import Chunk
from . import unitblocks
from .tokens import JUNK_HEADER, LABEL_WORD

# the key of a row printing no name nor code, before its place among the rows (@3): kept by a
# group's reading only to be joined by order, never left in a table
ORDINAL = "@"

# a word of a data line: an amount or a code (2010301, 1,048,475.725671, -5.00)
_NUMBER = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?$")
# a row's code glued to its name (2080199-其他…, [201]一般公共服务支出), not a year (2026年预算数)
_CODE_NAME = re.compile(r"^[\[【(（]?\d{3,}(?!\d*年)")


def _header_len(lines: Sequence[Text]) -> int:
    """How many of a page's lines stand above its first data line (an amount or a code)."""
    for k, ln in enumerate(lines):
        if any(_NUMBER.match(t) or _CODE_NAME.match(t) for t in ln.s.replace("\f", " ").split()):
            return k
    return len(lines)


# a page's furniture word naming a table, never a column: a label (公开06表, 表6, 附表1-1), the
# title printed again (…支出表（续）), a continuation mark (续表, （续）)
_TABLE_WORD = re.compile(r"表|^[(（]?续[)）]?$")


def _header_words(lines: Sequence[Text], title: str) -> list[str]:
    """The words of the lines above a page's first data line, less the title's, the page's
    furniture (单位：万元, 部门名称：…, 公开06表, 续表) and the label columns' words (科目编码)."""
    words: list[str] = []
    for ln in lines[: _header_len(lines)]:
        for w in ln.s.replace("\f", " ").split():
            if JUNK_HEADER.match(w) or LABEL_WORD.match(w) or w in title or _TABLE_WORD.search(w):
                continue
            words.append(w)
    return words


# a part of a table printed by columns: (its group of columns, its pages, the page whose header
# it is read under where it prints none: a PDF's later page of a group, the same x on every page)
Part = tuple[int, list[int], int | None]


def page_starts(body: Sequence[Text], breaks: set[int]) -> list[int]:
    """Where each page of a table's body starts (a form feed, or the title printed again)."""
    starts = [0]
    for i, ln in enumerate(body):
        if i and ("\f" in ln.s or i in breaks):
            starts.append(i)
    return starts


def column_groups(
    body: Sequence[Text], breaks: set[int], title: str, measured: bool = False
) -> list[Part] | None:
    """The table's parts to read apart, when some later page's header names words the first
    page's header does not; None when every page repeats the first page's header (or prints
    none). The first group's pages are one part (read as the table's pages always are); a later
    group's page is a part of its own, its columns named by its own header words (whatever
    columns the group's first page printed empty), or, printing none, by those of the page
    before it (``measured``: a PDF's, the columns standing at the same x on every page; a text's
    page goes with the page before it, its columns mapped by the reader)."""
    starts = page_starts(body, breaks)
    if len(starts) < 2:
        return None
    bounds = [*starts, len(body)]
    heads = [_header_words(body[a:b], title) for a, b in zip(bounds, bounds[1:], strict=False)]
    if not heads[0]:
        return None
    refs = ["".join(heads[0])]  # each group's header, compacted
    parts: list[Part] = [(0, [0], None)]
    last = 0  # the part of the page before
    for p, words in enumerate(heads[1:], 1):
        if not words:
            g, pages, under = parts[last]
            if g and measured:
                parts.append((g, [p], under if under is not None else pages[0]))
                last = len(parts) - 1
            else:
                pages.append(p)
            continue
        at = next((g for g, ref in enumerate(refs) if _same_columns(words, ref, heads[0])), None)
        if at is None:
            refs.append("".join(words))
            at = len(refs) - 1
        if at == 0:
            parts[0][1].append(p)
            last = 0
        else:
            parts.append((at, [p], None))
            last = len(parts) - 1
    if len(refs) < 2:
        return None
    return parts


def _same_columns(words: list[str], ref: str, first: list[str]) -> bool:
    """A page's header words name the columns a group's header (``ref``, compacted) names:
    every word is the group's, or the page prints the first page's whole header again (a word
    beside it, a row's name wrapped above the page's first row, is no column)."""
    if all(w in ref for w in words):
        return True
    head = "".join(words)
    return all(w in head for w in first)


def sub_chunks(chunk: Chunk, parts: list[Part], breaks: set[int]) -> list[Chunk]:
    """One chunk per part: the title, then that part's pages (body lines kept as they are,
    their offsets the document's), under the header lines of the page it is read under."""
    body = chunk.lines[1:]
    starts = page_starts(body, breaks)
    bounds = [*starts, len(body)]
    out = []
    for _, pages, under in parts:
        lines: list[Text] = [chunk.lines[0]]
        if under is not None:
            a = bounds[under]
            lines += body[a : a + _header_len(body[a : bounds[under + 1]])]
        sub_breaks: list[int] = []
        for p in pages:
            a, b = bounds[p], bounds[p + 1]
            page = list(body[a:b])
            if under is not None:  # its page under the header it borrows: no page break between
                page[0] = Text(page[0].s.replace("\f", " "), page[0].offs)
            elif a in breaks and len(lines) > 1:
                sub_breaks.append(len(lines))
            lines += page
        out.append(replace(chunk, lines=lines, notes=list(chunk.notes), breaks=sub_breaks))
    return out


def _columns(table: Table) -> set[str]:
    """The schema's columns a reading placed amounts in."""
    return {c for r in (*table.rows, *table.units) for c in (*r.values, *r.extra)}


def join(chunk: Chunk, groups: list[Part], breaks: set[int], read: Callable[[Chunk], Table]) -> Table | None:
    """The parts read each by its own header and joined into one table by their rows' keys;
    None (read the table as pages of one header) where two groups' headers name a column in
    common, a part names none, the first is read into no row, or one is read as a table
    printed unit by unit."""
    subs = sub_chunks(chunk, groups, breaks)
    parts = [read(ch) for ch in subs]
    if not _columns(parts[0]) or any(
        p.units or p.block or p.unit_name or unitblocks.blocks_of(p) for p in parts
    ):
        return None
    named: dict[int, set[str]] = {}  # each group's columns
    for (g, _, _), p in zip(groups, parts, strict=True):
        named.setdefault(g, set()).update(p.columns)
    seen: set[str] = set()
    for c in named.values():
        if not c or c & seen:
            return None
        seen |= c
    first = parts[0]
    # a lone line printing no name is the table's total only where the first pages print one
    # row and every later page one line (counted before the first pages' unnamed rows go)
    single = len(first.rows) == 1 and all(len(p.rows) == 1 for p in parts[1:])
    first.rows = [r for r in first.rows if not r.key.startswith(ORDINAL)]  # as a table's reading drops them
    for part, ch in zip(parts[1:], subs[1:], strict=True):
        _join_rows(first, part, single)
        if n := _unplaced_lines(ch, first):
            first.doubts.append(
                f"本表另页续印其余各列，其中 {n} 行印有金额而未印行名（或与前页各行对应不上），"
                "无法确定其所在行：未读入"
            )
    return first


def _unplaced_lines(chunk: Chunk, table: Table) -> int:
    """How many lines of a later group print an amount none of which was read into ``table``."""
    read = {
        c.provenance.start
        for r in (*table.rows, *table.units)
        for c in (*r.values.values(), *r.extra.values())
    }
    n = 0
    for ln in chunk.lines[1:]:
        words = ln.s.split()
        # (an amount: with decimals or separators, or a whole one after the line's first word —
        # a 元 table's 12345 or 0; the first may be the row's code)
        if not any(_NUMBER.match(t) and ("." in t or "," in t or k > 0) for k, t in enumerate(words)):
            continue
        a, b = ln.span()
        if not any(a <= s < b for s in read):
            n += 1
    return n


def _join_rows(table: Table, part: Table, single: bool) -> None:
    """A later group's rows into ``table``: each by its key onto the row of that key; one no row
    matches is not placed (its amounts stay unread), said in the table's doubts."""
    table.end_line = max(table.end_line, part.end_line)
    table.money_unit = table.money_unit or part.money_unit
    table.unit_checked = table.unit_checked or part.unit_checked
    table.columns += [c for c in part.columns if c not in table.columns]
    table.parts += [c for c in part.parts if c not in table.parts]
    table.sums += part.sums
    table.unsure = table.unsure or part.unsure
    table.doubts += [d for d in part.doubts if d not in table.doubts]
    unnamed = [r for r in part.rows if r.key.startswith(ORDINAL)]
    if unnamed and len(unnamed) == len(part.rows) == len(table.rows):
        # no row named, each of the first pages' rows printing a line here: the same rows in order
        # — likely, not certain (a row printing nothing here and one line more, a wrapped amount
        # or a note, would shift every row below): in doubt, unless it is the one row of each
        sure = len(unnamed) == 1
        for mine, row in zip(table.rows, unnamed, strict=True):
            _add(table, mine, row, sure)
        if not sure:
            table.doubts.append(
                f"本表另页续印其余各列，未印行名，按行序对应前页的 {len(unnamed)} 行读取：存疑"
            )
        return
    for row in part.rows:
        old = table.row(row.key)
        if old is None:
            continue  # no row of the first pages: not placed (counted unread, said by join)
        if not row.label and not single:
            # a line printing no name taken for its page's total (its one line of amounts): the
            # same row as the first pages' only where each prints that one line and nothing else
            continue
        _add(table, old, row, True)


def _add(table: Table, row: Row, more: Row, sure: bool) -> None:
    """``more``'s amounts into ``row`` (``sure``: its rows matched for certain, else each in
    doubt). A column the row already holds keeps its first printing; where the later one
    differs, the first is put in doubt and the table's doubts say so (never dropped unsaid)."""
    for held, adding in ((row.values, more.values), (row.extra, more.extra)):
        for c, v in adding.items():
            if not sure:
                v.status = "doubt"
            if (old := held.get(c)) is None:
                held[c] = v
            elif old.number != v.number:
                old.status = "doubt"
                table.doubts.append(
                    f"“{row.label or row.key}”一行的同一列在另页又印为 {v.value}（前页 {old.value}）：存疑"
                )
