"""The characters a regular expression's match can start with, as one character class: a
line holding none of them cannot match, and a class is searched far faster than a pattern
that opens with a lookbehind or an alternation of them (the engine then tries the
lookbehinds at every position of the text)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

C: Any = importlib.import_module("re._constants")  # the parser's node names
P: Any = importlib.import_module("re._parser")  # the parser of the re module itself

_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)
First = tuple[list[str], bool]  # the class members a match may start with; whether it may be empty


def _class(items: Any) -> list[str] | None:
    out: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:  # a negated class, a category (\d, \s): not worth spelling out
            return None
    return out


def _item(op: Any, av: Any) -> First | None:
    if op in _ZERO_WIDTH:
        return [], True  # a lookaround or an anchor consumes nothing
    if op is C.LITERAL:
        return [re.escape(chr(av))], False
    if op is C.IN:
        members = _class(av)
        return None if members is None else (members, False)
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        out: list[str] = []
        empty = False
        for branch in av[1]:
            part = _seq(branch)
            if part is None:
                return None
            out += part[0]
            empty = empty or part[1]
        return out, empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        part = _seq(av[2])
        return None if part is None else (part[0], part[1] or av[0] == 0)
    return None  # any character, a back reference…: cannot be told


def _seq(seq: Any) -> First | None:
    out: list[str] = []
    for op, av in seq:
        part = _item(op, av)
        if part is None:
            return None
        out += part[0]
        if not part[1]:
            return out, False
    return out, True


def first_class(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One character class of every character a match of one of ``patterns`` can start with;
    None when one of them could start with anything, may match the empty string or is
    case-blind."""
    members: list[str] = []
    for p in patterns:
        if p.flags & re.IGNORECASE:
            return None
        part = _seq(P.parse(p.pattern, p.flags))
        if part is None or part[1]:
            return None
        members += part[0]
    return re.compile(f"[{''.join(dict.fromkeys(members))}]") if members else None


_LEADS: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def lead(p: re.Pattern[str]) -> re.Pattern[str] | None:
    """The class to step through ``p``'s matches with, when ``p`` opens with a lookaround (or
    a choice of them) that the engine would try at every position; else None."""
    if p not in _LEADS:
        parsed = P.parse(p.pattern, p.flags)
        opens = _item(*parsed[0]) if len(parsed) else None
        _LEADS[p] = first_class([p]) if opens is not None and opens[1] else None
    return _LEADS[p]


def finditer(p: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches ``p.finditer(text)`` yields (none of them empty), found by trying ``p`` only
    where a character its match can start with stands."""
    first = lead(p)
    if first is None:
        yield from p.finditer(text)
        return
    pos = 0
    while (c := first.search(text, pos)) is not None:
        at = c.start()
        m = p.match(text, at)  # a lookbehind still sees the text before ``at``
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end()
