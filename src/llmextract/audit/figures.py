"""The money figures of a prose sentence, each with the role the words before it give it:
this year's (2026年预算安排, 本年), last year's (2025年执行数, 上年, 比…), a change (增加 X) or
plain (an item's heading amount). Amounts are compared at their printed precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .document import MONEY, dec, money_h

UP = ("增加", "增长", "上升", "提高", "增幅")
DOWN = ("减少", "下降", "降低")
DIR = "增加|增长|上升|提高|减少|下降|降低"
PRIOR_WORDS = re.compile(r"上年|去年|上一年|上年度|前一年|执行数|决算数")
CURRENT_WORDS = re.compile(r"本年|今年|安排|预算数为|预算为")
_YEAR = re.compile(r"(20\d\d)年")
_ENDS_DIR = re.compile(rf"(?:{DIR})了?$")  # compiled once: a pattern built per figure is looked up each time
_COMPARED = re.compile(r"(?:比|较)(?:20\d\d年|上年|去年)?")
_THAN = re.compile(r"(?:比|较)")


@dataclass
class Fig:
    text: str
    value: Decimal
    unit: str
    start: int
    end: int
    role: str  # prior | current | change | plain
    precision: Decimal | None = None  # half a unit, when not that of the printed text

    @property
    def h(self) -> Decimal:
        return self.precision if self.precision is not None else money_h(self.text)


def figures(s: str, year: int | None) -> list[Fig]:
    """The money figures of a sentence, each with its role read from the words before it
    (up to the previous figure or clause break)."""
    out: list[Fig] = []
    prev_end = 0
    for m in MONEY.finditer(s):
        v = dec(m.group(1))
        if v is None:
            continue
        ctx = s[prev_end : m.start()]
        cut = max(ctx.rfind(","), ctx.rfind(";"), ctx.rfind(":"))
        ctx = ctx[cut + 1 :] if cut >= 0 else ctx
        years = [int(y) for y in _YEAR.findall(ctx)]
        if _ENDS_DIR.search(ctx):
            role = "change"
        elif (year is not None and years and max(years) < year) or PRIOR_WORDS.search(ctx):
            role = "prior"
        elif _COMPARED.search(ctx) and not (year and years and year in years):
            role = "prior" if _THAN.search(ctx) else "plain"
        elif (year is not None and year in years) or CURRENT_WORDS.search(ctx):
            role = "current"
        else:
            role = "plain"
        out.append(Fig(m.group(1), v, m.group(2), m.start(), m.end(), role))
        prev_end = m.end()
    return out


def current_and_prior(figs: list[Fig]) -> tuple[Fig, Fig] | None:
    """(current, prior) among the figures before a stated change, or None when unsure."""
    figs = [f for f in figs if f.role != "change"]
    priors = [f for f in figs if f.role == "prior"]
    if not priors:
        return None
    prior = priors[-1]
    currents = [f for f in figs if f.role == "current"]
    plains = [f for f in figs if f.role == "plain"]
    if currents:
        cur = currents[-1]
    elif len(plains) == 1:
        cur = plains[0]
    else:
        return None
    if cur.unit != prior.unit:
        return None
    return cur, prior


def derived_prior(t: str, figs: list[Fig], pct_at: int) -> tuple[Fig, Fig] | None:
    """``X万元，比上年增加Y万元，增长Z%``: the sentence gives this year's figure and the change,
    so last year's is X − Y (its precision the sum of theirs)."""
    if len(figs) < 2 or figs[-1].role != "change":
        return None
    change, cur = figs[-1], figs[-2]
    if cur.role in ("change", "prior") or cur.unit != change.unit:
        return None
    between = t[cur.end : change.start]
    if len(between) > 30 or not re.search(r"比|较", between) or len(t[change.end : pct_at]) > 12:
        return None
    d = re.search(rf"({DIR})了?$", t[: change.start])
    if d is None:
        return None
    value = cur.value - change.value if d.group(1) in UP else cur.value + change.value
    text = f"{value}（{cur.text}{'-' if d.group(1) in UP else '+'}{change.text}）"
    return cur, Fig(text, value, cur.unit, cur.start, change.end, "prior", cur.h + change.h)


def places(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def excerpt(s: str, a: int, b: int) -> str:
    """From the start of the clause holding ``a`` to ``b``."""
    a = max(0, a)
    start = max(s.rfind(",", 0, a), s.rfind(";", 0, a), s.rfind(":", 0, a)) + 1
    return s[start:b].strip(",;:")[-90:]


def fmt_pct(x: Decimal, places: int) -> str:
    q = Decimal(1).scaleb(-places)
    word = "增加" if x >= 0 else "减少"
    return f"{word}{abs(x).quantize(q)}%"
