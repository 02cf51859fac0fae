"""The grammar of a table's title line, as printed around the title itself: leader dots and the
page number after it (a line of the contents), the label before it (预算01表, 表1, 附件2, 一、,
（三）) or after it (（公开表1）), and the ending a title has (…表, …表（续）).

The contents (:mod:`.contents`) and the audit read titles with it (:func:`find`: the titles a
document prints, and those its contents list); the chunker keeps the numerals of a label apart
(a label's numeral may run into the title: 表三一般公共预算…).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.money import TABLE_UNITS
from .lines import Line, bare

# a run of leader dots (…… / ..... / ····· / ----- / ———) between an entry and its page number
# (…{2,}|\.{4,}|·{3,}|-{4,}|—{3,}, each choice opening with its character: a choice of characters
# is searched for in one fast scan, a choice of repeats is tried at every character)
LEADER_RUN = r"(?:……+|\.\.{3,}|··{2,}|--{3,}|——{2,})"
# leader dots and whatever follows them on the line (the page number)
LEADER = re.compile(LEADER_RUN + r".*$")
# the labels and numbering before a title (compact text), one or more
LABEL = re.compile(
    r"^(?:#+)?(?:\d{1,2}(?:\t|\s+|[、.．](?!\d))|(?:表|附表|附件|公开表)\s*[\d一二三四五六七八九十]+(?:\s*[-－]\s*\d+)?[\s:：、.．]*"
    r"|[\u4e00-\u9fff]{0,4}\d{1,2}表(?=[\s\u4e00-\u9fff])[\s:：、.．]*"  # 预算01表, 公开01表, 单位预算05表
    r"|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）])+"
)
# a label in a cell of its own before a title (1, 表1, 附件1, 预算01表)
LEAD_CELL = re.compile(r"^\d{1,2}$|^(表|附件|附表)|^[\u4e00-\u9fff]{0,4}\d{1,2}表$")
# a label after a title, in brackets (（公开表1）, （附表2-1）)
TRAIL_LABEL = re.compile(r"[(（](?:公开表|附表|表|附件)[\d一二三四五六七八九十\-－]*[)）]$")
_CELLS = re.compile(r"\t| {3,}")  # a line's cells apart
# the money unit printed at the end of a title's line (单位：万元), a cell apart from the title
# ( {3,} spelt '  {2,}': each choice opens with a character, the engine searches by them)
UNIT_CELL = re.compile(rf"(?:\t|  {{2,}})(?:金额)?单位\s*[:：]\s*(?:人民币)?(?:{TABLE_UNITS})\s*$")
# how a title ends: 表, then perhaps bracketed words (（续）, （按经济分类）)
ENDS_TABLE = re.compile(r"表(?:[(（][^()（）]{0,24}[)）])*$")


@functools.lru_cache(maxsize=65536)
def title_text(c: str) -> str:
    """A title line (compact) without its label, numbering, leader dots and page number."""
    c = LEADER.sub("", c)
    c = LABEL.sub("", c)
    c = TRAIL_LABEL.sub("", c)
    return c.strip("#:：")


def without_unit(s: str) -> str:
    """A title's line without the money unit printed at its end (单位：万元 far right of the
    title, a cell of its own)."""
    # most lines print no 单位 (a table's rows): no search of their runs of spaces
    return UNIT_CELL.sub("", s) if "单位" in s else s


@dataclass(frozen=True)
class Printed:
    """A table's title printed on a line: the line (1-based), the kind of table it names and
    its text (compact, its label removed)."""

    line: int
    kind: str
    text: str


def _looks_like_title(t: str) -> bool:
    if not t or len(t) > 60 or re.search(r"[。，,；;：:！？]", t):
        return False
    if re.search(r"说明|详见|见附|如下|注[:：]|备注|单位[:：]", t):
        return False
    if "情况" in t and not ENDS_TABLE.search(t):
        return False  # a prose heading (收支预算情况), not a table (收支总体情况表)
    if re.search(r"\d+\.\d+", t):
        return False
    return bool(ENDS_TABLE.search(t)) or t.endswith(("预算", "预"))


def _table_follows(lines: Sequence[Line], i: int) -> bool:
    """The lines under a title without 表 (a truncated title) are a table's."""
    seen = 0
    for ln in lines[i + 1 : i + 8]:
        if ln.blank:
            continue
        seen += 1
        if ln.tabular or re.search(r"单位[:：]", ln.s):
            return True
        if seen >= 3:
            break
    return False


def _named(ln: Line, kind_of: Callable[[str], str | None]) -> tuple[str, str | None]:
    """A line's title text (its money unit, label and leader dots aside) and the kind of table
    it names (None: most lines)."""
    if len(ln.c) > 90:
        return "", None
    line = without_unit(ln.s)  # the money unit may stand at its end
    t = title_text(bare(line) if line != ln.s else ln.c)
    return t, kind_of(t)


def _body_title(lines: Sequence[Line], i: int, t: str, kind: str) -> Printed | None:
    """Line ``i``, whose text ``t`` names a table of ``kind``, is that table's title."""
    ln = lines[i]
    line = without_unit(ln.s)
    # a title is one cell of its line (its money unit aside)
    cells = [x for x in _CELLS.split(line.strip()) if x.strip()]
    if len(cells) != 1 and not (len(cells) == 2 and LEAD_CELL.match(cells[0])):
        return None
    if not _looks_like_title(t):
        return None
    if not ENDS_TABLE.search(t) and not _table_follows(lines, i):
        return None
    return Printed(ln.no, kind, t)


def find(
    lines: Sequence[Line], kind_of: Callable[[str], str | None], in_contents: Callable[[int], bool]
) -> tuple[list[Printed], list[Printed]]:
    """The table titles printed in the body (one cell of their line, a title's wording and
    ending, or a table under it) and those listed in the contents (``in_contents``: whether the
    0-based line is one of the contents). ``kind_of``: the kind of table a title's text names."""
    body: list[Printed] = []
    listed: list[Printed] = []
    named: dict[str, tuple[str, str | None]] = {}  # a line's text asked once (a page's headers repeat)
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        if in_contents(i):
            t = title_text(ln.c)
            kind = kind_of(t)
            if kind and not re.search(r"说明|情况$", t):  # a section about a table is no table
                listed.append(Printed(ln.no, kind, t))
            continue
        t_kind = named.get(ln.s)
        if t_kind is None:
            t_kind = named[ln.s] = _named(ln, kind_of)
        t, kind = t_kind
        if kind is not None and (found := _body_title(lines, i, t, kind)) is not None:
            body.append(found)
    return body, listed
