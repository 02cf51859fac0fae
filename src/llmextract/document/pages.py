"""Pages: the page each line of a text is on, where the text keeps its pages' form feeds (a
PDF's text does: each page after the first starts with ``\\f``), and a line that is only a
page number."""

from __future__ import annotations

import re
from collections.abc import Sequence

# a page number printed on a line of its own (- 3 -, 第3页, 第3页/共20页, 第 3 页，共 20 页,
# 共20页 第3页, 3/20)
_PAGE_NO = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[/,，、]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[/,，、]?\s*第\s*\d+\s*页|\d{1,4}\s*/\s*\d{1,4})$"
)


def line_pages(raw_lines: Sequence[str]) -> list[int] | None:
    """The 1-based page of each line (``raw_lines``: the text split at ``\\n``); None when the
    text has no form feeds (no pages to tell)."""
    if not any("\f" in r for r in raw_lines):
        return None
    page, starts = 1, []
    for r in raw_lines:
        lead = len(r) - len(r.lstrip("\f"))  # a page's first line starts with its form feed
        page += lead
        starts.append(page)
        page += r.count("\f") - lead
    return starts


def is_page_number(line: str) -> bool:
    """A line that is only a page number (the page's foot or head)."""
    return bool(_PAGE_NO.match(line.strip()))
