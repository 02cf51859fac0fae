"""A header whose lowest line names every column with the same few words over and over
(预算数 | 决算数 under each item of the national “三公” 决算表, 一般公共预算 | 政府性基金 under
each item of a table split by fund): the words above it name groups of those repeats, one
item each. Each repeat is taken as one column while the words above are placed (a word over
an item stands centred over its repeat, in the gap between its columns, and printed without
rules it would otherwise reach over the items beside it), then spread back over the repeat's
columns."""

from __future__ import annotations

from .columnbands import header_hits
from .tokens import Band, Line, Token

Hits = list[list[tuple[Token, list[int]]]]


def cycle_of(words: list[str]) -> int:
    """The length of the repeat ``words`` is made of (2 for 预算数 | 决算数 | 预算数 | 决算数),
    distinct words each, repeated at least twice; 0 where they are no such repeat."""
    n = len(words)
    for p in range(2, n // 2 + 1):
        if n % p == 0 and len(set(words[:p])) == p and all(words[k] == words[k % p] for k in range(n)):
            return p
    return 0


def repeat_of(header: list[Line], bands: list[Band]) -> int:
    """The repeat's length when the header's lowest line names each column once, in order, by
    a repeat of words (a word left of the columns, over the row names, aside), and each word
    above stands within one repeat or over whole repeats; else 0."""
    if len(header) < 2 or len(bands) < 4:
        return 0
    words: list[str] = []
    for t in header[-1].tokens:
        hit = header_hits(bands, t)
        if not hit and t.x1 <= bands[0].r0:
            continue
        if hit != [len(words)]:
            return 0
        words.append("".join(t.s.split()))
    p = cycle_of(words) if len(words) == len(bands) else 0
    above = [t for ln in header[:-1] for t in ln.tokens]
    return p if p and all(_fits(t, header_hits(bands, t), bands, p) for t in above) else 0


def _fits(t: Token, hit: list[int], bands: list[Band], p: int) -> bool:
    """A word above centred over one repeat (an item's word, in the gap between its columns),
    or over whole repeats; not over part of a repeat's columns (财政拨款 over 一般公共预算 |
    政府性基金 of 小计 | 事业收入 | 一般公共预算 | 政府性基金: a group inside the repeat, which
    spreading it back over the whole repeat would misname), nor across the boundary of two."""
    if len(hit) >= 2 and min(hit) % p == 0 and (max(hit) + 1) % p == 0:
        return True  # over whole repeats
    if len(hit) >= 2 and min(hit) // p != max(hit) // p:
        return False  # across the boundary of two
    g = next((k for k in range(0, len(bands), p) if bands[k].r0 <= t.mid <= bands[k + p - 1].r1), None)
    if g is None:
        return not hit  # beside the columns (over the row names): no word of theirs
    return _middle(bands[g : g + p])[0] <= t.mid <= _middle(bands[g : g + p])[1]


def _middle(repeat: list[Band]) -> tuple[float, float]:
    """Where a word centred over the repeat has its centre: between its two middle columns'
    centres (an even repeat), or within its middle column's region (an odd one)."""
    k = len(repeat) // 2
    if len(repeat) % 2 == 0:
        return repeat[k - 1].mid, repeat[k].mid
    return repeat[k].r0, repeat[k].r1


def grouped(bands: list[Band], p: int) -> list[Band]:
    """Each ``p`` columns in turn as one: its amounts' extent and region from its first
    column's left to its last column's right."""
    out = []
    for g in range(0, len(bands), p):
        first, last = bands[g], bands[g + p - 1]
        numeric = any(b.numeric for b in bands[g : g + p])
        out.append(Band(first.x0, last.x1, numeric, first.r0, last.r1))
    return out


def ungrouped(hits: Hits, p: int) -> Hits:
    """Hits on the grouped columns as hits on the columns themselves."""
    return [[(t, [g * p + k for g in h for k in range(p)]) for t, h in line] for line in hits]
