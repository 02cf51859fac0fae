"""The arithmetic checks in ids, for a model asked to correct its reading: it answers in ids
(``revenue 208 total 915.57 ≠ 811.57 (20801 + 20805 + 20808)``). People read the Chinese
lines of ``messages.py``; these stay as the re-prompts were written (and recorded).
"""

from __future__ import annotations

from decimal import Decimal

from .arithmetic import Outcome, Ref, Values, as_number


def for_model(o: Outcome, v: Values) -> str:
    """The failure in ids, for a model asked to correct its reading (it answers in ids)."""
    f = o.ident
    table, row, col = f.left
    where = f"{table} {row} {col}" if table != "narrative" else f"narrative {row}"
    if f.kind == "missing":
        return f"{where} {v.plain(f.left, o.found)} {f.note_en or 'printed without any of its child rows'}"
    if o.expected is None and o.found is None:
        return f"{where}: a placeholder stands where a number belongs"
    if f.kind == "any":
        vals = ", ".join(f"{r[0]} {r[1]} {r[2]} {v.plain(r, as_number(v.get(r)))}" for r in o.printed)
        return f"{where} {v.plain(f.left, o.found)} disagrees with the tables ({vals})"
    rhs = ""
    for k, r in enumerate(o.printed[:8]):
        rhs += (" - " if r in f.minus else (" + " if k else "")) + _id_term(r, f.left)
    rhs = rhs.removeprefix(" ")
    if len(o.printed) > 8:
        rhs += f" + … ({len(o.printed)} terms)"
    msg = f"{where} {v.plain(f.left, o.found)} ≠ {v.plain(f.left, o.expected)} ({rhs})"
    return msg + (f"; {f.note_en}" if f.note_en else "")


def _id_term(r: Ref, left: Ref) -> str:
    """A term as briefly as it stays unambiguous beside the identity's left side: the row in a
    column sum, the column in a row identity, the whole reference across tables."""
    if r[0] != left[0]:
        return f"{r[0]}:{r[1]}:{r[2]}"
    if r[2] == left[2]:
        return r[1]
    if r[1] == left[1]:
        return r[2]
    return f"{r[1]} {r[2]}"


def missing_row(v: Values, t2: str, row: str, col: str, val: Decimal) -> str:
    label = v.labels.get((t2, row), "")
    code = row.split(".", 1)[1] if row.startswith("out.") else row
    return f"row {code} {label} ({v.plain((t2, row, col), val)} in {t2}) seems missing here"


def undecided(suspects: list[Ref]) -> str:
    if len(suspects) < 2:
        return ""
    names = ", ".join(f"{r} {c}" if t == suspects[0][0] else f"{t}:{r}:{c}" for t, r, c in suspects[:6])
    more = f" and {len(suspects) - 6} more" if len(suspects) > 6 else ""
    return f"; the tables cannot tell which is wrong: {names}{more}"


def alike(r: Ref, twin: Ref) -> str:
    return f"{r[1]} {r[2]} is printed alike in {':'.join(twin)}"


def table_in_doubt(table: str) -> str:
    return f"; the reading of table {table} is in doubt"


def foreign_rows(table: str, code: str) -> str:
    return f"; table {table} holds rows of another classification ({code}), so its reading is in doubt"


def cells_in_doubt(refs: list[Ref]) -> str:
    return f"; the reading of {', '.join(':'.join(c) for c in refs)} is in doubt"


def table_uncorroborated(table: str) -> str:
    return f"; most identities of table {table} fail, so its reading is in doubt"


def printed_elsewhere(v: Values, left: Ref, found: Decimal | None, same: Ref) -> str:
    return f"; {v.plain(left, found)} is what {':'.join(same)} prints: the prose may speak of that"
