"""The unit a prose figure is given in the outputs (cells, CSV, xlsx, review page, database)."""

from __future__ import annotations

from ..core.result import Fact
from ..core.schemas import Schemas


def fact_unit(spec: Schemas, fact: Fact) -> str:
    """The unit of a prose figure: the one the prose prints (万元, 元, 亿元; 万元 when it was
    read without it), '' for a count."""
    return "" if any(f.id == fact.id and f.count for f in spec.facts) else fact.unit or "万元"
