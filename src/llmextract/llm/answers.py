"""The answers a model is asked for: a table's schema model taking JSON numbers, grounded
against the chunk's grid, and the narrative facts' answer."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, create_model, field_validator, model_validator

from ..core.schemas import Schemas, table_model
from ..reading.rowkeys import printed_value
from .grounding import NUM, FactGrid, TableGrid, to_text


def numbers_in(text: str) -> set[str]:
    return {printed_value(m.group(0)) for m in NUM.finditer(text)}


def _numbers_as_text(data: Any) -> Any:
    """JSON numbers in an answer (1009.29, 1009.2900000001) as strings, for the string fields."""
    if isinstance(data, dict):
        return {k: _numbers_as_text(v) if k not in ("key", "label", "id") else v for k, v in data.items()}
    if isinstance(data, list):
        return [_numbers_as_text(x) for x in data]
    if isinstance(data, int | float) and not isinstance(data, bool):
        return to_text(data)
    return data


def _refuse(problems: list[str], advice: str) -> None:
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise ValueError("; ".join(dict.fromkeys(problems[:10])) + more + ". " + advice)


_RESPONSE_MODELS: dict[tuple[int, str], tuple[Schemas, type[BaseModel]]] = {}


def table_response_model(spec: Schemas, table_id: str) -> type[BaseModel]:
    """The table's schema model, taking JSON numbers, plus positional grounding against the
    chunk's grid (``context["grid"]``; ``context["numbers"]``: only printed somewhere)."""
    key = (id(spec), table_id)
    if key not in _RESPONSE_MODELS:
        _RESPONSE_MODELS[key] = (spec, _table_response_model(spec, table_id))
    return _RESPONSE_MODELS[key][1]


def _table_response_model(spec: Schemas, table_id: str) -> type[BaseModel]:
    base = table_model(spec, table_id)

    def numbers(cls: type[BaseModel], data: Any) -> Any:  # noqa: ARG001
        return _numbers_as_text(data)

    def grounded(self: BaseModel, info: ValidationInfo) -> BaseModel:
        ctx = info.context or {}
        grid: TableGrid | None = ctx.get("grid")
        problems = []
        for r in getattr(self, "rows", []):
            d = r.model_dump()
            key = re.sub(r"\s+", "", str(d.pop("key")))
            d.pop("label", None)
            for col, v in d.items():
                if v in (None, "") or printed_value(str(v)) in ("-", "—"):
                    continue
                if grid is not None:
                    found = grid.locate(key, col, str(v))
                    if isinstance(found, str):
                        problems.append(found)
                elif "numbers" in ctx and printed_value(str(v)).lstrip("-") not in {
                    n.lstrip("-") for n in ctx["numbers"]
                }:
                    problems.append(f"{v} is not printed in the table text")
        _refuse(
            problems,
            "Copy every number from its own row and column, exactly as printed; leave blank cells empty.",
        )
        return self

    validators: dict[str, Any] = {
        "numbers": model_validator(mode="before")(numbers),
        "grounded": model_validator(mode="after")(grounded),
    }
    return create_model(base.__name__, __base__=base, __validators__=validators)


class NarrativeItem(BaseModel):
    id: str = Field(description="the fact id, e.g. income_total, expense.208, three_public_total")
    value: str = Field(description="the number as stated; negative for 减少/下降")

    @field_validator("value", mode="before")
    @classmethod
    def number_as_text(cls, v: Any) -> Any:
        return to_text(v) if isinstance(v, int | float) and not isinstance(v, bool) else v

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
        ctx = info.context or {}
        grid: FactGrid | None = ctx.get("grid")
        problems = []
        for f in self.facts:
            if grid is not None:
                found = grid.locate(f.id, f.value)
                if isinstance(found, str):
                    problems.append(found)
            elif "numbers" in ctx and printed_value(f.value).lstrip("-") not in ctx["numbers"]:
                problems.append(f"{f.value} is not stated in the text")
        _refuse(problems, "Give each number the id of the fact the sentence states, exactly as printed.")
        return self
