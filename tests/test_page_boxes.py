"""A PDF page is read over the area a viewer shows, however the PDF gives that area: its own
/MediaBox, or one its pages inherit from the page tree. When the area or the page's /Rotate
cannot be read, the page is still read, and one warning names the pages and why."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject
from pypdfium2 import PdfiumError

from llmextract.cli.main import main
from llmextract.pipeline import run_file

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


Values = dict[tuple[str, str, str], tuple[str, str, int | None, tuple[float, ...] | None]]


def _values(path: Path) -> tuple[Values, list[str]]:
    """Every value read (its table, row, column: value, status, page, box) and the warnings."""
    res = run_file(path)
    out: Values = {}
    for t in res.tables:
        for r in t.rows:
            for col, c in r.values.items():
                box = tuple(c.provenance.box) if c.provenance.box else None
                out[(t.id, r.key, col)] = (c.value, c.status, c.provenance.page, box)
    return out, res.warnings


def _broken(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """pypdfium2's ``PdfPage.<call>`` made to fail, as on a page it cannot give that for."""

    def broken(*_: object) -> object:
        raise PdfiumError("Failed to get it.")

    monkeypatch.setattr(pdfium.PdfPage, call, broken)


def test_a_page_whose_area_cannot_be_read_is_read_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's size from its origin is taken instead (here the same area: every value as
    before), and one warning names the pages and why: not a page silently read over another area."""
    before, warned = _values(LANDSCAPE)
    _broken(monkeypatch, "get_bbox")
    after, warnings = _values(LANDSCAPE)
    assert after == before and len(before) > 50
    pages = "pages 1, 2, 3, 4, 5, 6, 7, 8 could not be read (PdfiumError: Failed to get it.)"
    notes = [w for w in warnings if w.startswith(f"the printed area (crop box) of {pages}")]
    assert len(notes) == 1 and "not read" in notes[0]
    assert not [w for w in warned if "printed area" in w]


def test_a_page_whose_rotation_cannot_be_read_is_read_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page shown turned (/Rotate 90) whose rotation pdfium cannot give: its values are read
    as ever (the reading frame comes from its text), their boxes as on the page unturned, and
    one warning says the boxes may stand turned."""
    w = PdfWriter(clone_from=LANDSCAPE)
    for p in w.pages:
        p.rotate(90)
    f = tmp_path / "turned.pdf"
    w.write(f)
    before, warned = _values(f)
    _broken(monkeypatch, "get_rotation")
    after, warnings = _values(f)
    assert {k: v[:3] for k, v in after.items()} == {k: v[:3] for k, v in before.items()}
    assert after == _values(LANDSCAPE)[0] != before  # the boxes of the page as stored
    pages = "pages 1, 2, 3, 4, 5, 6, 7, 8 could not be read (PdfiumError: Failed to get it.)"
    notes = [w for w in warnings if w.startswith(f"the rotation (/Rotate) of {pages}")]
    assert len(notes) == 1 and "stand turned" in notes[0]
    assert not [w for w in warned if "rotation" in w]
