"""Misreadings found on the dev corpus (issue 22, trust): each one a place where a check
blamed the tool's own reading. Small texts laid out as ``pdftotext -layout`` prints them."""

from __future__ import annotations

from conftest import place

from llmextract.pipeline import run_text


def _doc(title: str, lines: list[str]) -> str:
    return "\n".join(["2026年部门预算", "", title, "部门名称：某局" + " " * 60 + "单位：万元", *lines, ""])


def test_a_carryover_printed_as_balance_and_carryover_is_the_income_carryover() -> None:
    """深圳 prints 上年结余、结转 (and its parts 1.一般公共预算拨款结余、结转 …) on the income
    side of the 财政拨款收支总表: the carry-over line and its parts by fund, not a second
    一般公共预算 income."""
    lines = [
        place((26, "收入"), (70, "支出")),
        place((10, "项目"), (30, "2026年预算数"), (60, "项目"), (80, "2026年预算数")),
        place((2, "一、一般公共预算拨款"), (40, "100.00"), (50, "一、一般公共服务支出"), (90, "130.00")),
        place((2, "二、政府性基金预算拨款"), (40, "0.00")),
        place((10, "本年收入合计"), (40, "100.00"), (55, "本年支出合计"), (90, "130.00")),
        place((0, "上年结余、结转"), (40, "30.00"), (50, "结转下年"), (90, "0.00")),
        place((1, "1.一般公共预算拨款结余、结转"), (40, "30.00")),
        place((1, "2.政府性基金预算拨款结余、结转"), (40, "0.00")),
        place((10, "收入总计"), (40, "130.00"), (55, "支出总计"), (90, "130.00")),
    ]
    res = run_text(_doc("财政拨款收支总表", lines), "t.txt")
    t = res.table("fiscal_summary")
    assert t is not None
    cells = {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}
    assert cells[("in.carryover", "amount")] == ("30.00", "ok")
    assert cells[("in.carryover.general_budget", "amount")] == ("30.00", "ok")
    assert cells[("in.general_budget", "amount")] == ("100.00", "ok")
    assert not [c for c in res.checks if c.source == "extraction" and c.category == "arithmetic"]


def _three_public(first: str) -> str:
    head = [
        place((70, "公务用车购置及运行维护费")),
        place(
            (2, "预算单位"),
            (16, "年度"),
            (32, "合计"),
            (42, "因公出国(境)费"),
            (60, "公务接待费"),
            (76, "小计"),
        ),
    ]
    rows = [
        place((2, "某局"), (16, "2025 年"), (36, "117.42"), (52, "72.00"), (66, "1.00"), (80, "44.42")),
        place((16, "2026 年"), (36, "100.22"), (52, "77.20"), (66, "1.00"), (80, "22.02")),
        place((16, "增减变化金额"), (36, "-17.20"), (52, "5.20"), (66, "0.00"), (80, "-22.40")),
    ]
    title = ["", "财政拨款“三公”经费支出表", "部门名称：某局" + " " * 50 + "单位：万元"]
    return "\n".join([first, *title, *head, *rows, ""])


def test_the_budget_year_is_the_titles_though_the_prose_names_last_years_budget_first() -> None:
    """深圳 titles 2026 年深圳市某局部门预算 (the department between year and kind) and its prose
    says 2025 年部门预算含… before any other 部门预算: the year is the title's, and the
    三公 table's 2026 row is this year's, its 2025 row last year's."""
    prose = "2026 年某局部门预算\n\n一、收支预算说明\n预算减少主要原因：2025 年部门预算含中央基建资金。\n"
    res = run_text(_three_public(prose), "t.txt")
    t = res.table("three_public")
    assert t is not None
    cells = {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}
    assert cells[("current", "total")] == ("100.22", "ok")
    assert cells[("prior", "total")] == ("117.42", "ok")
    assert cells[("current", "vehicle")] == ("22.02", "ok")


def test_a_year_row_after_the_budget_year_leaves_the_periods_in_doubt() -> None:
    """Where the document's year was read as 2025 (no title names it) and the table prints a
    2026 row, which row is this year's is not known: its cells are in doubt, never sure-wrong."""
    prose = "某局部门预算\n\n2025年预算执行情况良好，2025年收支平衡，2025年无新增。\n"
    res = run_text(_three_public(prose), "t.txt")
    t = res.table("three_public")
    assert t is not None
    assert t.rows and all(c.status == "doubt" for r in t.rows for c in r.values.values())
    assert any("年度行" in d for d in t.doubts)


