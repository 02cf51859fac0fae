"""The characters a regular expression's match can start with, as one character class: a
line holding none of them cannot match, and a class is searched far faster than a pattern
that opens with a lookbehind or an alternation of them (the engine then tries the
lookbehinds at every position of the text)."""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

C: Any = importlib.import_module("re._constants")  # the parser's node names
P: Any = importlib.import_module("re._parser")  # the parser of the re module itself

_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)

First = tuple[list[str], bool]  # the class members a match may start with; whether it may be empty


def run(members: str) -> str:
    """A run of one or more of the characters ``members`` (a class's inside), spelt
    ``[m][m]*``: the same matches as ``[m]+``, but the engine searches for a pattern that opens
    with a class by scanning for the class, while one that opens with a repeat (``[m]+``,
    ``\\d{3}``) is tried at every position of the text."""
    return f"[{members}][{members}]*"


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


T = TypeVar("T")
Kept = dict[int, tuple[re.Pattern[str], T]]


def _kept(cache: Kept[T], p: re.Pattern[str], find: Callable[[re.Pattern[str]], T]) -> T:
    """``find(p)``, found once per pattern and kept by the pattern's identity (the pattern kept
    beside it, so that its id is not another's): a pattern's hash is its compiled code's, hashed
    again at each look-up — longer than many a search (a class name's pattern is kilobytes of
    code). Parsing a pattern costs more than searching a document's lines."""
    kept = cache.get(id(p))
    if kept is None:
        kept = cache[id(p)] = (p, find(p))
    return kept[1]


_LEADS: Kept[re.Pattern[str] | None] = {}
_STARTS: Kept[re.Pattern[str] | None] = {}


def starts(p: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`first_class` of ``p`` alone."""
    return _kept(_STARTS, p, _first_class_of)


def _first_class_of(p: re.Pattern[str]) -> re.Pattern[str] | None:
    return first_class([p])


def lead(p: re.Pattern[str]) -> re.Pattern[str] | None:
    """The class to step through ``p``'s matches with, when ``p`` opens with a lookaround (or
    a choice of them) that the engine would try at every position; else None."""
    return _kept(_LEADS, p, _lead_of)


def _lead_of(p: re.Pattern[str]) -> re.Pattern[str] | None:
    parsed = P.parse(p.pattern, p.flags)
    opens = _item(*parsed[0]) if len(parsed) else None
    return first_class([p]) if opens is not None and opens[1] else None


Anchor = tuple[str, int, int]  # a literal every match holds, and its offsets from the match's start
_ANCHORS: Kept[Anchor | None] = {}
_MIN_LITERAL, _MAX_WINDOW = 2, 16  # a rarer literal than one character; few starts to try before it
_TRIED = 4  # characters the engine scans in the time one start is tried from Python


def anchor(p: re.Pattern[str]) -> Anchor | None:
    """A literal (two characters or more) that every match of ``p`` holds at an offset from its
    start known within a few characters: the first run of literal characters of the pattern's
    top level that only bounded items precede (lookarounds, a group of alternatives…); None when
    there is none, or ``p`` is case-blind."""
    return _kept(_ANCHORS, p, _anchor_in)


def _anchor_in(p: re.Pattern[str]) -> Anchor | None:
    parsed = None if p.flags & re.IGNORECASE else P.parse(p.pattern, p.flags)
    # (a pattern opening with its literal: the engine itself looks for that first)
    return _anchor_of(parsed) if parsed and parsed[0][0] is not C.LITERAL else None


def _anchor_of(parsed: Any) -> Anchor | None:
    lo = hi = 0  # the offsets the next item may start at
    run: list[str] = []
    for op, av in [*parsed, (None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if len(run) >= _MIN_LITERAL and hi - lo <= _MAX_WINDOW:
            return "".join(run), lo, hi
        lo, hi = lo + len(run), hi + len(run)
        run = []
        if op is None:
            return None
        w_lo, w_hi = P.SubPattern(parsed.state, [(op, av)]).getwidth()
        lo, hi = lo + w_lo, hi + w_hi
        if hi - lo > _MAX_WINDOW:
            return None  # (an unbounded item: no later literal stands at a known offset)
    return None


_REQUIRED: Kept[tuple[str, ...] | None] = {}


def required(p: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of ``p`` holds: its first run of literal characters
    at the top level, with each of the literal alternatives of a group right after it
    (``支出(?:总计|合计)``: 支出总计 or 支出合计); without such a run, the alternatives of its
    first group of literal alternatives (``(?<![\\d.])(,,|;;)``: ,, or ;;). None when there is
    no such run or group of two characters or more each, or ``p`` is case-blind. A text holding
    none of them holds no match."""
    return _kept(_REQUIRED, p, _required_in)


