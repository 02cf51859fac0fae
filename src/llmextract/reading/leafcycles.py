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
    return p if p and all(_fits(header_hits(bands, t), p) for ln in header[:-1] for t in ln.tokens) else 0


def _fits(hit: list[int], p: int) -> bool:
    """A word above over one repeat's columns, or over whole repeats; not across the boundary
    of two (the words above do not name repeats then)."""
    if not hit or min(hit) // p == max(hit) // p:
        return True
    return min(hit) % p == 0 and (max(hit) + 1) % p == 0


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
