"""The identities a result must satisfy, built from the rules declared in ``schemas/``.

- hierarchy (``hierarchy: true`` in a table file): a parent code row equals the sum of its
  children, per column; the total row equals the sum of the top rows (or of the leaf rows
  when a table lists only leaves); a parent printed without any child while its siblings
  have theirs is a finding too;
- row identities (``identities``): e.g. total = basic + project, on every row;
- balances (``balances``): identities between rows of one table (收入总计 = 支出总计 …);
- cross-table equalities, the economic crosswalk, restatements and narrative-vs-table
  agreement (``schemas/checks.yaml``).

Besides the identities: ``counterparts`` — the cells that stand for the same quantity only in
some documents, which tell a tie between suspects apart.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Container, Mapping
from decimal import Decimal
from typing import Any

from ..core.result import Result, Table, to_decimal
from ..core.schemas import Identity, Schemas, TableSchema
from ..reading.restated import COLUMN as RESTATED
from .arithmetic import CENT, Ident, Placeholder, Ref, Values
from .classparts import class_parts
from .prose_units import unit_known, unit_slip, units_known


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None


def is_code(key: str) -> bool:
    return key.isdigit() and len(key) in (3, 5, 7)


def hierarchy(v: Values, t: Table, schema: TableSchema) -> list[Ident]:
    """A table's hierarchy identities, on the columns where the left side is printed (an
    identity whose left side is blank is never evaluated: it is not made)."""
    out: list[Ident] = []
    keys = [r.key for r in t.rows]
    printed_cells = v.cells
    codes = [k for k in keys if is_code(k)]
    ratios = {c.id for c in schema.columns if not c.sums}  # 增减率: no sum of rows
    cols = [c for c in t.columns or schema.column_ids if c not in ratios]
    children: dict[str, list[str]] = {}
    if schema.row_key == "project":
        # a code row groups the project rows printed under it
        group = None
        for k in keys:
            if is_code(k):
                group = k
                children.setdefault(k, [])
            elif k != "total" and group is not None:
                children[group].append(k)
    else:
        printed = set(codes)
        for c in codes:
            p = _parent(c)
            if p is not None and p in printed:
                children.setdefault(p, []).append(c)
    for p, kids in children.items():
        if kids:
            out += [
                Ident("children_sum", (t.id, p, col), [(t.id, k, col) for k in kids])
                for col in cols
                if (t.id, p, col) in printed_cells
            ]
    # a parent printed without any child while rows of its level do have children
    # (of the same classification: a table printing function rows and then economic rows
    # holds two hierarchies, and a 5-digit 30101 is no parent of the function classes' level)
    levels = {(p[0], len(p)) for p, kids in children.items() if kids}
    if schema.row_key != "project":
        for c in codes:
            if c not in children and (c[0], len(c)) in levels:
                out += [
                    Ident(
                        "children_missing",
                        (t.id, c, col),
                        [],
                        "missing",
                        "列示了金额，但未列出其下级科目（同级科目均列有下级）",
                    )
                    for col in cols
                    if (t.id, c, col) in printed_cells
                ]
    # the total row: the top rows (or the leaves of a table that lists only leaves)
    if "total" in keys:
        if schema.row_key == "project" and not codes:
            top = [k for k in keys if k != "total"]
        elif codes:
            top = top_codes(codes)
        else:
            top = []
        if top:
            out += [
                Ident("total_sum", (t.id, "total", col), [(t.id, k, col) for k in top])
                for col in cols
                if (t.id, "total", col) in printed_cells
            ]
    return out


def declared_sums(t: Table) -> list[Ident]:
    """The sums the table's layout says its figures add up to (``Table.sums``): a table printed
    as panels adds each panel's rows up as printed, a class printed in both panels in each."""
    return [
        Ident(rule, _cell_ref(t.id, left), [_cell_ref(t.id, term) for term in right])
        for rule, left, *right in t.sums
    ]


def top_codes(codes: list[str]) -> list[str]:
    """The rows no printed row is the parent of: the top of a table's classification (a 款
    printed without its 类, a 项 without its 款: 北京's 政府性基金 table lists 21298 beside
    2121401 and no 212), or its leaves where it lists only leaves."""
    printed = set(codes)
    return [c for c in codes if not any(c[:n] in printed for n in range(3, len(c), 2))]


