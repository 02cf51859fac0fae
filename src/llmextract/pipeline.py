"""The pipeline for one document: text → chunks → extractions → checks → result."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .audit import engine as audit
from .audit import inpieces, readwhole
from .checks import coverage, floods, outsize, reconcile
from .core import stages
from .core.collections_gc import fewer_collections
from .core.coverage import Coverage
from .core.errors import InputError
from .core.labels import Labels
from .core.offsets import EMPTY
from .core.result import Check, Fact, ModelRun, Result, SourceInfo, Table
from .core.schemas import Schemas, TableSchema
from .core.source import Source
from .core.text import Text
from .document import chunking, labelled, normalize, pieces
from .document import kind as dockind
from .document.pages import is_page_number
from .inputs import readers
from .reading import (
    lists,
    narrative,
    paired,  # noqa: F401 - registers its layout reader with reading.tables
    restated,
    tables,
    unitblocks,
)

if TYPE_CHECKING:  # the model path (openai, instructor, httpx) is imported only when a model is used
    from .llm.client import ModelClient


REPEATS_WARNED = 4  # a table continued over pages is printed twice, seldom more


def run_text(
    raw: str,
    path: str = "<text>",
    encoding: str = "utf-8",
    schemas: Schemas | None = None,
    client: ModelClient | None = None,
    strategy: str = "offline",
) -> Result:
    src = Source.from_text(raw, path, encoding)
    return run_source(src, schemas, client, strategy)


def run_file(
    path: str | Path,
    schemas: Schemas | None = None,
    client: ModelClient | None = None,
    strategy: str = "offline",
) -> Result:
    src = readers.read_source(path)
    return run_source(src, schemas, client, strategy)


@dataclass
class Document:
    """One document as it goes through the stages: its source, its normalised text and kind,
    the schema set chosen for it, its chunks, and the result being built."""

    src: Source
    text: Text
    kind: dockind.DocKind
    schemas: Schemas
    chunks: list[chunking.Chunk]
    year: int | None
    result: Result
    client: ModelClient | None = None
    strategy: str = "offline"
    offline_tables: dict[int, Table] = field(default_factory=dict)  # the model path compares them
    counted: coverage.Tally | None = None  # the coverage stage's tally (the audit reads it again)
    # tables named by a bare label (no title) that two kinds fit alike: left unread, said so
    unnamed: list[Check] = field(default_factory=list)


def run_source(
    src: Source, schemas: Schemas | None = None, client: ModelClient | None = None, strategy: str = "offline"
) -> Result:
    """Text → chunks → extractions → checks → result. ``strategy``: ``offline`` (the embedded
    extractor only), ``hybrid`` (the model reads only the chunks the embedded extractor could not
    read or reconcile), ``llm`` (every chunk to the model; the checks reconcile)."""
    with fewer_collections():  # (core/collections_gc.py: a run's objects live until it ends)
        return _run_source(src, schemas, client, strategy)


def _run_source(src: Source, schemas: Schemas | None, client: ModelClient | None, strategy: str) -> Result:
    if client is None and pieces.is_long(src.raw):
        return run_long(src, schemas)
    stages.say(f"finding the tables in {len(src.line_starts):,} lines")
    d = prepare(src, schemas, client, strategy)
    if d.kind.kind is None:
        return d.result  # a kind the tool does not read: said in a warning, nothing read
    for say, stage in STAGES:
        if say:
            stages.say(say)
        stage(d)
    return d.result


def prepare(
    src: Source, schemas: Schemas | None, client: ModelClient | None, strategy: str, text: Text | None = None
) -> Document:
    """The stage before reading: the text normalised, the document's kind derived once (the title
    page and the table titles say 预算 or 决算), its schema set, chunks and year (for a long
    text, from ``text``, its first piece)."""
    text = text or normalize.normalize(src.raw)
    kind = dockind.derive(text.s)
    schemas = schemas or dockind.schemas_for(kind.kind)
    chunks = chunking.split(text, schemas) if kind.kind is not None else []
    year = tables.budget_year(text.s, str(kind.kind or dockind.Kind.BUDGET))
    info = SourceInfo(
        path=src.path,
        encoding=src.encoding,
        sha256=_sha256(src.raw),
        lines=len(src.line_starts),
        chars=len(src.raw),
        department=department_name(text.s, chunks),
        year=year,
        kind=kind.kind,
        scope=kind.scope,
        unreadable=kind.unreadable,
        template=kind.template,
    )
    result = Result(source=info).attach_spec(schemas)
    if kind.kind is None:
        result.warnings.append(
            f"this document is a {kind.unreadable} (its title says so), not a 预算 or 决算 disclosure:"
            " llmextract does not read it"
        )
    if kind.template:
        result.warnings.append(
            "this is a blank template (its title page names a placeholder department): its placeholders,"
            " ellipses and repeated instructions are not reported"
        )
    if src.encoding not in ("utf-8", "pdf"):
        result.warnings.append(f"decoded as {src.encoding}")
    result.warnings.extend(src.notes)
    return Document(src, text, kind, schemas, chunks, year, result, client, strategy)


def _sha256(raw: str) -> str:
    """The text's SHA-256 (its UTF-8), encoded a million characters at a time, not all at once."""
    h = hashlib.sha256()
    for i in range(0, len(raw), 1_000_000):
        h.update(raw[i : i + 1_000_000].encode("utf-8"))
    return h.hexdigest()


