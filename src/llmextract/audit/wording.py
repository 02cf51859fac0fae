"""Text rules: the budget year is the same everywhere, no template leftovers, no doubled
punctuation or words, money units that fit the figures."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..core.firstchars import first_class, lead
from ..core.inline import within_line
from ..core.money import TABLE_UNITS
from .document import MONEY, AuditDoc, Finding, dec, finding, money_h

if TYPE_CHECKING:
    from ..core.result import Result

_YEAR = re.compile(r"(20\d\d)年")
_UNIT_LINE = re.compile(rf"单位[:：]\s*({TABLE_UNITS})")  # compiled once: looked for on every table's lines
_YUAN_LINE = re.compile(r"单位[:：]\s*元")
_WAN_LINE = re.compile(r"单位[:：]\s*万元")


def _excerpt(text: str, a: int, b: int, width: int = 14) -> str:
    """The text around [a, b): from the clause start (at most ``width`` back) to ``width`` on."""
    lo = max(0, a - width)
    cut = max(text.rfind(ch, lo, a) for ch in ",;:。")
    start = cut + 1 if cut >= 0 else lo
    while start < a and text[start].isdigit() and start > lo and text[start - 1] in ".,":
        start += 1
    return text[start : min(len(text), b + width)].strip(",;: ")


def title_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    for where, titles in (("表题", doc.titles), ("目录中的表题", doc.toc_titles)):
        for t in titles:
            years = {int(y) for y in _YEAR.findall(t.text)}
            if len(years) == 1 and doc.year not in years:
                yield finding(t.line, where=where, title=t.text, year=years.pop(), budget_year=doc.year)


def base_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    pat = re.compile(rule["pattern"])
    found = []
    for s in doc.sentences:
        for m in pat.finditer(s.text):
            # 比2026年预算增加 / 与2026年预算持平: a comparison with a year's budget or figures
            tail = s.text[m.end() : m.end() + 16]
            if re.search(r"预算|执行|决算|增|减|持平|下降|上升|相比|同期", tail):
                found.append((int(m.group("year")), s, m))
    prior = doc.year - 1
    usual = any(y == prior for y, _, _ in found)
    for y, s, m in found:
        text = _excerpt(s.text, m.start(), m.end() + 8, 10)
        if y >= doc.year:
            yield finding(s.line_of(m.start()), text=text, year=y, budget_year=doc.year)
        elif y < prior and usual and rule.get("message_older"):
            yield finding(s.line_of(m.start()), text=text, year=y, prior=prior, message_key="message_older")


def period_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    pat = re.compile(rule["pattern"])
    for i, ln in enumerate(doc.lines):
        if not pat.search(ln.c):
            continue
        # the period is on this line after the label, or on the next non-blank line
        text = pat.split(ln.c, 1)[-1].lstrip("0123456789:：、.")
        at = ln.no
        if not _YEAR.search(text):
            nxt = next((x for x in doc.lines[i + 1 : i + 3] if not x.blank), None)
            if nxt is None:
                continue
            text, at = nxt.c, nxt.no
        years = [int(y) for y in _YEAR.findall(text[:40])]
        if years and max(years) < doc.year:
            yield finding(at, text=text[:40], budget_year=doc.year)


def prose_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    pat = re.compile(rule["pattern"])
    titles = {t.line for t in doc.titles} | {t.line for t in doc.toc_titles}
    for s in doc.sentences:
        for m in pat.finditer(s.text):
            y = int(m.group("year"))
            if y == doc.year or s.line_of(m.start()) in titles:
                continue
            # a statement of an amount (2024年收入预算1,000万元), or a heading (2024年部门预算编制说明)
            states = re.match(r"[^,;。]{0,20}?\d[\d,]*(?:\.\d+)?(?:万元|元)", s.text[m.end() :])
            line = doc.lines[s.line_of(m.start()) - 1].c
            heading = len(line) <= 30 and re.search(r"说明$|情况$", line)
            if states or heading:
                yield finding(
                    s.line_of(m.start()),
                    text=_excerpt(s.text, m.start(), m.end(), 6),
                    year=y,
                    budget_year=doc.year,
                )


def repeated_passage(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A run of prose lines printed again word for word (a page's tail repeated)."""
    n = int(rule.get("min_lines", 3))
    prose = [
        ln
        for ln in doc.lines
        if not ln.tabular and len(ln.c) >= 15 and "。" in ln.c and not doc.in_toc(ln.no - 1)
    ]  # sentences, not the repeated labels of a form
    first: dict[str, int] = {}
    i = 0
    while i < len(prose):
        j = first.get(prose[i].c)
        if j is not None:
            k = 0
            while i + k < len(prose) and j + k < i and prose[j + k].c == prose[i + k].c:
                k += 1
            if k >= n:
                yield finding(
                    prose[i].no,
                    start=prose[i].no,
                    end=prose[i + k - 1].no,
                    first=prose[j].no,
                    first_end=prose[j + k - 1].no,
                )
                i += k
                continue
        first.setdefault(prose[i].c, i)
        i += 1


