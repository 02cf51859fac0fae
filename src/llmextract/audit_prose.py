"""Prose rules: what the sentences say (增加/减少/持平, percentages, shares, the same fact
twice) against the figures the sentence itself, its paragraph or the tables give.

Figures are compared at their printed precision: a figure printed ``57.8`` stands for
anything in [57.75, 57.85], and a percentage printed ``17.62%`` holds when the exact ratio of
some such figures rounds to it. A rule that cannot tell which figures a sentence compares
says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .auditdoc import MONEY, AuditDoc, Sentence, dec, half_unit, money_h

if TYPE_CHECKING:
    from .audit import Finding
    from .result import Result
    from .schemas import Schemas

_UP = ("增加", "增长", "上升", "提高", "增幅")
_DOWN = ("减少", "下降", "降低")
_DIR = "增加|增长|上升|提高|减少|下降|降低"
_PCT_CHANGE = re.compile(rf"(?P<dir>{_DIR}|增幅|降幅)了?(?:幅度|率)?(?:为|达)?(?P<p>\d+(?:\.\d+)?)%")
_AMT_CHANGE = re.compile(rf"(?P<dir>{_DIR})了?(?:为)?(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|千元|元)")
_FLAT = re.compile(r"(?:与|比|较)[^,;。]{0,14}?持平")
_SHARE = re.compile(
    r"(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|千元|元)[,、]?(?:占|占比|所占比例)(?:比|比例)?(?:为)?(?P<p>\d+(?:\.\d+)?)%"
)
_PRIOR_WORDS = re.compile(r"上年|去年|上一年|上年度|前一年|执行数|决算数")
_CURRENT_WORDS = re.compile(r"本年|今年|安排|预算数为|预算为")


def _finding(line: int, **fields: Any) -> Finding:
    from .audit import Finding

    return Finding(line, fields)


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
        years = [int(y) for y in re.findall(r"(20\d\d)年", ctx)]
        if re.search(rf"(?:{_DIR})了?$", ctx):
            role = "change"
        elif (year is not None and years and max(years) < year) or _PRIOR_WORDS.search(ctx):
            role = "prior"
        elif re.search(r"(?:比|较)(?:20\d\d年|上年|去年)?", ctx) and not (year and years and year in years):
            role = "prior" if re.search(r"(?:比|较)", ctx) else "plain"
        elif (year is not None and year in years) or _CURRENT_WORDS.search(ctx):
            role = "current"
        else:
            role = "plain"
        out.append(Fig(m.group(1), v, m.group(2), m.start(), m.end(), role))
        prev_end = m.end()
    return out


def _pair(figs: list[Fig]) -> tuple[Fig, Fig] | None:
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


def _covered(doc: AuditDoc, s: Sentence, result: Result) -> bool:
    """The arithmetic checks already report a narrative fact stated in this sentence."""
    failed = {c.row for c in result.checks if c.table == "narrative"} | {
        c.row for c in result.checks for x in c.cells if x.table == "narrative"
    }
    if not failed:
        return False
    lines = {s.line_of(0), s.line_of(len(s.text) - 1)}
    lo, hi = min(lines), max(lines)
    return any(f.id in failed and lo <= f.provenance.line <= hi for f in result.narrative)


def _fmt_pct(x: Decimal, places: int) -> str:
    q = Decimal(1).scaleb(-places)
    word = "增加" if x >= 0 else "减少"
    return f"{word}{abs(x).quantize(q)}%"


def _places(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def _excerpt(s: str, a: int, b: int) -> str:
    """From the start of the clause holding ``a`` to ``b``."""
    a = max(0, a)
    start = max(s.rfind(",", 0, a), s.rfind(";", 0, a), s.rfind(":", 0, a)) + 1
    return s[start:b].strip(",;:")[-90:]


def change_percent(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    for s in doc.sentences:
        t = s.text
        for m in _PCT_CHANGE.finditer(t):
            figs = figures(t[: m.start()], doc.year)
            pair = _pair(figs) or _derived(t, figs, m.start())
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
            printed = p if m.group("dir") in _UP else -p
            h = half_unit(m.group("p"))
            if lo - h <= printed <= hi + h:
                continue
            actual = (cur.value / prior.value - 1) * 100
            places = _places(m.group("p"))
            yield Finding_(
                s.line_of(m.start()),
                dict(
                    text=_excerpt(t, min(cur.start, prior.start), m.end()),
                    cur=f"{cur.text}{cur.unit}",
                    prior=f"{prior.text}{prior.unit}",
                    actual=_fmt_pct(actual, places),
                    printed=f"{m.group('dir')}{m.group('p')}%",
                ),
                expected=str(actual.quantize(Decimal(1).scaleb(-places))),
                found=str(printed),
            )


def _derived(t: str, figs: list[Fig], pct_at: int) -> tuple[Fig, Fig] | None:
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
    d = re.search(rf"({_DIR})了?$", t[: change.start])
    if d is None:
        return None
    value = cur.value - change.value if d.group(1) in _UP else cur.value + change.value
    text = f"{value}（{cur.text}{'-' if d.group(1) in _UP else '+'}{change.text}）"
    return cur, Fig(text, value, cur.unit, cur.start, change.end, "prior", cur.h + change.h)


def Finding_(line: int, fields: dict[str, Any], expected: str = "", found: str = "") -> Finding:  # noqa: N802
    from .audit import Finding

    return Finding(line, fields, expected, found)


def change_amount(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    for s in doc.sentences:
        t = s.text
        if _covered(doc, s, result):
            continue
        for m in list(_AMT_CHANGE.finditer(t)) + list(_FLAT.finditer(t)):
            flat = not m.groupdict().get("v")
            pair = _pair(figures(t[: m.end() if flat else m.start()], doc.year))
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
                printed = v if m.group("dir") in _UP else -v
                h = money_h(m.group("v"))
                shown = f"{m.group('dir')}{m.group('v')}{m.group('u')}"
            else:
                printed, h, shown = Decimal(0), Decimal(0), "持平"
            if abs(diff - printed) <= tol + h:
                continue
            word = "增加" if diff >= 0 else "减少"
            yield Finding_(
                s.line_of(m.start()),
                dict(
                    text=_excerpt(t, min(cur.start, prior.start), m.end()),
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
            yield Finding_(
                s.line_of(m.start()),
                dict(
                    text=_excerpt(s.text, m.start(), m.end()),
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
        items = list(_SHARE.finditer(t))
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
                pcts = [dec(m.group("p")) or Decimal(0) for m in ms]
                slack = sum((half_unit(m.group("p")) for m in ms), Decimal(0)) + Decimal("0.5")
                if len(ms) < 2 or abs(sum(pcts) - 100) > slack or len({m.group("u") for m in ms}) > 1:
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
                actual = (v / tv * 100).quantize(Decimal(1).scaleb(-_places(m.group("p"))))
                a = max(
                    0, t.rfind(",", 0, m.start()), t.rfind(";", 0, m.start()), t.rfind("、", 0, m.start() - 1)
                )
                yield Finding_(
                    s.line_of(m.start()),
                    dict(
                        text=_excerpt(t, a, m.end()),
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


def stated_twice(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    yield from _facts_twice(doc, result)
    yield from _headline_vs_budget(doc)


def _facts_twice(doc: AuditDoc, result: Result) -> Iterator[Finding]:
    """A narrative fact (schemas/narrative.yaml) stated again with another amount."""
    from .schemas import class_for_name, load

    schemas = load()
    seen: dict[str, tuple[int, str, Decimal]] = {}
    reported: set[str] = set()
    found: list[tuple[int, str, str, str]] = []
    for fs in schemas.facts:
        if not fs.id.startswith("expense."):
            # a 类 amount has one scope; a total or 项目支出 may be stated for the department and
            # again for one fund (000: 一般公共预算 1009.29, then 270.26 of it for 绩效目标)
            continue
        for pat in fs.patterns:
            for m in pat.finditer(doc.prose):
                fid = fs.id
                if "{code}" in fid:
                    code = class_for_name(m.group("name"), schemas.classes)
                    if not code:
                        continue
                    fid = fid.replace("{code}", code)
                found.append((m.start("v"), fid, m.group("v"), m.group(0)))
    for pos, fid, v, text in sorted(found):
        d = dec(v)
        if d is None:
            continue
        line = doc.line_at(pos)
        if fid not in seen:
            seen[fid] = (line, v, d)
            continue
        line1, v1, d1 = seen[fid]
        if abs(d - d1) <= money_h(v) + money_h(v1) or fid in reported or d == 0 or d1 == 0:
            continue
        printed = _table_values(result, _fact_refs(schemas, fid))
        if not printed or all(_matches(x, printed) for x in (d, d1)):
            continue  # no table to tell, or two scopes (部门 / 一般公共预算) that both fit a table
        reported.add(fid)
        what = re.sub(r"[\d,.]+万元$", "", text)[-20:]
        yield Finding_(line, dict(what=f"“{what}”", line1=line1, v1=v1, line2=line, v2=v), str(d1), str(d))


def _fact_refs(schemas: Schemas, fid: str) -> list[str]:
    """The table cells (``table:row:col``) a narrative fact is checked against (checks.yaml)."""
    nmap = schemas.checks.get("narrative", {})
    if fid in nmap:
        return list(nmap[fid])
    if fid.startswith("expense."):
        code = fid.split(".", 1)[1]
        return [r.replace("{class}", code) for r in nmap.get("expense.{class}", [])]
    return []


def _table_values(result: Result, refs: list[str]) -> list[Decimal]:
    """The amounts the tables print at ``refs`` (in 万元), from tables read with certainty."""
    out = []
    for ref in refs:
        tid, row, col = ref.split(":")
        t = result.table(tid)
        r = t.row(row) if t is not None and not t.unsure else None
        cell = r.values.get(col) if r is not None else None
        if t is None or cell is None or cell.number is None:
            continue
        scale = {"元": Decimal("0.0001"), "千元": Decimal("0.1")}.get(t.money_unit, Decimal(1))
        out.append(cell.number * scale)
    return out


def _matches(x: Decimal, values: list[Decimal]) -> bool:
    return any(abs(x - v) <= Decimal("0.01") for v in values)


def _headline_vs_budget(doc: AuditDoc) -> Iterator[Finding]:
    """An item whose heading amount (…（01项）208.8万元) differs from the year's amount its
    own text states (2026年预算安排201.50万元)."""
    for para in doc.paragraphs:
        figs = figures(para.text, doc.year)
        if len(figs) < 2 or figs[0].role != "plain":
            continue
        head = figs[0]
        if not re.search(r"[)）]$|项$|科目$", para.text[max(0, head.start - 3) : head.start]):
            continue
        for f in figs[1:]:
            ctx = para.text[max(0, f.start - 12) : f.start]
            if f.role != "current" or not re.search(r"安排|预算数", ctx) or f.unit != head.unit:
                continue
            if abs(f.value - head.value) > f.h + head.h:
                before = para.text[: head.start]
                cut = max(before.rfind("类)"), before.rfind("、"))
                name = before[cut + 2 if before[cut : cut + 2] == "类)" else cut + 1 :][-24:]
                yield Finding_(
                    para.line_of(f.start),
                    dict(
                        what=f"“{name}”",
                        line1=para.line_of(head.start),
                        v1=head.text,
                        line2=para.line_of(f.start),
                        v2=f.text,
                    ),
                    head.text,
                    f.text,
                )
            break


def zero_vs_table(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    from .audit_structure import _groups

    flagged = {c.row for c in result.checks if c.table == "narrative"}  # the arithmetic said it
    for fid, spec in rule.get("facts", {}).items():
        fact = next((f for f in result.narrative if f.id == fid), None)
        if fact is None or dec(fact.value) != 0 or fid in flagged:
            continue
        for g in _groups(doc):
            if g[0].kind not in spec["tables"]:
                continue
            start, end = doc.table_region(g[0])
            amounts = doc.amounts(start + 1, end)
            if amounts:
                yield _finding(
                    fact.provenance.line,
                    name=spec["name"],
                    prose=fact.provenance.line,
                    table=doc.config["tables"][g[0].kind]["name"],
                    at=g[0].line,
                    value=max(amounts, key=lambda a: dec(a[1]) or Decimal(0))[1],
                )
                break

    for kind in rule.get("tables", []):
        fund = doc.config["tables"][kind].get("fund") or (kind if kind in doc.config["funds"] else None)
        if not fund:
            continue
        words = doc.config["funds"][fund]["words"]
        zero = re.compile(
            rf"(?<!非)(?<!非财政拨款){words}(?:财政拨款)?(?:预算)?(?:拨款)?(?:收入|支出)?(?:预算)?(?:数|总额)?(?:为|是)?0(?:\.0+)?万元"
        )
        stated = [(s.line_of(m.start()), m) for s in doc.sentences for m in zero.finditer(s.text)]
        if not stated:
            continue
        for g in _groups(doc):
            if g[0].kind != kind:
                continue
            start, end = doc.table_region(g[0])
            first = doc.first_value(start + 1, end)
            v = dec(first[1]) if first else None
            if first and v is not None and v > 0:
                yield _finding(
                    stated[0][0],
                    name=doc.config["funds"][fund]["name"],
                    prose=stated[0][0],
                    table=doc.config["tables"][kind]["name"],
                    at=g[0].line,
                    value=first[1],
                )
                break


_NUM = r"(?P<v>\d[\d,]*(?:\.\d+)?)"


def _pattern(p: str) -> re.Pattern[str]:
    return re.compile(p.replace("{NUM}", _NUM))


def parts_sum(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A total and its parts stated right after it: the parts add up to the total."""
    window = int(rule.get("window", 500))
    text = doc.prose
    for g in rule["groups"]:
        total = _pattern(g["total"])
        parts = [_pattern(p) for p in g["parts"]]
        for m in total.finditer(text):
            nxt = total.search(text, m.end())
            stop = min(m.end() + window, nxt.start() if nxt else len(text), _paragraph_end(text, m.end(), 5))
            found = [p.search(text, m.end(), stop) for p in parts]
            if any(f is None for f in found):
                continue  # not every part is stated: nothing to add up
            vals = [dec(f.group("v")) for f in found if f is not None]
            tv = dec(m.group("v"))
            if tv is None or any(v is None for v in vals):
                continue
            total_sum = sum((v for v in vals if v is not None), Decimal(0))
            tol = money_h(m.group("v")) + sum((money_h(f.group("v")) for f in found if f), Decimal(0))
            if abs(tv - total_sum) <= tol:
                continue
            at = doc.line_at(m.start("v"))
            shown = " + ".join(f.group("v") for f in found if f)
            yield Finding_(
                at,
                dict(name=g["name"], total=m.group("v"), at=at, sum=total_sum, parts=shown),
                str(total_sum),
                m.group("v"),
            )


def _paragraph_end(text: str, i: int, paragraphs: int) -> int:
    """The end of the ``paragraphs``-th paragraph from ``i`` (a list may run over a few)."""
    for _ in range(paragraphs):
        j = text.find("\n", i + 1)
        if j < 0:
            return len(text)
        i = j
    return i


def part_exceeds_whole(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A part stated after its whole (中小企业预留 after 政府采购预算) is not larger than it."""
    window = int(rule.get("window", 300))
    text = doc.prose
    for pair in rule["pairs"]:
        whole, part = _pattern(pair["whole"]), _pattern(pair["part"])
        for m in whole.finditer(text):
            p = part.search(text, m.end(), min(len(text), m.end() + window))
            if p is None:
                continue
            w, v = dec(m.group("v")), dec(p.group("v"))
            if w is None or v is None or v <= w + money_h(m.group("v")) + money_h(p.group("v")):
                continue
            yield Finding_(
                doc.line_at(p.start("v")),
                dict(
                    part_name=pair["names"][1],
                    part=p.group("v"),
                    whole_name=pair["names"][0],
                    whole=m.group("v"),
                ),
                m.group("v"),
                p.group("v"),
            )
