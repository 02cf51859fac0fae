"""Chunks to a model with their schema, re-prompted until the arithmetic agrees.

- Grounding: every value the model returns must be a number printed in the chunk (after
  normalisation). A value that is not there fails validation and is re-asked (instructor),
  never kept. Each kept value gets the character offsets of the printed number it matches.
- Arithmetic: the table's own identities (hierarchy, row identities, balances) are checked on
  the model's reading; violations go back to the model (``prompts/reprompt.md``), at most
  ``max_reprompts`` times.
- Attribution: when the model's grounded reading still fails and the embedded extractor
  reads the same numbers, the document is inconsistent: no further re-prompts, and the checks
  say ``source: document``.
- Cache: the final reading of a chunk is stored under model + schema + prompt version +
  chunk text (+ the violations it was asked about); a second run makes no request.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, Field, ValidationInfo, create_model, field_validator, model_validator

from . import narrative, prompting, reconcile
from .chunking import Chunk
from .llm import ModelClient, ModelError, SchemaError
from .normalize import Source
from .result import Cell, Fact, Provenance, Result, Row, Table
from .schemas import Schemas, TableSchema, table_model
from .store import cache_key
from .tables import printed_value
from .text import Text

_NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?|#{2,}")


def numbers_in(text: str) -> set[str]:
    return {printed_value(m.group(0)) for m in _NUM.finditer(text)}


def _grounding_errors(values: list[str], numbers: set[str]) -> list[str]:
    bad = []
    for v in values:
        n = printed_value(v)
        if n in numbers or n.lstrip("-") in numbers or n in ("-", "—"):
            continue
        bad.append(v)
    return bad


# -- response models ---------------------------------------------------------------------------


@cache
def table_response_model(table_id: str) -> type[BaseModel]:
    """The table's schema model plus a grounding check against the chunk's printed numbers."""
    base = table_model(table_id)

    def grounded(self: BaseModel, info: ValidationInfo) -> BaseModel:
        numbers = (info.context or {}).get("numbers")
        if numbers is None:
            return self
        values = [
            v
            for r in getattr(self, "rows", [])
            for k, v in r.model_dump().items()
            if k not in ("key", "label") and v not in (None, "")
        ]
        bad = _grounding_errors(values, numbers)
        if bad:
            raise ValueError(
                "these values are not printed in the table text: "
                + ", ".join(sorted(set(bad))[:12])
                + ". Copy every number exactly as printed; leave blank cells empty."
            )
        return self

    return create_model(
        base.__name__,
        __base__=base,
        __validators__={"grounded": model_validator(mode="after")(grounded)},
    )


class NarrativeItem(BaseModel):
    id: str = Field(description="the fact id, e.g. income_total, expense.208, three_public_total")
    value: str = Field(description="the number as stated; negative for 减少/下降")

    @field_validator("id")
    @classmethod
    def known_id(cls, v: str, info: ValidationInfo) -> str:
        ids = (info.context or {}).get("fact_ids")
        if ids is not None and v not in ids and not re.fullmatch(r"expense\.\d{3}", v):
            raise ValueError(f"unknown fact id {v!r}")
        return v


class NarrativeAnswer(BaseModel):
    """Budget facts stated in the prose (情况说明)."""

    facts: list[NarrativeItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> NarrativeAnswer:
        numbers = (info.context or {}).get("numbers")
        if numbers is not None:
            bad = _grounding_errors([f.value for f in self.facts], numbers)
            if bad:
                raise ValueError("these values are not stated in the text: " + ", ".join(bad[:12]))
        return self


# -- prompts -----------------------------------------------------------------------------------


def _row_rule(t: TableSchema, schemas: Schemas) -> str:
    if t.layout == "two_sided":
        ids = ", ".join(t.rows)
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
    for c in (*t.income_columns, *t.columns):
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


def narrative_messages(text: str, schemas: Schemas) -> list[dict[str, str]]:
    facts = "\n".join(f"- {f.id}" for f in schemas.facts)
    user = prompting.render("narrative", facts=facts, chunk=text)
    return [{"role": "system", "content": prompting.render("system")}, {"role": "user", "content": user}]


# -- model answer → result ------------------------------------------------------------------------


def _tokens(text: Text) -> list[tuple[str, int, Text]]:
    return [(printed_value(m.group(0)), m.start(), tt) for m, tt in text.finditer(_NUM)]


def _anchor(text: str, key: str, label: str) -> int:
    cands = ["合计", "总计"] if key == "total" else [key, label, key[:3]]
    for c in cands:
        if c and (i := text.find(c)) >= 0:
            return i
    return 0


def answer_to_table(answer: BaseModel, t: TableSchema, chunk: Chunk, src: Source, how: str) -> Table:
    text = Text.join(chunk.lines, "\n")
    toks = _tokens(text)
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
        key = re.sub(r"\s+", "", d.pop("key"))
        label = d.pop("label", "") or ""
        at = _anchor(text.s, key, label)
        row = table.row(key) or Row(
            key=key, label=label, line=src.line_col(text.offs[at] if text.offs else 0)[0]
        )
        for col, v in d.items():
            if v in (None, ""):
                continue
            n = printed_value(str(v))
            hits = [tt for tok, pos, tt in toks if tok == n.lstrip("-") or tok == n]
            after = [tt for tok, pos, tt in toks if (tok == n or tok == n.lstrip("-")) and pos >= at]
            chosen = (after or hits or [None])[0]
            if chosen is None:
                continue  # grounding already refused values that are not printed
            row.values[col] = Cell(value=n, provenance=Provenance.of(chosen, src))
        if table.row(key) is None:
            table.rows.append(row)
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
            va = ra.values.get(col).value if ra and col in ra.values else None
            vb = rb.values.get(col).value if rb and col in rb.values else None
            if va != vb:
                return False
    return True


@dataclass
class ChunkOutcome:
    table: Table | None
    requests: int
    note: str


class ModelPath:
    def __init__(self, client: ModelClient, schemas: Schemas, src: Source, document: str) -> None:
        self.client = client
        self.schemas = schemas
        self.src = src
        self.document = document

    def read_table(
        self, chunk: Chunk, t: TableSchema, offline: Table | None, violations: list[str] | None = None
    ) -> ChunkOutcome:
        chunk_text = "\n".join(x.s.rstrip() for x in chunk.lines)
        model = table_response_model(t.id)
        messages = table_messages(chunk_text, t, self.schemas)
        if violations:
            messages[-1]["content"] += "\n\n" + prompting.render(
                "reprompt", violations="\n".join(f"- {v}" for v in violations)
            )
        s = self.client.settings
        key = cache_key(
            s.model or "",
            json.dumps(model.model_json_schema(), ensure_ascii=False, sort_keys=True),
            prompting.version(),
            json.dumps(messages, ensure_ascii=False),
            self.client.mode_name,
        )
        chunk_id = f"{t.id}@{chunk.start + 1}"
        if s.cache and (hit := self.client.store.get(key, self.document, chunk_id)) is not None:
            answer = model.model_validate(hit["answer"])
            return ChunkOutcome(answer_to_table(answer, t, chunk, self.src, hit["how"]), 0, "cache")
        ctx = {"numbers": numbers_in(chunk_text)}
        answer, raw = self.client.structured(
            messages, model, context=ctx, document=self.document, chunk=chunk_id
        )
        requests = 1
        table = answer_to_table(answer, t, chunk, self.src, "model")
        how, note = "model", "read by the model"
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
                msgs, model, context=ctx, document=self.document, chunk=chunk_id, kind="arithmetic_reprompt"
            )
            requests += 1
            table = answer_to_table(answer, t, chunk, self.src, "model")
        else:
            if table_violations(table, self.schemas):
                if _same_reading(table, offline, table_violations(table, self.schemas)):
                    how, note = (
                        "model-document",
                        "the model reads the same numbers: the document is inconsistent",
                    )
                else:
                    how, note = "model-unreconciled", "the model's reading still fails the arithmetic"
        table.extracted_by = how
        if s.cache:
            self.client.store.put(
                key,
                {"answer": answer.model_dump(), "how": how},
                model=s.model or "",
                prompt_version=prompting.version(),
                table_id=t.id,
            )
        return ChunkOutcome(table, requests, note)

    def read_narrative(self, text: Text) -> tuple[list[Fact], int]:
        s = self.client.settings
        messages = narrative_messages(text.s, self.schemas)
        key = cache_key(
            s.model or "",
            json.dumps(NarrativeAnswer.model_json_schema(), sort_keys=True),
            prompting.version(),
            json.dumps(messages, ensure_ascii=False),
            self.client.mode_name,
        )
        if s.cache and (hit := self.client.store.get(key, self.document, "narrative")) is not None:
            answer = NarrativeAnswer.model_validate(hit)
            requests = 0
        else:
            ctx = {"numbers": numbers_in(text.s), "fact_ids": {f.id for f in self.schemas.facts}}
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
        toks = _tokens(text)
        facts = []
        for item in answer.facts:  # type: ignore[attr-defined]
            n = printed_value(item.value)
            tt = next((x for tok, _, x in toks if tok == n.lstrip("-")), None)
            if tt is None:
                continue
            facts.append(
                Fact(
                    id=item.id,
                    value=n,
                    provenance=Provenance.of(tt, self.src),
                )
            )
        return facts, requests


def _sections_with(chunks: list[Chunk], offsets: set[int]) -> Text:
    """The prose sections (narrative chunks) that hold the given source offsets."""
    keep = [
        ch
        for ch in chunks
        if ch.kind == "narrative"
        and any(ln.offs and ln.offs[0] <= o <= ln.offs[-1] for ln in ch.lines for o in offsets)
    ]
    return narrative.flow(keep)


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
    Returns notes for the result's warnings."""
    mp = ModelPath(client, schemas, src, document=src.path)
    notes: list[str] = []
    todo: list[tuple[int, Chunk, TableSchema, list[str]]] = []
    if strategy == "llm":
        for i, ch in enumerate(chunks):
            if ch.kind == "table" and ch.table_id and schemas.table(ch.table_id).layout != "none":
                todo.append((i, ch, schemas.table(ch.table_id), []))
    else:  # hybrid: only chunks the embedded extractor could not read or reconcile
        failing: dict[str, list[str]] = {}
        unit_refs = {(t.id, u.ref) for t in result.tables for u in t.units}
        for c in result.checks:
            # the model reads no unit rows: a unit's own figure is not a question it can answer
            if c.table != "narrative" and (c.table, c.row) not in unit_refs:
                failing.setdefault(c.table, []).append(c.message)
        for i, ch in enumerate(chunks):
            if ch.kind != "table" or not ch.table_id or schemas.table(ch.table_id).layout == "none":
                continue
            off = offline_tables.get(i)
            unread = (
                off is not None and not off.rows and len(numbers_in("\n".join(x.s for x in ch.lines))) > 3
            )
            if ch.table_id in failing or unread:
                todo.append((i, ch, schemas.table(ch.table_id), failing.get(ch.table_id, [])))

    def work(item: tuple[int, Chunk, TableSchema, list[str]]) -> tuple[int, ChunkOutcome | str]:
        i, ch, t, viol = item
        try:
            return i, mp.read_table(ch, t, offline_tables.get(i), viol or None)
        except SchemaError as e:
            return i, f"{t.id} (line {ch.start + 1}): {e}"

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        outcomes = list(ex.map(work, todo))
    by_id = {t.id: t for t in result.tables}
    for _, out in outcomes:
        if isinstance(out, str):
            notes.append(f"model answer rejected, kept the embedded reading: {out}")
            continue
        new = out.table
        if new is None:
            continue
        old = by_id.get(new.id)
        if strategy == "hybrid" and old is not None and new.extracted_by != "model":
            # the model confirms the printed numbers (document at fault) or could not reconcile:
            # keep the embedded reading, say what the model found
            old.extracted_by = (
                "layout+model-confirmed" if new.extracted_by == "model-document" else old.extracted_by
            )
            if new.extracted_by == "model-unreconciled":
                old.doubts.append("the model read this table differently and could not reconcile it either")
            continue
        if old is not None:
            new.units = old.units  # printed unit rows stay, as read, so the checks still add them up
            new.money_unit = old.money_unit
            result.tables[result.tables.index(old)] = new
        else:
            result.tables.append(new)
    narrative_failing = {c.row for c in result.checks if c.table == "narrative"}
    if strategy == "hybrid" and narrative_failing:
        # only the sections that state the facts in question
        offs = {f.provenance.start for f in result.narrative if f.id in narrative_failing}
        narrative_text = _sections_with(chunks, offs)
    prose = "万元" in narrative_text.s  # budget prose states its amounts in 万元; labels alone are not prose
    if prose and (strategy == "llm" or narrative_failing):
        try:
            facts, _ = mp.read_narrative(narrative_text)
        except SchemaError as e:
            notes.append(f"model answer for the prose rejected, kept the embedded reading: {e}")
            return notes
        if strategy == "llm":
            result.narrative = facts
        else:
            model_vals = {f.id: f for f in facts}
            for k, f in enumerate(result.narrative):
                m = model_vals.get(f.id)
                if f.id in narrative_failing and m is not None and m.value != f.value:
                    result.narrative[k] = m
    return notes


__all__ = ["ModelError", "ModelPath", "numbers_in", "run_model"]
