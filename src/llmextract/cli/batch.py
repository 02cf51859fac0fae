"""One document of a batch, start to finish: read, extract, write its outputs, save it to the
database — and hand back only counts (:class:`Outcome`), so that a batch of any size holds
no result in memory and a worker process sends a few numbers back, not a pickled result.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..core import stages
from ..core.errors import InputError
from ..core.source import Source
from ..inputs.readers import read_source
from .interrupts import held

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from ..core.result import Result
    from ..llm.client import ModelClient

MB = 1024 * 1024
DEFAULT_MAX_MB = 5  # a disclosure's text is 20–300 KB; a PDF may be PDF_FACTOR times larger
PDF_FACTOR = 20
LARGE_MB = 1  # a text this large (a PDF PDF_FACTOR times) takes long enough to say its stages


@dataclass(frozen=True)
class Job:
    """What to do with each document (the same for the whole batch; picklable)."""

    outdir: Path | None  # None: standard output (``-o -``)
    formats: tuple[str, ...]
    db: str | None = None
    max_mb: float = DEFAULT_MAX_MB
    sure_only: bool = False  # leave out the values read with doubt


@dataclass
class Outcome:
    path: Path
    stem: str
    error: str | None = None  # the document could not be processed
    output_errors: list[str] = field(default_factory=list)  # it was, but an output failed
    written: list[str] = field(default_factory=list)
    saved: bool = False
    tables: int = 0
    facts: int = 0
    values: int = 0
    document_checks: int = 0  # the printed numbers disagree with each other
    extraction_checks: int = 0  # the tool is unsure of its own reading
    doubts: int = 0
    degraded: bool = False  # some model requests failed: those chunks kept the embedded reading
    structure_model: int = 0  # table structures the model was asked for (structure.py)
    structure_cache: int = 0  # table structures answered from the cache (same template seen before)
    kind: str = ""  # 预算 | 决算 (the document's kind), "" when not read
    unreadable: str = ""  # a kind of document llmextract cannot read (绩效自评报告 …)
    warnings: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # the formats of which a file was written
    interrupted: bool = False  # Ctrl-C came while its outputs were written (they were finished)
    status: str = "ok"  # coverage.Status: ok, partial, unread
    printed: int = 0  # amounts printed on the table pages
    read: int = 0  # of those, read into a table value

    @property
    def coverage(self) -> float:
        return self.read / self.printed if self.printed else 1.0

    def figure(self) -> str:
        """``read 412/430``."""
        return f"read {self.read}/{self.printed}"

    @property
    def processed(self) -> bool:
        return self.error is None

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.output_errors)

    def count(self, result: Result) -> None:
        from ..outputs.export import cell_count

        tables = sum(1 for t in result.tables if not t.block)  # a unit's block is part of its table
        self.tables, self.facts, self.values = tables, len(result.narrative), cell_count(result)
        failed = [c for c in result.checks if c.category != "rounding"]  # rounding notes are apart
        self.document_checks = sum(1 for c in failed if c.source == "document")
        self.extraction_checks = len(failed) - self.document_checks
        self.doubts = sum(len(t.doubts) for t in result.tables)
        self.warnings = list(result.warnings)
        run = result.model
        self.degraded = run is not None and run.degraded > 0
        self.structure_model = run.structure_from_model if run is not None else 0
        self.structure_cache = run.structure_from_cache if run is not None else 0
        self.status = result.status.value
        if result.coverage is not None:
            self.printed, self.read = result.coverage.printed, result.coverage.read
        self.kind = result.source.kind or ""
        self.unreadable = result.source.unreadable


def is_large(path: Path) -> bool:
    """Large enough that a person waits for it (stage messages are shown)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            is_pdf = f.read(4) == b"%PDF"
    except OSError:
        return False
    return size > LARGE_MB * MB * (PDF_FACTOR if is_pdf else 1)


def too_large(path: Path, max_mb: float) -> str | None:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            is_pdf = f.read(4) == b"%PDF"
    except OSError:
        return None  # read_source says why
    limit = max_mb * MB * (PDF_FACTOR if is_pdf else 1)
    if size <= limit:
        return None
    shown, most = sizes(size, limit)
    return (
        f"{path}: too large ({shown}; the limit is {most} for "
        f"{'a PDF' if is_pdf else 'a text'}) — a disclosure is rarely over 1 MB of text: is it "
        "several documents in one file? Split it, or raise the limit with --max-size"
    )


