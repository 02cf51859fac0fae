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
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..checks import coverage
from ..checks.coverage import Printed
from ..core.result import Check, Result, Table
from ..core.source import Source

# the audit's findings that a table is empty, repeated or absent (schemas/audit.yaml ids)
TABLE_REGION_RULES = frozenset({"duplicate_table", "empty_table_unexplained"})
TABLE_ABSENT_RULES = frozenset({"required_table", "toc_table_missing"})
_MISSING_ROW = re.compile(r"row (\d{3,7}) .*seems missing here")
_CHILDLESS = re.compile(r"printed without any of its child rows")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


@dataclass
class Print:
    """What the document prints, line by line, and which of its amounts were not read."""

    lines: list[str]  # the source's lines (line n is lines[n - 1])
    titles: list[int]  # lines that look like a table's title
    unread: list[Printed]  # in print order
    paged: bool  # the text has pages (a PDF, or a text with form feeds)

    @classmethod
    def of(cls, result: Result, src: Source) -> Print:
        lines = src.raw.split("\n")
        titles = [i for i, ln in enumerate(lines, 1) if _is_title(ln)]
        unread = [x for xs in coverage.unread_by_page(result, src).values() for x in xs]
        return cls(lines, titles, sorted(unread, key=lambda x: x.start), "\f" in src.raw)

    def region_end(self, last: int) -> int:
        """The last line of a table whose rows reach line ``last``: the line before the next
        title (or the end of the text)."""
        k = bisect.bisect_right(self.titles, last)
        return self.titles[k] - 1 if k < len(self.titles) else len(self.lines)

    def unread_in(self, a: int, b: int) -> list[Printed]:
        return [x for x in self.unread if a <= x.line <= b]

    def text(self, a: int, b: int) -> str:
        return "\n".join(self.lines[a - 1 : b])


def _is_title(line: str) -> bool:
    s = "".join(line.split()).lstrip("#")
    return bool(
        _CJK.search(s) and len(s) <= 60 and coverage.TITLE.search(s) and not coverage.AMOUNT.search(line)
    )


def _table_region(t: Table, doc: Print) -> tuple[int, int]:
    """Lines of table ``t``: from its title to the line before the next title after its last
    value read (a row lost after the last one read is still inside)."""
    last = max((c.provenance.line for _, r in t.checked_rows() for c in r.values.values()), default=t.line)
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


def _arithmetic_note(check: Check, result: Result, doc: Print) -> str:
    for tid in dict.fromkeys(r.table for r in check.cells if r.table != "narrative"):
        t = result.table(tid)
        if t is None:
            continue
        a, b = _table_region(t, doc)
        m = _MISSING_ROW.search(check.message)
        if m and tid == check.table and _code_printed(m.group(1), doc.text(a, b), children=False):
            return (
                f"; row {m.group(1)} is printed in {tid} (lines {a}-{b}) but was not read: "
                "the reading misses it"
            )
        code = check.row.split("/")[0]
        if (
            _CHILDLESS.search(check.message)
            and tid == check.table
            and _code_printed(code, doc.text(a, b), children=True)
        ):
            return (
                f"; rows under {code} are printed in {tid} (lines {a}-{b}) but were not read: "
                "the reading misses them"
            )
        if (x := _gap_printed(check, doc.unread_in(a, b))) is not None:
            gap = abs(_dec(check.found) - _dec(check.expected))  # type: ignore[operator]
            page = f"page {x.page}, " if doc.paged else ""
            return (
                f"; the {gap} missing is printed in {tid} ({page}line {x.line}: {x.text}) and was not read: "
                "the reading misses it"
            )
    return ""


def _structure_note(check: Check, doc: Print, rules: dict[str, Any]) -> str:
    if check.rule in TABLE_REGION_RULES and check.line:
        a, b = check.line, doc.region_end(check.line)
        inside = doc.unread_in(a, b)
        if inside:
            first = inside[0].line
            return f"（提取存疑：此表第{first}行等处有{len(inside)}个金额未被读取，此结论可能源于读取不全）"
    if check.rule in TABLE_ABSENT_RULES:
        pages = sorted({x.page for x in doc.unread if _may_hold(check.message, doc, x, rules)})
        if pages:
            where = "、".join(map(str, pages[:8])) + ("等" if len(pages) > 8 else "")
            return f"（提取存疑：第{where}页的金额未被读取，此表可能在其中）"
    return ""


def _may_hold(message: str, doc: Print, x: Printed, rules: dict[str, Any]) -> bool:
    """Whether an unread amount may belong to the table a finding says is absent: it stands
    under no title, or under the title of that table (as schemas/audit.yaml names table
    kinds)."""
    from .document import AuditDoc

    k = bisect.bisect_left(doc.titles, x.line)
    if k == 0:
        return True
    title = AuditDoc.title_text("".join(doc.lines[doc.titles[k - 1] - 1].split()))
    for kind in rules["tables"].values():
        if kind["name"] in message and any(re.search(p, title) for p in kind.get("patterns", [])):
            return True
    return False


def settle(result: Result, src: Source) -> int:
    """Lay on the reading every finding that the unread print would explain; how many."""
    if result.coverage is not None and result.coverage.read == result.coverage.printed:
        return 0
    doc = Print.of(result, src)
    if not doc.unread:
        return 0
    n = 0
    for c in result.checks:
        if c.source != "document":
            continue
        if c.category == "arithmetic":
            note = _arithmetic_note(c, result, doc)
        elif c.category == "structure":
            note = _structure_note(c, doc, result.spec.audit)
        else:
            note = ""
        if note:
            c.source, c.message = "extraction", c.message + note
            n += 1
    return n