def row_identities(t: Table, schema: TableSchema, printed: Container[Ref] | None = None) -> list[Ident]:
    """The schema's row identities on every row; a column the table prints under a 其中 (of
    which) group is a part of another column, not an addend of the total, and leaves the sum;
    so do the addends the table counts inside the others (:func:`counted_inside`).
    ``printed``: the cells printed, when known: an identity whose left side is not among them
    is never evaluated, and is not made."""
    out: list[Ident] = []
    rows = t.checked_rows()
    for ident in schema.identities:
        if ident.left in t.parts:
            continue
        apart = set(t.parts) | counted_inside(t, ident)
        rule = f"row:{ident}"  # the same for every row
        subtotals = _subtotals(ident, schema)
        # no addend is a subtotal of parts: the same terms on every row (those kept found once)
        fixed = None if any(subtotals) else [c for c in ident.right if c not in apart]
        unless, only_with, minus = ident.unless, ident.only_with, ident.minus
        for k, r in rows:
            values = r.values
            if printed is not None and (t.id, k, ident.left) not in printed:
                continue
            if (unless and any(c in values for c in unless)) or (
                only_with and not all(c in values for c in only_with)
            ):
                continue
            if fixed is not None:
                right = [(t.id, k, c) for c in fixed]
            else:
                right = [(t.id, k, c) for c in _terms_printed(ident, values, subtotals) if c not in apart]
            out.append(
                Ident(
                    rule,
                    (t.id, k, ident.left),
                    right,
                    minus=frozenset((t.id, k, c) for c in minus) if minus else _NO_REFS,
                )
            )
    return out


_NO_REFS: frozenset[Ref] = frozenset()  # an identity subtracting nothing (frozensets are immutable)


def _subtotals(ident: Identity, schema: TableSchema) -> list[list[Identity]]:
    """Per addend of ``ident``, the identities (in the schema's order) that make it a subtotal
    of parts of its own, none subtracted: what :func:`_terms_printed` looks at on each row."""
    return [[o for o in schema.identities if o.left == c and not o.minus] for c in ident.right]


def _terms_printed(
    ident: Identity, values: Mapping[str, object], subtotals: list[list[Identity]]
) -> list[str]:
    """The addends of ``ident`` on a row, a subtotal the row leaves blank standing for its
    parts where the row prints them all (三公: 公务用车购置及运行费's 小计 blank beside its
    购置费 | 运行费 — the parts are the subtotal, not an amount missing from the total)."""
    out: list[str] = []
    for c, subs in zip(ident.right, subtotals, strict=True):
        parts = None
        if subs and c not in values:
            parts = next((o.right for o in subs if all(p in values for p in o.right)), None)
        out += list(parts) if parts is not None else [c]
    return out


def counted_inside(t: Table, ident: Identity) -> set[str]:
    """The addends ``ident`` marks ``inside`` that this table counts inside the others: rows
    printing one of them other than zero add up without them (the left side the sum of the
    other addends), and none adds up with them — the table's own rows say how it adds up (a
    template convention, not a slip of one row; a row adding up neither way is checked
    without them, and fails). Empty where a row adds up with them, or none prints them."""
    if not ident.inside:
        return set()
    core = [c for c in ident.right if c not in ident.inside]
    sign = {c: -1 if c in ident.minus else 1 for c in ident.right}
    without_them = 0
    for _, r in t.checked_rows():
        amounts = {c: to_decimal(v.value) for c, v in r.values.items()}
        left = amounts.get(ident.left)
        if left is None or not any(amounts.get(c) for c in ident.inside):
            continue
        if any(amounts.get(c) is None for c in core):
            return set()
        every = sum((sign[c] * (amounts.get(c) or Decimal(0)) for c in ident.right), Decimal(0))
        others = sum((sign[c] * (amounts.get(c) or Decimal(0)) for c in core), Decimal(0))
        if abs(left - every) <= CENT * len(ident.right):
            return set()  # this row adds them in: the table does not count them inside
        if abs(left - others) <= CENT * len(core):
            without_them += 1
    return set(ident.inside) if without_them else set()


