"""广州's templates (issue 22): a 收入总体情况表 listing one row per unit by name, a 三公 table
printed with its items as rows, header words of neighbouring columns run together, names
wrapped round their amounts' line, and the 收支总表 lines of units with affiliates. Each on a
small text laid out by position, as ``pdftotext -layout`` prints it."""

from __future__ import annotations

import unicodedata

from conftest import place

from llmextract.core.result import Result
from llmextract.core.schemas import load
from llmextract.outputs.export import cells
from llmextract.pipeline import run_text
from llmextract.reading.columns import _split_shared


def _doc(title: str, lines: list[str]) -> str:
    label = "单位名称：某市某局" + " " * 60 + "单位：万元"
    return "\n".join(["2026年部门预算", "", title, label, *lines, ""])


_COLS = [30, 44, 58, 72]


def _amounts(*vals: str) -> list[tuple[int, str]]:
    return list(zip(_COLS, vals, strict=True))


def _revenue(rows: list[str]) -> str:
    head = [
        place((36, "财政拨款收入"), (64, "其他资金收入")),
        place((2, "单位名称"), (26, "合计"), (36, "一般公共预算"), (50, "政府性基金预算"), (66, "事业收入")),
    ]
    total = place((4, "合计"), *_amounts("1,300.00", "1,000.00", "100.00", "200.00"))
    return _doc("表2 收入总体情况表", [*head, total, *rows])


def _units(res: Result, table: str) -> dict[tuple[str, str], str]:
    """(unit's name, column) → value of the units' blocks of ``table``."""
    return {
        (b.unit_name, c): v.value
        for b in res.tables
        if b.id == table and b.block
        for r in b.rows
        for c, v in r.values.items()
    }


def test_a_table_headed_unit_name_keys_each_row_by_the_unit() -> None:
    """单位名称 over the label column: every row is a unit, named as printed, its amounts where
    the header stands over them — each unit's row the total of that unit's block, as for a
    table printed unit by unit; the units are not cells, the 合计 is."""
    rows = [
        place((0, "某市某局"), *_amounts("500.00", "400.00", "0.00", "100.00")),
        place((0, "某市某局下属中心"), *_amounts("800.00", "600.00", "100.00", "100.00")),
    ]
    res = run_text(_revenue(rows), "t.txt")
    t = res.table("revenue")
    assert t is not None
    got = {(r.key, c): v.value for r in t.rows for c, v in r.values.items()}
    assert got[("total", "total")] == "1300.00"
    assert [r.key for r in t.rows] == ["total"]
    units = _units(res, "revenue")
    assert units[("某市某局下属中心", "gov_fund")] == "100.00"
    assert units[("某市某局", "business")] == "100.00"
    exported = {(c["row"], c["col"]) for c in cells(res) if c["table"] == "revenue"}
    assert ("total", "general_budget") in exported
    assert not any(row.startswith("某市") for row, _ in exported)
    assert not [c for c in res.checks if c.table == "revenue"]
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_units_that_do_not_add_up_to_the_total_are_a_finding() -> None:
    rows = [
        place((0, "某市某局"), *_amounts("500.00", "400.00", "0.00", "100.00")),
        place((0, "某市某局下属中心"), *_amounts("700.00", "600.00", "100.00", "0.00")),
    ]
    res = run_text(_revenue(rows), "t.txt")
    failed = [c for c in res.checks if c.table == "revenue" and c.rule == "units_sum"]
    assert {c.col for c in failed} == {"total", "business"}


def test_a_unit_name_wrapped_round_its_amounts_line_stays_with_its_row() -> None:
    """A long name centred in its cell: its head above the amounts' line, its middle beside
    the amounts, its tail below — after a two-line name with the amounts between its lines."""
    rows = [
        place((0, "某市某局城市管理质量监测与应")),
        place(*_amounts("500.00", "400.00", "0.00", "100.00")),
        place((0, "急保障中心")),
        place((0, "某市水上市容环境卫生管理处（某")),
        place((0, "市城市管理综合执法局水上"), *_amounts("800.00", "600.00", "100.00", "100.00")),
        place((0, "分局）")),
    ]
    res = run_text(_revenue(rows), "t.txt")
    t = res.table("revenue")
    assert t is not None
    names = {unicodedata.normalize("NFKC", name) for name, _ in _units(res, "revenue")}
    assert "某市某局城市管理质量监测与应急保障中心" in names
    assert "某市水上市容环境卫生管理处(某市城市管理综合执法局水上分局)" in names
    assert not [c for c in res.checks if c.table == "revenue"]


