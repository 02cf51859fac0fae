"""A line of the columns' numbers under a table's header (栏次  1  2  3, 序号  甲  1  2  3):
header furniture, not a row. Its numbers run on one by one (1, 2, 3 …, two or more), its
other words are numbering words (schemas/rows.yaml ``numbering``), one of them at least: a
row of amounts 1, 2, 3 names its row."""

from __future__ import annotations

import re

from ..core.text import Text


def is_numbering(line: str, words: tuple[re.Pattern[str], ...]) -> bool:
    """Whether ``line`` is a line of columns' numbers (``words``: the numbering words)."""
    if not words:
        return False
    toks = line.split()  # (the runs of \S: str.split's white space is what \s matches)
    nums = [t for t in toks if t.isdecimal()]
    if len(nums) < 2 or len(nums) == len(toks):  # (most lines: fewer than two numbers)
        return False
    labels = [t for t in toks if not t.isdecimal()]
    return (
        len(nums) >= 2
        and bool(labels)
        and _consecutive([int(n) for n in nums])
        and (
            all(any(p.match(w) for p in words) for w in labels)
            or any(p.match("".join(labels)) for p in words)  # letter-spaced: 栏  次
        )
    )


def _consecutive(nums: list[int]) -> bool:
    """1, 2, 3 … (or, the columns of a page numbered on from another, 4, 5 …), none past 999."""
    return nums[-1] <= 999 and nums == list(range(nums[0], nums[0] + len(nums)))


def without_numbering(lines: list[Text], words: tuple[re.Pattern[str], ...]) -> list[Text]:
    """``lines`` with each line of columns' numbers made empty (kept in its place: a line's
    index stays the same)."""
    if not words:
        return lines
    return [ln[0:0] if is_numbering(ln.s, words) else ln for ln in lines]
