"""A wide table printed by columns (``reading/widepages.py``): its label columns and first
amount columns on one page, the same rows' further columns on the next under a header of its own.

- ``v_wide_cut`` / ``v_wide_cut_unruled`` / ``v_wide_cut_yuan`` (``tests/variants_wide.py``): the
  收入总表 so printed, its codes and names printed again over the further columns, with or
  without its title: the second page's rows, their codes printed again with other amounts, were
  taken for an unnamed unit's block (codes starting again): its 41 amounts went into no cell of
  the department's table and yet were counted as read;
- ``v_wide_cut_pages``: so printed over three pages each way, the header not printed again on
  a group's later pages (each such page is read under the header of its group's first page, a
  PDF's columns standing at the same x on every page); ``v_wide_cut_gpb`` / ``v_wide_cut_basic``:
  the 一般公共预算支出表 and 基本支出表 cut after their first or second amount column (33 of the
  基本支出表's amounts were in no cell and counted as read);
- ``v_wide_cut_bare_zeros``: the further columns printed without the rows' codes and names,
  every row printing a line there (zeros printed): as many lines as rows, the same rows in
  order; its 38 amounts were left unread (the table's doubts saying they were placed by the
  nearest position, and two amounts in one column on each line);
- ``v_wide_cut_bare``: the further columns printed without the rows' codes and names (a row
  printing nothing there prints no line): no line can be matched to its row for certain; the
  amounts stay unread, counted so, and the table's doubts say why (they were placed by the
  nearest position, one page's 2 columns onto the first page's, and yet not read);
- ``bj_revenue_by_columns.pdf`` (bj059 pages 3-4): the 收入总表 of one line of amounts under
  合计 | 本年收入 (小计 | 一般公共预算资金 …) on one page, and under 其他收入 | 上年结转结余 (小计 |
  一般公共预算资金 … | 单位资金) on the next under its title again: no line names its row; each
  page prints that one line and nothing else, so both are the table's total. Its 11 amounts
  were left unread, the table saying nothing of why.
"""

from __future__ import annotations

import pytest
from conftest import PDFS, as_committed, pdf_gold, read_pdf, sure_cells
from variants import document
from variants_wide import WIDE, WIDE_BARE

from llmextract.pipeline import run_file


@pytest.mark.parametrize("st", WIDE + WIDE_BARE, ids=[s.name for s in WIDE + WIDE_BARE])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    as_committed(st.name, document(st))


KEYED = [s for s in WIDE if s.name != "v_wide_cut_bare_zeros"]


@pytest.mark.parametrize("st", KEYED, ids=[s.name for s in KEYED])
def test_the_further_columns_are_read_in_their_rows(st) -> None:  # type: ignore[no-untyped-def]
    assert sure_cells(st.name) == pdf_gold(st.name)
    res = run_file(PDFS / f"{st.name}.pdf")
    assert [t for t in res.tables if t.id == "revenue"] == [res.table("revenue")]  # no unit's block
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_further_columns_matched_to_rows_by_order_alone_are_in_doubt() -> None:
    """``v_wide_cut_bare_zeros``: no row named on the further columns' page, as many lines as
    rows — the same rows in order is likely, not certain (a row printing nothing there and a line
    more would shift every row below): each such amount is read where its line's order puts it,
    in doubt, and the table says so; the first page's columns stay sure."""
    name = "v_wide_cut_bare_zeros"
    gold = pdf_gold(name)
    got = read_pdf(name)
    assert {k: v for k, (v, _) in got.items()} == gold
    doubt = {k[2] for k, (_, s) in got.items() if s == "doubt"}
    assert doubt and doubt <= {"gov_fund", "business", "state_capital", "other"}
    assert any(s == "ok" for _, s in got.values())
    res = run_file(PDFS / f"{name}.pdf")
    t = res.table("revenue")
    assert t is not None and any("按行序对应前页" in d and "存疑" in d for d in t.doubts)
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_further_columns_printing_no_row_names_stay_unread_and_said() -> None:
    name = WIDE_BARE[0].name
    gold = pdf_gold(name)
    got = read_pdf(name)
    assert all(gold.get(k) == v for k, (v, _) in got.items())  # nothing read wrong, sure or not
    missing = {k for k in gold if k not in got}
    assert missing and {k[0] for k in missing} == {"revenue"}
    assert {k[2] for k in missing} <= {"gov_fund", "business", "state_capital", "other"}
    res = run_file(PDFS / f"{name}.pdf")
    t = res.table("revenue")
    assert t is not None
    assert any("另页续印其余各列" in d and "未读入" in d for d in t.doubts)
    assert res.coverage is not None
    assert res.coverage.printed - res.coverage.read == len(res.coverage.unread) == 8


