"""Prompt templates from ``prompts/`` (``$name`` placeholders) and their version."""

from __future__ import annotations

from functools import cache
from string import Template

from .resources import data_dir


@cache
def version() -> str:
    return (data_dir("prompts") / "VERSION").read_text(encoding="utf-8").strip()


@cache
def _template(name: str) -> Template:
    return Template((data_dir("prompts") / f"{name}.md").read_text(encoding="utf-8"))


def render(name: str, **values: str) -> str:
    return _template(name).substitute(**values).strip()
