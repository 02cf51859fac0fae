"""What a structure request asks and what the model may answer: a table region's mapping.

The model names only the structure of a region the embedded reader could not place — which
schema table it is (or none), which schema column each header word is, where the row keys
stand, the money unit — never a number. The answer is validated against the candidates the
prompt offered: an unknown table or column id is refused with the exact error (instructor
re-asks with it); a header word that is not printed in the region's header is dropped.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator


class RowKeys(StrEnum):
    """Where a region's row keys stand."""

    CODE = "code"  # a classification code column (201, 20101, 2010101; or split 201 | 01 | 01)
    LABEL = "label"  # named rows (一、一般公共预算拨款收入, 合计 …)
    YEAR = "year"  # one row per year (三公: this year, last year)
    PROJECT = "project"  # one row per project (its code or name)


class Unit(StrEnum):
    YUAN = "元"
    THOUSAND = "千元"
    TEN_THOUSAND = "万元"


class HeaderColumn(BaseModel):
    number: int | None = Field(default=None, description="the column's number in the list of columns")
    header: str | None = Field(default=None, description="or: a header word exactly as printed")
    column: str | None = Field(
        default=None, description="the candidate table's column id this column is, or null for none"
    )


class StructureAnswer(BaseModel):
    """The structure of one table region: which table, which column each header word is."""

    table: str | None = Field(description="the candidate table id this region is, or null when none fits")
    columns: list[HeaderColumn] = Field(
        default_factory=list, description="each header word of an amount column and its column id"
    )
    row_keys: RowKeys | None = Field(default=None, description="where the row keys stand")
    unit: Unit | None = Field(default=None, description="the money unit the region says it prints in")

    @field_validator("table", mode="before")
    @classmethod
    def no_table(cls, v: Any) -> Any:
        return None if isinstance(v, str) and v.strip().lower() in ("", "none", "null") else v

    @field_validator("unit", "row_keys", mode="before")
    @classmethod
    def unknown_is_none(cls, v: Any, info: ValidationInfo) -> Any:
        """Neither is a number or a placement: an answer outside the vocabulary is ignored."""
        known = {m.value for m in (Unit if info.field_name == "unit" else RowKeys)}
        return v if isinstance(v, str) and v.strip() in known else None

    @model_validator(mode="after")
    def known_ids(self, info: ValidationInfo) -> StructureAnswer:
        """Table and column ids must be the candidates'; header words must be printed."""
        ctx = info.context or {}
        cands: dict[str, list[str]] | None = ctx.get("candidates")
        header: str | None = ctx.get("header")
        if cands is None:
            return self
        problems: list[str] = []
        if self.table is not None and self.table not in cands:
            problems.append(
                f"table {self.table!r} is not one of the candidates ({', '.join(cands)}, or null)"
            )
        elif self.table is not None:
            ids = cands[self.table]
            # a column given by the document's word for it (基本支出 for basic): that column,
            # when the word names exactly one of the table's columns (this year's first)
            words: dict[str, str] = (ctx.get("aliases") or {}).get(self.table, {})
            for c in self.columns:
                if c.column is not None and c.column.strip() in ids:
                    c.column = c.column.strip()
                if c.column is not None and c.column not in ids and _compact(c.column) in words:
                    c.column = words[_compact(c.column)]
            for c in self.columns:
                if c.column is not None and c.column not in ids:
                    problems.append(
                        f"column {c.column!r} is not a column of {self.table} "
                        f"(its columns: {', '.join(ids)}; or null)"
                    )
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)) + ". Answer with the ids listed.")
        if header is not None:
            # a column number the region does not have, a header word it does not print: no
            # mapping of it (dropped); a number stands for that column's whole header path
            paths: list[str] = list(ctx.get("paths") or ())
            kept = []
            for c in self.columns:
                if c.number is not None:
                    if 1 <= c.number <= len(paths) and paths[c.number - 1]:
                        kept.append(c.model_copy(update={"header": paths[c.number - 1]}))
                elif c.header is not None and _printed(_compact(c.header), header, set(paths)):
                    kept.append(c)
            self.columns = kept
        return self


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _printed(word: str, header: str, paths: set[str]) -> bool:
    return bool(word) and (word in paths or word in header or word in "".join(paths))
