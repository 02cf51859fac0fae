"""Load the table and narrative definitions from ``schemas/`` and build pydantic models.

The definitions are data (YAML); this module only reads them. A new table kind is a new
file in ``schemas/tables/``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, create_model

from .money import MoneyUnit
from .printed import PrintedKind, kinds
from .resources import data_dir

# how a table of the spec is laid out: coded rows (类/款/项 or economic codes), rows named by
# the spec's labels, periods (a 三公 table), two sides (收入 | 支出), two halves side by side
# (paired), or a table the spec lists but does not read (none)
TableLayout = Literal["coded", "labeled", "none", "periods", "two_sided", "paired", "targets"]

# libyaml's loader when PyYAML was built with it (31 ms → 4.5 ms for schemas/), else pure Python
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


NUM = r"-?\d[\d,]*(?:\.\d+)?"
# a money unit the prose prints after a figure (narrative.yaml's ``{UNIT}``): the longest first
MONEY_UNITS = tuple(u.value for u in MoneyUnit)  # (core/money.py: 亿元, 万元, 千元, 元)
UNIT = "(?:" + "|".join(MONEY_UNITS) + ")"


@dataclass(frozen=True)
class Column:
    id: str
    names: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    period: str | None = None  # "current" | "prior" | None
    title: str = ""  # how the document names the column (for prompts)
    cell: bool = True  # a column of the cells spec; False: read and checked, not emitted
    model: bool = True  # named to a model reading the table; False: read by the layout reader only
    # one fund's part that stands for the item's whole figure only where these columns (the other
    # funds' parts, printed beside it) are zero on its row; else the value is in doubt
    whole_if_zero: tuple[str, ...] = ()
    sums: bool = True  # False: a ratio (增减率): its rows are never added up (no hierarchy)
    # a total whose scope the table leaves open where it prints these columns beside it (会议费 |
    # 培训费 beside the 三公 items: a 合计 over all, or over the 三公 items only): sure only on a
    # row where it is the sum of ``confirm_by``'s columns; else in doubt
    scope_open_with: tuple[str, ...] = ()
    confirm_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    left: str
    right: tuple[str, ...]
    unless: tuple[str, ...] = ()  # not evaluated on a row that prints any of these columns
    only_with: tuple[str, ...] = ()  # evaluated only on a row that prints all of these
    minus: tuple[str, ...] = ()  # terms of ``right`` that are subtracted (年末结转 = 年初结转 + 收入 - 支出)
    # addends a template may count inside the others (深圳's 支出总表 prints 事业单位经营支出
    # beside 基本支出 | 项目支出 whose sum is the 合计): left out of the sum in a table where every
    # row printing them says so (its total the sum of the others, not of all)
    inside: tuple[str, ...] = ()

    def __str__(self) -> str:
        terms = [f"- {c}" if c in self.minus else f"+ {c}" for c in self.right]
        return f"{self.left} = {' '.join(terms).removeprefix('+ ')}"


_NOTHING = re.compile(r"(?!)")  # a pattern no label matches: no words given


@dataclass(frozen=True)
class RowWords:
    """What a row's label says of the row, whatever the table (schemas/rows.yaml)."""

    total: re.Pattern[str] = _NOTHING  # the whole label one of the total's words (合计)
    named_total: re.Pattern[str] = _NOTHING  # a total named for what it adds up (支出合计)
    year: re.Pattern[str] = _NOTHING  # a row naming its year last (2026年预算数): group 1 the year


def row_words(d: dict[str, Any]) -> RowWords:
    """The row words of ``rows.yaml``: ``totals`` (words, the whole label), ``named_totals``
    (regexes on the label), ``year_row`` (a regex whose first group is the year)."""
    totals = [str(w) for w in d.get("totals") or ()]
    named = [str(p) for p in d.get("named_totals") or ()]
    return RowWords(
        re.compile("^(?:" + "|".join(map(re.escape, totals)) + ")$") if totals else _NOTHING,
        re.compile("|".join(named)) if named else _NOTHING,
        re.compile(d["year_row"]) if d.get("year_row") else _NOTHING,
    )


