"""A character's box taken from the PDF itself, not from the font the machine draws it with.

A font that is not embedded in the PDF (a CID font such as STSong-Light, named but not
included) is drawn by pdfium with whatever font the machine has: a CJK system font where one
is installed, a Latin fallback or nothing where none is. pdfium's character boxes are the
union of the PDF's metrics and the drawn glyph's outline, so they — and with them the lines,
the words and the fake-bold test of :mod:`llmextract.pdf` — change with the fonts installed.

For such a font the box is built from what the PDF states: the character's origin (placed by
the text matrix and the PDF's own advance widths), its advance width (the font's ``/W`` or
``/Widths``) and the font descriptor's ascent and descent, at the character's font size. An
embedded font is drawn the same everywhere, and keeps pdfium's box.
"""

from __future__ import annotations

import ctypes
from typing import Any

# left, bottom, right, top in PDF points (origin bottom left), as pdfium's char boxes
PdfBox = tuple[float, float, float, float]


def metric_box(textpage: Any, k: int, code: int) -> PdfBox | None:
    """Character ``k``'s box (in user space) from the PDF's metrics when its font is not
    embedded; None when its font is embedded, the text is turned by other than quarter turns
    or skewed, or pdfium cannot say (the caller then takes pdfium's own box)."""
    import pypdfium2.raw as pdfium_c

    get_obj = getattr(pdfium_c, "FPDFText_GetTextObject", None)
    if get_obj is None:  # an old pdfium: its boxes are all there is
        return None
    obj = get_obj(textpage, k)
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    if not font or pdfium_c.FPDFFont_GetIsEmbedded(font):
        return None
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage, k, m) or not _quarter_turn(m):
        return None
    size = ctypes.c_float()
    if not pdfium_c.FPDFTextObj_GetFontSize(obj, size) or size.value <= 0:
        return None
    x, y = ctypes.c_double(), ctypes.c_double()
    width, ascent, descent = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    one = ctypes.c_float(1.0)
    if not (
        pdfium_c.FPDFText_GetCharOrigin(textpage, k, x, y)
        and pdfium_c.FPDFFont_GetGlyphWidth(font, code, one, width)
        and pdfium_c.FPDFFont_GetAscent(font, one, ascent)
        and pdfium_c.FPDFFont_GetDescent(font, one, descent)
    ):
        return None
    if width.value <= 0 or ascent.value <= descent.value:
        return None
    # the glyph's cell in text space (advance × descent..ascent), turned by the text matrix
    s, (a, b, c, d) = size.value, (m.a, m.b, m.c, m.d)
    xs, ys = [], []
    for u in (0.0, width.value * s):
        for v in (descent.value * s, ascent.value * s):
            xs.append(x.value + a * u + c * v)
            ys.append(y.value + b * u + d * v)
    return min(xs), min(ys), max(xs), max(ys)


def _quarter_turn(m: Any) -> bool:
    """The text matrix turns by a whole number of quarter turns, without skew (a rotated
    page's text, upright or turned); a slanted or skewed glyph keeps pdfium's box."""
    scale = max(abs(m.a), abs(m.b), abs(m.c), abs(m.d))
    if scale <= 0:
        return False
    eps = 1e-6 * scale
    upright = abs(m.b) <= eps and abs(m.c) <= eps and abs(m.a) > eps and abs(m.d) > eps
    turned = abs(m.a) <= eps and abs(m.d) <= eps and abs(m.b) > eps and abs(m.c) > eps
    return upright or turned


def keep_glyphless_text(page: Any) -> int:
    """Make pdfium's text page keep the text objects it would drop for want of a glyph.

    pdfium leaves out of its text page every text object whose outline box has no width. A
    one-character object in a font that is not embedded has none on a machine without a font
    for it (a CJK character where no CJK font is installed), so that character — 类 over a
    code column, 算 wrapped under 一般公共预 — is read on one machine and lost on another.
    Such objects are given a thin stroke (in this reading's copy of the page only; nothing is
    saved), which gives their box a width, so they are read everywhere. Returns how many."""
    import pypdfium2.raw as pdfium_c

    n = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if not font or pdfium_c.FPDFFont_GetIsEmbedded(font):
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        if right.value - left.value > 1e-3:  # pdfium's own test, whichever way the text runs
            continue
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE)
        pdfium_c.FPDFPageObj_SetStrokeWidth(obj, ctypes.c_float(1.0))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 0, 0)  # the box is measured again
        n += 1
    return n
