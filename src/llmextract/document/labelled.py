"""Tables named by their label alone: a line that prints only 表3, 公开03表, 预算03表 or 表三,
no title under it, and the table's unit line and header below.

Where the contents (目录) list the label with a title (表3 2026年部门支出总表 …… 5), the bare
label names that table: the contents are what the document says of it. Where no contents
list it, the table is known by what it holds — its header words and row codes
(:func:`by_content`, on the scores the chunker gives each table kind): read as the one kind
they fit clearly better than any other, and left unread, with a finding, where two kinds fit
alike (a 一般公共预算支出表 and a 政府性基金预算支出表 print the same header). A title that
names no known table is weighed the same way (:func:`fitted`), its table then read in doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..core.result import Check
from ..core.schemas import Schemas
from ..core.source import Source
from ..core.text import Text
from .titles import LEADER

UNTITLED = "?label"  # the candidate of a table named by its bare label, its kind not yet known
RULE = "structure:untitled_table"  # the finding on such a table left unread
FOUND_SEP = "|"  # between the kinds it fits, in the finding's ``found``

# a line (compact) that is a label and nothing else: 表3, 附表3, 公开表3, 预算表12, 表三, 表1-2,
# 公开03表, 预算03表
_ALONE = re.compile(
    r"^#*([\u4e00-\u9fff]{0,4}表(?:\d{1,3}|[一二三四五六七八九十]+)(?:[-－]\d+)?|[\u4e00-\u9fff]{0,4}\d{1,2}表)[:：.．、]?$"
)
# a label of digits opening a line of the contents (预算01表, 公开01表, 预算表12: the chunker's
# title reading keeps only 表N, 附件N and 附表N apart from their titles), set off from the
# title by a space or a word (as printed: not compact, where 表1 2026年… runs into 表12026年…)
_DIGIT_LEAD = re.compile(
    r"^#*\s*([\u4e00-\u9fff]{0,4}表\s*\d{1,3}(?:\s*[-－]\s*\d+)?(?!\d)|[\u4e00-\u9fff]{0,4}\d{1,2}表)"
)
# a continuation mark (续表3, 续表三, 表3（续）, 续表): the table before goes on, never a new table
_CONTINUED = re.compile(r"续表|[(（]续[)）]")
_NUMERAL = re.compile(r"[一二三四五六七八九十]+")
_CN = "一二三四五六七八九"
_AMOUNT = re.compile(r"\d(?:\.\d|,\d{3})")
_TABLE_STARTS = re.compile(r"单位[:：]|部门名称[:：]|单位名称[:：]|编制(?:部门|单位)[:：]")
_BELOW = 6  # non-blank lines under a label in which its table starts
MARGIN = 2  # a kind known by content alone scores at least this much above every other


def alone(c: str) -> str | None:
    """The label a compact line prints and nothing else (None: any other line, and a
    continuation mark such as 续表3: the table before it goes on)."""
    if "表" not in c or _CONTINUED.search(c):  # (every label names its 表: most lines name none)
        return None
    m = _ALONE.match(c)
    return m.group(1) if m else None


def _numeral(s: str) -> str:
    """A Chinese numeral of 1 to 99 in digits (十二 → 12)."""
    if "十" not in s:
        return str(_CN.index(s) + 1) if len(s) == 1 else s
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return s
    return str((_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0))


def key(label: str) -> str:
    """A label as compared between the contents and the body: compact, its numerals in digits
    without leading zeros (表三 = 表3, 公开03表 = 公开3表)."""
    c = "".join(label.split()).strip("#:：、.．").replace("－", "-")
    c = _NUMERAL.sub(lambda m: _numeral(m.group(0)), c)
    return re.sub(r"(?<!\d)0+(?=\d)", "", c)


def listed(
    lines: Sequence[str],
    comp: Sequence[str],
    toc: set[int],
    named: Callable[[str], tuple[list[str], str | None]],
) -> dict[str, list[str]]:
    """The table kinds the contents name by label: label key → the candidates of its title
    (``named``: the chunker's reading of a title line, its candidates and its label), on the
    lines of the contents (``toc``) and every line printing leader dots (an entry the contents'
    end left out: its table seemed to follow, the body's first table under it); the label
    may stand alone on the line before its title's. A label listed twice with other titles
    names none."""
    out: dict[str, list[str]] = {}
    clash: set[str] = set()
    alone_before: str | None = None  # a label printed alone on the entry's line before (表1 / 2026年…)
    for i in range(len(comp)):
        if not comp[i] or (i not in toc and not LEADER.search(comp[i])):
            continue
        before, alone_before = alone_before, alone(comp[i]) if i in toc else None
        cands, label = named(LEADER.sub("", lines[i]))
        if not cands or any(c.startswith("?") for c in cands):
            continue
        if label is None and (m := _DIGIT_LEAD.match(lines[i].strip())):
            label = m.group(1)
        label = label or before
        if not label:
            continue
        k = key(label)
        if k in out and out[k] != cands:
            clash.add(k)
        out.setdefault(k, list(cands))
    return {k: v for k, v in out.items() if k not in clash}


def table_below(comp: Sequence[str], i: int, titled: Callable[[str], bool]) -> bool:
    """A table starts under the label on line ``i`` (its unit or department line, or its
    amounts, within a few lines), with no title line between (``titled``: whether a line's
    text names a table)."""
    seen = 0
    for j in range(i + 1, len(comp)):
        c = comp[j]
        if not c:
            continue
        if titled(c):
            return False
        if _TABLE_STARTS.search(c) or _AMOUNT.search(c):
            return True
        seen += 1
        if seen >= _BELOW:
            break
    return False


def trim_contents(
    toc: set[int], comp: Sequence[str], names: Mapping[str, list[str]], titled: Callable[[str], bool]
) -> set[int]:
    """The contents without the body they ran into: a bare label the contents list with a
    title, its table under it (表1 over its table, right after the contents' last entry), and
    every line after it in the same run of the contents."""
    cut: set[int] = set()
    stop = False
    for i in sorted(toc):
        if stop and i - 1 in toc:
            cut.add(i)
            continue
        stop = False
        lab = alone(comp[i])
        if lab is not None and key(lab) in names and table_below(comp, i, titled):
            cut.add(i)
            stop = True
    return toc - cut if cut else toc


def by_content(scores: Mapping[str, int]) -> tuple[str | None, list[str]]:
    """The kind a table known by its content alone is: the kind whose header words and row
    codes score at least 2 and :data:`MARGIN` above every other (None where none does), and
    the kinds that fit alike (best first) where that is why none is chosen."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2:
        return None, []
    best = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if best - second >= MARGIN:
        return ranked[0][0], []
    return None, [tid for tid, v in ranked if v > best - MARGIN]


def _spans(head: str, names: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for n in names:
        at = head.find(n)
        while at >= 0:
            out.append((at, at + len(n)))
            at = head.find(n, at + 1)
    return out


def fitted(
    head: str,
    scores: Mapping[str, int],
    schemas: Schemas,
    family: str | None,
    generic: Callable[[str], bool],
) -> dict[str, int]:
    """The content scores of a table no title names, weighed for choosing its kind by them
    alone: one more for a kind whose row codes are exactly the table's (``family``: 2xx
    function, 3xx economic …), one less for each header word (``head``: the header, compact)
    that another kind's column names and this kind's none (事业收入 over a list of 基本支出
    by economic class: no such table), and :data:`MARGIN` less for a kind of two sides
    (``sides``: 收入 | 支出) whose header does not print both."""
    names = {
        t.id: [n for c in (*t.columns, *t.income_columns) for n in c.names if n and not generic(n)]
        for t in schemas.tables.values()
        if t.id in scores
    }
    found = {tid: _spans(head, ns) for tid, ns in names.items()}
    every = sorted({s for v in found.values() for s in v}, key=lambda s: (s[0], -s[1]))
    words = [s for s in every if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in every)]
    out: dict[str, int] = {}
    for tid, v in scores.items():
        own = found.get(tid, [])
        misses = sum(1 for a, b in words if not any(x < b and a < y for x, y in own))
        t = schemas.table(tid)
        sides = t.raw.get("sides") or ()
        one_sided = MARGIN if sides and not all(w in head for w in sides) else 0
        out[tid] = v - misses - one_sided + (1 if family and t.codes == family else 0)
    return out


def unread_finding(
    label_line: Text, notes: Sequence[str], alike: Sequence[str], src: Source, start: int
) -> Check:
    """The finding on a table named by its bare label that two kinds fit alike, left unread:
    where it stands (its label's line and page) and which kinds it fits (``notes`` in words,
    ``alike`` their ids, the finding's ``found``: the audit does not call them unprinted)."""
    at = label_line.span()[0] if label_line.offs else None
    line = src.line_col(at)[0] if at is not None else start + 1
    page = src.raw.count("\f", 0, at) + 1 if at is not None and "\f" in src.raw else None
    return Check(
        rule=RULE,
        table="",
        row="",
        col="",
        expected="",
        found=FOUND_SEP.join(alike),
        cells=[],
        source="extraction",
        message="；".join(notes),
        category="structure",
        line=line,
        page=page,
    )
