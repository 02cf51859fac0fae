"""Remembering what a pure function computed from the same object: a document's text is
measured by several stages (coverage, the audit), each asking the same questions of it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from operator import is_
from typing import Any, TypeVar

R = TypeVar("R")


def by_identity(size: int = 4) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``fn``'s last ``size`` results, keyed by the identity of its arguments (the same
    text object, not an equal one: no hashing or comparing of a long text). Only for pure
    functions of immutable arguments whose results the callers do not change."""

    def deco(fn: Callable[..., R]) -> Callable[..., R]:
        entries: list[tuple[tuple[Any, ...], R]] = []

        @wraps(fn)
        def cached(*args: Any) -> R:
            for key, value in entries:  # (left at once when found: the list is changed only below)
                if len(key) == len(args) and all(map(is_, key, args)):
                    return value
            value = fn(*args)
            entries.insert(0, (args, value))
            del entries[size:]
            return value

        return cached

    return deco
