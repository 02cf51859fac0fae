"""Prose rules on a figure against its plan, as a 决算 states them: 年初预算为 A 万元，支出决算为
B 万元，完成年初预算的 P%。决算数小于预算数的主要原因… — the stated direction (大于 / 小于 /
等于 / 持平) against the two figures, and the percentage against their ratio. And the year a
statement names (截至 20XX 年 12 月 31 日, 20XX 年度部门决算) against the document's year.

The wordings are data (``schemas/audit.yaml``: ``figures``, ``statement``, ``percent``,
``patterns``); figures are compared at their printed precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .document import AuditDoc, Finding, dec, half_unit, money_h
from .figures import places

if TYPE_CHECKING:
    from ..core.result import Result

NUM = r"\d[\d,]*(?:\.\d+)?"
# the relation a word states of the outcome (决算数) against the plan (预算数), judged on the
# printed figures as a reviewer reads them (小于 for 10.00 against 10.00 does not hold)
_HOLDS = {
    "大于": lambda d, tol, flat: d > 0,
    "高于": lambda d, tol, flat: d > 0,
    "超过": lambda d, tol, flat: d > 0,
    "多于": lambda d, tol, flat: d > 0,
    "小于": lambda d, tol, flat: d < 0,
    "低于": lambda d, tol, flat: d < 0,
    "少于": lambda d, tol, flat: d < 0,
    "等于": lambda d, tol, flat: abs(d) <= tol,
    "相等": lambda d, tol, flat: abs(d) <= tol,
    "一致": lambda d, tol, flat: abs(d) <= tol,
    "持平": lambda d, tol, flat: abs(d) <= tol,
    "基本持平": lambda d, tol, flat: abs(d) <= max(tol, flat),
}


@dataclass
class Pair:
    """A plan (年初预算 and/or 全年预算) and its outcome (决算), as stated."""

    start_plan: str | None  # 年初预算, as printed
    full_plan: str | None  # 全年预算 (the plan as adjusted during the year)
    outcome: str
    start: int
    end: int

    def plan(self, which: str | None) -> str | None:
        """The plan a statement names: 年初 / 全年, or the last one stated."""
        if which == "年初":
            return self.start_plan
        if which == "全年":
            return self.full_plan
        return self.full_plan or self.start_plan

    @property
    def b(self) -> Decimal:
        return dec(self.outcome) or Decimal(0)


def excerpt(text: str, a: int, b: int, width: int = 60) -> str:
    """The words from the clause holding ``a`` (after the last , ; : 。 or paragraph break) to ``b``."""
    start = max(text.rfind(ch, 0, max(a, 0)) for ch in ",;:。\n") + 1
    return text[max(start, b - width) : b].strip(",;:。 ")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{NUM}", NUM))


def _pairs(text: str, rule: dict[str, Any]) -> list[Pair]:
    return [
        Pair(m.group("start"), m.group("full"), m.group("b"), m.start(), m.end())
        for m in _rx(rule["figures"]).finditer(text)
        if m.group("start") or m.group("full")
    ]


def _before(pairs: list[Pair], at: int, window: int) -> Pair | None:
    """The figures stated last before ``at``, within ``window`` characters."""
    near = [p for p in pairs if p.end <= at and at - p.end <= window]
    return near[-1] if near else None


def plan_direction(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """决算数大于/小于/等于(全年)预算数 (or 与预算数基本持平) against the plan and outcome stated
    before it."""
    text = doc.prose
    pairs = _pairs(text, rule)
    flat_share = Decimal(str(rule.get("flat_share", "0.02")))
    for m in _rx(rule["statement"]).finditer(text):
        pair = _before(pairs, m.start(), int(rule.get("window", 250)))
        plan = pair.plan(m.group("which") or m.group("which2")) if pair is not None else None
        if pair is None or plan is None or re.search(rule["restated"], text[pair.end : m.start()]):
            continue  # none stated, or another plan stated since (its figures not read)
        a = dec(plan) or Decimal(0)
        rel = m.group("rel") or m.group("flat")
        d = pair.b - a
        tol = money_h(plan) + money_h(pair.outcome)
        if _HOLDS[rel](d, tol, abs(a) * flat_share):
            continue
        yield Finding(
            doc.line_at(m.start()),
            dict(
                text=excerpt(text, m.start(), m.end()),
                a=f"{plan}万元",
                b=f"{pair.outcome}万元",
                rel=rel,
                line=doc.line_at(pair.start),
            ),
            expected="大于" if d > tol else "小于" if d < -tol else "等于",
            found=rel,
        )


def plan_percent(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """完成(年初/全年)预算的 P% right after the plan and outcome: P against outcome / plan. A
    percentage cut rather than rounded (95.45% for 95.457%) is accepted."""
    text = doc.prose
    pairs = _pairs(text, rule)
    for m in _rx(rule["percent"]).finditer(text):
        pair = _before(pairs, m.start(), int(rule.get("gap", 12)))
        plan = pair.plan(m.group("which")) if pair is not None else None
        p = dec(m.group("p"))
        if pair is None or plan is None or p is None:
            continue
        a = dec(plan) or Decimal(0)
        ha, hb, hp = money_h(plan), money_h(pair.outcome), half_unit(m.group("p"))
        if a - ha <= 0:
            continue
        lo = max(pair.b - hb, Decimal(0)) / (a + ha) * 100
        hi = (pair.b + hb) / (a - ha) * 100
        if lo - 3 * hp <= p <= hi + hp:
            continue
        actual = (pair.b / a * 100).quantize(Decimal(1).scaleb(-places(m.group("p"))))
        yield Finding(
            doc.line_at(m.start()),
            dict(
                text=excerpt(text, pair.start, m.end(), 90),
                a=f"{plan}万元",
                b=f"{pair.outcome}万元",
                actual=f"{actual}%",
                printed=f"{m.group('p')}%",
            ),
            expected=str(actual),
            found=m.group("p"),
        )


def year_is(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A statement dated by the document's own year (截至20XX年12月31日 in a 20XX 决算) naming
    another; ``offset`` for a statement of another year (-1: the comparison base)."""
    if doc.year is None:
        return
    want = doc.year + int(rule.get("offset", 0))
    for pat in rule["patterns"]:
        for m in _rx(pat).finditer(doc.prose):
            y = int(m.group("year"))
            if y != want:
                yield Finding(
                    doc.line_at(m.start()),
                    dict(text=excerpt(doc.prose, m.start(), m.end()), year=y, budget_year=doc.year),
                    expected=str(want),
                    found=str(y),
                )
