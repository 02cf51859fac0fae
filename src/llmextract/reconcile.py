"""Deterministic arithmetic reconciliation: prove every number, and say who is wrong.

One engine evaluates the rules declared in ``schemas/``:

- hierarchy (``hierarchy: true`` in a table file): a parent code row equals the sum of its
  children, per column; the total row equals the sum of the top rows (or of the leaf rows
  when a table lists only leaves); a parent printed without any child while its siblings
  have theirs is a finding too;
- row identities (``identities``): e.g. total = basic + project, on every row;
- balances (``balances``): identities between rows of one table (收入总计 = 支出总计 …);
- cross-table equalities and narrative-vs-table agreement (``schemas/checks.yaml``).

Rounding (尾数误差): every cell is rounded on its own, so an identity holds when
|left − Σ right| ≤ 0.01 × (number of terms on the right, at least 1); smaller gaps are never
reported. A blank cell inside a breakdown counts as 0; an identity is not evaluated when its
left side is blank or its whole right side is blank. A placeholder (``#####``, ``-``) where a
number belongs fails every identity it takes part in.

Blame: a wrong cell usually breaks several identities. Each failure names as its culprit
(``table``/``row``/``col``) the cell whose correction alone repairs the most failures and
breaks none that hold (a correction below zero is no explanation for an amount). When
several cells explain a failure equally well (a leaf of a table that prints only totals),
the check lists them all as ``suspects``, says so in its message, and names the left side if
it is one of them, else the first in print order. Failures are attributed to the document
(``source: document``) unless the extractor itself was unsure of the cells involved
(``source: extraction``).
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .restated import COLUMN as RESTATED
from .result import Cell, CellRef, Check, Fact, Provenance, Result, Table, to_decimal
from .schemas import Schemas, TableSchema, load

CENT = Decimal("0.01")
_NO_CHILDREN = "printed without any of its child rows"
Ref = tuple[str, str, str]  # (table, row, col)


class _Placeholder:
    pass


PLACEHOLDER = _Placeholder()


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
        self.cells: dict[Ref, Decimal | _Placeholder] = {}
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

    def get(self, ref: Ref) -> Decimal | _Placeholder | None:
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
    if isinstance(lv, _Placeholder) or any(isinstance(x, _Placeholder) for x in rvs):
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


# -- rule families ------------------------------------------------------------------------


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None


def _is_code(key: str) -> bool:
    return key.isdigit() and len(key) in (3, 5, 7)


def hierarchy(v: Values, t: Table, schema: TableSchema) -> list[Ident]:
    out: list[Ident] = []
    keys = [r.key for r in t.rows]
    codes = [k for k in keys if _is_code(k)]
    cols = t.columns or schema.column_ids
    children: dict[str, list[str]] = {}
    if schema.row_key == "project":
        # a code row groups the project rows printed under it
        group = None
        for k in keys:
            if _is_code(k):
                group = k
                children.setdefault(k, [])
            elif k != "total" and group is not None:
                children[group].append(k)
    else:
        for c in codes:
            p = _parent(c)
            if p is not None and p in codes:
                children.setdefault(p, []).append(c)
    for p, kids in children.items():
        if kids:
            out += [Ident("children_sum", (t.id, p, col), [(t.id, k, col) for k in kids]) for col in cols]
    # a parent printed without any child while rows of its level do have children
    levels = {len(p) for p, kids in children.items() if kids}
    if schema.row_key != "project":
        for c in codes:
            if c not in children and len(c) in levels:
                out += [
                    Ident(
                        "children_missing",
                        (t.id, c, col),
                        [],
                        "missing",
                        "printed without any of its child rows",
                    )
                    for col in cols
                ]
    # the total row: the top rows (or the leaves of a table that lists only leaves)
    if "total" in keys:
        if schema.row_key == "project" and not codes:
            top = [k for k in keys if k != "total"]
        elif codes:
            shortest = min(len(c) for c in codes)
            top = [c for c in codes if len(c) == shortest]
        else:
            top = []
        if top:
            out += [Ident("total_sum", (t.id, "total", col), [(t.id, k, col) for k in top]) for col in cols]
    return out


def row_identities(t: Table, schema: TableSchema) -> list[Ident]:
    return [
        Ident(f"row:{ident}", (t.id, k, ident.left), [(t.id, k, c) for c in ident.right])
        for k, r in t.checked_rows()
        for ident in schema.identities
        if not any(c in r.values for c in ident.unless) and all(c in r.values for c in ident.only_with)
    ]


def units(t: Table) -> list[Ident]:
    """The department's units add up to the row they belong to, per column (a single unit
    repeats it): 001's 三公 table prints its one unit's 公务用车 as 35 under a 合计 of 3."""
    out = []
    for of in dict.fromkeys(u.of for u in t.units):
        group = [u for u in t.units if u.of == of]
        row = t.row(of)
        if row is None:
            continue
        names = ", ".join(f"{u.key} {u.label} (line {u.line})" for u in group)
        note = f"summed over the department's unit{'s' if len(group) > 1 else ''}: {names}"
        for col in dict.fromkeys([*row.values, *(c for u in group for c in u.values)]):
            out.append(Ident("units_sum", (t.id, of, col), [(t.id, u.ref, col) for u in group], note=note))
    return out


def _terms(v: Values, table: str, term: str) -> list[Ref]:
    row, col = term.strip().rsplit(":", 1)
    m = re.fullmatch(r"sum\((.+)\)", row)
    if m:
        return [(table, k, col) for k in v.rows(table) if fnmatch.fnmatchcase(k, m.group(1))]
    return [(table, row, col)]


def balances(v: Values, t: Table, schema: TableSchema) -> list[Ident]:
    """The identities between a summary table's lines. One that adds up the lines of a side
    on which a line printing an amount was not named (``Table.unkeyed``) is evidence only:
    that amount is missing from its sum."""
    out = []
    for b in schema.balances:
        left_s, right_s = b.split("=")
        left = _terms(v, t.id, left_s)[0]
        right: list[Ref] = []
        minus: set[Ref] = set()
        for term in re.findall(r"[+-]?[^+-]+", right_s.strip()):
            refs = _terms(v, t.id, term.lstrip("+-"))
            right += refs
            if term.startswith("-"):
                minus.update(refs)
        partial = schema.balance_lines.get(b) in t.unkeyed
        out.append(Ident(f"balance:{b.strip()}", left, right, minus=frozenset(minus), evidence=partial))
    return _through_unprinted(v, out)


def _through_unprinted(v: Values, idents: list[Ident]) -> list[Ident]:
    """A subtotal the table does not print (no line names it; a line printed with its amount
    blank is not that) stands for its parts: where 本年收入合计 is not printed, 收入总计 = the
    income lines + 上年结转 (otherwise no identity would tie the income
    lines to any printed total). Subtotals within subtotals are followed; a composed identity
    is evidence only when one of its parts is."""
    parts = {i.left: i for i in idents if (i.left[0], i.left[1]) not in v.labels and not i.minus}
    out = []
    for i in idents:
        right, used = _expand_unprinted(i, parts, set())
        if not used:
            out.append(i)
            continue
        names = ", ".join(dict.fromkeys(p.left[1] for p in used))
        evidence = i.evidence or any(p.evidence for p in used)
        out.append(
            Ident(
                f"{i.rule} ({names} not printed: its parts)", i.left, right, minus=i.minus, evidence=evidence
            )
        )
    return out


def _expand_unprinted(i: Ident, parts: dict[Ref, Ident], seen: set[Ref]) -> tuple[list[Ref], list[Ident]]:
    """``i``'s right side with every unprinted subtotal replaced by its parts, and the
    identities used for that."""
    right: list[Ref] = []
    used: list[Ident] = []
    for r in i.right:
        sub = parts.get(r)
        if sub is None or r in i.minus or sub is i or r in seen:
            right.append(r)
            continue
        inner, inner_used = _expand_unprinted(sub, parts, seen | {r, i.left})
        right += inner
        used += [sub, *inner_used]
    return right, used


def _ref(s: str) -> Ref:
    a, b, c = s.split(":")
    return (a, b, c)


def _expand(v: Values, refs: list[str]) -> list[list[Ref]]:
    """Instantiate {code}/{class} from the codes the first table prints."""
    joined = " ".join(refs)
    if "{code}" not in joined and "{class}" not in joined:
        return [[_ref(r) for r in refs]]
    table, row, _ = refs[0].split(":")
    pat = re.escape(row).replace(r"\{class\}", r"(\d{3})").replace(r"\{code\}", r"(\d{3}|\d{5}|\d{7})")
    codes = [m.group(1) for k in v.rows(table) if (m := re.fullmatch(pat, k))]
    return [[_ref(r.replace("{code}", c).replace("{class}", c)) for r in refs] for c in codes]


def _condition(v: Values, when: str | None, conditions: dict) -> bool:
    """Whether the scope condition ``when`` (declared in schemas/checks.yaml) holds."""
    if not when:
        return True
    spec = conditions.get(when)
    if spec is None:
        raise ValueError(f"unknown check condition {when!r}")
    t = ""
    if first := spec.get("first_of"):
        t = next((x for x in first if x in v.tables), "")
        if not t:
            return False
    if any(x not in v.tables for x in spec.get("requires") or []):
        return False

    def val(ref: str) -> Decimal | _Placeholder | None:
        return v.get(_ref(ref.replace("{t}", t)))

    if pairs := spec.get("any_equal"):
        if not any(
            isinstance(val(a), Decimal) and isinstance(val(b), Decimal) and abs(val(a) - val(b)) <= CENT  # type: ignore[operator]
            for a, b in pairs
        ):
            return False
    if any(not isinstance(val(ref), Decimal) for ref in spec.get("printed") or []):
        return False
    for ref in spec.get("zero_or_blank") or []:
        x = val(ref)
        if x is not None and not (isinstance(x, Decimal) and x == 0):
            return False
    return True


def _top_rows(v: Values, table: str) -> list[str]:
    """The top-level code rows of a code-keyed table printed without a total row."""
    rows = v.rows(table)
    codes = [k for k in rows if _is_code(k)]
    if "total" in rows or not codes:
        return []
    shortest = min(len(c) for c in codes)
    return [c for c in codes if len(c) == shortest]


def cross(v: Values, schemas: Schemas) -> list[Ident]:
    """Equalities of one quantity across tables. Where a table prints no total row, the sum
    of its top rows stands in, as evidence only: such a table may have been cut short (002's
    部门支出总表 prints class 208 alone), so its sum helps tell which cell is wrong but a
    disagreement is not reported."""
    conditions = schemas.checks.get("conditions") or {}
    out = []
    for spec in schemas.checks.get("cross") or []:
        if not _condition(v, spec.get("when"), conditions):
            continue
        for refs in _expand(v, spec["refs"]):
            summed = {r: [(r[0], k, r[2]) for k in _top_rows(v, r[0])] for r in refs if r[1] == "total"}
            summed = {r: terms for r, terms in summed.items() if terms}
            a = refs[0]
            for b in refs[1:]:
                if a in summed and b in summed:
                    continue
                if a in summed:
                    out.append(Ident("cross_table", b, summed[a], evidence=True))
                else:
                    out.append(Ident("cross_table", a, summed.get(b, [b]), evidence=b in summed))
    return out


def crosswalk(v: Values, schemas: Schemas) -> list[Ident]:
    """Each 政府 economic item as the sum of its 部门 items (checks.yaml ``crosswalk``), as
    evidence: where both tables are printed and the 政府 item is, its 部门 items that are not
    printed count as 0."""
    spec = schemas.checks.get("crosswalk") or {}
    out = []
    for gov, dept in spec.get("tables") or []:
        if gov not in v.tables or dept not in v.tables:
            continue
        printed = set(v.rows(dept))
        for item, parts in (spec.get("items") or {}).items():
            terms = [(dept, p, "total") for p in parts if p in printed]
            if terms and item in v.rows(gov):
                out.append(Ident("crosswalk", (gov, item, "total"), terms, evidence=True))
    return out


def restatements(result: Result, schemas: Schemas) -> list[Ident]:
    """A row's amount against its printing elsewhere (``restated``), as evidence only."""
    out = []
    for t in result.tables:
        schema = schemas.tables.get(t.id)
        col = schema.raw.get("restated") if schema is not None else None
        for r in t.rows if col else []:
            if col in r.values and RESTATED in r.values:
                out.append(Ident("restated", (t.id, r.key, col), [(t.id, r.key, RESTATED)], evidence=True))
    return out


