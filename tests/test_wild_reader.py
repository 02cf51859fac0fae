"""The reader on layouts of other cities' templates (issue 22): each mechanism on a small
text laid out by position, as ``pdftotext -layout`` prints it."""

from __future__ import annotations

from conftest import place

from llmextract.outputs import export
from llmextract.pipeline import run_text


def _doc(title: str, lines: list[str]) -> str:
    return "\n".join(["2026年部门预算", "", title, "编制部门：某局" + " " * 60 + "单位：万元", *lines, ""])


def _cells(text: str, table: str) -> dict[tuple[str, str], tuple[str, str]]:
    res = run_text(text, "t.txt")
    t = res.table(table)
    assert t is not None, [x.id for x in res.tables]
    return {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}


def test_a_code_in_brackets_before_its_name_keys_the_row() -> None:
    """广州 prints [201]一般公共服务支出: the code in brackets, glued to the name."""
    head = [place((10, "功能科目名称"), (40, "小计"), (55, "其中：基本支出"), (75, "项目支出"))]
    rows = [
        place((14, "合计"), (44, "300.00"), (62, "100.00"), (80, "200.00")),
        place((0, "[201]一般公共服务支出"), (44, "300.00"), (62, "100.00"), (80, "200.00")),
        place((1, "[20133]宣传事务"), (44, "300.00"), (62, "100.00"), (80, "200.00")),
        place((2, "[2013301]行政运行"), (44, "300.00"), (62, "100.00"), (80, "200.00")),
    ]
    cells = _cells(_doc("一般公共预算支出表", head + rows), "gpb_expenditure")
    assert cells[("2013301", "basic")] == ("100.00", "ok")
    assert cells[("201", "project")] == ("200.00", "ok")
    assert cells[("total", "total")] == ("300.00", "ok")


def test_a_name_wrapped_above_and_below_its_code_line_stays_with_its_row() -> None:
    """深圳 prints a long row name on two lines, its code and amounts on a line between them;
    the page's number under the table is no row."""
    words = ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    head = [place(*zip([4, 16, 28, 44, 56, 68], words, strict=True))]
    rows = [
        place((16, "208"), (26, "社会保障和就业支出"), (50, "1,260.37"), (62, "1,260.37"), (74, "0.00")),
        place((16, "20805"), (26, "行政事业单位养老支出"), (50, "1,260.37"), (62, "1,260.37"), (74, "0.00")),
        place((16, "2080501"), (26, "行政单位离退休"), (50, "353.70"), (62, "353.70"), (74, "0.00")),
        place((26, "机关事业单位基本养老")),
        place((16, "2080505"), (50, "611.41"), (62, "611.41"), (74, "0.00")),
        place((26, "保险缴费支出")),
        place((26, "机关事业单位职业年金")),
        place((16, "2080506"), (50, "295.26"), (62, "295.26"), (74, "0.00")),
        place((26, "缴费支出")),
        "",
        place((40, "- 24 -")),
    ]
    res = run_text(_doc("支出总表", head + rows), "t.txt")
    t = res.table("expenditure")
    assert t is not None
    by_key = {r.key: r for r in t.rows}
    assert by_key["2080505"].values["total"].value == "611.41"
    assert by_key["2080505"].label == "机关事业单位基本养老保险缴费支出"
    assert by_key["2080506"].label == "机关事业单位职业年金缴费支出"
    assert by_key["2080501"].label == "行政单位离退休"
    assert all(c.status == "ok" for r in t.rows for c in r.values.values())
    assert not [d for d in t.doubts if "24" in d]


def test_ocr_values_stay_where_read_and_arithmetic_only_confirms() -> None:
    """OCR text (cells one space apart) gives no positions: a row printing three amounts under
    six columns keeps them in the order read, in doubt, although other placements add up
    too; a row printing every column is sure. No placement is searched for by the sums."""
    text = _doc(
        "2026年部门支出预算总表",
        [
            "科目编码 科目名称 合计 基本支出 项目支出 上缴上级支出 事业单位经营支出 对附属单位补助支出",
            "208 社会保障和就业支出 30.00 10.00 20.00",
            "20801 人力资源事务 30.00 10.00 20.00 0.00 0.00 0.00",
        ],
    )
    cells = _cells(text, "expenditure")
    assert cells[("208", "total")] == ("30.00", "doubt")
    assert cells[("208", "basic")] == ("10.00", "doubt")
    assert cells[("208", "project")] == ("20.00", "doubt")
    assert ("208", "remit_superior") not in cells
    assert all(cells[("20801", c)][1] == "ok" for c in ("total", "basic", "project", "operating"))