def test_a_one_line_table_printed_by_columns_is_its_total() -> None:
    res = run_file(PDFS / "bj_revenue_by_columns.pdf")
    t = res.table("revenue")
    assert t is not None and [r.key for r in t.rows] == ["total"]
    got = {c: (v.value, v.status) for c, v in t.rows[0].values.items()}
    assert got == {
        "total": ("1048475.725671", "ok"),
        "current_income": ("992619.176095", "ok"),
        "general_budget": ("870741.793967", "ok"),
        "gov_fund": ("66973.535990", "ok"),
        "fiscal_special": ("184.170000", "ok"),
        "business": ("51785.567247", "ok"),
        "other": ("2934.108891", "ok"),
        "carryover": ("55856.549576", "ok"),
        "carryover_general": ("25437.557705", "ok"),
        "carryover_gov_fund": ("848.210784", "ok"),
        "carryover_unit": ("29570.781087", "ok"),
    }
    assert res.coverage is not None and (res.coverage.read, res.coverage.printed) == (11, 11)
    assert not [c for c in res.checks if c.table == "revenue"]


def _at(*cells: tuple[int, str]) -> str:
    """A line of words, each starting at its column."""
    s = ""
    for col, w in cells:
        s = s.ljust(col) + w
    return s


def _wide_text(further: list[str]) -> str:
    """A 收入总表 in text: codes, names, 合计 and 一般公共预算拨款收入 on one page; under its title
    printed again, the further columns 事业收入 | 其他收入 | 上级补助收入 and ``further``."""
    first = [
        _at((30, "合计"), (42, "一般公共预算拨款收入")),
        _at((0, "201"), (8, "一般公共服务支出"), (30, "145.00"), (46, "100.00")),
        _at((0, "20103"), (8, "政府办公厅"), (30, "145.00"), (46, "100.00")),
        _at((0, "2010301"), (8, "行政运行"), (30, "145.00"), (46, "100.00")),
        _at((8, "合计"), (30, "145.00"), (46, "100.00")),
    ]
    more = ["\f2026年部门收入总表", _at((30, "事业收入"), (42, "其他收入"), (54, "上级补助收入")), *further]
    lines = ["2026年部门预算", "", "2026年部门收入总表", "单位：万元", *first, *more]
    return "\n".join(lines)


def test_further_columns_by_their_codes_in_text() -> None:
    """The further columns' page prints the codes again: each amount in its row."""
    from llmextract.pipeline import run_text

    further = [
        _at((0, "201"), (8, "一般公共服务支出"), (30, "45.00")),
        _at((0, "20103"), (8, "政府办公厅"), (30, "45.00")),
        _at((0, "2010301"), (8, "行政运行"), (30, "45.00")),
        _at((8, "合计"), (30, "45.00")),
    ]
    t = run_text(_wide_text(further), "t.txt").table("revenue")
    assert t is not None
    got = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    for key in ("201", "20103", "2010301", "total"):
        assert got[(key, "business")] == ("45.00", "ok")
        assert got[(key, "general_budget")] == ("100.00", "ok")


def test_a_lone_unnamed_line_of_further_columns_is_no_total_under_many_rows() -> None:
    """The further columns' page prints one line of amounts and no name, the first page four
    rows: that line may be any row's (the others printing nothing there): not placed, said."""
    from llmextract.pipeline import run_text

    res = run_text(_wide_text([_at((30, "45.00"), (43, "5.00"), (58, "2.00"))]), "t.txt")
    t = res.table("revenue")
    assert t is not None
    assert all(not {"business", "other", "superior_subsidy"} & set(r.values) for r in t.rows)
    assert any("另页续印其余各列" in d and "未读入" in d for d in t.doubts)
    assert res.coverage is not None
    assert {u.text for u in res.coverage.unread} == {"45.00", "5.00", "2.00"}


