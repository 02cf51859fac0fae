"""Where the shipped data (``schemas/``, ``prompts/``) lives.

In a wheel they are installed inside the package as ``llmextract/_data/``; in a source
checkout (editable install) they are read from the top of the repository."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the llmextract package


def data_dir(name: str) -> Path:
    for cand in (_PKG / "_data" / name, _PKG.parent.parent / name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"llmextract data folder {name!r} not found (looked in {_PKG / '_data'})")