def _required_in(p: re.Pattern[str]) -> tuple[str, ...] | None:
    parsed = None if p.flags & re.IGNORECASE else P.parse(p.pattern, p.flags)
    return _required_of(list(parsed)) if parsed else None


def _required_of(items: list[Any]) -> tuple[str, ...] | None:
    i = next((k for k, (op, _) in enumerate(items) if op is C.LITERAL), None)
    if i is None:
        return _first_choices(items)
    run = ""
    while i < len(items) and items[i][0] is C.LITERAL:
        run += chr(items[i][1])
        i += 1
    choices = _literal_choices(items[i]) if i < len(items) else None
    if choices:
        return tuple(run + c for c in choices)
    return (run,) if len(run) >= 2 else None


def _first_choices(items: list[Any]) -> tuple[str, ...] | None:
    """The literal alternatives (two characters or more each) of the first top-level group made
    of nothing else: a top-level item is matched once in every match."""
    for item in items:
        choices = _literal_choices(item)
        if choices is not None:
            return tuple(choices) if all(len(c) >= 2 for c in choices) else None
    return None


def _literal_choices(item: Any) -> list[str] | None:
    """The alternatives of a group (or a choice) that are all literal text, else None."""
    op, av = item
    if op is C.SUBPATTERN:
        inner = list(av[-1])
        if len(inner) != 1 or av[1] & re.IGNORECASE:  # (a group of its own flags: case-blind)
            return None
        op, av = inner[0]
    if op is not C.BRANCH:
        return None
    out: list[str] = []
    for branch in av[1]:
        if not branch or any(o is not C.LITERAL for o, _ in branch):
            return None
        out.append("".join(chr(v) for _, v in branch))
    return out


