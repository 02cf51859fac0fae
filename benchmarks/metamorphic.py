"""Metamorphic check: a PDF transformed in a way that changes nothing a reader reads must read the same.

Each dev PDF is rewritten with pypdf (every page drawn a quarter turn and shown upright by
``/Rotate``; scaled with its boxes; its origin moved; a crop box smaller than the media box;
its drawn lines removed; split in two), read by the tool in this process
(:func:`llmextract.pipeline.run_file`, what ``llmextract run`` does), and its cells (table, row,
column, value, status; not boxes, offsets or pages) compared with the original's: by default the
baseline's ``NAME.cells.jsonl`` in ``--base`` (the untransformed file read by main), or the
original read here (``--base here``). ``identity`` (a pypdf round trip, nothing changed) is the
control: a difference there is pypdf's writing, not the transform's.

    PYTHONPATH=src python benchmarks/metamorphic.py /work/shared/corpus/wild/sz020.pdf \
        -t turned90 scaled141 --keep /tmp/meta-pdfs --out /tmp/meta-res.jsonl

Prints one line per document and transform: cells same / missing / extra / changed value /
changed status, and the coverage (read/printed) of both; ``-v`` lists the differing cells.
Transforms ``nolines`` (unruled tables) may lose reading legitimately; ``split`` reads the two
halves and compares their union.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject, RectangleObject

BOXES = ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/ArtBox")
Cell = tuple[str, str, str]  # table, row, column
Reading = dict[Cell, list[tuple[str, str]]]  # value, status (a key may be read twice)


# ---------------------------------------------------------------- transforms


def _writer(src: Path) -> PdfWriter:
    return PdfWriter(clone_from=src)


def _bytes(w: PdfWriter) -> bytes:
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _box(page, name: str) -> tuple[float, float, float, float] | None:  # noqa: ANN001
    """The page's own box ``name`` (inherited ones too), or None."""
    if name == "/MediaBox":
        b = page.mediabox
    elif name == "/CropBox":
        b = page.cropbox
    elif name in page:
        b = RectangleObject(page[name])
    else:
        return None
    return float(b.left), float(b.bottom), float(b.right), float(b.top)


def _moved_boxes(page, t: Transformation) -> None:  # noqa: ANN001
    """Every box of ``page`` (media, crop and the others it has) carried by ``t``; crop box
    written out even where it was inherited or absent."""
    boxes = {name: _box(page, name) for name in BOXES}  # all read first: an absent crop box is the media box
    for name, b in boxes.items():
        if b is None:
            continue
        (xa, ya), (xb, yb) = t.apply_on((b[0], b[1])), t.apply_on((b[2], b[3]))
        page[NameObject(name)] = RectangleObject([min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)])


def _transformed(src: Path, make: Callable[[object], Transformation]) -> bytes:
    """``src`` with each page's content and boxes carried by ``make(page)``."""
    w = _writer(src)
    for p in w.pages:
        t = make(p)
        _moved_boxes(p, t)  # boxes first: make() reads the page's own boxes
        p.add_transformation(t)
    return _bytes(w)


def turned(quarters: int) -> Callable[[Path], bytes]:
    """Every page's content drawn ``quarters`` quarter turns counter-clockwise and shown
    turned back by ``/Rotate`` (``quarters`` × 90 more): it looks as before (tests/test_turned_pdfs
    ``_turned`` with rotate=90, drawn=1 and rotate=270, drawn=3, for any media box origin)."""

    def make(page) -> Transformation:  # noqa: ANN001
        x0, y0, x1, y1 = _box(page, "/MediaBox") or (0, 0, 0, 0)
        w, h = x1 - x0, y1 - y0
        t = Transformation().translate(-x0, -y0)
        if quarters % 4 == 1:
            return t.rotate(90).translate(h, 0)
        if quarters % 4 == 3:
            return t.rotate(270).translate(0, w)
        return t.rotate(180).translate(w, h)

    def run(src: Path) -> bytes:
        w = _writer(src)
        for p in w.pages:
            t = make(p)
            _moved_boxes(p, t)
            p.add_transformation(t)
            p.rotate(90 * quarters)
        return _bytes(w)

    return run


