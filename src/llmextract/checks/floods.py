"""A flood of findings summarised: the first few of a kind listed, the rest counted.

A file that holds the same document many times over (or a damaged one) makes the audit find
the same thing hundreds of times and every later printing of a table disagree with the
first. Thousands of lines help nobody: each audit rule lists its first :data:`LISTED`
findings and a warning counts the rest; a table lists its first :data:`LISTED` conflicts
between printings and a note counts the rest. Arithmetic checks are never cut: each names
its own cells. A real disclosure stays well below the limit (at most 9 findings of one
audit rule on the 144 documents of the dev corpus).
"""

from __future__ import annotations

from collections import Counter

from ..core.result import Check

LISTED = 20


def capped(notes: list[str], what: str, total: int | None = None) -> list[str]:
    """The first :data:`LISTED` notes, and one that counts the others (doubt notes are read
    on the review page: in Chinese, ``what`` too); ``total``: how many there were, when only
    the first few were kept."""
    total = len(notes) if total is None else total
    if total <= LISTED:
        return notes
    return [*notes[:LISTED], f"……另有 {total - LISTED:,} {what}，未列出"]


def findings(checks: list[Check], warnings: list[str], dropped: Counter[str] | None = None) -> list[Check]:
    """The checks with at most :data:`LISTED` audit findings per rule; a warning for each
    rule cut, with its count (``dropped``: findings of each rule already let go, past the
    first :data:`LISTED`, by :func:`keep_first`)."""
    dropped = dropped if dropped is not None else Counter()
    seen: Counter[str] = Counter(dropped)
    out: list[Check] = []
    for c in checks:
        if c.category != "arithmetic":
            seen[c.rule] += 1
            if seen[c.rule] - dropped[c.rule] > LISTED:
                continue
        out.append(c)
    for rule, n in seen.items():
        if n > LISTED:
            warnings.append(
                f"audit rule {rule} found {n:,} times: the first {LISTED} are listed in the checks"
                " (is the same document repeated in this file?)"
            )
    return out


def keep_first(kept: list[Check], more: list[Check], dropped: Counter[str]) -> None:
    """``more`` findings added to ``kept``, each rule's past its first :data:`LISTED` counted in
    ``dropped``, not kept (a long text's findings, piece after piece)."""
    held = Counter(c.rule for c in kept)
    for c in more:
        held[c.rule] += 1
        if held[c.rule] > LISTED:
            dropped[c.rule] += 1
        else:
            kept.append(c)
