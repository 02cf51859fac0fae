"""Files that should be PDFs and cannot be read as one each get their own message: one line,
no traceback, exit 1, and the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfWriter

from llmextract.cli.main import EXIT_FAILED, main

PDFS = Path(__file__).parent / "pdfs"
GOOD = PDFS / "frame.pdf"


def _encrypted(path: Path, user: str) -> Path:
    w = PdfWriter(clone_from=GOOD)
    w.encrypt(user, owner_password="owner", algorithm="RC4-128")
    w.write(path)
    return path


def _messages(tmp_path: Path, capsys: pytest.CaptureFixture[str], f: Path) -> tuple[int, list[str]]:
    code = main(["run", str(f), "-o", str(tmp_path / "o")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line for line in err.splitlines() if line.startswith("error:")]


def test_a_password_protected_pdf_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, (line,) = _messages(tmp_path, capsys, _encrypted(tmp_path / "locked.pdf", "secret"))
    assert code == EXIT_FAILED and "locked.pdf: the PDF is password-protected" in line and "qpdf" in line


def test_a_pdf_encrypted_without_a_password_to_open_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only restrictions (printing, copying), no password to open: read as any other."""
    code, errors = _messages(tmp_path, capsys, _encrypted(tmp_path / "restricted.pdf", ""))
    assert errors == [] and (tmp_path / "o" / "restricted.cells.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (os.urandom(4000), "named .pdf but is not a PDF (it does not start with %PDF-)"),
        (b"<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n", "it is a web page (HTML)"),
        (b"", "the file is empty"),
    ],
    ids=["random-bytes", "a-web-page", "empty"],
)
def test_a_file_named_pdf_that_is_no_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(content)
    code, (line,) = _messages(tmp_path, capsys, f)
    assert code == EXIT_FAILED and words in line and "binary" not in line


@pytest.mark.parametrize("keep", [0.5, 0.02], ids=["half", "the-first-kilobytes"])
def test_a_pdf_cut_short_says_it_is_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: float
) -> None:
    data = (Path(__file__).parent.parent / "examples" / "sh_putuo_justice_2026.pdf").read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: int(len(data) * keep)])
    code, (line,) = _messages(tmp_path, capsys, f)
    assert code == EXIT_FAILED and "the PDF is incomplete" in line and "download" in line.lower()


def test_a_pdf_missing_only_its_end_marker_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = GOOD.read_bytes()
    f = tmp_path / "noeof.pdf"
    f.write_bytes(data[: data.rfind(b"%%EOF")])
    assert main(["run", str(f), "-o", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "warning: the file ends before the PDF does" in out


def test_a_pdf_after_a_few_bytes_of_junk_is_still_a_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "junk.pdf"
    f.write_bytes(b"\r\n\xef\xbb\xbf" + GOOD.read_bytes())
    assert main(["run", str(f), "-o", str(tmp_path / "o"), "--format", "cells"]) == 0
    assert (tmp_path / "o" / "junk.cells.jsonl").read_text(encoding="utf-8") == (
        main(["run", str(GOOD), "-o", str(tmp_path / "g"), "--format", "cells"]) == 0
        and (tmp_path / "g" / "frame.cells.jsonl").read_text(encoding="utf-8")
    )


def test_a_page_whose_drawn_lines_cannot_be_read_is_read_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drawn lines only refine a table's columns: when pdfium cannot give them (here made
    to fail), the page is still read, from where its amounts stand, and a warning names the
    page and why — not a reading silently other than it could be."""
    import pypdfium2.raw as pdfium_c

    from llmextract.pipeline import run_file

    path = Path(__file__).parent.parent / "examples" / "sh_putuo_justice_2026.pdf"
    before = run_file(path)

    bounds = pdfium_c.FPDFPageObj_GetBounds

    def broken(obj: object, *box: object) -> object:  # a path's bounds cannot be read
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            raise TypeError("no objects")
        return bounds(obj, *box)

    monkeypatch.setattr(pdfium_c, "FPDFPageObj_GetBounds", broken)
    res = run_file(path)
    notes = [w for w in res.warnings if w.startswith("the lines drawn on pages 2, 3, 10, ")]
    assert len(notes) == 1 and "(TypeError: no objects)" in notes[0]
    assert res.coverage is not None and res.coverage.read > 0
    assert not [w for w in before.warnings if w.startswith("the lines drawn")]