def run_long(src: Source, schemas: Schemas | None = None) -> Result:
    """A text past ``pieces.LONG_CHARS``, read piece by piece (document/pieces.py): only one
    piece's lines are held at a time. The tables, the narrative and the arithmetic cover the
    whole text, as for any text; the coverage and the audit run piece by piece, the audit's
    rules that compare the whole file on the first piece only (audit/inpieces.py: a warning
    says so)."""
    stages.say(f"finding the tables in {len(src.line_starts):,} lines, piece by piece")
    d = prepare(src, schemas, None, "offline", pieces.head(src.raw))
    if d.kind.kind is None:
        return d.result
    reading, pages = TableReading(d), 0
    wheres: list[inpieces.Where] = []
    facts: dict[str, Fact] = {}
    for piece in pieces.cut(src.raw, d.schemas):
        stages.say(
            f"reading line {piece.first_line + 1:,} of {len(src.line_starts):,} (piece {len(wheres) + 1})"
        )
        if piece.whole:
            d.result.warnings.append(inpieces.whole_chunk(piece.first_line + 1, piece.end - piece.start))
        reading.take(piece.chunks)
        # the units named by the tables read so far (a unit's figure is not the department's);
        # a unit whose tables come in a later piece is not known to this piece's prose
        units = list(dict.fromkeys(t.unit_name for t in d.result.tables if t.unit_name))
        said = narrative.extract(piece.chunks, d.schemas, src, d.year, units, d.result.source.department)
        _add_facts(facts, said, d.schemas)
        wheres.append(inpieces.Where(piece.start, piece.end, piece.first_line, pages))
        pages += src.raw.count("\f", piece.start, piece.end)
        d.chunks = piece.chunks[-1:] or d.chunks  # the closing warnings look at how the text ends
    reading.close()
    d.result.narrative = list(facts.values())
    restated.attach(d.result, src, d.schemas)
    stages.say("checking the arithmetic")
    check_arithmetic(d)
    lines = _measure_and_audit(d, wheres)
    d.result.warnings.append(inpieces.warning(len(src.raw), len(wheres), lines, len(src.line_starts)))
    closing_warnings(d)
    return d.result


def _add_facts(facts: dict[str, Fact], more: list[Fact], schemas: Schemas) -> None:
    """A piece's facts added: a fact is its first statement, as in a whole text; a statement
    made again (``again``) only beside the first statement it repeats (the same piece)."""
    again = {fs.id: fs.again for fs in schemas.facts if fs.again}
    new = {f.id for f in more if f.id not in facts}
    for f in more:
        if f.id in new and (f.id not in again or again[f.id] in new):
            facts[f.id] = f


def _measure_and_audit(d: Document, wheres: list[inpieces.Where]) -> int:
    """The coverage, the audit and readwhole piece by piece (every rule and readwhole on the
    first, a prefix of the text; the rules of ``audit.PIECEWISE`` on the others); how many lines
    the first holds."""
    result, first = d.result, wheres[0]
    result._pieces = [(w.start, w.end, w.lines_before, w.pages_before) for w in wheres]  # noqa: SLF001
    stages.say(f"measuring how much of the tables was read, in {len(wheres)} pieces")
    coverage.apply(result, _coverage(result, d.src, wheres))
    hsrc = inpieces.source(d.src, first.end)
    lines = len(hsrc.line_starts)
    stages.say(f"auditing piece 1 of {len(wheres)}")
    # the first piece's text, and all that was read (a table the contents list may be printed,
    # and read, further on: it is there)
    found, dropped = audit.audit(hsrc, result), Counter[str]()
    paged = "\f" in d.src.raw
    for n, at in enumerate(wheres[1:], 2):
        stages.say(f"auditing piece {n} of {len(wheres)}")
        pview = inpieces.piece_view(result, at)
        more = inpieces.moved(
            audit.audit(inpieces.piece_source(d.src, at), pview, only=audit.PIECEWISE), at, paged
        )
        floods.keep_first(found, more, dropped)  # a flood is counted, not held
        result.warnings += [w for w in pview.warnings if w not in result.warnings]
    result.checks = floods.findings(_not_said_twice(result.checks, found, result), result.warnings, dropped)
    view = inpieces.within(result, first.end, lines)  # the findings there, the values read there
    readwhole.settle(view, hsrc)
    return lines