def test_a_row_classified_three_ways_is_keyed_by_all_its_codes() -> None:
    """北京's 支出总表 prints one row per function × economic classification, each code glued
    to its name: the function code repeats, so every row is keyed by its three codes."""
    words = [
        "支出功能分类科目",
        "政府支出经济分类科目",
        "部门支出经济分类科目",
        "合计",
        "基本支出",
        "项目支出",
    ]
    head = [place(*zip([0, 20, 40, 66, 80, 94], words, strict=True))]
    rows = [
        place(
            (0, "2050101-行政运行"),
            (20, "50101-工资奖金津补贴"),
            (40, "30101-基本工资"),
            (72, "1,357.12"),
            (86, "1,357.12"),
        ),
        place(
            (0, "2050101-行政运行"),
            (20, "50101-工资奖金津补贴"),
            (40, "30102-津贴补贴"),
            (72, "2,741.69"),
            (86, "2,741.69"),
        ),
        place(
            (0, "2050101-行政运行"),
            (20, "50201-办公经费"),
            (40, "3021101-差旅费"),
            (72, "47.96"),
            (86, "40.00"),
            (100, "7.96"),
        ),
    ]
    cells = _cells(_doc("预算03表 支出总表", head + rows), "expenditure")
    assert cells[("2050101/50101/30101", "total")] == ("1357.12", "ok")
    assert cells[("2050101/50101/30102", "basic")] == ("2741.69", "ok")
    assert cells[("2050101/50201/3021101", "project")] == ("7.96", "ok")
    assert not any(k == "2050101" for k, _ in cells)
    # the spec keys a row by one code: such rows are in the result, not in the cells
    from llmextract.outputs import export

    res = run_text(_doc("预算03表 支出总表", head + rows), "t.txt")
    assert not [c for c in export.cells(res) if c["table"] == "expenditure"]


def test_a_group_header_split_into_parts_names_its_subtotal_column() -> None:
    """基本支出 over 小计 | 人员经费 | 公用经费, 项目支出 over 项目支出总数 | 扣除基建项目后预算数:
    the group's 小计 is the 基本支出 column; its parts and the 项目支出 breakdown are read as
    parts (not a second 合计), kept out of the cells."""
    head = [
        place((40, "预算数")),
        place((50, "基本支出"), (86, "项目支出")),
        place((0, "科目编码"), (10, "科目名称"), (30, "合计")),
        place(
            (44, "小计"),
            (56, "人员经费"),
            (68, "公用经费"),
            (82, "项目支出总数"),
            (96, "扣除基建项目后预算数"),
        ),
    ]
    rows = [
        place(
            (0, "2050101"),
            (10, "行政运行"),
            (36, "9,754.12"),
            (48, "9,754.12"),
            (60, "8,823.90"),
            (72, "930.22"),
        ),
        place((0, "2050102"), (10, "一般行政管理事务"), (36, "439.53"), (88, "439.53"), (102, "400.00")),
    ]
    text = _doc("预算05表 一般公共预算支出表", head + rows)
    cells = _cells(text, "gpb_expenditure")
    assert cells[("2050101", "total")] == ("9754.12", "ok")
    assert cells[("2050101", "basic")] == ("9754.12", "ok")
    assert cells[("2050102", "project")] == ("439.53", "ok")
    # the parts are read into the result (checked: basic = personnel + public), never cells
    assert cells[("2050101", "personnel")] == ("8823.90", "ok")
    assert cells[("2050101", "public")] == ("930.22", "ok")
    assert cells[("2050102", "project_excl_capital")] == ("400.00", "ok")
    exported = {
        (c["row"], c["col"]) for c in export.cells(run_text(text, "t.txt")) if c["table"] == "gpb_expenditure"
    }
    assert exported == {
        ("2050101", "total"),
        ("2050101", "basic"),
        ("2050102", "total"),
        ("2050102", "project"),
    }