def counterparts(v: Values, schemas: Schemas) -> dict[Ref, set[Ref]]:
    """Cells that stand for the same quantity only in some documents: the cross-table
    equalities whose scope condition does not hold here (a department with other income prints
    its 一般公共预算 figures apart from its totals), and the prose's facts declared ``alike``
    (政府采购 and its 一般公共预算 part). Never checked; a cell printed identically
    in its counterpart is corroborated, which tells a tie between suspects apart."""
    conditions = schemas.checks.get("conditions") or {}
    out: dict[Ref, set[Ref]] = {}
    for spec in schemas.checks.get("cross") or []:
        if not spec.get("when") or _condition(v, spec["when"], conditions):
            continue
        for refs in _expand(v, spec["refs"]):
            for a in refs:
                out.setdefault(a, set()).update(b for b in refs if b != a)
    for group in schemas.checks.get("alike") or []:
        refs = [("narrative", f, "value") for f in group]
        for a in refs:
            out.setdefault(a, set()).update(b for b in refs if b != a)
    return out


def _applies(v: Values, fid: str, alt: str | dict, conditions: dict) -> bool:
    """Whether a counterpart ``{ref, when, unless_sentence}`` of fact ``fid`` applies here."""
    if isinstance(alt, str):
        return True
    scope = alt.get("unless_sentence")
    if scope and re.search(scope, v.sentences.get(fid, "")):
        return False  # the sentence limits the figure to part of the department
    return _condition(v, alt.get("when"), conditions)