@dataclass(frozen=True)
class TableSchema:
    id: str
    title: str
    titles: tuple[re.Pattern[str], ...]
    not_titles: tuple[re.Pattern[str], ...]
    context: re.Pattern[str] | None
    not_context: re.Pattern[str] | None
    codes: str
    layout: TableLayout
    row_key: str
    columns: tuple[Column, ...]
    income_columns: tuple[Column, ...]
    ignore: tuple[re.Pattern[str], ...]
    canonical: tuple[str, ...]
    rows: dict[str, tuple[re.Pattern[str], ...]]
    identities: tuple[Identity, ...]
    carryover_breakdown: bool = False
    hierarchy: bool = False
    balances: tuple[str, ...] = ()
    # balances that add up the lines of one side ("in"/"out"): they hold only when every line
    # of that side printing an amount was named (balance → side)
    balance_lines: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # balances not evaluated where the table prints any of these cells (row:col): another
    # printing of the table, whose own arithmetic ties the same figures (balance → cells)
    balance_unless: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    aux_rows: frozenset[str] = frozenset()  # rows read only for the checks: not cells
    # of those, the lines a model is never asked for (``aux_lines``: 单位资金, the carry-over's parts)
    unasked: frozenset[str] = frozenset()
    # code → name of the classes a table keys its rows by, where it prints names without codes
    # (row_key: economic_name, from schemas/economic.yaml)
    row_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # header words over the label column that make every row one of the department's units
    # (单位名称: a row per unit, keyed by its printed name; schemas/rows.yaml)
    unit_labels: tuple[re.Pattern[str], ...] = field(default=(), compare=False, hash=False)
    # a row's label naming the table's total, or its year (合计, 支出合计, 2026年; schemas/rows.yaml)
    row_words: RowWords = field(default=RowWords(), compare=False, hash=False)
    # words a line of the columns' numbers prints beside them (栏次 1 2 3; schemas/rows.yaml)
    numbering: tuple[re.Pattern[str], ...] = field(default=(), compare=False, hash=False)
    # header words naming an earlier year without printing it (上年预算数; schemas/periods.yaml)
    prior_words: tuple[re.Pattern[str], ...] = field(default=(), compare=False, hash=False)
    # a row's words naming this year without printing it (本年预算数; schemas/periods.yaml)
    current_words: tuple[re.Pattern[str], ...] = field(default=(), compare=False, hash=False)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def column_ids(self) -> list[str]:
        """The columns of the cells spec (a column read only for the checks is left out)."""
        seen: list[str] = []
        for c in (*self.income_columns, *self.columns):
            if c.id not in seen and c.cell:
                seen.append(c.id)
        return seen

    @property
    def keyed_by_class(self) -> bool:
        """Its rows are keyed by classification (a code, or an economic class's name): keys a
        table prints again on each of its pages, where a list's names (a project's) are not."""
        return self.row_key in ("code", "economic_name")

    def names_a_unit(self, row: str) -> bool:
        """A row of a table keyed by classification code that is keyed by a name instead: one
        of the department's units (its label column headed 单位名称), not a cell of the spec."""
        return self.layout == "coded" and self.row_key == "code" and row != "total" and not row[:1].isdigit()

    @property
    def asked_columns(self) -> tuple[Column, ...]:
        """The columns a model reading the table is told of (its income side first)."""
        return tuple(c for c in (*self.income_columns, *self.columns) if c.model)

    def title_match(self, compact_title: str) -> int:
        """Length of the longest title match (0 = no match)."""
        for p in self.not_titles:  # (plain loops: asked of every table for each title line)
            if p.search(compact_title):
                return 0
        best = 0
        for p in self.titles:
            m = p.search(compact_title)
            if m and m.end() - m.start() > best:
                best = m.end() - m.start()
        return best


@dataclass(frozen=True)
class FactSchema:
    id: str
    patterns: tuple[re.Pattern[str], ...]
    aux: bool = False  # read only to check other facts; not a cell
    name: str = ""  # how people call it (收入预算总数); ``{class}`` for the class's name
    not_after: re.Pattern[str] | None = None  # skip a match whose sentence, before it, matches this
    part: re.Pattern[str] | None = None  # the fact is the sum of a list's items, each one match of this
    again: str = ""  # the fact is this other fact's next statement, in the same words
    in_words: bool = False  # its value is said in words (持平 → 0), not printed as a number
    evidence: bool = False  # read only to tell a tie between suspects apart (checks.yaml ``alike``)
    count: bool = False  # a count dated by 截至…, not an amount budgeted for a year (vehicles)
    # a money figure said per person or as a standard rate (人均…元, 按每人每年…元标准): never
    # the fact, whatever words it follows (narrative.yaml ``per_unit``: before it, right after it)
    per_unit: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # skip an item of a numbered list (1.… 2.…) whose lead-in (the sentence ending 如下) matches
    # this: the list is of another fund (政府性基金预算支出主要内容如下：…)
    list_scope: re.Pattern[str] | None = None


