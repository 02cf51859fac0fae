"""Whether a regular expression's matches stay within a line: no part of it (its lookarounds
included) can match a ``\\n`` and it has no anchor but a word boundary. Such a pattern finds
the same matches in each line of a text as in the whole text (a lookaround that reaches the
``\\n`` around a line fails or holds there as it does at the line's own start or end), so one
search of the whole text tells which lines it matches."""

from __future__ import annotations

import importlib
import re
from typing import Any

C: Any = importlib.import_module("re._constants")  # the parser's node names
P: Any = importlib.import_module("re._parser")  # the parser of the re module itself

_NL = ord("\n")
_CATEGORIES_WITHOUT_NL = {"CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_LINEBREAK"}
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def within_line(p: re.Pattern[str]) -> bool:
    """``p`` cannot match across a line's end, nor sees where a line starts or ends otherwise
    than a line's own start and end would show (a conservative answer: False when unsure)."""
    if p.flags & (re.DOTALL | re.MULTILINE | re.IGNORECASE):
        return False
    try:
        return _seq(P.parse(p.pattern, p.flags))
    except Exception:  # noqa: BLE001 - a construct the parser names otherwise: unsure
        return False


def _seq(seq: Any) -> bool:
    return all(_item(op, av) for op, av in seq)


def _class(items: Any) -> bool:
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            return False
        if name == "LITERAL" and av == _NL:
            return False
        if name == "RANGE" and av[0] <= _NL <= av[1]:
            return False
        if name == "CATEGORY" and str(av) not in _CATEGORIES_WITHOUT_NL:
            return False
        if name not in ("LITERAL", "RANGE", "CATEGORY"):
            return False
    return True


def _item(op: Any, av: Any) -> bool:  # noqa: PLR0911 - one answer per node kind
    name = str(op)
    if name == "LITERAL":
        return bool(av != _NL)
    if name == "ANY":
        return True  # (no DOTALL: . matches no \n)
    if name == "IN":
        return _class(av)
    if name == "SUBPATTERN":
        return not av[1] & (re.DOTALL | re.MULTILINE | re.IGNORECASE) and _seq(av[-1])
    if name == "BRANCH":
        return all(_seq(b) for b in av[1])
    if name in _REPEATS:
        return _seq(av[2])
    if name in ("ASSERT", "ASSERT_NOT"):
        return _seq(av[1])
    if name == "AT":
        return str(av) in ("AT_BOUNDARY", "AT_NON_BOUNDARY")  # \b: \n is no word character
    return name == "GROUPREF"  # the text of a group, itself within the line