def _coverage(result: Result, src: Source, wheres: list[inpieces.Where]) -> Coverage:
    """The coverage of a text read in pieces: measured on each piece, added up."""
    first = wheres[0]
    hsrc = inpieces.source(src, first.end)
    cov = coverage.measure(inpieces.within(result, first.end, len(hsrc.line_starts)), hsrc)
    for at in wheres[1:]:
        more = coverage.measure(inpieces.piece_view(result, at), inpieces.piece_source(src, at))
        cov = inpieces.add(cov, more, at)
    return cov


def remeasure(result: Result, src: Source) -> None:
    """The coverage measured again (the doubtful values left out, ``--sure-only``): piece by
    piece for a text read in pieces, as it was first measured."""
    if result._pieces:  # noqa: SLF001
        coverage.apply(result, _coverage(result, src, [inpieces.Where(*w) for w in result._pieces]))  # noqa: SLF001
    else:
        coverage.settle(result, src)


def _read_one(d: Document, ch: chunking.Chunk, t: TableSchema) -> Table:
    """One table chunk read by the embedded reader; a layout no reader foresaw leaves that
    table unread (with a warning), not the document."""
    src = d.src
    try:
        return tables.extract(ch, t, d.schemas, src, d.year)
    except Exception as e:  # noqa: BLE001 - one table's failure must not lose the document
        line = src.line_col(ch.title.span()[0])[0] if ch.title is not None and ch.title.offs else ch.start + 1
        d.result.warnings.append(f"table {t.id} (line {line}) could not be read: {type(e).__name__}: {e}")
        table = Table(id=t.id, title=t.title, line=line, end_line=line, unsure=True)
        table.doubts.append("本表版式无法读取，未读入")
        return table


def read_tables(d: Document) -> None:
    """Every table chunk read; a table printed again (another page layout) joins its first
    printing, the values it prints differently noted as doubts."""
    reading = TableReading(d)
    reading.take(d.chunks)
    reading.close()


class TableReading:
    """The tables read chunk by chunk (a long text's pieces one after another), each table
    printed again joining its first printing."""

    def __init__(self, d: Document) -> None:  # noqa: D107
        self.d = d
        self.printed: Counter[str] = Counter()
        self.printed_lines: dict[str, int] = {}  # lines of the chunk each table was read from
        self.conflicts: dict[str, list[str]] = {}  # values printed differently by a later printing
        self.counted: Counter[str] = Counter()  # how many there were (the first few are kept)
        self.lab = Labels(d.schemas)
        self.i = 0  # the chunk's index in the document

    def take(self, chunks: list[chunking.Chunk]) -> None:
        for ch in chunks:
            self._one(self.i, ch)
            self.i += 1

    def _one(self, i: int, ch: chunking.Chunk) -> None:
        d, result, printed, printed_lines = self.d, self.d.result, self.printed, self.printed_lines
        if ch.kind != "table" or ch.table_id is None or d.schemas.table(ch.table_id).layout == "none":
            if ch.alike and ch.title is not None:
                d.unnamed.append(labelled.unread_finding(ch.title, ch.notes, ch.alike, d.src, ch.start))
            return
        t = d.schemas.table(ch.table_id)
        table = _read_one(d, ch, t)
        if t.layout == "targets" and not table.rows and not table.unsure:
            return  # a 绩效目标 table naming no amount column (one form per project): not read
        blocks = unitblocks.take(table)  # a table printed unit by unit: its units' blocks
        if d.client is not None:  # the model path compares each chunk's reading; else it is let go
            d.offline_tables[i] = table
        prev = result.table(t.id)
        if prev is not None and not prev.rows and not prev.units and len(ch.lines) > printed_lines[t.id]:
            # the first was only its title (a line of the contents): the table is this printing
            result.tables[result.tables.index(prev)] = table
            printed_lines[t.id] = len(ch.lines)
        elif prev is not None:
            printed[t.id] += 1
            if t.row_key == "name":  # a list's next page: its rows follow the last page's
                lists.renumber(table, {r.key for r in prev.rows})
            notes: list[str] = []
            _merge_tables(prev, table, notes, self.lab)
            kept = self.conflicts.setdefault(t.id, [])
            kept += notes[: floods.LISTED - len(kept)]  # a long text's thousands are counted, not held
            self.counted[t.id] += len(notes)
        else:
            printed[t.id] = 1
            printed_lines[t.id] = len(ch.lines)
            result.tables.append(table)
        unitblocks.add_to(result.tables, blocks)

    def close(self) -> None:
        result, printed = self.d.result, self.printed
        for tid, notes in self.conflicts.items():
            if (first := result.table(tid)) is not None:
                first.doubts += floods.capped(notes, "处数值与前次印出的不同", self.counted[tid])
        repeated = [tid for tid, n in printed.items() if n >= REPEATS_WARNED]
        if repeated:
            most = max(printed[t] for t in repeated)
            result.warnings.append(
                f"{len(repeated)} table{'s are' if len(repeated) > 1 else ' is'} printed up to {most} times "
                f"({', '.join(repeated)}): only the first printing is read "
                "(is the same document repeated in this file?)"
            )


