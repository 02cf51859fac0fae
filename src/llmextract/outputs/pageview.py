"""The pages of a PDF for the review page: each page that holds a value, rendered as an image
embedded in the page (so the review stays one self-contained file), with every value boxed
where it is printed and linked to its table cell.

Pages are rendered by pypdfium2 in grayscale and encoded as PNG here (zlib), so no imaging
library is needed. The boxes carry the same ``data-cell`` keys as the tables and the text, so
a failed check outlines its cells on the page — the red box an auditor looks for."""

from __future__ import annotations

import base64
import html
import struct
import zlib
from collections import defaultdict

from ..core.result import Result
from ..core.source import Source
from .unreadview import LEGEND, Region

SCALE = 1.3  # pixels per PDF point: legible 10-point digits, about 60 KB a page

# The pages fit the width of their pane (zoom 100%); the buttons zoom in and out from there.
ZOOMBAR = (
    '<div class="zoombar" title="页面缩放：100% 为适合窗格宽度">页面 '
    '<button type="button" data-zoom="out" title="缩小">-</button>'
    '<span id="zoomv">100%</span>'
    '<button type="button" data-zoom="in" title="放大">+</button>'
    '<button type="button" data-zoom="fit" title="适合窗格宽度">适合宽度</button></div>'
)


def _png(width: int, height: int, gray: bytes) -> bytes:
    """A grayscale PNG of ``width`` × ``height`` pixels, rows top to bottom."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + gray[y * width : (y + 1) * width] for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def _gray(bitmap) -> tuple[int, int, bytes]:  # noqa: ANN001 - pypdfium2.PdfBitmap
    """The bitmap's pixels as one gray byte each, without row padding."""
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
    buf = bytes(bitmap.buffer)
    n = bitmap.n_channels
    if n == 1 and stride == w:
        return w, h, buf
    out = bytearray(w * h)
    for y in range(h):
        row = buf[y * stride : y * stride + w * n]
        out[y * w : (y + 1) * w] = row[1::n] if n >= 3 else row[::n]  # green channel for colour
    return w, h, bytes(out)


def _render(path: str, pages: list[int]) -> dict[int, tuple[int, int, str]]:
    """page → (width px, height px, data URI) for the 1-based ``pages``."""
    import pypdfium2 as pdfium

    out = {}
    doc = pdfium.PdfDocument(path)
    try:
        for p in pages:
            page = doc[p - 1]
            bitmap = page.render(scale=SCALE, grayscale=True)
            w, h, gray = _gray(bitmap)
            uri = "data:image/png;base64," + base64.b64encode(_png(w, h, gray)).decode("ascii")
            out[p] = (w, h, uri)
    finally:
        doc.close()
    return out


def _placed(box: tuple[float, ...], w: int, h: int) -> str:
    """A box's place on its page image in percent of the page (a pixel of margin round it),
    so that it follows the page as the page fits its pane or zooms."""
    x0, top, x1, bottom = box[0] * SCALE - 1, box[1] * SCALE - 1, box[2] * SCALE + 1, box[3] * SCALE + 1
    return (
        f"left:{100 * x0 / w:.3f}%;top:{100 * top / h:.3f}%;"
        f"width:{100 * (x1 - x0) / w:.3f}%;height:{100 * (bottom - top) / h:.3f}%"
    )


def section(result: Result, src: Source, key, unread: list[Region] | None = None) -> str:  # noqa: ANN001
    """The pages that hold values or unread amounts, with their boxes (``key``: (table, row,
    col) → the cell's key; ``unread``: the unread amounts' regions, drawn in their own colour);
    "" for a document that is not a PDF or whose file cannot be rendered any more."""
    if src.boxes is None:
        return ""
    boxes: dict[int, dict[tuple[float, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    doubtful: set[tuple[int, tuple[float, ...]]] = set()
    for t in result.tables:
        for k, r in t.checked_rows():
            for col, c in r.values.items():
                p = c.provenance
                if p.page and p.box:
                    tid = f"{t.id}@{t.block}" if t.block else t.id  # a unit's block: its own
                    boxes[p.page][tuple(p.box)].append(key(tid, k, col))
                    if c.status == "doubt":
                        doubtful.add((p.page, tuple(p.box)))
    for f in result.narrative:
        p = f.provenance
        if p.page and p.box:
            boxes[p.page][tuple(p.box)].append(key("narrative", f.id, "value"))
    missed: dict[int, list[tuple[tuple[float, ...], str, str]]] = defaultdict(list)
    for reg in unread or []:
        for u in reg.items:
            if u.box:
                missed[u.page].append((tuple(u.box), reg.key, f"未读取：{u.text}（第{u.line}行）"))
    if not boxes and not missed:
        return ""
    try:
        images = _render(src.path, sorted({*boxes, *missed}))
    except Exception:  # noqa: BLE001 - the file moved or changed since it was read: the text view remains
        return ""
    esc = html.escape
    out = ["<h2>原件页面</h2>", ZOOMBAR, LEGEND]
    for pno in sorted({*boxes, *missed}):
        w, h, uri = images[pno]
        out.append(f'<div class="page" id="P{pno}" style="aspect-ratio:{w}/{h}">')
        out.append(
            f'<img src="{uri}" width="{w}" height="{h}" alt="第{pno}页"><span class="pno">第{pno}页</span>'
        )
        for box, keys in boxes[pno].items():
            cls = "box doubt" if (pno, box) in doubtful else "box"
            cells = esc(" ".join(keys))
            out.append(f'<a class="{cls}" data-cell="{cells}" style="{_placed(box, w, h)}"></a>')
        for box, k, title in missed.get(pno, []):
            place = _placed(box, w, h)
            out.append(f'<a class="box unread" data-cell="{k}" title="{esc(title)}" style="{place}"></a>')
        out.append("</div>")
    return "".join(out)
