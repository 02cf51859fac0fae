"""Where each character of a :class:`~llmextract.core.text.Text` came from, kept compactly.

A normalised text's offsets are almost all runs of consecutive numbers: a line of the text is
a stretch of the file, broken only where normalisation dropped or added a character (a
``\\r`` before ``\\n``, an HTML tag, the spaces inside ``3, 151. 93``). So the offsets are kept
as runs, not as a number per character: a stretch with no break is a ``range`` (a few dozen
bytes, whatever its length), and one with breaks a :class:`Runs` (the start of each run).
Both are sequences of ints, indexed, sliced and iterated as a tuple would be; a slice within
one run is a ``range`` again, so every line cut from the document costs no more than its
string. The form is canonical (runs that continue each other are one; one run is a
``range``), so two equal sequences compare and hash equal.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, starmap
from typing import SupportsIndex, overload

EMPTY = range(0)


class Runs(Sequence[int]):
    """Offsets with breaks: run ``r`` starts at position ``at[r]`` of the sequence (``at[0]``
    is 0) with offset ``val[r]`` and goes up by one until the next run; ``n`` in all. At least
    two runs, none continuing the one before (else it would be a ``range``)."""

    __slots__ = ("_at", "_val", "_n")

    def __init__(self, at: array, val: array, n: int) -> None:
        self._at, self._val, self._n = at, val, n

    def __len__(self) -> int:
        return self._n

    def _end(self, r: int) -> int:
        return self._at[r + 1] if r + 1 < len(self._at) else self._n

    @overload
    def __getitem__(self, key: SupportsIndex) -> int: ...
    @overload
    def __getitem__(self, key: slice) -> range | Runs: ...
    def __getitem__(self, key: SupportsIndex | slice) -> int | range | Runs:
        if isinstance(key, slice):
            a, b, step = key.indices(self._n)
            if step != 1:
                return compact([self[i] for i in range(a, b, step)])
            return self.cut(a, b)
        i = key.__index__()
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("offset index out of range")
        r = bisect_right(self._at, i) - 1
        return self._val[r] + i - self._at[r]

    def cut(self, a: int, b: int) -> range | Runs:
        """Positions ``a``..``b`` (0 <= a, b <= len): a ``range`` when they lie in one run."""
        if a >= b:
            return EMPTY
        ra = bisect_right(self._at, a) - 1
        rb = bisect_right(self._at, b - 1) - 1
        first = self._val[ra] + a - self._at[ra]
        if ra == rb:
            return range(first, first + b - a)
        at = array("q", [0])
        at.extend(x - a for x in self._at[ra + 1 : rb + 1])
        val = array("q", [first])
        val.extend(self._val[ra + 1 : rb + 1])
        return Runs(at, val, b - a)

    def starts(self) -> tuple[array, array]:
        """The position in the sequence where each run starts, and its first offset."""
        return self._at, self._val

    def runs(self) -> Iterator[tuple[int, int]]:
        """(first offset, length) of each run."""
        for r in range(len(self._at)):
            yield self._val[r], self._end(r) - self._at[r]

    def __iter__(self) -> Iterator[int]:
        return chain.from_iterable(starmap(range, ((v, v + k) for v, k in self.runs())))

    def __reversed__(self) -> Iterator[int]:
        return reversed(list(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Runs):
            return self._n == other._n and self._at == other._at and self._val == other._val
        if isinstance(other, range):
            return False  # canonical: a sequence without a break is always a range
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._n, tuple(self._at), tuple(self._val)))

    def __repr__(self) -> str:
        return f"Runs({', '.join(f'{v}+{k}' for v, k in self.runs())})"

    def __sizeof__(self) -> int:
        return object.__sizeof__(self) + self._at.__sizeof__() + self._val.__sizeof__()


Offs = range | Runs


class Builder:
    """Offsets put together piece by piece (a slice, a run, one offset) without a number per
    character: each piece joins the last run when it continues it."""

    __slots__ = ("_at", "_val", "_n")

    def __init__(self) -> None:
        self._at = array("q")
        self._val = array("q")
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def last(self) -> int:
        """The last offset put in (the builder must not be empty)."""
        return self._val[-1] + self._n - self._at[-1] - 1

    def run(self, first: int, length: int) -> None:
        """``length`` offsets counting up from ``first``."""
        if length <= 0:
            return
        if self._n and self.last() + 1 == first:
            self._n += length
            return
        self._at.append(self._n)
        self._val.append(first)
        self._n += length

    def repeat(self, offset: int, times: int) -> None:
        """One offset, ``times`` times (characters standing in for one of the source)."""
        for _ in range(times):
            self.run(offset, 1)

    def extend(self, offs: Iterable[int]) -> None:
        if isinstance(offs, range) and offs.step == 1:
            self.run(offs.start, len(offs))
        elif isinstance(offs, Runs):
            for v, k in offs.runs():
                self.run(v, k)
        else:
            for o in offs:
                self.run(o, 1)

    def build(self) -> range | Runs:
        if not self._n:
            return EMPTY
        if len(self._at) == 1:
            return range(self._val[0], self._val[0] + self._n)
        return Runs(self._at, self._val, self._n)


def compact(offs: Iterable[int]) -> range | Runs:
    """Any sequence of offsets in the canonical compact form."""
    if isinstance(offs, Runs) or (isinstance(offs, range) and offs.step == 1 and offs):
        return offs
    b = Builder()
    b.extend(offs)
    return b.build()


def size(offs: Sequence[int]) -> int:
    """Bytes the offsets take (their runs), whatever the number of characters."""
    return offs.__sizeof__()
