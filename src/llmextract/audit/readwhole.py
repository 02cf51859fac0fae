"""A finding blames the document only for cells read for sure, in a table read whole.

A pipeline stage run after the checks and the coverage (:mod:`llmextract.checks.coverage`): a
finding that says something is missing from the document — a row (an arithmetic gap, a
parent printed without its children), or a table (empty, repeated, absent) — first looks at
what the table's lines print (from its title to the next title):

- an amount there that the result did not read and that equals what the identity misses,
- the code of the row said to be missing, or of a row under a parent said to be childless,
- for a table said to be empty or repeated, any amount there left unread,
- for a table said to be absent, amounts left unread under a header no title names or under
  that table's own title,

make it an extraction doubt (``source: extraction``) with a note saying what is printed
unread, never the document's error."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..checks import coverage
from ..checks.coverage import Printed
from ..core.coverage import MIN_COVERAGE
from ..core.printed import PrintedKind
from ..core.result import Check, Result, Table
from ..core.source import Source
from ..document.titles import title_text

# the audit's findings that a table is empty, repeated or absent (schemas/audit.yaml ids)
TABLE_REGION_RULES = frozenset({"duplicate_table", "empty_table_unexplained"})
TABLE_ABSENT_RULES = frozenset({"required_table", "toc_table_missing"})
_HIERARCHY = frozenset({"children_sum", "children_missing", "total_sum"})
_SENTENCE = re.compile(r"[，。；]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEAD_CODE = re.compile(r"^\s*(\d{3}(?:\s*\d{2}){0,2})(?![\d.,])")
_SUMS = ("children_sum", "children_missing", "total_sum", "balance:", "blocks_rows_sum")  # a sum of rows


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


@dataclass(frozen=True)
class TableRead:
    """What a table read, as the notes compare the print with it: its rows' and units' keys, its
    rows' names (their Chinese characters), and the lines its values were read on."""

    keys: set[str]
    names: set[str]
    lines: set[int]

    @classmethod
    def of(cls, t: Table) -> TableRead:
        keys = {r.key for r in t.rows} | {u.key for u in t.units}
        names = {"".join(_CJK.findall(r.label)) for r in t.rows if r.label}
        lines = {c.provenance.line for _, r in t.checked_rows() for c in r.values.values()}
        return cls(keys, names, lines)


@dataclass
class Print:
    """What the document prints, line by line, and which of its amounts were not read."""

    lines: list[str]  # the source's lines (line n is lines[n - 1])
    titles: list[int]  # lines that look like a table's title
    unread: list[Printed]  # in print order
    paged: bool  # the text has pages (a PDF, or a text with form feeds)
    lines_read: list[tuple[int, bool]]  # (line, read) of every amount printed on a table page
    # the lines of ``unread`` and ``lines_read`` when in print order (None otherwise): a line's
    # amounts found by bisection, not by a scan of the document's for every finding
    _unread_at: list[int] | None = field(init=False, repr=False, default=None)
    _read_at: list[int] | None = field(init=False, repr=False, default=None)
    _read_upto: list[int] = field(init=False, repr=False, default_factory=list)  # read among the first k
    # what each table read (by id: the tables of the result being settled), found once for all
    # the findings on it
    _tables_read: dict[int, TableRead] = field(init=False, repr=False, default_factory=dict)

    def read_of(self, t: Table) -> TableRead:
        """What table ``t`` read: its rows' keys and names, and the lines of its values."""
        got = self._tables_read.get(id(t))
        if got is None:
            got = self._tables_read[id(t)] = TableRead.of(t)
        return got

    def __post_init__(self) -> None:  # noqa: D105
        at = [x.line for x in self.unread]
        self._unread_at = at if all(a <= b for a, b in itertools.pairwise(at)) else None
        at = [line for line, _ in self.lines_read]
        self._read_at = None
        if all(a <= b for a, b in itertools.pairwise(at)):
            self._read_at = at
            self._read_upto = [0, *itertools.accumulate(int(h) for _, h in self.lines_read)]

    @classmethod
    def of(cls, result: Result, src: Source, counted: coverage.Tally | None = None) -> Print:
        lines = src.raw.split("\n")
        titles = [i for i, ln in enumerate(lines, 1) if _is_title(ln)]
        printed, hit, _ = counted or coverage.tally(result, src)
        # the amounts with decimals or separators only: a whole number the coverage counts (a
        # table of whole amounts) may be a count, a column's number (栏次 1 2 3) or a year,
        # which must not take the blame off the document
        # (a whole amount on a classified row's line, 2010350 事业运行 2361800, is an amount: a
        # count or a column's number prints no classification code before it)
        kept = [
            (x, h)
            for x, h in zip(printed, hit, strict=True)
            if not coverage.is_whole(x.text) or _LEAD_CODE.match(lines[x.line - 1])
        ]
        unread = [x for x, h in kept if not h]
        return cls(lines, titles, unread, "\f" in src.raw, [(x.line, h) for x, h in kept])

    def region_end(self, last: int) -> int:
        """The last line of a table whose rows reach line ``last``: the line before the next
        title (or the end of the text)."""
        k = bisect.bisect_right(self.titles, last)
        return self.titles[k] - 1 if k < len(self.titles) else len(self.lines)

    def unread_in(self, a: int, b: int) -> list[Printed]:
        at = self._unread_at
        if at is None:
            return [x for x in self.unread if a <= x.line <= b]
        return self.unread[bisect.bisect_left(at, a) : bisect.bisect_right(at, b)]

    def read_in(self, a: int, b: int) -> tuple[int, int]:
        """How many of the amounts printed in lines ``a``-``b`` were read, of how many."""
        at = self._read_at
        if at is None:
            inside = [h for line, h in self.lines_read if a <= line <= b]
            return sum(inside), len(inside)
        i, j = bisect.bisect_left(at, a), bisect.bisect_right(at, b)
        return (self._read_upto[j] - self._read_upto[i], j - i) if j > i else (0, 0)

    def text(self, a: int, b: int) -> str:
        return "\n".join(self.lines[a - 1 : b])


