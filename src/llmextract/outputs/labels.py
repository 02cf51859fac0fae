"""Chinese names for people (tables, rows, columns): defined in ``core/labels.py``, where the
checks' messages use them too; kept here for the outputs that import them."""

from ..core.labels import NARRATIVE, PERIODS, SIDES, TOTAL, Labels, rows_for_people, side, sides

__all__ = ["NARRATIVE", "PERIODS", "SIDES", "TOTAL", "Labels", "rows_for_people", "side", "sides"]
