"""What is wrong with a file that should be a PDF and cannot be read as one, in words a
person can act on: a password, a download cut short, a web page saved under a .pdf name; and
what of a page that is read pdfium could not give (the page read without it, the user told)."""

from __future__ import annotations

from enum import Enum

HEADER_WINDOW = 1024  # a PDF's %PDF header may follow a little junk; readers look this far


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:HEADER_WINDOW]


def ends_whole(data: bytes) -> bool:
    """The file ends with a PDF's end marker (a download cut short does not)."""
    return b"%%EOF" in data[-HEADER_WINDOW:]


def not_a_pdf(data: bytes, path: str) -> str:
    """The message for a file named .pdf that holds no PDF."""
    head = data[:HEADER_WINDOW].lstrip().lower()
    if not head:
        return f"{path}: the file is empty"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return (
            f"{path}: named .pdf but is not a PDF: it is a web page (HTML) — a download that returned"
            " an error or login page? Download the PDF again"
        )
    return (
        f"{path}: named .pdf but is not a PDF (it does not start with %PDF-): a damaged download, or"
        " another kind of file renamed"
    )


def cannot_open(error: Exception, data: bytes, path: str) -> str:
    """The message for a PDF pdfium refuses to open."""
    why = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    if "password" in why.lower():
        return (
            f"{path}: the PDF is password-protected (encrypted): open it with its password and save"
            " an unprotected copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`),"
            " then run llmextract on that"
        )
    if not ends_whole(data):
        return (
            f"{path}: the PDF is incomplete: the file ends before the PDF does ({len(data):,} bytes;"
            " a download cut short?). Download it again"
        )
    return (
        f"{path}: a damaged PDF that cannot be read ({why}); if another reader opens it, save its"
        " text with `pdftotext -layout` and run llmextract on the .txt"
    )


def cut_short_note(data: bytes) -> tuple[str, ...]:
    """A note for a PDF that opened although its end is missing (pdfium rebuilt what it
    could): pages may be missing."""
    if ends_whole(data):
        return ()
    return (
        "the file ends before the PDF does (a download cut short?): pages at its end may be"
        " missing; download it again",
    )


def failure(error: Exception) -> str:
    """Why a call failed, in one short line: the error's kind and its first line."""
    return f"{type(error).__name__}: {str(error).splitlines()[0][:80] if str(error) else ''}"


class PagePart(Enum):
    """What of a page pdfium could not give; the page is read without it, and the result says
    so in one warning per document ({pages}: the pages, {why}: the first page's reason)."""

    LINES = (
        "the lines drawn on {pages} could not be read ({why}): the columns of their tables are"
        " taken from where the amounts stand"
    )
    AREA = (
        "the printed area (crop box) of {pages} could not be read ({why}): the page's width and height"
        " from its origin are taken instead; text drawn outside them is not read"
    )
    ROTATION = (
        "the rotation (/Rotate) of {pages} could not be read ({why}): taken as not rotated; the"
        " boxes given for their values (and marked on the review page) may stand turned"
    )


def unread_notes(unread: dict[PagePart, list[tuple[int, str]]]) -> tuple[str, ...]:
    """One note per part that could not be read, naming its pages (in the parts' order)."""
    out: list[str] = []
    for part in PagePart:
        pages = unread.get(part)
        if pages:
            which = f"page{'s' if len(pages) > 1 else ''} {', '.join(str(p) for p, _ in pages)}"
            out.append(part.value.format(pages=which, why=pages[0][1]))
    return tuple(out)
