"""Which build is running: the modules compiled with mypyc (a wheel from ``pip install .``) or
pure Python (an editable install, ``PYTHONPATH=src``, or a build that could not compile).

Told by the files themselves: a compiled module is an extension module (``.so``/``.pyd``)
beside its ``.py``, and Python imports it first. Nothing here imports the modules it names."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
COMPILED = "compiled (mypyc)"
PURE = "pure Python"


def compiled_modules(package: Path = PACKAGE) -> list[str]:
    """The llmextract modules present as compiled extension modules, sorted."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    out = []
    for f in package.rglob("*"):
        for suffix in suffixes:
            if f.name.endswith(suffix):
                parts = f.relative_to(package.parent).parts
                name = ".".join([*parts[:-1], f.name.removesuffix(suffix)])
                out.append(name.removesuffix(".__init__"))
                break
    return sorted(out)


def flavour(package: Path = PACKAGE) -> str:
    """``compiled (mypyc)`` or ``pure Python``."""
    return COMPILED if compiled_modules(package) else PURE
