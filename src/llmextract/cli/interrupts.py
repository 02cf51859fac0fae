"""Ctrl-C held back while a document's outputs are written.

A batch stops on Ctrl-C, but a document whose files are being written finishes them first,
so that what the closing line counts is what is on disk: its files all there, or — when the
interrupt came while it was still being read — none of them. Worker processes ignore SIGINT
altogether (:func:`llmextract.batch.worker_init`); in the main process, :class:`held` defers
it over the writing and tells the caller it came.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType


class held:  # noqa: N801 - used as a statement: ``with held() as ctrl_c:``
    """Defer SIGINT inside the block; ``hit`` says whether one came. Outside the main thread
    (a model batch's worker threads) it does nothing: the signal goes to the main thread."""

    def __init__(self) -> None:
        self.hit = False
        self._previous: object = None
        self._active = False

    def _note(self, _signum: int, _frame: FrameType | None) -> None:
        self.hit = True

    def __enter__(self) -> held:
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if previous is not signal.SIG_IGN:
                self._previous = previous
                signal.signal(signal.SIGINT, self._note)
                self._active = True
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._active = False