def shown_turned(degrees: int) -> Callable[[Path], bytes]:
    """Every page shown turned by ``/Rotate`` alone (as 江苏's pages are): the viewer shows it
    sideways, the text is the same."""

    def run(src: Path) -> bytes:
        w = _writer(src)
        for p in w.pages:
            p.rotate(degrees)
        return _bytes(w)

    return run


def scaled(factor: float) -> Callable[[Path], bytes]:
    """Every page's content and boxes scaled by ``factor`` (A4 → A3: 1.414)."""
    return lambda src: _transformed(src, lambda _p: Transformation().scale(factor, factor))


def stretched(fx: float, fy: float) -> Callable[[Path], bytes]:
    """Every page's content and boxes scaled by ``fx`` across and ``fy`` down: condensed or
    widened type, as a table squeezed to fit its page is set (not alike to the eye: the text
    reads the same)."""
    return lambda src: _transformed(src, lambda _p: Transformation().scale(fx, fy))


def shifted(x: float, y: float) -> Callable[[Path], bytes]:
    """Every page's media box moved to start at (x, y), its content with it."""

    def make(page) -> Transformation:  # noqa: ANN001
        x0, y0, _, _ = _box(page, "/MediaBox") or (0, 0, 0, 0)
        return Transformation().translate(x - x0, y - y0)

    return lambda src: _transformed(src, make)


def wider_media(margin: float) -> Callable[[Path], bytes]:
    """The media box grown by ``margin`` on every side, the crop box the page's visible area as
    before: the page shows the same."""

    def run(src: Path) -> bytes:
        w = _writer(src)
        for p in w.pages:
            x0, y0, x1, y1 = _box(p, "/CropBox") or (0, 0, 0, 0)
            m = p.mediabox
            p[NameObject("/CropBox")] = RectangleObject([x0, y0, x1, y1])
            p[NameObject("/MediaBox")] = RectangleObject(
                [
                    float(m.left) - margin,
                    float(m.bottom) - margin,
                    float(m.right) + margin,
                    float(m.top) + margin,
                ]
            )
        return _bytes(w)

    return run


