"""The characters a regular expression's match can start with, as one character class: a
line holding none of them cannot match, and a class is searched far faster than a pattern
that opens with a lookbehind or an alternation (the engine then tries every branch at every
position)."""

from __future__ import annotations

import importlib
import re
from typing import Any

C: Any = importlib.import_module("re._constants")  # the parser's node names
P: Any = importlib.import_module("re._parser")  # the parser of the re module itself

_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)


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


def _first(seq: Any) -> list[str] | None:
    """The class members the sequence's match starts with; None when they cannot be told (or
    the sequence may match the empty string)."""
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # a lookaround consumes nothing: the next item starts the match
        if op is C.LITERAL:
            return [re.escape(chr(av))]
        if op is C.IN:
            return _class(av)
        if op is C.SUBPATTERN:
            return _first(av[-1])
        if op is C.BRANCH:
            out: list[str] = []
            for branch in av[1]:
                part = _first(branch)
                if part is None:
                    return None
                out += part
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return _first(av[2])
        return None
    return None


def first_class(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One character class of every character a match of one of ``patterns`` can start with;
    None when one of them could start with anything (or is case-blind)."""
    members: list[str] = []
    for p in patterns:
        if p.flags & re.IGNORECASE:
            return None
        part = _first(P.parse(p.pattern, p.flags))
        if part is None:
            return None
        members += part
    return re.compile(f"[{''.join(dict.fromkeys(members))}]") if members else None