def narrative(v: Values, schemas: Schemas) -> list[Ident]:
    out: list[Ident] = []
    conditions = schemas.checks.get("conditions") or {}
    spec: dict[str, list] = schemas.checks.get("narrative") or {}
    for fid in [k[1] for k in v.cells if k[0] == "narrative"]:
        alts = spec.get(fid)
        code = None
        if alts is None and fid.startswith("expense."):
            code = fid.split(".", 1)[1]
            alts = [a.replace("{class}", code) for a in spec.get("expense.{class}", [])]
        if isinstance(alts, dict):  # {refs: […], unless_sentence: regex}
            scope = alts.get("unless_sentence")
            if scope and re.search(scope, v.sentences.get(fid, "")):
                continue  # the sentence limits the figure to part of the department
            alts = alts.get("refs") or []
        if not alts:
            continue
        left = ("narrative", fid, "value")
        refs = [_ref(a if isinstance(a, str) else a["ref"]) for a in alts if _applies(v, fid, a, conditions)]
        if not refs:
            continue
        if (
            code
            and not any(v.get(r) is not None for r in refs)
            and any(t in v.tables for t in ("summary", "fiscal_summary"))
        ):
            # a class expense the prose states but no table prints, where the tables list classes
            out.append(
                Ident(
                    "narrative_vs_table",
                    left,
                    [],
                    "missing",
                    f"is stated in the prose but no table prints class {code}",
                )
            )
            continue
        zero = frozenset(r for r in refs if v.get(r) is None and (r[0], r[1]) in v.labels)
        out.append(
            Ident("narrative_vs_table", left, refs, "any", "the prose disagrees with the tables", zero=zero)
        )
    for spec_i in schemas.checks.get("narrative_identities") or []:
        ident = spec_i if isinstance(spec_i, str) else spec_i["identity"]
        if not isinstance(spec_i, str) and not _condition(v, spec_i.get("when"), conditions):
            together = spec_i.get("or_same_sentence") or []
            stated = [v.sentences.get(f) for f in together]
            if not together or not all(stated) or len(set(stated)) != 1:
                continue
        said = {} if isinstance(spec_i, str) else spec_i.get("sentence") or {}
        if any(not re.search(rx, v.sentences.get(fid, "")) for fid, rx in said.items()):
            continue  # a fact said of another scope than the identity's
        left_s, right_s = ident.split("=")
        right: list[Ref] = []
        minus: set[Ref] = set()
        for term in re.findall(r"[+-]?\s*[^+\s-]+", right_s.strip()):
            name = term.lstrip("+- ")
            ref = _ref(name) if ":" in name else ("narrative", name, "value")  # a fact, or table:row:col
            right.append(ref)
            if term.startswith("-"):
                minus.add(ref)
        out.append(
            Ident(
                f"narrative:{ident.strip()}",
                ("narrative", left_s.strip(), "value"),
                right,
                minus=frozenset(minus),
                whole=bool(minus),
            )
        )
    return out