def units(t: Table) -> list[Ident]:
    """The department's units add up to the row they belong to, per column (a single unit
    repeats it): 001's 三公 table prints its one unit's 公务用车 as 35 under a 合计 of 3."""
    out = []
    for of in dict.fromkeys(u.of for u in t.units):
        group = [u for u in t.units if u.of == of]
        row = t.row(of)
        if row is None:
            continue
        names = "、".join(f"{u.key} {u.label}（第 {u.line} 行）" for u in group)
        note = f"按所属单位加总：{names}"
        names_en = ", ".join(f"{u.key} {u.label} (line {u.line})" for u in group)
        note_en = f"summed over the department's unit{'s' if len(group) > 1 else ''}: {names_en}"
        for col in dict.fromkeys([*row.values, *(c for u in group for c in u.values)]):
            terms = [(t.id, u.ref, col) for u in group]
            out.append(Ident("units_sum", (t.id, of, col), terms, note=note, note_en=note_en))
    return out


def _terms(v: Values, table: str, term: str) -> list[Ref]:
    row, col = term.strip().rsplit(":", 1)
    m = _SUM.fullmatch(row)
    if m:
        rx = re.compile(fnmatch.translate(m.group(1)))  # what fnmatchcase matches, made once
        # a class's 款 and 项 read by name (out.205/职业教育) are inside its line, not beside it
        return [(table, k, col) for k in v.rows(table) if rx.match(k) and "/" not in k]
    return [(table, row, col)]


_SUM = re.compile(r"sum\((.+)\)")
_TERM = re.compile(r"[+-]?[^+-]+")


def balances(v: Values, t: Table, schema: TableSchema) -> list[Ident]:
    """The identities between a summary table's lines. One that adds up the lines of a side
    on which a line printing an amount was not named (``Table.unkeyed``) is evidence only:
    that amount is missing from its sum."""
    out = []
    for b in schema.balances:
        if any(v.get(_cell_ref(t.id, u)) is not None for u in schema.balance_unless.get(b, ())):
            continue  # the table printed otherwise: its own arithmetic ties these figures
        left_s, right_s = b.split("=")
        left = _terms(v, t.id, left_s)[0]
        right: list[Ref] = []
        minus: set[Ref] = set()
        for term in _TERM.findall(right_s.strip()):
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


def _cell_ref(table: str, cell: str) -> Ref:
    row, col = cell.rsplit(":", 1)
    return (table, row, col)


def _ref(s: str) -> Ref:
    a, b, c = s.split(":")
    return (a, b, c)


def _expand(v: Values, refs: list[str]) -> list[list[Ref]]:
    """Instantiate {code}/{class} from the codes the first table prints (once per document:
    the cross-table checks, the unit labels' check and the counterparts ask alike; the lists
    are not to be changed by the caller)."""
    key = tuple(refs)
    if (done := v.expanded.get(key)) is not None:
        return done
    joined = " ".join(refs)
    if "{code}" not in joined and "{class}" not in joined:
        out = [[_ref(r) for r in refs]]
    else:
        table, row, _ = refs[0].split(":")
        pat = re.escape(row).replace(r"\{class\}", r"(\d{3})").replace(r"\{code\}", r"(\d{3}|\d{5}|\d{7})")
        rx = re.compile(pat)  # once, not looked up again for each row
        codes = [m.group(1) for k in v.rows(table) if (m := rx.fullmatch(k))]
        out = [[_ref(r.replace("{code}", c).replace("{class}", c)) for r in refs] for c in codes]
    v.expanded[key] = out
    return out


def _condition(v: Values, when: str | None, conditions: dict) -> bool:
    """Whether the scope condition ``when`` (declared in schemas/checks.yaml) holds (found once
    per document: the cross-table checks, the unit labels' check, the counterparts and the
    prose's checks ask alike)."""
    if not when:
        return True
    key = (when, id(conditions))
    if (held := v.conditions.get(key)) is None:
        held = v.conditions[key] = _holds(v, when, conditions)
    return held


def _holds(v: Values, when: str, conditions: dict) -> bool:
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
    if any(x in v.tables for x in spec.get("absent") or []):
        return False

    def val(ref: str) -> Decimal | Placeholder | None:
        return v.get(_ref(ref.replace("{t}", t)))

    if pairs := spec.get("any_equal"):
        if not any(
            isinstance(val(a), Decimal) and isinstance(val(b), Decimal) and abs(val(a) - val(b)) <= CENT  # type: ignore[operator]
            for a, b in pairs
        ):
            return False
    for a, b in spec.get("same") or []:  # equal, a blank counting as 0
        x, y = val(a), val(b)
        if isinstance(x, Placeholder) or isinstance(y, Placeholder):
            return False
        if abs((x or Decimal(0)) - (y or Decimal(0))) > CENT:
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
    if "total" in rows:  # (asked first: most tables print one, and their codes need no listing)
        return []
    codes = [k for k in rows if is_code(k)]
    if not codes:
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
        if spec.get("sum") or spec.get("at_least"):
            out += _cross_sums(v, spec)
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


