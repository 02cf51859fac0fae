"""The tool's own coverage against the outside measure (shared/tools/wild.py), per document.

The result's ``coverage`` (counted by :mod:`llmextract.checks.coverage` on the text the tool
laid out from the pages) and wild.py's (counted on ``pdftotext -layout``, matched by page and
value) must agree within 0.02 on every document. For a text input wild.py's definition is
applied to the text itself (its pages apart by form feeds).

    python benchmarks/coverage_agreement.py --wild ../shared/tools/wild.py PRED_DIR DOC...

PRED_DIR holds ``<stem>.json`` written by ``llmextract run`` (a document without one is run
here). Prints one line per document, then the worst disagreement; exits 1 above 0.02.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from llmextract.core.result import Result
from llmextract.inputs.readers import read_source
from llmextract.pipeline import run_source

TOLERANCE = 0.02


def _wild(path: str) -> ModuleType:
    sys.path[:0] = [str(Path(path).parent), str(Path(path).parent.parent)]
    spec = importlib.util.spec_from_file_location("wild", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _text_measure(wild: ModuleType, raw: str, res: dict) -> float:
    """wild.py's definition on a text: its amount pattern, pages apart by form feeds, values
    matched by page (counted from the form feeds before the value) and value."""
    printed: collections.Counter[tuple[int, str]] = collections.Counter()
    for p, page in enumerate(raw.split("\f"), 1):
        lines = [wild.NUM.findall(ln) for ln in page.splitlines()]
        if sum(1 for x in lines if x) < 3:
            continue
        for x in lines:
            for v in x:
                printed[(p, wild.norm(v))] += 1
    read: collections.Counter[tuple[int, str]] = collections.Counter()
    for t in res.get("tables", []):
        for r in t.get("rows", []):
            for v in (r.get("values") or {}).values():
                pv = v.get("provenance") or {}
                if v.get("value") is not None and "start" in pv:
                    read[(raw.count("\f", 0, pv["start"]) + 1, wild.norm(str(v["value"])))] += 1
    n = sum(printed.values())
    return sum((printed & read).values()) / n if n else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wild", required=True, help="path to shared/tools/wild.py")
    ap.add_argument("pred", help="folder of <stem>.json results")
    ap.add_argument("docs", nargs="+", help="documents (.pdf, .txt) or folders of them")
    a = ap.parse_args(argv)
    wild = _wild(a.wild)
    docs: list[Path] = []
    for d in map(Path, a.docs):
        docs += sorted([*d.glob("*.pdf"), *d.glob("*.txt")]) if d.is_dir() else [d]
    worst = (0.0, "")
    for doc in docs:
        jp = Path(a.pred) / f"{doc.stem}.json"
        src = read_source(doc)
        res = json.loads(jp.read_text(encoding="utf-8")) if jp.exists() else None
        if res is None or res.get("coverage") is None:
            res = json.loads(run_source(src).model_dump_json())
        cov = Result.model_validate(res).coverage
        assert cov is not None
        tool = cov.share
        if doc.suffix.lower() == ".pdf":
            pr, rd = wild.printed_amounts(str(doc)), wild.read_amounts(res)
            n = sum(pr.values())
            outside = sum((pr & rd).values()) / n if n else 1.0
        else:
            outside = _text_measure(wild, src.raw, res)
        diff = abs(tool - outside)
        worst = max(worst, (diff, doc.name))
        print(f"{doc.name} tool {tool:.3f} ({cov.read}/{cov.printed}) wild.py {outside:.3f} diff {diff:.3f}")
    print(f"worst disagreement {worst[0]:.3f} ({worst[1]})")
    return 1 if worst[0] > TOLERANCE else 0


if __name__ == "__main__":
    sys.exit(main())
