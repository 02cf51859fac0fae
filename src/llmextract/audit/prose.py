"""Prose rules: what a sentence says (增加/减少/持平, percentages, shares, 大于/小于) against
the figures the sentence itself gives.

Figures are compared at their printed precision: an amount is kept to the cent of its unit
(``57.8`` stands for 57.795–57.805), and a percentage printed ``17.62%`` holds when the exact
ratio of some such figures rounds to it. A rule that cannot tell which figures a sentence
compares says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .document import MONEY, AuditDoc, Finding, Sentence, dec, half_unit, money_h
from .figures import DIR, UP, current_and_prior, derived_prior, excerpt, figures, fmt_pct, places

if TYPE_CHECKING:
    from ..core.result import Result

_PCT_CHANGE = re.compile(rf"(?P<dir>{DIR}|增幅|降幅)了?(?:幅度|率)?(?:为|达)?(?P<p>\d+(?:\.\d+)?)%")
_AMT_CHANGE = re.compile(rf"(?P<dir>{DIR})了?(?:为)?(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|千元|元)")
_FLAT = re.compile(r"(?:与|比|较)[^,;。]{0,14}?持平")
_SHARE = re.compile(
    r"(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|千元|元)[,、]?(?:占|占比|所占比例)(?:比|比例)?(?:为)?(?P<p>\d+(?:\.\d+)?)%"
)


def _reported_lines(result: Result) -> list[int]:
    """The lines of the narrative facts the arithmetic checks already report (found once per
    document: every sentence asks)."""
    failed = {c.row for c in result.checks if c.table == "narrative"} | {
        x.row for c in result.checks for x in c.cells if x.table == "narrative"
    }
    return [f.provenance.line for f in result.narrative if f.id in failed] if failed else []


def _changes(t: str) -> list[re.Match[str]]:
    """A sentence's changes stated as an amount (:data:`_AMT_CHANGE`: its unit names 元), then
    those stated as none (:data:`_FLAT`: 持平); a sentence without these words is not searched."""
    amounts = list(_AMT_CHANGE.finditer(t)) if "元" in t else []
    return (amounts + list(_FLAT.finditer(t))) if "持平" in t else amounts


def _covered(s: Sentence, reported: list[int]) -> bool:
    """The arithmetic checks already report a narrative fact stated in this sentence
    (``reported``: :func:`_reported_lines`)."""
    if not reported:
        return False
    lines = {s.line_of(0), s.line_of(len(s.text) - 1)}
    lo, hi = min(lines), max(lines)
    return any(lo <= line <= hi for line in reported)


def change_percent(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    for s in doc.sentences:
        t = s.text
        for m in _PCT_CHANGE.finditer(t):
            figs = figures(t[: m.start()], doc.year)
            pair = current_and_prior(figs) or derived_prior(t, figs, m.start())
            if pair is None:
                continue
            cur, prior = pair
            p_lo, p_hi = prior.value - prior.h, prior.value + prior.h
            if p_lo <= 0:
                continue
            lo = ((cur.value - cur.h) / p_hi - 1) * 100
            hi = ((cur.value + cur.h) / p_lo - 1) * 100
            p = dec(m.group("p"))
            if p is None:
                continue
            printed = p if m.group("dir") in UP else -p
            h = half_unit(m.group("p"))
            if lo - h <= printed <= hi + h:
                continue
            actual = (cur.value / prior.value - 1) * 100
            digits = places(m.group("p"))
            yield Finding(
                s.line_of(m.start()),
                dict(
                    text=excerpt(t, min(cur.start, prior.start), m.end()),
                    cur=f"{cur.text}{cur.unit}",
                    prior=f"{prior.text}{prior.unit}",
                    actual=fmt_pct(actual, digits),
                    printed=f"{m.group('dir')}{m.group('p')}%",
                ),
                expected=str(actual.quantize(Decimal(1).scaleb(-digits))),
                found=str(printed),
            )


def change_amount(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    reported = _reported_lines(result)
    for s in doc.sentences:
        t = s.text
        if _covered(s, reported):
            continue
        for m in _changes(t):
            flat = not m.groupdict().get("v")
            pair = current_and_prior(figures(t[: m.end() if flat else m.start()], doc.year))
            if pair is None:
                continue
            cur, prior = pair
            diff = cur.value - prior.value
            tol = cur.h + prior.h
            if not flat:
                if m.group("u") != cur.unit:
                    continue
                v = dec(m.group("v"))
                if v is None:
                    continue
                printed = v if m.group("dir") in UP else -v
                h = money_h(m.group("v"))
                shown = f"{m.group('dir')}{m.group('v')}{m.group('u')}"
            else:
                printed, h, shown = Decimal(0), Decimal(0), "持平"
            if abs(diff - printed) <= tol + h:
                continue
            word = "增加" if diff >= 0 else "减少"
            yield Finding(
                s.line_of(m.start()),
                dict(
                    text=excerpt(t, min(cur.start, prior.start), m.end()),
                    cur=f"{cur.text}{cur.unit}",
                    prior=f"{prior.text}{prior.unit}",
                    actual=f"{word}{abs(diff)}{cur.unit}" if diff else "持平",
                    printed=shown,
                ),
                expected=str(diff),
                found=str(printed),
            )


_REL = {
    "大于": lambda a, b, t: a - b > -t,
    "多于": lambda a, b, t: a - b > -t,
    "高于": lambda a, b, t: a - b > -t,
    "超过": lambda a, b, t: a - b > -t,
    "小于": lambda a, b, t: b - a > -t,
    "少于": lambda a, b, t: b - a > -t,
    "低于": lambda a, b, t: b - a > -t,
    "等于": lambda a, b, t: abs(a - b) <= t,
    "相当于": lambda a, b, t: abs(a - b) <= t,
}


def comparison(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """X万元大于/小于/等于Y万元, stated between two figures of the same unit."""
    pat = re.compile(rule["pattern"])
    for s in doc.sentences:
        for m in pat.finditer(s.text):
            if m.group("ua") != m.group("ub"):
                continue
            a, b = dec(m.group("a")), dec(m.group("b"))
            if a is None or b is None:
                continue
            tol = money_h(m.group("a")) + money_h(m.group("b"))
            if _REL[m.group("rel")](a, b, tol):
                continue
            yield Finding(
                s.line_of(m.start()),
                dict(
                    text=excerpt(s.text, m.start(), m.end()),
                    a=m.group("a") + m.group("ua"),
                    b=m.group("b") + m.group("ub"),
                    rel=m.group("rel"),
                ),
                m.group("b"),
                m.group("a"),
            )


def share_percent(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    for s in doc.sentences:
        t = s.text
        items = list(_SHARE.finditer(t)) if "%" in t else []  # (a share is printed with its %)
        if not items:
            continue
        groups: dict[int, list[re.Match[str]]] = {}
        for m in items:
            marks = [x.end() for x in re.finditer(r"其中|包括", t[: m.start()])]
            groups.setdefault(marks[-1] if marks else -1, []).append(m)
        for mark, ms in groups.items():
            total = _total_before(t, mark) if mark >= 0 else None
            if total is not None:
                tv, th, ttext = total
            else:
                pcts = sum((dec(m.group("p")) or Decimal(0) for m in ms), Decimal(0))
                slack = sum((half_unit(m.group("p")) for m in ms), Decimal(0)) + Decimal("0.5")
                if len(ms) < 2 or abs(pcts - 100) > slack or len({m.group("u") for m in ms}) > 1:
                    continue  # the items are not the whole: no denominator
                tv = sum((dec(m.group("v")) or Decimal(0) for m in ms), Decimal(0))
                th = sum((money_h(m.group("v")) for m in ms), Decimal(0))
                ttext = f"合计{tv}{ms[0].group('u')}"
            if tv - th <= 0:
                continue
            for m in ms:
                v, p = dec(m.group("v")), dec(m.group("p"))
                if v is None or p is None:
                    continue
                hv, hp = money_h(m.group("v")), half_unit(m.group("p"))
                lo = max(v - hv, Decimal(0)) / (tv + th) * 100
                hi = (v + hv) / (tv - th) * 100
                if lo - hp <= p <= hi + hp:
                    continue
                actual = (v / tv * 100).quantize(Decimal(1).scaleb(-places(m.group("p"))))
                a = max(
                    0, t.rfind(",", 0, m.start()), t.rfind(";", 0, m.start()), t.rfind("、", 0, m.start() - 1)
                )
                yield Finding(
                    s.line_of(m.start()),
                    dict(
                        text=excerpt(t, a, m.end()),
                        value=f"{m.group('v')}{m.group('u')}",
                        total=ttext,
                        actual=f"{actual}%",
                        printed=f"{m.group('p')}%",
                    ),
                    expected=str(actual),
                    found=m.group("p"),
                )


def _total_before(t: str, mark: int) -> tuple[Decimal, Decimal, str] | None:
    """The figure a list of parts (其中/包括) belongs to: the one printed right before it."""
    head = t[: mark - 2]
    ms = list(MONEY.finditer(head))
    if not ms:
        return None
    m = ms[-1]
    if len(head) - m.end() > 2:
        return None
    v = dec(m.group(1))
    if v is None:
        return None
    return v, money_h(m.group(1)), f"{m.group(1)}{m.group(2)}"