# -- missing rows ---------------------------------------------------------------------------


def _missing_row_hint(v: Values, o: Outcome) -> None:
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
    level = min((len(k) for k in present if _is_code(k)), default=3) if parent == "total" else len(parent) + 2
    for (t2, row, c2), val in v.cells.items():
        tol = CENT * max(f.grain, v.grain((t2, row, c2)))
        if t2 in (table, "narrative") or not isinstance(val, Decimal) or abs(val - gap) > tol:
            continue
        code = row.split(".", 1)[1] if row.startswith("out.") else row
        if not _is_code(code) or code in present or len(code) != level:
            continue
        if parent != "total" and not code.startswith(parent):
            continue
        if c2 != col and c2 not in ("total", "amount"):
            continue
        label = v.labels.get((t2, row), "")
        f.note = f"row {code} {label} ({v.shown((t2, row, c2), val)} in {t2}) seems missing here"
        f.extra_cells.append((t2, row, c2))
        return


# -- blame and assembly ----------------------------------------------------------------------


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

    def plausible(self, c: Ref, now: Decimal | _Placeholder | None, fix: Decimal) -> bool:
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


def _blame(
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
    by_cell: dict[Ref, list[Ident]] = {}
    for i in idents:
        for c in set(i.cells()):
            by_cell.setdefault(c, []).append(i)
    overrides: dict[Ref, Decimal] = {}

    def get(ref: Ref):  # noqa: ANN202
        return overrides[ref] if ref in overrides else v.get(ref)

    blame: dict[int, tuple[Ref, list[Ref]]] = {}
    # evidence that fails is no failure to explain (a crosswalk sum that a department with
    # 事业单位 does not keep): explaining it would take a correction for a fault
    failing = {id(o.ident): o for o in outcomes if o.status == "fail" and not o.ident.evidence}
    status = {id(o.ident): o.status for o in outcomes}
    for _ in range(len(failing)):
        scored = []
        for k, o in failing.items():
            if k in blame or status[k] != "fail":
                continue
            o = evaluate(o.ident, get)
            top = _top(_candidates(o, by_cell, status, get, suspects))
            if len(top) == 1:
                scored.append(top[0])
        if not scored:
            break
        _, cell, x = max(scored, key=lambda t: t[0])
        overrides[cell] = x
        for ident in by_cell.get(cell, []):  # only identities with this cell can change
            status[id(ident)] = evaluate(ident, get).status
            if id(ident) in failing and id(ident) not in blame and status[id(ident)] == "pass":
                blame[id(ident)] = (cell, [cell])
    for k, o in failing.items():
        if k in blame:
            continue
        cells = [c for _, c, _ in _top(_candidates(evaluate(o.ident, get), by_cell, status, get, suspects))]
        # a suspect printed identically where the same quantity stands in a document of
        # another scope is less likely the wrong one
        agree = {c for c in cells if _agrees(v, c, soft.get(c, set()))}
        first = [c for c in cells if c not in agree] or cells
        if o.ident.left in first:
            first.remove(o.ident.left)
            first.insert(0, o.ident.left)
        cells = [*first, *(c for c in cells if c not in first)]
        blame[k] = (cells[0] if cells else o.ident.left, cells)
    return blame


def _agrees(v: Values, c: Ref, others: set[Ref]) -> bool:
    """Whether ``c`` is printed with the same amount as one of ``others``."""
    x = _num(v.get(c))
    return x is not None and any(_num(v.get(o)) == x for o in others)


def message(o: Outcome, v: Values) -> str:
    """One line a person can act on."""
    f = o.ident
    table, row, col = f.left
    where = f"{table} {row} {col}" if table != "narrative" else f"narrative {row}"
    if f.kind == "missing":
        return f"{where} {v.shown(f.left, o.found)} {f.note}"
    if o.expected is None and o.found is None:
        return f"{where}: a placeholder stands where a number belongs"
    if f.kind == "any":
        vals = ", ".join(f"{r[0]} {r[1]} {r[2]} {v.shown(r, _num(v.get(r)))}" for r in o.printed)
        return f"{where} {v.shown(f.left, o.found)} disagrees with the tables ({vals})"
    rhs = ""
    for k, r in enumerate(o.printed[:8]):
        rhs += (" - " if r in f.minus else (" + " if k else "")) + _term_name(r, f.left)
    rhs = rhs.removeprefix(" ")
    if len(o.printed) > 8:
        rhs += f" + … ({len(o.printed)} terms)"
    msg = f"{where} {v.shown(f.left, o.found)} ≠ {v.shown(f.left, o.expected)} ({rhs})"
    return msg + (f"; {f.note}" if f.note else "")


def _term_name(r: Ref, left: Ref) -> str:
    """A term as briefly as it stays unambiguous beside the identity's left side: the row in a
    column sum, the column in a row identity, the whole reference across tables."""
    if r[0] != left[0]:
        return f"{r[0]}:{r[1]}:{r[2]}"
    if r[2] == left[2]:
        return r[1]
    if r[1] == left[1]:
        return r[2]
    return f"{r[1]} {r[2]}"


def _undecided(suspects: list[Ref]) -> str:
    """The message's note when one correction of any of several cells would do."""
    if len(suspects) < 2:
        return ""
    names = ", ".join(f"{r} {c}" if t == suspects[0][0] else f"{t}:{r}:{c}" for t, r, c in suspects[:6])
    more = f" and {len(suspects) - 6} more" if len(suspects) > 6 else ""
    return f"; the tables cannot tell which is wrong: {names}{more}"


def _corroborated(v: Values, suspects: list[Ref], soft: dict[Ref, set[Ref]]) -> str:
    """The message's note when a tie was told apart by counterparts of another scope."""
    if len(suspects) < 2 or _agrees(v, suspects[0], soft.get(suspects[0], set())):
        return ""
    alike = []
    for r in suspects[1:]:
        twin = next((x for x in sorted(soft.get(r, ())) if _agrees(v, r, {x})), None)
        if twin is not None:
            alike.append(f"{r[1]} {r[2]} is printed alike in {':'.join(twin)}")
    return f"; {', '.join(alike)}" if alike else ""


def _num(x: Decimal | _Placeholder | None) -> Decimal | None:
    return x if isinstance(x, Decimal) else None


def _source(result: Result, cells: list[Ref], v: Values, uncorroborated: set[str]) -> tuple[str, str]:
    """``document`` only when every cell the identity involves was read with certainty and
    its table's reading is corroborated by the table's other identities; otherwise
    ``extraction``, with a note saying which reading is in doubt."""
    tables = {t.id: t for t in result.tables}
    for table, _, _ in cells:
        t = tables.get(table)
        if t is None:
            continue
        if t.unsure or t.extracted_by == "model-unreconciled":
            return "extraction", f"; the reading of table {table} is in doubt"
    doubtful = [c for c in cells if c in v.doubtful]
    if doubtful:
        names = ", ".join(":".join(c) for c in doubtful[:4])
        return "extraction", f"; the reading of {names} is in doubt"
    for table, _, _ in cells:
        if table in uncorroborated:
            return "extraction", f"; most identities of table {table} fail, so its reading is in doubt"
    return "document", ""


def _uncorroborated(outcomes: list[Outcome]) -> set[str]:
    """Tables whose own identities mostly fail: a reading the arithmetic does not back up
    (one wrong printed figure fails a few identities, a misread column fails most)."""
    seen: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for o in outcomes:
        if o.status == "skip" or o.ident.evidence:
            continue
        tables = {r[0] for r in o.ident.cells()}
        if len(tables) != 1 or "narrative" in tables:  # the prose's statements are not a grid
            continue
        (table,) = tables
        seen[table] += 1
        failed[table] += o.status == "fail"
    return {t for t, n in failed.items() if n >= 3 and n > 0.4 * seen[t]}


def _printed_elsewhere(o: Outcome, v: Values) -> Ref | None:
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
    for ref, y in v.cells.items():
        if ref[0] == "narrative" or ref in counterparts or "prior" in ref[1] or ref[2].startswith("prior"):
            continue  # a prose figure equal to last year's is a stale figure: the document's
        if isinstance(y, Decimal) and abs(y - x) <= CENT / 2:
            return ref
    return None


def _where(v: Values, refs: list[Ref]) -> tuple[int | None, int | None]:
    """Line and page of the first of ``refs`` that was read from the document."""
    for r in refs:
        p = v.where.get(r)
        if p is not None:
            return p.line, p.page
    return None, None


def identities(result: Result, schemas: Schemas, v: Values) -> list[Ident]:
    out: list[Ident] = []
    for t in result.tables:
        schema = schemas.tables.get(t.id)
        if schema is None:
            continue
        if schema.hierarchy:
            out += hierarchy(v, t, schema)
        out += row_identities(t, schema)
        out += units(t)
        out += balances(v, t, schema)
    out += restatements(result, schemas)
    return v.set_grains(out + cross(v, schemas) + crosswalk(v, schemas) + narrative(v, schemas))


def doubt_blamed(result: Result) -> None:
    """A value a failed check lays on the extraction is in doubt: the check's culprit and its
    other suspects get ``status: doubt`` (a table cell or a prose figure) — unless one of the
    check's cells is in doubt already, which is what laid it on the extraction."""
    values: dict[Ref, Cell | Fact] = {
        (t.id, key, col): cell
        for t in result.tables
        for key, row in t.checked_rows()
        for col, cell in row.values.items()
    }
    values.update({("narrative", f.id, "value"): f for f in result.narrative})
    for c in result.checks:
        if c.category != "arithmetic" or c.source != "extraction":
            continue
        if any(
            x.status == "doubt" for r in c.cells if (x := values.get((r.table, r.row, r.col))) is not None
        ):
            continue
        for r in [CellRef(table=c.table, row=c.row, col=c.col), *c.suspects]:
            if (x := values.get((r.table, r.row, r.col))) is not None:
                x.status = "doubt"


def check(result: Result, schemas: Schemas | None = None) -> list[Check]:
    """Evaluate every rule on ``result``; return the failed checks (``[]`` when consistent)."""
    schemas = schemas or load()
    v = Values(result)
    idents = identities(result, schemas, v)
    outcomes = [evaluate(i, v.get) for i in idents]
    suspects = Suspects(
        aux=frozenset(("narrative", f, "value") for f in schemas.aux_facts),
        signed=frozenset(("narrative", f, "value") for f in schemas.signed_facts),
    )
    soft = counterparts(v, schemas)
    blame = _blame(outcomes, idents, v, suspects, soft)
    uncorroborated = _uncorroborated(outcomes)
    checks: list[Check] = []
    for o in outcomes:
        if o.status != "fail" or o.ident.evidence:
            continue
        _missing_row_hint(v, o)
        culprit, suspects_ = blame[id(o.ident)]
        cells = list(dict.fromkeys([o.ident.left, *o.printed, *o.ident.extra_cells]))
        source, doubt_note = _source(result, cells, v, uncorroborated)
        if source == "document" and (same := _printed_elsewhere(o, v)):
            source = "extraction"
            figure = v.shown(o.ident.left, o.found)
            doubt_note = f"; {figure} is what {':'.join(same)} prints: the prose may speak of that"
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
                message=message(o, v)
                + _undecided(suspects_)
                + _corroborated(v, suspects_, soft)
                + doubt_note,
                line=line,
                page=page,
            )
        )
    return checks