def test_a_transfer_payments_expenditure_is_not_the_total_expenditure() -> None:
    """本单位上级专项转移支付支出预算为 1,047.61 万元 is one fund's expenditure, not the
    department's 支出预算总数."""
    prose = "本单位上级专项转移支付支出预算为 1,047.61 万元，包括补助资金。"
    text = f"2026 年某局部门预算\n\n八、其他需要说明情况\n\n{prose}\n"
    res = run_text(text, "t.txt")
    assert not [f for f in res.narrative if f.id in ("expense_total", "expense_change")]


_UNITS_PROSE = (
    "2026 年某局部门预算\n\n第二部分 部门预算收支总体情况\n\n某局部门预算支出 900.00 万元。\n\n"
    "第三部分 部门预算支出具体情况\n\n一、某局（本级）\n\n某局（本级）预算 600.00 万元，包括在职人员经费"
    " 100.00 万元、项目支出 500.00 万元。\n\n（一）项目支出 500.00 万元，具体包括：1.综合管理"
    " 500.00 万元。\n\n"
    "二、某中心\n\n某中心预算 300.00 万元，包括项目支出 300.00 万元。\n\n"
    "第四部分 政府采购预算情况\n\n本部门项目支出 800.00 万元。\n"
)


def _facts(units: list[str], prose: str = _UNITS_PROSE) -> dict[str, str]:
    from llmextract.core.source import Source
    from llmextract.pipeline import prepare
    from llmextract.reading import narrative

    d = prepare(Source.from_text(prose, "t.txt", "utf-8"), None, None, "offline")
    return {f.id: f.value for f in narrative.extract(d.chunks, d.schemas, d.src, d.year, units)}


def test_a_figure_in_a_units_section_is_that_units_not_the_departments() -> None:
    """深圳 describes each unit of a department in a section of its own (一、某局（本级） … 二、某中心
    …, up to 第四部分): where the tables print several units, a 项目支出 stated there is the
    unit's; the department's is the one stated outside those sections."""
    assert _facts(["某局（本级）", "某中心"])["project_expense"] == "800.00"
    # a department of one unit: its 本级 is the department
    assert _facts([])["project_expense"] == "500.00"


def test_a_units_income_and_spending_are_that_units() -> None:
    """A sentence whose subject is one of several units' income (某中心收入总计…，支出总计…) is that
    unit's to its end: its 支出总计 is not the department's."""
    prose = "2026 年某局部门预算\n\n一、收支预算总体情况\n\n某中心收入总计300.00万元，支出总计300.00万元。\n"
    assert "expense_total" not in _facts(["某局（本级）", "某中心"], prose)
    assert _facts([], prose)["expense_total"] == "300.00"  # a department of one unit


def test_what_one_unit_takes_in_is_that_units() -> None:
    """深圳's 政府采购 sentence names who takes the projects in (某局（本级）纳入2026年部门预算的
    政府采购项目共有…): where the tables print several units, that of one of them is the unit's."""
    prose = (
        _UNITS_PROSE
        + "某局（本级）纳入2026年部门预算的政府采购项目共有60.00万元，其中：货物类项目60.00万元。\n"
    )
    assert "procurement_total" not in _facts(["某局（本级）", "某中心"], prose)
    assert _facts([], prose)["procurement_total"] == "60.00"


def test_an_amount_printed_with_a_misplaced_separator_is_no_code_nor_name() -> None:
    """上海 prints 25829,012 (a separator out of place) in a 合计 line: that amount, left among
    the line's words, is not the code 25829 glued to a name, and the line stays the total (in
    doubt, as every oddly printed amount)."""
    head = [place((0, "科目编码"), (12, "科目名称"), (36, "合计"), (50, "基本支出"), (64, "项目支出"))]
    rows = [
        place((0, "208"), (12, "社会保障和就业支出"), (40, "1,000"), (54, "400"), (68, "600")),
        place((0, "20801"), (12, "人力资源事务"), (40, "1,000"), (54, "400"), (68, "600")),
        place((12, "合计"), (40, "128138,600"), (54, "25829,012"), (68, "102309,588")),
    ]
    text = "\n".join(["2026年部门预算", "", "部门支出总表", "单位：元", *head, *rows, ""])
    res = run_text(text, "t.txt")
    t = res.table("expenditure")
    assert t is not None
    keys = {r.key for r in t.rows}
    assert "25829" not in keys
    total = t.row("total")
    assert total is not None
    assert total.label == "合计"
    assert all(c.status == "doubt" for c in total.values.values())


