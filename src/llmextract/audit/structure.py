"""Structure rules: the required tables are printed, once, as the contents (目录) list them,
and an empty table says why it is empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document.labelled import FOUND_SEP as UNTITLED_SEP
from ..document.labelled import RULE as UNTITLED_RULE
from .document import MONEY, AuditDoc, Finding, Title, dec, finding

if TYPE_CHECKING:
    from ..core.result import Result


def _name(doc: AuditDoc, kind: str) -> str:
    """The table kind's name in the document's own words (a 决算 names its 决算 tables)."""
    spec = doc.config["tables"][kind]
    return (spec.get("names") or {}).get(doc.kind, spec["name"])


def _first_line(doc: AuditDoc) -> int:
    for ln in doc.lines:
        if not ln.blank:
            return ln.no
    return 1


@dataclass
class FundStatements:
    """What the prose says about a fund."""

    positive: list[tuple[int, str]] = field(default_factory=list)  # (line, amount) stated for it
    none: list[int] = field(default_factory=list)  # lines saying it has none (无/没有/未安排)
    zero: list[int] = field(default_factory=list)  # lines stating 0 万元 for it
    zero_subject: list[int] = field(default_factory=list)  # …where it is the sentence's subject

    @property
    def empty(self) -> bool:
        return bool(self.none or self.zero) and not self.positive

    @property
    def explains_empty_table(self) -> bool:
        """The prose explains an empty table: it says the fund has none, or states its 0 in a
        sentence about it (…2023年政府性基金预算支出0万元), not as one item of a list."""
        return bool(self.none or self.zero_subject) and not self.positive


def fund_statements(doc: AuditDoc, fund: str) -> FundStatements:
    """What the prose says of ``fund`` (read once per document and fund)."""
    cache: dict[str, FundStatements] = doc.memos.setdefault("fund_statements", {})
    if fund not in cache:
        cache[fund] = _fund_statements(doc, fund)
    return cache[fund]


_CLAUSE_END = re.compile(r"[,;，；。]|$")
_NONE_SAID = re.compile(r"无|没有|未(?:安排|使用|编列)|不涉及")


def _fund_statements(doc: AuditDoc, fund: str) -> FundStatements:
    words = doc.config["funds"][fund]["words"]
    out = FundStatements()
    positive, empty = out.positive, out.none
    named = re.compile(words)
    for s in doc.sentences:
        t = s.text
        for m in named.finditer(t):
            clause_end = _CLAUSE_END.search(t[m.end() :])
            clause = t[m.start() : m.end() + (clause_end.start() if clause_end else 0)]
            before = t[max(0, m.start() - 12) : m.start()]
            if _NONE_SAID.search(before + clause):
                empty.append(s.line_of(m.start()))
                continue
            mm = MONEY.search(clause)
            if mm is None:
                continue
            v = dec(mm.group(1))
            if v is None:
                continue
            if v == 0:
                out.zero.append(s.line_of(m.start()))
                first = MONEY.search(t)
                if first is not None and first.start() == m.start() + mm.start():
                    out.zero_subject.append(s.line_of(m.start()))
            elif not re.search(r"增加|减少|增长|下降|较|比", clause[: mm.start()]):
                positive.append((s.line_of(m.start()), mm.group(0)))
    return out


def _table_lines_amount(doc: AuditDoc, words: str) -> tuple[int, str] | None:
    """A positive amount on a summary-table line naming the fund (国有资本经营预算支出 130.00)."""
    for ln in doc.lines:
        if not ln.tabular or doc.in_toc(ln.no - 1) or not re.search(words, ln.c):
            continue
        cells = [x.strip() for x in re.split(r"\t| {2,}", ln.s.strip()) if x.strip()]
        for i, cell in enumerate(cells):
            if re.search(words, compact_cell(cell)):
                for nxt in cells[i + 1 : i + 2]:
                    v = dec(nxt)
                    if v is not None and v > 0 and re.fullmatch(r"[\d,]+\.\d+", nxt):
                        return ln.no, nxt
    return None


def compact_cell(s: str) -> str:
    return "".join(s.split())  # = re.sub(r"\s+", "", s), without the regex


def present_kinds(doc: AuditDoc, result: Result) -> set[str]:
    """The table kinds printed: by their title lines, or found by the table reader, or (a table
    under a bare label that several kinds fit, left unread and said so) perhaps printed."""
    read = {t.id for t in result.tables if any(r.values for r in t.rows)}  # not a contents line
    read |= {k for c in result.checks if c.rule == UNTITLED_RULE for k in c.found.split(UNTITLED_SEP)}
    kinds = {t.kind for t in doc.titles}
    kinds |= {k for k, v in doc.config["tables"].items() if read & set(v.get("read_as", []))}
    return kinds


def required_tables(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    required = rule["tables"]
    present = present_kinds(doc, result)
    if sum(1 for k in required if k in present) < rule.get("min_present", 4):
        return
    for kind in required:
        if kind in present:
            continue
        fund = doc.config["tables"][kind].get("fund")
        why = ""
        if fund:
            said = fund_statements(doc, fund)
            if said.empty:
                continue  # the document says it has none of this fund: legitimately no table
            amount = (
                said.positive[0]
                if said.positive
                else _table_lines_amount(doc, doc.config["funds"][fund]["words"])
            )
            if amount:
                why = f"（第{amount[0]}行列有{doc.config['funds'][fund]['name']} {amount[1]}）"
            else:
                why = f"，文中也未说明本部门无{doc.config['funds'][fund]['name']}"
        yield finding(_first_line(doc), name=_name(doc, kind), why=why)


def _groups(doc: AuditDoc) -> list[list[Title]]:
    """Title lines grouped into tables: a title repeated on the next page (nothing of another
    kind between) is the same table."""
    groups: list[list[Title]] = []
    for t in doc.titles:
        if groups and groups[-1][-1].kind == t.kind:
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def duplicate_tables(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    first: dict[tuple[str, bool], int] = {}
    for g in _groups(doc):
        for variant in sorted({t.variant for t in g}):
            key = (g[0].kind, variant)
            line = next(t.line for t in g if t.variant == variant)
            if key in first:
                yield finding(line, name=_name(doc, g[0].kind), first=first[key], at=line)
            else:
                first[key] = line


def toc_vs_body(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if not doc.toc_titles:
        return
    present = present_kinds(doc, result)
    if not present & {t.kind for t in doc.toc_titles}:
        return  # none of the tables listed is printed: a part of a disclosure published apart
    for t in doc.toc_titles:
        if t.kind not in present:
            yield finding(t.line, name=_name(doc, t.kind), toc=t.line)


def body_vs_toc(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    listed = {t.kind for t in doc.toc_titles}
    if len(listed) < 3:  # no contents, or one that does not list the tables
        return
    for g in _groups(doc):
        if g[0].kind not in listed:
            yield finding(g[0].line, name=_name(doc, g[0].kind), at=g[0].line)


# a number standing as a cell of its own (35, 1,200, 8.5): not glued to a word, not a page's
_NUMBER_CELL = re.compile(r"(?:^|\s)-?\d[\d,]*(?:\.\d+)?(?=\s|$)(?!\s*[页頁])")
_AFTER_WORD = re.compile(r"[\u4e00-\u9fff）)]\s+-?\d")
# a line ending in a number right after its word (合计35, 合计 35万元), or a number alone on a line
_WORD_THEN_NUMBER = re.compile(r"[\u4e00-\u9fff）)]\s*-?\d[\d,]*(?:\.\d+)?\s*(?:万元|千元|元)?\s*$")
_ALONE = re.compile(r"^\s*-?\d[\d,]*(?:\.\d+)?\s*$")


def _is_empty(doc: AuditDoc, start: int, end: int) -> bool:
    """No amount, no code row and no number standing as a cell: a table printed empty. Whole
    numbers count (a 三公 table in whole 万元: 35 10 12 8 5, or 因公出国（境）费  10), so that a
    table the reading left unread is never called empty by the document's fault."""
    if doc.amounts(start + 1, end) or doc.code_rows(start + 1, end):
        return False
    alone = 0
    for ln in doc.lines[start + 1 : end]:
        cells = _NUMBER_CELL.findall(ln.s)
        if len(cells) >= 2 or (cells and _AFTER_WORD.search(ln.s)) or _WORD_THEN_NUMBER.search(ln.s):
            return False
        alone += bool(_ALONE.match(ln.s))
    return alone < 2  # (one number alone on its line may be a page's)


