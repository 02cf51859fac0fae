"""A column named by a word of its own template: the 三公 table's 预算总额 is its total, a
procurement list's one 金额 column is its total (issue 22, 北京's 预算09表 / 预算10表; pages
cut from a real PDF into tests/pdfs/bj_units.pdf)."""

from __future__ import annotations

from pathlib import Path

from llmextract.outputs.export import cells
from llmextract.pipeline import run_file

PDF = Path(__file__).parent / "pdfs" / "bj_units.pdf"


def test_the_total_of_three_public_and_of_a_procurement_list_by_their_words() -> None:
    res = run_file(PDF)
    tp = res.table("three_public")
    assert tp is not None
    cur = tp.row("current")
    assert cur is not None
    assert {c: v.value for c, v in cur.values.items()} == {
        "total": "73.790000", "overseas": "45.190000", "reception": "1.180000",
        "vehicle": "27.420000", "vehicle_operation": "27.420000",
    }
    proc = res.table("procurement")
    assert proc is not None
    assert {r.key: r.values["total"].value for r in proc.rows} == {
        "goods": "3887.172900", "services": "5177.883268", "total": "9065.056168",
    }
    assert all(v.status == "ok" for t in (tp, proc) for r in t.rows for v in r.values.values())
    assert not [c for c in res.checks if c.table in ("three_public", "procurement")]


def test_a_year_end_carry_forward_line_of_a_summary_is_read() -> None:
    """年终结转结余 on the 支出 side of a 收支总表 is what carries forward (结转下年): read, the
    total closes (tests/pdfs/bj_summary.pdf: a 收支总表 and a 财政拨款收支总表)."""
    res = run_file(PDF.parent / "bj_summary.pdf")
    summary = res.table("summary")
    assert summary is not None
    row = summary.row("out.carry_forward")
    assert row is not None
    assert row.values["amount"].value == "108.268428"
    assert not summary.unkeyed
    assert not [c for c in res.checks if c.category == "arithmetic"]


def test_a_revenue_table_of_two_groups_reads_each_groups_subtotal_and_funds() -> None:
    """本年收入 | 小计 | funds … and 上年结转结余 | 小计 | funds … | 单位资金 (北京's 收入总表, page
    cut into tests/pdfs/bj_revenue_groups.pdf): this year's subtotal and the carry-over's parts
    by fund are read (not cells), each group adds up, and nothing on the page is left unread."""
    res = run_file(PDF.parent / "bj_revenue_groups.pdf")
    rev = res.table("revenue")
    assert rev is not None
    total = rev.row("total")
    assert total is not None
    assert {c: v.value for c, v in total.values.items()} == {
        "total": "866561.920395", "current_income": "844518.662870", "general_budget": "841579.924856",
        "business": "510.000000", "other": "2428.738014", "carryover": "22043.257525",
        "carryover_general": "16355.853880", "carryover_unit": "5687.403645",
    }
    assert all(v.status == "ok" for v in total.values.values())
    assert not [c for c in res.checks if c.table == "revenue"]
    assert res.coverage is not None and res.coverage.unread == []
    assert {c["col"] for c in cells(res) if c["table"] == "revenue"} == {
        "total", "general_budget", "business", "other", "carryover",
    }


def test_a_line_of_long_amounts_set_close_under_a_header_word_each_is_read_by_position() -> None:
    """北京's 收入总表 of 17 columns of six-decimal amounts (1,063,371.776545) set closer than the
    usual gap between columns, one line of them, a header word over every column (page cut into
    tests/pdfs/bj_revenue_close.pdf): read by position, sure (before: not taken for columns,
    read by count and left unread)."""
    res = run_file(PDF.parent / "bj_revenue_close.pdf")
    rev = res.table("revenue")
    assert rev is not None and rev.layout == "aligned"
    total = rev.row("total")
    assert total is not None
    assert {c: (v.value, v.status) for c, v in total.values.items()} == {
        "total": ("1063371.776545", "ok"), "current_income": ("1058305.773776", "ok"),
        "general_budget": ("816236.484478", "ok"), "other": ("242069.289298", "ok"),
        "carryover": ("5066.002769", "ok"), "carryover_general": ("3850.930277", "ok"),
        "carryover_unit": ("1215.072492", "ok"),
    }
    assert res.coverage is not None and res.coverage.unread == []
