"""The structure request: the model reads a region's structure, the geometry reads its numbers.

For a table region the embedded reader cannot place with certainty — a title no schema names,
a kind read from the header words alone, amounts it left unread, columns it could not place —
the model is asked only for the mapping (:mod:`llmextract.structure_answer`): which schema
table, which column each header word is, where the row keys stand, the unit. The answer becomes
a *schema overlay* for that region: the table's schema with the header words as extra column
names (words mapped to no column are ignored) and the title as an alias, handed to the existing
reader (:func:`llmextract.tables.extract`), which reads the numbers where they stand. A model
answer never supplies a number.

The table's own identities then confirm the reading: its cells keep the reader's status when
they hold, and are ``doubt`` otherwise. A re-reading replaces the embedded one only when it
changes no cell the embedded reader was sure of and reads more.

Mappings are cached by template (the region's normalised title and header words), so a batch of
one city's documents asks once per table template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..checks import reconcile
from ..core.labels import Labels
from ..core.result import ModelRun, Result, Table
from ..core.schemas import Column, Schemas, TableSchema
from ..core.source import Source
from ..document.chunking import UNKNOWN, Chunk, compact, content_scores
from ..reading import layout as lay
from ..reading import rowkeys, tables
from . import prompting
from .client import ChunkError, ModelClient, SchemaError
from .requestlog import cache_key
from .structure_answer import StructureAnswer

# an amount as the tables print it: with decimals, or with thousands separators (元 tables)
MONEY = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)")
_CODE = re.compile(r"^\[?\d{3}(?:\d{2}){0,2}\]?")
_SPLIT = re.compile(r"\t+|\s{2,}")
_LABELLED = re.compile(r"[:：]")  # 单位名称：…, 单位：万元 — a line that says something, not a header
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|表\d+|附表\d+)"
)
MAX_HEADER_LINES = 8
MAX_ROWS = 6
MAX_CANDIDATES = 6
UNREAD_AT_LEAST = 4  # a region leaves this many amounts unread (and a quarter of them) to be asked about


@dataclass
class Region:
    """A table region the embedded reader could not place with certainty."""

    index: int  # the chunk's index
    chunk: Chunk
    title: str
    header: list[list[str]]  # header rows, words side by side
    rows: list[str]  # a few row labels and codes, amounts left out
    candidates: list[str]
    offline: Table | None
    why: str
    paths: list[str] = field(default_factory=list)  # each column's header words, top to bottom

    @property
    def header_text(self) -> str:
        return "".join(compact(w) for r in self.header for w in r)

    def header_lines(self) -> str:
        """The header as the prompt shows it: one line per column (positional reading), else
        one line per printed header row."""
        if any(self.paths):
            cols = "\n".join(f"{k}. {p.replace('/', ' / ') or '·'}" for k, p in enumerate(self.paths, 1))
            return "Its columns, left to right, each with its header words from top to bottom:\n" + cols
        rows = "\n".join(" | ".join(r) for r in self.header)
        return "Its header rows (one line per printed row; ` | ` separates words side by side):\n" + rows

    def signature(self) -> str:
        """The template: the normalised title and header words (digits stand for any digit)."""
        title = _ENUMERATOR.sub("", compact(self.title))
        words = (
            "|".join(self.paths) if any(self.paths) else "|".join(compact(w) for r in self.header for w in r)
        )
        return re.sub(r"\d+", "#", f"{title}§{words}§{','.join(self.candidates)}")


@dataclass
class StructureStats:
    asked: int = 0  # regions a mapping was needed for
    from_model: int = 0
    from_cache: int = 0
    applied: int = 0  # re-readings kept
    confirmed: int = 0  # of those, the table's identities hold
    refused_sure: int = 0  # cells the embedded reader was sure of that a refused re-reading would change
    degraded: int = 0  # requests that got no usable answer
    notes: list[str] = field(default_factory=list)

    def record(self, run: ModelRun) -> None:
        """Count these requests in the result's ``model``."""
        run.degraded += self.degraded
        if self.asked:
            run.structure_asked = self.asked
            run.structure_from_model = self.from_model
            run.structure_from_cache = self.from_cache
            run.structure_applied = self.applied
            run.structure_refused_sure = self.refused_sure


