"""Results of many documents in one database (SQLite by default, any SQLAlchemy URL).

Tables: ``documents``, ``tables``, ``cells`` (with provenance) and ``checks``, all keyed by
``document_id`` (a hash of the document's resolved path): re-running a document replaces its
rows and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine

from ..core import result as model
from ..core.result import Cell, Check, Fact, Result, amount_yuan, to_decimal
from ..core.schemas import Schemas
from .factunit import fact_unit

meta = MetaData()
documents = Table(
    "documents",
    meta,
    Column("document_id", String(40), primary_key=True),
    Column("path", Text, nullable=False),
    Column("name", Text),
    Column("department", Text),
    Column("year", Integer),
    Column("kind", String(10)),  # 预算 | 决算
    Column("scope", String(10)),  # 部门 | 单位
    Column("encoding", String(20)),
    Column("sha256", String(64)),
    Column("n_tables", Integer),
    Column("n_values", Integer),
    Column("n_checks", Integer),
    Column("llmextract", String(20)),
    Column("status", String(10)),  # ok | partial | unread: how much of the tables was read
    Column("amounts_printed", Integer),  # amounts printed on the pages holding tables
    Column("amounts_read", Integer),  # of those, read into a table value
    Column("coverage", Numeric(6, 4)),  # amounts_read / amounts_printed
    Column("unread_pages", Text),  # the pages with amounts not read: "3,4,7"
    # the input's 1-based place among the inputs of the run that saved it (the rows are written
    # as the workers finish): ORDER BY batch_position gives the inputs' order
    Column("batch_position", Integer),
)
tables = Table(
    "tables",
    meta,
    Column("document_id", String(40), index=True),
    Column("table_id", String(40)),
    Column("title", Text),
    Column("line", Integer),
    Column("layout", String(20)),
    Column("extracted_by", String(40)),
)
cells = Table(
    "cells",
    meta,
    Column("document_id", String(40), index=True),
    Column("table_id", String(40), index=True),
    Column("row_key", String(80)),
    Column("col", String(40)),
    Column("value", String(40)),
    # as printed, in `unit`: six decimals, as 万元 tables print them (816,236.484478); scale 4 rounded them
    Column("amount", Numeric(24, 6)),
    Column("unit", String(10)),  # 万元, 千元 or 元 ('' for a count)
    Column("amount_yuan", Numeric(26, 4)),  # the amount in 元: comparable across documents
    Column("line", Integer),
    Column("column_no", Integer),
    Column("char_start", Integer),
    Column("char_end", Integer),
    Column("printed", Text),
    Column("status", String(10)),  # ok | doubt
    Column("page", Integer),  # a PDF's 1-based page
    Column("box", String(80)),  # a PDF's box: "x0,top,x1,bottom" in points
)
checks = Table(
    "checks",
    meta,
    Column("document_id", String(40), index=True),
    Column("rule", Text),
    Column("table_id", String(40)),
    Column("row_key", String(80)),
    Column("col", String(40)),
    Column("expected", String(40)),
    Column("found", String(40)),
    Column("source", String(20)),
    Column("message", Text),
    Column("cells", Text),
    Column("suspects", Text),
    Column("category", String(20)),  # arithmetic | prose | structure | text
    Column("line", Integer),
    Column("page", Integer),
)


def engine_for(target: str, create: bool = True) -> Engine:
    """A SQLAlchemy URL (``postgresql://…``) or a file path (SQLite). ``create``: make the
    tables (and the SQLite file's folder) if missing — the batch does so once, before its
    worker processes open their own connections."""
    if "://" in target:
        url = target
    else:
        path = Path(target).resolve()
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    # several worker processes may save at once: SQLite waits for the lock instead of failing
    eng = create_engine(url, connect_args={"timeout": 60} if url.startswith("sqlite") else {})
    if create:
        meta.create_all(eng)
        _add_missing_columns(eng)
    return eng


def _add_missing_columns(eng: Engine) -> None:
    """A database written by an older llmextract gets the columns added since (NULL there)."""
    insp = inspect(eng)
    for t in meta.sorted_tables:
        have = {c["name"] for c in insp.get_columns(t.name)}
        for c in t.columns:
            if c.name not in have:
                with eng.begin() as con:
                    kind = c.type.compile(eng.dialect)
                    con.execute(text(f"ALTER TABLE {t.name} ADD COLUMN {c.name} {kind}"))


def document_id(result: Result) -> str:
    return hashlib.sha1(str(Path(result.source.path).resolve()).encode("utf-8")).hexdigest()


TENTH_MILLE = Decimal("0.0001")


def _coverage(result: Result) -> dict[str, object]:
    cov = result.coverage
    if cov is None:
        return {"status": result.status.value}
    return {
        "status": result.status.value,
        "amounts_printed": cov.printed,
        "amounts_read": cov.read,
        "coverage": (Decimal(cov.read) / cov.printed if cov.printed else Decimal(1)).quantize(TENTH_MILLE),
        "unread_pages": ",".join(map(str, cov.unread_pages)),
    }


def save(eng: Engine, result: Result, position: int | None = None) -> str:
    """Save one result, replacing the rows of an earlier run of the same document;
    ``position``: the input's place among the inputs of its run (1 the first)."""
    doc = document_id(result)
    with eng.begin() as con:
        for t in (documents, tables, cells, checks):
            con.execute(delete(t).where(t.c.document_id == doc))
        con.execute(insert(documents).values(**_document_row(doc, result), batch_position=position))
        for table, rows in (
            # the department's tables: a unit's block of a table printed unit by unit is in the JSON
            (tables, [_table_row(doc, t) for t in result.tables if not t.block]),
            (cells, _cell_rows(doc, result)),
            (checks, [_check_row(doc, c) for c in result.checks]),
        ):
            if rows:
                con.execute(insert(table), rows)
    return doc


def _document_row(doc: str, result: Result) -> dict[str, Any]:
    return dict(
        document_id=doc,
        path=result.source.path,
        name=Path(result.source.path).name,
        department=result.source.department,
        year=result.source.year,
        kind=result.source.kind,
        scope=result.source.scope,
        encoding=result.source.encoding,
        sha256=result.source.sha256,
        n_tables=len(result.tables),
        n_values=result.value_count,
        n_checks=sum(1 for c in result.checks if c.category != "rounding"),  # notes apart
        llmextract=result.llmextract,
        **_coverage(result),
    )


def _table_row(doc: str, t: model.Table) -> dict[str, Any]:
    return {
        "document_id": doc,
        "table_id": t.id,
        "title": t.title,
        "line": t.line,
        "layout": t.layout,
        "extracted_by": t.extracted_by,
    }


def _value_row(doc: str, table: str, row: str, col: str, value: Cell | Fact, unit: str) -> dict[str, Any]:
    pv = value.provenance
    return {
        "document_id": doc,
        "table_id": table,
        "row_key": row,
        "col": col,
        "value": value.value,
        "amount": to_decimal(value.value),
        "unit": unit,
        "amount_yuan": amount_yuan(value.value, unit),
        "line": pv.line,
        "column_no": pv.col,
        "char_start": pv.start,
        "char_end": pv.end,
        "printed": pv.text,
        "status": value.status,
        "page": pv.page,
        "box": ",".join(f"{x:g}" for x in pv.box) if pv.box else None,
    }


def _cell_rows(doc: str, result: Result) -> list[dict[str, Any]]:
    """Every value read (cells, derived values and prose facts), each in its unit and in 元."""
    out = [
        _value_row(doc, t.id, r.key, col, c, t.unit)
        for t in result.tables
        if not t.block
        for r in t.rows
        for col, c in r.values.items()
    ]
    return out + [
        _value_row(doc, "narrative", f.id, "value", f, fact_unit(result.spec, f)) for f in result.narrative
    ]


def _check_row(doc: str, c: Check) -> dict[str, Any]:
    return {
        "document_id": doc,
        "rule": c.rule,
        "table_id": c.table,
        "row_key": c.row,
        "col": c.col,
        "expected": c.expected,
        "found": c.found,
        "source": c.source,
        "message": c.message,
        "cells": json.dumps([x.model_dump() for x in c.cells], ensure_ascii=False),
        "suspects": json.dumps([x.model_dump() for x in c.suspects], ensure_ascii=False),
        "category": c.category,
        "line": c.line,
        "page": c.page,
    }


def read_cells(eng: Engine, doc: str, spec: Schemas) -> set[tuple[str, str, str, str]]:
    """The cells of one document (auxiliary narrative figures are stored too, but are not cells)."""
    with eng.connect() as con:
        rows = con.execute(
            select(cells.c.table_id, cells.c.row_key, cells.c.col, cells.c.value).where(
                cells.c.document_id == doc
            )
        ).all()
    return {(a, b, c, d) for a, b, c, d in rows if spec.is_cell(a, b, c)}
