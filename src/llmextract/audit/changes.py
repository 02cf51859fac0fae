"""Prose rules on a stated change (增加 / 减少 A 万元，增长 / 下降 P%), for budgets and 决算 alike:
the two direction words must agree, and where the sentence's subject was stated with its figure
before (收入支出总计 2995.39 万元。与 2023 年度相比，收入支出总计减少 56.95 万元，下降 1.87%), the
percentage must be the change over last year's figure (this year's less the change).

The wordings are data (``schemas/audit.yaml``: ``pattern``, ``subject_before``, ``not_after``); figures are
compared at their printed precision.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..core import firstchars
from .document import MONEY, AuditDoc, Finding, dec, half_unit, money_h
from .figures import UP, places

if TYPE_CHECKING:
    from ..core.result import Result

NUM = r"\d[\d,]*(?:\.\d+)?"


@functools.lru_cache(maxsize=64)
def _rx(pattern: str) -> re.Pattern[str]:
    """A rule's wording compiled, the same object each time (firstchars keeps what it finds of
    a pattern by the pattern's identity)."""
    return re.compile(pattern.replace("{NUM}", NUM))


def _clause(text: str, m: re.Match[str], width: int = 60) -> str:
    start = max(text.rfind(ch, 0, m.start()) for ch in ",;:。\n") + 1
    return text[max(start, m.start() - width) : m.end()].strip(",;:。 ")


def _figure_before(text: str, m: re.Match[str]) -> bool:
    """The sentence states a figure before the change: the rules on its two years' figures
    (change_amount, change_percent) judge it, and name which word is wrong."""
    head = text[text.rfind("。", 0, m.start()) + 1 : m.start()]
    return bool(MONEY.search(head))


def change_words(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """增加 A 万元，下降 P%: the amount's and the percentage's directions contradict each other."""
    for m in _rx(rule["pattern"]).finditer(doc.prose):
        if (m.group("d1") in UP) == (m.group("d2") in UP) or _figure_before(doc.prose, m):
            continue
        yield Finding(
            doc.line_at(m.start()),
            dict(text=_clause(doc.prose, m), d1=m.group("d1"), d2=m.group("d2")),
            expected=m.group("d1"),
            found=m.group("d2"),
        )


def change_of_subject(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """The percentage of a change whose subject's figure was stated before it (this year's): P
    against A / (this year's − A), the change signed by its word."""
    text = doc.prose
    window = int(rule.get("window", 300))
    # (firstchars: a pattern whose match starts a clause is tried only where one starts)
    for m in firstchars.finditer(_rx(rule["pattern"]), text):
        if (m.group("d1") in UP) != (m.group("d2") in UP) or _figure_before(text, m):
            continue  # contradicting words: change_words says so; a figure before: change_percent
        subject = m.group("subject")
        before = text[max(0, m.start() - window) : m.start()]
        stated = [
            x
            for x in _rx(re.escape(subject) + rule["subject_before"]).finditer(before)
            if not re.search(rule["not_after"], before[: x.start()])  # 财政拨款|收入支出总计: another noun
        ]
        a, p = dec(m.group("a")), dec(m.group("p"))
        if not stated or a is None or p is None:
            continue
        cur_text = stated[-1].group("cur")
        cur = dec(cur_text)
        if cur is None:
            continue
        change = a if m.group("d1") in UP else -a
        prior = cur - change
        h = money_h(cur_text) + money_h(m.group("a"))
        if prior - h <= 0:
            continue
        ratio = [(change + e1) / (prior + e2) * 100 for e1 in (-h, h) for e2 in (-h, h)]
        printed = p if m.group("d2") in UP else -p
        hp = half_unit(m.group("p"))
        if min(ratio) - hp <= printed <= max(ratio) + hp:
            continue
        actual = (change / prior * 100).quantize(Decimal(1).scaleb(-places(m.group("p"))))
        yield Finding(
            doc.line_at(m.start()),
            dict(
                text=_clause(text, m),
                subject=subject,
                cur=f"{cur_text}万元",
                prior=f"{prior}万元",
                actual=f"{'增长' if actual >= 0 else '下降'}{abs(actual)}%",
                printed=f"{m.group('d2')}{m.group('p')}%",
            ),
            expected=str(actual),
            found=str(printed),
        )
