"""Audit beyond arithmetic: the rules of ``schemas/audit.yaml`` (structure, text, prose).

Each rule names a mechanism (``check``) from the registry below; the mechanisms live in
``audit_structure``, ``audit_text``, ``audit_prose``, ``audit_facts`` and ``audit_items`` (with
``audit_figures``: a sentence's figures and their roles) and read the document through
:class:`~llmextract.audit.document.AuditDoc` (the decoded text's lines, pages, contents and
table titles as ``document/`` reads them, its prose), so the audit does not depend on how well
the tables were read. A finding is a :class:`~llmextract.result.Check` with ``category``
structure/text/prose, the 1-based ``line`` (and ``page``) where a person finds it, no cell,
and ``source: document``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..core.result import Check, Result
from ..core.source import Source
from . import changes as audit_changes
from . import facts as audit_facts
from . import items as audit_items
from . import plan as audit_plan
from . import prose as audit_prose
from . import structure as audit_structure
from . import wording as audit_text
from .document import AuditDoc, Finding

Mechanism = Callable[[AuditDoc, dict[str, Any], Result], Iterator[Finding]]

REGISTRY: dict[str, Mechanism] = {
    "required_tables": audit_structure.required_tables,
    "duplicate_tables": audit_structure.duplicate_tables,
    "toc_vs_body": audit_structure.toc_vs_body,
    "body_vs_toc": audit_structure.body_vs_toc,
    "empty_tables": audit_structure.empty_tables,
    "says_empty_with_values": audit_structure.says_empty_with_values,
    "title_year": audit_text.title_year,
    "base_year": audit_text.base_year,
    "period_year": audit_text.period_year,
    "prose_year": audit_text.prose_year,
    "repeated_passage": audit_text.repeated_passage,
    "line_pattern": audit_text.line_pattern,
    "doubled_word": audit_text.doubled_word,
    "money_unit": audit_text.money_unit,
    "change_percent": audit_prose.change_percent,
    "change_amount": audit_prose.change_amount,
    "comparison": audit_prose.comparison,
    "share_percent": audit_prose.share_percent,
    "item_vs_table": audit_items.item_vs_table,
    "stated_twice": audit_facts.stated_twice,
    "parts_sum": audit_facts.parts_sum,
    "part_exceeds_whole": audit_facts.part_exceeds_whole,
    "zero_vs_table": audit_facts.zero_vs_table,
    "plan_direction": audit_plan.plan_direction,
    "plan_percent": audit_plan.plan_percent,
    "year_is": audit_plan.year_is,
    "change_words": audit_changes.change_words,
    "change_of_subject": audit_changes.change_of_subject,
}


# the mechanisms that read a line, a title or a sentence on its own, not the whole file nor the
# tables: they run on every piece of a text read in pieces (pipeline.run_long); the others only
# on its first piece
PIECEWISE = frozenset(
    {
        "title_year",
        "period_year",
        "prose_year",
        "line_pattern",
        "doubled_word",
        "change_percent",
        "change_amount",
        "comparison",
        "share_percent",
        "plan_direction",
        "plan_percent",
        "year_is",
        "change_words",
        "change_of_subject",
    }
)


def validated(cfg: dict[str, Any]) -> dict[str, Any]:
    """The audit rules of a schema set (``schemas/audit.yaml``), each naming a known mechanism."""
    for rule in cfg.get("rules", []):
        if rule["check"] not in REGISTRY:
            raise ValueError(f"audit.yaml: rule {rule['id']}: unknown check {rule['check']!r}")
    return cfg


def audit(
    src: Source, result: Result, config: dict[str, Any] | None = None, only: frozenset[str] | None = None
) -> list[Check]:
    """The audit findings on one document (to be appended to its arithmetic checks), by the
    rules of the schema set it was read with (or ``config``); ``only``: the rules of these
    mechanisms (a piece of a long text: :data:`PIECEWISE`)."""
    cfg = validated(config or result.spec.audit)
    doc = AuditDoc(src, result.source.year, cfg, result.source.kind, result.spec.printed)
    out: list[Check] = []
    seen: set[tuple[str, int, str]] = set()
    for rule in cfg.get("rules", []):
        if doc.kind not in rule.get("documents", [doc.kind]):
            continue
        if only is not None and rule["check"] not in only:
            continue
        if rule.get("not_in_template") and result.source.template:
            continue  # a blank template's placeholders are what it is made of
        try:
            found = list(REGISTRY[rule["check"]](doc, rule, result))
        except Exception as e:  # noqa: BLE001 - one rule's failure must not lose the document
            result.warnings.append(f"audit rule {rule['id']} could not be evaluated: {type(e).__name__}: {e}")
            continue
        for f in found:
            template = rule[f.fields.get("message_key", "message")]
            msg = template.format_map(_Fields(f.fields))
            key = (rule["id"], f.line, msg)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Check(
                    rule=rule["id"],
                    table="",
                    row="",
                    col="",
                    expected=f.expected,
                    found=f.found,
                    cells=[],
                    source="document",
                    message=msg,
                    category=rule["category"],
                    line=f.line,
                    page=doc.page(f.line),
                )
            )
    out.sort(key=lambda c: (c.line or 0, c.rule))
    return out


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
