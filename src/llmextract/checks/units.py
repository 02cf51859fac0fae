"""The unit a table's amounts are in, where its label says otherwise (one cause, one finding).

A table whose label says 万元 (or says nothing) while its amounts are, row for row, the 元
amounts of the tables it is compared with would fail every cross-table equality by a factor of
10 000. Its amounts are read in the unit they are in (``Table.unit_checked``), so the checks
compare them rightly, and one finding names the label instead of dozens of disagreements. A
table that prints no label at all is no finding (the tool inferred the unit; the table says so
among its doubts).

Which of two tables is mislabelled: the one whose amounts agree with no other table under its
own label while another table agrees with them under its; between two tables alone, the one
without a label, else the one whose label is in the minority among the document's tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from ..core.labels import Labels
from ..core.money import TABLE_TO_WANYUAN
from ..core.result import Check, Result, Table
from ..core.schemas import Schemas
from .arithmetic import Values
from .rules import _condition, _expand

UNITS = {k: v for k, v in TABLE_TO_WANYUAN.items() if k}  # 万元, 千元, 元 → 万元 per unit
MIN_PAIRS = 2  # amounts compared before a label is doubted


def _pairs(v: Values, schemas: Schemas) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """The cross-table equalities of schemas/checks.yaml (not the sums) between two tables."""
    conditions = schemas.checks.get("conditions") or {}
    out = []
    for spec in schemas.checks.get("cross") or []:
        if spec.get("sum") or spec.get("at_least") or not _condition(v, spec.get("when"), conditions):
            continue
        for refs in _expand(v, spec["refs"]):
            a = refs[0]
            out += [(a, b) for b in refs[1:] if a[0] != b[0] and "narrative" not in (a[0], b[0])]
    return out


FACTORS = [Decimal(1)] + [Decimal(10) ** e for e in (1, -1, 3, -3, 4, -4)]


def _factor(a: Decimal, b: Decimal) -> Decimal:
    """k where the printed ``a`` is k times the printed ``b`` up to their rounding (to the cent
    of each), 0 when no unit step relates them."""
    return next((k for k, tol in _FACTOR_TOL if abs(a - k * b) <= tol), Decimal(0))


_FACTOR_TOL = [(k, Decimal("0.01") * max(Decimal(1), k)) for k in FACTORS]  # each factor's rounding


def _ratios(v: Values, schemas: Schemas) -> dict[tuple[str, str], Counter[Decimal]]:
    """Per pair of tables, how often the printed amount of the first is k times the second's,
    over the amounts both print (zeros aside)."""
    out: dict[tuple[str, str], Counter[Decimal]] = defaultdict(Counter)
    for a, b in _pairs(v, schemas):
        x, y = v.get(a), v.get(b)
        if isinstance(x, Decimal) and isinstance(y, Decimal) and x != 0 and y != 0:
            out[(a[0], b[0])][_factor(x / v.scale[a[0]], y / v.scale[b[0]])] += 1
    return out


def _unit_for(scale: Decimal) -> str | None:
    return next((u for u, s in UNITS.items() if s == scale), None)


def correct(
    result: Result, schemas: Schemas, counts: frozenset[str] = frozenset()
) -> tuple[list[Check], Values]:
    """Set ``unit_checked`` on each table whose amounts contradict its label; one finding per
    explicit label so contradicted; and the values to check (``counts``: see :class:`Values`),
    in the units so set (the values the labels were compared on, when no label is contradicted)."""
    for t in result.tables:
        t.unit_checked = ""
    v = Values(result, counts)
    out = _contradicted(result, schemas, v)
    return out, (Values(result, counts) if any(t.unit_checked for t in result.tables) else v)


def _contradicted(result: Result, schemas: Schemas, v: Values) -> list[Check]:
    """The findings of :func:`correct`, ``unit_checked`` set on the tables they name."""
    scale = {t: v.scale[t] for t in v.tables}
    agree: dict[str, set[str]] = defaultdict(set)
    conflict: dict[str, dict[str, Decimal]] = defaultdict(dict)  # table → other → true scale
    for (a, b), counts in _ratios(v, schemas).items():
        n = sum(counts.values())
        r, hits = counts.most_common(1)[0]
        if r == 0 or hits < MIN_PAIRS or hits < Decimal("0.8") * n:
            continue  # not the amounts of one table in another unit: arithmetic, not units
        if scale[a] * r == scale[b]:
            agree[a].add(b)
            agree[b].add(a)
        else:  # raw_a = r · raw_b: a in b's unit × r
            conflict[a][b] = scale[b] / r
            conflict[b][a] = scale[a] * r
    out = []
    labelled = Counter(t.money_unit or "万元" for t in result.tables)
    for tid, others in conflict.items():
        t = v.tables[tid]
        if agree[tid] or not all(_wins(v.tables[o], t, agree, labelled) for o in others):
            continue
        true = {s for s in others.values()}
        unit = _unit_for(true.pop()) if len(true) == 1 else None
        if unit is None:
            continue
        t.unit_checked = unit
        partner = v.tables[sorted(others)[0]]
        if t.money_unit:
            out.append(_finding(t, partner, unit, Labels(schemas)))
        elif (note := _unsaid(partner, unit, Labels(schemas))) not in t.doubts:
            t.doubts.append(note)
    return out


def _wins(other: Table, t: Table, agree: dict[str, set[str]], labelled: Counter[str]) -> bool:
    """Whether ``other``'s label is the one to trust against ``t``'s."""
    if agree[other.id]:
        return True
    if not t.money_unit and other.money_unit:
        return True
    return bool(t.money_unit) and labelled[other.money_unit or "万元"] > labelled[t.money_unit]


def _unsaid(partner: Table, unit: str, lab: Labels) -> str:
    return f"本表未注明单位，其金额与「{lab.table_title(partner)}」的{unit}金额逐项相同，按{unit}核对"


def _finding(t: Table, partner: Table, unit: str, lab: Labels) -> Check:
    title, other = lab.table_title(t), lab.table_title(partner)
    return Check(
        rule="unit_label",
        table=t.id,
        row="",
        col="",
        expected=unit,
        found=t.money_unit,
        cells=[],
        source="document",
        message=f"「{title}」注明“单位：{t.money_unit}”，但其金额与「{other}」的{unit}金额逐项相同："
        f"单位标注有误，该表按{unit}核对",
        category="text",
        line=t.line,
    )