def test_columns_under_a_of_which_group_are_parts_not_addends() -> None:
    """合计 | 基本支出 | 项目支出 | 其中 (事业单位经营支出 | 上缴上级支出): the columns under 其中 are
    read where they stand, and the row identity is total = basic + project — a row printing
    one of them is no finding blamed on the document."""
    head = [
        place((62, "其中")),
        place((0, "支出功能分类科目"), (24, "合计"), (36, "基本支出"), (48, "项目支出")),
        place((58, "事业单位经营支出"), (76, "上缴上级支出")),
    ]
    rows = [
        place((0, "2013899-其他事务"), (30, "112.40"), (54, "112.40"), (68, "13.63")),
        place((0, "2013801-行政运行"), (30, "248.30"), (42, "248.30")),
    ]
    res = run_text(_doc("预算03表 支出总表", head + rows), "t.txt")
    t = res.table("expenditure")
    assert t is not None
    row = t.row("2013899")
    assert row is not None and row.values["operating"].value == "13.63"
    assert row.values["project"].value == "112.40"
    assert "operating" in t.parts
    assert not [c for c in res.checks if c.table == "expenditure" and c.source == "document"]


def test_a_table_of_one_line_of_amounts_without_a_name_is_its_total() -> None:
    """北京's 收入总表 prints one line of amounts and no row name, 合计 heading its first
    column: that line is the table's total; 小计 under 上年结转结余 is the carry-over column,
    and the funds under it (一般公共预算资金 again) are parts of it, not this year's."""
    head = [
        place((30, "本年收入"), (76, "上年结转结余")),
        place((2, "合计")),
        place(
            (18, "小计"),
            (30, "一般公共预算资金"),
            (50, "事业收入"),
            (66, "小计"),
            (76, "一般公共预算资金"),
            (96, "单位资金"),
        ),
    ]
    rows = [
        place(
            (10, "4,483.82"),
            (24, "3,343.49"),
            (40, "2,434.77"),
            (56, "908.72"),
            (72, "1,140.33"),
            (88, "269.37"),
            (102, "870.96"),
        )
    ]
    cells = _cells(_doc("预算02表 收入总表", head + rows), "revenue")
    assert cells[("total", "total")] == ("4483.82", "ok")
    assert cells[("total", "general_budget")] == ("2434.77", "ok")
    assert cells[("total", "business")] == ("908.72", "ok")
    assert cells[("total", "carryover")] == ("1140.33", "ok")
    # the funds under 上年结转结余 are the carry-over's parts, not this year's; 本年收入's 小计 its subtotal
    assert cells[("total", "carryover_general")] == ("269.37", "ok")
    assert cells[("total", "carryover_unit")] == ("870.96", "ok")
    assert [v for v, _ in cells.values()].count("2434.77") == 1


def test_a_page_footer_on_a_rows_line_cuts_off_no_column() -> None:
    """第11页,共40页 printed on the line of a table's last row, between its amounts: no label
    column that would cut the 合计 off the value columns."""
    head = [place((0, "科目编码"), (10, "科目名称"), (30, "合计"), (44, "基本支出"), (70, "项目支出"))]
    rows = [
        place((0, "2013801"), (10, "行政运行"), (36, "300.00"), (50, "300.00")),
        place((0, "2013802"), (10, "一般行政管理事务"), (36, "40.00"), (76, "40.00")),
        place((0, "2210201"), (10, "住房公积金"), (36, "20.00"), (50, "20.00"), (54, "第11页,共40页")),
    ]
    cells = _cells(_doc("一般公共预算支出表", head + rows), "gpb_expenditure")
    assert cells[("2013802", "total")] == ("40.00", "ok")
    assert cells[("2013802", "project")] == ("40.00", "ok")
    assert cells[("2210201", "basic")] == ("20.00", "ok")


