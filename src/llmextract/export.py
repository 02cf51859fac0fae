"""Write a result as JSON, cells (JSON lines), checks and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from .result import Result
from .schemas import load


def cells(result: Result) -> Iterator[dict[str, str]]:
    """One cell per printed number, in the interchange format of shared/spec/cells.md.
    Only the columns the spec names for a table are emitted."""
    schemas = load()
    for t in result.tables:
        allowed = set(schemas.table(t.id).column_ids) if t.id in schemas.tables else set()
        for r in t.rows:
            for cid, c in r.values.items():
                if cid in allowed:
                    yield {"table": t.id, "row": r.key, "col": cid, "value": c.value}
    for f in result.narrative:
        yield {"table": "narrative", "row": f.id, "col": "value", "value": f.value}


def cells_jsonl(result: Result) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cells(result))


def checks_json(result: Result) -> str:
    return json.dumps([c.model_dump() for c in result.checks], ensure_ascii=False, indent=1) + "\n"


def result_json(result: Result) -> str:
    return result.model_dump_json(indent=1) + "\n"


def csv_text(result: Result) -> str:
    """All cells in one CSV with their provenance (table,row,col,value,line,col,start,end)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["table", "row", "col", "value", "line", "column", "start", "end"])
    for t in result.tables:
        for r in t.rows:
            for cid, c in r.values.items():
                p = c.provenance
                w.writerow([t.id, r.key, cid, c.value, p.line, p.col, p.start, p.end])
    for f in result.narrative:
        p = f.provenance
        w.writerow(["narrative", f.id, "value", f.value, p.line, p.col, p.start, p.end])
    return buf.getvalue()


FORMATS = ("json", "cells", "checks", "csv")


def write(result: Result, outdir: Path, stem: str, formats: list[str]) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt == "json":
            p = outdir / f"{stem}.json"
            p.write_text(result_json(result), encoding="utf-8")
        elif fmt == "cells":
            p = outdir / f"{stem}.cells.jsonl"
            p.write_text(cells_jsonl(result), encoding="utf-8")
        elif fmt == "checks":
            p = outdir / f"{stem}.checks.json"
            p.write_text(checks_json(result), encoding="utf-8")
        elif fmt == "csv":
            p = outdir / f"{stem}.csv"
            p.write_text(csv_text(result), encoding="utf-8")
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(p)
    return written
