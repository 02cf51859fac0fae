"""The sums of the 款 and 项 a 收支总表 prints by name under a function class
(``reading/classparts.py``): the class's amount is the sum of its 款 lines', a 款's the sum of
its 项 lines', column by column."""

from __future__ import annotations

from ..core.result import Table
from .arithmetic import Ident


def class_parts(t: Table) -> list[Ident]:
    """``out.205 = Σ out.205/<款>``, ``out.205/<款> = Σ out.205/<款>/<项>`` for every column."""
    keys = {r.key for r in t.rows}
    kids: dict[str, list[str]] = {}
    for r in t.rows:
        if r.key.startswith("out.") and "/" in r.key:
            parent = r.key.rsplit("/", 1)[0]
            if parent in keys:
                kids.setdefault(parent, []).append(r.key)
    return [
        Ident("children_sum", (t.id, p, col), [(t.id, k, col) for k in ks])
        for p, ks in kids.items()
        for col in t.columns
    ]