def test_a_lone_unnamed_line_of_whole_amounts_is_said_too() -> None:
    """The same in whole amounts (a table in 元: 45, 5, 2): the line is not placed, and the
    table's doubts say so as they do for amounts with decimals (before, only those were said)."""
    from llmextract.pipeline import run_text

    res = run_text(_wide_text([_at((30, "45"), (43, "5"), (58, "2"))]), "t.txt")
    t = res.table("revenue")
    assert t is not None
    assert all(not {"business", "other", "superior_subsidy"} & set(r.values) for r in t.rows)
    assert any("另页续印其余各列" in d and "未读入" in d for d in t.doubts)


@pytest.mark.parametrize(
    "kw",
    [
        # the later group's total line worded 合  计 (letter-spaced) or 支出合计: it was joined to the
        # last code line above it (that row read the total's amounts, sure)
        {"wide_cut": ("revenue", 3), "total_word": "合  计"},
        {"wide_cut": ("gpb_basic_economic", 2), "total_word": "支出合计"},
        # page furniture above the later group's header (a label 公开06表 / 表6, 续表, the title
        # printed again with （续）) taken for header words: the join gave up and the page's
        # 公用经费 / 项目支出 were read by position as the first page's 人员经费 / 基本支出, sure
        {"wide_cut": ("gpb_basic_economic", 2), "label": "公开{n:02d}表"},
        {"wide_cut": ("gov_fund_expenditure", 2), "label": "表{n}", "unit_on_title": True},
        {"wide_cut": ("gpb_basic_economic", 2), "rows_per_page": 7, "continued": "续表"},
        {"wide_cut": ("gpb_expenditure", 2), "rows_per_page": 9, "continued": "title"},
    ],
    ids=["spaced_total", "named_total", "label_open", "label_table", "continued_mark", "continued_title"],
)
def test_no_amount_of_further_columns_is_read_sure_and_wrong(kw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found by fuzzing the generator's options together (each was read right alone)."""
    from conftest import table_cells
    from variants import Style

    data, gold_rows = document(Style("w", **kw))
    (tmp_path / "w.pdf").write_bytes(data)
    gold = {(c["table"], c["row"], c["col"]): c["value"] for c in gold_rows if c["table"] != "narrative"}
    got = table_cells(run_file(tmp_path / "w.pdf"))
    wrong = {k: v for k, (v, s) in got.items() if s == "ok" and gold.get(k) != v}
    assert not wrong


def test_a_lone_line_on_a_later_page_is_no_total_when_the_first_pages_print_more_rows() -> None:
    """The first page prints 合计 and two classes by name (no codes: their rows are dropped as
    unnamed); the further columns' last page prints one line. That line may be any row's: not
    the total (found by fuzzing: its 10.00 was read as the total's 事业收入, sure)."""
    from llmextract.pipeline import run_text

    first = [
        _at((30, "合计"), (42, "一般公共预算拨款收入")),
        _at((8, "合计"), (30, "195.00"), (46, "140.00")),
        _at((8, "一般公共服务支出"), (30, "145.00"), (46, "100.00")),
        _at((8, "教育支出"), (30, "50.00"), (46, "40.00")),
    ]
    head = ["\f2026年部门收入总表", _at((30, "事业收入"), (42, "其他收入"), (54, "上级补助收入"))]
    more = [
        *head,
        _at((30, "55.00"), (46, "0.00"), (58, "0.00")),
        _at((30, "45.00"), (46, "0.00"), (58, "0.00")),
        *head,
        _at((30, "10.00"), (46, "0.00"), (58, "0.00")),
    ]
    text = "\n".join(["2026年部门预算", "", "2026年部门收入总表", "单位：万元", *first, *more])
    res = run_text(text, "t.txt")
    t = res.table("revenue")
    assert t is not None and [r.key for r in t.rows] == ["total"]
    assert set(t.rows[0].values) == {"total", "general_budget"}
    assert any("另页续印其余各列" in d and "未读入" in d for d in t.doubts)
