"""Which prose figures and table cells can be compared in one unit.

A prose figure carries the unit the prose prints (万元, 元, 亿元); a table says its unit on its
单位 line or its amounts tell it (``unit_checked``). A figure not in 万元 set beside a table that
does not say its unit is not compared: the table may print 元 or 万元, and a disagreement made
by a unit guessed wrong must never be laid on the document.
"""

from __future__ import annotations

from decimal import Decimal

from .arithmetic import Ident, Ref, Values


def unit_known(v: Values, fact: Ref, ref: Ref) -> bool:
    """Whether a prose figure and a table cell can be compared in one unit: a figure the prose
    states in another unit than 万元 (元, 亿元) is compared only with tables that say their unit
    (or whose unit their amounts told); a table that does not say may print 元 or 万元."""
    if ref[0] == "narrative" or fact[1] not in v.fact_units:
        return True
    t = v.tables.get(ref[0])
    return t is None or bool(t.money_unit or t.unit_checked)


def units_known(v: Values, i: Ident) -> bool:
    """Whether every prose figure of the identity can be compared with each of its table cells
    in one unit (:func:`unit_known`)."""
    refs = i.cells()
    facts = [r for r in refs if r[0] == "narrative"]
    return all(unit_known(v, f, r) for f in facts for r in refs)


def unit_slip(v: Values, fact: Ref, refs: list[Ref]) -> str:
    """A note for a prose figure that prints the very digits of a counterpart in another unit
    (收入支出总计307.82元 beside a table's 307.82 万元): the unit word is what is wrong, not the
    number; "" otherwise."""
    x = v.get(fact)
    if not isinstance(x, Decimal) or x == 0 or fact[1] in v.counts:
        return ""
    k = v.grain(fact)
    for r in refs:
        y, kr = v.get(r), v.grain(r)
        if isinstance(y, Decimal) and kr != k and y / kr == x / k:
            return f"文中数字与表中相同而单位不同，单位应为{v.unit(r)}"
    return ""
