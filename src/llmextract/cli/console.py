"""What the console says: progress while a batch runs, each document's line and problems,
and the closing line counting what was written."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TextIO

from .batch import Job, Outcome


class Progress:
    """documents done, values read, checks failed — one line, redrawn, on a terminal."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.done, self.values, self.failed_checks, self.errors = total, 0, 0, 0, 0
        self.stream = stream
        self.live = stream.isatty() and total > 1

    def update(self, d: Outcome) -> None:
        self.done += 1
        self.values += d.values
        self.failed_checks += d.document_checks + d.extraction_checks
        self.errors += d.failed
        if self.live:
            width = 24
            fill = int(width * self.done / self.total)
            self.stream.write(
                f"\r[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} documents · "
                f"{self.values} values · {self.failed_checks} failed checks · {self.errors} errors"
            )
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()

    def stop(self) -> None:
        if self.live and self.done < self.total:
            self.stream.write("\n")
            self.stream.flush()


def _stages_of(path: Path, quiet: bool) -> AbstractContextManager[None]:
    """Stage messages (standard error) while a large document is processed in this process."""
    from ..core import stages
    from .batch import is_large

    if quiet or not is_large(path):
        return nullcontext()
    return stages.listening(path.name, sys.stderr)


def _report(files: list[Path], done: dict[Path, Outcome], out: TextIO, quiet: bool = False) -> int:
    """One line per document (errors to standard error; with --quiet only those); the
    number that failed."""
    failed = 0
    for f in files:
        d = done.get(f)
        if d is None:
            continue
        if not d.processed:
            print(f"error: {d.error}", file=sys.stderr)
            failed += 1
            continue
        for e in d.output_errors:
            print(f"error: {f.name}: {e}", file=sys.stderr)
        failed += bool(d.output_errors)
        if quiet:
            continue
        line = f"{f.name}: {d.tables} tables, {d.facts} narrative facts, {d.values} values"
        if d.document_checks + d.extraction_checks:
            line += f", {d.document_checks + d.extraction_checks} failed checks"
        if d.doubts:
            line += f", {d.doubts} doubts"
        if d.printed:
            line += f", {d.figure()} amounts of its tables ({d.coverage:.0%})"
        line += f" — {d.status}"
        print(line, file=out)
        for w in d.warnings:
            print(f"  warning: {w}", file=out)
    return failed


def _wrote(done: list[Outcome], job: Job, db: str | None, out: TextIO) -> None:
    """Say what was written — only what was."""
    n_files = sum(len(d.written) for d in done if job.outdir is not None)
    n_docs = sum(1 for d in done if d.written)
    saved = sum(1 for d in done if d.saved)
    formats = [f for f in job.formats if any(f in d.formats for d in done)]  # only those written
    parts = []
    if n_files and job.outdir is not None:
        parts.append(
            f"wrote {n_files} file{'s' if n_files != 1 else ''} ({', '.join(formats)}) for {n_docs} "
            f"document{'s' if n_docs != 1 else ''} to {job.outdir}/"
        )
    if saved:
        parts.append(f"saved {saved} document{'s' if saved != 1 else ''} to {db}")
    if parts:
        print("; ".join(parts), file=out)
    elif done and job.outdir is not None:
        print("nothing was written", file=out)
