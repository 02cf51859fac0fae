"""One identity of the arithmetic checks, the values it reads, and its evaluation.

Rounding (尾数误差): every cell is rounded on its own, so an identity holds when
|left − Σ right| ≤ 0.01 × (number of terms on the right, at least 1); smaller gaps are never
reported. A blank cell inside a breakdown counts as 0; an identity is not evaluated when its
left side is blank or its whole right side is blank. A dash (``-``, ``—``) where a number
belongs is a printed nil: it counts as 0, as a printed 0 does (it stays ``-`` in the result).
Any other placeholder (``#####``, ``**``) fails every identity it takes part in. Amounts are
compared in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..core.labels import Labels
from ..core.money import TABLE_TO_WANYUAN, wanyuan_per
from ..core.result import Provenance, Result, Table, to_decimal

NIL = re.compile(r"^(?:-{1,2}|—{1,2}|－|–)$")  # a dash printed for nothing: 0
CENT = Decimal("0.01")
YUAN = Decimal("0.0001")  # 1 元 in 万元
_ZERO = Decimal(0)
Ref = tuple[str, str, str]  # (table, row, col)


class Placeholder:
    pass


def _amount(value: str) -> Decimal | None:
    """A table cell's amount: a dash printed for nothing is 0; None for another placeholder."""
    return Decimal(0) if NIL.match(value.strip()) else to_decimal(value)


PLACEHOLDER = Placeholder()


# thousands per document: made and read faster without a __dict__, and made by an __init__
# written out (compiled; the dataclass's own is made at import and runs as Python)
@dataclass(slots=True, init=False)
class Ident:
    """One identity to evaluate: ``left = Σ right`` (kind ``sum``), ``left`` equals one of
    ``right`` (kind ``any``: prose against its table counterparts), or a parent printed
    without children (kind ``missing``)."""

    rule: str
    left: Ref
    right: list[Ref]
    kind: str = "sum"
    note: str = ""  # said after the message, in Chinese
    note_en: str = ""  # the same in ids, for a model's re-prompt
    extra_cells: list[Ref] = field(default_factory=list)
    zero: frozenset[Ref] = frozenset()  # blank cells of printed rows: they count as 0
    minus: frozenset[Ref] = frozenset()  # right-hand terms that are subtracted
    evidence: bool = False  # used to tell which cell is wrong, never reported itself
    whole: bool = False  # evaluated only when every term is printed (a change between two years)
    grain: Decimal = Decimal(1)  # 万元 per printed unit of its coarsest term: the rounding step
    slack: Decimal = Decimal(0)  # 万元 a prose figure printed coarser than 0.01 may round away
    note_tol: Decimal = Decimal(0)  # 万元 within which a gap is a rounding note, not a failure
    at_least: bool = False  # left ≥ Σ right: the left side covers more than its terms
    upper: bool = False  # kind ``any``: the left side is part of its counterparts (≤ the largest)
    unstated: bool = False  # a fact not stated among the terms: left ≥ Σ the stated ones

    def __init__(  # noqa: PLR0913 - the fields, in order, with their defaults
        self,
        rule: str,
        left: Ref,
        right: list[Ref],
        kind: str = "sum",
        note: str = "",
        note_en: str = "",
        extra_cells: list[Ref] | None = None,
        zero: frozenset[Ref] = frozenset(),
        minus: frozenset[Ref] = frozenset(),
        evidence: bool = False,
        whole: bool = False,
        grain: Decimal = Decimal(1),
        slack: Decimal = Decimal(0),
        note_tol: Decimal = Decimal(0),
        at_least: bool = False,
        upper: bool = False,
        unstated: bool = False,
    ) -> None:
        self.rule = rule
        self.left = left
        self.right = right
        self.kind = kind
        self.note = note
        self.note_en = note_en
        self.extra_cells = [] if extra_cells is None else extra_cells
        self.zero = zero
        self.minus = minus
        self.evidence = evidence
        self.whole = whole
        self.grain = grain
        self.slack = slack
        self.note_tol = note_tol
        self.at_least = at_least
        self.upper = upper
        self.unstated = unstated

    def cells(self) -> list[Ref]:
        return [self.left, *self.right, *self.extra_cells]