def _text_bounds(data: bytes) -> list[tuple[float, float, float, float] | None]:
    """Per page the bounds (left, bottom, right, top, user space) of every character pdfium
    reads inside the crop box."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out: list[tuple[float, float, float, float] | None] = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            cl, cb, cr, ct = page.get_cropbox()
            tp = page.get_textpage()
            xs0, ys0, xs1, ys1 = [], [], [], []
            for k in range(tp.count_chars()):
                try:
                    left, bottom, right, top = tp.get_charbox(k, loose=True)
                except Exception:  # noqa: BLE001
                    continue
                if right <= cl or left >= cr or top <= cb or bottom >= ct or right - left <= 0:
                    continue
                xs0.append(left)
                ys0.append(bottom)
                xs1.append(right)
                ys1.append(top)
            tp.close()
            out.append((min(xs0), min(ys0), max(xs1), max(ys1)) if xs0 else None)
    finally:
        doc.close()
    return out


def _alike(page) -> tuple:  # noqa: ANN001
    """Pages of one kind: the same crop box and turn."""
    return (*(round(v) for v in _box(page, "/CropBox") or ()), int(page.get("/Rotate", 0)))


def tight_crop(margin: float, each_page: bool = False) -> Callable[[Path], bytes]:
    """The crop box cut down to the text and ``margin`` points around it (never beyond the crop
    box it had), the media box kept: all the text still shows. One crop box for all pages of
    one size and turn (the text's bounds over them all), as a publisher sets it, or with
    ``each_page`` each page's own (a table continued over two pages then stands shifted on the
    second as a viewer shows it)."""

    def run(src: Path) -> bytes:
        bounds = _text_bounds(src.read_bytes())
        w = _writer(src)
        if not each_page:
            union: dict[tuple, tuple[float, float, float, float]] = {}
            for p, b in zip(w.pages, bounds, strict=True):
                if b is not None:
                    u = union.get(_alike(p), b)
                    union[_alike(p)] = (min(u[0], b[0]), min(u[1], b[1]), max(u[2], b[2]), max(u[3], b[3]))
            bounds = [union.get(_alike(p)) for p in w.pages]
        for p, b in zip(w.pages, bounds, strict=True):
            if b is None:
                continue
            x0, y0, x1, y1 = _box(p, "/CropBox") or (0, 0, 0, 0)
            p[NameObject("/CropBox")] = RectangleObject(
                [
                    max(x0, b[0] - margin),
                    max(y0, b[1] - margin),
                    min(x1, b[2] + margin),
                    min(y1, b[3] + margin),
                ]
            )
        return _bytes(w)

    return run


PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _unpainted(stream, pdf) -> bytes:  # noqa: ANN001
    """A content stream with every path painting operator replaced by ``n`` (the path ends
    unpainted; a clipping path still clips)."""
    cs = ContentStream(stream, pdf)
    ops = []
    for operands, op in cs.operations:
        ops.append(([], b"n") if op in PAINT else (operands, op))
    cs.operations = ops
    return cs.get_data()


def _forms(resources, seen: set[int]) -> list:  # noqa: ANN001
    """The form XObjects of ``resources``, and theirs, each once."""
    out = []
    if not resources or "/XObject" not in resources:
        return out
    for ref in resources["/XObject"].values():
        obj = ref.get_object()
        key = id(obj) if not hasattr(ref, "idnum") else ref.idnum
        if key in seen or obj.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        out.append(obj)
        out += _forms(obj.get("/Resources"), seen)
    return out


def _every_stream(src: Path, rewrite: Callable[..., bytes]) -> bytes:
    """``src`` with every content stream, the pages' and their form XObjects', rewritten by
    ``rewrite(stream, pdf)``."""
    w = _writer(src)
    seen: set[int] = set()
    for p in w.pages:
        contents = p.get_contents()
        if contents is not None:
            cs = ContentStream(contents, w)
            cs.set_data(rewrite(contents, w))
            p.replace_contents(cs)
        for form in _forms(p.get("/Resources"), seen):
            form.set_data(rewrite(form, w))
    return _bytes(w)


def no_lines(src: Path) -> bytes:
    """Every path drawn (ruling lines, cell rectangles, fills) left unpainted, on the pages and in
    their form XObjects: the tables stand unruled."""
    return _every_stream(src, _unpainted)


def in_form(inner: float) -> Callable[[Path], bytes]:
    """Every page's content placed in a form XObject drawn on the page (as a page imported
    into another PDF is): the form's /Matrix scales it by ``inner``, the page's ``cm`` by
    ``1 / inner``, so it shows as before."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject

    def run(src: Path) -> bytes:
        w = _writer(src)
        for p in w.pages:
            contents = p.get_contents()
            if contents is None:
                continue
            form = DecodedStreamObject()
            form.set_data(contents.get_data())
            x0, y0, x1, y1 = _box(p, "/MediaBox") or (0, 0, 0, 0)
            form.update(
                {
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Form"),
                    NameObject("/BBox"): RectangleObject([x0, y0, x1, y1]),
                    NameObject("/Matrix"): ArrayObject([FloatObject(v) for v in (inner, 0, 0, inner, 0, 0)]),
                    NameObject("/Resources"): p.get("/Resources", DictionaryObject()),
                }
            )
            ref = w._add_object(form)
            res = DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/MetaFm0"): ref})})
            p[NameObject("/Resources")] = res
            k = 1 / inner
            cs = ContentStream(None, w)
            cs.set_data(f"q {k:.6f} 0 0 {k:.6f} 0 0 cm /MetaFm0 Do Q".encode())
            p.replace_contents(cs)
        return _bytes(w)

    return run


