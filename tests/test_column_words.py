"""A column named by a word of its own template: the 三公 table's 预算总额 is its total, a
procurement list's one 金额 column is its total (issue 22, 北京's 预算09表 / 预算10表; pages
cut from a real PDF into tests/pdfs/bj_units.pdf)."""

from __future__ import annotations

from pathlib import Path

from llmextract.core.result import Result, Row
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
    total = _revenue_row(res, "total")
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


def test_a_line_of_seventeen_long_amounts_under_a_header_word_each_is_read_by_position() -> None:
    """北京's 收入总表 of 17 columns of six-decimal amounts (1,063,371.776545), one line of them,
    a header word over every column (page cut into tests/pdfs/bj_revenue_close.pdf): read by
    position, sure. (Cut from bj063, the page alone measures its gap wider than the whole file
    does, so this guards the reading, not the close-amounts rule: the generated tables below
    test that rule both ways.)"""
    res = run_file(PDF.parent / "bj_revenue_close.pdf")
    total = _revenue_row(res, "total", "aligned")
    assert {c: (v.value, v.status) for c, v in total.values.items()} == {
        "total": ("1063371.776545", "ok"), "current_income": ("1058305.773776", "ok"),
        "general_budget": ("816236.484478", "ok"), "other": ("242069.289298", "ok"),
        "carryover": ("5066.002769", "ok"), "carryover_general": ("3850.930277", "ok"),
        "carryover_unit": ("1215.072492", "ok"),
    }
    assert res.coverage is not None and res.coverage.unread == []


_HEAD = ["合计", "一般公共预算", "政府性基金", "事业收入", "其他收入"]
_ROWS = [
    ("合计", ["900.000000", "400.000000", "300.000000", "100.000000", "100.000000"]),
    ("2010301  行政运行", ["500.000000", "400.000000", "", "", "100.000000"]),
    ("2010350  事业运行", ["400.000000", "", "300.000000", "100.000000", ""]),
]


_FULL = [
    ("合计", ["900.000000", "400.000000", "300.000000", "100.000000", "100.000000"]),
    ("2010301  行政运行", ["500.000000", "200.000000", "200.000000", "50.000000", "50.000000"]),
    ("2010350  事业运行", ["400.000000", "200.000000", "100.000000", "50.000000", "50.000000"]),
]


def _close_columns(tmp_path: Path, gap: float, packed: bool, rows: list = _ROWS) -> Path:  # noqa: B006
    """A 部门收入总表 whose amounts stand ``gap`` digit widths apart, a header word over each
    column; ``packed``: each row's amounts one run of text, a space apart, its blanks closed
    up to the left (a text export: the columns are lost)."""
    from variantpdf import Page, pdf, width

    p, size, x0 = Page(), 9.0, 200.0
    p.text(40, 40, "2026年部门预算")
    p.text(421, 70, "部门收入总表", 12, "center")
    p.text(800, 90, "单位：万元", 9, "right")
    amount = width(rows[0][1][0], size)
    rights = [x0 + (k + 1) * amount + k * gap * width("0", size) for k in range(len(_HEAD))]
    p.text(40, 110, "科目名称")
    for word, right in zip(_HEAD, rights, strict=True):
        p.text(right - amount / 2, 110, word, 7, "center")
    for n, (label, amounts) in enumerate(rows):
        y = 130 + 16 * n
        p.text(40, y, label)
        if packed:
            p.text(x0, y, " ".join(a for a in amounts if a))
            continue
        for a, right in zip(amounts, rights, strict=True):
            p.text(right, y, a, size, "right")
    out = tmp_path / f"close_{gap}_{packed}.pdf"
    out.write_bytes(pdf([p]))
    return out


def test_amounts_closer_than_usual_under_a_word_each_are_read_by_position(tmp_path: Path) -> None:
    """Every row full, its amounts set about 1.7 character units apart (measured as bj063's
    17-column 收入总表 is: less than the usual gap between columns, more than a space), a
    header word over every column: columns, read sure."""
    res = run_file(_close_columns(tmp_path, 0.7, packed=False, rows=_FULL))
    row = _revenue_row(res, "2010350", "aligned")
    assert {c: (v.value, v.status) for c, v in row.values.items()} == {
        "total": ("400.000000", "ok"), "general_budget": ("200.000000", "ok"),
        "gov_fund": ("100.000000", "ok"), "business": ("50.000000", "ok"), "other": ("50.000000", "ok"),
    }


def test_amounts_a_space_apart_are_no_columns_even_under_a_word_each(tmp_path: Path) -> None:
    """The same table with each row's amounts a space apart, its blanks closed up (a review's
    counter-example: 2010301's 100 is 其他收入, and read by position it would be 政府性基金,
    sure, and the document blamed): not read by position, no amount sure."""
    res = run_file(_close_columns(tmp_path, 1.0, packed=True))
    rev = res.table("revenue")
    assert rev is not None and rev.layout != "aligned"
    assert all(v.status == "doubt" for r in rev.rows for v in r.values.values())
    assert not [c for c in res.checks if c.source == "document"]


def _revenue_row(res: Result, key: str, layout: str | None = None) -> Row:
    """The revenue table's row ``key`` (the table read in ``layout``, where given)."""
    rev = res.table("revenue")
    assert rev is not None and layout in (None, rev.layout)
    row = rev.row(key)
    assert row is not None
    return row