def _three_public_by_fund(amounts: list[tuple[str, list[str]]]) -> str:
    """深圳's 三公 table as text: one row per year, each item split by fund (一般公共预算 |
    政府性基金), no column over both funds; ``amounts``: each row's label and its 12 amounts."""
    g = [16, 40, 64, 88, 112, 136]  # where each item's two fund columns start
    head = [
        place((g[3] + 6, "公务用车购置及运行维护费")),
        place((g[0] + 8, "总计"), (g[1] + 4, "因公出国(境)费"), (g[2] + 6, "公务接待费")),
        place(
            (4, "年度"), (g[3] + 8, "小计"), (g[4] + 4, "公务用车购置费"), (g[5] + 2, "公务用车运行维护费")
        ),
        place(*[(c + d, w) for c in g for d, w in ((0, "一般公共预算"), (12, "政府性基金"))]),
    ]
    cols = [c + d for c in g for d in (8, 20)]
    rows = [place((2, label), *zip(cols, vals, strict=True)) for label, vals in amounts]
    return _doc("财政拨款“三公”经费支出表", head + rows)


def test_a_three_public_table_with_a_row_per_year_and_each_item_split_by_fund() -> None:
    """深圳's 三公 table: one row per year (2025 年, 2026 年, 增减变化金额), each item's column
    split by the fund paying it; the 一般公共预算 column of each item is its figure, the year
    row its period, the change row none."""
    amounts = [
        (
            "2025 年",
            [
                "37.77",
                "0.00",
                "17.88",
                "0.00",
                "1.89",
                "0.00",
                "18.00",
                "0.00",
                "12.00",
                "0.00",
                "6.00",
                "0.00",
            ],
        ),
        (
            "2026 年",
            [
                "43.79",
                "0.00",
                "36.14",
                "0.00",
                "1.65",
                "0.00",
                "6.00",
                "0.00",
                "0.00",
                "0.00",
                "6.00",
                "0.00",
            ],
        ),
        (
            "增减变化金额",
            [
                "6.02",
                "0.00",
                "18.26",
                "0.00",
                "-0.24",
                "0.00",
                "-12.00",
                "0.00",
                "-12.00",
                "0.00",
                "0.00",
                "0.00",
            ],
        ),
    ]
    cells = _cells(_three_public_by_fund(amounts), "three_public")
    assert cells[("current", "total")] == ("43.79", "ok")
    assert cells[("current", "overseas")] == ("36.14", "ok")
    assert cells[("prior", "vehicle")] == ("18.00", "ok")
    # 公务用车购置费 | 公务用车运行维护费 stand here over the gap between their pairs of columns:
    # the reader places both items' 政府性基金 columns but names neither (their 0.00 read under
    # no fund), so the 一般公共预算 parts beside them are not confirmed as the whole (sure before)
    assert cells[("prior", "vehicle_purchase")] == ("12.00", "doubt")
    assert cells[("current", "vehicle_operation")] == ("6.00", "doubt")
    # the change between the years is a row of its own (read and checked, not a cell)
    assert "6.02" not in {v for (r, _), (v, _) in cells.items() if r != "change"}
    assert cells[("change", "total")] == ("6.02", "ok")


def _by_fund(
    amounts: list[tuple[str, list[str]]],
) -> tuple[dict[tuple[str, str], tuple[str, str]], list[str]]:
    """The 三公 table split by fund read: (row, column) → (value, status), and its doubts."""
    t = run_text(_three_public_by_fund(amounts), "t.txt").table("three_public")
    assert t is not None
    return {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}, t.doubts


