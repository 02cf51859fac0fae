"""Command line: llmextract run PATH... [-o OUTDIR] [--format ...]."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from ..core.errors import ModelError
from ..llm import config
from .batch import DEFAULT_MAX_MB, Job, Outcome, process, process_in_worker, worker_init
from .console import Progress, _report, _stages_of, _wrote

if TYPE_CHECKING:  # the model client is imported only when a model is used
    from ..llm.client import ModelClient

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_DEGRADED = 3  # everything written, but some model requests failed: embedded readings kept


DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")  # what a folder is searched for
STDOUT = "-"  # `-o -`: one format to standard output


def _inputs(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.is_file() and x.suffix.lower() in DOCUMENT_SUFFIXES)
            if not found:
                errors.append(f"{p}: no {', '.join(DOCUMENT_SUFFIXES)} files in this folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or folder")
    return files, errors


def _formats(value: str) -> list[str]:
    from ..outputs.export import FORMATS

    if value == "all":
        return list(FORMATS)
    out = []
    for v in value.split(","):
        v = v.strip()
        if v not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {v!r} (choose from {', '.join(FORMATS)}, all)")
        out.append(v)
    return out


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def _positive_size(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of MB") from None
    if not n > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 MB, not {value}")
    return n


def _settings(args: argparse.Namespace) -> config.Settings:
    return config.load(
        model=args.model,
        base_url=args.base_url,
        api_key=args.api_key,
        mode=args.mode,
        strategy=args.strategy,
        max_reprompts=args.max_reprompts,
        jobs=args.jobs,
        rpm=args.rpm,
        timeout=args.timeout,
        max_tokens=args.max_tokens,
        log_db=args.log_db,
        cache=False if args.no_cache else None,
        structure=False if args.no_structure else None,
    )


def cores() -> int:
    """Cores this process may run on (the default of --jobs for the embedded extractor)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def output_stems(files: list[Path]) -> dict[Path, str]:
    """The name each document's outputs take: its stem, or — when several inputs share a
    stem (doc.txt and doc.html, or a/doc.txt and b/doc.txt) — its file name, then its folder
    and file name, so that no document's outputs overwrite another's."""

    def names(f: Path) -> tuple[str, ...]:
        return (f.stem, f.name, f"{f.parent.name}_{f.name}")

    taken = Counter(n for f in files for n in set(names(f)))
    return {
        f: next((n for n in names(f) if taken[n] == 1), f"{f.parent.name}_{f.name}_{k}")
        for k, f in enumerate(files, 1)
    }


def _stdout_problem(formats: list[str], n_files: int) -> str | None:
    from ..outputs.export import STDOUT_FORMATS

    if len(formats) != 1 or formats[0] not in STDOUT_FORMATS:
        return f"-o - prints one format to standard output: --format {' or '.join(STDOUT_FORMATS)}"
    if n_files > 1 and formats[0] != "cells":
        return "-o - prints one document, or the cells (JSON lines) of several: use -o FOLDER"
    return None


@dataclass
class Run:
    """One ``llmextract run``: its inputs, what to do with each, and how."""

    args: argparse.Namespace
    files: list[Path]
    errors: list[str]
    job: Job
    client: ModelClient | None
    strategy: str
    jobs: int
    to_stdout: bool
    report: TextIO
    done: dict[Path, Outcome] = field(default_factory=dict)
    interrupted: bool = False
    stopped: str | None = None  # why the batch stopped early (a model or a worker that failed)


def cmd_run(args: argparse.Namespace) -> int:
    run = _prepare(args)
    if isinstance(run, int):
        return run
    for err in run.errors:
        print(f"error: {err}", file=sys.stderr)
    _execute(run)
    return _finish(run)