def _three_public(lines: list[str]) -> str:
    words = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    head = [place((8, "项目"), *((c - len(w), w) for c, w in zip(_COLS, words, strict=True)))]
    return _doc("表8 财政拨款安排的行政经费及“三公”经费预算表", head + lines)


def test_a_three_public_table_with_its_items_as_rows_is_read_the_other_way_round() -> None:
    """行政经费 / “三公”经费 / 其中：（一）因公出国… as rows, the funds as columns: 合计 is the 三公
    figure; each fund's share is kept for the checks, not as cells; 行政经费 is no 三公 total."""
    rows = [
        place((0, "行政经费"), *_amounts("900.00", "800.00", "100.00", "0.00")),
        place((0, "“三公”经费"), *_amounts("60.00", "50.00", "10.00", "0.00")),
        place((2, "其中：（一）因公出国（境）支出"), *_amounts("10.00", "10.00", "0.00", "0.00")),
        place((7, "（二）公务用车购置及运行维护支出"), *_amounts("30.00", "20.00", "10.00", "0.00")),
        place((10, "1.公务用车购置费"), *_amounts("0.00", "0.00", "0.00", "0.00")),
        place((10, "2.公务用车运行维护费"), *_amounts("30.00", "20.00", "10.00", "0.00")),
        place((7, "（三）公务接待费支出"), *_amounts("20.00", "20.00", "0.00", "0.00")),
    ]
    res = run_text(_three_public(rows), "t.txt")
    t = res.table("three_public")
    assert t is not None
    got = {(r.key, c): v.value for r in t.rows for c, v in r.values.items()}
    assert got[("current", "total")] == "60.00"
    assert got[("current", "vehicle_operation")] == "30.00"
    assert got[("current", "admin_cost")] == "900.00"
    assert got[("current.gov_fund", "vehicle")] == "10.00"
    assert got[("current.general_budget", "reception")] == "20.00"
    exported = {(c["row"], c["col"]): c["value"] for c in cells(res) if c["table"] == "three_public"}
    assert exported[("current", "total")] == "60.00"
    assert {row for row, _ in exported} == {"current"}
    assert ("current", "admin_cost") not in exported
    assert not [c for c in res.checks if c.table == "three_public"]
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_header_words_of_two_columns_read_as_one_are_split_by_the_schemas_names() -> None:
    cols = load().table("revenue").columns
    paths = [
        ["财政拨款收入", "一般公共预算"],
        ["财政拨款收入", "政府性基金国有资本经", "预算"],
        ["财政拨款收入", "政府性基金国有资本经", "营预算"],
    ]
    split = _split_shared(paths, cols)
    assert split[1] == ["财政拨款收入", "政府性基金预算"]
    assert split[2] == ["财政拨款收入", "国有资本经营预算"]
    # a group word over several columns is one word
    group = [["一般公共预算支出", "合计"], ["一般公共预算支出", "基本支出"], ["一般公共预算支出", "项目支出"]]
    assert _split_shared(group, cols) == group


def test_summary_lines_of_a_department_with_affiliated_units() -> None:
    """预算拨款 (the fiscal appropriations), 对附属单位补助支出, 上缴上级支出 and 结转结余下年
    are lines of the 收支总表: read (the first three for the checks only), and the 支出 side
    adds up with them."""
    head = [place((4, "项目"), (30, "预算"), (40, "项目"), (74, "预算"))]
    rows = [
        place((0, "一、预算拨款"), (30, "100.00"), (40, "一、一般公共服务支出"), (74, "90.00")),
        place((0, "二、事业收入"), (30, "20.00"), (40, "二、对附属单位补助支出"), (74, "20.00")),
        place((40, "三、上缴上级支出"), (74, "10.00")),
        place((4, "本年收入合计"), (30, "120.00"), (44, "本年支出合计"), (74, "120.00")),
        place((0, "上年结转结余"), (30, "0.00"), (40, "结转结余下年"), (74, "0.00")),
        place((4, "收入总计"), (30, "120.00"), (44, "支出总计"), (74, "120.00")),
    ]
    res = run_text(_doc("表1 收支总体情况表", head + rows), "t.txt")
    t = res.table("summary")
    assert t is not None
    got = {(r.key, c): v.value for r in t.rows for c, v in r.values.items()}
    assert got[("in.fiscal", "amount")] == "100.00"
    assert got[("out.subsidy_affiliated", "amount")] == "20.00"
    assert got[("out.remit_superior", "amount")] == "10.00"
    assert got[("out.carry_forward", "amount")] == "0.00"
    exported = {c["row"] for c in cells(res) if c["table"] == "summary"}
    assert "out.subsidy_affiliated" not in exported and "in.fiscal" not in exported
    assert not [c for c in res.checks if c.table == "summary"]


