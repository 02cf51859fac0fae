"""The audit's table kinds as printed titles name them (``printed_titles`` in each spec table):
the first kind in ``audit.yaml``'s order that names a title is its kind. A 基本支出总表 or a
项目支出总表 is not the 支出总表, else a missing 支出总表 hides behind them."""

from __future__ import annotations

import pytest

from llmextract.core.schemas import load


def _kind(title: str) -> str | None:
    printed = load().printed
    return next((k for k, p in printed.items() if p.names(title)), None)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("部门支出总表", "expenditure"),
        ("支出总体情况表", "expenditure"),
        ("部门收入总表", "revenue"),
        ("部门收支总表", "summary"),
        ("一般公共预算三公经费支出表", "three_public"),
    ],
)
def test_a_table_s_printed_title_names_its_kind(title: str, kind: str) -> None:
    assert _kind(title) == kind


@pytest.mark.parametrize(
    "title", ["基本支出总表", "部门预算基本支出总表", "项目支出总表", "项目支出预算总表"]
)
def test_a_basic_or_project_total_table_is_not_the_expenditure_total(title: str) -> None:
    assert _kind(title) != "expenditure"


def test_the_economic_classification_table_is_not_the_function_one() -> None:
    """一般公共预算支出表（按经济分类） beside the 按功能分类 one: not the 一般公共预算支出表 the audit
    requires (which could otherwise be missing unseen), nor a second printing of it."""
    assert _kind("一般公共预算支出表按经济分类") != "gpb_expenditure"
    assert _kind("一般公共预算支出表按功能分类") == "gpb_expenditure"
