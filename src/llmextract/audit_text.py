"""Text rules: the budget year is the same everywhere, no template leftovers, no doubled
punctuation or words, money units that fit the figures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .auditdoc import MONEY, AuditDoc, dec

if TYPE_CHECKING:
    from .audit import Finding
    from .result import Result

_YEAR = re.compile(r"(20\d\d)年")


def _finding(line: int, **fields: Any) -> Finding:
    from .audit import Finding

    return Finding(line, fields)


def _excerpt(text: str, a: int, b: int, width: int = 14) -> str:
    return text[max(0, a - width) : min(len(text), b + width)].strip()


def title_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    for where, titles in (("表题", doc.titles), ("目录中的表题", doc.toc_titles)):
        for t in titles:
            years = {int(y) for y in _YEAR.findall(t.text)}
            if len(years) == 1 and doc.year not in years:
                yield _finding(t.line, where=where, title=t.text, year=years.pop(), budget_year=doc.year)


def base_year(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if doc.year is None:
        return
    pat = re.compile(rule["pattern"])
    for s in doc.sentences:
        for m in pat.finditer(s.text):
            y = int(m.group("year"))
            if y < doc.year:
                continue
            # 比2026年预算增加 / 与2026年预算持平: a comparison with a year's budget or figures
            tail = s.text[m.end() : m.end() + 16]
            if not re.search(r"预算|执行|决算|增|减|持平|下降|上升|相比|同期", tail):
                continue
            yield _finding(
                s.line_of(m.start()),
                text=_excerpt(s.text, m.start(), m.end() + 8, 10),
                year=y,
                budget_year=doc.year,
            )


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
            yield _finding(at, text=text[:40], budget_year=doc.year)


def line_pattern(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    pats = [re.compile(p) for p in rule["patterns"]]
    for ln in doc.lines:
        raw = ln.raw
        for p in pats:
            m = p.search(raw)
            if m:
                yield _finding(ln.no, text=_excerpt(raw, m.start(), m.end(), 8))
                break


def doubled_word(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    n = int(rule.get("min_chars", 2))
    allow = re.compile(rule["allow"]) if rule.get("allow") else None
    single = rule.get("single", "")
    multi = re.compile(r"([\u4e00-\u9fff]{%d,8})\1" % n)
    one = re.compile(r"([%s])\1" % re.escape(single)) if single else None
    for s in doc.sentences:
        t = s.text
        if len(t) < 12 or not re.search(r"[,。;]", t):
            continue  # prose only: not the one-cell-per-line headers of a table
        for pat in (multi, one):
            if pat is None:
                continue
            for m in pat.finditer(t):
                w = m.group(0)
                if allow and allow.fullmatch(w):
                    continue
                if re.fullmatch(r"(.)\1", w) and pat is multi:
                    continue
                line = s.line_of(m.start())
                if s.line_of(m.end() - 1) != line or not _prose_line(doc, line):
                    continue  # across a line break (cells joined), or in a table
                yield _finding(s.line_of(m.start()), text=_excerpt(t, m.start(), m.end(), 6))


def _prose_line(doc: AuditDoc, line: int) -> bool:
    ln = doc.lines[line - 1]
    return not ln.tabular and len(ln.c) >= 15 and bool(re.search(r"[,。;]", ln.c))


def money_unit(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A table headed 单位：元 whose figures are the prose's 万元 totals (or 单位：万元 whose
    figures are the prose totals × 10 000); a prose 万元 figure equal to a 元 table's total."""
    totals = _prose_totals(doc)
    if not totals:
        return
    for t in doc.titles:
        start, end = doc.table_region(t)
        unit = None
        for ln in doc.lines[start : min(end, start + 6)]:
            m = re.search(r"单位[:：]\s*(万元|千元|元)", ln.s)
            if m:
                unit = m.group(1)
                break
        if unit is None:
            continue
        amounts = doc.amounts(start + 1, end)
        if not amounts:
            continue
        top_line, top = max(amounts, key=lambda a: dec(a[1]) or Decimal(0))
        v = dec(top)
        if v is None:
            continue
        for line, total in totals:
            if unit == "元" and abs(v - total) <= Decimal("0.01") and total >= 100 and "." in top:
                yield _finding(
                    top_line,
                    message=f"表“{t.text}”注明单位：元，但其合计 {top} 与文中的 {total} 万元（第{line}行）相同，金额应为万元",
                )
                break
            if unit == "万元" and total >= 1 and abs(v - total * 10000) <= Decimal("0.5"):
                yield _finding(
                    top_line,
                    message=f"表“{t.text}”注明单位：万元，但其合计 {top} 是文中 {total} 万元（第{line}行）的一万倍，金额应为元",
                )
                break
    # prose 万元 figures that are a 元 table's printed amount
    yuan_amounts: dict[Decimal, int] = {}
    for t in doc.titles:
        start, end = doc.table_region(t)
        if any(re.search(r"单位[:：]\s*元", ln.s) for ln in doc.lines[start : min(end, start + 6)]):
            for line, a in doc.amounts(start + 1, end):
                d = dec(a)
                if d is not None and d >= 100000:
                    yuan_amounts.setdefault(d, line)
    for s in doc.sentences:
        for m in MONEY.finditer(s.text):
            if m.group(2) != "万元":
                continue
            d = dec(m.group(1))
            if d is not None and d in yuan_amounts:
                yield _finding(
                    s.line_of(m.start()),
                    message=f"文中“{m.group(0)}”与第{yuan_amounts[d]}行单位为元的表中金额相同，单位应为元",
                )


def _prose_totals(doc: AuditDoc) -> list[tuple[int, Decimal]]:
    out = []
    for s in doc.sentences:
        for m in re.finditer(r"(?:收入|支出|收支)(?:预算)?(?:总数|总额|合计)?(?:为)?(\d[\d,]*(?:\.\d+)?)万元", s.text):
            d = dec(m.group(1))
            if d is not None and d > 0:
                out.append((s.line_of(m.start()), d))
    return out[:6]
