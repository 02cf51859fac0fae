"""Command line: ``llmextract run PATH... [-o OUTDIR] [--format ...]``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__, config, database, export, reconcile
from .extract import run_source
from .llm import ModelClient, ModelError, SchemaError
from .normalize import InputError, Source, read_source
from .result import Result
from .store import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")  # what a folder is searched for


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
    if value == "all":
        return list(export.FORMATS)
    out = []
    for v in value.split(","):
        v = v.strip()
        if v not in export.FORMATS:
            raise argparse.ArgumentTypeError(
                f"unknown format {v!r} (choose from {', '.join(export.FORMATS)}, all)"
            )
        out.append(v)
    return out


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
        log_db=args.log_db,
        cache=False if args.no_cache else None,
    )


@dataclass
class Done:
    path: Path
    result: Result | None = None
    src: Source | None = None
    error: str | None = None


def _offline(path: str) -> Done:
    """One document with the embedded extractor (runs in a worker process)."""
    p = Path(path)
    try:
        src = read_source(p)
        return Done(p, run_source(src), src)
    except InputError as e:
        return Done(p, error=str(e))
    except Exception as e:  # noqa: BLE001 - one broken file never stops the batch
        return Done(p, error=f"{p}: could not be processed ({type(e).__name__}: {e})")


class Progress:
    """documents done, values read, checks failed — one line, redrawn, on a terminal."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.done, self.values, self.failed_checks, self.errors = total, 0, 0, 0, 0
        self.stream = stream
        self.live = stream.isatty() and total > 1

    def update(self, d: Done) -> None:
        self.done += 1
        if d.result is not None:
            self.values += d.result.value_count
            self.failed_checks += len(d.result.checks)
        else:
            self.errors += 1
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