def _is_title(line: str) -> bool:
    if "表" not in line:  # every title ends in 表 (coverage.TITLE)
        return False
    s = "".join(line.split()).lstrip("#")
    return bool(
        _CJK.search(s) and len(s) <= 60 and coverage.TITLE.search(s) and not coverage.AMOUNT.search(line)
    )


def _table_region(t: Table, doc: Print) -> tuple[int, int]:
    """Lines of table ``t``: from its title to the line before the next title after its last
    value read (a row lost after the last one read is still inside)."""
    last = max(doc.read_of(t).lines, default=t.line)
    return t.line, doc.region_end(max(last, t.end_line, t.line))


def _code_printed(code: str, text: str, children: bool) -> bool:
    """Whether ``text`` prints row ``code`` (or, with ``children``, a row under it), its code
    in one piece or in 类 款 项 parts (208 09 99)."""
    parts = [code[:3], *(code[i : i + 2] for i in range(3, len(code), 2))]
    spaced = r"\s+".join(parts)
    under = r"(?:\s*\d{2})+" if children else ""
    pat = re.compile(rf"(?<![\d.,])(?:{code}|{spaced}){under}(?![\d.,])")
    return bool(pat.search(text))


def _gap_printed(check: Check, unread: list[Printed]) -> Printed | None:
    """An unread amount equal to what the identity misses."""
    found, expected = _dec(check.found), _dec(check.expected)
    if found is None or expected is None or found == expected:
        return None
    gap = abs(found - expected)
    tol = Decimal("0.01") * max(2, len(check.cells))
    return next((x for x in unread if (v := _dec(x.value)) is not None and abs(abs(v) - gap) <= tol), None)


def _on_a_row(text: str) -> bool:
    """A line naming its row: a code at its start, or words that are no sentence (a note under
    the table: 注：…，…。), not bare amounts printed one per line."""
    return bool(_LEAD_CODE.match(text) or (_CJK.search(text) and not _SENTENCE.search(text)))


def _lost_rows(t: Table, doc: Print, a: int, b: int) -> list[Printed]:
    """Unread amounts among lines ``a``-``b`` standing on a line of no row the table read
    (by its code or its name): a row the reading lost."""
    read = doc.read_of(t)
    keys, names, read_lines = read.keys, read.names, read.lines
    out = []
    for x in doc.unread_in(a, b):
        text = doc.lines[x.line - 1]
        m = _LEAD_CODE.match(text)
        if x.line in read_lines or (m and re.sub(r"\s", "", m.group(1)) in keys) or not _on_a_row(text):
            continue
        if "".join(_CJK.findall(text)) in names:  # a row read, printed again (合计 over a page break)
            continue
        out.append(x)
    return out


