"""The 项目支出绩效目标表: one project per row — its code and name (wrapped over several lines),
its amount by source of funds (项目总额 | 其中: 财政资金 | 其他资金), then its 绩效目标 sentence
and its indicators, one per line, each with a value (≥ 95 %, ≤ 12 月, ≤ 167.84 万元) that is
no amount of the project.

A number is a project's amount by where it stands: under one of the header's amount words,
left of where the 绩效目标 column starts; an indicator's value stands right of it and is never
read. The amounts belong to the project whose code line is the nearest at or above them, when
that project prints no other amount line: a project's name wraps around its amounts, never
over another project's. A line of amounts with no project of its own above it is left unread,
unless the PDF draws the cells round the projects' names (:mod:`.targetbands`).
Not a table of the cells spec: read into the result (``schemas/tables/performance_targets.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..core.result import Row, Table
from ..core.schemas import TableSchema
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import compact
from . import targetbands
from . import tokens as tk
from .rowkeys import _cell_value

# a project's code as 北京 prints it (11000024T000002810362), before its name
_PROJECT = re.compile(r"^(?P<code>\d{6,}[A-Z]\d*)(?:[-—－_](?P<name>.*))?$")
# the rest of a code wrapped onto the name's next line (0003711798-, 3691-典型…)
_CODE_REST = re.compile(r"^(?P<digits>\d*)(?:[-—－_](?P<name>.*))?$")
# where the targets' words start: the amounts of indicators stand right of it
_TARGET_WORDS = re.compile(r"绩效目标|一级指标|二级指标|三级指标|指标")


_HEADER_LINES = 12  # the lines in which the header's words are looked for


@dataclass
class _Col:
    id: str
    x0: float
    x1: float


def _columns(lines: list[list[tk.Token]], t: TableSchema) -> tuple[list[_Col], float] | None:
    """The amount columns by the header words over them, and where the targets' words start;
    None when the header names no amount column or no targets column."""
    cols: dict[str, _Col] = {}
    targets: float | None = None
    for toks in lines[:_HEADER_LINES]:
        for tok in toks:
            word = compact(tok.s)
            for c in t.columns:
                if any(n == word for n in c.names) and c.id not in cols:
                    cols[c.id] = _Col(c.id, tok.x0, tok.x1)
            if _TARGET_WORDS.search(word) and (targets is None or tok.x0 < targets):
                targets = tok.x0
    if not cols or targets is None or any(c.x1 > targets for c in cols.values()):
        return None
    return sorted(cols.values(), key=lambda c: c.x0), targets


def _may_name_columns(head: list[Text], t: TableSchema) -> bool:
    """Whether the header's lines, run together without blanks, hold an amount column's name
    and a targets' word: else no word of theirs is one (a word, blanks dropped, is part of
    its line so run together), and :func:`_columns` finds none."""
    text = compact("".join(ln.s for ln in head))
    names = (n for c in t.columns for n in c.names)
    return bool(_TARGET_WORDS.search(text)) and any(n in text for n in names)


def _column_of(tok: tk.Token, cols: list[_Col], targets: float) -> str | None:
    """The amount column an amount stands in: the header word its span overlaps (left of the
    targets' words), else None."""
    if tok.x1 > targets:
        return None
    hits = [c for c in cols if tok.x0 <= c.x1 and c.x0 <= tok.x1]
    return hits[0].id if len(hits) == 1 else None


def _ruled_column(tok: tk.Token, cols: list[_Col], drawn: list[float]) -> str | None:
    """The amount column whose heading stands in the same drawn cell as the amount (the
    vertical lines the PDF draws through the amount's line), else None."""
    left = max((x for x in drawn if x <= tok.x0), default=None)
    right = min((x for x in drawn if x >= tok.x1), default=None)
    if left is None or right is None:
        return None
    hits = [c for c in cols if left <= (c.x0 + c.x1) / 2 <= right]
    return hits[0].id if len(hits) == 1 else None


@dataclass
class _Line:
    """One line of the table, as the reader sees it."""

    code: str | None  # a project's code starting the line
    name: str  # the words standing in the name column ('' when none)
    amounts: list[tuple[tk.Token, str | None]]  # amounts left of the targets, by column
    index: int
    dashed: bool = False  # the code is followed by its dash (the code is whole)


def _lines(body: list[Text], t: TableSchema, src: Source) -> tuple[list[_Line], list[_Col]] | None:
    if not _may_name_columns(body[:_HEADER_LINES], t):
        return None  # (most such tables, one per project: their lines are not tokenized)
    measured = src.boxes is not None
    head = [tk.tokenize(ln, src.geometry, measured=measured) for ln in body[:_HEADER_LINES]]
    found = _columns(head, t)
    if found is None:  # no amount column named: the rest of the table is not tokenized
        return None
    toks = head + [tk.tokenize(ln, src.geometry, measured=measured) for ln in body[_HEADER_LINES:]]
    cols, targets = found
    name_end = cols[0].x0
    out: list[_Line] = []
    for i, line in enumerate(toks):
        if not line:
            continue
        amount = [tk.is_amount(tok.s) for tok in line]  # each word tested once
        words = [compact(tok.s) for tok, a in zip(line, amount, strict=True) if tok.x1 <= name_end and not a]
        words = [w for w in words if not tk.LABEL_WORD.match(w) and w not in ("其中:", "其中：")]
        name = "".join(words)
        m = _PROJECT.match(name)
        amounts = [(tok, _column_of(tok, cols, targets)) for tok, a in zip(line, amount, strict=True) if a]
        if any(cid is None and tok.x1 <= targets for tok, cid in amounts):
            drawn = src.ruling([body[i]])  # an amount narrower than its heading, off its words
            amounts = [(tok, cid or _ruled_column(tok, cols, drawn)) for tok, cid in amounts]
        amounts = [(tok, cid) for tok, cid in amounts if tok.x1 <= targets]
        if any(_glued(tok, cols, targets) for tok, a in zip(line, amount, strict=True) if not a):
            amounts.append((line[0], None))  # an amount run into the words after it: not placed
        if m is not None:
            out.append(_Line(m.group("code"), m.group("name") or "", amounts, i, m.group("name") is not None))
        else:
            out.append(_Line(None, name, amounts, i))
    return out, cols


def _glued(tok: tk.Token, cols: list[_Col], targets: float) -> bool:
    """A word (no amount) starting with a number where the amounts stand (29.000000业等相关培训工):
    an amount run into the next column's words, which the reader cannot place."""
    return tok.x0 < targets and tok.x1 > cols[0].x0 and bool(_NUMBER_FIRST.match(tok.s))


_NUMBER_FIRST = re.compile(r"^\d[\d,]*\.\d")


def read(table: Table, body: list[Text], t: TableSchema, src: Source) -> None:
    """Read the projects' amounts of a 绩效目标 table into ``table`` (rows keyed by the
    project's code); amounts it cannot give a project by position stay unread."""
    found = _lines(body, t, src)
    if found is None:
        table.doubts.append("表头未见项目金额各列（项目总额、财政资金等）的位置：本表未读取")
        return
    lines, cols = found
    table.columns = [c.id for c in cols]
    heads = [k for k, ln in enumerate(lines) if ln.code is not None]
    left: list[tuple[int, int]] = []  # the projects whose amounts no name stands beside
    done: set[int] = set()  # the lines of amounts read
    ends = [*heads[1:], len(lines)] if heads else []  # (no project's code: no project read)
    for a, b in zip(heads, ends, strict=True):
        row = _project(lines[a:b], src)
        if row is None:
            left.append((a, b))
            continue
        done |= {k for k in range(a, b) if lines[k].amounts}
        if table.row(row.key) is None:
            table.rows.append(row)
    if left:
        done |= _in_cells(table, lines, heads, left, done, body, src)
    unread = sum(1 for k, ln in enumerate(lines) if ln.amounts and k not in done)
    if unread:
        table.doubts.append(f"{unread} 行金额不能按位置归入某一项目（项目名称不在其旁）：未读取")
        table.unsure = table.unsure or not table.rows  # amounts printed, none read: kept, said


def _project(seg: list[_Line], src: Source) -> Row | None:
    """The project a segment's code line starts, with its amounts: its one line of amounts,
    standing inside the project's name (on its code line, or on a line the name wraps
    around); None when the segment prints no such line or more than one line of amounts."""
    with_amounts = [k for k, ln in enumerate(seg) if ln.amounts]
    if len(with_amounts) != 1:
        return None
    k = with_amounts[0]
    amounts = seg[k].amounts
    if any(cid is None for _, cid in amounts) or len({cid for _, cid in amounts}) != len(amounts):
        return None
    # the amounts stand within the name's lines: a line of the name on or above them (the code
    # line), and one on or below them
    if not (k == 0 or any(ln.name for ln in seg[k:])):
        return None
    code, names = _code_and_name(seg)
    if code is None:
        return None
    line = src.line_col(amounts[0][0].text.span()[0])[0]
    row = Row.model_construct(key=code, label="".join(names) or code, line=line, values={}, extra={})
    for tok, cid in amounts:
        row.values[str(cid)] = _cell_value(tok.text, src)
    return row


def _code_and_name(seg: list[_Line]) -> tuple[str | None, list[str]]:
    """The project's code, joined where it wrapped onto the name's next lines (a code line
    without its dash goes on), and the parts of its name; None when the code never ends."""
    code = seg[0].code or ""
    names = [seg[0].name]
    done = seg[0].dashed
    for ln in seg[1:]:
        if not ln.name:
            continue
        if not done:
            m = _CODE_REST.match(ln.name)
            if m is None or not (m.group("digits") or m.group("name") is not None):
                return None, []
            code += m.group("digits")
            done = m.group("name") is not None
            names.append(m.group("name") or "")
            continue
        names.append(ln.name)
    return (code if done else None), names


def _in_cells(
    table: Table,
    lines: list[_Line],
    heads: list[int],
    left: list[tuple[int, int]],
    done: set[int],
    body: list[Text],
    src: Source,
) -> set[int]:
    """The projects left unread read by the cells the PDF draws round their names
    (:mod:`.targetbands`): each line of amounts standing in the cell of one project's code is
    that project's. Returns the lines read."""
    x = targetbands.name_x(src, body[lines[heads[0]].index])
    bands = targetbands.Bands(src, x) if x is not None else None
    if not bands:
        return set()
    cell = {k: bands.of(targetbands.first_word(body[lines[k].index])) for k in heads}
    count: dict[tuple[int, int], int] = {}
    for c in cell.values():
        if c is not None:
            count[c] = count.get(c, 0) + 1
    priced = {
        k: bands.of(ln.amounts[0][0].text) for k, ln in enumerate(lines) if ln.amounts and k not in done
    }
    # the decimals the table prints its amounts with: a cell holding an amount printed with
    # others (00 under 1,234.5678: an amount wrapped in its cell) is not read
    decimals = Counter(_decimals(tok.s) for ln in lines for tok, _ in ln.amounts).most_common(1)
    usual = decimals[0][0] if decimals else None
    read: set[int] = set()
    for a, b in left:
        c = cell[a]
        if c is None or count[c] != 1:
            continue
        mine = sorted(k for k, at in priced.items() if at == c)
        if not mine or any(not _placed(lines[k].amounts) for k in mine):
            continue
        joined = _rejoined(lines, mine, usual)
        if joined is None:
            continue
        mine = sorted(joined)
        code, names = _code_and_name(lines[a:b])
        if code is None or table.row(code) is not None:
            continue
        for n, k in enumerate(mine, start=1):
            key = code if n == 1 else f"{code}#{n}"
            line = src.line_col(lines[k].amounts[0][0].text.span()[0])[0]
            row = Row.model_construct(key=key, label="".join(names) or code, line=line, values={}, extra={})
            for cid, text in joined[k].items():
                row.values[cid] = _cell_value(text, src)
            table.rows.append(row)
        read |= set(mine) | {k + 1 for k in mine if priced.get(k + 1) == c and k + 1 not in joined}
    return read


def _rejoined(lines: list[_Line], mine: list[int], usual: int | None) -> dict[int, dict[str, Text]] | None:
    """The amounts of a cell's lines by column, an amount cut at its cell's edge joined to the
    rest of its decimals on the line right under it (8,700.0000 over 00: 8,700.000000, where
    that makes the table's decimals); None when an amount keeps other decimals than the table's."""
    out: dict[int, dict[str, Text]] = {}
    rest: set[int] = set()
    for k in mine:
        if k in rest:
            continue
        here = {str(cid): tok.text for tok, cid in lines[k].amounts}
        below = {str(cid): tok.text for tok, cid in lines[k + 1].amounts} if k + 1 in mine else {}
        if below and set(below) == set(here) and all(t.s.isdigit() for t in below.values()):
            here = {cid: t + below[cid] for cid, t in here.items()}
            rest.add(k + 1)
        if any(_decimals(t.s) != usual for t in here.values()):
            return None
        out[k] = here
    return out


def _decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


def _placed(amounts: list[tuple[tk.Token, str | None]]) -> bool:
    """Every amount of a line under a column of its own."""
    return all(cid is not None for _, cid in amounts) and len({cid for _, cid in amounts}) == len(amounts)
