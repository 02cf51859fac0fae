"""Chinese names for people: table titles, column headings and row names, built from the
definitions in ``schemas/`` (table titles, the header words of each column, ``classes.yaml``)
and from what the document printed. Ids stay the machines' names (JSON, cells, database);
these are what the review page, the spreadsheet and the CSV headers show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .result import Result, Row, Table
from .schemas import Column, Schemas, TableSchema

SIDES = {"in": "收入", "out": "支出"}  # the two sides of a 收支总表 (row ids in.* / out.*)
PERIODS = {"current": "本年", "prior": "上年"}  # Column.period, and the rows of a periods table
TOTAL = "合计"
NARRATIVE = "情况说明"


def _column_word(c: Column) -> str:
    if c.pattern is not None and c.title:
        return c.title
    return c.names[0] if c.names else c.id


def _pattern_words(pattern: str) -> str:
    """Readable words of a simple row pattern: ``本年收入(合计)?$`` → 本年收入合计."""
    p = pattern.strip("^$")
    p = re.sub(r"\(\?:?", "(", p)
    p = re.sub(r"\(([^()|]*)(?:\|[^()]*)?\)\??", r"\1", p)  # a group: its first alternative
    p = re.sub(r"\.[*+?]|\.\{\d*,?\d*\}|[\\?*+^$]", "", p)
    return p


def headings(s: TableSchema) -> dict[str, str]:
    """Column id → its heading in Chinese for one table (``basic`` → 基本支出, 上年 for a prior
    period), for readers that hold a table's schema."""
    out: dict[str, str] = {}
    for c in (*s.income_columns, *s.columns):
        if c.id in out:
            continue
        word = _column_word(c)
        if c.period in PERIODS and not word.startswith(PERIODS[c.period]):
            word = PERIODS[c.period] + word
        out[c.id] = word
    return out


def side(key: str) -> str | None:
    """收入 or 支出 for a row of a 收支总表 (``in.*``, ``out.*``), else None."""
    return SIDES.get(key.split(".", 1)[0]) if "." in key else None


def sides(table: Table) -> tuple[list[Row], list[Row]] | None:
    """The 收入 and 支出 rows of a two-sided table, each in print order; None for other tables."""
    ins = [r for r in table.rows if r.key.startswith("in.")]
    outs = [r for r in table.rows if r.key.startswith("out.")]
    if not ins or not outs or len(ins) + len(outs) != len(table.rows):
        return None
    return ins, outs


def rows_for_people(table: Table) -> list[Row]:
    """The rows in reading order: a 收支总表's 收入 side, then its 支出 side."""
    two = sides(table)
    return [*two[0], *two[1]] if two else list(table.rows)


