# ruff: noqa: E501 - a PDF's objects, one a line
"""A PDF of several pages of text placed at given points and ruling lines, in STSong-Light
(a CID font named, not embedded: read from the PDF's own metrics, whatever fonts the machine
has). Every ASCII character is half an em wide, every other a whole em."""

from __future__ import annotations

from dataclasses import dataclass, field

from minipdf import assemble, font_objects


def width(s: str, size: float) -> float:
    """The printed width of ``s`` at ``size`` points."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in s) * size


@dataclass
class Page:
    width: float = 842.0
    height: float = 595.0
    texts: list[tuple[float, float, str, float]] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)

    def text(self, x: float, y: float, s: str, size: float = 9.0, align: str = "left") -> None:
        """``s`` on the baseline ``y`` (from the top), starting (left), ending (right) or
        centred (center) at ``x``."""
        if not s:
            return
        w = width(s, size)
        x0 = x if align == "left" else x - w if align == "right" else x - w / 2
        self.texts.append((x0, y, s, size))

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.rules.append((x0, y0, x1, y1))


def _stream(p: Page) -> bytes:
    ops = []
    if p.rules:
        ops.append("0.5 w")
        for x0, y0, x1, y1 in p.rules:
            ops.append(f"{x0:.2f} {p.height - y0:.2f} m {x1:.2f} {p.height - y1:.2f} l S")
    ops.append("BT")
    for x, y, s, size in p.texts:
        hexs = "".join(f"{ord(c):04X}" for c in s)
        ops.append(f"/F1 {size} Tf 1 0 0 1 {x:.2f} {p.height - y:.2f} Tm <{hexs}> Tj")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def pdf(pages: list[Page]) -> bytes:
    n = len(pages)
    font = 3 + 2 * n  # objects: catalog, pages, (page, contents) per page, then the fonts
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i, p in enumerate(pages):
        s = _stream(p)
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {p.width} {p.height}] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(s) + s + b"\nendstream")
    objs += font_objects(font)
    return assemble(objs)