def _prepare(args: argparse.Namespace) -> Run | int:
    """The run's settings, inputs and job; a usage error's exit status instead."""
    try:
        settings = _settings(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    strategy = settings.effective_strategy()
    files, errors = _inputs(args.paths)
    to_stdout = args.output == STDOUT
    if to_stdout and (problem := _stdout_problem(args.format, len(files))):
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.db:
        try:
            from ..outputs import database

            database.engine_for(args.db).dispose()  # tables made once, before any worker
        except Exception as e:  # noqa: BLE001 - a bad URL or a missing driver is a usage error
            print(f"error: --db {args.db}: {e}", file=sys.stderr)
            return EXIT_USAGE
    client = None
    if strategy != "offline":
        from ..llm.client import ModelClient
        from ..llm.requestlog import Store

        client = ModelClient(settings, Store(settings.db_path()))
    job = Job(
        outdir=None if to_stdout else Path(args.output),
        formats=tuple(args.format),
        db=args.db,
        max_mb=args.max_size,
        sure_only=args.sure_only,
    )
    if client is not None:
        jobs = max(1, settings.jobs)
    else:
        jobs = max(1, args.jobs if args.jobs is not None else cores())
    report = sys.stderr if to_stdout else sys.stdout  # standard output carries the data with -o -
    return Run(args, files, errors, job, client, strategy, jobs, to_stdout, report)


def _execute(run: Run) -> None:
    """Every document processed, in this process or a pool; Ctrl-C and a failing model or
    worker stop the batch with what is done kept in ``run.done``."""
    args, files, done = run.args, run.files, run.done
    stems = output_stems(files)
    place = {f: k for k, f in enumerate(files, 1)}  # each input's place in the batch (the database keeps it)
    progress = Progress(0 if args.quiet else len(files))
    current: Path | None = None  # the document whose result is awaited
    sequential = run.to_stdout or (run.client is None and (run.jobs == 1 or len(files) <= 1))
    pool: Executor | None = None
    futures: dict[Future[Outcome], Path] = {}
    try:
        if sequential:  # in this process: Ctrl-C reaches the document at hand directly
            out = sys.stdout.buffer if run.to_stdout else None
            for current in files:
                with _stages_of(current, args.quiet):
                    stem, record = stems[current], _record(done)
                    d = process(current, stem, run.job, run.client, run.strategy, out, record, place[current])
                done[current] = d
                progress.update(d)
                if d.interrupted:  # Ctrl-C came while its files were written: they were finished
                    raise KeyboardInterrupt
                if run.to_stdout and d.output_errors:  # standard output was closed (| head): stop
                    break
        else:
            pool, futures = _submit(run, stems, place)
            for fut in as_completed(futures):
                current = futures[fut]
                d = fut.result()
                done[d.path] = d
                progress.update(d)
    except KeyboardInterrupt:
        run.interrupted = True
    except BrokenExecutor:  # a worker process was killed (out of memory?)
        run.stopped = (
            f"{current.name if current else 'a document'}: a worker process died (out of memory?); "
            "the batch stopped — try --jobs 1"
        )
    except ModelError as e:  # a model that cannot be reached stops the batch
        run.stopped = f"{current.name}: {e}" if current else str(e)
    finally:
        _stop(pool, run.interrupted or run.stopped is not None, progress)
        _harvest(futures, done, progress)


def _submit(
    run: Run, stems: dict[Path, str], place: dict[Path, int]
) -> tuple[Executor, dict[Future[Outcome], Path]]:
    """The documents handed to worker processes (the embedded reader) or threads (a model)."""
    files, job = run.files, run.job
    if run.client is None:
        from concurrent.futures import ProcessPoolExecutor

        pool: Executor = ProcessPoolExecutor(max_workers=min(run.jobs, len(files)), initializer=worker_init)
        return pool, {pool.submit(process_in_worker, str(f), stems[f], job, place[f]): f for f in files}
    pool = ThreadPoolExecutor(max_workers=run.jobs)
    return pool, {
        pool.submit(process, f, stems[f], job, run.client, run.strategy, position=place[f]): f for f in files
    }


def _finish(run: Run) -> int:
    """The reports, the summary and the closing line; the exit status."""
    args, files, report = run.args, run.files, run.report
    # in the inputs' order, not the order the workers finished in (the lists below are the same
    # from run to run; the database's rows are written by the workers as they finish, each
    # document's batch_position giving the inputs' order)
    done = {**{f: run.done[f] for f in files if f in run.done}, **run.done}
    if run.stopped:
        _report(files, done, report, args.quiet)
        print(f"error: {run.stopped}", file=sys.stderr)
        return EXIT_FAILED
    failed = len(run.errors) + _report(files, done, report, args.quiet)
    if len(files) > 1 and not args.quiet:
        from .closing import LEGEND, table

        print("\n" + table(done[f] for f in files if f in done), file=report)
        print(LEGEND, file=report)
    asked = sum(d.structure_model for d in done.values())
    cached = sum(d.structure_cache for d in done.values())
    if asked or cached:
        print(
            f"table structures named by the model: {asked} asked, {cached} from the cache "
            "(one request per table template)",
            file=report,
        )
    _wrote(list(done.values()), run.job, args.db, report)
    if run.interrupted:
        print(
            f"interrupted: {len(done)} of {len(files)} documents done (their files are complete); "
            "the others were not started",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    low = _below(done, args.min_coverage)
    if low:
        print(
            f"below --min-coverage {args.min_coverage:g}: "
            + ", ".join(f"{d.path.name} ({d.coverage:.1%})" for d in low),
            file=report,
        )
        failed += len(low)
    degraded = [d.path.name for d in done.values() if d.degraded]
    if degraded and not failed:
        print(
            f"degraded: the model failed on some chunks of {len(degraded)} document(s); see the warnings",
            file=report,
        )
    return EXIT_FAILED if failed else EXIT_DEGRADED if degraded else EXIT_OK


def _below(done: dict[Path, Outcome], minimum: float | None) -> list[Outcome]:
    """The documents read whose coverage is below ``--min-coverage``."""
    if minimum is None:
        return []
    return [d for d in done.values() if d.processed and d.coverage < minimum]


def _share(value: str) -> float:
    try:
        x = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {value!r} (e.g. 0.95 or 95%)") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"a share between 0 and 1: {value!r}")
    return x


def _stop(pool: Executor | None, cancel: bool, progress: Progress) -> None:
    """Shut the pool down; on Ctrl-C, cancel what has not started and let the documents in
    progress finish (their files are renamed into place whole). A second Ctrl-C is ignored."""
    progress.stop()
    if cancel:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("stopping: finishing the documents in progress…", file=sys.stderr)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=cancel)


def _record(done: dict[Path, Outcome]) -> Callable[[Outcome], None]:
    """Note a document as done the moment its files are written (Ctrl-C deferred): an
    interrupt right after cannot leave files on disk that the closing line does not count."""

    def note(d: Outcome) -> None:
        done[d.path] = d

    return note


def _harvest(futures: dict[Future[Outcome], Path], done: dict[Path, Outcome], progress: Progress) -> None:
    """Count the documents that finished while the batch was stopping (Ctrl-C, a failure):
    their files are on disk, so the closing line must name them."""
    for fut, f in futures.items():
        if f in done or not fut.done() or fut.cancelled() or fut.exception() is not None:
            continue
        d = fut.result()
        done[d.path] = d
        progress.update(d)


def cmd_check(args: argparse.Namespace) -> int:
    """Re-run the checks on a result a person has corrected by hand."""
    from ..checks import reconcile
    from ..core.result import Result
    from ..document.kind import schemas_for
    from ..outputs import export

    path = Path(args.result)
    try:
        result = Result.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as e:
        print(f"error: {path}: cannot read ({e.strerror})", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as e:
        first = str(e).splitlines()[0]
        print(f"error: {path}: not an llmextract result ({first})", file=sys.stderr)
        return EXIT_USAGE
    # the arithmetic is re-run on the corrected values; the audit's findings on the text
    # (structure, wording, prose) do not depend on them and are kept as they were
    # (the rounding notes and a unit label the amounts contradict come from the arithmetic too)
    audit = [
        c for c in result.checks if c.category not in ("arithmetic", "rounding") and c.rule != "unit_label"
    ]
    result.attach_spec(schemas_for(result.source.kind))  # the set of the document's kind
    result.checks = reconcile.check(result)
    reconcile.doubt_blamed(result)
    if args.write:
        from ..outputs.writing import OutputError, write_text

        checks_path = path.with_name(path.name.removesuffix(".json") + ".checks.json")
        try:
            kept = result.model_copy(update={"checks": result.checks + audit})
            write_text(path, export.result_json(kept))
            write_text(checks_path, export.checks_json(kept))
        except OutputError as e:
            print(f"error: {e}", file=sys.stderr)
            return EXIT_FAILED
    if audit:
        print(f"{path.name}: {len(audit)} audit findings kept (text, structure, prose: see the checks file)")
    failed = [c for c in result.checks if c.category != "rounding"]
    notes = len(result.checks) - len(failed)
    if notes:
        print(f"{path.name}: {notes} rounding notes (gaps within the printed rounding, not failures)")
    if not failed:
        print(f"{path.name}: all arithmetic checks pass")
        return EXIT_OK
    print(f"{path.name}: {len(failed)} failed arithmetic checks")
    for c in failed:
        print(f"  [{c.source}] {c.message}")
    return EXIT_FAILED


def cmd_usage(args: argparse.Namespace) -> int:
    from ..llm.requestlog import Store

    settings = config.load(log_db=args.log_db)
    path = settings.db_path()
    if not path.exists():
        print(f"no model requests logged yet ({path})")
        return EXIT_OK
    rows = Store(path).usage()
    print(
        f"{'document':<48} {'requests':>8} {'retries':>7} {'prompt tok':>10} "
        f"{'compl. tok':>10} {'cache hits':>10}"
    )
    for u in rows:
        print(
            f"{str(u['document'])[-48:]:<48} {u['requests']:>8} {u['retries']:>7} "
            f"{_tokens(u['prompt_tokens']):>10} {_tokens(u['completion_tokens']):>10} {u['cache_hits']:>10}"
        )
    return EXIT_OK


def _tokens(n: int | None) -> str:
    return "unknown" if n is None else str(n)


class _Version(argparse.Action):
    """--version: the version and the build that runs (its files are looked at only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=str(kwargs["help"]))

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from ..core.flavour import COMPILED, PURE, compiled_modules

        n = len(compiled_modules())  # (the package's files walked once)
        print(f"llmextract {__version__}, " + (f"{COMPILED}: {n} modules" if n else PURE))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="llmextract",
        description="Turn Chinese government budget disclosures (PDF or text) into checked, structured data.",
        epilog="llmextract run --help lists the options of a run; the README tells the rest.",
    )
    ap.add_argument("--version", action=_Version, help="the version; whether it runs compiled or pure Python")
    sub = ap.add_subparsers(dest="command", required=True)
    _run_parser(sub)
    chk = sub.add_parser("check", help="re-run the arithmetic checks on a (hand-corrected) result JSON")
    chk.add_argument("result", help="a <stem>.json written by `llmextract run`")
    chk.add_argument(
        "--write", action="store_true", help="update the checks inside the file and <stem>.checks.json"
    )
    chk.set_defaults(func=cmd_check)
    use = sub.add_parser("usage", help="requests, tokens and cache hits per document, from the log")
    use.add_argument("--log-db", help="SQLite log (default ~/.cache/llmextract/llm.sqlite)")
    use.set_defaults(func=cmd_usage)
    return ap


def _run_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="extract tables and narrative facts from documents")
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a document (.pdf, .txt, .md, .html or .htm), or a folder of them",
    )
    run.add_argument(
        "-o",
        "--output",
        default="out",
        help="output folder (default: out); - prints one format to standard output",
    )
    run.add_argument(
        "--format",
        type=_formats,
        default="json,cells,checks",
        help="json, cells, checks, csv, html, xlsx; a list (json,xlsx) or all (default: json,cells,checks)",
    )
    run.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="documents processed in parallel (default: the number of cores); with a model, "
        "model requests in parallel (default 4)",
    )
    run.add_argument(
        "--max-size",
        type=_positive_size,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"largest text document read (default {DEFAULT_MAX_MB} MB; a PDF may be 20 times larger)",
    )
    run.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only errors and the closing line (no per-document lines, warnings, progress or summary)",
    )
    run.add_argument("--db", help="also save results to a database: a SQLite file or a SQLAlchemy URL")
    run.add_argument(
        "--sure-only",
        action="store_true",
        help="leave out every value the tool is not sure of (status doubt) from all outputs",
    )
    run.add_argument(
        "--min-coverage",
        type=_share,
        metavar="X",
        help="exit 1 when a document's tables are read below this share (0.95 or 95%%): "
        "amounts read / amounts printed on its table pages",
    )
    _model_options(run)
    run.set_defaults(func=cmd_run)


def _model_options(run: argparse.ArgumentParser) -> None:
    m = run.add_argument_group("model (any OpenAI-compatible endpoint; see README)")
    m.add_argument(
        "--model", help="model name (env LLMEXTRACT_MODEL); without one, the embedded extractor runs"
    )
    m.add_argument("--base-url", help="endpoint, e.g. https://api.deepseek.com/v1 (env OPENAI_BASE_URL)")
    m.add_argument("--api-key", help="API key (env OPENAI_API_KEY); never logged")
    m.add_argument("--mode", choices=config.MODES, help="instructor mode (default: from the provider table)")
    m.add_argument(
        "--strategy",
        choices=("hybrid", "llm", "structure", "offline"),
        help="hybrid (default with a model), llm (every chunk), structure (the model only names the "
        "table and columns of regions the embedded reader cannot place), offline (default without)",
    )
    m.add_argument("--max-reprompts", type=int, help="arithmetic re-prompts per chunk (default 2)")
    m.add_argument("--rpm", type=_positive, help="at most this many requests per minute (default: no limit)")
    m.add_argument("--timeout", type=float, help="seconds per model request (default 60)")
    m.add_argument(
        "--max-tokens", type=_positive, help="token limit of each model answer (default: the server's)"
    )
    m.add_argument("--no-cache", action="store_true", help="do not answer from the request cache")
    m.add_argument(
        "--no-structure",
        action="store_true",
        help="do not ask the model which table and columns a region is that the embedded reader cannot place",
    )
    m.add_argument(
        "--log-db", help="SQLite log of model requests and cache (default ~/.cache/llmextract/llm.sqlite)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) and EXIT_USAGE
    previous = signal.getsignal(signal.SIGINT)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:  # before or after a batch (a batch handles its own)
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        # a stopping batch ignores a second Ctrl-C; the caller (a test, a program that calls
        # main) gets its own handler back — and the processes it starts later their Ctrl-C
        if previous is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, previous)


if __name__ == "__main__":
    sys.exit(main())