class Labels:
    """The Chinese names of one schema set's tables, columns, rows and facts."""

    def __init__(self, spec: Schemas) -> None:
        self.spec = spec
        self._columns_of: dict[str, dict[str, str]] = {}
        self._rows_of: dict[str, dict[str, str]] = {}

    def _schema(self, table_id: str) -> TableSchema | None:
        return self.spec.tables.get(table_id)

    def table_title(self, table: Table | str) -> str:
        """The title as printed (markdown marks and spaces trimmed), else the schema's title."""
        if isinstance(table, Table):
            printed = re.sub(r"^[#\s]+|\s+$", "", table.title or "")
            if printed:
                return printed
            table = table.id
        if table == "narrative":
            return NARRATIVE
        s = self._schema(table)
        return s.title if s else table

    def short_title(self, table_id: str) -> str:
        """The schema's title (the same for every department): for sheet names and references."""
        return self.table_title(table_id)

    def _columns(self, table_id: str) -> dict[str, str]:
        if table_id in self._columns_of:
            return self._columns_of[table_id]
        s = self._schema(table_id)
        if s is None:
            return {}
        out = headings(s)
        self._columns_of[table_id] = out
        return out

    def column_name(self, table_id: str, col: str) -> str:
        """A column's heading in Chinese (``basic`` → 基本支出); the id when the schema has none."""
        return self._columns(table_id).get(col, col)

    def column_names(self, table_id: str, cols: Iterable[str]) -> list[str]:
        """Headings for these columns, unique within the table (the id added where two coincide)."""
        cols = list(cols)
        names = [self.column_name(table_id, c) for c in cols]
        return [f"{n}（{c}）" if names.count(n) > 1 else n for n, c in zip(names, cols, strict=True)]

    def column_id(self, table_id: str, heading: str) -> str:
        """The column id of a heading written by :func:`column_names` (or of an id itself)."""
        if m := re.fullmatch(r".*（(\w+)）", heading):
            return m.group(1)
        return next((c for c, n in self._columns(table_id).items() if n == heading), heading)

    def _row_names(self, table_id: str) -> dict[str, str]:
        if table_id not in self._rows_of:
            s = self._schema(table_id)
            self._rows_of[table_id] = (
                {key: _pattern_words(pats[0].pattern) for key, pats in s.rows.items() if pats} if s else {}
            )
        return self._rows_of[table_id]

    def row_name(self, table_id: str, key: str, label: str = "") -> str:
        """A row's name: as printed when known, else from the schema (class names from
        classes.yaml, summary rows from their definitions, periods, 合计)."""
        if key in PERIODS:  # a row of a periods table (三公: 本年 and 上年), whatever it printed
            return PERIODS[key]
        schema = self._schema(table_id)
        if schema is not None and key in (named := schema.raw.get("periods") or {}):
            return str(named[key]["name"])  # a 决算's 三公 rows: 预算数, 决算数
        if "/" in key and key.startswith("out."):  # a class's 款 or 项 by name: out.205/职业教育/技校教育
            cls, *names = key.split("/")
            return label.strip() or " · ".join([self.row_name(table_id, cls), *names])
        if "/" in key:  # a unit's figure: prior/426003
            of, unit = key.split("/", 1)
            if label.strip() and unit.split("#")[0] == "".join(label.split()):  # a list's unit/name
                return f"{self.row_name(table_id, of)} · {label.strip()}"
            return f"{self.row_name(table_id, of)} · {unit} {label.strip() or '单位'}"
        if label.strip():
            return label.strip()
        if key == "total":
            return TOTAL
        if table_id == "narrative":
            return key
        side, _, rest = key.partition(".")
        if side in SIDES and rest:
            name = self._row_names(table_id).get(key) or self.row_name(table_id, rest)
            return name if name != rest else key
        classes = self.spec.classes
        return classes.get(key, self._row_names(table_id).get(key, key))

    def fact_name(self, fact_id: str) -> str:
        """A narrative fact's name from schemas/narrative.yaml (``expense.208`` → 社会保障和就业支出)."""
        s = self.spec
        for f in s.facts:
            if f.id == fact_id and f.name:
                return f.name
            head, _, code = fact_id.rpartition(".")  # final.expense.208: final.expense, 208
            if f.id == f"{head}.{{code}}" and code in s.classes:
                return f.name.replace("{class}", s.classes[code]) if f.name else s.classes[code]
        return fact_id

    def cell_ref(self, result: Result | None, table: str, row: str, col: str) -> str:
        """``table:row:col`` in words: 一般公共预算财政拨款支出预算表 · 208 社会保障和就业支出 · 基本支出."""
        if table == "narrative":
            return f"{NARRATIVE} · {self.fact_name(row)}"
        label = ""
        t = result.table(table) if result else None
        if t is not None:
            r = t.row(row) or next((u for u in t.units if u.ref == row), None)
            label = r.label if r is not None else ""
        name = self.row_name(table, row, label)
        code = row if re.fullmatch(r"\d{3,}", row) else ""
        row_words = f"{code} {name}" if code and name != code else name
        where = side(row)
        if where and not row_words.startswith(where):
            row_words = f"{where} {row_words}"
        return f"{self.short_title(table)} · {row_words} · {self.column_name(table, col)}"