def _column(d: dict[str, Any]) -> Column:
    pat = d.get("pattern")
    return Column(
        id=d["id"],
        names=tuple(d.get("names") or ()),
        pattern=re.compile(pat) if pat else None,
        period=d.get("period"),
        title=d.get("title") or "/".join(d.get("names") or ()) or d["id"],
        cell=d.get("cell", True),
        model=d.get("model", True),
        whole_if_zero=tuple(d.get("whole_if_zero") or ()),
        sums=d.get("sums", True),
        scope_open_with=tuple(d.get("scope_open_with") or ()),
        confirm_by=tuple(d.get("confirm_by") or ()),
    )


def _identity(d: str | dict[str, Any]) -> Identity:
    s = d if isinstance(d, str) else d["identity"]
    left, right = s.split("=")
    extra = {} if isinstance(d, str) else d
    terms = re.findall(r"[+-]?\s*[^+-]+", right.strip())
    return Identity(
        left.strip(),
        tuple(t.lstrip("+-").strip() for t in terms),
        tuple(extra.get("unless") or ()),
        tuple(extra.get("only_with") or ()),
        tuple(t.lstrip("+-").strip() for t in terms if t.lstrip().startswith("-")),
        tuple(extra.get("inside") or ()),
    )


def _layout(d: dict[str, Any]) -> TableLayout:
    """The table's layout as the spec says it (``coded`` where it says none)."""
    layout = d.get("layout", "coded")
    known = get_args(TableLayout)
    if layout not in known:
        raise ValueError(f"table {d.get('id')}: layout {layout!r} is none of {', '.join(known)}")
    return layout


def _table(d: dict[str, Any]) -> TableSchema:
    def rx(v: Any) -> tuple[re.Pattern[str], ...]:
        if not v:
            return ()
        return tuple(re.compile(x) for x in ([v] if isinstance(v, str) else v))

    return TableSchema(
        id=d["id"],
        title=d.get("title", d["id"]),
        titles=rx(d.get("titles")),
        not_titles=rx(d.get("not_titles")),
        context=re.compile(d["context"]) if d.get("context") else None,
        not_context=re.compile(d["not_context"]) if d.get("not_context") else None,
        codes=d.get("codes", "any"),
        layout=_layout(d),
        row_key=d.get("row_key", "code"),
        columns=tuple(_column(c) for c in d.get("columns") or ()),
        income_columns=tuple(_column(c) for c in d.get("income_columns") or ()),
        ignore=rx(d.get("ignore")),
        canonical=tuple(d.get("canonical") or ()),
        rows={k: rx(v) for k, v in {**(d.get("rows") or {}), **(d.get("aux_lines") or {})}.items()},
        identities=tuple(_identity(s) for s in d.get("identities") or ()),
        carryover_breakdown=bool(d.get("carryover_breakdown")),
        hierarchy=bool(d.get("hierarchy")),
        balances=tuple(b if isinstance(b, str) else b["identity"] for b in d.get("balances") or ()),
        balance_lines={
            b["identity"]: b["lines"] for b in d.get("balances") or () if isinstance(b, dict) and "lines" in b
        },
        balance_unless={
            b["identity"]: tuple(b["unless"])
            for b in d.get("balances") or ()
            if isinstance(b, dict) and "unless" in b
        },
        aux_rows=frozenset((*(d.get("aux_rows") or ()), *(d.get("aux_lines") or {}))),
        unasked=frozenset(d.get("aux_lines") or {}),
        raw=d,
    )


@dataclass(frozen=True)
class Schemas:
    tables: dict[str, TableSchema]
    facts: tuple[FactSchema, ...]
    classes: dict[str, str]  # code -> name
    checks: dict[str, Any] = field(default_factory=dict)  # schemas/checks.yaml
    audit: dict[str, Any] = field(default_factory=dict)  # schemas/audit.yaml: the audit's rules
    units: dict[str, Any] = field(default_factory=dict)  # schemas/units.yaml: how a unit's line reads
    # the audit's table kinds and their title wordings (core/printed.py), in audit.yaml's order
    printed: dict[str, PrintedKind] = field(default_factory=dict)
    # how a unit's name ends, and the words of money that name none (narrative.yaml unit_subject)
    unit_subject: tuple[re.Pattern[str], re.Pattern[str]] | None = None

    def table(self, table_id: str) -> TableSchema:
        return self.tables[table_id]

    def is_cell(self, table: str, row: str, col: str) -> bool:
        """Whether a value is a cell of the interchange format: a column the spec names for its
        table, or a narrative fact that is not auxiliary (a prior-year figure kept for the checks)."""
        if table == "narrative":
            return row not in self.aux_facts
        # a row classified several ways at once (2050101/50101/30101) has no key in the spec,
        # which keys a row by one code: it stays in the result, not in the cells
        return (
            table in self.tables
            and col in self.table(table).column_ids
            and row not in self.table(table).aux_rows
            and "/" not in row
            and not self.table(table).names_a_unit(row)
        )

    @cached_property  # (the set's facts never change: found once, not per document)
    def aux_facts(self) -> frozenset[str]:
        return frozenset(f.id for f in self.facts if f.aux)

    @cached_property
    def signed_facts(self) -> frozenset[str]:
        """Facts that may be negative: a change read with its direction (增加/减少)."""
        return frozenset(f.id for f in self.facts if any("dir" in p.groupindex for p in f.patterns))


