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
  page of a table titled again with （续）.
"""

from __future__ import annotations

import json

import pytest
from conftest import PDFS, pdf_gold, read_pdf, table_cells
from variants_more import MORE

from llmextract.pipeline import run_file


@pytest.mark.parametrize("st", MORE, ids=[s.name for s in MORE])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    from variants import document

    data, gold = document(st)
    assert (PDFS / f"{st.name}.pdf").read_bytes() == data
    lines = (PDFS / f"{st.name}.gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == gold


@pytest.mark.parametrize("st", MORE, ids=[s.name for s in MORE])
def test_a_variant_reads_every_gold_cell_sure_and_nothing_else(st) -> None:  # type: ignore[no-untyped-def]
    gold = pdf_gold(st.name)
    got = read_pdf(st.name)
    assert {k: v for k, (v, s) in got.items() if s == "ok"} == gold


def test_a_page_of_pages_footer_is_no_row_and_leaves_nothing_unread() -> None:
    res = run_file(PDFS / "v_page_of.pdf")
    assert res.coverage is not None and res.coverage.read == res.coverage.printed
    assert all(s == "ok" for _, s in table_cells(res).values())
