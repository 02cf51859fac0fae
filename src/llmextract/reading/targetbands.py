"""The projects of a 项目支出绩效目标表 by the lines the PDF draws: a project's name stands in a
cell merged over its lines of amounts (one per 绩效目标 it sets), centred in it, often far from
its amounts or pages after them; the horizontal lines drawn across the name column bound each
project's cell. A line of amounts is a project's where it stands between the same two such
lines, on the same page, as the project's code — and only where no other project's code
stands there. Lines of amounts a project's cell holds are its rows in print order (``code``,
``code#2``, …). Without drawn lines (a text, a PDF drawn without them) nothing is read here.
"""

from __future__ import annotations

from bisect import bisect_left

from ..core.source import Source
from ..core.text import Text


def _where(src: Source, t: Text) -> tuple[int, float, float] | None:
    """Page, x (units) and y (points, the middle of the characters) of the first character of
    ``t`` that was drawn."""
    if src.boxes is None:
        return None
    for o in t.offs:
        b = src.boxes[o]
        if b is not None and not t.s[0:1].isspace():
            return b[0], b[1] / src.unit, (b[2] + b[4]) / 2
    return None


class Bands:
    """The cells the lines drawn across a table's name column bound, page by page."""

    def __init__(self, src: Source, name_x: float) -> None:
        self.ys: dict[int, list[float]] = {}
        for page, y, left, right in src.across:
            if left <= name_x <= right:
                self.ys.setdefault(page, []).append(y)
        for ys in self.ys.values():
            ys.sort()
        self.src = src

    def __bool__(self) -> bool:
        return bool(self.ys)

    def of(self, t: Text) -> tuple[int, int] | None:
        """The cell ``t`` stands in: (page, how many lines are drawn above it on its page); a
        cell cut by the page's edge is its part on that page. None on a page without lines."""
        at = _where(self.src, t)
        if at is None or at[0] not in self.ys:
            return None
        return at[0], bisect_left(self.ys[at[0]], at[2])


def first_word(line: Text) -> Text:
    """The line from its first printed character."""
    s = line.s
    k = len(s) - len(s.lstrip())
    return line[k:]


def name_x(src: Source, line: Text) -> float | None:
    """Where a project's code line starts (units), inside the name column."""
    at = _where(src, first_word(line))
    return None if at is None else at[1] + 0.5
