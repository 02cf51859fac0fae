"""Other regions' templates of the standard tables (``tests/variants_tmpl.py`` makes
``tests/pdfs/v_<style>.pdf`` and its gold): each reads every gold cell, sure, and nothing else.

- ``v_code_parts`` / ``v_code_parts_names`` / ``v_code_parts_glued``: each code printed in its
  类, 款 and 项 parts joined by hyphens (201-03-01, economic 301-01), in a column of its own, or
  before its name in one cell (``201-03-01 行政运行``, ``201-03-01行政运行``): every row was
  keyed by its 类 alone (201), the codes taken to start again row after row, and the rows read
  as unnamed units' tables — none of the department's function rows was read;
- ``v_income_group`` / ``v_income_group_unruled``: a 收入总表 with 本年收入 over the funds'
  columns, 上年结转 (printed empty) beside them, rules above and below only or none: 上年结转,
  on a line with no other column's name but 合计 (the first column's), was taken for a group
  over 一般公共预算拨款收入, whose amounts were read as 上年结转's part (no cell), sure;
  ``v_income_group_spaced`` the same in 元 with letter-spaced words, whose 收支总表's 收    入
  stands between 项    目 and 预算数, grouping them: no empty column of its own;
- ``v_change_grouped``: 上年预算数 | 本年预算数 | 增减情况 (金额 | 幅度(%)): the change's amount
  named 金额 under its group (no cell: read and checked) was left unread;
- ``v_three_listed`` / ``v_three_listed_years`` / ``v_three_listed_words``: the “三公” table as
  a list, its items as rows (合计, 1、因公出国（境）费 …, 其中：公务用车购置费) under 项目 |
  2026年预算数, or 2025年预算数 | 2026年预算数, or 上年预算数 | 本年预算数: no column was named
  (a year's 预算数 is no fund), the table left unread;
- ``v_stacked_fiscal`` / ``v_stacked_fiscal_yuan``: the 财政拨款收支总表 as one list under 项目 |
  合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算, its 收入 lines (each amount under 合计)
  above its 支出 lines: its two sides were said to be inseparable, the 收入 read in doubt and
  the 支出 left unread.
"""

from __future__ import annotations

import pytest
from conftest import PDFS, as_committed, pdf_gold, sure_cells
from variants import document
from variants_tmpl import TMPL

from llmextract.pipeline import run_file


@pytest.mark.parametrize("st", TMPL, ids=[s.name for s in TMPL])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    as_committed(st.name, document(st))


@pytest.mark.parametrize("st", TMPL, ids=[s.name for s in TMPL])
def test_a_variant_reads_every_gold_cell_sure_and_nothing_else(st) -> None:  # type: ignore[no-untyped-def]
    assert sure_cells(st.name) == pdf_gold(st.name)


def test_a_change_named_by_its_group_is_read_and_checked() -> None:
    """增减情况 over 金额 | 幅度(%): 金额 is the change (本年 − 上年), read and checked, so every
    amount of the tables is read."""
    res = run_file(PDFS / "v_change_grouped.pdf")
    t = res.table("gpb_expenditure")
    assert t is not None and t.row("2010301") is not None
    values = t.row("2010301").values  # type: ignore[union-attr]
    assert (values["change"].value, values["change_rate"].value) == ("14.14", "2.84")
    assert res.coverage is not None and res.coverage.read == res.coverage.printed
    assert not [c for c in res.checks if c.table == "gpb_expenditure"]


def _three_listed(head: str) -> str:
    def at(*cells: tuple[int, str]) -> str:
        s = ""
        for col, w in cells:
            s = s.ljust(col) + w
        return s

    body = [
        "“三公”经费支出预算表",
        "单位：万元",
        at((0, "项目"), (30, "2025年预算数"), (46, "2026年预算数")),
        at((0, "合计"), (34, "30.00"), (50, "20.00")),
        at((0, "1、因公出国（境）费"), (34, "10.00"), (50, "5.00")),
        at((0, "2、公务用车购置及运行费"), (34, "10.00"), (50, "10.00")),
        at((0, "3、公务接待费"), (34, "10.00"), (50, "5.00")),
    ]
    return "\n".join([head, "", *body])


def test_a_three_public_list_under_years_is_read_by_the_budget_year() -> None:
    """Its title's year says which column is this year's (2026) and which last year's."""
    from llmextract.pipeline import run_text

    t = run_text(_three_listed("某单位2026年部门预算"), "t.txt").table("three_public")
    assert t is not None
    got = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    assert got[("current", "total")] == ("20.00", "ok") and got[("prior", "total")] == ("30.00", "ok")


def test_a_three_public_list_naming_a_year_after_the_guessed_one_is_not_read() -> None:
    """No title year, the year taken from what the document prints most (2025): a column of
    2026 cannot be after the budget's year, so which column is this year's is not known —
    nothing read, and said (before: the 2025 column was read as this year's, in doubt, the
    doubts saying nothing was read)."""
    from llmextract.pipeline import run_text

    res = run_text(_three_listed("某单位部门预算"), "t.txt")
    t = res.table("three_public")
    assert t is not None
    assert not any(r.values for r in t.rows)
    assert any("晚于预算年度" in d for d in t.doubts)
    assert res.coverage is not None and res.coverage.read == 0 < res.coverage.printed