def test_a_fund_s_part_is_the_item_s_figure_only_while_the_other_funds_print_zero() -> None:
    """The 一般公共预算 part stands for the item's 财政拨款 figure where the 政府性基金 part beside
    it prints 0.00; where that prints more, the part is less than the whole: kept, in doubt,
    and the table says why."""
    zero = ["10.00", "0.00", "6.00", "0.00", "1.00", "0.00", "3.00", "0.00", "1.00", "0.00", "2.00", "0.00"]
    more = ["12.00", "5.00", "8.00", "5.00", "1.00", "0.00", "3.00", "0.00", "1.00", "0.00", "2.00", "0.00"]
    cells, doubts = _by_fund([("2025 年", zero), ("2026 年", more)])
    assert cells[("current", "total")] == ("12.00", "doubt")
    assert cells[("current", "overseas")] == ("8.00", "doubt")
    assert cells[("current", "reception")] == ("1.00", "ok")  # its other fund prints 0.00
    assert cells[("prior", "total")] == ("10.00", "ok")
    assert any("总计 一般公共预算只是一种资金的部分" in d and "不为零" in d for d in doubts), doubts


def test_a_fund_s_part_beside_another_fund_s_blank_cell_is_in_doubt() -> None:
    """The 政府性基金 part of 2026's 总计 printed blank (the table prints that column, the row
    leaves it empty): the 一般公共预算 part cannot be told to be the whole — in doubt, said so."""
    zero = ["10.00", "0.00", "6.00", "0.00", "1.00", "0.00", "3.00", "0.00", "1.00", "0.00", "2.00", "0.00"]
    blank = ["10.00", "", "6.00", "0.00", "1.00", "0.00", "3.00", "0.00", "1.00", "0.00", "2.00", "0.00"]
    cells, doubts = _by_fund([("2025 年", zero), ("2026 年", blank)])
    assert cells[("current", "total")] == ("10.00", "doubt")
    assert cells[("current", "overseas")] == ("6.00", "ok")
    assert any("未读出" in d for d in doubts), doubts


def test_the_department_row_is_the_total_of_a_table_printing_no_total_row() -> None:
    """深圳 prints the department's row (its name, the table's whole) above the classes and
    no 合计: that row is the total. A row printing no code and no name, its name wrapped
    above and below it, keeps the whole name."""
    words = ["预算单位", "科目名称", "支出总计", "基本支出", "项目支出"]
    head = [place(*zip([4, 28, 44, 56, 68], words, strict=True))]
    rows = [
        place((0, "深圳市某某办公室"), (50, "600.00"), (62, "400.00"), (74, "200.00")),
        place((26, "工资福利支出"), (50, "400.00"), (62, "400.00"), (74, "0.00")),
        place((26, "机关事业单位基本养老")),
        place((50, "228.34"), (62, "228.34"), (74, "0.00")),
        place((26, "保险缴费")),
        place((26, "商品和服务支出"), (50, "200.00"), (62, "0.00"), (74, "200.00")),
    ]
    res = run_text(_doc("支出总表", head + rows), "t.txt")
    t = res.table("expenditure")
    assert t is not None
    total = t.row("total")
    assert total is not None and total.values["total"].value == "600.00"
    assert total.values["project"].value == "200.00"


def test_a_two_digit_amount_after_a_wrapped_row_s_code_is_no_code_part() -> None:
    """Whole 万元, a row's name wrapped above and below its code line ``20101  80  50  30``:
    80 stands where the coded rows' amounts stand — the row's total, not its 项 (the row was
    keyed 2010180 with its total lost, sure)."""
    head = [place((0, "科目编码"), (10, "科目名称"), (40, "合计"), (50, "基本支出"), (60, "项目支出"))]
    rows = [
        place((4, "合计"), (44, "180"), (54, "100"), (64, "80")),
        place((0, "201"), (10, "一般公共服务支出"), (44, "180"), (54, "100"), (64, "80")),
        place((10, "人大")),
        place((0, "20101"), (44, "80"), (54, "50"), (64, "30")),
        place((10, "事务")),
        place((0, "2010101"), (10, "人大会议和代表活动"), (44, "80"), (54, "50"), (64, "30")),
        place((0, "20102"), (10, "政协事务"), (44, "100"), (54, "50"), (64, "50")),
    ]
    cells = _cells(_doc("一般公共预算支出表", head + rows), "gpb_expenditure")
    assert cells[("20101", "total")] == ("80", "ok")
    assert cells[("20101", "project")] == ("30", "ok")
    assert not any(r.startswith("2010180") for r, _ in cells)
