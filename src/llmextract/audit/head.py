"""The whole-file stages of a text read in pieces (``document/pieces.py``), run on its first
piece: the coverage measure, the audit and the findings laid on the reading each hold the
text's lines (and more) all at once, which a text of tens of MB cannot afford.

The first piece is a prefix of the text, so its offsets and line numbers are the whole text's;
the result is seen through :func:`within`, which keeps only the values read from that piece
(a value read further on must not count as read, nor be compared, there). What is not done
on the rest of the text is said in a warning (:func:`warning`), never left out silently.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TypeVar

from ..core.result import Result, Row, Table
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


def warning(chars: int, pieces: int, lines: int, total: int) -> str:
    """What a text read in pieces was not checked for (the console's words: Chinese)."""
    return (
        f"全文 {chars:,} 个字符，过长，分 {pieces} 段读取：表格、叙述与算术核对覆盖全文；"
        f"读取覆盖率、文字审核（目录与正文、重复印出的表与段落、前后两次陈述等）及其归因只做了第一段"
        f"（第 1–{lines:,} 行），第 {lines + 1:,}–{total:,} 行未做（这些核对要把全文同时放在内存里）。"
        "如是多份文件拼在一起，请分开后逐份运行"
    )
