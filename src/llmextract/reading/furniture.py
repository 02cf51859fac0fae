"""Page furniture at a page's edge that is no row of a table: a bare page number (``3``) on
the first or last line of a page, and a running head or foot that prints the page's number
(``临江市文化和旅游局2026年部门预算    第3页``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import Text
from .tokens import PAGE_OF, Token, is_amount

_BARE_PAGE = re.compile(r"^\d{1,3}$")


def page_edges(lines: Sequence[Text], breaks: set[int]) -> set[int]:
    """The indices of each page's first and last non-blank line (a page starts at a form feed
    or at a line of ``breaks``)."""
    edges: set[int] = set()
    first: int | None = None
    last: int | None = None
    for i, line in enumerate(lines):
        if i and ("\f" in line.s or i in breaks):
            edges.update(k for k in (first, last) if k is not None)
            first = last = None
        if line.s.strip(" \f\t"):
            first = i if first is None else first
            last = i
    edges.update(k for k in (first, last) if k is not None)
    return edges


def is_edge_furniture(toks: Sequence[Token]) -> bool:
    """A page's edge line that is a bare page number, or prints a page number (第3页) beside
    words and no amount: no row."""
    if len(toks) == 1 and _BARE_PAGE.match(toks[0].s):
        return True
    if not any(PAGE_OF.match(t.s) for t in toks):
        return False
    return not any(is_amount(t.s) for t in toks if not PAGE_OF.match(t.s))
