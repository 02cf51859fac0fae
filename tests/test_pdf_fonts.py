"""Reading a PDF whose CID font is not embedded does not depend on the fonts installed.

The generated PDFs of ``tests/pdfs`` name STSong-Light without embedding it. pdfium draws such
a font with whatever the machine has, and its own character boxes are the drawn glyphs'; on a
machine without a CJK font it also drops every one-character text object (类 over a code
column). The reader takes the boxes from the PDF's metrics and keeps those objects, so what
it reads is the same everywhere. ``.ci/run`` runs these tests before any CJK font is installed
(or with the fonts hidden), then again with one.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from llmextract.inputs import pdf

PDFS = Path(__file__).parent / "pdfs"


def _chars(name: str, page: int = 0) -> list[pdf._Char]:
    doc = pdfium.PdfDocument(PDFS / f"{name}.pdf")
    try:
        return pdf._page_chars(doc[page])[0]
    finally:
        doc.close()


def test_a_char_box_is_the_pdfs_advance_width_and_font_size() -> None:
    title = _chars("ruled_cells")[:16]  # 某某区社会保险事务中心2024年
    assert "".join(c.c for c in title) == "某某区社会保险事务中心2024年"
    for c in title:
        advance = 16.0 if ord(c.c) > 0x2E7F else 16 * 0.462  # STSong-Light's /W: 1000, digits 462
        assert abs((c.x1 - c.x0) - advance) < 0.01, c
        # the descriptor's ascent 752 and descent -271 at 16 pt
        assert abs((c.bottom - c.top) - 16 * 1.023) < 0.01, c
    # each character starts where the one before it ends (no glyph outline widens a box)
    assert all(abs(b.x0 - a.x1) < 0.01 for a, b in zip(title, title[1:], strict=False))


def test_a_one_character_text_object_is_read_without_a_font_for_it() -> None:
    text = "".join(c.c for c in _chars("wide_first", 1))
    assert "类" in text and "款" in text  # each drawn alone over its code column
    heads = "".join(c.c for c in _chars("ruled_cells", 1))
    assert "算" in heads  # 一般公共预 / 算 wrapped in its cell