def cmd_run(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    strategy = settings.effective_strategy()
    client = ModelClient(settings, Store(settings.db_path())) if strategy != "offline" else None
    files, errors = _inputs(args.paths)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    engine = None
    if args.db:
        try:
            engine = database.engine_for(args.db)
        except Exception as e:  # noqa: BLE001 - a bad URL or a missing driver is a usage error
            print(f"error: --db {args.db}: {e}", file=sys.stderr)
            return EXIT_USAGE
    outdir = Path(args.output)
    stems = output_stems(files)
    jobs = max(1, settings.jobs if args.jobs is None else args.jobs)
    progress = Progress(len(files))
    done: dict[Path, Done] = {}

    def model_one(path: Path) -> Done:
        try:
            src = read_source(path)
            return Done(path, run_source(src, client=client, strategy=strategy), src)
        except (InputError, SchemaError) as e:
            return Done(path, error=str(e))

    pool: Executor
    if client is None and jobs > 1 and len(files) > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        submit = lambda f: pool.submit(_offline, str(f))  # noqa: E731
    else:
        pool = ThreadPoolExecutor(max_workers=jobs)
        submit = (
            (lambda f: pool.submit(_offline, str(f)))
            if client is None
            else (lambda f: pool.submit(model_one, f))
        )
    with pool:
        futures = {submit(f): f for f in files}
        for fut in as_completed(futures):
            try:
                d = fut.result()
            except ModelError as e:
                for other in futures:
                    other.cancel()
                print(f"error: {futures[fut].name}: {e}", file=sys.stderr)
                return EXIT_FAILED
            if d.result is not None:
                export.write(d.result, outdir, stems[d.path], args.format, d.src)
                if engine is not None:
                    database.save(engine, d.result)
            done[d.path] = d
            progress.update(d)
    failed = len(errors)
    for f in files:
        d = done[f]
        if d.result is None:
            print(f"error: {d.error}", file=sys.stderr)
            failed += 1
            continue
        r = d.result
        line = f"{f.name}: {len(r.tables)} tables, {len(r.narrative)} narrative facts, {r.value_count} values"
        if r.checks:
            line += f", {len(r.checks)} failed checks"
        doubts = sum(len(t.doubts) for t in r.tables)
        if doubts:
            line += f", {doubts} doubts"
        print(line)
        for w in r.warnings:
            print(f"  warning: {w}")
    if len(files) > 1:
        _summary(files, done)
    if files:
        print(f"wrote {', '.join(args.format)} to {outdir}/" + (f"; saved to {args.db}" if engine else ""))
    return EXIT_FAILED if failed else EXIT_OK


def _summary(files: list[Path], done: dict[Path, Done]) -> None:
    print(f"\n{'document':<40} {'tables':>6} {'values':>7} {'document':>9} {'extraction':>10}  status")
    for f in files:
        d = done[f]
        if d.result is None:
            print(f"{f.name[:40]:<40} {'':>6} {'':>7} {'':>9} {'':>10}  not processed")
            continue
        r = d.result
        doc = sum(1 for c in r.checks if c.source == "document")
        print(
            f"{f.name[:40]:<40} {len(r.tables):>6} {r.value_count:>7} {doc:>9} {len(r.checks) - doc:>10}  ok"
        )


def cmd_check(args: argparse.Namespace) -> int:
    """Re-run the checks on a result a person has corrected by hand."""
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
    result.checks = reconcile.check(result)
    if args.write:
        path.write_text(export.result_json(result), encoding="utf-8")
        checks_path = path.with_name(path.name.removesuffix(".json") + ".checks.json")
        checks_path.write_text(export.checks_json(result), encoding="utf-8")
    if not result.checks:
        print(f"{path.name}: all checks pass")
        return EXIT_OK
    print(f"{path.name}: {len(result.checks)} failed checks")
    for c in result.checks:
        print(f"  [{c.source}] {c.message}")
    return EXIT_FAILED


def cmd_usage(args: argparse.Namespace) -> int:
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
            f"{str(u['document'])[-48:]:<48} {u['requests']:>8} {u['retries']:>7} {u['prompt_tokens']:>10} "
            f"{u['completion_tokens']:>10} {u['cache_hits']:>10}"
        )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="llmextract", description=__doc__)
    ap.add_argument("--version", action="version", version=f"llmextract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract tables and narrative facts from documents")
    run.add_argument("paths", nargs="+", help="a .txt (or .pdf) document, or a folder of them")
    run.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    run.add_argument(
        "--format",
        type=_formats,
        default=_formats("json,cells,checks"),
        help="json, cells, checks, csv, html, xlsx; a list (json,xlsx) or all (default: json,cells,checks)",
    )
    run.add_argument(
        "--jobs", type=int, help="documents (and model requests) processed in parallel (default 4)"
    )
    run.add_argument("--db", help="also save results to a database: a SQLite file or a SQLAlchemy URL")
    m = run.add_argument_group("model (any OpenAI-compatible endpoint; see README)")
    m.add_argument(
        "--model", help="model name (env LLMEXTRACT_MODEL); without one, the embedded extractor runs"
    )
    m.add_argument("--base-url", help="endpoint, e.g. https://api.deepseek.com/v1 (env OPENAI_BASE_URL)")
    m.add_argument("--api-key", help="API key (env OPENAI_API_KEY); never logged")
    m.add_argument("--mode", choices=config.MODES, help="instructor mode (default: from the provider table)")
    m.add_argument(
        "--strategy",
        choices=("hybrid", "llm", "offline"),
        help="hybrid (default with a model), llm (every chunk), offline (default without)",
    )
    m.add_argument("--max-reprompts", type=int, help="arithmetic re-prompts per chunk (default 2)")
    m.add_argument("--rpm", type=int, help="at most this many requests per minute (default: no limit)")
    m.add_argument("--no-cache", action="store_true", help="do not answer from the request cache")
    m.add_argument(
        "--log-db", help="SQLite log of model requests and cache (default ~/.cache/llmextract/llm.sqlite)"
    )
    run.set_defaults(func=cmd_run)
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


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) and EXIT_USAGE
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