def read_prose(d: Document) -> None:
    """Amounts the tables print again elsewhere, and the narrative facts."""
    restated.attach(d.result, d.src, d.schemas)
    units = list(dict.fromkeys(t.unit_name for t in d.result.tables if t.unit_name))
    d.result.narrative = narrative.extract(
        d.chunks, d.schemas, d.src, d.year, units, d.result.source.department
    )


def checked(d: Document) -> list[Check]:
    """The arithmetic's findings on what is read, and those on the tables left unread (a bare
    label two kinds fit alike): every run of the checks keeps the latter — the model path runs
    them again — so that the audit never calls such a table unprinted. A value no disclosure
    prints (16 integer digits or more) is first left unread (checks/outsize.py)."""
    outsize.leave_unread(d.result)
    return reconcile.check(d.result, d.schemas) + d.unnamed


def check_arithmetic(d: Document) -> None:
    d.result.checks = checked(d)
    reconcile.doubt_blamed(d.result)


def ask_model(d: Document) -> None:
    """With a model configured (``hybrid``/``llm``/``structure``): first the structure of the
    regions the embedded reader could not place (llm/structure.py), then (not for ``structure``)
    the chunks to the model, re-asked with the exact violations; the arithmetic run again on
    what it read."""
    client, result = d.client, d.result
    if client is not None and d.strategy in ("hybrid", "llm", "structure"):
        from .llm import modelpath, prompting, structure

        result.model = ModelRun(
            model=client.settings.model or "",
            provider=client.provider,
            mode=client.mode_name,
            strategy=d.strategy,
            prompt_version=prompting.version(),
        )
        # the model names the structure of the regions the embedded reader could not place;
        # the embedded reader then reads their numbers (llm/structure.py)
        shape = (
            structure.run_structure(result, d.chunks, d.schemas, d.src, client, d.offline_tables, d.year)
            if client.settings.structure or d.strategy == "structure"
            else structure.StructureStats()
        )
        result.warnings.extend(shape.notes)
        if shape.applied:
            result.checks = checked(d)
        if d.strategy != "structure":  # "structure": the model names structures, reads nothing
            notes = modelpath.run_model(
                result,
                d.chunks,
                d.schemas,
                d.src,
                client,
                d.strategy,
                d.offline_tables,
                narrative.flow(d.chunks),
                client.settings.jobs,
            )
            result.warnings.extend(notes)
        shape.record(result.model)
        result.checks = checked(d)
    reconcile.doubt_blamed(result)


def let_go(d: Document) -> None:
    """The chunks are read: only the last is kept (the closing warnings look at how the text
    ends), so the measure and the audit, which read the source afresh, do not run beside a
    second copy of a long text (its lines and the normalised text)."""
    d.chunks = d.chunks[-1:]
    d.text = Text("", EMPTY)
    d.offline_tables.clear()


def account(d: Document) -> None:
    """How much of the printed tables was read: the status, and the unread amounts (coverage.py)."""
    d.counted = coverage.settle(d.result, d.src)


def audit_text(d: Document) -> None:
    """The audit beyond arithmetic (structure, text, prose: the set's audit rules); then a finding
    that something is missing, where the page prints what was not read, is laid on the reading
    (readwhole.py), not on the document."""
    result = d.result
    result.checks = floods.findings(
        _not_said_twice(result.checks, audit.audit(d.src, result), result), result.warnings
    )
    readwhole.settle(result, d.src, d.counted)