MISPLACED = "本行各列的读取可能错位"


def _doubt_row(check: Check, result: Result) -> None:
    """A row identity (total = basic + project) that fails where its row prints an amount the
    reading left out: which column each read amount is, the reading cannot tell — its amounts
    are in doubt."""
    for r in check.cells:
        t = result.table(r.table)
        row = next((x for k, x in t.checked_rows() if k == r.row), None) if t else None
        if row is not None and (c := row.values.get(r.col)) is not None:
            c.status = "doubt"


def _row_note(check: Check, result: Result, doc: Print) -> str:
    """A row identity (total = basic + project) whose row prints an amount not read: its
    columns may be misplaced."""
    lines = set()
    for r in check.cells:
        t = result.table(r.table)
        row = next((x for k, x in t.checked_rows() if k == r.row), None) if t else None
        if row is not None and (c := row.values.get(r.col)) is not None:
            lines.add(c.provenance.line)
    missed = [x for x in doc.unread if x.line in lines]
    if missed:
        return f"；本行印出的 {missed[0].text}（第{missed[0].line}行）未被读取：{MISPLACED}"
    # a row on a page the measure does not count as a table's (a table of one line of amounts)
    for line, text in _unread_on_lines(result, doc, lines):
        return f"；本行印出的 {text}（第{line}行）未被读取：{MISPLACED}"
    return ""


def _unread_on_lines(result: Result, doc: Print, lines: set[int]) -> list[tuple[int, str]]:
    """Amounts printed on ``lines`` that no table read there (any page, table page or not)."""
    read: dict[int, list[str]] = {}
    for t in result.tables:
        for _, r in t.checked_rows():
            for c in r.values.values():
                if c.provenance.line in lines:
                    read.setdefault(c.provenance.line, []).append(c.value)
    out = []
    for line in sorted(lines):
        left = list(read.get(line, []))
        for _, _, text in coverage.amounts_of(doc.lines[line - 1]):
            value = text.replace(",", "").replace(" ", "")
            if value in left:
                left.remove(value)
            else:
                out.append((line, text))
    return out


def _missing_code(check: Check) -> str | None:
    """The row a hierarchy failure says is missing (named by a cell of another table that
    prints it: the failure's extra cell), as a code."""
    if check.rule not in _HIERARCHY:
        return None
    for r in check.cells:
        code = r.row.split(".", 1)[1] if r.row.startswith("out.") else r.row
        if r.table not in (check.table, "narrative") and code.isdigit():
            return code
    return None


def _on_its_rows(check: Check) -> bool:
    """A finding on amounts of given rows (an identity along a row, one table's figure against
    another's): the rows' own lines may print an amount the reading left unread."""
    return check.category == "arithmetic" and (check.rule.startswith("row:") or check.rule == "cross_table")


def _arithmetic_note(check: Check, result: Result, doc: Print) -> str:
    if check.rule.startswith("row:"):
        return _row_note(check, result, doc)
    if check.rule == "cross_table" and (note := _row_note(check, result, doc)):
        return note
    for tid in dict.fromkeys(r.table for r in check.cells if r.table != "narrative"):
        t = result.table(tid)
        if t is None:
            continue
        a, b = _table_region(t, doc)
        name = f"「{t.title or tid}」（第{a}–{b}行）"
        own = tid == check.table
        code = _missing_code(check)
        if own and code and _code_printed(code, doc.text(a, b), children=False):
            return f"；{name}印有 {code} 这一行，但未被读取：是读取遗漏"
        parent = check.row.split("/")[0]
        if own and check.rule == "children_missing" and _code_printed(parent, doc.text(a, b), children=True):
            return f"；{name}印有 {parent} 的下级科目，但未被读取：是读取遗漏"
        where = "第{}页第{}行" if doc.paged else "{}第{}行"
        if (x := _gap_printed(check, doc.unread_in(a, b))) is not None:
            at = where.format(x.page if doc.paged else "", x.line)
            return f"；所差的金额印在{name}{at}（{x.text}），未被读取：是读取遗漏"
        # rows lost from a table the finding reads: its sum may lack them, its figure may be theirs
        if (own or not check.rule.startswith(_SUMS)) and (lost := _lost_rows(t, doc, a, b)):
            x = lost[0]
            at = where.format(x.page if doc.paged else "", x.line)
            return f"；{name}有 {len(lost)} 个金额所在的行未被读取（{at}：{x.text}）：此表未读全"
        # a sum whose parts may stand among the amounts not read on the table's rows
        _, printed = doc.read_in(a, b)
        missed = [x for x in doc.unread_in(a, b) if _on_a_row(doc.lines[x.line - 1])]
        if check.rule.startswith(_SUMS) and missed and len(missed) > (1 - MIN_COVERAGE) * printed:
            x = missed[0]
            at = where.format(x.page if doc.paged else "", x.line)
            n = len(missed)
            return f"；{name}读取不全：各行印出的 {printed} 个金额中有 {n} 个未被读取（{at}：{x.text}）"
    return ""


