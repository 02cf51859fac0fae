"""A text too long to read whole, cut into pieces where a chunk begins (a table's title, a
heading), so that only one piece's normalised text and lines are held at a time.

A disclosure's text is 20–300 KB; a text past :data:`LONG_CHARS` (the default size limit,
5 MB, is about 2.5 million characters) is most likely many documents pasted together, or one
huge table. Each piece is about :data:`PIECE_CHARS` characters, cut at the start of the last
chunk that begins in it (so no table is cut in two); a single chunk longer than that is read
whole (the piece grows to hold it). Offsets and line numbers stay those of the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.schemas import Schemas
from ..core.text import Text
from . import chunking, normalize

LONG_CHARS = 2_500_000  # past this a text is read in pieces (about 5 MB of text)
PIECE_CHARS = 500_000  # a piece: about 1 MB of text


@dataclass
class Piece:
    """Characters ``start``..``end`` of the whole text (whole lines), its first line's 0-based
    number, and its chunks (offsets and line numbers into the whole text)."""

    start: int
    end: int
    first_line: int
    chunks: list[chunking.Chunk]
    whole: bool = False  # one chunk longer than a piece, read whole (the piece grew to hold it)


def is_long(raw: str) -> bool:
    return len(raw) > LONG_CHARS


def head(raw: str) -> Text:
    """The first piece's worth of the text, normalised (the title page says the document's
    kind, year and department)."""
    return normalize.normalize(raw[: _line_end(raw, PIECE_CHARS)])


def cut(raw: str, schemas: Schemas) -> Iterator[Piece]:
    """The text's pieces, in order; each one's chunks are let go when the next is made."""
    pos, line = 0, 0
    while pos < len(raw):
        piece = _next(raw, pos, line, schemas)
        yield piece
        line += raw.count("\n", piece.start, piece.end)
        pos = piece.end


def _next(raw: str, pos: int, line: int, schemas: Schemas) -> Piece:
    want = PIECE_CHARS
    grew = False
    while True:
        end = _line_end(raw, pos + want)
        chunks = chunking.split(normalize.normalize(raw[pos:end], pos), schemas)
        cut_at = _last_start(raw, chunks, pos) if end < len(raw) else None
        if end >= len(raw) or cut_at is not None:
            break
        want *= 2  # one chunk fills the piece: read it whole
        grew = True
    if cut_at is not None:
        chunks = chunks[:-1]
        end = cut_at
    for ch in chunks:
        ch.start += line
    return Piece(pos, end, line, chunks, grew)


def _last_start(raw: str, chunks: list[chunking.Chunk], pos: int) -> int | None:
    """Where the last chunk's first line starts in ``raw`` (the next piece begins there), or
    None when only one chunk begins in the piece."""
    if len(chunks) < 2:
        return None
    last = chunks[-1]
    offs = [t.offs[0] for t in ([last.title] if last.title is not None else []) + last.lines if t.offs]
    if not offs:
        return None
    at = raw.rfind("\n", 0, min(offs)) + 1
    return at if at > pos else None


def _line_end(raw: str, at: int) -> int:
    """The end of the line holding offset ``at`` (after its newline), or the text's end."""
    if at >= len(raw):
        return len(raw)
    nl = raw.find("\n", at)
    return len(raw) if nl < 0 else nl + 1
