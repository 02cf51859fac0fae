"""More templates of the standard tables (``tests/variants_more.py`` makes
``tests/pdfs/v_<style>.pdf`` and its gold): each reads every gold cell, sure, and nothing else.

- ``v_three_flat``: the “三公” table as one line under the item words, its year in the title only;
- ``v_three_rows`` / ``v_three_rows_words``: one row per year, named 2025年预算数 | 2026年预算数,
  or in words, 上年执行数 | 本年预算数 (the first row was read as this year's, sure and wrong);
  page numbers 第 3 页，共 17 页 at each page's foot;
- ``v_central_words``: the central government's titles (部门收支总表, 财政拨款收支总表 …, no
  year), 事业单位经营收入 and 对附属单位补助支出 columns, names indented by full-width spaces;
- ``v_three_flat_central``: 公务用车购置费 | 公务用车运行费 wrapped in their cells under
  公务用车购置及运行费, centred on the middle one, no rules (the group was read as a name
  wrapped over its middle column: 小计 unread, the rest in doubt);
- ``v_page_numbers`` / ``v_page_of`` / ``v_running_foot``: tables cut every eight lines, no
  rules, each page's foot a bare page number (3: read as an amount), 第 3 页，共 17 页 (its
  numbers read as a column's), or the document's name with 第3页 (a row's name), 续表 over
  a continued table, a running head;
- ``v_yuan_cents``: amounts in 元 with two decimals (1,234,567.89), zeros printed, each later
  page of a table titled again with （续）;
- ``v_three_rows_whole``: rows named by year, whole 万元 without separators (the row's
  amounts ran into its name: no year found, last year's line read as this year's, sure);
- ``v_whole_reworded``: whole 万元, 上年结转 printed empty between 一般公共预算 / 拨款 (a
  wrapped name whose second line stands over no whole amount): the 一般公共预算 amounts were
  read as 上年结转's, sure;
- ``v_yuan_years_unruled``: two year groups of 三公 columns without rules in 元 (the first
  group was not spread over its 合计 and 公务接待费: every 三公 figure in doubt);
- ``v_whole_prior``: whole 万元 under 2025年 / 执行数 wrapped in its cell left of narrow
  amounts (the column was left unread);
- ``v_whole_change``: whole 万元 with 增减额 | 增减率, tables cut every eight lines: a later page
  printing no 项目支出 read its 增减额 (4, 2 …) as 项目支出, sure;
- ``v_budget_titles``: titles with 预算 (2026年度部门收支预算总表, 一般公共预算支出预算表 …),
  the total line's 合  计 in the code column;
- ``v_total_named``: the total line named for what it adds up (支出合计: it was left unread);
- ``v_label_title_unit``: a 公开02表 label line, then the title with 单位：万元 at its right
  end, a 目录: the title line was taken for a header line over the columns, and 上年结转
  (printed empty) joined to 一般公共预算拨款收入 — its amounts read as 上年结转's, sure.
"""

from __future__ import annotations

import pytest
from conftest import PDFS, as_committed, pdf_gold, sure_cells, table_cells
from variants_more import MORE

from llmextract.pipeline import run_file, run_text


@pytest.mark.parametrize("st", MORE, ids=[s.name for s in MORE])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    from variants import document

    as_committed(st.name, document(st))


@pytest.mark.parametrize("st", MORE, ids=[s.name for s in MORE])
def test_a_variant_reads_every_gold_cell_sure_and_nothing_else(st) -> None:  # type: ignore[no-untyped-def]
    assert sure_cells(st.name) == pdf_gold(st.name)


def test_a_page_of_pages_footer_is_no_row_and_leaves_nothing_unread() -> None:
    res = run_file(PDFS / "v_page_of.pdf")
    assert res.coverage is not None and res.coverage.read == res.coverage.printed
    assert all(s == "ok" for _, s in table_cells(res).values())


def _three_rows_text(first: str, second: str) -> str:
    """A 三公 table of two lines of amounts under one set of item columns, each line named."""
    heads = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
    lines = ["2026年某局部门预算", "", "一般公共预算“三公”经费支出预算表", "单位：万元"]
    lines.append(" " * 12 + "".join(f"{h:>14}" for h in heads))
    rows = ((first, ("16.50", "3.00", "10.30", "3.20")), (second, ("15.00", "2.00", "9.80", "3.20")))
    for name, vals in rows:
        lines.append(f"{name:<12}" + "".join(f"{v:>16}" for v in vals))
    return "\n".join(lines) + "\n"


def test_rows_naming_their_year_in_words_are_those_years() -> None:
    """上年执行数 / 本年预算数: the first line is last year's, not this year's."""
    t = run_text(_three_rows_text("上年执行数", "本年预算数"), "t.txt").table("three_public")
    assert t is not None
    got = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    assert got[("current", "total")] == ("15.00", "ok")
    assert got[("prior", "total")] == ("16.50", "ok")


def test_rows_naming_no_year_leave_this_years_figures_in_doubt() -> None:
    """Two lines of amounts whose names say no year: taking the first for this year's is a
    guess, read in doubt, never sure."""
    t = run_text(_three_rows_text("甲", "乙"), "t.txt").table("three_public")
    assert t is not None
    cur = t.row("current")
    assert cur is not None and cur.values
    assert all(v.status != "ok" for v in cur.values.values())