def line_pattern(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    pats, first, starts, inline = _line_patterns(tuple(rule["patterns"]))
    # the lines holding a character a match starts with, found in one search of the text; or,
    # where every pattern's matches stay within a line, the lines they match, found so
    if inline:
        lines = doc.lines_matching([q for q, _ in first])
    else:
        lines = doc.lines if starts is None else doc.lines_holding(starts)
    for ln in lines:
        raw = ln.raw
        if starts is not None and not starts.search(raw):
            continue
        for q, opens in first:  # (a loop, not any() over a generator: asked of most lines)
            if _found(q, opens or starts, raw):
                break
        else:
            continue
        for p in pats:
            m = p.search(raw)
            if m:
                yield finding(ln.no, text=_excerpt(raw, m.start(), m.end(), 8))
                break


Lead = re.Pattern[str] | None


def _found(q: re.Pattern[str], lead: Lead, raw: str) -> bool:
    """Whether ``q`` matches in ``raw``, tried only where a character of ``lead`` stands (the
    characters its match may start with; none: searched for as usual). A pattern of
    alternatives or lookbehinds is otherwise tried at every character of the line."""
    if lead is None:
        return q.search(raw) is not None
    return any(q.match(raw, c.start()) is not None for c in lead.finditer(raw))


@functools.lru_cache(maxsize=64)
def _line_patterns(
    patterns: tuple[str, ...],
) -> tuple[list[re.Pattern[str]], list[tuple[re.Pattern[str], Lead]], Lead, bool]:
    """A rule's patterns compiled; those to search first (the patterns without groups as one: a
    group's number would move), each with the characters its match starts with when it opens
    with a lookbehind (tried at every character of a line, while its first characters are found
    in one scan); the characters any match starts with (no such character on a line: no match,
    one fast search); whether all their matches stay within a line (``core.inline``). Made once
    per rule, not per document (parsing the patterns costs more than searching a document's
    lines)."""
    pats = [re.compile(p) for p in patterns]
    plain = "|".join(f"(?:{p.pattern})" for p in pats if not p.groups)
    first = [p for p in pats if p.groups] + ([re.compile(plain)] if plain else [])
    return pats, [(q, lead(q)) for q in first], first_class(first), all(map(within_line, first))


def doubled_word(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    n = int(rule.get("min_chars", 2))
    allow = re.compile(rule["allow"]) if rule.get("allow") else None
    single = rule.get("single", "")
    multi = re.compile(rf"([\u4e00-\u9fff]{{{n},8}})\1")
    one = re.compile(rf"([{re.escape(single)}])\1") if single else None
    for ln in doc.lines:
        if not _prose_line(doc, ln.no):
            continue  # prose only: not a table's cells, nor a one-cell-per-line header
        t = ln.compact  # quotes and brackets kept: “行政运行”行政运行 is no doubling
        for pat in (multi, one):
            if pat is None:
                continue
            for m in pat.finditer(t):
                w = m.group(0)
                if allow and allow.fullmatch(w):
                    continue
                if re.fullmatch(r"(.)\1", w) and pat is multi:
                    continue
                yield finding(ln.no, text=_excerpt(t, m.start(), m.end(), 6))


def _prose_line(doc: AuditDoc, line: int) -> bool:
    ln = doc.lines[line - 1]
    return not ln.tabular and len(ln.c) >= 15 and bool(_CLAUSE_MARK.search(ln.c))


_CLAUSE_MARK = re.compile(r"[,。;]")


def money_unit(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A table headed 单位：元 whose figures are the prose's 万元 totals (or 单位：万元 whose
    figures are the prose totals × 10 000); a prose 万元 figure equal to a 元 table's total."""
    msgs = rule["messages"]
    totals = _prose_totals(doc, result)
    yuan_amounts = _yuan_amounts(doc)
    flagged: set[int] = set()
    units = _table_units(doc)
    for t, unit, top_line, top, v in units:
        for line, total, h in totals:
            if total in yuan_amounts:
                continue  # the prose figure is the one in 元 (below)
            if unit == "元" and abs(v - total) <= h and total >= 100 and "." in top:
                flagged.add(top_line)
                yield finding(
                    top_line,
                    message=msgs["table_says_yuan"].format(title=t.text, top=top, total=total, at=line),
                )
                break
            if unit == "万元" and total >= 1 and abs(v - total * 10000) <= h * 10000:
                flagged.add(top_line)
                yield finding(
                    top_line,
                    message=msgs["table_says_wanyuan"].format(title=t.text, top=top, total=total, at=line),
                )
                break
    # the budget's total tables against each other: the same total under another unit
    whole = [u for u in units if u[0].kind in rule.get("tables", [])]
    counts = {unit: sum(1 for u in whole if u[1] == unit) for unit in {u[1] for u in whole}}
    for t, unit, top_line, top, v in whole:
        if top_line in flagged or counts[unit] * 2 >= len(whole):
            continue  # only a table in the minority is suspect
        for t2, unit2, line2, _, v2 in whole:
            if unit2 != unit and counts[unit2] * 2 > len(whole) and v == v2 and v >= 100:
                text = msgs["table_vs_table"].format(
                    title=t.text, unit=unit, top=top, other=t2.text, unit2=unit2, at=line2
                )
                yield finding(top_line, message=text)
                break
    # prose 万元 figures that are ten thousand times a 万元 table's total
    wan_totals: dict[Decimal, int] = {}
    for t in doc.titles:
        start, end = doc.table_region(t)
        if any(_WAN_LINE.search(ln.s) for ln in doc.lines[start : min(end, start + 6)]):
            value = doc.value  # dec() of each amount, made once per document
            amounts = [(value(a), line) for line, a in doc.amounts(start + 1, end) if "." in a]
            sure = [(d, line) for d, line in amounts if d is not None and d >= 1]
            if sure:
                top_d, top_line = max(sure)
                wan_totals.setdefault(top_d, top_line)
    said_all = [(s, m, dec(m.group(1))) for s in doc.sentences for m in MONEY.finditer(s.text)]  # once
    for s, m, said in said_all:
        if m.group(2) != "万元" or said is None or said < 100000:
            continue
        for wan_top, line in wan_totals.items():
            if abs(said - wan_top * 10000) <= Decimal("0.005") * 10000 and said != wan_top:
                text = msgs["prose_is_yuan"].format(figure=m.group(0), at=line, top=wan_top)
                yield finding(s.line_of(m.start()), message=text)
                break
    # prose figures printing a table's digits in another unit: the arithmetic's check of the
    # figure against its table names the unit (one cause, one finding), else these do
    reported = _reported(result)
    said_all = [x for x in said_all if (x[0].line_of(x[1].start()), x[1].group(1)) not in reported]
    # prose 元 figures that are a 万元 table's total (收入支出总计307.82元 beside a 307.82 万元 table)
    for s, m, said in said_all:
        if m.group(2) != "元" or said is None or said < 1 or "." not in m.group(1):
            continue
        if (at := wan_totals.get(said)) is not None and "prose_says_yuan" in msgs:
            text = msgs["prose_says_yuan"].format(figure=m.group(0), at=at, top=said)
            yield finding(s.line_of(m.start()), message=text)
    # prose 万元 figures that are a 元 table's printed amount
    for s, m, d in said_all:
        if m.group(2) != "万元":
            continue
        if d is not None and d in yuan_amounts:
            text = msgs["prose_says_wanyuan"].format(figure=m.group(0), at=yuan_amounts[d])
            yield finding(s.line_of(m.start()), message=text)


def _reported(result: Result) -> set[tuple[int, str]]:
    """(line, figure as printed) of the prose figures a failed check compares with a table."""
    checks = [c for c in result.checks if c.rule == "narrative_vs_table"]
    failed = {x.row for c in checks for x in c.cells if x.table == "narrative"}
    return {(f.provenance.line, f.provenance.text) for f in result.narrative if f.id in failed}


def _table_units(doc: AuditDoc) -> list[tuple[Any, str, int, str, Decimal]]:
    """(title, unit, line of the unit, text, value of the largest amount) of every table that
    states its unit."""
    out = []
    for t in doc.titles:
        start, end = doc.table_region(t)
        unit, unit_line = None, 0
        for ln in doc.lines[start : min(end, start + 6)]:
            m = _UNIT_LINE.search(ln.s)
            if m:
                unit, unit_line = m.group(1), ln.no
                break
        amounts = doc.amounts(start + 1, end) if unit else []
        if not amounts:
            continue
        value = doc.value
        top = max(amounts, key=lambda a: value(a[1]) or Decimal(0))[1]
        v = value(top)
        if v is not None and unit is not None:
            out.append((t, unit, unit_line, top, v))  # a finding points at the unit it questions
    return out


def _yuan_amounts(doc: AuditDoc) -> dict[Decimal, int]:
    """Amounts of 100 000 or more printed in tables headed 单位：元: amount → line."""
    out: dict[Decimal, int] = {}
    for t in doc.titles:
        start, end = doc.table_region(t)
        if any(_YUAN_LINE.search(ln.s) for ln in doc.lines[start : min(end, start + 6)]):
            for line, a in doc.amounts(start + 1, end):
                d = doc.value(a)  # dec(a), made once per document
                if d is not None and d >= 100000:
                    out.setdefault(d, line)
    return out


_TOTAL_SAID = re.compile(r"(?:收入|支出|收支)(?:预算)?(?:总数|总额|合计)?(?:为)?(\d[\d,]*(?:\.\d+)?)万元")


def _prose_totals(doc: AuditDoc, result: Result) -> list[tuple[int, Decimal, Decimal]]:
    """The budget's totals the prose states in 万元: (line, amount, half a printed unit)."""
    out = []
    for f in result.narrative:
        if f.id in ("income_total", "expense_total") and f.unit in ("", "万元"):
            d = dec(f.value)
            if d is not None and d > 0:
                out.append((f.provenance.line, d, money_h(f.value)))
    for s in doc.sentences:
        for m in _TOTAL_SAID.finditer(s.text):
            d = dec(m.group(1))
            if d is not None and d > 0:
                out.append((s.line_of(m.start()), d, money_h(m.group(1))))
    return out[:8]
