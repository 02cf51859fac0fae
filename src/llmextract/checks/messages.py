"""The words of the arithmetic checks: one Chinese line an auditor can act on, naming tables,
rows and columns as the document does (``labels.py``) and every amount in the unit and with
the decimals its table prints (``28.50 万元``, ``304413900 元``). The ids stay in the check's
own fields (``table``/``row``/``col``, ``cells``) for programs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.labels import Labels
from .arithmetic import Outcome, Ref, Values, as_number

MAX_TERMS = 8


def _lab(v: Values) -> Labels:
    return v.words


def name(v: Values, r: Ref) -> str:
    """A cell in words: 一般公共预算财政拨款支出预算表 · 208 社会保障和就业支出 · 基本支出."""
    return _lab(v).cell_ref(v.result, *r)


def row_words(v: Values, table: str, row: str) -> str:
    """A row in words: ``208 社会保障和就业支出``, ``合计``, ``本年``."""
    label = v.labels.get((table, row), "")
    words = _lab(v).row_name(table, row, label)
    code = row if re.fullmatch(r"\d{3,}", row) else ""
    return f"{code} {words}" if code and words != code else words


def _term(v: Values, r: Ref, left: Ref) -> str:
    """A term as briefly as it stays unambiguous beside the left side: the row in a column
    sum, the column in a row identity, the whole cell across tables."""
    if r[0] == "narrative" and left[0] == "narrative":
        return _lab(v).fact_name(r[1])
    if r[0] != left[0] or r[0] == "narrative":
        return name(v, r)
    if r[2] == left[2]:
        return row_words(v, r[0], r[1])
    if r[1] == left[1]:
        return _lab(v).column_name(r[0], r[2])
    return f"{row_words(v, r[0], r[1])} {_lab(v).column_name(r[0], r[2])}"


def _finest(v: Values, refs: list[Ref]) -> Decimal:
    return min(v.step(r) for r in refs)


def _terms(v: Values, o: Outcome) -> str:
    f = o.ident
    out = ""
    for k, r in enumerate(o.printed[:MAX_TERMS]):
        out += ("－" if r in f.minus else ("＋" if k else "")) + _term(v, r, f.left)
    if len(o.printed) > MAX_TERMS:
        out += f"＋…（共 {len(o.printed)} 项）"
    return out


def message(o: Outcome, v: Values) -> str:
    """One line a person can act on, in Chinese."""
    f = o.ident
    left = name(v, f.left)
    if f.kind == "missing":
        return f"{left} {v.said(f.left, o.found)}：{f.note}"
    if o.expected is None and o.found is None:
        return f"{left}：应填数字处印的是占位符"
    if f.kind == "any":
        vals = "；".join(f"{name(v, r)} {v.said(r, as_number(v.get(r)))}" for r in o.printed)
        verb = "超过表中数字" if f.upper else "与表中数字不一致"
        return f"{left} {v.said(f.left, o.found)}，{verb}（{vals}）" + (f"；{f.note}" if f.note else "")

    step = _finest(v, [f.left, *o.printed])
    found, expected = v.said(f.left, o.found, step), v.said(f.left, o.expected, step)
    gap = ""
    if o.found is not None and o.expected is not None:
        gap = v.said(f.left, abs(o.found - o.expected), step)
    if len(o.printed) == 1 and not f.minus and not f.at_least and f.rule == "cross_table":
        msg = f"{left} {found}，与 {name(v, o.printed[0])} {expected} 不一致（相差 {gap}）"
    elif f.at_least:
        msg = f"{left} {found}，小于 {_terms(v, o)} 之和 {expected}（相差 {gap}）"
    else:
        total = "之和" if len(o.printed) > 1 else ""
        msg = f"{left} {found}，而 {_terms(v, o)} {total}为 {expected}（相差 {gap}）"
    if o.status == "round":
        msg += "：在各数逐项取整的尾差之内"
    return msg + (f"；{f.note}" if f.note else "")


def missing_row(v: Values, t2: str, row: str, col: str, val: Decimal) -> str:
    """The note of a parent whose children fall short by a row printed in another table."""
    amount = v.said((t2, row, col), val)
    return f"{_lab(v).short_title(t2)}列有 {row_words(v, t2, row)}（{amount}），本表似缺此行"


def undecided(v: Values, suspects: list[Ref]) -> str:
    """The note when one correction of any of several cells would do."""
    if len(suspects) < 2:
        return ""
    first = suspects[0][0]
    names = "、".join(_term(v, r, (first, "", "")) if r[0] == first else name(v, r) for r in suspects[:6])
    more = f"等 {len(suspects)} 处" if len(suspects) > 6 else ""
    return f"；各表无法判断其中哪一个有误：{names}{more}"


def alike(v: Values, r: Ref, twin: Ref) -> str:
    return f"{_term(v, r, (r[0], '', ''))} 与 {name(v, twin)} 所列相同"


def table_in_doubt(title: str) -> str:
    return f"；「{title}」的读取存疑"


def foreign_rows(title: str, code: str) -> str:
    return f"；「{title}」列有另一分类的科目（{code}），其读取存疑"


def cells_in_doubt(v: Values, refs: list[Ref]) -> str:
    return f"；{'、'.join(name(v, c) for c in refs)} 的读取存疑"


def table_uncorroborated(title: str) -> str:
    return f"；「{title}」的多数核对不成立，其读取存疑"


def printed_elsewhere(v: Values, left: Ref, found: Decimal | None, same: Ref) -> str:
    return f"；{v.said(left, found)} 正是 {name(v, same)} 所列的数，文中说的可能是该项"
