"""Deterministic arithmetic reconciliation: prove every number, and say who is wrong.

One engine evaluates the rules declared in ``schemas/`` (the identities: ``rules.py``; one
identity and its evaluation: ``arithmetic.py``), names the culprit of each failure
(``blame.py``) and writes the failed checks. Failures are attributed to the document
(``source: document``) unless the extractor itself was unsure of the cells involved
(``source: extraction``).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from decimal import Decimal

from ..core.labels import Labels
from ..core.result import Blame, Cell, CellRef, Check, Fact, Result
from ..core.schemas import Schemas
from ..document.chunking import code_family
from . import blockrows, unit_views
from . import messages as words
from . import messages_en as en
from . import units as money_units
from .arithmetic import CENT, Ident, Outcome, Ref, Values, agrees, evaluate
from .blame import Suspects, assign_blame
from .rules import balances, counterparts, hierarchy, identities, is_code, row_identities

__all__ = [
    "CENT",
    "Ident",
    "Outcome",
    "Values",
    "balances",
    "check",
    "doubt_blamed",
    "evaluate",
    "hierarchy",
    "message",
    "row_identities",
]


_FLOAT_SLACK = Decimal("1e-12")


class _Amounts:
    """The tables' amounts in order of size, to find the cells printing about a given amount
    without reading every cell for each failed check (sorted when first asked)."""

    def __init__(self, v: Values) -> None:
        self.v = v
        self.items: list[tuple[float, int, Ref]] | None = None
        self.keys: list[float] = []
        self.widest = max([Decimal(1), *v.scale.values()])  # the coarsest table's grain

    def near(self, x: Decimal, tol: Decimal) -> list[Ref]:
        """The cells printing an amount within ``tol`` of ``x`` (some a little further: the
        caller tells exactly), in the order the cells were read."""
        if self.items is None:
            self.items = sorted(
                (float(y), n, ref)
                for n, (ref, y) in enumerate(self.v.cells.items())
                if ref[0] != "narrative" and isinstance(y, Decimal) and y.is_finite()
            )
            self.keys = [k for k, _, _ in self.items]
        pad = 2 * tol + abs(x) * _FLOAT_SLACK  # more than a float's error at any size
        lo = bisect.bisect_left(self.keys, float(x - pad))
        hi = bisect.bisect_right(self.keys, float(x + pad))
        return [ref for _, _, ref in sorted(self.items[lo:hi], key=lambda it: it[1])]


def _missing_row_hint(v: Values, o: Outcome, amounts: _Amounts) -> None:
    """When children fall short of their parent by exactly a row printed in another table,
    name that row."""
    f = o.ident
    if (
        f.rule not in ("children_sum", "children_missing", "total_sum")
        or o.expected is None
        or o.found is None
    ):
        return
    gap = o.found - o.expected
    if gap <= 0:
        return
    table, parent, col = f.left
    present = set(v.rows(table))
    level = min((len(k) for k in present if is_code(k)), default=3) if parent == "total" else len(parent) + 2
    for t2, row, c2 in amounts.near(gap, CENT * max(f.grain, amounts.widest)):  # the others are further
        val = v.cells[(t2, row, c2)]
        tol = CENT * max(f.grain, v.grain((t2, row, c2)))
        if t2 in (table, "narrative") or not isinstance(val, Decimal) or abs(val - gap) > tol:
            continue
        code = row.split(".", 1)[1] if row.startswith("out.") else row
        if not is_code(code) or code in present or len(code) != level:
            continue
        if parent != "total" and not code.startswith(parent):
            continue
        if c2 != col and c2 not in ("total", "amount"):
            continue
        hint = words.missing_row(v, t2, row, c2, val)
        f.note = f"{f.note}；{hint}" if f.kind == "missing" and f.note else hint
        f.note_en = en.missing_row(v, t2, row, c2, val)
        f.extra_cells.append((t2, row, c2))
        return


message = en.for_model  # a failure in ids, for the model's re-prompt


def _corroborated(v: Values, suspects: list[Ref], soft: dict[Ref, set[Ref]]) -> tuple[str, str]:
    """The message's note (Chinese, ids) when a tie was told apart by counterparts of another
    scope."""
    if len(suspects) < 2 or agrees(v, suspects[0], soft.get(suspects[0], set())):
        return "", ""
    twins = []
    for r in suspects[1:]:
        twin = next((x for x in sorted(soft.get(r, ())) if agrees(v, r, {x})), None)
        if twin is not None:
            twins.append((r, twin))
    if not twins:
        return "", ""
    zh = "，".join(words.alike(v, r, t) for r, t in twins)
    return f"；{zh}", f"; {', '.join(en.alike(r, t) for r, t in twins)}"


def _source(
    result: Result, cells: list[Ref], v: Values, uncorroborated: set[str], foreign: dict[str, str]
) -> tuple[Blame, str, str]:
    """``document`` only when every cell the identity involves was read with certainty and
    its table's reading is corroborated by the table's other identities; otherwise
    ``extraction``, with a note saying which reading is in doubt."""
    tables = {t.id: t for t in result.tables}
    for table, _, _ in cells:
        t = tables.get(table)
        if t is None:
            continue
        if t.unsure or t.extracted_by == "model-unreconciled":
            title = Labels(result.spec).table_title(t)
            return "extraction", words.table_in_doubt(title), en.table_in_doubt(table)
    for table, _, _ in cells:
        if table in foreign:
            title = Labels(result.spec).table_title(tables[table])
            return (
                "extraction",
                words.foreign_rows(title, foreign[table]),
                en.foreign_rows(table, foreign[table]),
            )
    doubtful = [c for c in cells if c in v.doubtful]
    if doubtful:
        return "extraction", words.cells_in_doubt(v, doubtful[:4]), en.cells_in_doubt(doubtful[:4])
    for table, _, _ in cells:
        if table in uncorroborated:
            title = Labels(result.spec).table_title(tables[table])
            return "extraction", words.table_uncorroborated(title), en.table_uncorroborated(table)
    return "document", "", ""


def _foreign(result: Result, schemas: Schemas) -> dict[str, str]:
    """Tables holding a row code of another classification than theirs (schemas' ``codes``: a
    function table with 30101 in it took in the rows of an economic table): table → that code."""
    out = {}
    for t in result.tables:
        s = schemas.tables.get(t.id)
        if s is None or s.codes == "any":
            continue
        code = next(
            (r.key for r in t.rows if is_code(r.key) and code_family(r.key) not in (s.codes, None)), None
        )
        if code is not None:
            out[t.id] = code
    return out


def _uncorroborated(outcomes: list[Outcome]) -> set[str]:
    """Tables whose own identities mostly fail: a reading the arithmetic does not back up
    (one wrong printed figure fails a few identities, a misread column fails most)."""
    seen: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for o in outcomes:
        if o.status == "skip" or o.ident.evidence:
            continue
        i = o.ident
        table = i.left[0]  # its cells' (left, right, extra) tables, read without listing them
        if (
            table == "narrative"  # the prose is no grid
            or any(r[0] != table for r in i.right)
            or any(r[0] != table for r in i.extra_cells)
        ):
            continue
        seen[table] += 1
        failed[table] += o.status == "fail"
    return {t for t, n in failed.items() if n >= 3 and n > 0.4 * seen[t]}


def _last_years(ref: Ref, schemas: Schemas) -> bool:
    """Whether a cell is last year's: a column of period ``prior``, or the ``prior`` row of a
    table laid out by periods (a unit's figure of it, ``prior/426003``, too)."""
    t = schemas.tables.get(ref[0])
    if t is None:
        return False
    if t.layout == "periods" and ref[1].split("/")[0] == "prior":
        return True
    return any(c.id == ref[2] and c.period == "prior" for c in t.columns)


def _printed_elsewhere(o: Outcome, v: Values, schemas: Schemas, amounts: _Amounts) -> Ref | None:
    """For a prose figure that disagrees with its counterparts: a table cell (not one of
    them, nor a prior-year figure: a prose figure copied from last year's column is the
    document's error) printing that very figure. Then the prose was probably read for the
    wrong quantity (a 项 amount taken for its 类), so the disagreement is not laid on the
    document. Figures of fewer than three significant digits (0, 5.00, 11.00) match too
    much by chance to tell."""
    x = o.found
    if o.ident.rule != "narrative_vs_table" or x is None or o.ident.left[0] != "narrative":
        return None
    if len(str(abs(x)).replace(".", "").strip("0")) < 3:
        return None
    counterparts = set(o.ident.right)
    tol = CENT / 2 * v.grain(o.ident.left)  # half a cent of the prose figure's own unit (元, 万元)
    for ref in amounts.near(x, tol):  # the cells further from it print another figure
        y = v.cells[ref]
        if ref[0] == "narrative" or ref in counterparts or _last_years(ref, schemas):
            continue  # a prose figure equal to last year's is a stale figure: the document's
        if isinstance(y, Decimal) and abs(y - x) <= tol:
            return ref
    return None


def _where(v: Values, refs: list[Ref]) -> tuple[int | None, int | None]:
    """Line and page of the first of ``refs`` that was read from the document."""
    for r in refs:
        p = v.where.get(r)
        if p is not None:
            return p.line, p.page
    return None, None


def doubt_blamed(result: Result) -> None:
    """A value a failed check lays on the extraction is in doubt: the check's culprit and its
    other suspects get ``status: doubt`` (a table cell or a prose figure) — unless one of the
    check's cells is in doubt already, which is what laid it on the extraction. A check inside
    a unit's block (``Check.block``) names that block's cells."""
    if not any(c.category == "arithmetic" and c.source == "extraction" for c in result.checks):
        return  # (the cells are looked up only for such a check)
    values: dict[int, dict[Ref, Cell | Fact]] = defaultdict(dict)
    for t in result.tables:
        for key, row in t.checked_rows():
            for col, cell in row.values.items():
                values[t.block][(t.id, key, col)] = cell
    values[0].update({("narrative", f.id, "value"): f for f in result.narrative})
    for c in result.checks:
        if c.category != "arithmetic" or c.source != "extraction":
            continue
        cells = values[c.block]
        if any(x.status == "doubt" for r in c.cells if (x := cells.get((r.table, r.row, r.col))) is not None):
            continue
        for r in [CellRef(table=c.table, row=c.row, col=c.col), *c.suspects]:
            if (x := cells.get((r.table, r.row, r.col))) is not None:
                x.status = "doubt"


def _rounding(o: Outcome, v: Values) -> Check:
    """A gap within what rounding each printed figure can make (a table in whole 元 whose 合计
    misses its rows by 1 元): a note of its own category, not a failed check."""
    cells = list(dict.fromkeys([o.ident.left, *o.printed]))
    line, page = _where(v, cells)
    return Check(
        rule=o.ident.rule,
        table=o.ident.left[0],
        row=o.ident.left[1],
        col=o.ident.left[2],
        expected=v.shown(o.ident.left, o.expected),
        found=v.shown(o.ident.left, o.found),
        cells=[CellRef(table=a, row=b, col=c) for a, b, c in cells],
        source="document",
        message=words.message(o, v),
        category="rounding",
        line=line,
        page=page,
    )


def check(result: Result, schemas: Schemas | None = None) -> list[Check]:
    """Evaluate every rule on ``result``; return the failed checks (``[]`` when consistent).
    A table printed unit by unit: the department's tables are checked together, each unit's
    block on its own (its own identities; never against the department's tables)."""
    schemas = schemas or result.spec
    department, blocks = unit_views.split(result)
    out = _check(department, schemas)
    unit_views.follow_units(result)
    for view in blocks:
        out += unit_views.tagged(_check(view, schemas, across=False), view.tables[0])
    return out + (unit_views.blocks_add_up(result) + blockrows.rows_add_up(result) if blocks else [])


def _check(result: Result, schemas: Schemas, across: bool = True) -> list[Check]:
    counts = frozenset(f.id for f in schemas.facts if f.count)
    # the values are read once, for the unit labels' check and for the arithmetic
    labels_wrong, v = money_units.correct(result, schemas, counts) if across else ([], Values(result, counts))
    idents = identities(result, schemas, v, across)
    outcomes = [evaluate(i, v.cells.get) for i in idents]  # v.get without its call
    suspects = Suspects(
        aux=frozenset(("narrative", f, "value") for f in schemas.aux_facts),
        signed=frozenset(("narrative", f, "value") for f in schemas.signed_facts),
    )
    soft = counterparts(v, schemas)
    blame = assign_blame(outcomes, idents, v, suspects, soft)
    uncorroborated = _uncorroborated(outcomes)
    foreign = _foreign(result, schemas)
    checks: list[Check] = list(labels_wrong)
    amounts = _Amounts(v)
    for o in outcomes:
        if o.status == "round" and not o.ident.evidence:
            checks.append(_rounding(o, v))
        if o.status != "fail" or o.ident.evidence:
            continue
        _missing_row_hint(v, o, amounts)
        culprit, suspects_ = blame[id(o.ident)]
        cells = list(dict.fromkeys([o.ident.left, *o.printed, *o.ident.extra_cells]))
        source, doubt_note, doubt_en = _source(result, cells, v, uncorroborated, foreign)
        if source == "document" and (same := _printed_elsewhere(o, v, schemas, amounts)):
            source = "extraction"
            doubt_note = words.printed_elsewhere(v, o.ident.left, o.found, same)
            doubt_en = en.printed_elsewhere(v, o.ident.left, o.found, same)
        alike, alike_en = _corroborated(v, suspects_, soft)
        line, page = _where(v, [culprit, *cells])
        checks.append(
            Check(
                rule=o.ident.rule,
                table=culprit[0],
                row=culprit[1],
                col=culprit[2],
                expected=v.shown(o.ident.left, o.expected),
                found=v.shown(o.ident.left, o.found),
                cells=[CellRef(table=a, row=b, col=c) for a, b, c in cells],
                suspects=[CellRef(table=a, row=b, col=c) for a, b, c in suspects_],
                source=source,
                message=words.message(o, v) + words.undecided(v, suspects_) + alike + doubt_note,
                plain=en.for_model(o, v) + en.undecided(suspects_) + alike_en + doubt_en,
                line=line,
                page=page,
            )
        )
    return checks
