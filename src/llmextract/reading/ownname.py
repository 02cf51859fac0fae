"""Header words left of a column's own name: columns printed empty (step 2 of :mod:`.bands`).

Without ruling lines, a column of amounts claims the width from the column before it to its
own amounts. A column printed empty everywhere between them (国有资本经营预算拨款收入 with no
amount, its name wrapped over two header lines round the next column's one-line name 事业收入)
then stands inside that region. The column's own name is the header word over its amounts; a
header word wholly left of it, over no amount, names another column — one printed empty —
never a second name of this one."""

from __future__ import annotations

from collections.abc import Callable

from .tokens import JUNK_HEADER, LABEL_WORD, Band, Line, Token, overlaps


def left_of_own_name(
    b: Band, bands: list[Band], header: list[Line], over_labels: Callable[[Token], bool], unit: float
) -> list[Token]:
    """The header words in ``b``'s region wholly left of its own name (the words over its
    amounts that stay inside its region: a group word reaching beyond it is no column's own
    name), over no column's amounts, and either at the own name's height (on its line, or
    between the lines of its name wrapped round it) or standing over a word of a lower line
    also left of it (a name wrapped in its cell). A word over nothing
    below it, on a line above the name, is a group word over the name and the column before
    it (本年收入 over 项目 | 预算数), not a column; a word of the header's last line lower than
    the name is a column's own (项目支出 under 本年预算数, left of 增减额 merged down beside it,
    printed empty on a later page). None where no word stands over the amounts."""
    words = [
        (i, t)
        for i, ln in enumerate(header)
        for t in ln.tokens
        if b.r0 <= t.mid < b.r1
        and not over_labels(t)
        and not LABEL_WORD.match(t.s)
        and not JUNK_HEADER.match(t.s)
        and len(t.s) >= 2
    ]
    own = [(i, t) for i, t in words if overlaps(t, b) and t.x0 >= b.r0 - unit and t.x1 <= b.r1 + 2 * unit]
    if not own:
        own = _beside_narrow(b, words, unit)
    if not own:
        return []
    own += _wrapped_lines(own, words, unit)
    start = min(t.x0 for _, t in own)
    top, bottom = min(i for i, _ in own), max(i for i, _ in own)
    left = [(i, t) for i, t in words if t.x1 <= start and not any(overlaps(t, o) for o in bands)]
    left = [(i, t) for i, t in left if not _over_two(t, header[i + 1 :])]
    last = len(header) - 1  # a leaf under a group, lower than the name (项目支出 left of 增减额)
    return [
        t
        for i, t in left
        if top <= i <= bottom or any(j > i and overlaps(t, u) for j, u in left) or bottom < i == last
    ]


def _wrapped_lines(
    own: list[tuple[int, Token]], words: list[tuple[int, Token]], unit: float
) -> list[tuple[int, Token]]:
    """The other lines of the own name wrapped in its cell (一般公共预算 / 拨款, the short line
    over no amount of a whole number): centred with a line of it, no wider, on another line."""
    return [
        (i, t)
        for i, t in words
        if (i, t) not in own
        and any(i != j and abs(t.mid - o.mid) <= unit and t.x1 - t.x0 <= o.x1 - o.x0 + 0.5 for j, o in own)
    ]


def _beside_narrow(b: Band, words: list[tuple[int, Token]], unit: float) -> list[tuple[int, Token]]:
    """A column of narrow marks (a 0, a dash: its whole column printed so, as on a later page)
    under a name centred over its cell that ends right before them: the word touching its
    amounts (within a unit), the nearest one, is its own name."""
    # within a unit, or (whole amounts of a digit or two, 4 under 增减额) no further than the
    # name is wide: a name centred over its cell ends that far left of amounts at its right
    near = [
        (i, t)
        for i, t in words
        if t.x1 <= b.x0
        and b.x0 - t.x1 <= max(unit, min(t.x1 - t.x0, 2 * (b.x1 - b.x0)))
        and t.x0 >= b.r0 - unit
    ]
    return [max(near, key=lambda w: w[1].x1)] if near else []


def _over_two(t: Token, below: list[Line]) -> bool:
    """A group word: it stands over two words of one line below it (上年结转结余 over
    政府性基金预 | 国有资本经营), the names of two columns, not one column's name."""
    return any(sum(overlaps(t, u) for u in ln.tokens) >= 2 for ln in below)