# the transforms that do not look alike by design (cut, unruled, stretched, shown sideways)
UNLIKE = ("nolines", "tightcrop", "pagecrop", "condensed", "widened", "condensed07", "shown90", "shown270")
SCALE = {"scaled141": 1.414, "scaled08": 0.8, "scaled06": 0.6, "scaled2": 2.0}


def shown_alike(src: Path, data: bytes, tf: str, pages: int = 3) -> list[str]:
    """Where the transformed document does not look as ``src`` does: pages of another shown size,
    and, on ``pages`` pages spread over the document, pixels that differ when rendered (the
    transform's own check: a transform of a-c must change nothing a viewer sees)."""
    import pypdfium2 as pdfium
    from PIL import ImageChops

    a, b = pdfium.PdfDocument(src), pdfium.PdfDocument(data)
    k = SCALE.get(tf, 1.0)
    out = []
    try:
        if len(a) != len(b):
            return [f"{len(a)} pages became {len(b)}"]
        for i in range(len(a)):
            (wa, ha), (wb, hb) = a[i].get_size(), b[i].get_size()
            if abs(wa * k - wb) > 0.5 or abs(ha * k - hb) > 0.5:
                out.append(f"page {i + 1} shown {wa:.0f}x{ha:.0f} became {wb:.0f}x{hb:.0f}")
        for i in sorted({(len(a) - 1) * j // max(1, pages - 1) for j in range(pages)}):
            ia = a[i].render(scale=0.5).to_pil().convert("L")
            ib = b[i].render(scale=0.5 / k).to_pil().convert("L")
            if ia.size != ib.size:
                continue
            differ = sum(ImageChops.difference(ia, ib).histogram()[64:])
            if differ > 0.002 * ia.size[0] * ia.size[1]:
                out.append(f"page {i + 1}: {differ} pixels differ")
    finally:
        a.close()
        b.close()
    return out


TEXT_STATE = {b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Tr", b"Ts"}
COLOUR = {b"g", b"G", b"rg", b"RG", b"k", b"K", b"cs", b"CS", b"sc", b"SC", b"scn", b"SCN", b"gs"}


def _mul(m: list[float], n: list[float]) -> list[float]:
    """The matrix ``m`` then ``n`` (PDF order: a point times m times n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def _set(state: dict, op: bytes, operands: list) -> None:
    """``op`` noted as the last of its kind set (its place in the order: the one set last)."""
    key = op if op in TEXT_STATE else b"colour:" + op
    state.pop(key, None)
    state[key] = operands


def _text_last(stream, pdf, reverse: bool) -> bytes:  # noqa: ANN001
    """A content stream with its text objects (BT … ET) taken out and drawn after everything
    else (in reverse order when ``reverse``), each with the state it was drawn in (matrix,
    colours, text state): the page looks the same, its text comes in another order."""
    cs = ContentStream(stream, pdf)
    rest: list = []
    blocks: list[list] = []
    ctm, state = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], {}
    stack: list = []
    block: list | None = None
    for operands, op in cs.operations:
        if block is not None:
            block.append((operands, op))
            if op in TEXT_STATE or op in COLOUR:
                _set(state, op, operands)
                rest.append((operands, op))  # it holds after ET: what follows is drawn with it
            if op == b"ET":
                blocks.append(block)
                block = None
            continue
        if op == b"BT":
            head = [([FloatObject(v) for v in ctm], b"cm")] + [
                (v, k.split(b":")[1] if k.startswith(b"colour:") else k) for k, v in state.items()
            ]
            block = [*head, (operands, op)]
            continue
        rest.append((operands, op))
        if op == b"q":
            stack.append((ctm, dict(state)))
        elif op == b"Q" and stack:
            ctm, state = stack.pop()
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op in TEXT_STATE or op in COLOUR:
            _set(state, op, operands)
    if reverse:
        blocks.reverse()
    ops = [([], b"q"), *rest, ([], b"Q")]
    for b in blocks:
        ops += [([], b"q"), *b, ([], b"Q")]
    cs.operations = ops
    return cs.get_data()


def text_last(reverse: bool) -> Callable[[Path], bytes]:
    """Every page's text objects drawn after its lines, in reverse order when ``reverse`` (as
    another PDF producer may write them: cell by cell, column by column)."""

    def run(src: Path) -> bytes:
        return _every_stream(src, lambda stream, pdf: _text_last(stream, pdf, reverse))

    return run


def identity(src: Path) -> bytes:
    return _bytes(_writer(src))


TRANSFORMS: dict[str, Callable[[Path], bytes]] = {
    "identity": identity,
    "turned90": turned(1),
    "turned270": turned(3),
    "shown90": shown_turned(90),
    "shown270": shown_turned(270),
    "scaled141": scaled(1.414),
    "scaled08": scaled(0.8),
    "scaled06": scaled(0.6),
    "scaled2": scaled(2.0),
    "shifted": shifted(-30, 50),
    "condensed": stretched(0.85, 1.0),
    "widened": stretched(1.2, 1.0),
    "condensed07": stretched(0.7, 1.0),
    "widermedia": wider_media(60),
    "tightcrop": tight_crop(3),
    "pagecrop": tight_crop(3, each_page=True),
    "inform": in_form(1.0),
    "inform05": in_form(0.5),
    "nolines": no_lines,
    "textlast": text_last(False),
    "reversed": text_last(True),
}
GROUPS = {
    "abc": [
        "identity",
        "turned90",
        "turned270",
        "scaled141",
        "scaled08",
        "shifted",
        "widermedia",
        "tightcrop",
        "inform",
        "inform05",
    ],
}


def split_halves(src: Path, at: int) -> tuple[bytes, bytes]:
    """The document's pages before page ``at`` (1-based) and from it on, as two PDFs."""
    reader = PdfReader(src)
    parts = []
    for pages in (range(at - 1), range(at - 1, len(reader.pages))):
        w = PdfWriter()
        for i in pages:
            w.add_page(reader.pages[i])
        parts.append(_bytes(w))
    return parts[0], parts[1]


# ---------------------------------------------------------------- reading and comparing


def read(path: Path) -> tuple[Reading, tuple[int, int], list[str]]:
    """The cells the tool reads from ``path``, its coverage (read, printed) and its warnings."""
    from llmextract.outputs.export import cells
    from llmextract.pipeline import run_file

    res = run_file(path)
    out: Reading = {}
    for c in cells(res):
        out.setdefault((c["table"], c["row"], c["col"]), []).append((c["value"], c.get("status", "ok")))
    cov = res.coverage
    return out, ((cov.read, cov.printed) if cov else (0, 0)), list(res.warnings)


def baseline(base: Path, name: str) -> tuple[Reading, tuple[int, int], list[str]]:
    out: Reading = {}
    for line in (base / f"{name}.cells.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            c = json.loads(line)
            out.setdefault((c["table"], c["row"], c["col"]), []).append((c["value"], c.get("status", "ok")))
    doc = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
    cov = doc.get("coverage") or {}
    return out, (cov.get("read", 0), cov.get("printed", 0)), list(doc.get("warnings", []))


def compare(a: Reading, b: Reading) -> dict[str, list]:
    """``b`` against ``a``: same, missing (in a only), extra (in b only), value changed,
    status changed (same value)."""
    d: dict[str, list] = {"same": [], "missing": [], "extra": [], "value": [], "status": []}
    for k in sorted(set(a) | set(b)):
        va, vb = sorted(a.get(k, [])), sorted(b.get(k, []))
        if va == vb:
            d["same"].append(k)
        elif not vb:
            d["missing"].append((k, va))
        elif not va:
            d["extra"].append((k, vb))
        elif [v for v, _ in va] == [v for v, _ in vb]:
            d["status"].append((k, va, vb))
        else:
            d["value"].append((k, va, vb))
    return d


def _pages_with_cells(base: Path, name: str) -> list[int]:
    doc = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
    pages = set()
    for t in doc.get("tables", []):
        for r in t.get("rows", []):
            for c in r.get("values", {}).values():
                if (p := (c.get("provenance") or {}).get("page")) is not None:
                    pages.add(p)
    return sorted(pages)


def _line(
    name: str, tf: str, d: dict[str, list], cov0: tuple[int, int], cov1: tuple[int, int], secs: float
) -> str:
    def f(c: tuple[int, int]) -> str:
        return f"{c[0] / c[1]:.3f}({c[0]}/{c[1]})" if c[1] else f"1.000({c[0]}/0)"

    counts = " ".join(f"{k} {len(v)}" for k, v in d.items())
    return f"{name} {tf:10} {counts} cov {f(cov0)} -> {f(cov1)} {secs:.1f}s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("-t", "--transforms", nargs="+", default=["abc"], help="names, or group abc; split")
    ap.add_argument(
        "--base", default="/work/ref5/wild", help="baseline folder, or 'here' (read the original)"
    )
    ap.add_argument("--keep", type=Path, help="folder to keep the transformed PDFs in")
    ap.add_argument("--out", type=Path, help="append one JSON line per document and transform")
    ap.add_argument("-v", "--verbose", action="count", default=0)
    ap.add_argument("--no-render", action="store_true", help="skip the check that the pages look the same")
    args = ap.parse_args(argv)
    names = [n for t in args.transforms for n in GROUPS.get(t, [t])]
    keep = args.keep or Path("/tmp/metamorphic-pdfs")
    keep.mkdir(parents=True, exist_ok=True)
    for pdf in args.pdfs:
        name = pdf.stem
        base_name = name.split(".")[0]  # a transformed file (NAME.T.pdf) against NAME's baseline
        ref = read(pdf) if args.base == "here" else baseline(Path(args.base), base_name)
        for tf in names:
            t0 = time.monotonic()
            try:
                if tf == "split":
                    pages = _pages_with_cells(Path(args.base), base_name) if args.base != "here" else []
                    at = pages[len(pages) // 2] if pages else max(2, len(PdfReader(pdf).pages) // 2)
                    got: Reading = {}
                    cov = [0, 0]
                    warns: list[str] = []
                    for i, part in enumerate(split_halves(pdf, at)):
                        out = keep / f"{name}.split{i + 1}.pdf"
                        out.write_bytes(part)
                        r, c, w = read(out)
                        for k, v in r.items():
                            got.setdefault(k, []).extend(v)
                        cov = [cov[0] + c[0], cov[1] + c[1]]
                        warns += w
                    result = (got, (cov[0], cov[1]), warns)
                    label = f"split@{at}"
                else:
                    out = keep / f"{name}.{tf}.pdf"
                    data = TRANSFORMS[tf](pdf)
                    out.write_bytes(data)
                    looks = not args.no_render and tf not in UNLIKE
                    if looks and (unlike := shown_alike(pdf, data, tf)):
                        print(f"{name} {tf:10} SHOWN OTHERWISE: {'; '.join(unlike[:3])}", flush=True)
                    result = read(out)
                    label = tf
            except Exception as e:  # noqa: BLE001 - a crash is a finding
                print(f"{name} {tf:10} CRASH {type(e).__name__}: {e}", flush=True)
                if args.verbose:
                    traceback.print_exc()
                continue
            d = compare(ref[0], result[0])
            print(_line(name, label, d, ref[1], result[1], time.monotonic() - t0), flush=True)
            new_warn = [w for w in result[2] if w not in ref[2]]
            for w in new_warn:
                print(f"    warning: {w}")
            if args.verbose:
                for kind in ("missing", "extra", "value", "status"):
                    for item in d[kind][: 40 if args.verbose > 1 else 8]:
                        print(f"    {kind}: {item}")
            if args.out:
                rec = {
                    "doc": name,
                    "transform": label,
                    "coverage": [list(ref[1]), list(result[1])],
                    "warnings": new_warn,
                    **{k: (len(v) if k == "same" else v) for k, v in d.items()},
                }
                with args.out.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
