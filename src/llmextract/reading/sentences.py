"""A column of sentences printed beside a table's amounts (a project's 绩效目标, 广州's
项目支出及其他支出预算表): each project's sentence wraps over many lines, most of them lines of
their own, between and among the lines of the projects' names.

Such a line (words standing only right of every amount on the page) is neither the head nor
the tail of a name: the positional reader passes over it, so that two lines of one name stay
next to each other across it, and a sentence's words never count as a row's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .tokens import Band, Line, Token

# a word starting this close to the amounts' right edge (in character units) stands beside them
EDGE_SLACK = 0.5

Near = Callable[[int, int], bool]


def text_edge(lines: list[Line]) -> float | None:
    """Where the amounts of a page end on the right (their rightmost edge): words standing
    right of it are a column of sentences (绩效目标), none of the names."""
    return max((t.x1 for ln in lines if not ln.odd for t in ln.amounts), default=None)


def name_words(ln: Line, edge: float | None) -> list[Token]:
    """A line's words standing left of the amounts' right edge: its name's, not a sentence's."""
    return [t for t in ln.labels if edge is None or t.x0 < edge - EDGE_SLACK]


def sentence_only(ln: Line, edge: float | None) -> bool:
    """A line of words standing only right of every amount: a line of a column of sentences
    (a project's 绩效目标), neither a name's head nor its tail."""
    return (
        edge is not None
        and not ln.is_data
        and not ln.codes
        and bool(ln.tokens)
        and all(t.x0 >= edge - EDGE_SLACK for t in ln.tokens)
    )


def next_to(skip: set[int], a: int, b: int) -> bool:
    """Line ``b`` comes right after line ``a``, or with only lines of ``skip`` between them (a
    column of sentences printed on lines of its own between a name's lines)."""
    return b > a and all(k in skip for k in range(a + 1, b))


@dataclass
class PageLines:
    """A page's lines as the row reader walks them: the lines of a column of sentences
    (``skip``) passed over."""

    body: list[Line]
    edge: float | None = None
    skip: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, body: list[Line]) -> PageLines:
        edge = text_edge(body)
        return cls(body, edge, {ln.index for ln in body if sentence_only(ln, edge)})

    def near(self, a: int, b: int) -> bool:
        """Line ``b`` right after line ``a`` (only sentences' lines between)."""
        return next_to(self.skip, a, b)

    def after(self, pos: int) -> list[Line]:
        """The line after the one at ``pos`` (a sentence's line passed over), if any."""
        return [b for b in self.body[pos + 1 :] if b.index not in self.skip][:1]

    def most_above(self, pos: int) -> int | None:
        """Beside a column of sentences, names are centred round their amounts' line: as many
        of a row's name lines stand above it as below it, so no more lines above the row at
        ``pos`` are its name's than lines of words alone follow it; None (no bound) in a
        table without such a column."""
        if not self.skip:
            return None
        n, at = 0, self.body[pos].index
        for ln in self.body[pos + 1 :]:
            if ln.index in self.skip:
                continue
            if ln.is_data or ln.codes or not self.near(at, ln.index):
                break
            n, at = n + 1, ln.index
        return n


_WHOLE = re.compile(r"^\d+$")


def without_numbers_beside(bands: list[Band], data: list[Line], ref: list[Band], unit: float) -> list[Band]:
    """A later page printing more columns than the table's first page (``ref``), the extra ones
    standing right of every column of it (its pages may stand a little apart) and holding bare
    whole numbers only (12320, a phone number ending a line of a 绩效目标 sentence): a
    sentence's words, not amounts — they go back to their lines' words, and the page keeps
    the table's columns."""
    if not ref or len(bands) <= len(ref):
        return bands
    right = max(b.x1 for b in ref) - 1.5 * unit
    by_id = {id(t): t for ln in data for t in ln.amounts}
    extra = sorted(bands, key=lambda b: b.x0)[len(ref) :]
    if not all(b.x0 > right and all(_WHOLE.match(by_id[i].s) for i in b.tokens if i in by_id) for b in extra):
        return bands
    ids = set().union(*(b.tokens for b in extra))
    for ln in data:
        moved = [t for t in ln.amounts if id(t) in ids]
        if moved:
            ln.amounts = [t for t in ln.amounts if id(t) not in ids]
            ln.labels = sorted(ln.labels + moved, key=lambda t: t.x0)
    return [b for b in bands if all(b is not x for x in extra)]
