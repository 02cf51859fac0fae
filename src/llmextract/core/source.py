"""The decoded document as every later stage sees it: its text, line starts and, for a PDF,
each character's page and box."""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .memo import by_identity
from .text import Text

# a character's width on screen by its East Asian width: two columns for a wide (Chinese) one
_WIDTH_OF = {"W": 2, "F": 2, "Na": 1, "H": 1, "A": 1, "N": 1}


def _widths(s: str) -> list[int]:
    """The display width before each character of ``s`` and after the last, each character's
    width looked up without a Python call per character."""
    widths = map(_WIDTH_OF.__getitem__, map(unicodedata.east_asian_width, s))
    return list(itertools.accumulate(widths, initial=0))


Box = tuple[int, float, float, float, float]  # page (1-based), x0, top, x1, bottom in points


@dataclass(frozen=True)
class Turned:
    """A PDF page read in a turned frame (its text upright: :mod:`llmextract.inputs.pdfturn`)
    and how it is shown: the reading frame turned clockwise by ``turn`` quarter turns;
    ``width`` and ``height`` are the reading frame's, in points."""

    page: int
    turn: int
    width: float
    height: float

    def shown(self, box: list[float]) -> list[float]:
        """A reading-frame box [x0, top, x1, bottom] on the page as a viewer shows it
        (``/Rotate`` applied; points from its top left corner, y down)."""
        x0, top, x1, bottom = box
        w, h, t = self.width, self.height, self.turn % 4
        if t == 1:
            return [h - bottom, x0, h - top, x1]
        if t == 2:
            return [w - x1, h - bottom, w - x0, h - top]
        if t == 3:
            return [top, w - x1, bottom, w - x0]
        return list(box)


@by_identity()
def _rules_by_page(
    rules: tuple[tuple[int, float, float, float], ...],
) -> dict[int, list[tuple[float, float, float]]]:
    """A document's vertical lines by page, in their order (x, top, bottom)."""
    out: dict[int, list[tuple[float, float, float]]] = {}
    for p, x, top, bottom in rules:
        out.setdefault(p, []).append((x, top, bottom))
    return out


