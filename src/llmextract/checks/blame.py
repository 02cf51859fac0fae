"""Who is wrong: the culprit and the suspects of each failed identity.

A wrong cell usually breaks several identities. Each failure names as its culprit the cell
whose correction alone repairs the most failures and breaks none that hold (a correction
below zero is no explanation for an amount). When several cells explain a failure equally
well (a leaf of a table that prints only totals), all are suspects; evidence of another
scope tells them apart where it can, else the left side is named if it is one of them, else
the first in print order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .arithmetic import Ident, Outcome, Placeholder, Ref, Values, agrees, evaluate


def _fix_value(o: Outcome, c: Ref, get) -> Decimal | None:  # noqa: ANN001
    """The value ``c`` would need for the failed identity to hold."""
    cur = get(c)
    if o.expected is None or o.found is None or not isinstance(cur, Decimal):
        return None
    if c == o.ident.left:
        return o.expected
    if o.ident.kind == "any":
        return o.found
    if c in o.ident.minus:
        return cur - (o.found - o.expected)
    return cur + (o.found - o.expected)


@dataclass(frozen=True)
class Suspects:
    """Which cells may be blamed, and how: a figure kept only for the checks (``aux``) is
    evidence, never a culprit; an amount may not be corrected below zero unless it is a
    signed change (``signed``)."""

    aux: frozenset[Ref] = frozenset()
    signed: frozenset[Ref] = frozenset()

    def plausible(self, c: Ref, now: Decimal | Placeholder | None, fix: Decimal) -> bool:
        if c in self.aux:
            return False
        return fix >= 0 or c in self.signed or not (isinstance(now, Decimal) and now >= 0)


def _candidates(
    o: Outcome,
    by_cell: dict[Ref, list[Ident]],
    status: dict[int, str],
    get,  # noqa: ANN001
    suspects: Suspects,
) -> list[tuple[int, Ref, Decimal]]:
    """(score, cell, corrected value) for each cell of a failed identity whose correction —
    the value that makes the identity hold — is plausible; the score counts the failed
    identities that correction repairs minus the holding ones it breaks."""
    f = o.ident
    if f.kind == "missing":
        return []
    out = []
    for c in [f.left, *o.printed]:
        x = _fix_value(o, c, get)
        if x is None or not suspects.plausible(c, get(c), x):
            continue

        def patched(ref: Ref, c: Ref = c, x: Decimal = x):  # noqa: ANN202
            return x if ref == c else get(ref)

        score = 0
        for ident in by_cell.get(c, []):
            after = evaluate(ident, patched).status
            if status[id(ident)] == "fail" and after == "pass":
                score += 1
            elif status[id(ident)] == "pass" and after == "fail":
                score -= 1
        out.append((score, c, x))
    return out


def _top(cands: list[tuple[int, Ref, Decimal]]) -> list[tuple[int, Ref, Decimal]]:
    """The best-scoring candidates, when their correction explains anything at all."""
    best = max((s for s, _, _ in cands), default=0)
    return [t for t in cands if t[0] == best] if best > 0 else []


def assign_blame(
    outcomes: list[Outcome],
    idents: list[Ident],
    v: Values,
    suspects: Suspects,
    soft: dict[Ref, set[Ref]] | None = None,
) -> dict[int, tuple[Ref, list[Ref]]]:
    """(culprit, suspects) per failed identity.

    Greedy explanation: take the most certain single-cell correction, apply it,
    re-evaluate, repeat. What remains are failures that several cells explain equally well
    (a leaf of a table that prints only a total column). Such a failure lists all those
    cells as suspects and names, among those not corroborated by a counterpart of another
    scope (``soft``), the identity's left side when it is one of them, else the first in print
    order. Failures no single correction explains (a missing row) name their left
    side and list no suspect."""
    soft = soft or {}
    # evidence that fails is no failure to explain (a crosswalk sum that a department with
    # 事业单位 does not keep): explaining it would take a correction for a fault
    failing = {id(o.ident): o for o in outcomes if o.status == "fail" and not o.ident.evidence}
    if not failing:
        return {}
    # the identities of each cell a correction may touch: the failing identities' cells
    touched = {c for o in failing.values() for c in o.ident.cells()}
    by_cell: dict[Ref, list[Ident]] = {}
    for i in idents:
        for c in set(i.cells()):
            if c in touched:
                by_cell.setdefault(c, []).append(i)
    overrides: dict[Ref, Decimal] = {}

    lookup = v.cells.get  # v.get without its call

    def get(ref: Ref):  # noqa: ANN202
        return overrides[ref] if ref in overrides else lookup(ref)

    blame: dict[int, tuple[Ref, list[Ref]]] = {}
    status = {id(o.ident): o.status for o in outcomes}
    # a failure's best corrections, kept until a correction changes a cell they were worked
    # out from (the cells of its identity and of every identity those cells are in: all that
    # its evaluation and its candidates' scores read, values and statuses alike)
    tops: dict[int, list[tuple[int, Ref, Decimal]]] = {}
    reads = {
        k: {c for a in f.ident.cells() for i in by_cell[a] for c in i.cells()} for k, f in failing.items()
    }

    def top_of(k: int, o: Outcome) -> list[tuple[int, Ref, Decimal]]:
        if (top := tops.get(k)) is None:
            top = tops[k] = _top(_candidates(evaluate(o.ident, get), by_cell, status, get, suspects))
        return top

    for _ in range(len(failing)):
        scored = []
        for k, o in failing.items():
            if k in blame or status[k] != "fail":
                continue
            top = top_of(k, o)
            if len(top) == 1:
                scored.append(top[0])
        if not scored:
            break
        _, cell, x = max(scored, key=lambda t: t[0])
        overrides[cell] = x
        for k in [k for k in tops if cell in reads[k]]:
            del tops[k]
        for ident in by_cell.get(cell, []):  # only identities with this cell can change
            status[id(ident)] = evaluate(ident, get).status
            if id(ident) in failing and id(ident) not in blame and status[id(ident)] == "pass":
                blame[id(ident)] = (cell, [cell])
    for k, o in failing.items():
        if k in blame:
            continue
        cells = [c for _, c, _ in top_of(k, o)]
        # a suspect printed identically where the same quantity stands in a document of
        # another scope is less likely the wrong one
        agree = {c for c in cells if agrees(v, c, soft.get(c, set()))}
        first = [c for c in cells if c not in agree] or cells
        if o.ident.left in first:
            first.remove(o.ident.left)
            first.insert(0, o.ident.left)
        cells = [*first, *(c for c in cells if c not in first)]
        blame[k] = (cells[0] if cells else o.ident.left, cells)
    return blame
