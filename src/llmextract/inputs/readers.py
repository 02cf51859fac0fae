"""One reader per input format behind one interface: a path in, a :class:`Source` out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.errors import InputError
from ..core.source import Source
from . import pdf, pdfproblems
from . import text as text_input


def _read_text(data: bytes, path: str) -> Source:
    text, enc = text_input.decode(data, path)
    return Source.from_text(text, path, enc)


# the readers by the file's content: the first whose test holds reads it
READERS: tuple[tuple[str, Callable[[bytes], bool], Callable[[bytes, str], Source]], ...] = (
    ("pdf", pdfproblems.is_pdf, pdf.read),
    ("text", lambda data: True, _read_text),
)


def read_source(path: str | Path) -> Source:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from e
    if p.suffix.lower() == ".pdf" and not pdfproblems.is_pdf(data):
        raise InputError(pdfproblems.not_a_pdf(data, str(p)))
    for _name, accepts, reader in READERS:
        if accepts(data):
            return reader(data, str(p))
    raise InputError(f"{p}: no reader for this input")  # unreachable: text accepts everything
