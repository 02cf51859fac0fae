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

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_CELL_TAG = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.I)
_TAG = re.compile(r"<[^>]{1,200}>")


# the characters most often not NFKC in a disclosure (full-width digits, letters and punctuation,
# the ideographic space, Kangxi radicals), each with its full compatibility decomposition (NFKD):
# a line with these replaced decomposes exactly as it did, so its NFKC is the same, and is
# mostly the line itself (no normalisation left to do)
_DECOMPOSED = {
    o: unicodedata.normalize("NFKD", chr(o)) for o in (*range(0xFF01, 0xFF5F), 0x3000, *range(0x2F00, 0x2FE0))
}
_CHARS = "".join(re.escape(chr(o)) for o in sorted(_DECOMPOSED))
# a run of them, spelt [c][c]* as firstchars.run spells it (searched for by the class alone; not
# imported from there: mypyc then cannot tell the type of titles.ENDS_TABLE in chunking)
_DECOMPOSABLE = re.compile(f"[{_CHARS}][{_CHARS}]*")


def _decomposed(m: re.Match[str]) -> str:
    return m.group().translate(_DECOMPOSED)


def _nfkc(s: str) -> str:
    """NFKC, asked first whether there is anything to do (ten times faster than normalising
    a line that is already normal, as most are); the full-width characters, whose NFKC is one
    character, replaced before anything else is normalised (the rest mostly is already)."""
    if unicodedata.is_normalized("NFKC", s):
        return s
    s = _DECOMPOSABLE.sub(_decomposed, s)
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


def plain(raw: str) -> str:
    """A line as the rules read it: NFKC (full-width digits and punctuation made ASCII), HTML
    tags dropped (a cell boundary becomes a tab), entities decoded."""
    s = _nfkc(raw)
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
    return _QUOTES.sub("", "".join(s.split()))  # split(): the whitespace \s matches


_GAP = re.compile(r"\S {3,}\S")


@dataclass(slots=True, eq=False, init=False)
class Line:
    """One line of the source (slots, no ``__dict__``: a long text has a million of them). Its
    ``__init__`` written out: compiled, not the dataclass's own (made at import, and run as
    Python for each of the document's lines)."""

    no: int  # 1-based
    raw: str
    s: str  # NFKC: full-width digits and punctuation made ASCII
    # what every rule reads of almost every line, made once (by lines_of)
    c: str  # without white space and quotes
    compact: str  # without white space (``c`` itself where it holds no quote)
    blank: bool
    tabular: bool  # a table row: cells apart by tabs, wide gaps or pipes

    def __init__(  # noqa: PLR0913 - the line's fields, in order
        self, no: int, raw: str, s: str, c: str, compact: str, blank: bool, tabular: bool
    ) -> None:
        self.no = no
        self.raw = raw
        self.s = s
        self.c = c
        self.compact = compact
        self.blank = blank
        self.tabular = tabular


def lines_of(raw: str) -> list[Line]:
    """The source text's lines (split at ``\\n``; a form feed stays in its line)."""
    out: list[Line] = []
    quotes, gap = _QUOTES, _GAP
    is_nfkc = unicodedata.is_normalized
    for no, r in enumerate(raw.split("\n"), 1):  # (plain(r) only where needed: a long text
        s = r if is_nfkc("NFKC", r) else _nfkc(r)  # has a million lines)
        if "|" in s or "<" in s:
            s = plain(r)  # a Markdown or HTML table row
        compact = "".join(s.split())
        c = quotes.sub("", compact) if quotes.search(compact) else compact  # most hold no quote
        # a tab or pipe inside the stripped line; a gap is three spaces at least between two
        # words (never in the white space around them), a line without them needs no search
        tabular = (("\t" in s or "|" in s) and ("\t" in (st := s.strip()) or st.startswith("|"))) or (
            "   " in s and gap.search(s) is not None
        )
        out.append(Line(no, r, s, c, compact, not compact, tabular))  # blank: white space only
    return out
