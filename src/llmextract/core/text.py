"""A string that remembers where each of its characters came from.

Every character of a :class:`Text` carries the index of the character of the original
(decoded) document it was derived from. Slicing, stripping, splitting and joining keep
that record, so a value read anywhere downstream can be traced back to the exact
characters of the source file (see :meth:`Text.span`). The offsets are kept as runs
(:mod:`llmextract.core.offsets`), not as a number per character: a line cut from the document
costs its string and a few dozen bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .offsets import Builder, Offs, Runs, compact


class Text:
    """``s`` and ``offs``, the offset in the original document of each of its characters
    (given as any sequence of ints, or as an int: the first offset of one run as long as ``s``,
    0 for an empty text). Never changed once made (no method changes one; nothing else may). A
    text whose offsets are one run (a line of the document, a cell) keeps only the first;
    others keep their runs."""

    __slots__ = ("s", "_o")
    s: str
    _o: int | Offs  # the first offset of one run as long as ``s``; else the offsets themselves

    def __init__(self, s: str, offs: Iterable[int] | int) -> None:
        self.s = s
        if isinstance(offs, int):  # (the slicing and splitting of a line: ~100,000 a document)
            self._o = offs if s else 0
            return
        if type(offs) is not Runs and not (type(offs) is range and offs.step == 1):
            offs = compact(offs)
        o: int | Offs = offs
        if type(offs) is range and len(offs) == len(s):
            o = offs.start if s else 0
        self._o = o

    @property
    def offs(self) -> Offs:
        o = self._o
        return range(o, o + len(self.s)) if isinstance(o, int) else o

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.s == other.s and self._o == other._o

    def __hash__(self) -> int:
        return hash((self.s, self._o))

    def __repr__(self) -> str:
        return f"Text(s={self.s!r}, offs={self.offs!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[str, Offs]]:  # pickle, copy
        return (Text, (self.s, self.offs))

    # -- basic protocol -------------------------------------------------------------
    def __str__(self) -> str:
        return self.s

    def __len__(self) -> int:
        return len(self.s)

    def __bool__(self) -> bool:
        return bool(self.s)

    def __getitem__(self, key: slice) -> Text:
        if not isinstance(key, slice):
            raise TypeError("Text supports slicing only")
        o = self._o
        if isinstance(o, int):  # one run (a line, a cell): the slice's first offset is all it needs
            a, b, step = key.indices(len(self.s))
            if step == 1:
                part = self.s[a:b]
                return Text(part, o + a if part else 0)
        return Text(self.s[key], self.offs[key])

    def __add__(self, other: Text) -> Text:
        b = Builder()
        b.extend(self.offs)
        b.extend(other.offs)
        return Text(self.s + other.s, b.build())

    # -- provenance -----------------------------------------------------------------
    def span(self) -> tuple[int, int]:
        """(start, end) in the original document: end is exclusive."""
        o = self._o
        if isinstance(o, int):
            return (o, o + len(self.s)) if self.s else (0, 0)
        if not o:
            return (0, 0)
        return (o[0], o[-1] + 1)

    # -- string-like helpers --------------------------------------------------------
    def strip(self, chars: str | None = None) -> Text:
        stripped = self.s.strip(chars)
        if not stripped:
            return Text("", 0)  # (most blank cells end here)
        if len(stripped) == len(self.s):  # nothing to strip: the same (immutable) text
            return self
        left = len(self.s) - len(self.s.lstrip(chars))
        return self[left : left + len(stripped)]

    def split(self, sep: str) -> list[Text]:
        out: list[Text] = []
        pos = 0
        o = self._o
        step = len(sep)
        if isinstance(o, int):  # one run: each part's first offset follows from its position
            for part in self.s.split(sep):
                out.append(Text(part, o + pos if part else 0))
                pos += len(part) + step
            return out
        runs = self.offs
        if not isinstance(runs, Runs) or len(runs) != len(self.s):  # (offsets not as long as the text)
            return self._split_sliced(sep)
        at, val = runs.starts()
        parts = self.s.split(sep)
        r, last = 0, len(at) - 1  # the run holding ``pos`` (the parts come in order: it only moves on)
        for part in parts[:-1]:  # runs: a part within one run is one run too
            if part:
                while r < last and at[r + 1] <= pos:
                    r += 1
                end = pos + len(part)
                if r == last or end <= at[r + 1]:
                    out.append(Text(part, val[r] + pos - at[r]))
                else:
                    out.append(Text(part, runs.cut(pos, end)))
            else:
                out.append(Text("", 0))
            pos += len(part) + step
        out.append(self[pos:])  # the rest of the offsets, as a slice to the end takes them
        return out

    def _split_sliced(self, sep: str) -> list[Text]:
        """:meth:`split` by slicing each part's offsets (any offsets)."""
        out: list[Text] = []
        pos = 0
        for part in self.s.split(sep)[:-1]:
            out.append(self[pos : pos + len(part)] if part else Text("", 0))
            pos += len(part) + len(sep)
        out.append(self[pos:])
        return out

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], Text]]:
        o = self._o
        if isinstance(o, int):  # one run: each match's first offset follows from its position
            for m in pattern.finditer(self.s):
                part = m.group()
                yield m, Text(part, o + m.start() if part else 0)
            return
        for m in pattern.finditer(self.s):
            yield m, self[m.start() : m.end()]

    def sub(self, pattern: re.Pattern[str], repl: str) -> Text:
        """Replace every match with ``repl``; replacement characters take the offset of
        the first character they replace (or of the deletion point)."""
        chars: list[str] = []
        offs = Builder()
        pos = 0
        for m in pattern.finditer(self.s):
            chars.append(self.s[pos : m.start()])
            offs.extend(self.offs[pos : m.start()])
            if repl:
                anchor = self.offs[m.start()] if m.start() < len(self.offs) else (self.offs[-1] + 1)
                chars.append(repl)
                offs.repeat(anchor, len(repl))
            pos = m.end()
        chars.append(self.s[pos:])
        offs.extend(self.offs[pos:])
        return Text("".join(chars), offs.build())

    def remove_whitespace(self) -> Text:
        """The text without its white space (``str.isspace``), each run of other characters
        keeping its offsets (found by one search, not character by character)."""
        s, o = self.s, self._o
        offs = Builder()
        if isinstance(o, int):  # one run: each piece's offsets follow from its position
            for m in _NOT_SPACE.finditer(s):
                offs.run(o + m.start(), m.end() - m.start())
        else:
            runs = self.offs
            for m in _NOT_SPACE.finditer(s):
                offs.extend(runs[m.start() : m.end()])
        return Text("".join(s.split()), offs.build())  # split(): the white space \s matches

    @staticmethod
    def join(parts: Iterable[Text], sep: str = "") -> Text:
        chars: list[str] = []
        offs = Builder()
        first = True
        for p in parts:
            if not first and sep:
                anchor = offs.last() if len(offs) else (p.offs[0] if p.offs else 0)
                chars.append(sep)
                offs.repeat(anchor, len(sep))
            chars.append(p.s)
            offs.extend(p.offs)
            first = False
        return Text("".join(chars), offs.build())


_NOT_SPACE = re.compile(r"\S\S*")  # \S+, searched for by its first character (firstchars.run)
