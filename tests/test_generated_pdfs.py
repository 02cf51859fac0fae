"""PDFs laid out as other regions print their tables, generated (reportlab, a CID font not
embedded) from seed tables whose gold is known: ``tests/pdfs/<name>.pdf`` with its cells in
``<name>.gold.jsonl``. Each read every gold cell, sure, and nothing else.

- ``ruled_cells``: a grid drawn cell by cell (each cell its own rectangle), header names
  wrapped inside narrow cells (一般公共预 / 算, 因公出国 / (境)费), a 三公 table with two
  years' groups side by side, 公务用车购置及运行费 merged over 小计 | 购置费 | 运行费;
- ``frame``: only a frame round each table and horizontal rules (its two vertical lines
  are no column edges);
- ``threepub_wrapped``: a 三公 table printing only 合计 and 公务接待费, its sub-headers one
  line lower than 公务接待费, under a title wrapped onto two lines;
- ``wide_first``: landscape, no lines, codes in 类 | 款 columns, 合计 centred in a wide cell
  far left of its right-aligned amounts.
"""

from __future__ import annotations

import pytest
from conftest import pdf_gold, read_pdf

NAMES = ["ruled_cells", "frame", "threepub_wrapped", "wide_first"]


@pytest.mark.parametrize("name", NAMES)
def test_generated_pdf_reads_its_gold_exactly(name: str) -> None:
    gold = pdf_gold(name)
    got = read_pdf(name)
    assert {k: v for k, (v, _) in got.items()} == gold
    assert all(s == "ok" for _, s in got.values())


def test_ruled_cells_read_wrapped_and_merged_header_cells() -> None:
    got = read_pdf("ruled_cells")
    # 国有资本经 / 营预算 wrapped in its cell names its column
    assert got[("fiscal_summary", "out.current_total", "state_capital")] == ("231.00", "ok")
    assert got[("fiscal_summary", "out.current_total", "general_budget")] == ("1293.40", "ok")
    # 公务用车购置及运行费 spans its three ruled sub-columns only: 小计 is the vehicle column,
    # the 因公出国 column beside it prints nothing
    assert got[("three_public", "prior", "vehicle")] == ("7.00", "ok")
    assert got[("three_public", "current", "vehicle")] == ("7.00", "ok")
    assert ("three_public", "prior", "overseas") not in got


def test_a_frame_round_a_table_is_no_column_edge() -> None:
    got = read_pdf("frame")
    assert got[("fiscal_summary", "out.223", "state_capital")] == ("231.00", "ok")
    assert ("fiscal_summary", "out.223", "gov_fund") not in got
    assert got[("gpb_expenditure", "total", "prior_total")] == ("1193.21", "ok")
    assert got[("gpb_expenditure", "total", "project")] == ("573.57", "ok")


def test_a_word_nearer_the_amounts_names_the_last_column() -> None:
    got = read_pdf("threepub_wrapped")
    assert got == {
        ("three_public", "current", "total"): ("2.80", "ok"),
        ("three_public", "current", "reception"): ("2.80", "ok"),
    }


def test_a_header_word_far_left_of_its_amounts_names_the_first_column() -> None:
    got = read_pdf("wide_first")
    assert got[("gpb_basic_economic", "301", "total")] == ("617.20", "ok")
    assert got[("gpb_basic_economic", "30101", "total")] == ("138.89", "ok")
    assert got[("gpb_basic_economic", "total", "public")] == ("110.48", "ok")
