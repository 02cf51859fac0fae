"""Writing output files whole or not at all.

Each file is written to a hidden temporary name in its folder and renamed over the final
name when complete, so an interrupted run (Ctrl-C, a full disk) never leaves a partial
file. Problems are raised as :class:`OutputError` with a one-line message a person can act
on.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..core.errors import OutputError


def folder_refuses(e: OutputError) -> bool:
    """The folder takes no file at all (read-only, or on a read-only file system): every
    other file of the document would fail the same way."""
    return e.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def describe(e: OSError, path: Path) -> str:
    """Why ``path`` could not be written, in words."""
    if isinstance(e, IsADirectoryError) or e.errno == errno.EISDIR:
        return f"cannot write {path}: a folder of that name is in the way"
    if isinstance(e, NotADirectoryError) or e.errno == errno.ENOTDIR:
        return f"cannot write {path}: {_file_in_the_way(path)} is a file, not a folder"
    if isinstance(e, FileExistsError):
        return f"cannot write {path}: {_file_in_the_way(path)} is a file, not a folder"
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {path}: permission denied (is {path.parent} read-only?)"
    if e.errno == errno.EROFS:
        return f"cannot write {path}: {path.parent} is on a read-only file system"
    if e.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full"
    return f"cannot write {path}: {e.strerror or e}"


def _file_in_the_way(path: Path) -> Path:
    for p in path.parents:
        if p.is_file():
            return p
    return path.parent


def ensure_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise OutputError(
            f"cannot write to {folder}/: {_file_in_the_way(folder / 'x')} is a file, not a folder"
        ) from e
    except OSError as e:
        why = "it is on a read-only file system" if e.errno == errno.EROFS else e.strerror or e
        raise OutputError(f"cannot create the folder {folder}/: {why}", e.errno) from e


def write_atomic(path: Path, fill: Callable[[BinaryIO], None]) -> Path:
    """Create ``path`` whole: ``fill`` writes to a temporary file beside it, which is then
    renamed to ``path``. On any failure or interruption the temporary file is removed."""
    ensure_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            with open(tmp, "xb") as f:
                fill(f)
            os.replace(tmp, path)
        except OSError as e:
            raise OutputError(describe(e, path), e.errno) from e
    except BaseException:
        with contextlib.suppress(OSError):  # on a read-only file system, not even that
            tmp.unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    data = text.encode("utf-8")
    return write_atomic(path, lambda f: f.write(data))  # type: ignore[arg-type]