def _cross_sums(v: Values, spec: dict) -> list[Ident]:
    """``sum: true``: the first ref is the sum of the others (the 三公 公务接待费 over the basic
    and the project 30217 lines); ``at_least: true``: it is at least their sum (the 三公 figure
    against the basic line alone, where the project spending is not itemised)."""
    return [
        Ident("cross_table", refs[0], refs[1:], at_least=bool(spec.get("at_least")))
        for refs in _expand(v, spec["refs"])
    ]


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
        if not spec.get("when") or spec.get("sum") or _condition(v, spec["when"], conditions):
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
    spec: dict[str, Any] = schemas.checks.get("narrative") or {}
    for fid in [k[1] for k in v.cells if k[0] == "narrative"]:
        alts = spec.get(fid)
        code = None
        if alts is None and fid.startswith("expense."):
            code = fid.split(".", 1)[1]
            alts = [a.replace("{class}", code) for a in spec.get("expense.{class}", [])]
        upper = False
        if isinstance(alts, dict):  # {refs: […], unless_sentence: regex, part_sentence: regex}
            scope = alts.get("unless_sentence")
            if scope and re.search(scope, v.sentences.get(fid, "")):
                continue  # the sentence limits the figure to part of the department
            part = alts.get("part_sentence")
            upper = bool(part and re.search(part, v.sentences.get(fid, "")))
            alts = alts.get("refs") or []
        if not alts:
            continue
        left = ("narrative", fid, "value")
        refs = [_ref(a if isinstance(a, str) else a["ref"]) for a in alts if _applies(v, fid, a, conditions)]
        refs = [r for r in refs if unit_known(v, left, r)]
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
                    f"文中列出，但各表均未列示 {code} 类科目",
                )
            )
            continue
        # a blank counts as 0 where its row is printed and its column is printed in the table
        zero = frozenset(r for r in refs if v.get(r) is None and (r[0], r[1]) in v.labels and v.printed(r))
        note = unit_slip(v, left, refs)
        out.append(Ident("narrative_vs_table", left, refs, "any", zero=zero, upper=upper, note=note))
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
                unstated=not isinstance(spec_i, str) and bool(spec_i.get("unstated")),
            )
        )
    return out


def identities(result: Result, schemas: Schemas, v: Values, across: bool = True) -> list[Ident]:
    """The identities to evaluate on ``result``: each table's own, then (``across``) those
    between tables and with the prose; a unit's block of a table printed unit by unit is
    checked on its own tables' identities only (``across=False``)."""
    out: list[Ident] = []
    for t in result.tables:
        schema = schemas.tables.get(t.id)
        if schema is None:
            continue
        own = hierarchy(v, t, schema) if schema.hierarchy else []
        if t.sums:  # printed as panels: each panel adds up as printed (reading/panels.py)
            own = [i for i in own if i.rule not in ("children_sum", "total_sum")] + declared_sums(t)
        own += row_identities(t, schema, v.cells)
        own += units(t)
        own += balances(v, t, schema)
        own += class_parts(t)
        out += v.set_table_grains(_printed_left(own, v), t.id)  # between this table's cells alone
    more = restatements(result, schemas)
    if across:
        more += cross(v, schemas) + crosswalk(v, schemas) + narrative(v, schemas)
        if v.fact_units:  # a prose figure in 元 (or 亿元) beside a table that does not say its unit
            more = [i for i in more if units_known(v, i)]
    return out + v.set_grains(_printed_left(more, v))



def _printed_left(idents: list[Ident], v: Values) -> list[Ident]:
    """The identities whose left side is printed: one whose left side is blank is skipped by
    :func:`evaluate` whatever its terms, and no correction of a printed cell changes that (it
    neither fails nor holds, so it names no culprit either)."""
    cells = v.cells
    return [i for i in idents if i.left in cells]
