"""Stage messages for a long document: what the tool is doing now, for a person waiting.

The pipeline says where it is (:func:`say`); nothing is printed unless the command line
listens (:func:`listening`), which it does for a large document read in its own process —
a 30 MB text takes minutes, and silence looks like a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

_listener: Callable[[str], None] | None = None


def say(what: str) -> None:
    """Tell the listener, if any, that the stage ``what`` begins."""
    if _listener is not None:
        _listener(what)


@contextmanager
def listening(name: str, stream: TextIO) -> Iterator[None]:
    """Print each stage to ``stream`` as ``name: stage… (N s)`` while the block runs."""
    global _listener
    start = time.monotonic()

    def show(what: str) -> None:
        stream.write(f"{name}: {what}… ({time.monotonic() - start:.0f} s)\n")
        stream.flush()

    previous, _listener = _listener, show
    try:
        yield
    finally:
        _listener = previous
