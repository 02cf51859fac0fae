"""A name wrapped round its amounts' line in a label column of its own.

A 收支总表 prints two label columns (收入's names, 支出's names). A 支出 name too long for its
cell is wrapped onto two lines centred on the row: its head on the line above the amounts,
its tail on the line below (二、社会保障和就业支 / [2,056,660 2,056,660] / 出), while the
收入 side prints its own name on the amounts' line. Such a row has words in every label
column but that one: the lines right above and right below, holding words only in that
column, are its name there.
"""

from __future__ import annotations

from .tokens import Band, Line, Token, zone_of


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
