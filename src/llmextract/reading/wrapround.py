"""A name wrapped round its amounts' line in a label column of its own.

A 收支总表 prints two label columns (收入's names, 支出's names). A 支出 name too long for its
cell is wrapped onto two lines centred on the row: its head on the line above the amounts,
its tail on the line below (二、社会保障和就业支 / [2,056,660 2,056,660] / 出), while the
收入 side prints its own name on the amounts' line. Such a row has words in every label
column but that one: the lines right above and right below, holding words only in that
column, are its name there.
"""

from __future__ import annotations

from .sentences import EDGE_SLACK, next_to, sentence_only
from .tokens import LABEL_WORD, Band, Line, Token, zone_of


def _zone(bands: list[Band], tokens: list[Token]) -> int | None:
    """The one label zone all the words stand in; None when they stand in several."""
    zones = {zone_of(bands, t) for t in tokens}
    return zones.pop() if len(zones) == 1 else None


def _alone(ln: Line | None) -> bool:
    """A line of words alone: no amount, no code."""
    return ln is not None and not ln.is_data and not ln.codes and bool(ln.labels)


def name_round_amounts(row: Line, above: Line | None, below: Line | None, bands: list[Band]) -> bool:
    """``row`` prints amounts with no name in a label column, and the lines right above and
    right below it hold words only in that column: its name there, wrapped round the
    amounts' line. The amount right of that column must stand in the band that follows it
    (the name names amounts of this row, not a row printing none)."""
    if not (_alone(above) and _alone(below)) or not bands:
        return False
    assert above is not None and below is not None
    if above.index != row.index - 1 or below.index != row.index + 1:
        return False
    z = _zone(bands, above.labels + below.labels)
    if z is None or z >= len(bands) or any(zone_of(bands, t) == z for t in row.labels):
        return False
    right = max(t.x1 for t in above.labels + below.labels)
    after = [a for a in row.amounts if a.x0 >= right]
    if not after:
        return False
    first = min(after, key=lambda a: a.x0)
    return min(range(len(bands)), key=lambda k: abs(bands[k].mid - first.mid)) == z


def _name_part(ln: Line, left: float, right: float, above: bool) -> bool:
    """A line of words alone, some left of the amounts and the others right of them (a column
    of sentences): none stands among the amounts' columns; above the row, none is a header's
    label word (below it, a name may end in 项目)."""
    if ln.is_data or ln.codes or not ln.tokens:
        return False
    names = [t for t in ln.tokens if t.x1 <= left]
    beside = [t for t in ln.tokens if t.x0 >= right - EDGE_SLACK]
    return (
        bool(names)
        and len(names) + len(beside) == len(ln.tokens)
        and not (above and any(LABEL_WORD.match(t.s) for t in names))
    )


def head_above_first_row(seg: list[Line], first: int, centered: bool = False) -> int:
    """Where a page's first row starts (its position in ``seg``) when the head of its name,
    centred round its amounts' line, stands above it (深圳市社会保险基金管理局 / [amounts] /
    （本级）; 广州市卫生健康委员会 / 基于社区通的基层公共卫生 / [amounts] / 服务平台和相关应用
    信创改 / 造项目): the row prints no code and no name of its own beside its amounts (or,
    where earlier rows of the table were seen so centred, the middle of its name), and as many
    lines of words alone stand right above it as right below it. The lines above are taken
    while they hold words left of the amounts and nowhere among them (a header line names the
    amounts' columns) and no header label word (项目, 名称…); never more of them than there
    are below (the rest is the header's). Lines of a column of sentences alone (right of every
    amount) are passed over. ``first`` when no line above is the row's."""
    row = seg[first]
    data = [ln for ln in seg if ln.is_data and not ln.odd]  # amounts printed as amounts
    if row.codes or row.odd or not row.amounts or not data:
        return first
    left = min(t.x0 for ln in data for t in ln.amounts)
    right = max(t.x1 for ln in data for t in ln.amounts)
    if not centered and any(t.x0 < right - EDGE_SLACK for t in row.labels):
        return first  # a name (or a word) beside its amounts, in a table not seen centring its names
    skip = {ln.index for ln in seg if sentence_only(ln, right)}

    def run(step: int) -> list[int]:
        """The positions of the name's lines from the row on, up (-1) or down (1)."""
        out, at = [], row.index
        for k in range(first + step, len(seg) if step > 0 else -1, step):
            ln = seg[k]
            if ln.index in skip:
                continue
            if not next_to(skip, *sorted((at, ln.index))) or not _name_part(ln, left, right, step < 0):
                break
            out.append(k)
            at = ln.index
        return out

    above, below = run(-1), run(1)
    n = min(len(above), len(below))
    return above[n - 1] if n else first
