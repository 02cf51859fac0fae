"""Read a PDF's text layer by geometry: every character with its page and box.

The pages' characters (pypdfium2) are grouped into lines by their vertical position and
into words by the gaps between them, and laid out as text in reading order: each word starts
at the character column its x-position gives (one column = ``unit`` points, about the width
of a digit), so a table's columns stand where they stand on the page, and the prose reads in
order for chunking and the narrative facts. Every character keeps its page and box
(:attr:`llmextract.source.Source.boxes`); the positional reader (:mod:`llmextract.bands`)
measures words by those boxes, not by the text's columns.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.errors import InputError
from ..core.source import Box, Source, Turned
from .pdfboxes import keep_glyphless_text, metric_boxes
from .pdfproblems import PagePart, cannot_open, cut_short_note, failure, unread_notes
from .pdfturn import Frame, page_frame, rotation


@dataclass(slots=True)
class _Char:
    c: str
    x0: float
    top: float
    x1: float
    bottom: float
    h: float = field(init=False)  # height and middle, made once: the layout asks them over and over
    cy: float = field(init=False)

    def __post_init__(self) -> None:
        self.h = self.bottom - self.top
        self.cy = (self.top + self.bottom) / 2


def _page_chars(
    page,  # noqa: ANN001 - pypdfium2.PdfPage
) -> tuple[list[_Char], Frame, int, list[tuple[PagePart, str]]]:
    """The page's characters in its reading frame (its text upright: :mod:`.pdfturn`), each
    read with its own box (index by index, so a character pdfium inserts or drops elsewhere
    cannot shift the boxes); a character drawn again over itself (fake bold) is kept once.
    With them the page's frame, the quarter turns that show that frame as the page is shown,
    and what of the page could not be read for them, and why (its area, its rotation)."""
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    keep_glyphless_text(page.raw)
    area, unbounded = _visible_area(page)
    x0, y0, x1, y1 = area
    tp = page.get_textpage()
    try:
        count = tp.count_chars()
        frame, shown, unturned = page_frame(page, tp.raw, count, area)
        problems = [] if unbounded is None else [(PagePart.AREA, unbounded)]
        if unturned is not None:
            problems.append((PagePart.ROTATION, unturned))
        out: list[_Char] = []
        raw, generated, unicode = tp.raw, pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
        loose, rect = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FS_RECTF()
        metric_box = metric_boxes(raw)
        for k in range(count):
            if generated(raw, k) == 1:
                continue  # a space or line break pdfium made up
            code = unicode(raw, k)
            c = chr(code) if 0 < code < 0x110000 else ""
            if not c or c.isspace() or not c.isprintable():
                continue
            box = metric_box(k, code)
            if box is None:  # pdfium's own box (PdfTextPage.get_charbox(k, loose=True))
                if not loose(raw, k, rect):
                    raise PdfiumError("Failed to get charbox.")
                box = (rect.left, rect.bottom, rect.right, rect.top)
            left, bottom, right, top = box
            if top <= y0 or bottom >= y1 or right <= x0 or left >= x1:
                continue  # drawn outside the page: not printed (a clipped cell's overflow)
            ch = _Char(c, *frame.box(box))
            if not _drawn_again(ch, out):
                out.append(ch)
        return out, frame, shown, problems
    finally:
        tp.close()


def _drawn_again(ch: _Char, out: list[_Char]) -> bool:
    """``ch`` drawn over one of the last characters kept (fake bold); the cheap test first."""
    c = ch.c
    for o in out[-8:]:
        if o.c == c and _same_glyph(ch, o):
            return True
    return False


def _visible_area(page) -> tuple[tuple[float, float, float, float], str | None]:  # noqa: ANN001 - PdfPage
    """The page's crop box within its media box (left, bottom, right, top) in the characters'
    coordinates, before any /Rotate; what lies outside is not printed. pdfium's own bounds of
    the page: each box inherited from the page tree when the page names none (a PDF may give
    every page's /MediaBox once, on /Pages; pypdfium2's ``get_cropbox`` then falls back to a
    letter-size page, and whatever stands beyond it would be left out). When the bounds
    cannot be read, the page's size from its origin, and why (the page read otherwise than it
    could be: the result says so)."""
    why: str | None = None
    try:
        left, bottom, right, top = page.get_bbox()
    except Exception as e:  # noqa: BLE001 - no box to read: the page's size from its origin
        why = failure(e)
        left, bottom, right, top = 0.0, 0.0, page.get_width(), page.get_height()
        if rotation(page)[0] % 2:
            right, top = top, right
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top)), why


def _rules(
    paths: list[tuple[float, float, float, float]], frame: Frame, vertical: bool
) -> list[tuple[float, float, float]]:
    """The page's vertical lines in its reading frame, (x, top, bottom) in points, or its
    horizontal ones, (y, left, right): thin long paths, and the two sides of drawn rectangles
    along that direction (a table drawn cell by cell). Thin: at most 2 points wide, or a
    thicker stroke (below 6) at least about 7 times as long as it is wide — a page drawn
    larger (a 1.5-point rule scaled to 2.1 on a page printed on larger paper) keeps its lines."""
    out: list[tuple[float, float, float]] = []
    for bounds in paths:
        left, top, right, bottom = frame.box(bounds)
        (a0, a1), (b0, b1) = ((left, right), (top, bottom)) if vertical else ((top, bottom), (left, right))
        if b1 - b0 < 6:
            continue
        if a1 - a0 <= 2 or (a1 - a0 < 6 and a1 - a0 <= 0.15 * (b1 - b0)):
            out.append(((a0 + a1) / 2, b0, b1))
        elif a1 - a0 >= 6:  # a cell's rectangle: its two sides
            out += [(a0, b0, b1), (a1, b0, b1)]
    return out


def _mapped(bounds: list[tuple[float, float, float, float]], m) -> list[tuple[float, float, float, float]]:  # noqa: ANN001
    """``bounds`` carried by the matrix ``m`` (pdfium's FS_MATRIX): each box's four corners."""
    if (m.a, m.b, m.c, m.d, m.e, m.f) == (1, 0, 0, 1, 0, 0):
        return bounds
    out = []
    for x0, y0, x1, y1 in bounds:
        xs, ys = [], []
        for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
            xs.append(m.a * x + m.c * y + m.e)
            ys.append(m.b * x + m.d * y + m.f)
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _path_bounds(page, form=None, level: int = 0) -> list[tuple[float, float, float, float]]:  # noqa: ANN001
    """The bounds (left, bottom, right, top) of every path drawn on the page, inside form
    XObjects too, read through pdfium's own calls: a page holds thousands of objects (a
    character each), and wrapping each in a Python object was most of a long PDF's reading.
    A form's paths are bounded in the form's space: carried onto the page (or the form it
    stands in) by the matrix the form is drawn with (a page imported into another PDF, drawn
    scaled, moved or turned), as its characters are."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    count, get, parent = (
        (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, form)
        if form is not None
        else (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw)
    )
    out: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    m = pdfium_c.FS_MATRIX()
    for i in range(max(0, count(parent))):
        obj = get(parent, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                out.append((left.value, bottom.value, right.value, top.value))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < 14:  # pypdfium2's own depth (15 levels)
            inner = _path_bounds(page, obj, level + 1)
            out += _mapped(inner, m) if inner and pdfium_c.FPDFPageObj_GetMatrix(obj, m) else inner
    return out


def _joined(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Segments of one vertical line drawn piece by piece (a table drawn cell by cell, each
    cell's sides its own path) joined into one line: about the same x, each starting where
    the one above it ends."""
    columns: list[list[tuple[float, float, float]]] = []
    for r in sorted(rules):
        if columns and r[0] - columns[-1][-1][0] <= 0.75:
            columns[-1].append(r)
        else:
            columns.append([r])
    out: list[tuple[float, float, float]] = []
    for col in columns:
        x = sum(r[0] for r in col) / len(col)
        ordered = sorted(col, key=lambda r: r[1])
        top, bottom = ordered[0][1], ordered[0][2]
        for _, t, b in ordered[1:]:
            if t <= bottom + 1.5:
                bottom = max(bottom, b)
                continue
            out.append((x, top, bottom))
            top, bottom = t, b
        out.append((x, top, bottom))
    return out


def _rules_or_none(
    page, frame: Frame  # noqa: ANN001
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], str | None]:
    """The page's vertical and horizontal lines; none when its drawing cannot be read (the
    columns then come from where the amounts stand, as for a table drawn without lines), and
    then why (a note the result carries: the page was read otherwise than it could be)."""
    try:
        paths = _path_bounds(page)
        return _joined(_rules(paths, frame, vertical=True)), _rules(paths, frame, vertical=False), None
    except Exception as e:  # noqa: BLE001 - the lines only refine the columns; the text is read anyway
        return [], [], failure(e)


def _has_image(page) -> bool:  # noqa: ANN001 - pypdfium2.PdfPage
    import pypdfium2.raw as pdfium_c

    return any(o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for o in page.get_objects())


def _same_glyph(a: _Char, b: _Char) -> bool:
    """The same character drawn twice over itself (fake bold): boxes overlapping by more
    than half."""
    if a.c != b.c or a.x0 >= b.x1 or b.x0 >= a.x1:  # apart across: no overlap at all
        return False
    w = min(a.x1 - a.x0, b.x1 - b.x0)
    h = min(a.bottom - a.top, b.bottom - b.top)
    ox = min(a.x1, b.x1) - max(a.x0, b.x0)
    oy = min(a.bottom, b.bottom) - max(a.top, b.top)
    return w > 0 and h > 0 and ox > 0.5 * w and oy > 0.5 * h


def _runs(chars: list[_Char]) -> list[list[_Char]]:
    """Characters drawn one after another on one baseline, each starting where the one
    before it ends: one run of text, which no line break can split (a glyph's box may stand
    higher or lower than its neighbours' — 一 beside 般 — and a header cell centred between
    two lines must not take one character of a word and leave the rest)."""
    runs: list[list[_Char]] = []
    for ch in chars:
        if runs:
            prev = runs[-1][-1]
            size = max(prev.h, ch.h, 1.0)
            if (
                abs(ch.bottom - prev.bottom) <= 0.1 * size
                and -0.1 * size <= ch.x0 - prev.x1 <= 0.3 * size
                and abs(ch.cy - prev.cy) <= 0.35 * size
            ):
                runs[-1].append(ch)
                continue
        runs.append([ch])
    return runs


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by vertical position. Full-height characters make the
    lines (a run of them joins the line whose middle it shares); small ones (a full stop, a
    comma, a decimal point) join the line whose height they stand within."""
    if not chars:
        return []
    typical = statistics.median(c.h for c in chars)
    big = [c for c in chars if c.h >= 0.6 * typical]
    small = [c for c in chars if c.h < 0.6 * typical]
    lines: list[list[_Char]] = []
    spans: list[list[float]] = []  # [centre, top, bottom, height]
    runs = [(statistics.median(c.cy for c in r), min(c.x0 for c in r), r) for r in _runs(big)]
    for cy, _, run in sorted(runs, key=lambda r: (r[0], r[1])):
        h = max(c.h for c in run)
        top, bottom = min(c.top for c in run), max(c.bottom for c in run)
        if spans and abs(cy - spans[-1][0]) <= max(1.0, 0.35 * max(h, spans[-1][3])):
            lines[-1].extend(run)
            sp = spans[-1]
            spans[-1] = [sp[0], min(sp[1], top), max(sp[2], bottom), max(sp[3], h)]
        else:
            lines.append(list(run))
            spans.append([cy, top, bottom, h])
    for ch in small:
        best = None
        for k, (_, top, bottom, _) in enumerate(spans):
            if top - 1 <= ch.cy <= bottom + 1:
                d = min((abs(c.x0 - ch.x0) for c in lines[k]), default=1e9)
                if best is None or d < best[0]:
                    best = (d, k)
        if best is None:
            lines.append([ch])
            spans.append([ch.cy, ch.top, ch.bottom, ch.h])
        else:
            lines[best[1]].append(ch)
    order = sorted(range(len(lines)), key=lambda k: spans[k][0])
    return [sorted(lines[k], key=lambda c: c.x0) for k in order]


# an amount printed with its thousands' separators or to the 分, and a character of a name
_WHOLE_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d{2,}")
_NAME_START = re.compile(r"[\u4e00-\u9fff]")
_UNIT_AFTER = "万千亿元%"  # (tokens._AMOUNT_THEN_WORDS: the units an amount is printed with)


def _amount_then_name(word: list[_Char], ch: _Char) -> bool:
    """A name's first character right after an amount, a narrow gap apart (an amount printed up
    to its cell's right edge, the next cell's name right after it, no line drawn between):
    two words. A unit after an amount (100.00万元) is no name."""
    return (
        bool(_NAME_START.match(ch.c))
        and ch.c not in _UNIT_AFTER
        and bool(_WHOLE_AMOUNT.fullmatch("".join(c.c for c in word)))
    )


def _words(line: list[_Char], rules: Sequence[tuple[float, float, float]] = ()) -> list[list[_Char]]:
    """A line's characters grouped into words by the gaps between them; a vertical line drawn
    through a gap between two characters (a cell's edge) parts them however narrow the gap
    (an amount printed up to its cell's edge, the next cell's name right after it). A line
    drawn where two characters touch (a code overflowing its cell) parts nothing."""
    cy = statistics.median(c.cy for c in line) if line else 0.0
    edges = [x for x, top, bottom in rules if top <= cy <= bottom]
    words: list[list[_Char]] = []
    for ch in line:
        if words:
            prev = words[-1][-1]
            size = max(prev.h, ch.h, 1.0)
            gap = ch.x0 - prev.x1
            if gap <= 0.3 * size and not (
                gap >= 0.1 * size
                and (
                    any(prev.x1 - 0.5 <= x <= ch.x0 + 0.5 for x in edges)
                    or _amount_then_name(words[-1], ch)
                )
            ):
                words[-1].append(ch)
                continue
        words.append([ch])
    return words


def read(data: bytes, path: str) -> Source:
    """The PDF laid out as text, with each character's page and box."""
    try:
        import pypdfium2 as pdfium
    except ImportError as e:  # pragma: no cover - a dependency
        raise InputError(f"{path}: is a PDF; install pypdfium2 to read it") from e
    try:
        doc = pdfium.PdfDocument(data)
    except Exception as e:  # pdfium raises its own error type for every kind of damage
        raise InputError(cannot_open(e, data, path)) from None
    try:
        read, rules, across = [], [], []
        unread: dict[PagePart, list[tuple[int, str]]] = {}  # what of which pages could not be read, why
        for i in range(len(doc)):  # each page loaded once: its characters, then its lines
            page = doc[i]
            chars, frame, shown, problems = _page_chars(page)
            read.append((chars, frame, shown))
            v, h, why = _rules_or_none(page, frame)
            rules.append(v)
            across.append(h)
            for part, reason in [*problems, *([(PagePart.LINES, why)] if why is not None else [])]:
                unread.setdefault(part, []).append((i + 1, reason))
        pages = [chars for chars, _, _ in read]
        turned = tuple(
            Turned(i, shown, *frame.size) for i, (_, frame, shown) in enumerate(read, start=1) if shown
        )
        scanned = [i + 1 for i, chars in enumerate(pages) if not chars and _has_image(doc[i])]
    except Exception as e:
        raise InputError(
            f"{path}: a PDF whose pages cannot be read ({str(e).splitlines()[0][:120]})"
        ) from None
    finally:
        doc.close()
    if not any(pages):
        raise InputError(
            f"{path}: a PDF without a text layer (scanned?); run OCR first, then llmextract on the text"
        )
    digits = [c.x1 - c.x0 for p in pages for c in p if c.c.isdigit()]
    unit = max(2.0, statistics.median(digits)) if digits else 5.0
    out: list[str] = []
    boxes: list[Box | None] = []

    def put(s: str, box: Box | None = None) -> None:
        out.append(s)
        boxes.extend([box] * len(s))

    for pno, (chars, page_rules) in enumerate(zip(pages, rules, strict=True), start=1):
        if pno > 1:
            put("\f")
        for line in _lines(chars):
            col = 0
            for w in _words(line, page_rules):
                start = round(w[0].x0 / unit)
                pad = max(start - col, 1 if col else 0)
                put(" " * pad)
                col += pad
                for ch in w:  # one character each: put() without its list
                    out.append(ch.c)
                    boxes.append((pno, ch.x0, ch.top, ch.x1, ch.bottom))
                col += sum(2 if ord(ch.c) > 0x2E7F else 1 for ch in w)
            put("\n")
    notes = cut_short_note(data)
    if scanned:
        several = len(scanned) > 1
        which = f"{'pages' if several else 'page'} {', '.join(map(str, scanned))}"
        them = "them" if several else "it"
        notes += (
            f"{which} {'hold' if several else 'holds'} an image without text (scanned?): "
            f"nothing on {them} is read; run OCR on {them}",
        )
    notes += unread_notes(unread)
    ruled = tuple(
        (p, x / unit, top, bottom) for p, page in enumerate(rules, start=1) for x, top, bottom in page
    )
    flat = tuple(
        (p, y, left / unit, right / unit) for p, page in enumerate(across, start=1) for y, left, right in page
    )
    return Source.from_text("".join(out), path, "pdf", tuple(boxes), unit, notes, ruled, turned, flat)