def closing_warnings(d: Document) -> None:
    """Nothing found at all; a text that ends inside a table (truncated?)."""
    result, src = d.result, d.src
    if not result.tables and not result.narrative:
        result.warnings.append("no budget tables or narrative facts were found in this document")
    last = d.chunks[-1] if d.chunks else None
    if last is None or last.kind != "table" or not last.table_id:
        return
    if d.schemas.table(last.table_id).layout in ("none", "targets"):
        return  # a table not read, or a 绩效目标 table (its last line an indicator's value)
    if _whole(result, last.table_id):
        return
    tail = [ln.s.strip() for ln in last.lines if ln.s.strip() and not is_page_number(ln.s)]
    if tail and not re.match(r"^(备注|说明|注[:：])", tail[-1]) and re.search(r"\d", tail[-1]):
        line = src.line_col(last.lines[-1].offs[0])[0] if last.lines[-1].offs else len(src.line_starts)
        result.warnings.append(
            f"the text ends inside table {last.table_id} (line {line}): the document may be truncated; "
            "the checks say which rows are missing"
        )


def _whole(result: Result, table_id: str) -> bool:
    """The document's last table reads whole: its 合计 line read (before or after its other
    lines) and every check on it holds. A document ending with its last table's last line
    (a 报表 attachment, a 政府性基金预算支出表 on the last page) is then not cut short."""
    t = result.table(table_id)
    if (
        t is None
        or t.unsure
        or not any(r.key in ("total", "in.grand_total", "out.grand_total") for r in t.rows)
    ):
        return False
    return not any(c.table == table_id for c in result.checks)


# the named stages after ``prepare``, in order, each with what it tells a person waiting ("" none)
STAGES: tuple[tuple[str, Callable[[Document], None]], ...] = (
    ("reading the tables", read_tables),
    ("reading the narrative", read_prose),
    ("checking the arithmetic", check_arithmetic),
    ("", ask_model),
    ("", let_go),
    ("measuring how much of the tables was read", account),
    ("auditing the text", audit_text),
    ("", closing_warnings),
)


_DEPT = re.compile(
    r"(?:部门全称|单位名称|部门名称|预算主管部门|编制部门|编制单位)\s*[:：]\s*([^\s\t|,，。]{4,40})"
)
_ORG = r"[\u4e00-\u9fff()（）]{2,40}(?:中心|局|委员会|办公室|院|所|站|处|队|馆|学校|医院|公司|厅|部|委)"
_TITLE_DEPT = re.compile(rf"({_ORG})\s*20\d\d\s*年")
_TABLE_DEPT = re.compile(rf"^({_ORG})")


def department_name(text: str, chunks: list[chunking.Chunk]) -> str:
    """The department the disclosure is about (for the results database)."""
    m = _DEPT.search(text)
    if m:
        return m.group(1)
    head = "".join(ln.strip().lstrip("#").strip() for ln in tables.head_lines(text, 12) if ln.strip())
    m = _TITLE_DEPT.search(head)
    if m:
        return m.group(1)
    for ch in chunks:  # a bare table title starts with the department: 重庆市…中心财政拨款收支总表
        if ch.kind == "table" and ch.title is not None and (m := _TABLE_DEPT.match(ch.title.s.strip())):
            return m.group(1)
    return ""


def _merge_tables(prev, table, conflicts: list[str], lab: Labels) -> None:  # noqa: ANN001 - result.Table
    known = {u.ref for u in prev.units}
    prev.units += [u for u in table.units if u.ref not in known]  # a unit repeated on the next page
    for row in table.rows:
        old = prev.row(row.key)
        if old is None:
            prev.rows.append(row)
            continue
        for cid, cell in row.values.items():
            if cid not in old.values:
                old.values[cid] = cell
            elif old.values[cid].value != cell.value:
                first = old.values[cid]
                conflicts.append(  # a doubt note: shown on the review page, so in Chinese
                    f"{lab.row_name(prev.id, row.key, row.label)} · {lab.column_name(prev.id, cid)}："
                    f"第 {first.provenance.line} 行印为 {first.value}，第 {cell.provenance.line} 行印为"
                    f" {cell.value}；取前者"
                )


__all__ = ["InputError", "run_file", "run_source", "run_text"]


def _not_said_twice(checks: list[Check], findings: list[Check], result: Result) -> list[Check]:
    """The checks and the audit's findings, less a ``unit_label`` finding of the checks on a table
    whose unit the audit names already (one cause, one finding: the audit's words stay)."""
    starts = sorted(t.line for t in result.tables)

    def table_at(line: int | None) -> int | None:
        before = [s for s in starts if s <= (line or 0)]
        return before[-1] if before else None

    said = {table_at(f.line) for f in findings if f.rule == "money_unit"}
    return [c for c in checks if not (c.rule == "unit_label" and c.line in said)] + findings
