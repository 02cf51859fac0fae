"""The result model: what one run produces for one document.

Every value carries its :class:`Provenance`: character offsets into the decoded source
(``source.raw[start:end]``) and the 1-based line and column where it starts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, Field, PrivateAttr
from pydantic.json_schema import SkipJsonSchema

from .. import __version__
from .coverage import Coverage, Status
from .kinds import Kind, Scope
from .money import YUAN_PER

if TYPE_CHECKING:
    from .schemas import Schemas
    from .source import Source
    from .text import Text


# the closed vocabularies of a result
Reading = Literal["ok", "doubt"]  # a value read for sure, or one the tool is not sure of
Blame = Literal["document", "extraction"]  # whom a failed check lays the failure on
Category = Literal["arithmetic", "rounding", "prose", "structure", "text"]  # a check's kind
# how a table was laid out as read: a layout family of the embedded reader, or the model's reading
Layout = Literal["", "tabs", "cells", "aligned", "spaces", "model"]
# a table's reader: the embedded one, the model (its reading agreeing with the document, or not), or both
ExtractedBy = Literal[
    "layout",
    "model",
    "model-document",
    "model-unreconciled",
    "layout+model-confirmed",
    "layout+model-structure",
]


_new = object.__new__
_set = object.__setattr__
M = TypeVar("M", bound=BaseModel)


def _construct(cls: type[M], values: dict[str, Any], given: frozenset[str]) -> M:
    """What ``cls.model_construct(**given values)`` makes (``values``: every field, in the
    model's order; ``given``: the fields named, the rest defaults), without its alias look-ups
    per field: for internal, already-typed data of a model without private attributes."""
    m = _new(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(given))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def made(cls: type[M], **values: Any) -> M:
    """``cls.model_construct(**values)`` where ``values`` name every field of ``cls``, in its
    order (a row begun by the reader: hundreds per document), without the per-field look-ups."""
    return _construct(cls, values, frozenset(values))


_PROVENANCE_FIELDS = frozenset(("start", "end", "line", "col", "text", "page", "box"))
_READ_FIELDS = frozenset(("value", "provenance"))


class Provenance(BaseModel):
    start: int = Field(description="offset of the first character in the decoded source")
    end: int = Field(description="offset after the last character")
    line: int
    col: int
    text: str = Field(description="the characters as they appear in the source")
    page: int | None = Field(default=None, description="1-based page, for a value read from a PDF")
    box: list[float] | None = Field(
        default=None,
        description="[x0, top, x1, bottom] in PDF points on that page as a viewer shows it (/Rotate"
        " applied; from its top left corner, y down), for a PDF",
    )

    @classmethod
    def of(cls, t: Text, src: Source) -> Provenance:
        """Where the (normalised) text ``t`` was read in ``src``."""
        start, end = t.span()
        line, col = src.line_col(start)
        page, box = src.box(start, end) if src.boxes is not None else (None, None)  # (a text has no boxes)
        # internal, already-typed data: constructed without re-validation (thousands per document)
        text = src.raw[start:end]
        values = {
            "start": start,
            "end": end,
            "line": line,
            "col": col,
            "text": text,
            "page": page,
            "box": box,
        }
        return _construct(cls, values, _PROVENANCE_FIELDS)


class Cell(BaseModel):
    value: str = Field(description="as printed, normalised (no thousands separators, ASCII digits)")
    provenance: Provenance
    status: Reading = Field(
        default="ok", description="'ok', or 'doubt' when the tool is not sure of this reading"
    )

    @property
    def number(self) -> Decimal | None:
        return to_decimal(self.value)

    @classmethod
    def read(cls, value: str, provenance: Provenance) -> Cell:
        """A value read for sure (``ok``), made as ``model_construct(value=, provenance=)`` makes
        it, without its per-field look-ups (thousands per document)."""
        return _construct(cls, {"value": value, "provenance": provenance, "status": "ok"}, _READ_FIELDS)


class Row(BaseModel):
    key: str
    label: str = ""
    line: int = 0
    values: dict[str, Cell] = Field(default_factory=dict)
    extra: dict[str, Cell] = Field(default_factory=dict, description="printed columns outside the cells spec")


class UnitRow(Row):
    """A row of one of the department's units (a six-digit unit code such as ``426003``),
    printed inside a table but not a cell of the spec. The checks add a table's units up to
    the row they belong to (``of``: the total row, or a period of a 三公-style table)."""

    of: str = Field(description="key of the row these units add up to")

    @property
    def ref(self) -> str:
        """The row id the checks use for this unit's figures (``prior/426003``)."""
        return f"{self.of}/{self.key}"


class Table(BaseModel):
    id: str
    title: str
    line: int = Field(description="line of the title in the source")
    end_line: int = 0
    layout: Layout = ""
    money_unit: str = Field(default="", description="万元, 千元 or 元 as printed; '' if not said (万元)")
    unit_checked: str = Field(
        default="",
        description="the unit its amounts are in where the label is missing or contradicted by"
        " the magnitudes (元 figures under 单位：万元); '' when the label holds",
    )
    columns: list[str] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    units: list[UnitRow] = Field(default_factory=list, description="the department's units, not cells")
    doubts: list[str] = Field(default_factory=list, description="places the reading is unsure of")
    unkeyed: list[str] = Field(
        default_factory=list,
        description="sides of a 收支总表 ('in', 'out') printing an amount on a line no row name matched",
    )
    unsure: bool = Field(
        default=False, description="the layout reading is in doubt: its failed checks are the extraction's"
    )
    # the reader's, not the model's to fill: kept out of the JSON schema a model is asked to follow
    parts: SkipJsonSchema[list[str]] = Field(
        default_factory=list,
        description="columns printed under a 其中 (of which) group: parts of another column, not addends",
    )
    sums: SkipJsonSchema[list[list[str]]] = Field(
        default_factory=list,
        description="sums the layout says its figures add up to, in place of the hierarchy's: a table"
        " printed as panels adds each panel's rows up as printed ([rule, 'row:col', 'row:col' …])",
    )
    extracted_by: ExtractedBy = "layout"
    # a table printed unit by unit: each unit's block is a table of its own with the same id
    unit_name: str = Field(
        default="",
        description="the unit (单位) this block of a table is for, as printed; '' for the department's table",
    )
    block: int = Field(
        default=0,
        description="1-based place of this unit's block in a table printed unit by unit;"
        " 0 for the department's",
    )

    # the units' blocks read with it (a table printed unit by unit), until the pipeline lists
    # them in the result's tables (reading/unitblocks.py). A default, not a default_factory:
    # pydantic copies an empty list per instance, while a factory costs an inspect.signature
    # on every Table made (~1 ms each)
    _blocks: list[Table] = PrivateAttr(default=[])

    @property
    def unit(self) -> str:
        """The unit its amounts are in: the label, unless the amounts contradict it; 万元 when
        the table does not say."""
        return self.unit_checked or self.money_unit or "万元"

    def checked_rows(self) -> list[tuple[str, Row]]:
        """(row id, row) for every row the checks read: the table's rows, then its units' rows
        under the id the checks use for them (``prior/426003``)."""
        return [(r.key, r) for r in self.rows] + [(u.ref, u) for u in self.units]

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None


class Fact(BaseModel):
    id: str
    value: str
    provenance: Provenance
    sentence: str = ""
    unit: str = Field(
        default="",
        description="the money unit the prose prints after the figure (万元, 元, 亿元, 千元); "
        "'' for a count, a change said in words, or a fact read without it (then 万元)",
    )
    status: Reading = Field(
        default="ok", description="'ok', or 'doubt' when a check lays its disagreement on the reading"
    )


class CellRef(BaseModel):
    table: str
    row: str
    col: str


class Check(BaseModel):
    rule: str
    table: str
    row: str
    col: str
    expected: str
    found: str
    cells: list[CellRef]
    suspects: list[CellRef] = Field(
        default_factory=list,
        description="cells whose correction alone would explain the failure, the named one first;"
        " several when the tables cannot tell which is wrong",
    )
    source: Blame = Field(description="'document' or 'extraction'")
    message: str = Field(description="in Chinese, with the tables' titles, row names and units")
    plain: str = Field(
        default="", exclude=True, description="the failure in ids, for a model's re-prompt (not written)"
    )
    category: Category = Field(
        default="arithmetic",
        description="arithmetic, rounding (a note, not a failure), prose, structure or text",
    )
    line: int | None = Field(default=None, description="1-based line of the text read")
    page: int | None = Field(default=None, description="1-based page, for a PDF")
    # a check run inside one unit's block of a table printed unit by unit (Table.block)
    block: int = Field(default=0, description="the unit's block its cells are in; 0 for the department's")
    unit_name: str = Field(default="", description="that unit's name as printed; '' for the department's")


class SourceInfo(BaseModel):
    path: str
    encoding: str
    sha256: str
    lines: int
    chars: int
    department: str = ""
    year: int | None = None
    kind: Kind | None = Field(
        default=None,
        description="预算 or 决算 (core.kinds.Kind), from the title page and the table titles; None for"
        " a kind llmextract cannot read (then `unreadable` names it)",
    )
    scope: Scope | None = Field(
        default=None, description="部门 or 单位 (core.kinds.Scope); None when not said"
    )
    unreadable: str = Field(
        default="", description="a kind of document llmextract cannot read (绩效自评报告 …)"
    )
    template: bool = Field(
        default=False, description="a blank template (its department is a placeholder: XX局)"
    )


class ModelRun(BaseModel):
    """The model a document was read with, and how its requests went."""

    model: str = ""
    provider: str = ""
    mode: str = ""
    strategy: str = ""
    prompt_version: str = ""
    degraded: int = Field(default=0, description="chunks and regions whose request got no usable answer")
    structure_asked: int = Field(default=0, description="regions whose structure the model was asked for")
    structure_from_model: int = 0
    structure_from_cache: int = 0
    structure_applied: int = Field(default=0, description="re-readings by the model's structure kept")
    structure_refused_sure: int = Field(
        default=0, description="cells read for sure that a refused re-reading would have changed"
    )


class Result(BaseModel):
    llmextract: str = __version__
    source: SourceInfo
    status: Status = Field(
        default=Status.OK,
        description="ok: the tables were read whole (coverage at least 0.95); partial: in part;"
        " unread: not at all",
    )
    coverage: Coverage | None = Field(
        default=None, description="the amounts printed on the table pages, how many were read, which were not"
    )
    tables: list[Table] = Field(default_factory=list)
    narrative: list[Fact] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    model: ModelRun | None = Field(default=None, description="the model this document was read with, if any")
    _spec: Schemas | None = PrivateAttr(default=None)
    # a text read in pieces (pipeline.run_long): each piece's start, end, lines and pages before it
    _pieces: list[tuple[int, int, int, int]] = PrivateAttr(default_factory=list)

    @property
    def spec(self) -> Schemas:
        """The schema set this document was read with (its tables, columns, checks): the outputs
        name and select its cells by it. Attached by the pipeline, or by whoever loads a result."""
        if self._spec is None:
            raise RuntimeError("this result has no schema set attached (Result.attach_spec)")
        return self._spec

    def attach_spec(self, spec: Schemas) -> Result:
        self._spec = spec
        return self

    def table(self, table_id: str) -> Table | None:
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def drop_doubtful(self) -> int:
        """Leave out every value read with doubt (``--sure-only``); say how many in a warning."""
        n = 0
        for t in self.tables:
            for r in (*t.rows, *t.units):
                doubtful = [k for k, c in r.values.items() if c.status == "doubt"]
                for k in doubtful:
                    del r.values[k]
                n += len(doubtful)
        sure = [f for f in self.narrative if f.status != "doubt"]
        n += len(self.narrative) - len(sure)
        self.narrative = sure
        if n:
            self.warnings.append(f"{n} values read with doubt were left out (--sure-only)")
        return n

    @property
    def value_count(self) -> int:
        """Every value read, derived ones and facts outside the cells format included (the
        count a person is told is the cells file's: :meth:`cell_count`)."""
        return sum(len(r.values) for t in self.tables for r in t.rows) + len(self.narrative)

    def cell_count(self) -> int:
        """The values a person is told of: one per line of the cells file (a row's derived values
        and the facts outside the cells format are in the JSON only)."""
        spec = self.spec
        tables = sum(  # a unit's block of a table printed unit by unit is not in the cells
            1
            for t in self.tables
            if not t.block
            for r in t.rows
            for cid in r.values
            if spec.is_cell(t.id, r.key, cid)
        )
        return tables + sum(1 for f in self.narrative if spec.is_cell("narrative", f.id, "value"))


def amount_yuan(value: str, unit: str) -> Decimal | None:
    """A printed amount in 元 (``915.57`` 万元 → 9155700.00); None for a placeholder, a count
    (no money unit) or an unknown unit."""
    d = to_decimal(value)
    k = YUAN_PER.get(unit)
    return d * k if d is not None and k is not None else None


def to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
