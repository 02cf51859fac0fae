"""A PDF page is read over the area a viewer shows, however the PDF gives that area: its own
/MediaBox, or one its pages inherit from the page tree. When the area or the page's /Rotate
cannot be read, the page is still read, and one warning names the pages and why."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from llmextract.cli.main import main

PDFS = Path(__file__).parent / "pdfs"
LANDSCAPE = PDFS / "f_plain.pdf"  # 842 x 595 points: wider than the letter page pdfium falls back to


def _cells(tmp_path: Path, f: Path, name: str) -> str:
    assert main(["run", str(f), "-o", str(tmp_path / name), "--format", "cells", "-q"]) == 0
    return (tmp_path / name / f"{f.stem}.cells.jsonl").read_text(encoding="utf-8")


def test_a_media_box_inherited_from_the_page_tree_is_the_page(tmp_path: Path) -> None:
    """Every page's /MediaBox given once, on /Pages (as the PDF format allows): the pages read
    as when each names its own. pypdfium2's crop box does not inherit and falls back to a
    letter-size page: the amounts beyond its 612 points were silently left out."""
    w = PdfWriter(clone_from=LANDSCAPE)
    box = ArrayObject([FloatObject(v) for v in w.pages[0].mediabox])
    for p in w.pages:
        assert [float(v) for v in p.mediabox] == [0, 0, 842, 595]
        del p[NameObject("/MediaBox")]
    w.root_object["/Pages"].get_object()[NameObject("/MediaBox")] = box
    f = tmp_path / "inherited" / LANDSCAPE.name
    f.parent.mkdir()
    w.write(f)
    cells = _cells(tmp_path, f, "o")
    assert cells == _cells(tmp_path, LANDSCAPE, "g") and cells.count("\n") > 50
