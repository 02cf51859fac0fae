"""Command line: ``llmextract run PATH... [-o OUTDIR] [--format ...]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, config, export, reconcile
from .extract import run_file
from .llm import ModelClient, ModelError, SchemaError
from .normalize import InputError
from .result import Result
from .store import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _inputs(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.is_file() and x.suffix.lower() == ".txt")
            if not found:
                errors.append(f"{p}: no .txt files in this folder")
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
        db=args.db,
        cache=False if args.no_cache else None,
    )


def cmd_run(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    strategy = settings.effective_strategy()
    client = None
    if strategy != "offline":
        client = ModelClient(settings, Store(settings.db_path()))
    files, errors = _inputs(args.paths)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    outdir = Path(args.output)
    failed = len(errors)
    for f in files:
        try:
            result = run_file(f, client=client, strategy=strategy)
        except (InputError, SchemaError) as e:
            print(f"error: {e}", file=sys.stderr)
            failed += 1
            continue
        except ModelError as e:
            print(f"error: {f.name}: {e}", file=sys.stderr)
            return EXIT_FAILED
        formats = args.format
        export.write(result, outdir, f.stem, formats)
        tables = len(result.tables)
        values = result.value_count
        doubts = sum(len(t.doubts) for t in result.tables)
        line = f"{f.name}: {tables} tables, {len(result.narrative)} narrative facts, {values} values"
        if result.checks:
            line += f", {len(result.checks)} failed checks"
        if doubts:
            line += f", {doubts} doubts"
        print(line)
        for w in result.warnings:
            print(f"  warning: {w}")
    if files:
        print(f"wrote {', '.join(args.format)} to {outdir}/")
    return EXIT_FAILED if failed else EXIT_OK


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
    settings = config.load(db=args.db)
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
    run.add_argument("paths", nargs="+", help="a .txt document or a folder of them")
    run.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    run.add_argument(
        "--format",
        type=_formats,
        default=_formats("json,cells,checks"),
        help="json, cells, checks, csv, a comma-separated list, or all (default: json,cells,checks)",
    )
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
    m.add_argument("--jobs", type=int, help="chunks sent in parallel (default 4)")
    m.add_argument("--rpm", type=int, help="at most this many requests per minute (default: no limit)")
    m.add_argument("--no-cache", action="store_true", help="do not answer from the request cache")
    m.add_argument("--db", help="SQLite log and cache (default ~/.cache/llmextract/llm.sqlite)")
    run.set_defaults(func=cmd_run)
    chk = sub.add_parser("check", help="re-run the arithmetic checks on a (hand-corrected) result JSON")
    chk.add_argument("result", help="a <stem>.json written by `llmextract run`")
    chk.add_argument(
        "--write", action="store_true", help="update the checks inside the file and <stem>.checks.json"
    )
    chk.set_defaults(func=cmd_check)
    use = sub.add_parser("usage", help="requests, tokens and cache hits per document, from the log")
    use.add_argument("--db", help="SQLite log (default ~/.cache/llmextract/llm.sqlite)")
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