# one word character that is not ASCII (a Chinese character in this prose): the same matches
# as [\u4e00-\u9fff] here, but compiled 100 times faster (a wide character range costs ~0.7 ms
# to compile, and the alternation holds ~200 of them: most of a one-document run's CPU)
_ONE_HAN = r"(?![0-9A-Za-z_])\w"


def _class_alternation(classes: dict[str, str]) -> str:
    """Regex alternation of class names (without 支出); names of 4+ characters also
    match with one character different (住户保障 → 住房保障).

    The names are tried longest first. Alternatives of one length match the same span
    wherever any of them matches, so each run of them is written as one tree of their
    characters (文(?:化旅游…|?旅游…)…, ? the one that may differ): at a character no name
    starts with, the engine rejects the run at once, not after trying ~200 alternatives."""
    seqs: list[tuple[str | None, ...]] = []  # None: the one character that may differ
    for name in sorted(classes.values(), key=len, reverse=True):
        base = name[:-2] if name.endswith("支出") else name
        seqs.append(tuple(base))
        if len(base) >= 4:
            for i in range(len(base)):
                seqs.append((*base[:i], None, *base[i + 1 :]))
    runs = [list(run) for _, run in itertools.groupby(seqs, key=len)]
    return "|".join(_tree(run) for run in runs)


def _tree(seqs: list[tuple[str | None, ...]]) -> str:
    """One pattern matching exactly the given sequences (of one length): their common
    beginnings written once."""
    tree: dict = {}
    for seq in seqs:
        node = tree
        for ch in seq:
            node = node.setdefault(ch, {})
    return _branches(tree)


def _branches(node: dict) -> str:
    alts = [(_ONE_HAN if ch is None else re.escape(ch)) + _branches(rest) for ch, rest in node.items()]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""


def class_for_name(name: str, classes: dict[str, str]) -> str | None:
    """Function class code for a printed class name, tolerating one differing character
    in names of four characters or more; ``None`` when nothing fits."""
    n = re.sub(r"^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+[、.]|^\d+[.、]", "", name)
    n = n.removesuffix("支出")
    for code, cname in classes.items():
        base = cname.removesuffix("支出")
        if n == base:
            return code
    for code, cname in classes.items():
        base = cname.removesuffix("支出")
        if len(base) >= 4 and len(n) == len(base) and sum(a != b for a, b in zip(n, base, strict=True)) == 1:
            return code
    return None


def _fragments(pattern: str, fragments: dict[str, str]) -> str:
    """The pattern with narrative.yaml's named ``fragments`` ({PCT_FIRST}…) written out."""
    for name, text in fragments.items():
        pattern = pattern.replace("{" + name + "}", text)
    return pattern


def _own_or_shipped(base: Path, name: str) -> Path | None:
    """The set's own word list ``name`` (rows.yaml, periods.yaml), else the shipped set's: a set
    without one would match no total or year row, and lose those rows unsaid."""
    for path in (base / name, data_dir("schemas") / name):
        if path.exists():
            return path
    return None


