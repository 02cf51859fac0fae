"""A turned page reads exactly as the same page upright.

A page is turned by ``/Rotate`` (shown turned), by its content being drawn turned (a
landscape table set sideways on the page), or both (drawn turned and turned back by
``/Rotate``, as landscape tables are often printed). Each way, every value, row and column
read is the upright page's, and every value's box is where the value stands on the page as a
viewer shows it (``/Rotate`` applied, points from its top left corner, y down).

The pages are turned here with pypdf from ``tests/pdfs``: ``ruled_cells`` (generated, its CID
font not embedded: the boxes come from the PDF's metrics, so this runs the same without a CJK
font; ``.ci/run`` runs it with the fonts hidden) and table pages cut from a real 上海 final
account (fonts embedded: pdfium's own boxes).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from llmextract.core.result import Result
from llmextract.inputs.readers import read_source
from llmextract.pipeline import run_file

PDFS = Path(__file__).parent / "pdfs"
Box = tuple[float, float, float, float]

# (/Rotate, content drawn turned counter-clockwise by quarter turns): shown turned; drawn turned
# (shown sideways); drawn turned and turned back (shown upright); upside down
TURNS = [(90, 0), (270, 0), (0, 1), (0, 3), (90, 1), (270, 3), (180, 0), (90, 3)]


def _turned(src: Path | bytes, out: Path, rotate: int, drawn: int) -> Path:
    """``src`` with every page's content drawn ``drawn`` quarter turns counter-clockwise (on a
    page of the turned size) and the page shown with ``/Rotate rotate``."""
    w = PdfWriter(clone_from=io.BytesIO(src) if isinstance(src, bytes) else src)
    for p in w.pages:
        width, height = float(p.mediabox.width), float(p.mediabox.height)
        move = {
            1: Transformation().rotate(90).translate(height, 0),
            2: Transformation().rotate(180).translate(width, height),
            3: Transformation().rotate(270).translate(0, width),
        }
        if drawn % 4:
            p.add_transformation(move[drawn % 4])
        size = [0, 0, height, width] if drawn % 2 else [0, 0, width, height]
        p.mediabox = RectangleObject(size)
        p.cropbox = RectangleObject(size)
        if rotate:
            p.rotate(rotate)
    w.write(out)
    return out


def _values(res: Result) -> dict[tuple[str, str, str], tuple[str, str, int | None, Box | None]]:
    out = {}
    for t in res.tables:
        for r in t.rows:
            for col, c in r.values.items():
                p = c.provenance
                box = tuple(p.box) if p.box else None
                out[(t.id, r.key, col)] = (c.value, c.status, p.page, box)
    return out


def _shown(box: Box, size: tuple[float, float], rotate: int, drawn: int) -> Box:
    """Where a box of the upright page (``size``: its width and height) is shown on the page
    turned by :func:`_turned`: turned clockwise by ``rotate - 90 * drawn`` degrees."""
    x0, top, x1, bottom = box
    w, h = size
    turn = ((rotate - 90 * drawn) // 90) % 4
    if turn == 1:
        return h - bottom, x0, h - top, x1
    if turn == 2:
        return w - x1, h - bottom, w - x0, h - top
    if turn == 3:
        return top, w - x1, bottom, w - x0
    return box


def _cut(path: Path, pages: list[int]) -> bytes:
    w = PdfWriter()
    reader = PdfReader(path)
    for i in pages:
        w.add_page(reader.pages[i])
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def putuo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real final account's cover, 收入支出决算总表 (portrait), 财政拨款收入支出决算总表
    (landscape, over two pages) and 一般公共预算财政拨款支出决算表."""
    out = tmp_path_factory.mktemp("turned") / "putuo.pdf"
    out.write_bytes(_cut(PDFS / "final" / "sh_putuo_social_2024.pdf", [0, 4, 9, 10, 11]))
    return out


@pytest.mark.parametrize(("rotate", "drawn"), TURNS)
def test_a_turned_generated_page_reads_as_upright(tmp_path: Path, rotate: int, drawn: int) -> None:
    src = PDFS / "ruled_cells.pdf"
    upright = _values(run_file(src))
    turned = _values(run_file(_turned(src, tmp_path / "t.pdf", rotate, drawn)))
    assert len(upright) == 26
    assert {k: v[:3] for k, v in turned.items()} == {k: v[:3] for k, v in upright.items()}
    size = (595.2756, 841.8898)
    for k, (_, _, _, box) in upright.items():
        assert box is not None
        want = _shown(box, size, rotate, drawn)
        assert turned[k][3] == pytest.approx(want, abs=0.02), k


@pytest.mark.parametrize(("rotate", "drawn"), [(90, 0), (0, 1), (90, 1), (0, 2)])
def test_a_turned_real_page_reads_as_upright(putuo: Path, tmp_path: Path, rotate: int, drawn: int) -> None:
    upright = _values(run_file(putuo))
    turned = _values(run_file(_turned(putuo, tmp_path / "t.pdf", rotate, drawn)))
    assert len(upright) > 60
    assert {k: v[:3] for k, v in turned.items()} == {k: v[:3] for k, v in upright.items()}
    pages = PdfReader(putuo).pages
    sizes = {p: (float(pg.mediabox.width), float(pg.mediabox.height)) for p, pg in enumerate(pages, start=1)}
    for k, (_, _, page, box) in upright.items():
        assert page is not None and box is not None
        assert turned[k][3] == pytest.approx(_shown(box, sizes[page], rotate, drawn), abs=0.05), k


def test_a_turned_page_lays_out_the_same_text(putuo: Path, tmp_path: Path) -> None:
    upright = read_source(putuo)
    for rotate, drawn in [(90, 0), (0, 3), (270, 3)]:
        turned = read_source(_turned(putuo, tmp_path / f"t{rotate}{drawn}.pdf", rotate, drawn))
        assert turned.raw == upright.raw
        assert len(turned.rules) == len(upright.rules)
