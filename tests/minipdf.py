# ruff: noqa: E501 - a PDF's objects, one a line
"""A one-page PDF of text placed at given points, in STSong-Light (a CID font named, not
embedded: read from the PDF's own metrics, whatever fonts the machine has)."""

from __future__ import annotations


def pdf(
    items: list[tuple[float, float, str]], size: float = 9.0, width: float = 842, height: float = 595
) -> bytes:
    """``items``: (x, y from the top, text) per word."""
    ops = ["BT"]
    for x, y, s in items:
        hexs = "".join(f"{ord(c):04X}" for c in s)
        ops.append(f"/F1 {size} Tf 1 0 0 1 {x:.2f} {height - y:.2f} Tm <{hexs}> Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *font_objects(5),
    ]
    return assemble(objs)


def font_objects(first: int) -> list[bytes]:
    """STSong-Light as object ``first`` (its CID font and descriptor the next two), not embedded."""
    return [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [{first + 1} 0 R] >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor {first + 2} 0 R /DW 1000 /W [1 95 500] >>".encode(),
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]


def assemble(objs: list[bytes]) -> bytes:
    """The PDF file of ``objs`` (object 1 its catalog): numbered objects, their offsets, the trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
