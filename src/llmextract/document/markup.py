"""Tables written as markup — HTML ``<table>`` and Markdown pipe tables, as PDF and web
converters write them — turned into tab rows, the layout :mod:`llmextract.layout` reads.

Every character of a cell keeps its offset in the source, so provenance stays exact; the
tabs and line breaks put between cells take the offset of the markup they replace.

HTML cells that span several columns or rows (``colspan``/``rowspan``) leave blank cells in
the slots they cover, the way a spreadsheet export leaves a merged header: a group title,
then blanks under and beside it.
"""

from __future__ import annotations

import re

from ..core.text import Text

_TABLE = re.compile(r"<table\b[^>]*>(.*?)(?:</table\s*>|\Z)", re.I | re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=</tr\s*>|<tr\b|\Z)", re.I | re.S)
_CELL = re.compile(r"<t[dh]\b([^>]*)>(.*?)(?=</t[dh]\s*>|<t[dh]\b|</tr\s*>|\Z)", re.I | re.S)
_SPAN = re.compile(r"\b(colspan|rowspan)\s*=\s*[\"']?(\d+)", re.I)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|#160);", re.I)
_WS = re.compile(r"\s+")

_PIPE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)
_PIPE_RULE = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")


def tables_to_tabs(t: Text) -> Text:
    """``t`` with its HTML and Markdown tables rewritten as tab-separated lines."""
    if "<" in t.s and "<t" in t.s.lower():  # (no copy of the text lowered where it holds no <)
        t = _replace(t, _TABLE, _html_table)
    if "|" in t.s:
        t = _replace(t, _PIPE_ROW, _pipe_row)
    return t


def _replace(t: Text, pattern: re.Pattern[str], render) -> Text:  # noqa: ANN001 - (Text, Match) -> Text
    parts: list[Text] = []
    pos = 0
    for m in pattern.finditer(t.s):
        parts += [t[pos : m.start()], render(t, m)]
        pos = m.end()
    parts.append(t[pos:])
    return Text.join(parts)


def _mark(s: str, anchor: int) -> Text:
    """Characters the markup did not print, placed at ``anchor`` in the source."""
    return Text(s, (anchor,) * len(s))


def _cell_text(t: Text) -> Text:
    return t.sub(_TAG, " ").sub(_ENTITY, " ").sub(_WS, " ").strip()


def _html_table(t: Text, m: re.Match[str]) -> Text:
    body = t[m.start(1) : m.end(1)]
    parsed: list[list[tuple[Text, int, int]]] = []
    for rm in _ROW.finditer(body.s):
        parsed_row: list[tuple[Text, int, int]] = []
        for cm in _CELL.finditer(rm.group(1)):
            spans = {k.lower(): int(v) for k, v in _SPAN.findall(cm.group(1))}
            a, b = rm.start(1) + cm.start(2), rm.start(1) + cm.end(2)
            parsed_row.append(
                (_cell_text(body[a:b]), max(1, spans.get("colspan", 1)), max(1, spans.get("rowspan", 1)))
            )
        parsed.append(parsed_row)
    rows = [r for r in _grid(parsed) if any(c is not None and c.s for c in r)]
    anchor = t.offs[m.start()] if m.start() < len(t.offs) else 0
    lines: list[Text] = [_mark("\n", anchor)]
    for row in rows:
        cells: list[Text] = []
        for k, c in enumerate(row):
            if k:
                cells.append(_mark("\t", cells[-1].offs[-1] if cells and cells[-1].offs else anchor))
            if c is not None:
                cells.append(c)
        lines += [*cells, _mark("\n", anchor)]
    return Text.join(lines)


def _grid(rows: list[list[tuple[Text, int, int]]]) -> list[list[Text | None]]:
    """Place (text, colspan, rowspan) cells into slots: a cell fills the first slot it spans
    and leaves the others blank; a row's cells skip the slots spans from above cover."""
    taken: set[tuple[int, int]] = set()
    grid: list[list[Text | None]] = []
    for i, cells in enumerate(rows):
        row: list[Text | None] = []
        j = 0
        for text, width, height in cells:
            while (i, j) in taken:
                j += 1
            taken.update((i + di, j + dj) for di in range(height) for dj in range(width))
            row += [None] * (j - len(row)) + [text] + [None] * (width - 1)
            j += width
        end = max((dj + 1 for ii, dj in taken if ii == i), default=0)
        grid.append(row + [None] * (end - len(row)))
    return grid


def _pipe_row(t: Text, m: re.Match[str]) -> Text:
    inner = t[m.start(1) : m.end(1)]
    if _PIPE_RULE.match(inner.s):
        return Text("", ())  # the header rule |---|:---:|
    out: list[Text] = []
    pos = 0
    for k, p in enumerate(inner.split("|")):
        if k:
            out.append(_mark("\t", inner.offs[pos - 1]))  # at the pipe it replaces
        out.append(p.strip())
        pos += len(p) + 1
    return Text.join(out)
