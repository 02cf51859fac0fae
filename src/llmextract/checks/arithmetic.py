"""One identity of the arithmetic checks, the values it reads, and its evaluation.

Rounding (尾数误差): every cell is rounded on its own, so an identity holds when
|left − Σ right| ≤ 0.01 × (number of terms on the right, at least 1); smaller gaps are never
reported. A blank cell inside a breakdown counts as 0; an identity is not evaluated when its
left side is blank or its whole right side is blank. A placeholder (``#####``, ``-``) where a
number belongs fails every identity it takes part in. Amounts are compared in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..core.result import Provenance, Result, Table, to_decimal

CENT = Decimal("0.01")
Ref = tuple[str, str, str]  # (table, row, col)


class Placeholder:
    pass


PLACEHOLDER = Placeholder()


@dataclass
class Ident:
    """One identity to evaluate: ``left = Σ right`` (kind ``sum``), ``left`` equals one of
    ``right`` (kind ``any``: prose against its table counterparts), or a parent printed
    without children (kind ``missing``)."""

    rule: str
    left: Ref
    right: list[Ref]
    kind: str = "sum"
    note: str = ""
    extra_cells: list[Ref] = field(default_factory=list)
    zero: frozenset[Ref] = frozenset()  # blank cells of printed rows: they count as 0
    minus: frozenset[Ref] = frozenset()  # right-hand terms that are subtracted
    evidence: bool = False  # used to tell which cell is wrong, never reported itself
    whole: bool = False  # evaluated only when every term is printed (a change between two years)
    grain: Decimal = Decimal(1)  # 万元 per printed unit of its coarsest term: the rounding step

    def cells(self) -> list[Ref]:
        return [self.left, *self.right, *self.extra_cells]


@dataclass
class Outcome:
    ident: Ident
    status: str  # "pass" | "fail" | "skip"
    expected: Decimal | None = None
    found: Decimal | None = None
    printed: list[Ref] = field(default_factory=list)


_TO_WANYUAN = {"": Decimal(1), "万元": Decimal(1), "千元": Decimal("0.1"), "元": Decimal("0.0001")}


class Values:
    """Cell lookup over a result: (table, row, col) → Decimal, None (blank) or PLACEHOLDER.

    Amounts are compared in 万元: a table that says it prints in 元 (``单位：元``) has its
    figures scaled, and its identities keep the rounding step of what it prints (0.01 元)."""

    def __init__(self, result: Result) -> None:
        self.tables: dict[str, Table] = {t.id: t for t in result.tables}
        self.cells: dict[Ref, Decimal | Placeholder] = {}
        self.labels: dict[tuple[str, str], str] = {}
        self.scale = {t.id: _TO_WANYUAN.get(t.money_unit, Decimal(1)) for t in result.tables}
        self.where: dict[Ref, Provenance] = {}
        self.sentences: dict[str, str] = {f.id: f.sentence for f in result.narrative}
        self.doubtful: set[Ref] = set()
        for t in result.tables:
            k = self.scale[t.id]
            # a unit's figures are checked under their own row id, never listed among the rows
            for key, r in t.checked_rows():
                self.labels[(t.id, key)] = r.label
                for cid, c in r.values.items():
                    d = to_decimal(c.value)
                    self.cells[(t.id, key, cid)] = d * k if d is not None else PLACEHOLDER
                    self.where[(t.id, key, cid)] = c.provenance
                    if c.status == "doubt":
                        self.doubtful.add((t.id, key, cid))
        for f in result.narrative:
            d = to_decimal(f.value)
            self.cells[("narrative", f.id, "value")] = d if d is not None else PLACEHOLDER
            self.where[("narrative", f.id, "value")] = f.provenance

    def get(self, ref: Ref) -> Decimal | Placeholder | None:
        return self.cells.get(ref)

    def grain(self, ref: Ref) -> Decimal:
        """万元 per printed unit of the cell's table (1 for 万元 and for prose figures)."""
        return self.scale.get(ref[0], Decimal(1))

    def shown(self, ref: Ref, x: Decimal | None) -> str:
        """An amount in the unit the cell's table prints, for a message."""
        if x is None:
            return ""
        k = self.grain(ref)
        return _fmt(x if k == 1 else (x / k).quantize(CENT))

    def set_grains(self, idents: list[Ident]) -> list[Ident]:
        for i in idents:
            i.grain = max(self.grain(r) for r in i.cells())
        return idents

    def rows(self, table: str) -> list[str]:
        t = self.tables.get(table)
        return [r.key for r in t.rows] if t else []


def _fmt(d: Decimal | None) -> str:
    if d is None:
        return ""
    return format(d, "f")  # as printed: 7.00 when its terms carry cents, 11 when the prose says 11


def evaluate(ident: Ident, get) -> Outcome:  # noqa: ANN001 - get: Ref -> value
    lv = get(ident.left)
    if lv is None:
        return Outcome(ident, "skip")
    rvs = [get(r) for r in ident.right]
    rvs = [Decimal(0) if x is None and r in ident.zero else x for r, x in zip(ident.right, rvs, strict=True)]
    printed = [r for r, x in zip(ident.right, rvs, strict=True) if x is not None]
    if ident.kind == "missing":
        if isinstance(lv, Decimal) and lv == 0:
            return Outcome(ident, "pass")
        return Outcome(ident, "fail", Decimal(0), lv if isinstance(lv, Decimal) else None, printed)
    if not printed:
        return Outcome(ident, "skip")
    if ident.whole and len(printed) < len(ident.right):
        return Outcome(ident, "skip")  # a difference needs both figures: nothing to compare
    if isinstance(lv, Placeholder) or any(isinstance(x, Placeholder) for x in rvs):
        return Outcome(ident, "fail", None, None, printed)
    if ident.kind == "any":
        nums = [x for x in rvs if isinstance(x, Decimal)]
        if any(abs(lv - x) <= CENT * ident.grain for x in nums):
            return Outcome(ident, "pass")
        exp = nums[0] if len(set(nums)) == 1 else None
        return Outcome(ident, "fail", exp, lv, printed)
    total = sum(
        (
            (-x if r in ident.minus else x)
            for r, x in zip(ident.right, rvs, strict=True)
            if isinstance(x, Decimal)
        ),
        Decimal(0),
    )
    tol = CENT * ident.grain * max(1, len(ident.right))
    if abs(lv - total) <= tol:
        return Outcome(ident, "pass")
    return Outcome(ident, "fail", total, lv, printed)


def as_number(x: Decimal | Placeholder | None) -> Decimal | None:
    return x if isinstance(x, Decimal) else None


def agrees(v: Values, c: Ref, others: set[Ref]) -> bool:
    """Whether ``c`` is printed with the same amount as one of ``others``."""
    x = as_number(v.get(c))
    return x is not None and any(as_number(v.get(o)) == x for o in others)
