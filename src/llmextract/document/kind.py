"""The document's kind (预算 or 决算) and scope (部门 or 单位), derived once per document from
its title page and its table titles (``schemas/kinds.yaml``), and the schema set each kind
is read with.

A document of a kind llmextract cannot read (a 绩效自评 report, a 预算执行情况报告) is named
as such, so that it is not read as a budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from ..core.kinds import Kind, Scope
from ..core.resources import data_dir
from ..core.schemas import Schemas, load

__all__ = ["DocKind", "Kind", "Scope", "derive", "schemas_for"]

HEAD_LINES = 40  # the title page is within the text's first lines
HEAD_MAX = 8  # and holds a few of them


@dataclass(frozen=True)
class DocKind:
    kind: Kind | None  # None: a kind llmextract cannot read (``unreadable`` names it)
    scope: Scope | None  # None: neither the title page nor the table titles say
    unreadable: str = ""  # 绩效自评报告, 预算执行情况报告 …
    said_by: str = ""  # "title", "tables" or "" (not said: read as a budget)
    template: bool = False  # a blank template: its title page names a placeholder department


@cache
def config() -> dict[str, Any]:
    with open(data_dir("schemas") / "kinds.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def _compact(s: str) -> str:
    return "".join(s.split())  # = re.sub(r"\s+", "", s), without the regex


def title_page(text: str) -> str:
    """The title page: the text's first lines up to its contents (目录), its first table or
    its first sentence, joined without whitespace (a title broken over lines reads whole)."""
    out: list[str] = []
    for raw in text.splitlines()[:HEAD_LINES]:
        c = _compact(raw).lstrip("#")
        if not c:
            continue
        if "目录" in c or "。" in c or re.search(r"单位[:：](?:万)?元|表$|表[(（]", c):
            break
        out.append(c)
        if len(out) >= HEAD_MAX:
            break
    return "".join(out)


def _table_titles(text: str) -> list[str]:
    return [c for c in (_compact(x) for x in text.splitlines()) if 4 <= len(c) <= 60 and "。" not in c]


def derive(text: str) -> DocKind:
    """The kind and scope of the document whose (normalised) text is ``text``."""
    cfg = config()
    head = title_page(text)
    scope = next((Scope(s) for s, p in cfg["scopes"].items() if re.search(p, head)), None)
    template = bool(re.search(cfg["template"], head))
    for name, pat in cfg["unreadable"].items():
        if re.search(pat, head):
            return DocKind(None, scope, name, "title")
    for k, spec in cfg["kinds"].items():
        if re.search(spec["title"], head):
            return DocKind(Kind(k), scope, said_by="title", template=template)
    titles = _table_titles(text)
    counts = {}
    for k, spec in cfg["kinds"].items():
        ends = re.compile(spec["tables"] + "$")
        counts[k] = sum(1 for t in titles if ends.search(t))
    if scope is None:
        joined = "".join(t for t in titles if t.endswith("表"))  # compact: no line break to end on
        scope = next((Scope(s) for s, p in cfg["scopes"].items() if re.search(p, joined)), None)
    best = max(counts, key=lambda k: counts[k])
    if counts[best]:
        return DocKind(Kind(best), scope, said_by="tables", template=template)
    return DocKind(Kind.BUDGET, scope, template=template)


def schemas_for(kind: Kind | None) -> Schemas:
    """The schema set a document of this kind is read with (the budget set when unknown)."""
    sub = config()["kinds"].get(str(kind or Kind.BUDGET), {}).get("schemas") or ""
    return load(data_dir("schemas") / sub) if sub else load()