def finditer(p: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches ``p.finditer(text)`` yields (none of them empty), found by trying ``p`` only
    where a character its match can start with stands, or only a few characters before a
    literal every match holds (:func:`anchor`); none looked for in a text holding none of the
    literals one of which every match holds (:func:`required`)."""
    needed = required(p)
    if needed is not None and not any(lit in text for lit in needed):
        return
    first = lead(p)
    if first is None and (behind := after(p)) is not None:
        yield from _after(p, text, *behind)
        return
    if first is None:
        held = anchor(p)
        tries = text.count(held[0]) * (held[2] - held[1] + 1) if held is not None else 0
        if held is None or tries * _TRIED > len(text) or _opened_rarely(p, text, tries):
            yield from p.finditer(text)  # (a literal printed all over: the engine's scan is faster)
        else:
            yield from _anchored(p, text, held)
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


# the characters a match stands after; whether also at the text's start; literals one of which
# a match holds within its first characters, and how many (:func:`_near`), when known
Behind = tuple[re.Pattern[str], bool, tuple[tuple[str, ...], int] | None]
_AFTER: Kept[Behind | None] = {}


def after(p: re.Pattern[str]) -> Behind | None:
    """When a match of ``p`` can only start right after one of a few characters (it opens with
    a lookbehind of one character of a class, ``(?<=[,;。])``, or with a choice of such and the
    text's start, ``(?:^|(?<=[,;。]))``): those characters as a class, and whether a match may
    also start the text; None otherwise, and when ``p`` may match nothing or is case-blind or
    multi-line."""
    return _kept(_AFTER, p, _after_of)


def _after_of(p: re.Pattern[str]) -> Behind | None:
    if p.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    parsed = P.parse(p.pattern, p.flags)
    if not len(parsed) or parsed.getwidth()[0] == 0:
        return None
    op, av = parsed[0]
    branches = av[1] if op is C.BRANCH else [[(op, av)]]
    members: list[str] = []
    at_start = False
    for branch in branches:
        if len(branch) != 1:
            return None
        bop, bav = branch[0]
        if bop is C.AT and bav in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            at_start = True
            continue
        behind = _one_character(bav[1]) if bop is C.ASSERT and bav[0] == -1 else None
        if behind is None:
            return None
        members += behind
    return (re.compile(f"[{''.join(members)}]"), at_start, _near(parsed)) if members else None


_NEAR = 48  # the most characters from a match's start a literal it holds is looked for in


def _near(parsed: Any) -> tuple[tuple[str, ...], int] | None:
    """Literals (two characters or more each) one of which every match holds within its first
    ``reach`` characters: a top-level run of literal characters, or group of literal
    alternatives, that only items of bounded width precede; None when there is none within
    :data:`_NEAR` characters."""
    reach = 0
    run = ""
    for op, av in [*parsed, (None, None)]:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if len(run) >= 2:
            return (run,), reach + len(run)
        reach += len(run)
        run = ""
        choices = _literal_choices((op, av)) if op in (C.SUBPATTERN, C.BRANCH) else None
        if choices and all(len(c) >= 2 for c in choices):
            return tuple(choices), reach + max(map(len, choices))
        if op is None:
            return None
        reach += P.SubPattern(parsed.state, [(op, av)]).getwidth()[1]
        if reach > _NEAR:
            return None
    return None


def _one_character(seq: Any) -> list[str] | None:
    """The class members of a lookbehind's pattern that is one literal character or one class
    of them, else None."""
    if len(seq) != 1:
        return None
    op, av = seq[0]
    if op is C.LITERAL:
        return [re.escape(chr(av))]
    return _class(av) if op is C.IN else None


def _after(
    p: re.Pattern[str],
    text: str,
    behind: re.Pattern[str],
    at_start: bool,
    near: tuple[tuple[str, ...], int] | None,
) -> Iterator[re.Match[str]]:
    """``p.finditer(text)``, ``p`` tried only at the text's start (``at_start``) and right after
    each character of ``behind`` (:func:`after`), and there only when one of the literals ``near``
    names stands within its reach: in order, none before the end of the last match."""
    pos = 0
    starts = itertools.chain((0,) if at_start else (), (c.end() for c in behind.finditer(text)))
    literals, reach = near if near is not None else ((), 0)
    for at in starts:
        if at < pos or (literals and not any(text.find(lit, at, at + reach) >= 0 for lit in literals)):
            continue
        m = p.match(text, at)  # a lookbehind still sees the text before ``at``
        if m is not None:
            yield m
            pos = m.end()


_OPENINGS: Kept[str] = {}


def opening(p: re.Pattern[str]) -> str:
    """The characters ``p``'s match opens with, when its first item is one of a few literal
    characters (``[“"]``, ``支``): the engine itself tries ``p`` only where one of them stands;
    "" when it opens otherwise."""
    return _kept(_OPENINGS, p, _opening_of)


def _opening_of(p: re.Pattern[str]) -> str:
    parsed = None if p.flags & re.IGNORECASE else P.parse(p.pattern, p.flags)
    if parsed and len(parsed):
        op, av = parsed[0]
        if op is C.LITERAL:
            return str(chr(av))
        if op is C.IN and all(o is C.LITERAL for o, _ in av) and len(av) <= _FEW:
            return "".join(chr(v) for _, v in av)
    return ""


_FEW = 8  # literal characters of an opening class counted one by one


def _opened_rarely(p: re.Pattern[str], text: str, tries: int) -> bool:
    """Whether the engine's own scan tries ``p`` at no more places than the anchored steps
    would (``tries``): where it opens with a few literal characters, printed no oftener."""
    chars = opening(p)
    return bool(chars) and sum(text.count(c) for c in chars) <= tries


def _anchored(p: re.Pattern[str], text: str, held: Anchor) -> Iterator[re.Match[str]]:
    """``p.finditer(text)``, ``p`` tried only at the starts ``held`` allows: from ``hi`` to ``lo``
    characters before each place its literal stands (the starts in order, each tried once, none
    before the end of the last match: finditer's matches, none of them empty as each holds the
    literal)."""
    lit, lo, hi = held
    pos = 0  # where the next match may start
    tried = -1  # the last start tried
    k = text.find(lit, lo)
    while k >= 0:
        at, last = max(pos, k - hi, tried + 1), k - lo
        while at <= last:
            tried = at
            m = p.match(text, at)  # a lookbehind still sees the text before ``at``
            if m is None:
                at += 1
                continue
            yield m
            pos = at = m.end()
        k = text.find(lit, max(k + 1, pos + lo))