def _read_in(result: Result, start: int, end: int) -> bool:
    """Whether the reading read an amount other than nil (0, a dash) on the region's lines
    (0-based ``start``, ``end``: its body is lines start + 2 … end, 1-based): a table read from
    is not empty, whatever it prints."""
    return any(
        start + 2 <= c.provenance.line <= end and c.number
        for t in result.tables
        for _, r in t.checked_rows()
        for c in r.values.values()
    )


def _explained(doc: AuditDoc, start: int, end: int) -> bool:
    pat = re.compile(doc.config["explanation"])
    return any(pat.search(ln.c) for ln in doc.lines[start + 1 : min(len(doc.lines), end + 3)])


def empty_tables(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    kinds = set(rule.get("tables", []))
    for g in _groups(doc):
        kind = g[0].kind
        if kind not in kinds:
            continue
        start, end = doc.table_region(g[0])
        end = max(end, doc.table_region(g[-1])[1])
        if not _is_empty(doc, start, end) or _read_in(result, start, end) or _explained(doc, start, end):
            continue
        fund = doc.config["tables"][kind].get("fund") or (kind if kind in doc.config["funds"] else None)
        if fund and fund_statements(doc, fund).explains_empty_table:
            continue
        yield finding(g[0].line, name=_name(doc, kind))


def says_empty_with_values(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    pat = re.compile(doc.config["says_empty"])
    for g in _groups(doc):
        start, end = doc.table_region(g[0])
        end = max(end, doc.table_region(g[-1])[1])
        notes = [ln for ln in doc.lines[start + 1 : end] if pat.search(ln.c) and not ln.tabular]
        if not notes:
            continue
        amounts = doc.amounts(start + 1, notes[0].no - 1)  # printed above the note, in this table
        if amounts:
            yield finding(
                notes[0].no, name=_name(doc, g[0].kind), value=f"{amounts[0][1]}（第{amounts[0][0]}行）"
            )
