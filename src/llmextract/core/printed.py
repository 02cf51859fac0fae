"""The table kinds the audit's structure rules know (``schemas/audit.yaml`` ``tables:``), with
how each is recognised printed in any document: the ``printed_titles`` / ``printed_not_titles``
of the spec table its ``read_as`` names first (``schemas/tables/``), so that a table's title
wordings are held in one place, its own YAML.

They are wider than the table's ``titles`` (which choose the reader of a chunk): they find the
table in a 预算 or a 决算, under any region's wording, also where no reader reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PrintedKind:
    """A table kind of the audit and the title wordings that name it."""

    id: str
    titles: tuple[re.Pattern[str], ...]
    not_titles: tuple[re.Pattern[str], ...] = ()
    variant: re.Pattern[str] | None = None  # a second printing that is not a duplicate (政府经济分类)

    def names(self, title: str) -> bool:
        """Whether ``title`` (compact, its label removed) names this kind of table."""
        return any(p.search(title) for p in self.titles) and not any(n.search(title) for n in self.not_titles)


def _patterns(v: Any) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(x) for x in ([v] if isinstance(v, str) else v or ()))


def kinds(
    audit: Mapping[str, Any], table_yaml: Callable[[str], Mapping[str, Any] | None]
) -> dict[str, PrintedKind]:
    """The audit's table kinds in the order ``audit.yaml`` lists them (the first that names a
    title is its kind). ``table_yaml`` gives a spec table's YAML by id (None: no such table)."""
    out: dict[str, PrintedKind] = {}
    for kind, v in (audit.get("tables") or {}).items():
        home = (v.get("read_as") or [None])[0]
        d = table_yaml(home) if home else None
        if not d or not d.get("printed_titles"):
            raise ValueError(
                f"audit.yaml: table kind {kind!r}: the first table of its read_as ({home})"
                " names no printed_titles"
            )
        out[kind] = PrintedKind(
            kind,
            _patterns(d["printed_titles"]),
            _patterns(d.get("printed_not_titles")),
            re.compile(v["variant"]) if v.get("variant") else None,
        )
    return out