@cache
def load(root: Path | None = None) -> Schemas:
    root = root or data_dir("schemas")
    tables: dict[str, TableSchema] = {}
    for path in sorted((root / "tables").glob("*.yaml")):
        d = _yaml(path)
        t = _table(d)
        tables[t.id] = t
    # a set of its own (schemas/final/: 决算) shares the classes, the economic names and the audit's rules
    base = root if (root / "classes.yaml").exists() else data_dir("schemas")
    classes = {str(k): v for k, v in _yaml(base / "classes.yaml").items()}
    if (base / "economic.yaml").exists():
        economic = {str(k): str(v) for k, v in (_yaml(base / "economic.yaml") or {}).items()}
        for tid, t in tables.items():
            if t.row_key == "economic_name":
                tables[tid] = replace(t, row_names=economic)
    if (words_at := _own_or_shipped(base, "rows.yaml")) is not None:
        rows = _yaml(words_at) or {}
        words = row_words(rows)
        tables = {tid: replace(t, row_words=words) for tid, t in tables.items()}
        units = tuple(re.compile(p) for p in rows.get("units") or ())
        numbering = tuple(re.compile(p) for p in rows.get("numbering") or ())
        for tid, t in tables.items():
            tables[tid] = t = replace(t, numbering=numbering)
            if t.layout == "coded" and t.row_key == "code":
                tables[tid] = replace(t, unit_labels=units)
    if (periods_at := _own_or_shipped(base, "periods.yaml")) is not None:
        pw = _yaml(periods_at) or {}
        prior = tuple(re.compile(p) for p in pw.get("prior") or ())
        current = tuple(re.compile(p) for p in pw.get("current") or ())
        tables = {tid: replace(t, prior_words=prior, current_words=current) for tid, t in tables.items()}
    nd = _yaml(root / "narrative.yaml")
    cls_alt = _class_alternation(classes)
    rate = nd.get("per_unit") or (_yaml(base / "narrative.yaml") or {}).get("per_unit")
    per_unit = (re.compile(rate["before"]), re.compile(rate["after"])) if rate else None
    facts = []
    for f in nd["facts"]:
        pats = tuple(
            re.compile(
                _fragments(p, nd.get("fragments") or {})
                .replace("{NUM}", NUM)
                .replace("{UNIT}", UNIT)
                .replace("{CLASS}", cls_alt)
            )
            for p in f["patterns"]
        )
        not_after = re.compile(f["not_after"]) if f.get("not_after") else None
        part = re.compile(f["part"].replace("{NUM}", NUM)) if f.get("part") else None
        facts.append(
            FactSchema(
                f["id"],
                pats,
                bool(f.get("aux")),
                str(f.get("name") or ""),
                not_after,
                part,
                str(f.get("again") or ""),
                bool(f.get("in_words")),
                bool(f.get("evidence")),
                bool(f.get("count")),
                None if f.get("count") else per_unit,
                re.compile(f["list_scope"]) if f.get("list_scope") else None,
            )
        )
    checks = _yaml(root / "checks.yaml") or {}
    audit = (_yaml(base / "audit.yaml") if (base / "audit.yaml").exists() else {}) or {}
    unit_lines = (_yaml(base / "units.yaml") if (base / "units.yaml").exists() else {}) or {}
    printed = kinds(audit, lambda tid: _table_yaml(base, tid))
    us = nd.get("unit_subject") or (_yaml(base / "narrative.yaml") or {}).get("unit_subject")
    unit_subject = (re.compile(us["name_end"]), re.compile(us["money_words"])) if us else None
    return Schemas(tables, tuple(facts), classes, checks, audit, unit_lines, printed, unit_subject)


def _table_yaml(root: Path, table_id: str) -> Any:
    """A table's YAML in the set at ``root`` (the audit's title wordings are held by the
    budget set's tables, which every set shares the audit with)."""
    path = root / "tables" / f"{table_id}.yaml"
    return _yaml(path) if path.exists() else None


# -- pydantic models built from the definitions ----------------------------------------


# the models built for a spec, by (id of the spec, table id); the spec is kept with them so
# that its id is not reused while they are cached
_MODELS: dict[tuple[int, str, str], tuple[Schemas, type[BaseModel]]] = {}


def row_model(spec: Schemas, table_id: str) -> type[BaseModel]:
    """``<Table>Row``: the row key plus one optional field per cells-spec column."""
    key = (id(spec), "row", table_id)
    if key not in _MODELS:
        _MODELS[key] = (spec, _row_model(spec.table(table_id)))
    return _MODELS[key][1]


def _row_model(t: TableSchema) -> type[BaseModel]:
    table_id = t.id
    fields: dict[str, Any] = {
        "key": (str, Field(description="row key: classification code, 'total', or the spec's row id")),
        "label": (str, Field(default="", description="the row label as printed")),
    }
    for cid in t.column_ids:
        fields[cid] = (str | None, Field(default=None, description=f"column {cid}, as printed"))
    name = "".join(p.capitalize() for p in table_id.split("_")) + "Row"
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


def table_model(spec: Schemas, table_id: str) -> type[BaseModel]:
    key = (id(spec), "table", table_id)
    if key not in _MODELS:
        t = spec.table(table_id)
        name = "".join(p.capitalize() for p in table_id.split("_")) + "Table"
        row: Any = row_model(spec, table_id)
        model = create_model(name, __doc__=t.title, rows=(list[row], Field(default_factory=list)))
        _MODELS[key] = (spec, model)
    return _MODELS[key][1]
