"""Prose rules on stated facts: the same fact stated twice, a total against the parts listed
after it, a part larger than its whole, a 0 in the prose against a printed table total."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..core import firstchars
from ..core.money import wanyuan_per
from ..core.schemas import UNIT
from .document import MONEY, AuditDoc, Finding, dec, finding, money_h
from .figures import figures

if TYPE_CHECKING:
    from ..core.result import Result
    from ..core.schemas import Schemas


def stated_twice(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    yield from _facts_twice(doc, result)
    yield from _headline_vs_budget(doc)


def _facts_twice(doc: AuditDoc, result: Result) -> Iterator[Finding]:
    """A narrative fact (schemas/narrative.yaml) stated again with another amount."""
    from ..reading.narrative import fact_matches, unit_after

    schemas = result.spec
    seen: dict[str, tuple[int, str, Decimal, str]] = {}
    reported: set[str] = set()
    found: list[tuple[int, str, str, str, str]] = []
    # a 类 amount has one scope; a total or 项目支出 may be stated for the department and
    # again for one fund (000: 一般公共预算 1009.29, then 270.26 of it for 绩效目标)
    classes = [fs for fs in schemas.facts if fs.id.startswith("expense.")]
    for _, fid, m in fact_matches(doc.prose, schemas, classes):
        found.append((m.start("v"), fid, m.group("v"), m.group(0), unit_after(doc.prose, m)))
    for pos, fid, v, text, unit in sorted(found):
        d = dec(v)
        if d is None:
            continue
        line = doc.line_at(pos)
        if fid not in seen:
            seen[fid] = (line, v, d, unit)
            continue
        line1, v1, d1, unit1 = seen[fid]
        k, k1 = wanyuan_per(unit), wanyuan_per(unit1)  # both in 万元: 元 in one sentence, 万元 in another
        if abs(d * k - d1 * k1) <= money_h(v) * k + money_h(v1) * k1 or fid in reported or d == 0 or d1 == 0:
            continue
        other_unit = unit not in ("", "万元") or unit1 not in ("", "万元")
        printed = _table_values(result, _fact_refs(schemas, fid), other_unit)
        if not printed or all(_matches(x, printed) for x in (d * k, d1 * k1)):
            continue  # no table to tell, or two scopes (部门 / 一般公共预算) that both fit a table
        reported.add(fid)
        what = re.sub(rf"[\d,.]+{UNIT}$", "", text)[-20:]
        v1, v = (v1 + unit1, v + unit) if unit1 != unit else (v1, v)
        yield Finding(line, dict(what=f"“{what}”", line1=line1, v1=v1, line2=line, v2=v), str(d1), str(d))


def _fact_refs(schemas: Schemas, fid: str) -> list[str]:
    """The table cells (``table:row:col``) a narrative fact is checked against (checks.yaml)."""
    nmap = schemas.checks.get("narrative", {})
    if fid in nmap:
        return list(nmap[fid])
    if fid.startswith("expense."):
        code = fid.split(".", 1)[1]
        return [r.replace("{class}", code) for r in nmap.get("expense.{class}", [])]
    return []


def _table_values(result: Result, refs: list[str], labelled: bool = False) -> list[Decimal]:
    """The amounts the tables print at ``refs`` (in 万元), from tables read with certainty
    (``labelled``: only from tables that say their unit, for a prose figure not in 万元)."""
    out = []
    for ref in refs:
        tid, row, col = ref.split(":")
        t = result.table(tid)
        if labelled and t is not None and not (t.money_unit or t.unit_checked):
            continue
        r = t.row(row) if t is not None and not t.unsure else None
        cell = r.values.get(col) if r is not None else None
        if t is None or cell is None or cell.number is None:
            continue
        out.append(cell.number * wanyuan_per(t.unit_checked or t.money_unit))
    return out


def _matches(x: Decimal, values: list[Decimal]) -> bool:
    return any(abs(x - v) <= Decimal("0.01") for v in values)


_ITEM_END = re.compile(r"[)）]$|项$|科目$")


def _headline_vs_budget(doc: AuditDoc) -> Iterator[Finding]:
    """An item whose heading amount (…（01项）208.8万元) differs from the year's amount its
    own text states (2026年预算安排201.50万元)."""
    for para in doc.paragraphs:
        first = MONEY.search(para.text)  # the heading amount is the first figure (asked first)
        if first is None or not _ITEM_END.search(para.text[max(0, first.start() - 3) : first.start()]):
            continue
        figs = figures(para.text, doc.year)
        if len(figs) < 2 or figs[0].role != "plain":
            continue
        head = figs[0]
        for f in figs[1:]:
            ctx = para.text[max(0, f.start - 12) : f.start]
            if f.role != "current" or not re.search(r"安排|预算数", ctx) or f.unit != head.unit:
                continue
            if abs(f.value - head.value) > f.h + head.h:
                before = para.text[: head.start]
                cut = max(before.rfind("类)"), before.rfind("、"))
                name = before[cut + 2 if before[cut : cut + 2] == "类)" else cut + 1 :][-24:]
                yield Finding(
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
    from .structure import _groups, _name

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
                yield finding(
                    fact.provenance.line,
                    name=spec["name"],
                    prose=fact.provenance.line,
                    table=_name(doc, g[0].kind),
                    at=g[0].line,
                    value=max(amounts, key=lambda a: dec(a[1]) or Decimal(0))[1],
                )
                break

    # the sentences saying 0万元 or 0元 at all (what every statement of a zero ends with), looked for once
    zero_said = [s for s in doc.sentences if _ZERO_WAN.search(s.text)]
    for kind in rule.get("tables", []):
        fund = doc.config["tables"][kind].get("fund") or (kind if kind in doc.config["funds"] else None)
        if not fund:
            continue
        words = doc.config["funds"][fund]["words"]
        zero = re.compile(
            rf"(?<!非)(?<!非财政拨款){words}(?:财政拨款)?(?:预算)?(?:拨款)?(?:收入|支出)?(?:预算)?(?:数|总额)?(?:为|是)?0(?:\.0+)?万?元"
        )
        stated = [(s.line_of(m.start()), m) for s in zero_said for m in zero.finditer(s.text)]
        if not stated:
            continue
        for g in _groups(doc):
            if g[0].kind != kind:
                continue
            start, end = doc.table_region(g[0])
            first = doc.first_value(start + 1, end)
            v = dec(first[1]) if first else None
            if first and v is not None and v > 0:
                yield finding(
                    stated[0][0],
                    name=doc.config["funds"][fund]["name"],
                    prose=stated[0][0],
                    table=_name(doc, kind),
                    at=g[0].line,
                    value=first[1],
                )
                break


_NUM = r"(?P<v>\d[\d,]*(?:\.\d+)?)"
_ZERO_WAN = re.compile(r"0(?:\.0+)?万?元")  # a zero in 万元 or 元


@functools.lru_cache(maxsize=256)
def _pattern(p: str) -> re.Pattern[str]:
    """A rule's wording compiled, the same object each time (firstchars keeps what it finds of
    a pattern by the pattern's identity)."""
    return re.compile(p.replace("{NUM}", _NUM))


def parts_sum(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    """A total and its parts stated right after it: the parts add up to the total."""
    window = int(rule.get("window", 500))
    text = doc.prose
    for g in rule["groups"]:
        total = _pattern(g["total"])
        parts = [_pattern(p) for p in g["parts"]]
        # (firstchars: a total's words are looked for first, and its lookbehinds only where they
        # stand; the next total is the next match, as total.search(text, m.end()) finds it)
        totals = list(firstchars.finditer(total, text))
        for i, m in enumerate(totals):
            nxt = totals[i + 1] if i + 1 < len(totals) else None
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
            yield Finding(
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
        for m in firstchars.finditer(whole, text):
            p = part.search(text, m.end(), min(len(text), m.end() + window))
            if p is None:
                continue
            w, v = dec(m.group("v")), dec(p.group("v"))
            if w is None or v is None or v <= w + money_h(m.group("v")) + money_h(p.group("v")):
                continue
            yield Finding(
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
