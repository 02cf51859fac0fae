"""A header word on a line of its own, standing over nothing — no word below it, no amount
under it — beside a column's own name printed lower over its amounts (北京's 三公 table, page 9
of bj045: 公务接待费 between 因公出国（境）费用 and 公务用车购置及运行维护费's 小计) names a
column printed empty; it is not a group word over 小计, so the 小计's amount is the vehicles'
subtotal, not a 公务接待费 figure."""

from __future__ import annotations

from pathlib import Path

from llmextract.pipeline import run_file

PDF = Path(__file__).parent / "pdfs" / "bj_three_public_lone_word.pdf"


def test_a_lone_header_word_over_nothing_is_an_empty_column() -> None:
    res = run_file(PDF)
    t = res.table("three_public")
    assert t is not None
    row = t.row("current")
    assert row is not None
    assert {k: v.value for k, v in row.values.items()} == {
        "total": "27.090000",
        "vehicle": "27.090000",
        "vehicle_purchase": "18.690000",
        "vehicle_operation": "8.400000",
    }
    assert "reception" not in row.values
    assert not [c for c in res.checks if c.table == "three_public"]
