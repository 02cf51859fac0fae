"""Prompt templates from ``prompts/`` (``$name`` placeholders) and their version."""

from __future__ import annotations

from functools import cache
from string import Template

import yaml

from ..core.resources import data_dir


@cache
def version() -> str:
    return (data_dir("prompts") / "VERSION").read_text(encoding="utf-8").strip()


@cache
def _template(name: str) -> Template:
    return Template((data_dir("prompts") / f"{name}.md").read_text(encoding="utf-8"))


def render(name: str, **values: str) -> str:
    return _template(name).substitute(**values).strip()


@cache
def fact_meanings() -> dict[str, str]:
    """Each narrative fact's one-line meaning, from ``schemas/narrative.yaml`` (its ``meaning``)."""
    data = yaml.safe_load((data_dir("schemas") / "narrative.yaml").read_text(encoding="utf-8"))
    return {f["id"]: f.get("meaning", "") for f in data["facts"]}


def fact_lines(ids: list[str]) -> str:
    """The prompt's list of facts: one line each, the id and what it means."""
    m = fact_meanings()
    return "\n".join(f"- {i}: {m[i]}" if m.get(i) else f"- {i}" for i in ids)