def test_a_list_of_units_without_a_total_row_and_a_page_opening_on_a_centred_name() -> None:
    """No 合计: the department's row opening the list is the total where its units add up to
    it; on the next page (its header printed again) the first row's name is centred round its
    amounts' line, its head right under the header — the head is the row's, not the header's."""
    head = [
        place((36, "财政拨款收入"), (64, "其他资金收入")),
        place((2, "单位名称"), (26, "合计"), (36, "一般公共预算"), (50, "政府性基金预算"), (66, "事业收入")),
    ]
    page1 = [
        place((0, "某市某局"), *_amounts("1,300.00", "1,000.00", "100.00", "200.00")),
        place((2, "某市某局（本级）"), *_amounts("500.00", "400.00", "0.00", "100.00")),
    ]
    page2 = [
        place((2, "某市某局下属管理")),
        place(*_amounts("800.00", "600.00", "100.00", "100.00")),
        place((0, "中心")),
    ]
    text = _doc("表2 收入总体情况表", [*head, *page1, "\f" + head[0], *head[1:], *page2])
    res = run_text(text, "t.txt")
    t = res.table("revenue")
    assert t is not None
    got = {(r.key, c): v.value for r in t.rows for c, v in r.values.items()}
    assert got[("total", "total")] == "1300.00"
    assert _units(res, "revenue")[("某市某局下属管理中心", "business")] == "100.00"
    assert not [c for c in res.checks if c.table == "revenue"]


def test_one_amount_column_headed_budget_is_the_total_for_sure() -> None:
    """部门预算支出经济科目 | 预算, the money unit printed above 预算: the one amount column is the
    table's whole amount, read where it stands (not by the schema's order, in doubt)."""
    lines = [
        place((70, "单位：万元")),
        place((20, "部门预算支出经济科目"), (72, "预算")),
        place((22, "合计"), (74, "300.00")),
        place((0, "[301]工资福利支出"), (74, "300.00")),
        place((1, "[30101]基本工资"), (74, "200.00")),
        place((1, "[30102]津贴补贴"), (74, "100.00")),
    ]
    text = "\n".join(["2026年部门预算", "", "表6 一般公共预算基本支出情况表（按经济分类科目）", *lines, ""])
    res = run_text(text, "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and not t.unsure
    got = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    assert got[("30101", "total")] == ("200.00", "ok")
    assert got[("total", "total")] == ("300.00", "ok")


def test_every_row_under_unit_name_is_a_unit_whatever_its_name_reads_as() -> None:
    """A list headed 单位名称 is one row per unit, a name that reads as no unit's (a long
    bracketed tail, wrapped round its amounts' line) too: a unit of its own, not a row of the
    unit above it (whose sum would then fail)."""
    odd = "某处（某市城管执法局水上市容环境卫生管理分局）"
    rows = [
        place((0, "某市某局"), *_amounts("500.00", "400.00", "0.00", "100.00")),
        place((0, odd[:12])),
        place(*_amounts("300.00", "300.00", "0.00", "0.00")),
        place((0, odd[12:])),
        place((0, "某市某局下属中心"), *_amounts("500.00", "300.00", "100.00", "100.00")),
    ]
    res = run_text(_revenue(rows), "t.txt")
    units = {(unicodedata.normalize("NFKC", n), c): v for (n, c), v in _units(res, "revenue").items()}
    assert units[(unicodedata.normalize("NFKC", odd), "total")] == "300.00"
    assert units[("某市某局", "total")] == "500.00"
    assert not [c for c in res.checks if c.table == "revenue"]