def test_a_second_label_columns_name_wrapped_round_the_first_row_is_no_header() -> None:
    """上海's 财政拨款收支总表 (tests/pdfs/sh_wrapped_first_row.pdf, a page of a dev PDF) prints
    its first 支出 name wrapped round the first row (一、文化旅游体育与传媒支 / [amounts] / 出),
    beside that row's 收入 name: the head is that row's name, not the header's last line, and
    the row's two amounts are read."""
    from conftest import ROOT

    from llmextract.pipeline import run_file

    res = run_file(ROOT / "tests" / "pdfs" / "sh_wrapped_first_row.pdf")
    t = res.table("fiscal_summary")
    assert t is not None
    row = t.row("out.207")
    assert row is not None
    assert {k: (c.value, c.status) for k, c in row.values.items()} == {
        "total": ("34753320", "ok"),
        "general_budget": ("34753320", "ok"),
    }
    assert t.row("in.general_budget") is not None
    assert not [c for c in res.checks if c.source == "extraction" and c.category == "arithmetic"]


def test_a_count_restated_in_its_sentence_as_held_at_a_date_is_the_dated_one() -> None:
    """本部门共有公务用车9辆，年中4辆达到报废条件，截至2025年10月共有公务用车5辆: the vehicles held
    are the 5 at that date (and the later list of kinds adds up to them), not the 9 before."""
    prose = (
        "本部门共有公务用车9辆，年中4辆达到报废条件，截至2025年10月共有公务用车5辆。\n\n"
        "截至2025年10月，本部门共有车辆5辆，其中：机要通信用车1辆、应急保障用车0辆、其他用车4辆。\n"
    )
    res = run_text(f"2026 年某局部门预算\n\n五、其他\n\n{prose}", "t.txt")
    facts = {f.id: f.value for f in res.narrative}
    assert facts["vehicles"] == "5"
    assert not [c for c in res.checks if c.table == "narrative" and c.row == "vehicles"]


def test_a_rows_identity_failing_beside_an_amount_left_unread_on_its_line_blames_the_reading() -> None:
    """北京's 收入总表 prints one line of amounts (on a page the coverage does not count as a
    table's); where its 合计 fails against the parts read and the line prints an amount the
    reading left unread (a 小计 under a group header not understood), the finding is the
    reading's, not the document's — also where every table page was read whole."""
    head = [
        place((2, "合计"), (20, "一般公共预算"), (36, "某项资金小计"), (52, "事业收入")),
    ]
    rows = [place((6, "100.00"), (26, "60.00"), (42, "30.00"), (58, "10.00"))]
    text = "\n".join(["2026年部门预算", "", "预算02表 收入总表", "金额单位：万元", *head, *rows, ""])
    res = run_text(text, "t.txt")
    t = res.table("revenue")
    assert t is not None and t.row("total") is not None
    failed = [c for c in res.checks if c.category == "arithmetic" and c.table == "revenue"]
    assert failed
    assert all(c.source == "extraction" and "30.00" in c.message for c in failed)


def _summaries(carry_all: str, grand_all: str, carry_fiscal: str, grand_fiscal: str) -> str:
    def table(title: str, carry: str, grand: str) -> list[str]:
        return [
            title,
            "单位：万元",
            place((10, "项目"), (30, "预算数"), (60, "项目"), (80, "预算数")),
            place((2, "一、一般公共预算拨款收入"), (40, "100.00"), (50, "一、一般公共服务支出"), (90, grand)),
            place((10, "本年收入合计"), (40, "100.00"), (55, "本年支出合计"), (90, grand)),
            place((0, "上年结转结余"), (40, carry), (50, "年终结转结余"), (90, "0.00")),
            place((10, "收入总计"), (40, grand), (55, "支出总计"), (90, grand)),
            "",
        ]

    return "\n".join(
        ["2026年部门预算", "", *table("预算01表 收支总表", carry_all, grand_all)]
        + table("预算04表 财政拨款收支总表", carry_fiscal, grand_fiscal)
    )