def _structure_note(
    check: Check, doc: Print, tables: dict[str, Any], printed: Mapping[str, PrintedKind]
) -> str:
    if check.rule in TABLE_REGION_RULES and check.line:
        a, b = check.line, doc.region_end(check.line)
        inside = doc.unread_in(a, b)
        if inside:
            first = inside[0].line
            return f"（提取存疑：此表第{first}行等处有{len(inside)}个金额未被读取，此结论可能源于读取不全）"
    if check.rule in TABLE_ABSENT_RULES:
        kinds = _absent_kinds(check.message, tables, printed)
        pages = sorted({x.page for x in doc.unread if _may_hold(kinds, doc, x)})
        if pages:
            where = "、".join(map(str, pages[:8])) + ("等" if len(pages) > 8 else "")
            return f"（提取存疑：第{where}页的金额未被读取，此表可能在其中）"
    return ""


def _absent_kinds(
    message: str, tables: dict[str, Any], printed: Mapping[str, PrintedKind]
) -> list[tuple[re.Pattern[str], ...]]:
    """The title wordings of the table kinds a finding names (schemas/audit.yaml tables, their
    wordings the spec tables' ``printed_titles``)."""
    return [
        printed[kid].titles
        for kid, k in tables.items()
        if k.get("name") and k["name"] in message and kid in printed
    ]


def _may_hold(kinds: list[tuple[re.Pattern[str], ...]], doc: Print, x: Printed) -> bool:
    """Whether an unread amount may belong to a table a finding says is absent: it stands
    under no title, or under the title of that table."""

    k = bisect.bisect_left(doc.titles, x.line)
    if k == 0:
        return True
    title = title_text("".join(doc.lines[doc.titles[k - 1] - 1].split()))
    return any(p.search(title) for patterns in kinds for p in patterns)


def settle(result: Result, src: Source, counted: coverage.Tally | None = None) -> int:
    """Lay on the reading every finding that the unread print would explain; how many. A
    finding on a row's amounts looks at that row's line even where every table page was read
    whole (a table of one line of amounts is on no table page the measure counts). ``counted``:
    the coverage stage's tally of the same result's tables, where made."""
    on_rows = any(c.source == "document" and _on_its_rows(c) for c in result.checks)
    if result.coverage is not None and result.coverage.read == result.coverage.printed and not on_rows:
        return 0
    doc = Print.of(result, src, counted)
    if not doc.unread and not on_rows:
        return 0
    try:
        tables, printed = result.spec.audit.get("tables", {}), result.spec.printed
    except RuntimeError:  # a result with no schema set attached: no table kinds to tell apart
        tables, printed = {}, {}
    n = 0
    for c in result.checks:
        if c.source != "document":
            continue
        if not doc.unread and not _on_its_rows(c):
            continue
        if c.category == "arithmetic":
            note = _arithmetic_note(c, result, doc)
        elif c.category == "structure":
            note = _structure_note(c, doc, tables, printed)
        else:
            note = ""
        if note:
            c.source, c.message = "extraction", c.message + note
            if c.rule.startswith("row:") and note.endswith(MISPLACED):
                _doubt_row(c, result)  # not a check across tables: that may differ in scope
            n += 1
    return n
