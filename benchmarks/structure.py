"""Structure requests with a real local model, on documents whose layout the embedded reader
cannot place.

    bash benchmarks/local_model.sh                       # builds, caches and starts the model
    python benchmarks/structure.py DOC.pdf [DOC ...]     # --base-url, --model, --mode to change

For each document: the embedded reading alone, then the same document with structure
requests (the model names each unplaced region's table and columns; the embedded reader reads
the numbers), first with an empty request cache (cold: documents in the order given, so a
second document of a template already seen asks nothing), then again (warm), with
``--strategy structure``: table and narrative requests are off (they make the model type every
number back, which a 1.5B model on one core does in minutes per table); this measures what the
structure request adds.

Figures per document and overall:
- coverage: the share of the amounts printed in the document's table regions that the result
  reads as cells (without / with the model);
- requests per document (cold, warm), seconds per document (cold);
- sure cells changed: cells the embedded reading marks ``ok`` that the model's run changes or
  drops (goal 0), and the cells a refused mapping would have changed.

Ends with one line per figure: ``figure-name value unit``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from llmextract.core.result import Result
from llmextract.core.schemas import load
from llmextract.core.source import Source
from llmextract.document import chunking, normalize
from llmextract.inputs.readers import read_source
from llmextract.llm.client import ModelClient
from llmextract.llm.config import Settings
from llmextract.llm.requestlog import Store
from llmextract.llm.structure import MONEY
from llmextract.pipeline import run_source


def amounts(src: Source) -> set[int]:
    """Offsets of the amounts printed in the document's table regions (any table, known or not)."""
    doc = normalize.normalize(src.raw)
    out: set[int] = set()
    for ch in chunking.split(doc, load()):
        if ch.kind != "table":
            continue
        for ln in ch.lines[1:]:
            for m in MONEY.finditer(ln.s):
                if ln.offs and m.start() < len(ln.offs):
                    out.add(ln.offs[m.start()])
    return out


def read_at(res: Result) -> set[int]:
    return {c.provenance.start for t in res.tables for r in (*t.rows, *t.units) for c in r.values.values()}


def sure(res: Result) -> dict[tuple[str, str, str], str]:
    return {
        (t.id, r.key, k): c.value
        for t in res.tables
        for r in t.rows
        for k, c in r.values.items()
        if c.status == "ok"
    }


def client(args: argparse.Namespace, db: Path) -> ModelClient:
    s = Settings(
        model=args.model,
        base_url=args.base_url,
        api_key="none",
        mode=args.mode,
        log_db=str(db),
        timeout=args.timeout,
        transport_retries=1,
        schema_retries=args.schema_retries,
        jobs=1,
    )
    return ModelClient(s, Store(s.db_path()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", nargs="+", type=Path)
    ap.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    ap.add_argument("--model", default="local")
    ap.add_argument("--mode", default="json")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--schema-retries", type=int, default=2, help="re-asks of an answer that does not fit")
    args = ap.parse_args(argv)
    db = Path(tempfile.mkdtemp(prefix="structure-bench-")) / "llm.sqlite"
    c = client(args, db)
    tot = {
        "printed": 0,
        "offline": 0,
        "model": 0,
        "cold": 0,
        "warm": 0,
        "secs": 0.0,
        "changed": 0,
        "refused": 0,
    }
    tot |= {"asked": 0, "cache": 0, "applied": 0}
    print(
        f"{'document':12} {'amounts':>7} {'cov.off':>7} {'cov.llm':>7} {'req.cold':>8} {'req.warm':>8} "
        f"{'s/doc':>7} {'asked':>5} {'cache':>5} {'kept':>4} {'sure-changed':>12}"
    )
    for path in args.docs:
        src = read_source(path)
        printed = amounts(src)
        off = run_source(src)
        n0 = len(c.store.requests(src.path))
        t0 = time.monotonic()
        cold = run_source(src, client=c, strategy="structure")
        secs = time.monotonic() - t0
        n1 = len(c.store.requests(src.path))
        run_source(src, client=c, strategy="structure")  # warm: every mapping from the cache
        n2 = len(c.store.requests(src.path))
        before, after = sure(off), sure(cold)
        changed = sum(1 for k, v in before.items() if after.get(k) != v)
        m = cold.model or {}
        row = {
            "printed": len(printed),
            "offline": len(printed & read_at(off)),
            "model": len(printed & read_at(cold)),
            "cold": n1 - n0,
            "warm": n2 - n1,
            "secs": secs,
            "changed": changed,
            "refused": int(m.get("structure_refused_sure", 0)),
            "asked": int(m.get("structure_asked", 0)),
            "cache": int(m.get("structure_from_cache", 0)),
            "applied": int(m.get("structure_applied", 0)),
        }
        for k, v in row.items():
            tot[k] += v
        every = row["printed"] or 1
        print(
            f"{path.stem:12} {row['printed']:>7} {row['offline'] / every:>7.3f} {row['model'] / every:>7.3f} "
            f"{row['cold']:>8} {row['warm']:>8} {secs:>7.1f} {row['asked']:>5} {row['cache']:>5} "
            f"{row['applied']:>4} {changed:>12}",
            flush=True,
        )
        for w in cold.warnings:
            if re.match(r"structure|model path degraded", w):
                print(f"    {w}")
    n = len(args.docs)
    p = tot["printed"] or 1
    print()
    for name, value, unit in [
        ("structure_docs", n, "docs"),
        ("structure_coverage_offline", tot["offline"] / p, "share"),
        ("structure_coverage_with_model", tot["model"] / p, "share"),
        ("structure_requests_per_doc_cold", tot["cold"] / n, "requests"),
        ("structure_requests_per_doc_warm", tot["warm"] / n, "requests"),
        ("structure_seconds_per_doc_cold", tot["secs"] / n, "s"),
        ("structure_regions_asked", tot["asked"], "regions"),
        ("structure_mappings_from_cache", tot["cache"], "regions"),
        ("structure_rereadings_kept", tot["applied"], "regions"),
        ("structure_sure_cells_changed", tot["changed"], "cells"),
        ("structure_sure_cells_a_refused_mapping_would_change", tot["refused"], "cells"),
    ]:
        print(f"{name} {value:.3f} {unit}" if isinstance(value, float) else f"{name} {value} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