def _cross(text: str) -> list[str]:
    res = run_text(text, "t.txt")
    return [c.message for c in res.checks if c.rule == "cross_table" and c.category == "arithmetic"]


def test_a_summary_carrying_over_other_funds_is_not_compared_with_the_fiscal_one() -> None:
    """北京's 收支总表 carries over 4,950.85 (单位资金 too), its 财政拨款收支总表 4,781.14 of
    fiscal funds: their totals differ by the other funds, which is no inconsistency. Where
    both carry over the same, differing totals still are one."""
    assert _cross(_summaries("40.00", "140.00", "30.00", "130.00")) == []
    assert _cross(_summaries("30.00", "140.00", "30.00", "130.00"))


def test_a_departments_line_named_as_an_office_署_is_the_total_of_a_table_by_unit() -> None:
    """深圳市建筑工务署 opens its 支出总表 with the department's line (no 合计), then each unit's
    line and rows: a department named …署 is a department like a …局, its line the total."""
    head = [
        place(
            (4, "预算单位"),
            (18, "科目编码"),
            (28, "科目名称"),
            (46, "支出总计"),
            (58, "基本支出"),
            (70, "项目支出"),
        )
    ]
    rows = [
        place((0, "深圳市某某工务署"), (50, "30.00"), (62, "20.00"), (74, "10.00")),
        place((2, "深圳市某某工务署（本级）"), (50, "20.00"), (62, "10.00"), (74, "10.00")),
        place((18, "205"), (28, "教育支出"), (50, "20.00"), (62, "10.00"), (74, "10.00")),
        place((18, "20508"), (28, "进修及培训"), (50, "20.00"), (62, "10.00"), (74, "10.00")),
        place((18, "2050803"), (28, "培训支出"), (50, "20.00"), (62, "10.00"), (74, "10.00")),
        place((2, "深圳市某某管理中心"), (50, "10.00"), (62, "10.00"), (74, "0.00")),
        place((18, "205"), (28, "教育支出"), (50, "10.00"), (62, "10.00"), (74, "0.00")),
        place((18, "20508"), (28, "进修及培训"), (50, "10.00"), (62, "10.00"), (74, "0.00")),
        place((18, "2050803"), (28, "培训支出"), (50, "10.00"), (62, "10.00"), (74, "0.00")),
    ]
    text = "\n".join(["2026 年深圳市某某工务署部门预算", "", "支出总表", "单位：万元", *head, *rows, ""])
    res = run_text(text, "t.txt")
    dept = next(t for t in res.tables if t.id == "expenditure" and not t.unit_name)
    total = dept.row("total")
    assert total is not None
    assert {k: (c.value, c.status) for k, c in total.values.items()} == {
        "total": ("30.00", "ok"),
        "basic": ("20.00", "ok"),
        "project": ("10.00", "ok"),
    }
    assert not [c for c in res.checks if c.category == "arithmetic"]


# 北京's 预算02表 收入总表 (bj041 p.2, read from its PDF): the numeric columns, header words and
# amounts as the positional reader sees them (x in character units)
_BJ_BANDS = [
    (16.3, 30.5, 2.2, 31.0),
    (33.5, 47.7, 30.5, 48.2),
    (50.7, 64.9, 47.7, 65.4),
    (114.6, 122.7, 64.9, 123.2),
    (171.3, 180.4, 122.7, 180.9),
    (183.1, 196.2, 180.4, 196.7),
    (199.0, 212.2, 196.2, 212.7),
    (260.2, 272.4, 212.2, 272.9),
]
_BJ_HEADER = [
    [("本年收入", 101.8, 110.8), ("上年结转结余", 220.4, 233.9)],
    [("合计", 20.6, 25.1)],
    [
        ("一般公共预算资", 49.2, 64.9),
        ("政府性基金预", 66.4, 79.9),
        ("国有资本经营", 81.5, 94.9),
        ("财政专户管理", 96.5, 110.0),
        ("事业单位经营", 124.1, 137.6),
        ("附属单位上缴", 154.2, 167.7),
        ("一般公共预算", 198.2, 211.7),
        ("政府性基金预", 213.7, 227.2),
        ("国有资本经营", 228.8, 242.2),
        ("财政专户管理", 243.8, 257.3),
    ],
    [
        ("小计", 37.8, 42.3),
        ("事业收入", 112.6, 121.6),
        ("上级补助收入", 139.2, 152.6),
        ("其他收入", 170.3, 179.3),
        ("小计", 186.9, 191.4),
        ("单位资金", 261.1, 270.1),
    ],
    [
        ("金", 56.0, 58.2),
        ("算资金", 69.8, 76.5),
        ("预算资金", 83.7, 92.7),
        ("资金", 101.0, 105.5),
        ("收入", 128.6, 133.1),
        ("收入", 158.7, 163.2),
        ("资金", 202.8, 207.3),
        ("算资金", 217.1, 223.8),
        ("预算资金", 231.0, 240.0),
        ("资金", 248.3, 252.8),
    ],
]