# -- which regions --------------------------------------------------------------------------------


def _amounts(ch: Chunk) -> list[int]:
    """Source offsets of the amounts printed in the region (its title aside)."""
    out = []
    for ln in ch.lines[1:]:
        for m in MONEY.finditer(ln.s):
            if ln.offs and m.start() < len(ln.offs):
                out.append(ln.offs[m.start()])
    return out


def _read_at(table: Table) -> set[int]:
    return {c.provenance.start for r in (*table.rows, *table.units) for c in r.values.values()}


def _why(ch: Chunk, off: Table | None, schemas: Schemas) -> str | None:
    amounts = _amounts(ch)
    if ch.table_id == "out_of_scope":
        return "its title names no known table" if UNKNOWN in ch.candidates and len(amounts) >= 4 else None
    if not ch.table_id or schemas.table(ch.table_id).layout == "none" or off is None:
        return None
    if ch.unsure:
        return "its kind was read from its header words alone"
    read = _read_at(off)
    unread = [a for a in amounts if a not in read]
    if len(unread) >= max(UNREAD_AT_LEAST, len(amounts) // 4):
        return f"{len(unread)} of its {len(amounts)} amounts were left unread"
    if off.unsure and amounts:
        return "its columns were not placed where they stand"
    return None


def _column_paths(ch: Chunk, src: Source) -> list[str]:
    """Each column's header words, top to bottom (``本年收入/小计``), as the layout reader
    composes them when it reads the region by position; else []."""
    breaks = {b - 1 for b in ch.breaks}
    try:
        reading = lay.read(
            ch.lines[1:], src.geometry, measured=src.boxes is not None, breaks=breaks, ruling=src.ruling
        )
    except Exception:  # noqa: BLE001 - a layout the reader cannot place: the text's words instead
        return []
    if not reading.paths:
        return []
    # a labelled line read into the header (单位名称：…) names no column, and would key the
    # template by the department
    return ["/".join(w for w in map(compact, p or ()) if not _LABELLED.search(w)) for p in reading.paths]


def _header_and_rows(ch: Chunk) -> tuple[list[list[str]], list[str]]:
    header: list[list[str]] = []
    rows: list[str] = []
    in_header = True
    for ln in ch.lines[1:]:
        s = ln.s.strip()
        if not s or rowkeys.JUNK.match(compact(s)):
            continue
        words = [w.strip() for w in _SPLIT.split(s) if w.strip()]
        has_amount = bool(MONEY.search(s)) or bool(_CODE.match(words[0]))
        if in_header and not has_amount:
            if not _LABELLED.search(s) and len(header) < MAX_HEADER_LINES:
                header.append(words)
            continue
        in_header = False
        label = " | ".join(w for w in words if not MONEY.fullmatch(w.replace(" ", "")))
        label = MONEY.sub("", label).strip(" |")
        if label and label not in rows:
            rows.append(label)
        if len(rows) >= MAX_ROWS:
            break
    return header, rows


def _candidates(ch: Chunk, schemas: Schemas) -> list[str]:
    named = [c for c in ch.candidates if c in schemas.tables and schemas.table(c).layout != "none"]
    if ch.table_id and ch.table_id not in named and schemas.table(ch.table_id).layout != "none":
        named.insert(0, ch.table_id)
    scores = content_scores(ch, schemas)
    best = max(scores.values(), default=0)
    # the tables the header words and row codes say best (all of them when the title names none)
    by_content = sorted((t for t, v in scores.items() if v > 0 and v >= best - 1), key=lambda t: -scores[t])
    out = list(dict.fromkeys([*named, *by_content]))
    return (
        out[:MAX_CANDIDATES] or [t.id for t in schemas.tables.values() if t.layout != "none"][:MAX_CANDIDATES]
    )


def regions(
    chunks: list[Chunk], schemas: Schemas, offline_tables: dict[int, Table], src: Source
) -> list[Region]:
    out = []
    for i, ch in enumerate(chunks):
        if ch.kind != "table" or not ch.table_id:
            continue
        why = _why(ch, offline_tables.get(i), schemas)
        if why is None:
            continue
        header, rows = _header_and_rows(ch)
        paths = _column_paths(ch, src)
        if not header and not any(paths):
            continue  # no header words: nothing a mapping could name
        title = ch.title.s.strip() if ch.title is not None else ""
        cands = _candidates(ch, schemas)
        out.append(Region(i, ch, title, header, rows, cands, offline_tables.get(i), why, paths))
    return out


# -- the request ------------------------------------------------------------------------------------


def _candidate_lines(ids: list[str], schemas: Schemas) -> str:
    out = []
    for tid in ids:
        t = schemas.table(tid)
        cols: dict[str, str] = {}
        every = t.asked_columns
        for c in every:
            # two columns a header word could name alike (合计 this year's and last year's)
            twin = any(o.id != c.id and set(o.title.split("/")) & set(c.title.split("/")) for o in every)
            year = {"prior": "last year's", "current": "this year's"}.get(c.period or "", "")
            cols.setdefault(c.id, f"{c.title} ({year})" if twin and year else c.title)
        out.append(f"- {tid}: {t.title}\n  " + "; ".join(f"{cid} = {title}" for cid, title in cols.items()))
    return "\n".join(out)


def _example(region: Region) -> str:
    """The answer's shape (ids in angle brackets: no table's real mapping to copy)."""
    col = (
        '{"number": 2, "column": "<column id>"}'
        if any(region.paths)
        else '{"header": "<word>", "column": "<column id>"}'
    )
    return f'{{"table": "<table id>", "columns": [{col}, ...], "row_keys": "code", "unit": "万元"}}'


def messages(region: Region, schemas: Schemas) -> list[dict[str, str]]:
    user = prompting.render(
        "structure",
        title=region.title,
        header=region.header_lines(),
        rows="\n".join(region.rows) or "(none)",
        candidates=_candidate_lines(region.candidates, schemas),
        how_columns=(
            "`number`, the column's number in the list above"
            if any(region.paths)
            else "`header`, its header word exactly as printed above"
        ),
        example=_example(region),
    )
    return [{"role": "system", "content": prompting.render("system")}, {"role": "user", "content": user}]


def context(region: Region, schemas: Schemas) -> dict[str, Any]:
    cands = {
        tid: list(
            dict.fromkeys(c.id for c in (*schemas.table(tid).income_columns, *schemas.table(tid).columns))
        )
        for tid in region.candidates
    }
    return {
        "candidates": cands,
        "aliases": {tid: _aliases(schemas.table(tid)) for tid in region.candidates},
        "header": region.header_text,
        "paths": list(region.paths),
    }


def _aliases(t: TableSchema) -> dict[str, str]:
    """Each word the prompt gives for a column → that column's id; a word two columns share
    goes to this year's (合计: total, not prior_total), or to neither when both are this year's."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    cols = sorted(t.asked_columns, key=lambda c: c.period == "prior")
    for c in cols:
        for w in {*c.title.split("/"), *c.names}:
            w = compact(w)
            if not w or out.get(w) == c.id:
                continue
            if w in out:
                if c.period != "prior":
                    shared.add(w)
                continue
            out[w] = c.id
    return {w: cid for w, cid in out.items() if w not in shared}


def answer_tokens(region: Region) -> int:
    """The answer's token budget: a few per header word (a mapping is short; a runaway is cut)."""
    n = sum(1 for p in region.paths if p) or sum(len(r) for r in region.header)
    return 200 + 48 * n


def ask(client: ModelClient, region: Region, schemas: Schemas, document: str) -> tuple[StructureAnswer, str]:
    """The region's mapping and where it came from (``model`` or ``cache``)."""
    s = client.settings
    msgs = messages(region, schemas)
    key = cache_key(
        s.model or "",
        json.dumps(StructureAnswer.model_json_schema(), ensure_ascii=False, sort_keys=True),
        prompting.version(),
        "structure§" + region.signature(),
        client.mode_name,
        s.base_url or "",
    )
    ctx = context(region, schemas)
    chunk_id = f"structure@{region.chunk.start + 1}"
    if s.cache and (hit := client.store.get(key, document, chunk_id)) is not None:
        return StructureAnswer.model_validate(hit, context=ctx), "cache"
    try:
        answer, _ = client.structured(
            msgs,
            StructureAnswer,
            context=ctx,
            document=document,
            chunk=chunk_id,
            kind="structure",
            max_tokens=answer_tokens(region),
        )
    except SchemaError as e:
        # the model could not name this template within its re-asks: the next document of the
        # same template does not ask again (a timeout or an HTTP error is not cached)
        if s.cache:
            _remember(client, key, {"table": None, "columns": [], "refused": str(e)})
        raise
    assert isinstance(answer, StructureAnswer)
    if s.cache:
        _remember(client, key, answer.model_dump(mode="json"))
    return answer, "model"


def _remember(client: ModelClient, key: str, value: dict[str, Any]) -> None:
    s = client.settings
    client.store.put(
        key, value, model=s.model or "", prompt_version=prompting.version(), table_id="structure"
    )


# -- the answer as a schema overlay -------------------------------------------------------------------


def overlay(t: TableSchema, answer: StructureAnswer, title: str, paths: tuple[str, ...] = ()) -> TableSchema:
    """The table's schema with the region's header words as extra column names (a word the
    model mapped to no column is ignored) and the region's title as an alias."""
    extra: dict[str, list[str]] = {}  # column id → header words
    exact: dict[str, list[str]] = {}  # column id → whole header paths (本年收入/小计)
    ignored: list[str] = []
    for c in answer.columns:
        word = compact(c.header or "")
        if c.column is None:
            ignored.append(word)
        elif "/" in word or word in paths:
            exact.setdefault(c.column, []).append(word)
        else:
            extra.setdefault(c.column, []).append(word)

    def more(cols: tuple[Column, ...]) -> tuple[Column, ...]:
        out = []
        for c in cols:
            pattern = c.pattern
            if exact.get(c.id):
                whole = "|".join(re.escape(p) for p in exact[c.id])
                pattern = re.compile(f"^(?:{whole})$" + (f"|{c.pattern.pattern}" if c.pattern else ""))
            out.append(replace(c, names=(*c.names, *extra.get(c.id, ())), pattern=pattern))
        # a column named by a whole header path is matched before any other's words
        return tuple(sorted(out, key=lambda c: not exact.get(c.id)))

    title_c = compact(title)
    return replace(
        t,
        columns=more(t.columns),
        income_columns=more(t.income_columns),
        ignore=_ignore(t, exact, ignored, paths),
        titles=(*t.titles, re.compile(re.escape(title_c))) if title_c else t.titles,
    )


def _ignore(
    t: TableSchema, exact: dict[str, list[str]], ignored: list[str], paths: tuple[str, ...]
) -> tuple[re.Pattern[str], ...]:
    """Columns to leave unread: the words the model mapped to no column; with whole header
    paths, every path it did not map (its mapping is the mapping), and the schema's own ignore
    words never override a path it mapped."""
    mapped = [p for ps in exact.values() for p in ps]
    if not mapped:
        return (*t.ignore, *(re.compile("^" + re.escape(w) + "$") for w in ignored if w))
    keep = "|".join(re.escape(x) for x in dict.fromkeys([*mapped, *(p.rsplit("/", 1)[-1] for p in mapped)]))
    own = tuple(re.compile(f"^(?!(?:{keep})$).*?(?:{p.pattern})") for p in t.ignore)
    rest = [p for p in paths if p and p not in mapped] + [w for w in ignored if w and w not in paths]
    return (*own, *(re.compile("^" + re.escape(w) + "$") for w in dict.fromkeys(rest)))


def confirmed(table: Table, schemas: Schemas) -> bool:
    """The table's own identities hold on the reading (at least one is evaluated, none fails)."""
    v = reconcile.Values(Result.model_construct(tables=[table], narrative=[], checks=[], warnings=[]))
    schema = schemas.table(table.id)
    idents = v.set_grains(
        (reconcile.hierarchy(v, table, schema) if schema.hierarchy else [])
        + reconcile.row_identities(table, schema)
        + reconcile.balances(v, table, schema)
    )
    outcomes = [reconcile.evaluate(i, v.get) for i in idents]
    return any(o.status == "pass" for o in outcomes) and not any(o.status == "fail" for o in outcomes)


def reread(
    region: Region, answer: StructureAnswer, schemas: Schemas, src: Source, year: int | None
) -> Table | None:
    """The region read again by the embedded reader with the model's mapping as an overlay;
    ``None`` when the answer names no table or maps no column."""
    if answer.table is None or not any(c.column for c in answer.columns):
        return None
    t = overlay(schemas.table(answer.table), answer, region.title, tuple(region.paths))
    table = tables.extract(region.chunk, t, schemas, src, year)
    if (
        not table.money_unit
        and answer.unit is not None
        and answer.unit.value in "".join(ln.s for ln in region.chunk.lines[:10])
    ):
        table.money_unit = answer.unit.value  # only a unit the region prints
    lab = Labels(schemas)
    mapped = "，".join(
        f"{compact(c.header or '')} → {lab.column_name(t.id, c.column)}" for c in answer.columns if c.column
    )
    table.doubts.append(f"各列由模型指认（{mapped}），数字按其所在位置读取")
    table.extracted_by = "layout+model-structure"
    if not confirmed(table, schemas):
        table.unsure = True
        for r in (*table.rows, *table.units):
            for c in r.values.values():
                c.status = "doubt"
        table.doubts.append("模型指认的各列未得到本表自身算术的印证")
    return table


def sure_changed(old: Table | None, new: Table) -> int:
    """Cells the embedded reader was sure of that the re-reading changes or drops."""
    if old is None:
        return 0
    n = 0
    for r in old.rows:
        nr = new.row(r.key) if new.id == old.id else None
        for col, c in r.values.items():
            if c.status != "ok":
                continue
            nc = nr.values.get(col) if nr is not None else None
            if nc is None or nc.value != c.value:
                n += 1
    return n


def _better(new: Table, old: Table | None) -> bool:
    """The re-reading reads more cells, or more of them sure, than the embedded reading."""
    if old is None or old.id != new.id:
        return _cells(new) > 0
    return _cells(new, "ok") > _cells(old, "ok") or (
        _cells(new) > _cells(old) and _cells(new, "ok") >= _cells(old, "ok")
    )


def _cells(t: Table | None, status: str | None = None) -> int:
    if t is None:
        return 0
    return sum(1 for r in t.rows for c in r.values.values() if status is None or c.status == status)


def _place(result: Result, region: Region, new: Table, stats: StructureStats) -> bool:
    """Put the re-reading in the result in place of the region's embedded reading."""
    old = region.offline
    if old is not None and old in result.tables and old.id == new.id:
        result.tables[result.tables.index(old)] = new
        return True
    holder = result.table(new.id)
    if holder is not None and _cells(holder):
        stats.notes.append(
            f"structure: the region at line {new.line} reads as {new.id}, which another region already "
            "holds: kept that"
        )
        return False
    if old is not None and old in result.tables:
        result.tables.remove(old)  # read as another table: none of its cells was sure (else refused)
    if holder is not None:
        result.tables[result.tables.index(holder)] = new
    else:
        result.tables.append(new)
    return True


def run_structure(
    result: Result,
    chunks: list[Chunk],
    schemas: Schemas,
    src: Source,
    client: ModelClient,
    offline_tables: dict[int, Table],
    year: int | None,
) -> StructureStats:
    """Ask for the structure of every region the embedded reader could not place, re-read
    those regions with the answers, and keep the re-readings that read more and change no sure
    cell. Updates ``result`` and ``offline_tables`` in place."""
    stats = StructureStats()
    for region in regions(chunks, schemas, offline_tables, src):
        stats.asked += 1
        try:
            answer, source = ask(client, region, schemas, src.path)
        except ChunkError as e:
            stats.degraded += 1
            stats.notes.append(
                f"model path degraded: the structure of the region at line {region.chunk.start + 1}: {e}"
            )
            continue
        stats.from_model += source == "model"
        stats.from_cache += source == "cache"
        new = reread(region, answer, schemas, src, year)
        if new is None:
            continue
        if (changed := sure_changed(region.offline, new)) > 0:
            stats.refused_sure += changed
            stats.notes.append(
                f"structure: the model's mapping of {new.id} (line {new.line}) would change {changed} "
                "cell(s) the embedded reader was sure of: kept the embedded reading"
            )
            continue
        if not _better(new, region.offline):
            continue
        if _place(result, region, new, stats):
            offline_tables[region.index] = new
            stats.applied += 1
            stats.confirmed += not new.unsure
    return stats
