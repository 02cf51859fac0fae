"""Text inputs: bytes decoded as UTF-8, UTF-16 or GB18030, with a clear refusal for the rest."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..core.errors import InputError


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.

    Returns (text, encoding). Raises :class:`InputError` for empty or binary input."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if data.startswith(b"%PDF"):
        raise InputError(
            f"{path}: this is a PDF, not text. Extract its text first, e.g. "
            f"`pdftotext -layout {Path(path).name} out.txt` (poppler-utils), then run llmextract on the .txt"
        )
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf-16"
            except UnicodeDecodeError as e:
                raise InputError(f"{path}: starts with a UTF-16 mark but does not decode: {e}") from e
    sample = data[:4096]
    nul = sample.count(b"\x00")
    if nul:
        # UTF-16 without a BOM puts a NUL in every other byte of ASCII/CJK-heavy text.
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        for enc, ok in (("utf-16-le", odd > len(sample) // 8), ("utf-16-be", even > len(sample) // 8)):
            if ok:
                try:
                    return data.decode(enc), "utf-16"
                except UnicodeDecodeError:
                    pass
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes), not a text document")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as e:
            raise InputError(
                f"{path}: not valid UTF-8, UTF-16 or GB18030/GBK text ({e.reason} at byte {e.start})"
            ) from e
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise InputError(f"{path}: looks like a binary file (many control characters), not a text document")
    return text, enc