@dataclass(frozen=True)
class Source:
    """The decoded document: its text, how it was decoded, and line starts for line/col.

    A PDF's text is the one the tool laid out from the page's words (:mod:`llmextract.pdf`):
    ``boxes`` holds each character's page and box, and ``unit`` the width in points of one
    character column, so the positional reader works on the words' real x-positions."""

    path: str
    raw: str
    encoding: str
    line_starts: Sequence[int]  # an array of the offset where each line starts
    boxes: tuple[Box | None, ...] | None = None
    unit: float = 1.0
    notes: tuple[str, ...] = ()  # what reading the file left out (a PDF's scanned pages)
    rules: tuple[
        tuple[int, float, float, float], ...
    ] = ()  # a PDF's vertical lines: page, x (units), top, bottom
    # a PDF's pages read in a frame other than the one they are shown in (turned pages); the
    # boxes and lines above are in each page's reading frame, :meth:`box` gives them as shown
    turned: tuple[Turned, ...] = ()
    # a PDF's horizontal lines: page, y (points, reading frame), left and right (units)
    across: tuple[tuple[int, float, float, float], ...] = ()

    @classmethod
    def from_text(
        cls,
        raw: str,
        path: str = "<text>",
        encoding: str = "utf-8",
        boxes: tuple[Box | None, ...] | None = None,
        unit: float = 1.0,
        notes: tuple[str, ...] = (),
        rules: tuple[tuple[int, float, float, float], ...] = (),
        turned: tuple[Turned, ...] = (),
        across: tuple[tuple[int, float, float, float], ...] = (),
    ) -> Source:
        starts = array("q", [0])  # 8 bytes a line, not a Python int (36)
        at = raw.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = raw.find("\n", at + 1)
        return cls(path, raw, encoding, starts, boxes, unit, notes, rules, turned, across)

    def ruling(self, lines: list[Text]) -> list[float]:
        """The x (in character units) of the vertical lines drawn through every one of
        ``lines`` (a PDF's ruled table: its column edges); [] when none or not a PDF."""
        if not self.rules or self.boxes is None:
            return []
        where = []
        for line in lines:
            bs = [b for b in (self.boxes[o] for o in line.offs) if b is not None]
            if bs:
                where.append((bs[0][0], (min(b[2] for b in bs) + max(b[4] for b in bs)) / 2))
        if not where or len({p for p, _ in where}) != 1:
            return []
        page, ys = where[0][0], [y for _, y in where]
        lo, hi = min(ys), max(ys)
        on_page = _rules_by_page(self.rules).get(page, [])
        xs = sorted(x for x, top, bottom in on_page if top <= lo and bottom >= hi)
        out: list[float] = []
        for x in xs:  # one edge drawn twice (two cells' sides) is one
            if not out or x - out[-1] > 0.5:
                out.append(x)
        return out

    def box(self, start: int, end: int) -> tuple[int | None, list[float] | None]:
        """Page and bounding box [x0, top, x1, bottom] of the characters start..end (a PDF),
        on the page as a viewer shows it (points from its top left corner, y down)."""
        if self.boxes is None:
            return None, None
        first = next((b for b in self.boxes[start:end] if b is not None), None)
        if first is None:
            return None, None
        page, x0, top, x1, bottom = first
        for b in self.boxes[start:end]:  # one pass: min/max of the page's boxes, as min() and max() take them
            if b is None or b[0] != page:
                continue
            if b[1] < x0:
                x0 = b[1]
            if b[2] < top:
                top = b[2]
            if b[3] > x1:
                x1 = b[3]
            if b[4] > bottom:
                bottom = b[4]
        box = [x0, top, x1, bottom]
        for t in self.turned:
            if t.page == page:
                box = t.shown(box)
        return page, [round(v, 2) for v in box]

    def _text_columns(self, line: Text, a: int, b: int) -> tuple[float, float]:
        """A word's columns in the file as printed (before normalisation joined ``3, 151. 93``
        or dropped a tag): where its first character stands, to after its last."""
        if not line.offs[a:b]:
            return float(a), float(b)
        first, last = line.offs[a], line.offs[b - 1]
        start = self.line_start(first)
        return float(first - start), float(last - start + 1)

    def line_start(self, offset: int) -> int:
        """Where the line holding character ``offset`` starts: after the last line break before
        it (``line_starts[line_col(offset)[0] - 1]``, found in the line itself, not by a bisection
        of every line's start: an array's, each of whose items is made an int to be compared)."""
        return self.raw.rfind("\n", 0, offset) + 1

    @property
    def display_geometry(self) -> Any:  # a reading.bands.Geometry | None (core imports no reading)
        """A text's words measured as a terminal shows them, a Chinese character two columns
        wide (a table typed or written by a tool that lines its columns up on screen); None
        for a PDF, whose words carry their real positions."""
        if self.boxes is not None:
            return None
        widths: dict[int, list[int]] = {}  # a line's start → the display width before each character

        def display_columns(line: Text, a: int, b: int) -> tuple[float, float]:
            if not line.offs[a:b]:
                return float(a), float(b)
            first, last = line.offs[a], line.offs[b - 1]
            start = self.line_start(first)
            before = widths.get(start)
            if before is None:
                end = self.raw.find("\n", start)
                before = _widths(self.raw[start : end if end >= 0 else None])
                widths[start] = before
            return float(before[first - start]), float(before[min(last - start + 1, len(before) - 1)])

        return display_columns

    @property
    def geometry(self):  # noqa: ANN201 - bands.Geometry
        """How the positional reader measures a word: the PDF's x-positions, or the text's
        character columns as printed."""
        if self.boxes is None:
            return self._text_columns
        boxes, unit = self.boxes, self.unit

        def pdf_columns(line: Text, a: int, b: int) -> tuple[float, float]:
            bs = [boxes[o] for o in line.offs[a:b] if boxes[o] is not None]
            if not bs:
                return float(a), float(b)
            return min(x[1] for x in bs) / unit, max(x[3] for x in bs) / unit

        return pdf_columns

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        starts = self.line_starts
        lo = bisect.bisect_right(starts, offset) - 1
        if lo < 0:  # (an offset before the first line: its first line)
            lo = 0
        return lo + 1, offset - starts[lo] + 1
