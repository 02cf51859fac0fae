"""Write a result as JSON, cells (JSON lines), checks and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from . import htmlreport, xlsx
from .normalize import Source, read_source
from .result import Result
from .schemas import is_cell


def cells(result: Result) -> Iterator[dict[str, str]]:
    """One cell per printed number, in the interchange format of shared/spec/cells.md; a
    reading the tool is not sure of carries ``status: doubt``."""
    for t in result.tables:
        for r in t.rows:
            for cid, c in r.values.items():
                if is_cell(t.id, r.key, cid):
                    cell = {"table": t.id, "row": r.key, "col": cid, "value": c.value}
                    if c.status == "doubt":
                        cell["status"] = "doubt"
                    yield cell
    for f in result.narrative:
        if is_cell("narrative", f.id, "value"):
            yield {"table": "narrative", "row": f.id, "col": "value", "value": f.value}


def cells_jsonl(result: Result) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cells(result))


def checks_json(result: Result) -> str:
    return json.dumps([c.model_dump() for c in result.checks], ensure_ascii=False, indent=1) + "\n"


def result_json(result: Result) -> str:
    return result.model_dump_json(indent=1) + "\n"


def table_csvs(result: Result) -> dict[str, str]:
    """One CSV per table (``key,label,<columns…>``, values as printed) and one for the
    narrative facts (``fact,value,line,column``)."""
    out: dict[str, str] = {}
    for t in result.tables:
        cols = t.columns or sorted({k for r in t.rows for k in r.values})
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["key", "label", *cols])
        for r in t.rows:
            w.writerow([r.key, r.label, *[r.values[c].value if c in r.values else "" for c in cols]])
        out[t.id] = buf.getvalue()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["fact", "value", "line", "column"])
    for f in result.narrative:
        w.writerow([f.id, f.value, f.provenance.line, f.provenance.col])
    out["narrative"] = buf.getvalue()
    return out


def cells_from_csvs(paths: list[Path]) -> set[tuple[str, str, str, str]]:
    """Read back the cells of per-table CSVs written by :func:`table_csvs`."""
    got = set()
    for p in paths:
        table = p.name.rsplit(".", 2)[-2]
        with p.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if table == "narrative":
            got |= {
                ("narrative", r[0], "value", r[1]) for r in rows[1:] if is_cell("narrative", r[0], "value")
            }
            continue
        header = rows[0]
        for r in rows[1:]:
            for col, v in zip(header[2:], r[2:], strict=True):
                if v and is_cell(table, r[0], col):
                    got.add((table, r[0], col, v))
    return got


FORMATS = ("json", "cells", "checks", "csv", "html", "xlsx")


def write(
    result: Result, outdir: Path, stem: str, formats: list[str], src: Source | None = None
) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
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
            for table, text in table_csvs(result).items():
                p = outdir / f"{stem}.{table}.csv"
                p.write_text(text, encoding="utf-8")
                written.append(p)
            continue
        elif fmt == "html":
            if src is None:
                src = read_source(result.source.path)
            p = outdir / f"{stem}.html"
            p.write_text(htmlreport.render(result, src), encoding="utf-8")
        elif fmt == "xlsx":
            p = outdir / f"{stem}.xlsx"
            xlsx.write(result, p)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(p)
    return written
