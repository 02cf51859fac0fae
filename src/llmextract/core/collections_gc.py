"""The cyclic garbage collector asked less often while a document is read.

A document's run makes some hundred thousand small objects (lines, cells, tokens), nearly all
of which live until the run ends, and frees them by reference counting, not by the collector.
With Python's default threshold (a collection of the youngest objects every 700 allocations,
an older generation every ten of these) the collector walks the same live objects again and
again: a few per cent of a run's CPU for nothing found. While a run lasts, the youngest
generation is collected every :data:`YOUNG` allocations instead; the setting the process had
is put back when the last run ends (runs in several threads share one setting). Nothing is
left uncollected: a cycle left by a run is collected at the next collection, as before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 20_000  # allocations between two collections of the youngest objects, during a run

_lock = threading.Lock()
_runs = 0  # runs going on (threads)
_saved: tuple[int, ...] = ()  # the process's thresholds before the first of them


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within: the youngest generation collected every :data:`YOUNG` allocations at most (a
    process whose collector is off, threshold 0, stays so); after: the thresholds as before."""
    global _runs, _saved  # noqa: PLW0603 - one setting per process
    with _lock:
        if _runs == 0:
            _saved = gc.get_threshold()
            if _saved[0] and _saved[0] < YOUNG:
                gc.set_threshold(YOUNG, *_saved[1:])
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            if _runs == 0:
                gc.set_threshold(*_saved)
