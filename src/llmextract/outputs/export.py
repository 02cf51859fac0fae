"""Write a result as JSON, cells (JSON lines), checks and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..core.result import Result, amount_yuan
from ..core.schemas import Schemas
from ..core.source import Source
from ..inputs.readers import read_source
from .factunit import fact_unit
from .writing import OutputError, ensure_folder, write_atomic


def _with_unit(cell: dict[str, str], unit: str) -> dict[str, str]:
    """``unit`` (万元, 千元 or 元: what the amount is in) and ``amount_yuan`` (the amount in 元,
    so that figures of tables in different units add up), where it is money."""
    if unit:
        cell["unit"] = unit
        if (y := amount_yuan(cell["value"], unit)) is not None:
            cell["amount_yuan"] = format(y, "f")
    return cell


def cells(result: Result) -> Iterator[dict[str, str]]:
    """One cell per printed number, in the interchange format of shared/spec/cells.md; a
    reading the tool is not sure of carries ``status: doubt``; each carries its unit and its
    amount in 元."""
    for t in result.tables:
        if t.block:
            continue  # a unit's block of a table printed unit by unit: the cells are the department's
        for r in t.rows:
            for cid, c in r.values.items():
                if result.spec.is_cell(t.id, r.key, cid):
                    cell = {"table": t.id, "row": r.key, "col": cid, "value": c.value}
                    if c.status == "doubt":
                        cell["status"] = "doubt"
                    yield _with_unit(cell, t.unit)
    for f in result.narrative:
        if result.spec.is_cell("narrative", f.id, "value"):
            cell = {"table": "narrative", "row": f.id, "col": "value", "value": f.value}
            if f.status == "doubt":
                cell["status"] = "doubt"
            yield _with_unit(cell, fact_unit(result.spec, f))


def cell_count(result: Result) -> int:
    """The values a person is told of: one per line of the cells file (a row's derived values
    and the facts outside the cells format are in the JSON only)."""
    return result.cell_count()


def cells_jsonl(result: Result) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cells(result))


def checks_json(result: Result) -> str:
    return json.dumps([c.model_dump() for c in result.checks], ensure_ascii=False, indent=1) + "\n"


def result_json(result: Result) -> str:
    return result.model_dump_json(indent=1) + "\n"


def table_csvs(result: Result) -> dict[str, str]:
    """One CSV per table (``编码,名称,<column headings…>,存疑``, the headings and row names in
    Chinese, the values normalised as in the cells, and in 存疑 the headings of the row's
    values read with doubt) and one for the narrative facts (``编码,事项,数值,单位,行,列``: the
    fact's id and name). A table printed unit by unit has a first column ``单位``: '' on the
    department's rows, then each unit's rows under its name as printed."""
    from . import labels

    lab = labels.Labels(result.spec)
    out: dict[str, str] = {}
    for t in result.tables:
        if t.block:
            continue
        blocks = [b for b in result.tables if b.block and b.id == t.id]
        cols = t.columns or sorted({k for x in (t, *blocks) for r in x.rows for k in r.values})
        buf = io.StringIO()
        w = csv.writer(buf)
        names = lab.column_names(t.id, cols)
        w.writerow([*(["单位"] if blocks else []), "编码", "名称", *names, "存疑"])
        for part in (t, *blocks):
            for r in labels.rows_for_people(part):
                name = lab.row_name(t.id, r.key, r.label)
                doubt = "、".join(
                    n
                    for c, n in zip(cols, names, strict=True)
                    if c in r.values and r.values[c].status == "doubt"
                )
                values = [r.values[c].value if c in r.values else "" for c in cols]
                unit = [part.unit_name or (f"第 {part.block} 个单位" if part.block else "")] if blocks else []
                w.writerow([*unit, r.key, name, *values, doubt])
        out[t.id] = buf.getvalue()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["编码", "事项", "数值", "单位", "行", "列", "存疑"])
    for f in result.narrative:
        doubt = "存疑" if f.status == "doubt" else ""
        said_in = fact_unit(result.spec, f)
        w.writerow([f.id, lab.fact_name(f.id), f.value, said_in, f.provenance.line, f.provenance.col, doubt])
    out["narrative"] = buf.getvalue()
    return out


def cells_from_csvs(paths: list[Path], spec: Schemas) -> set[tuple[str, str, str, str]]:
    """Read back the cells of per-table CSVs written by :func:`table_csvs`."""
    from . import labels

    lab = labels.Labels(spec)
    got = set()
    for p in paths:
        table = p.name.rsplit(".", 2)[-2]
        with p.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if table == "narrative":
            got |= {
                ("narrative", r[0], "value", r[2])
                for r in rows[1:]
                if spec.is_cell("narrative", r[0], "value")
            }
            continue
        if rows and rows[0][:1] == ["单位"]:  # a table printed unit by unit: the department's rows
            rows = [r[1:] for r in rows if r is rows[0] or not r[0]]
        header = [lab.column_id(table, h) for h in rows[0][:-1]]  # the last column is 存疑
        for r in rows[1:]:
            for col, v in zip(header[2:], r[2:-1], strict=True):
                if v and spec.is_cell(table, r[0], col):
                    got.add((table, r[0], col, v))
    return got


FORMATS = ("json", "cells", "checks", "csv", "html", "xlsx")
STDOUT_FORMATS = ("json", "cells", "checks", "html")  # what `-o -` can print (one file each)


Content = bytes | Iterator[bytes]  # a file's bytes, or its parts one after another (the review page)


def put(f: BinaryIO, data: Content) -> None:
    """Write a file's content (bytes, or its parts as they are made)."""
    if isinstance(data, bytes):
        f.write(data)
        return
    for part in data:
        f.write(part)


def files(result: Result, stem: str, fmt: str, src: Source | None = None) -> Iterator[tuple[str, Content]]:
    """(file name, content) of one format's outputs; one file except for ``csv``."""
    if fmt == "json":
        yield f"{stem}.json", result_json(result).encode("utf-8")
    elif fmt == "cells":
        yield f"{stem}.cells.jsonl", cells_jsonl(result).encode("utf-8")
    elif fmt == "checks":
        yield f"{stem}.checks.json", checks_json(result).encode("utf-8")
    elif fmt == "csv":
        for table, text in table_csvs(result).items():
            yield f"{stem}.{table}.csv", text.encode("utf-8")
    elif fmt == "html":
        from . import review as htmlreport

        parts = htmlreport.render_parts(result, src or read_source(result.source.path))
        yield f"{stem}.html", (p.encode("utf-8") for p in parts)  # written as it is made
    elif fmt == "xlsx":
        from . import xlsx

        buf = io.BytesIO()
        xlsx.write(result, buf)
        yield f"{stem}.xlsx", buf.getvalue()
    else:
        raise ValueError(f"unknown format {fmt!r}")


def write_all(
    result: Result, outdir: Path, stem: str, formats: list[str], src: Source | None = None
) -> tuple[list[Path], list[str]]:
    """Write every format that can be written; (files written, one message per problem).
    Each file is written whole under a temporary name and then renamed."""
    written: list[Path] = []
    problems: list[str] = []
    try:
        ensure_folder(outdir)
    except OutputError as e:
        return written, [str(e)]
    for fmt in formats:
        for name, data in files(result, stem, fmt, src):
            try:
                written.append(write_atomic(outdir / name, lambda f, d=data: put(f, d)))  # type: ignore[misc]
            except OutputError as e:
                problems.append(str(e))
    return written, problems


def write(
    result: Result, outdir: Path, stem: str, formats: list[str], src: Source | None = None
) -> list[Path]:
    """Write the outputs; raise :class:`OutputError` on the first problem."""
    written, problems = write_all(result, outdir, stem, formats, src)
    if problems:
        raise OutputError(problems[0])
    return written
