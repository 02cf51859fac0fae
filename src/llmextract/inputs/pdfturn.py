"""A turned page read upright, and its boxes given back as the page is shown.

pdfium gives every character's box and every drawn line in the page's own user space (PDF
points, origin bottom left), before the page's ``/Rotate``. A page's table can stand turned
in two ways: the page is shown turned (``/Rotate 90``: a portrait page shown landscape), or
its content is drawn turned (the text matrix or the drawing's matrix turns it: a landscape
table set sideways on a portrait page, often with ``/Rotate`` turning it back for the eye).

The reader lays out text by rows and columns, so each page is read in its **reading frame**:
the user space turned by as many quarter turns as most of its characters' writing direction
is turned, so that they run left to right, top to bottom; a page turned any way reads exactly
as the same page upright. Coordinates there are points from the frame's top left corner,
y down.

What a user is shown — the review page's image, the box of every value and every unread
amount — is the page **as a viewer shows it**: ``/Rotate`` applied, points from the shown
page's top left corner, y down (the page's image as pdfium renders it).
:meth:`llmextract.core.source.Source.box` turns a box from the reading frame into that frame
with each turned page's :class:`llmextract.core.source.Turned`.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .pdfproblems import failure

# left, bottom, right, top in PDF user space (pdfium's boxes)
PdfBox = tuple[float, float, float, float]

SAMPLE = 400  # characters whose direction is read on a page (evenly spaced): enough for a vote


def quarter(a: float, b: float) -> int:
    """The quarter turns (counter-clockwise, 0-3) nearest to the direction (a, b)."""
    return round(math.atan2(b, a) / (math.pi / 2)) % 4


@dataclass(frozen=True)
class Frame:
    """A page's reading frame: its user space turned clockwise by ``turn`` quarter turns, the
    page's visible area (``left``, ``bottom``, ``right``, ``top`` in user space) its extent."""

    turn: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def size(self) -> tuple[float, float]:
        """The reading frame's width and height."""
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.turn % 2 else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point in the reading frame."""
        t = self.turn % 4
        if t == 0:
            return x - self.left, self.top - y
        if t == 1:
            return y - self.bottom, x - self.left
        if t == 2:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, box: PdfBox) -> tuple[float, float, float, float]:
        """A user-space box (left, bottom, right, top) in the reading frame."""
        (xa, ya), (xb, yb) = self.point(box[0], box[1]), self.point(box[2], box[3])
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def text_turn(textpage: Any, count: int) -> int:
    """The quarter turns (counter-clockwise) of the writing direction of most of the page's
    characters, from their text matrices (a sample of at most :data:`SAMPLE`); 0 when none
    can be read."""
    import pypdfium2.raw as pdfium_c

    votes: Counter[int] = Counter()
    step = max(1, count // SAMPLE)
    m = pdfium_c.FS_MATRIX()
    for k in range(0, count, step):
        if pdfium_c.FPDFText_IsGenerated(textpage, k) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, k)
        if code <= 32 or not pdfium_c.FPDFText_GetMatrix(textpage, k, m):
            continue
        if abs(m.a) + abs(m.b) > 0:
            votes[quarter(m.a, m.b)] += 1
    return votes.most_common(1)[0][0] if votes else 0


def rotation(page: Any) -> tuple[int, str | None]:
    """The quarter turns (clockwise) of the page's ``/Rotate``; none when it cannot be read,
    and then why (the page is shown as stored)."""
    try:
        return (int(page.get_rotation()) // 90) % 4, None
    except Exception as e:  # noqa: BLE001 - the rotation only turns the boxes shown to the user
        return 0, failure(e)


def page_frame(page: Any, textpage: Any, count: int, area: PdfBox) -> tuple[Frame, int, str | None]:
    """The page's reading frame over its visible ``area``, the quarter turns (clockwise)
    that show it as a viewer shows the page, and why those cannot be known (the page's
    ``/Rotate`` unread: :func:`rotation`)."""
    turn = text_turn(textpage, count)
    rotate, why = rotation(page)
    return Frame(turn, *area), (rotate - turn) % 4, why