def test_a_header_word_wrapped_over_an_empty_column_makes_one_column_not_two() -> None:
    """Over a column printing nothing, 政府性基金预 / 算资金 (one word wrapped) stand one above the
    other: one empty column, not two overlapping ones — which would throw the group headers
    (本年收入, 上年结转结余) off their columns and leave the 上年结转 小计 unread."""
    from llmextract.core.text import Text
    from llmextract.reading.columnbands import with_header_bands
    from llmextract.reading.tokens import Band, Line, Token

    def tok(s: str, x0: float, x1: float) -> Token:
        return Token(Text(s, range(len(s))), x0, x1)

    bands = [Band(x0, x1, r0=r0, r1=r1) for x0, x1, r0, r1 in _BJ_BANDS]
    header = [Line(i, [tok(*w) for w in words]) for i, words in enumerate(_BJ_HEADER)]
    amounts = [tok("1.00", b.x0, b.x1) for b in bands]
    data = [Line(len(header), amounts, amounts=amounts)]
    out = with_header_bands(bands, header, data, 1.0)
    empty = sorted((b.x0, b.x1) for b in out if not b.numeric)
    assert all(b[0] >= a[1] for a, b in zip(empty, empty[1:], strict=False)), empty
    assert len(out) == 17  # the 17 columns under the header (8 printing amounts)


def test_a_funds_column_under_the_carryover_group_is_a_part_of_the_carryover() -> None:
    """北京's 收入总表: under 上年结转结余, 政府性基金预算资金 is a part of the carry-over — not
    this year's 政府性基金 income, even where this year's 政府性基金 column is not read."""
    head = [
        place((30, "本年收入"), (76, "上年结转结余")),
        place((2, "合计")),
        place(
            (18, "小计"),
            (30, "一般公共预算资金"),
            (50, "事业收入"),
            (66, "小计"),
            (76, "政府性基金预算资金"),
            (98, "单位资金"),
        ),
    ]
    rows = [
        place(
            (10, "4,483.82"),
            (24, "3,343.49"),
            (40, "3,343.49"),
            (72, "1,140.33"),
            (90, "269.37"),
            (104, "870.96"),
        )
    ]
    text = "\n".join(["2026年部门预算", "", "预算02表 收入总表", "金额单位：万元", *head, *rows, ""])
    res = run_text(text, "t.txt")
    t = res.table("revenue")
    assert t is not None
    total = t.row("total")
    assert total is not None
    values = {k: c.value for k, c in total.values.items()}
    assert values.get("carryover") == "1140.33"
    assert "gov_fund" not in values and values.get("carryover_gov_fund") == "269.37"
    assert list(values.values()).count("269.37") == 1


def test_a_report_without_a_title_year_takes_the_year_a_line_names_in_brackets() -> None:
    """北京's 附件2 报表 prints no title with its year: neither the year most often printed (past
    work in 绩效 sentences: 2024年度…, 2024年部分…) nor a 2025年部门预算 inside a sentence's cell
    is its year, but the one a line of its own names in brackets under a title (（2026年度）)."""
    from llmextract.reading.tables import budget_year

    text = "\n".join(
        [
            "预算01表 收支总表",
            *[f"2010{k:03d}    行政运行    {k}.00    {k}.00" for k in range(100, 170)],  # the tables first
            "主要开展2024年度全部文书、2023年档案整理        2024年部分审计档案",
            "对2023-2024年非密纸质档案进行扫描",
            " " * 60 + "2025年部门预算项目绩效自评完成",
            "开展2026年度审计项目计划制定",
            "（2026年度）",
        ]
    )
    assert budget_year(text) == 2026
    assert budget_year("北京市某局2026年部门预算\n2025年部门预算执行") == 2026  # a title first
    assert budget_year("2024年度部门决算\n2025年度工作计划", "决算") == 2024
