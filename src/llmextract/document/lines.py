"""The lines of the decoded source text as the rules read them: each line NFKC (full-width
digits and punctuation made ASCII), a Markdown or HTML table row made tab-separated cells,
with its 1-based number in the source (so that a finding points at the line a person reads).

Unlike :mod:`.normalize` (the readers' text, which mends numbers and radicals and keeps
offsets), a line here is the source line itself, lightly decoded.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_WS = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_CELL_TAG = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.I)
_TAG = re.compile(r"<[^>]{1,200}>")


def plain(raw: str) -> str:
    """A line as the rules read it: NFKC (full-width digits and punctuation made ASCII), HTML
    tags dropped (a cell boundary becomes a tab), entities decoded."""
    s = unicodedata.normalize("NFKC", raw)
    st = s.strip()
    if st.startswith("|") and st.endswith("|") and len(st) > 1:  # a Markdown table row
        cells = [x.strip() for x in st.strip("|").split("|")]
        return "" if all(re.fullmatch(r":?-{2,}:?", x) for x in cells if x) else "\t".join(cells)
    if "<" in s:
        s = _TAG.sub("", _CELL_TAG.sub("\t", s))
        s = html.unescape(s)
    return s


def bare(s: str) -> str:
    """White space and quotation marks taken out: how a rule compares a line's words
    (``chunking.compact`` takes out only the white space)."""
    return _QUOTES.sub("", _WS.sub("", s))


@dataclass
class Line:
    no: int  # 1-based
    raw: str
    s: str  # NFKC: full-width digits and punctuation made ASCII

    @cached_property
    def c(self) -> str:
        """The line without white space and quotes."""
        return bare(self.s)

    @property
    def blank(self) -> bool:
        return not self.s.strip()

    @cached_property
    def tabular(self) -> bool:
        """A table row: cells apart by tabs, wide gaps or pipes."""
        st = self.s.strip()
        return "\t" in st or bool(re.search(r"\S {3,}\S", st)) or st.startswith("|")


def lines_of(raw: str) -> list[Line]:
    """The source text's lines (split at ``\\n``; a form feed stays in its line)."""
    return [Line(i + 1, r, plain(r)) for i, r in enumerate(raw.split("\n"))]
