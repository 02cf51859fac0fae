"""The closing table of a batch, aligned for Chinese file names (display width: a CJK
character takes two columns of a terminal)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .batch import Outcome

NAME_WIDTH = 40

LEGEND = (
    "failed checks — document: the printed numbers disagree with each other (the document's own\n"
    "inconsistencies); extraction: llmextract is unsure of its own reading (review those first)\n"
    "amounts read — read into a table / printed on the pages that hold tables (see coverage in the JSON)\n"
    "status — ok: at least 95% of them read; partial: fewer; unread: table pages and nothing read"
)


def width(s: str) -> int:
    """Terminal columns ``s`` takes (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def fit(s: str, cols: int) -> str:
    """``s`` cut to ``cols`` display columns (with … when cut) and padded to exactly ``cols``."""
    if width(s) > cols:
        out, w = "", 0
        for ch in s:
            cw = width(ch)
            if w + cw > cols - 1:
                break
            out, w = out + ch, w + cw
        s = out + "…"
    return s + " " * (cols - width(s))


def table(outcomes: Iterable[Outcome], name_width: int = NAME_WIDTH) -> str:
    lines = [
        f"{'':{name_width + 16}}{'failed checks':-^20}",
        f"{fit('file', name_width)} {'tables':>6} {'values':>7} {'document':>9} {'extraction':>10}"
        f"  {'amounts read':<18} kind  status",
    ]
    for o in outcomes:
        name = fit(o.path.name, name_width)
        if not o.processed:
            lines.append(f"{name} {'':>6} {'':>7} {'':>9} {'':>10}  {'':<18} {'':4}  not processed")
            continue
        status = "output failed" if o.output_errors else "degraded" if o.degraded else o.status
        if o.unreadable:
            status = f"not read: {o.unreadable}"
        read = f"{o.figure()} ({o.coverage:.0%})" if o.printed else "no table page"
        kind = fit(o.kind or "—", 4)
        lines.append(
            f"{name} {o.tables:>6} {o.values:>7} {o.document_checks:>9} {o.extraction_checks:>10}"
            f"  {read:<18} {kind}  {status}"
        )
    return "\n".join(lines)
