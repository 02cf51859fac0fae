"""Chunks to a model with their schema, re-prompted until the arithmetic agrees.

- Positional grounding (:mod:`llmextract.grounding`): a value the model gives for (row,
  column) must be the number printed at that row and column of the chunk's grid — the embedded
  reading of the same chunk. A value printed elsewhere is refused and re-asked (instructor),
  saying where it stands; never kept. JSON numbers are accepted and replaced by the printed
  string they stand for.
- Arithmetic: the table's own identities (hierarchy, row identities, balances) are checked on
  the model's reading; violations go back to the model (``prompts/reprompt.md``), at most
  ``max_reprompts`` times.
- Attribution: when the model's grounded reading still fails and the embedded extractor
  reads the same numbers, the document is inconsistent (``source: document``). A model reading
  that fails otherwise is ``model-unreconciled``: its cells are ``status: doubt`` and its checks
  the extraction's.
- Replacement (``hybrid``): a model reading replaces the embedded one only when every value it
  changes is positionally grounded and the result then fails fewer checks.
- Failures degrade: a chunk whose request fails (truncated, timeout, HTTP error, an answer that
  never fits) keeps its embedded reading, with a warning naming the chunk and the cause.
- Cache: the final reading of a chunk is stored under base URL + model + schema + prompt
  version + chunk text (+ the violations it was asked about); a second run makes no request.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import cast

from pydantic import BaseModel

from ..checks import reconcile
from ..core.result import Cell, ExtractedBy, Fact, Result, Row, Table
from ..core.schemas import MONEY_UNITS, Schemas, TableSchema
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import Chunk
from ..reading import narrative
from ..reading.rowkeys import printed_value
from . import prompting
from .answers import (
    NarrativeAnswer,
    numbers_in,
    table_response_model,
)
from .client import ChunkError, ModelClient, ModelError, SchemaError
from .grounding import FactGrid, TableGrid
from .requestlog import cache_key

DEGRADED = "model path degraded"  # the warnings' prefix when a chunk fell back to the embedded reading


# -- response models ---------------------------------------------------------------------------


# -- prompts -----------------------------------------------------------------------------------


def _row_rule(t: TableSchema, schemas: Schemas) -> str:
    if t.layout == "two_sided":
        ids = ", ".join(k for k in t.rows if k not in t.unasked)
        return (
            f"income lines and expense lines are separate rows. Use these keys: {ids}; an expense "
            "line of a function class is `out.<class code>` (社会保障和就业支出 → out.208, 卫生健康支出 → "
            "out.210, 住房保障支出 → out.221, 国有资本经营预算支出 → out.223)."
        )
    if t.layout == "periods":
        return "one row per year printed: `current` (the budget year), `prior` (the previous year)."
    if t.layout == "labeled":
        return "rows: " + ", ".join(f"`{k}` ({'/'.join(p.pattern for p in v)})" for k, v in t.rows.items())
    if t.row_key == "project":
        return (
            "the project's code as printed (e.g. 50015224T000004337668), else its name without spaces; a "
            "group row without its own code takes the code of the rows under it; the 合计 row is `total`."
        )
    return (
        "the full classification code (208, 20801, 2080101; codes printed in split columns 208 | 01 | 09 "
        "are joined: 2080109); the 合计/总计 row is `total`."
    )


def table_messages(chunk_text: str, t: TableSchema, schemas: Schemas) -> list[dict[str, str]]:
    seen: dict[str, str] = {}
    for c in t.asked_columns:
        seen.setdefault(c.id, c.title)
    cols = "\n".join(f"- {cid}: {title}" for cid, title in seen.items())
    user = prompting.render(
        "table",
        table_id=t.id,
        table_title=t.title,
        columns=cols,
        row_rule=_row_rule(t, schemas),
        chunk=chunk_text,
    )
    return [{"role": "system", "content": prompting.render("system")}, {"role": "user", "content": user}]


def _askable(schemas: Schemas) -> list[str]:
    """The facts a model is asked for: each is a figure printed in the text (a sum the prose
    lists item by item, ``part``, is computed, never printed, so it could not be grounded; a
    restatement, ``again``, is told from the first statement by the embedded reading; a
    value said in words, ``in_words``, is no figure to ground; a fact read only to tell ties
    apart, ``evidence``, is not worth a model's tokens)."""
    return [f.id for f in schemas.facts if f.part is None and not (f.again or f.in_words or f.evidence)]


def table_answer_tokens(chunk: Chunk, t: TableSchema) -> int:
    """The answer's token budget for a table: enough for each printed line as a row of the
    schema's columns, so a runaway answer (every column filled, rows repeated) is cut off
    instead of running to the timeout."""
    lines = sum(1 for x in chunk.lines[1:] if x.s.strip())
    return 200 + lines * (24 + 10 * len(t.column_ids))


def narrative_messages(text: str, schemas: Schemas) -> list[dict[str, str]]:
    user = prompting.render("narrative", facts=prompting.fact_lines(_askable(schemas)), chunk=text)
    return [{"role": "system", "content": prompting.render("system")}, {"role": "user", "content": user}]


# -- model answer → result ------------------------------------------------------------------------


def column_titles(t: TableSchema) -> dict[str, str]:
    seen: dict[str, str] = {}
    for c in t.asked_columns:
        seen.setdefault(c.id, c.title)
    return seen


def table_grid(chunk: Chunk, t: TableSchema, src: Source, embedded: Table | None) -> TableGrid:
    return TableGrid(Text.join(chunk.lines, "\n"), src, embedded, column_titles(t))


def answer_to_table(
    answer: BaseModel, t: TableSchema, chunk: Chunk, grid: TableGrid, how: ExtractedBy
) -> Table:
    """The model's reading as a table, each value placed where the grid grounds it (its
    provenance, and the printed string for a JSON number). A value only grounded somewhere in
    the chunk (no embedded row to hold it to) is ``status: doubt``."""
    title = chunk.title.s.strip() if chunk.title is not None else t.title
    table = Table(
        id=t.id,
        title=re.sub(r"\s+", "", title),
        line=chunk.start + 1,
        layout="model",
        columns=[c for c in t.column_ids],
        extracted_by=how,
    )
    for r in answer.rows:  # type: ignore[attr-defined]
        d = r.model_dump()
        key = re.sub(r"\s+", "", str(d.pop("key")))
        label = d.pop("label", "") or ""
        row = table.row(key)
        if row is None:
            row = Row(key=key, label=label, line=min(grid.rows.get(key) or {0}))
            table.rows.append(row)
        for col, v in d.items():
            if v in (None, "") or printed_value(str(v)) in ("-", "—"):
                continue
            found = grid.locate(key, col, str(v))
            if isinstance(found, str):
                continue  # refused by the validator (or a cached answer the grid no longer holds)
            row.values[col] = Cell(
                value=found.value,
                provenance=found.provenance,
                status="ok" if found.positional else "doubt",
            )
            if not row.line:
                row.line = found.provenance.line
    table.rows = [r for r in table.rows if r.values]
    return table


def _values_of(table: Table) -> reconcile.Values:
    return reconcile.Values(Result.model_construct(tables=[table], narrative=[], checks=[], warnings=[]))


def table_violations(table: Table, schemas: Schemas) -> list[reconcile.Outcome]:
    """The table's own identities that fail (hierarchy, row identities, balances)."""
    v = _values_of(table)
    schema = schemas.table(table.id)
    idents = v.set_grains(
        (reconcile.hierarchy(v, table, schema) if schema.hierarchy else [])
        + reconcile.row_identities(table, schema)
        + reconcile.balances(v, table, schema)
    )
    return [o for o in (reconcile.evaluate(i, v.get) for i in idents) if o.status == "fail"]


def violation_lines(table: Table, outcomes: list[reconcile.Outcome]) -> str:
    """The violations as the re-prompt lists them, one per line."""
    v = _values_of(table)
    return "\n".join(f"- {reconcile.message(o, v)}" for o in outcomes)


def _same_reading(a: Table, b: Table | None, outcomes: list[reconcile.Outcome]) -> bool:
    if b is None:
        return False
    for o in outcomes:
        for _, row, col in [o.ident.left, *o.printed]:
            ra, rb = a.row(row), b.row(row)
            va = ra.values[col].value if ra and col in ra.values else None
            vb = rb.values[col].value if rb and col in rb.values else None
            if va != vb:
                return False
    return True


def _settle(table: Table, how: ExtractedBy) -> None:
    """An unreconciled reading leaves every value in doubt; a value only grounded somewhere in
    the chunk stays in doubt even when the arithmetic agrees (two columns exchanged still add
    up). A table with values in doubt is ``unsure``: its failed checks are the extraction's."""
    table.extracted_by = how
    for r in table.rows:
        for c in r.values.values():
            if how == "model-unreconciled":
                c.status = "doubt"
    table.unsure = any(c.status == "doubt" for r in table.rows for c in r.values.values())


@dataclass
class ChunkOutcome:
    table: Table | None
    requests: int
    note: str
    failure: str | None = None  # why the chunk fell back to the embedded reading


class ModelPath:
    def __init__(self, client: ModelClient, schemas: Schemas, src: Source, document: str) -> None:
        self.client = client
        self.schemas = schemas
        self.src = src
        self.document = document

    def _key(self, schema: type[BaseModel], messages: list[dict[str, str]]) -> str:
        s = self.client.settings
        return cache_key(
            s.model or "",
            json.dumps(schema.model_json_schema(), ensure_ascii=False, sort_keys=True),
            prompting.version(),
            json.dumps(messages, ensure_ascii=False),
            self.client.mode_name,
            s.base_url or "",
        )

    def read_table(
        self, chunk: Chunk, t: TableSchema, offline: Table | None, violations: list[str] | None = None
    ) -> ChunkOutcome:
        """The model's reading of one table chunk; a failed request falls back (``failure``)."""
        box = {"requests": 0}
        try:
            return self._read_table(chunk, t, offline, violations, box)
        except ChunkError as e:
            return ChunkOutcome(None, box["requests"], "fell back", failure=str(e))

    def _read_table(
        self,
        chunk: Chunk,
        t: TableSchema,
        offline: Table | None,
        violations: list[str] | None,
        box: dict[str, int],
    ) -> ChunkOutcome:
        chunk_text = "\n".join(x.s.rstrip() for x in chunk.lines)
        model = table_response_model(self.schemas, t.id)
        messages = table_messages(chunk_text, t, self.schemas)
        if violations:
            messages[-1]["content"] += "\n\n" + prompting.render(
                "reprompt", violations="\n".join(f"- {v}" for v in violations)
            )
        s = self.client.settings
        key = self._key(model, messages)
        chunk_id = f"{t.id}@{chunk.start + 1}"
        grid = table_grid(chunk, t, self.src, offline)
        if s.cache and (hit := self.client.store.get(key, self.document, chunk_id)) is not None:
            answer = model.model_validate(hit["answer"])
            cached_how = cast(ExtractedBy, hit["how"])
            table = answer_to_table(answer, t, chunk, grid, cached_how)
            _settle(table, cached_how)
            return ChunkOutcome(table, 0, "cache")
        ctx = {"grid": grid}
        limit = table_answer_tokens(chunk, t)
        answer, raw = self.client.structured(
            messages, model, context=ctx, document=self.document, chunk=chunk_id, max_tokens=limit
        )
        box["requests"] += 1
        table = answer_to_table(answer, t, chunk, grid, "model")
        how: ExtractedBy = "model"
        note = "read by the model"
        for _ in range(s.max_reprompts):
            bad = table_violations(table, self.schemas)
            if not bad:
                break
            if _same_reading(table, offline, bad):
                how, note = "model-document", "the model reads the same numbers: the document is inconsistent"
                break
            msgs = [
                *messages,
                {"role": "assistant", "content": raw},
                {
                    "role": "user",
                    "content": prompting.render("reprompt", violations=violation_lines(table, bad)),
                },
            ]
            answer, raw = self.client.structured(
                msgs,
                model,
                context=ctx,
                document=self.document,
                chunk=chunk_id,
                kind="arithmetic_reprompt",
                max_tokens=limit,
            )
            box["requests"] += 1
            table = answer_to_table(answer, t, chunk, grid, "model")
        else:
            still = table_violations(table, self.schemas)
            if still:
                if _same_reading(table, offline, still):
                    how, note = (
                        "model-document",
                        "the model reads the same numbers: the document is inconsistent",
                    )
                else:
                    how, note = "model-unreconciled", "the model's reading still fails the arithmetic"
        _settle(table, how)
        if s.cache:
            self.client.store.put(
                key,
                {"answer": answer.model_dump(), "how": how},
                model=s.model or "",
                prompt_version=prompting.version(),
                table_id=t.id,
            )
        return ChunkOutcome(table, box["requests"], note)

    def read_narrative(self, text: Text, embedded: list[Fact]) -> tuple[list[Fact], int]:
        s = self.client.settings
        messages = narrative_messages(text.s, self.schemas)
        key = self._key(NarrativeAnswer, messages)
        grid = FactGrid(text, self.src, embedded, prompting.fact_meanings())
        if s.cache and (hit := self.client.store.get(key, self.document, "narrative")) is not None:
            answer: BaseModel = NarrativeAnswer.model_validate(hit)
            requests = 0
        else:
            ctx = {"grid": grid, "fact_ids": set(_askable(self.schemas))}
            answer, _ = self.client.structured(
                messages, NarrativeAnswer, context=ctx, document=self.document, chunk="narrative"
            )
            requests = 1
            if s.cache:
                self.client.store.put(
                    key,
                    answer.model_dump(),
                    model=s.model or "",
                    prompt_version=prompting.version(),
                    table_id="narrative",
                )
        facts = []
        for item in answer.facts:  # type: ignore[attr-defined]
            found = grid.locate(item.id, item.value)
            if isinstance(found, str):
                continue
            unit = _unit_printed_after(self.src.raw, found.provenance.end)
            facts.append(Fact(id=item.id, value=found.value, provenance=found.provenance, unit=unit))
        return facts, requests


def _unit_printed_after(raw: str, end: int) -> str:
    """The money unit the source prints right after a figure (spaces aside): 万元, 元…; ""."""
    after = re.sub(r"\s", "", raw[end : end + 12])
    return next((u for u in MONEY_UNITS if after.startswith(u)), "")


def _sections_with(chunks: list[Chunk], offsets: set[int]) -> Text:
    """The prose sections (narrative chunks) that hold the given source offsets."""
    keep = [
        ch
        for ch in chunks
        if ch.kind == "narrative"
        and any(ln.offs and ln.offs[0] <= o <= ln.offs[-1] for ln in ch.lines for o in offsets)
    ]
    return narrative.flow(keep)


def _changed_cells_grounded(new: Table, old: Table) -> bool:
    """Every value the model reading changes or adds is positionally grounded (or the
    embedded extractor read nothing of the table: there is no grid, its values stay in doubt)."""
    if not old.rows:
        return True
    for r in new.rows:
        o = old.row(r.key)
        for col, c in r.values.items():
            before = o.values.get(col) if o is not None else None
            if (before is None or before.value != c.value) and c.status != "ok":
                return False
    return True


def _explains_more(result: Result, schemas: Schemas, old: Table, new: Table) -> bool:
    """The result fails fewer checks with ``new`` in place of ``old`` (or as many, and reads
    more values: a table the embedded extractor could not read)."""
    before = len(reconcile.check(result, schemas))
    i = result.tables.index(old)
    result.tables[i] = new
    try:
        after = len(reconcile.check(result, schemas))
    finally:
        result.tables[i] = old
    n_new = sum(len(r.values) for r in new.rows)
    n_old = sum(len(r.values) for r in old.rows)
    return after < before or (after == before and n_new > n_old)


def _facts_explain_more(result: Result, schemas: Schemas, facts: list[Fact]) -> bool:
    before = len(reconcile.check(result, schemas))
    old = result.narrative
    result.narrative = facts
    try:
        after = len(reconcile.check(result, schemas))
    finally:
        result.narrative = old
    return after < before


def run_model(
    result: Result,
    chunks: list[Chunk],
    schemas: Schemas,
    src: Source,
    client: ModelClient,
    strategy: str,
    offline_tables: dict[int, Table],
    narrative_text: Text,
    jobs: int,
) -> list[str]:
    """Apply the model to the chunks the strategy selects; update ``result`` in place.
    Returns notes for the result's warnings; a chunk that fell back to the embedded reading
    is counted in ``result.model.degraded``."""
    mp = ModelPath(client, schemas, src, document=src.path)
    notes: list[str] = []
    todo = _tables_to_ask(result, chunks, schemas, strategy, offline_tables)

    def work(item: tuple[int, Chunk, TableSchema, list[str]]) -> tuple[int, ChunkOutcome]:
        i, ch, t, viol = item
        return i, mp.read_table(ch, t, offline_tables.get(i), viol or None)

    # the client's semaphore bounds the requests in flight for the whole run; these threads
    # only wait on it
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        outcomes = list(ex.map(work, todo))
    by_id = {t.id: t for t in result.tables if not t.block}  # not a unit's block: the department's
    chunk_of = {i: ch for i, ch, _, _ in todo}
    degraded = sum(
        _take_table(result, schemas, strategy, by_id, chunk_of[i], out, notes) for i, out in outcomes
    )
    degraded += _ask_prose(result, chunks, schemas, strategy, mp, narrative_text, notes)
    if result.model is not None:
        result.model.degraded += degraded
    return notes


def _tables_to_ask(
    result: Result, chunks: list[Chunk], schemas: Schemas, strategy: str, offline_tables: dict[int, Table]
) -> list[tuple[int, Chunk, TableSchema, list[str]]]:
    """The table chunks the strategy sends: every one (``llm``), or those the embedded reader
    could not read or reconcile, with their violations (``hybrid``)."""
    todo: list[tuple[int, Chunk, TableSchema, list[str]]] = []
    if strategy == "llm":
        for i, ch in enumerate(chunks):
            if ch.kind == "table" and ch.table_id and schemas.table(ch.table_id).layout != "none":
                todo.append((i, ch, schemas.table(ch.table_id), []))
        return todo
    failing: dict[str, list[str]] = {}
    unit_refs = {(t.id, u.ref) for t in result.tables for u in t.units}
    for c in result.checks:
        # the model reads no unit rows: a unit's own figure is not a question it can answer
        if c.table != "narrative" and (c.table, c.row) not in unit_refs and not c.block:
            failing.setdefault(c.table, []).append(c.plain or c.message)
    for i, ch in enumerate(chunks):
        if ch.kind != "table" or not ch.table_id or schemas.table(ch.table_id).layout == "none":
            continue
        off = offline_tables.get(i)
        unread = off is not None and not off.rows and len(numbers_in("\n".join(x.s for x in ch.lines))) > 3
        if ch.table_id in failing or unread:
            todo.append((i, ch, schemas.table(ch.table_id), failing.get(ch.table_id, [])))
    return todo


def _take_table(
    result: Result,
    schemas: Schemas,
    strategy: str,
    by_id: dict[str, Table],
    ch: Chunk,
    out: ChunkOutcome,
    notes: list[str],
) -> int:
    """The model's reading of one table put in the result where it explains more (``hybrid``)
    or always (``llm``); 1 when the chunk fell back to the embedded reading, else 0."""
    where = f"{ch.table_id} (line {ch.start + 1})"
    if out.failure is not None:
        notes.append(f"{DEGRADED}: {where}: {out.failure}; kept the embedded reading")
        return 1
    new = out.table
    if new is None:
        return 0
    old = by_id.get(new.id)
    if old is not None:
        new.units = old.units  # printed unit rows stay, as read, so the checks still add them up
        new.money_unit = old.money_unit
    if strategy == "hybrid" and old is not None:
        if new.extracted_by != "model":
            # the model confirms the printed numbers (document at fault) or could not
            # reconcile: keep the embedded reading, say what the model found
            if new.extracted_by == "model-document":
                old.extracted_by = "layout+model-confirmed"
            else:
                old.doubts.append("模型对本表的读法不同，也无法使其各项核对成立")
            return 0
        if not _changed_cells_grounded(new, old) or not _explains_more(result, schemas, old, new):
            notes.append(f"the model's reading of {where} explains no more than the embedded one: kept that")
            return 0
    if new.extracted_by == "model-unreconciled":
        notes.append(
            f"the model's reading of {where} does not add up and the embedded reading differs: "
            "its cells are marked doubt and the checks on them are the extraction's"
        )
    if old is not None:
        result.tables[result.tables.index(old)] = new
    else:
        result.tables.append(new)
    by_id[new.id] = new
    return 0


def _ask_prose(
    result: Result,
    chunks: list[Chunk],
    schemas: Schemas,
    strategy: str,
    mp: ModelPath,
    narrative_text: Text,
    notes: list[str],
) -> int:
    """The prose to the model (``llm``), or the sections stating the facts that fail (``hybrid``),
    its facts kept where they explain more; 1 when it fell back, else 0."""
    narrative_failing = {c.row for c in result.checks if c.table == "narrative"}
    if strategy == "hybrid" and narrative_failing:
        # only the sections that state the facts in question
        offs = {f.provenance.start for f in result.narrative if f.id in narrative_failing}
        narrative_text = _sections_with(chunks, offs)
    prose = "万元" in narrative_text.s  # budget prose states its amounts in 万元; labels alone are not prose
    if not (prose and (strategy == "llm" or narrative_failing)):
        return 0
    try:
        facts, _ = mp.read_narrative(narrative_text, result.narrative)
    except ChunkError as e:
        notes.append(f"{DEGRADED}: the prose (narrative facts): {e}; kept the embedded reading")
        return 1
    if facts is not None and strategy == "llm":
        result.narrative = facts
    elif facts is not None:
        model_vals = {f.id: f for f in facts}
        merged = [
            model_vals[f.id]
            if f.id in narrative_failing and f.id in model_vals and model_vals[f.id].value != f.value
            else f
            for f in result.narrative
        ]
        if merged != result.narrative and _facts_explain_more(result, schemas, merged):
            result.narrative = merged
    return 0


__all__ = ["DEGRADED", "ModelError", "ModelPath", "SchemaError", "numbers_in", "run_model"]
