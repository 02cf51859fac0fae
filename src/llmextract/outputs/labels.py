"""Chinese names for people (tables, rows, columns): defined in ``core/labels.py``, where the
checks' messages use them too; kept here for the outputs that import them."""

from ..core.labels import (
    NARRATIVE,
    PERIODS,
    SIDES,
    TOTAL,
    cell_ref,
    column_id,
    column_name,
    column_names,
    fact_name,
    row_name,
    rows_for_people,
    short_title,
    side,
    sides,
    table_title,
)

__all__ = [
    "NARRATIVE",
    "PERIODS",
    "SIDES",
    "TOTAL",
    "cell_ref",
    "column_id",
    "column_name",
    "column_names",
    "fact_name",
    "row_name",
    "rows_for_people",
    "short_title",
    "side",
    "sides",
    "table_title",
]
