"""The stages after reading, for a text read in pieces (``document/pieces.py``): the coverage
measure, the audit and the findings laid on the reading each hold the text's lines (and more)
all at once, which a text of tens of MB cannot afford. They run piece by piece.

The first piece is a prefix of the text, so its offsets and line numbers are the whole text's;
the coverage and readwhole see the result through :func:`within`, which keeps only the values
read from that piece (a value read further on must not count as read there); every audit rule
runs on its text with all that was read (a table its contents list may be printed, and read,
further on: it is not missing). Each later piece is a text of its
own (:func:`piece_source`), the result seen through :func:`piece_view` (its values and facts
moved to the piece's offsets and lines); its coverage is measured and added, and the audit
rules that read a line, a title or a sentence on its own (``engine.PIECEWISE``) run on it, their
findings moved back (:func:`moved`). What is not done on those pieces (the rules that compare
the whole file: contents and body, a table or passage printed twice, prose against tables) is
said in a warning (:func:`warning`), never left out silently.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import TypeVar

from ..core.coverage import LISTED, Coverage, Unread
from ..core.result import Check, Fact, Provenance, Result, Row, Table
from ..core.source import Source

R = TypeVar("R", bound=Row)


def source(src: Source, end: int) -> Source:
    """The text's first ``end`` characters (whole lines), as a source of their own."""
    n = bisect.bisect_left(src.line_starts, end)
    return dataclasses.replace(src, raw=src.raw[:end], line_starts=src.line_starts[:n])


def within(result: Result, end: int, lines: int) -> Result:
    """``result`` seen on its first ``end`` characters (``lines`` lines): the tables whose title
    stands there, with only their values read there, and the checks found there. Its lists of
    checks and warnings are new lists of the same findings (a stage may change a finding)."""
    view = result.model_copy()
    view.tables = [_table_within(t, end) for t in result.tables if t.line <= lines]
    view.checks = [c for c in result.checks if (c.line or 0) <= lines]
    view.narrative = [f for f in result.narrative if f.provenance.end <= end]
    return view


def _table_within(t: Table, end: int) -> Table:
    return t.model_copy(update={"rows": _rows_within(t.rows, end), "units": _rows_within(t.units, end)})


def _rows_within(rows: list[R], end: int) -> list[R]:
    out = []
    for r in rows:
        values = {k: c for k, c in r.values.items() if c.provenance.end <= end}
        if values or not r.values:
            out.append(r if len(values) == len(r.values) else r.model_copy(update={"values": values}))
    return out


@dataclass(frozen=True)
class Where:
    """A piece: characters ``start``..``end`` of the whole text, its first line's 0-based
    number and the form feeds before it (pages before it)."""

    start: int
    end: int
    lines_before: int
    pages_before: int


def piece_source(src: Source, at: Where) -> Source:
    """The piece as a text of its own (offsets and lines from its start)."""
    return Source.from_text(src.raw[at.start : at.end], src.path, src.encoding)


def piece_view(result: Result, at: Where) -> Result:
    """``result`` as the piece sees it: the values read from the piece and the facts stated in
    it, at the piece's own offsets and lines; no table read elsewhere, no finding."""
    view = result.model_copy()
    view.tables = []
    for t in result.tables:
        rows = [
            _row_moved(r, at) for r in t.rows if any(_inside(c.provenance, at) for c in r.values.values())
        ]
        if rows:
            view.tables.append(
                t.model_copy(update={"rows": rows, "units": [], "line": t.line - at.lines_before})
            )
    view.narrative = [_fact_moved(f, at) for f in result.narrative if _inside(f.provenance, at)]
    view.checks = [c for c in result.checks if c.table == "narrative"]  # by id: no place
    view.warnings = []
    return view


def _inside(p: Provenance, at: Where) -> bool:
    return at.start <= p.start and p.end <= at.end


def _moved(p: Provenance, at: Where) -> Provenance:
    page = None if p.page is None else p.page - at.pages_before  # the piece's pages, as its amounts'
    return p.model_copy(
        update={
            "start": p.start - at.start,
            "end": p.end - at.start,
            "line": p.line - at.lines_before,
            "page": page,
        }
    )


def _row_moved(r: R, at: Where) -> R:
    values = {
        k: c.model_copy(update={"provenance": _moved(c.provenance, at)})
        for k, c in r.values.items()
        if _inside(c.provenance, at)
    }
    return r.model_copy(update={"values": values})


def _fact_moved(f: Fact, at: Where) -> Fact:
    return f.model_copy(update={"provenance": _moved(f.provenance, at)})


def moved(checks: list[Check], at: Where, paged: bool) -> list[Check]:
    """A piece's findings at the whole text's lines and pages (``paged``: the text has form
    feeds, so its lines have pages)."""
    for c in checks:
        c.line = None if c.line is None else c.line + at.lines_before
        c.page = c.page + at.pages_before if paged and c.page is not None else None
    return checks


def add(cov: Coverage, more: Coverage, at: Where) -> Coverage:
    """The coverage of the pieces so far and of one more (at the whole text's places)."""
    unread = [
        Unread(
            page=u.page + at.pages_before,
            line=u.line + at.lines_before,
            start=u.start + at.start,
            end=u.end + at.start,
            text=u.text,
            near=u.near,
            box=u.box,
        )
        for u in more.unread[: max(0, LISTED - len(cov.unread))]
    ]
    return Coverage(
        printed=cov.printed + more.printed,
        read=cov.read + more.read,
        pages=sorted({*cov.pages, *(p + at.pages_before for p in more.pages)}),
        unread_pages=sorted({*cov.unread_pages, *(p + at.pages_before for p in more.unread_pages)}),
        unread=cov.unread + unread,
    )


def whole_chunk(line: int, chars: int) -> str:
    """A piece that grew to hold one table or section (the console's words: Chinese)."""
    return (
        f"第 {line:,} 行起的一段 {chars:,} 个字符，其中一张表（或一节）长过一段，整段读入："
        "内存随它增长（一张极长的表，每个数值约占数 KB）"
    )


def warning(chars: int, pieces: int, lines: int, total: int) -> str:
    """What a text read in pieces was not checked for (the console's words: Chinese)."""
    return (
        f"全文 {chars:,} 个字符，过长，分 {pieces} 段读取：表格、叙述、算术核对、读取覆盖率"
        "与逐句逐行的文字审核覆盖全文；通篇比对的审核（目录与正文、必备的表、重复印出的表与段落、前后两次陈述、叙述与表格的数字等）"
        f"及其归因只做了第一段（第 1–{lines:,} 行），第 {lines + 1:,}–{total:,} 行未做"
        "（这些比对要把全文同时放在内存里）。如是多份文件拼在一起，请分开后逐份运行"
    )