def sizes(size: int, limit: float) -> tuple[str, str]:
    """A file's size and a smaller limit, both in the limit's unit (MB, KB below 1 MB, bytes
    below 1 KB) with as few decimals as tell them apart: never "0 MB", never the same number
    for both (a file of 1.2 MB over a limit of 1 MB reads "1.2 MB", not "1 MB")."""
    whole = int(limit)  # the file is larger than the limit's whole bytes too
    unit, name = (MB, "MB") if whole >= MB else (1024, "KB") if whole >= 1024 else (1, "bytes")
    for places in range(4 if unit > 1 else 1):
        a, b = f"{size / unit:.{places}f}", f"{whole / unit:.{places}f}"
        if a != b:
            return f"{a} {name}", f"{b.rstrip('0').rstrip('.') if '.' in b else b} {name}"
    return f"{size} bytes", f"{whole} bytes"


_engines: dict[str, Engine] = {}


def _engine(target: str) -> Engine:
    from ..outputs import database

    if target not in _engines:
        _engines[target] = database.engine_for(target, create=False)
    return _engines[target]


def process(
    path: Path,
    stem: str,
    job: Job,
    client: ModelClient | None = None,
    strategy: str = "offline",
    stdout: BinaryIO | None = None,
    written: Callable[[Outcome], None] | None = None,
    position: int | None = None,
) -> Outcome:
    """Read, extract, write and save one document (``position``: its place among the batch's
    inputs, saved with it). Input problems become ``error``, output problems
    ``output_errors``; a model that cannot be reached (``ModelError``) is raised."""
    out = Outcome(path, stem)
    if msg := too_large(path, job.max_mb):
        out.error = msg
        return out
    try:
        stages.say("reading the file")
        src = read_source(path)
        from ..pipeline import run_source

        result = run_source(src, client=client, strategy=strategy)
    except InputError as e:
        out.error = str(e)
        return out
    except Exception as e:  # noqa: BLE001 - one broken file never stops the batch
        if client is not None:
            from ..llm.client import ModelError, SchemaError

            if isinstance(e, SchemaError):
                out.error = str(e)
                return out
            if isinstance(e, ModelError):
                raise
        out.error = f"{path}: could not be processed ({type(e).__name__}: {e})"
        return out
    if job.sure_only and result.drop_doubtful():
        from ..pipeline import remeasure

        remeasure(result, src)  # the values left out are not read
    out.count(result)
    with held() as ctrl_c:  # a document being written is finished: its files all there
        if job.outdir is None:
            _print(result, job, src, stdout, out)
        else:
            _write(result, job.outdir, job.formats, src, out)
        if job.db:
            _save(result, job.db, out, position)
        out.interrupted = ctrl_c.hit
        if written is not None:  # recorded before Ctrl-C can strike again: its files are on disk
            written(out)
    return out


def _write(result: Result, outdir: Path, formats: tuple[str, ...], src: Source, out: Outcome) -> None:
    """Write every file that can be written, noting each (and its format) in ``out``. A
    folder that takes no file (read-only, on a read-only file system) is said once: the
    document's other files are not tried."""
    from ..core.errors import OutputError
    from ..outputs.export import files, put
    from ..outputs.writing import ensure_folder, folder_refuses, write_atomic

    try:
        ensure_folder(outdir)
    except OutputError as e:
        out.output_errors.append(str(e))
        return
    for fmt in formats:
        stages.say(f"writing {fmt}")
        try:
            for name, data in files(result, out.stem, fmt, src):
                try:
                    path = write_atomic(outdir / name, lambda f, d=data: put(f, d))  # type: ignore[misc]
                except OutputError as e:
                    out.output_errors.append(str(e))
                    if folder_refuses(e):
                        return
                    continue
                out.written.append(str(path))
                if fmt not in out.formats:
                    out.formats.append(fmt)
        except Exception as e:  # noqa: BLE001 - one output that cannot be made is this document's
            out.output_errors.append(f"the {fmt} output could not be made ({type(e).__name__}: {e})")


def _save(result: Result, db: str, out: Outcome, position: int | None) -> None:
    from ..outputs import database

    try:
        database.save(_engine(db), result, position)
        out.saved = True
    except Exception as e:  # noqa: BLE001 - a database problem is this document's, reported
        out.output_errors.append(f"--db {db}: not saved ({type(e).__name__}: {e})")


def _print(result: Result, job: Job, src: Source, stdout: BinaryIO | None, out: Outcome) -> None:
    from ..outputs.export import files, put

    assert stdout is not None
    for fmt in job.formats:
        for _name, data in files(result, out.stem, fmt, src):
            try:
                put(stdout, data)
                stdout.flush()
                out.written.append("-")
            except OSError as e:  # a closed pipe (| head)
                out.output_errors.append(f"cannot write to standard output: {e.strerror or e}")
                return


def worker_init() -> None:
    """Worker processes leave Ctrl-C to the parent, which lets them finish the document at
    hand (its files are renamed into place whole) and then stops the batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_in_worker(path: str, stem: str, job: Job, position: int | None = None) -> Outcome:
    return process(Path(path), stem, job, position=position)