@dataclass(slots=True, init=False)  # (its __init__ written out, as Ident's)
class Outcome:
    ident: Ident
    status: str  # "pass" | "fail" | "skip" | "round" (a gap within the printed rounding)
    expected: Decimal | None = None
    found: Decimal | None = None
    printed: list[Ref] = field(default_factory=list)

    def __init__(
        self,
        ident: Ident,
        status: str,
        expected: Decimal | None = None,
        found: Decimal | None = None,
        printed: list[Ref] | None = None,
    ) -> None:
        self.ident = ident
        self.status = status
        self.expected = expected
        self.found = found
        self.printed = [] if printed is None else printed


class Values:
    """Cell lookup over a result: (table, row, col) → Decimal, None (blank) or PLACEHOLDER.

    Amounts are compared in 万元: a table that says it prints in 元 (``单位：元``) has its
    figures scaled, and its identities keep the rounding step of what it prints (0.01 元)."""

    def __init__(self, result: Result, counts: frozenset[str] = frozenset()) -> None:
        self.counts = counts  # prose facts that count things (vehicles): exact, no money unit
        self.result = result
        self.tables: dict[str, Table] = {t.id: t for t in result.tables}
        self.cells: dict[Ref, Decimal | Placeholder] = {}
        self.labels: dict[tuple[str, str], str] = {}
        self.scale: dict[str, Decimal] = {}
        self.where: dict[Ref, Provenance] = {}
        self.sentences: dict[str, str] = {f.id: f.sentence for f in result.narrative}
        self.doubtful: set[Ref] = set()
        self._columns: set[tuple[str, str]] | None = None
        self._rows: dict[str, list[str]] = {}
        self.expanded: dict[tuple[str, ...], list[list[Ref]]] = {}  # rules.py's templates, instantiated
        self._words: Labels | None = None
        self.conditions: dict[tuple[str, int], bool] = {}  # rules.py's scope conditions, found
        self.steps: dict[str, Decimal] = {}  # 万元 per last printed digit, per table and prose fact
        for t in result.tables:
            self._add_table(t)
        self.fact_units: dict[str, str] = {}  # a prose figure's unit, where not 万元 (元, 亿元)
        for f in result.narrative:
            d = to_decimal(f.value)
            k = Decimal(1) if f.id in counts else wanyuan_per(f.unit)
            if k != 1:
                self.fact_units[f.id] = f.unit
            self.cells[("narrative", f.id, "value")] = d * k if d is not None else PLACEHOLDER
            self.steps[f"narrative:{f.id}"] = _step([f.value]) * k
            self.where[("narrative", f.id, "value")] = f.provenance
            if f.status == "doubt":  # (stated again in another unit, unlike: which is it?)
                self.doubtful.add(("narrative", f.id, "value"))

    def _add_table(self, t: Table) -> None:
        """A table's cells, in 万元, and its step (its values read in one pass)."""
        k = self.scale[t.id] = TABLE_TO_WANYUAN.get(t.unit_checked or t.money_unit, Decimal(1))
        cells, where, doubtful, places = self.cells, self.where, self.doubtful, -1
        plain = _PLAIN_NUMBER.fullmatch
        # a unit's figures are checked under their own row id, never listed among the rows
        for key, r in t.checked_rows():
            self.labels[(t.id, key)] = r.label
            for cid, c in r.values.items():
                ref = (t.id, key, cid)
                value = c.value
                if plain(value):  # most cells: a plain number, as _amount and _decimals read it
                    d: Decimal | None = Decimal(value)
                    n: int | None = len(value.partition(".")[2])
                else:
                    d, n = _amount(value), _decimals(value)
                cells[ref] = d * k if d is not None else PLACEHOLDER
                where[ref] = c.provenance
                if c.status == "doubt":
                    doubtful.add(ref)
                if n is not None and n > places:
                    places = n
        self.steps[t.id] = k * (Decimal(1).scaleb(-places) if places >= 0 else CENT)  # as _step()

    @property
    def words(self) -> Labels:
        """The Chinese names of the result's tables, rows and columns (made once: the messages
        name a cell again and again)."""
        if self._words is None:
            self._words = Labels(self.result.spec)
        return self._words

    def get(self, ref: Ref) -> Decimal | Placeholder | None:
        return self.cells.get(ref)

    def grain(self, ref: Ref) -> Decimal:
        """万元 per printed unit of the cell's table or prose figure (1 for 万元)."""
        if ref[0] == "narrative":
            return wanyuan_per(self.fact_units.get(ref[1], ""))
        return self.scale.get(ref[0], Decimal(1))

    def step(self, ref: Ref) -> Decimal:
        """万元 per last digit the cell's table (or the prose figure) prints: 0.01 for a 万元
        table with cents, 0.0001 for one in whole 元, 1 for a prose figure in whole 万元."""
        key = f"narrative:{ref[1]}" if ref[0] == "narrative" else ref[0]
        return self.steps.get(key, CENT)

    def unit(self, ref: Ref) -> str:
        """The unit the cell's amounts are in: 万元, 千元 or 元 ('' for a count)."""
        if ref[0] == "narrative":
            return "" if ref[1] in self.counts else self.fact_units.get(ref[1], "万元")
        t = self.tables.get(ref[0])
        return (t.unit_checked or t.money_unit or "万元") if t is not None else "万元"

    def shown(self, ref: Ref, x: Decimal | None, step: Decimal | None = None) -> str:
        """An amount in the unit the cell's table prints, with the decimals it prints (or
        those of ``step``, in 万元)."""
        if x is None:
            return ""
        k = self.grain(ref)
        places = min((step or self.step(ref)) / k, Decimal(1))
        try:
            return _fmt((x / k).quantize(places.normalize()))
        except InvalidOperation:  # more digits than Decimal's 28 (an amount misprinted or misread)
            return _fmt(x / k)

    def plain(self, ref: Ref, x: Decimal | None) -> str:
        """An amount in the unit the cell's table prints, to the cent (for a model's re-prompt)."""
        if x is None:
            return ""
        k = self.grain(ref)
        try:
            return _fmt(x if k == 1 else (x / k).quantize(CENT))
        except InvalidOperation:
            return _fmt(x / k)

    def said(self, ref: Ref, x: Decimal | None, step: Decimal | None = None) -> str:
        """An amount with its unit, for a message: ``28.50 万元``, ``3000 元``."""
        if x is None:
            return "（空）"
        return f"{self.shown(ref, x, step)} {self.unit(ref)}".rstrip()

    def set_table_grains(self, idents: list[Ident], table: str) -> list[Ident]:
        """:meth:`set_grains` for identities between cells of ``table`` alone."""
        grain, step = self.scale.get(table, Decimal(1)), self.steps.get(table, CENT)
        for i in idents:
            _one_table(i, grain, step)
        return idents

    def set_grains(self, idents: list[Ident]) -> list[Ident]:
        scale, steps, one = self.scale, self.steps, Decimal(1)
        for i in idents:  # grain() and step() inlined: thousands of identities per document
            refs = i.cells()
            table = refs[0][0]
            if table != "narrative" and all(r[0] == table for r in refs):
                _one_table(i, scale.get(table, one), steps.get(table, CENT))  # most identities
                continue
            i.grain = max(self.grain(r) if r[0] == "narrative" else scale.get(r[0], one) for r in refs)
            coarse: list[Decimal] = []
            tables: list[Decimal] = []
            for r in refs:
                if r[0] != "narrative":
                    tables.append(steps.get(r[0], CENT))
                elif r[1] not in self.counts:
                    st = steps.get(f"narrative:{r[1]}", CENT)
                    if st > CENT * self.grain(r):  # coarser than a cent of its own unit (739 元, 739 万元)
                        coarse.append(st)
            i.slack = sum(coarse, Decimal(0))
            n = len(i.right)
            if i.kind == "sum" and n >= 2 and tables and not coarse and max(tables) <= YUAN:
                # parts rounded one by one to the 元: a total misses their sum by up to about
                # half a 元 per part (a table in whole 元 whose 合计 is 1 元 off its rows); a
                # table in whole 万元 gets no such slack (1 万元 off is a misreading or an error)
                i.note_tol = max(tables) * ((n + 1) // 2)
        return idents

    def printed(self, ref: Ref) -> bool:
        """Whether the cell's column prints an amount on any row of its table."""
        if self._columns is None:
            self._columns = {(k[0], k[2]) for k in self.cells}
        return (ref[0], ref[2]) in self._columns

    def rows(self, table: str) -> list[str]:
        """The table's row keys, in print order (found once: the rules ask for them again and
        again; not to be changed by the caller)."""
        if (keys := self._rows.get(table)) is None:
            t = self.tables.get(table)
            keys = self._rows[table] = [r.key for r in t.rows] if t else []
        return keys


def _one_table(i: Ident, grain: Decimal, step: Decimal) -> None:
    """:meth:`Values.set_grains` for an identity between cells of one table (of that grain
    and step): no prose figure's slack, and the rounding note of a table in whole 元."""
    i.grain = grain
    i.slack = Decimal(0)
    n = len(i.right)
    if i.kind == "sum" and n >= 2 and step <= YUAN:
        i.note_tol = step * ((n + 1) // 2)


def _fmt(d: Decimal | None) -> str:
    if d is None:
        return ""
    return format(d, "f")  # as printed: 7.00 when its terms carry cents, 11 when the prose says 11


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d*)?")


def _decimals(value: str) -> int | None:
    v = value.strip().replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(v):
        return None
    return len(v.partition(".")[2])


def _step(values) -> Decimal:  # noqa: ANN001 - values: Iterable[str]
    """The last printed digit of the finest-printed amount (1 when every amount is whole, 0.01
    when any prints cents; 0.01 when nothing is printed)."""
    places = [d for v in values if (d := _decimals(v)) is not None]
    return Decimal(1).scaleb(-max(places)) if places else CENT


def evaluate(ident: Ident, get) -> Outcome:  # noqa: ANN001 - get: Ref -> value
    lv = get(ident.left)
    if lv is None:
        return Outcome(ident, "skip")
    kind, zero, minus = ident.kind, ident.zero, ident.minus
    printed: list[Ref] = []
    nums: list[Decimal] = []  # the figures printed, in order (compared only by ``any``)
    total = _ZERO  # their sum, in order, as sum() would make it (for a sum)
    held = isinstance(lv, Placeholder)  # a placeholder among the figures
    summing = kind != "any" and kind != "missing"  # a sum: its total made in the same pass, in order
    for r in ident.right:  # one pass (thousands of identities per document)
        x = get(r)
        if x is None:
            if not (zero and r in zero):
                continue
            x = _ZERO
        elif isinstance(x, Placeholder):
            held = True
            printed.append(r)
            continue
        printed.append(r)
        if summing:
            total = total + (-x if minus and r in minus else x)
        else:
            nums.append(x)
    if kind == "missing":
        if isinstance(lv, Decimal) and lv == 0:
            return Outcome(ident, "pass")
        return Outcome(ident, "fail", Decimal(0), lv if isinstance(lv, Decimal) else None, printed)
    if not printed:
        return Outcome(ident, "skip")
    if ident.whole and len(printed) < len(ident.right):
        return Outcome(ident, "skip")  # a difference needs both figures: nothing to compare
    if held:
        return Outcome(ident, "fail", None, None, printed)
    if kind == "any":
        if any(abs(lv - x) <= CENT * ident.grain or abs(lv - x) < ident.slack for x in nums):
            return Outcome(ident, "pass")
        if ident.upper and lv <= max(nums) + CENT * ident.grain:
            return Outcome(ident, "pass")  # a part of its counterparts
        exp = max(nums) if ident.upper else nums[0] if len(set(nums)) == 1 else None
        return Outcome(ident, "fail", exp, lv, printed)
    tol = CENT * ident.grain * max(1, len(ident.right))
    gap = abs(lv - total)
    if gap <= tol or gap < ident.slack:
        return Outcome(ident, "pass")
    if (ident.at_least or (ident.unstated and len(printed) < len(ident.right))) and lv > total:
        return Outcome(ident, "pass")  # the left side covers more than the terms printed
    if gap <= ident.note_tol:
        return Outcome(ident, "round", total, lv, printed)
    return Outcome(ident, "fail", total, lv, printed)


def as_number(x: Decimal | Placeholder | None) -> Decimal | None:
    return x if isinstance(x, Decimal) else None


def agrees(v: Values, c: Ref, others: set[Ref]) -> bool:
    """Whether ``c`` is printed with the same amount as one of ``others``."""
    x = as_number(v.get(c))
    return x is not None and any(as_number(v.get(o)) == x for o in others)
