"""A page drawn inside a form XObject, or with its content scaled, reads as the page itself.

A PDF page imported into another PDF (by an imposition or a "print to PDF" tool) is drawn as a
form XObject with a matrix; a page scaled to another paper size has its content drawn through a
``cm``. pdfium bounds the paths drawn inside a form in the form's own space, so the drawn lines
(a ruled table's column edges) were read where the form's space put them, not where the page
shows them; the characters were where they are shown, the columns came apart and a third of the
values of a real 深圳 page were lost. The pages here are ``sz_units`` (cut from a real 深圳
budget, fonts embedded; its content is itself a form XObject). A page drawn larger keeps its
ruling lines as lines (``bj_revenue_thick_rules``: a real 北京 收入总表 on a large page, ruled
1.5 points thick, which scaled by 1.414 are 2.1 points: once more than a line's width).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    RectangleObject,
)

from llmextract.core.result import Result
from llmextract.inputs.readers import read_source
from llmextract.pipeline import run_file

PDF = Path(__file__).parent / "pdfs" / "sz_units.pdf"


def _write(w: PdfWriter, out: Path) -> Path:
    buf = io.BytesIO()
    w.write(buf)
    out.write_bytes(buf.getvalue())
    return out


def _scaled(out: Path, k: float, src: Path = PDF) -> Path:
    """Every page's content and boxes scaled by ``k`` (a page printed on other paper)."""
    w = PdfWriter(clone_from=src)
    for p in w.pages:
        box = [float(v) * k for v in p.mediabox]
        p.add_transformation(Transformation().scale(k, k))
        p.mediabox = RectangleObject(box)
        p.cropbox = RectangleObject(box)
    return _write(w, out)


def _in_form(out: Path, inner: float) -> Path:
    """Every page's content in a form XObject whose /Matrix scales it by ``inner``, drawn on the
    page through a ``cm`` scaling by ``1 / inner``: the page shows as before."""
    w = PdfWriter(clone_from=PDF)
    for p in w.pages:
        form = DecodedStreamObject()
        form.set_data(p.get_contents().get_data())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): RectangleObject(list(p.mediabox)),
                NameObject("/Matrix"): ArrayObject([FloatObject(v) for v in (inner, 0, 0, inner, 0, 0)]),
                NameObject("/Resources"): p["/Resources"],
            }
        )
        ref = w._add_object(form)
        p[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Fm9"): ref})}
        )
        cs = ContentStream(None, w)
        cs.set_data(f"q {1 / inner:.6f} 0 0 {1 / inner:.6f} 0 0 cm /Fm9 Do Q".encode())
        p.replace_contents(cs)
    return _write(w, out)


def _values(res: Result) -> dict[tuple[str, int, str, str], tuple[str, str]]:
    """Every value read, the units' blocks too."""
    return {
        (t.id, t.block, r.key, col): (c.value, c.status)
        for t in res.tables
        for r in t.rows
        for col, c in r.values.items()
    }


@pytest.fixture(scope="module")
def upright() -> dict[tuple[str, int, str, str], tuple[str, str]]:
    return _values(run_file(PDF))


@pytest.mark.parametrize("k", [0.8, 1.414])
def test_a_scaled_page_reads_as_the_page(tmp_path: Path, upright: dict, k: float) -> None:
    res = run_file(_scaled(tmp_path / "s.pdf", k))
    assert len(upright) == 272
    assert _values(res) == upright
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_a_page_drawn_in_a_scaled_form_reads_as_the_page(tmp_path: Path, upright: dict) -> None:
    path = _in_form(tmp_path / "f.pdf", 0.5)
    assert _values(run_file(path)) == upright
    # the drawn lines stand where the page shows them, not where the form's own space puts them
    lines, lines_in_form = read_source(PDF).rules, read_source(path).rules
    assert len(lines) > 20
    assert len(lines_in_form) == len(lines)
    for a, b in zip(lines_in_form, lines, strict=True):
        assert a == pytest.approx(b, abs=0.01)


def test_a_thickly_ruled_page_drawn_larger_keeps_its_lines(tmp_path: Path) -> None:
    src = PDF.parent / "bj_revenue_thick_rules.pdf"
    lines = read_source(src).rules
    larger = read_source(_scaled(tmp_path / "l.pdf", 1.414, src)).rules
    assert len(lines) > 30
    assert len(larger) == len(lines)  # in characters' widths: alike at any scale
    assert [x for _, x, _, _ in larger] == pytest.approx([x for _, x, _, _ in lines], abs=0.2)
    want = _values(run_file(src))
    assert want[("revenue", 0, "total", "general_budget")] == ("5131.706333", "ok")
    assert _values(run_file(tmp_path / "l.pdf")) == want
