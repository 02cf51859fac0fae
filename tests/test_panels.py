"""A 预算's 一般公共预算基本支出表 printed as two panels side by side (人员经费's classes 301, 303
on the left, 公用经费's 302, 310 on the right, each 科目编码 | 科目名称 | 金额): each panel's part of
a line is a row of its own, its amount the row's 合计; the panels' foot lines (人员经费合计 |
公用经费合计) are the total row's 人员经费 | 公用经费, a 合计 line under both its 合计. The PDFs
(``v_panels*``) are checked with the other variants; here the text as ``pdftotext -layout``
prints it, and as a spreadsheet's tab-separated export."""

from __future__ import annotations

import pytest
from conftest import PDFS, pdf_gold, place, read_pdf, table_cells

from llmextract.pipeline import run_file, run_text

LEFT = [  # code, name, amount ("" blank)
    ("301", "工资福利支出", "300.00"),
    ("30101", "基本工资", "200.00"),
    ("30102", "津贴补贴", ""),
    ("30199", "其他工资福利支出", "100.00"),
    ("303", "对个人和家庭的补助", "50.00"),
    ("30302", "退休费", "50.00"),
]
RIGHT = [
    ("302", "商品和服务支出", "40.00"),
    ("30201", "办公费", "30.00"),
    ("30299", "其他商品和服务支出", "10.00"),
    ("310", "资本性支出", "20.00"),
    ("31002", "办公设备购置", "20.00"),
    ("31003", "专用设备购置", ""),
    ("31007", "信息网络及软件购置更新", "0.00"),
]
FOOT = ("350.00", "60.00", "410.00")  # 人员经费合计, 公用经费合计, 合计


def _text(  # type: ignore[no-untyped-def]
    left=LEFT, right=RIGHT, foot=FOOT, tabs: bool = False, word: str = "金额", groups: bool = True
) -> str:
    head = ["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元"]
    rows = [("人员经费", "", "", "公用经费", "", "")]
    rows.append(("科目编码", "科目名称", word, "科目编码", "科目名称", word))
    blank = ("", "", "")
    for k in range(max(len(left), len(right))):
        rows.append((*(left[k] if k < len(left) else blank), *(right[k] if k < len(right) else blank)))
    rows.append(("", "人员经费合计", foot[0], "", "公用经费合计", foot[1]))
    rows.append(("", "合计", "", "", "", foot[2]))
    if tabs:
        return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"
    cols = (0, 8, 42, 46, 54, 90)  # code, name at their column; an amount ending at its column
    lines = [place(*((c, s) for c, s in zip(cols, r, strict=True) if s)) for r in rows]
    lines[0] = place((20, "人员经费"), (66, "公用经费")) if groups else ""
    return "\n".join(head + lines) + "\n"


def _cells(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    res = run_text(text, "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None
    return {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}


def _gold() -> dict[tuple[str, str], tuple[str, str]]:
    out = {(code, "total"): (v, "ok") for code, _, v in (*LEFT, *RIGHT) if v}
    cols = ("personnel", "public", "total")
    out |= {("total", c): (v, "ok") for c, v in zip(cols, FOOT, strict=True)}
    return out


def test_a_text_of_two_panels_reads_each_panel_s_rows_and_the_foot_lines_sure() -> None:
    assert _cells(_text()) == _gold()


def test_a_tab_separated_text_of_two_panels_reads_the_same() -> None:
    assert _cells(_text(tabs=True)) == _gold()


def test_an_amount_never_lands_in_the_other_panel_s_row() -> None:
    """30102 prints no amount beside 30201's 30.00; 31003 none beside nothing: each stays blank
    (the right panel's amount was read as the left row's 公用经费); 310's lines, printed where
    the left panel has ended, are the right panel's."""
    cells = _cells(_text())
    assert not [k for k in cells if k[0] in ("30102", "31003")]
    assert cells[("30201", "total")] == ("30.00", "ok")
    assert cells[("310", "total")] == ("20.00", "ok")
    assert not [k for k in cells if k[0][:3] in ("301", "303") and k[1] != "total"]
    pdf = read_pdf("v_panels")  # the PDF: no left row holds a right amount
    assert not [
        k for k in pdf if k[0] == "gpb_basic_economic" and k[1][:3] in ("301", "303") and k[2] != "total"
    ]


def test_a_foot_line_the_panel_does_not_add_up_to_is_a_finding_and_stays_where_printed() -> None:
    """人员经费合计 printed 351.00 under its panel's 301 + 303 = 350.00: the panel's sum says
    so; the figure is still the total row's 人员经费 (the arithmetic confirms a placement,
    never makes one)."""
    res = run_text(_text(foot=("351.00", "60.00", "411.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    assert t.row("total").values["personnel"].value == "351.00"  # type: ignore[union-attr]
    found = {(c.rule, c.cells[0].row, c.cells[0].col) for c in res.checks if c.table == "gpb_basic_economic"}
    assert ("total_sum", "total", "personnel") in found
    assert not [f for f in found if f[2] == "public"]


def test_a_one_panel_table_is_not_checked_by_the_panels_sums() -> None:
    """Printed as one panel (合计 | 人员经费 | 公用经费 a row), its columns tie the figures row by
    row: a template counting 工会经费 (30228) as 人员经费 is no finding of the panels' sums."""
    rows = [
        ("301", "工资福利支出", "300.00", "300.00", ""),
        ("30101", "基本工资", "300.00", "300.00", ""),
        ("302", "商品和服务支出", "40.00", "5.00", "35.00"),
        ("30201", "办公费", "35.00", "", "35.00"),
        ("30228", "工会经费", "5.00", "5.00", ""),
        ("", "合计", "340.00", "305.00", "35.00"),
    ]
    head = ["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元"]
    head.append(
        place(
            (0, "经济分类科目编码"),
            (18, "经济分类科目名称"),
            (44, "合计"),
            (56, "人员经费"),
            (70, "公用经费"),
        )
    )
    body = [place((0, c), (18, n), (48, a), (62, b), (76, d)) for c, n, a, b, d in rows]
    res = run_text("\n".join(head + body) + "\n", "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("30228") is not None
    assert t.row("30228").values["personnel"].value == "5.00"  # type: ignore[union-attr]
    assert not [c for c in res.checks if c.table == "gpb_basic_economic"]


def test_the_government_classification_s_table_as_panels_reads_its_halves_too() -> None:
    """The 政府预算支出经济分类 table (501 | 502) printed as panels: each half its own row; the
    foot lines are its total row's 人员经费 | 公用经费 (read and checked, no cells)."""
    head = ["2026年某局部门预算", "", "一般公共预算基本支出表（政府预算支出经济分类科目）", "单位：万元"]
    cols = (0, 12, 42, 46, 58, 90)
    rows = [
        ("科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"),
        ("501", "机关工资福利支出", "300.00", "502", "机关商品和服务支出", "40.00"),
        ("50101", "工资奖金津补贴", "300.00", "50201", "办公经费", "40.00"),
        ("", "人员经费合计", "300.00", "", "公用经费合计", "40.00"),
    ]
    lines = [place(*((c, s) for c, s in zip(cols, r, strict=True) if s)) for r in rows]
    res = run_text("\n".join(head + lines) + "\n", "t.txt")
    t = res.table("gpb_basic_gov_economic")
    assert t is not None
    got = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    assert got == {
        ("501", "total"): ("300.00", "ok"),
        ("50101", "total"): ("300.00", "ok"),
        ("502", "total"): ("40.00", "ok"),
        ("50201", "total"): ("40.00", "ok"),
        ("total", "personnel"): ("300.00", "ok"),
        ("total", "public"): ("40.00", "ok"),
    }


def test_two_code_columns_before_one_set_of_amounts_are_no_panels() -> None:
    """部门经济分类编码 | 名称 | 政府经济分类编码 | 名称 | 合计 | 人员经费 | 公用经费: 编码 printed
    twice, but the first codes have no amounts of their own: one panel, its rows read whole."""
    head = ["2026年某局部门预算", "", "一般公共预算基本支出表", "单位：万元"]
    words = ((0, "部门经济分类编码"), (18, "名称"), (30, "政府经济分类编码"), (48, "名称"))
    lines = [place(*words, (66, "合计"), (78, "人员经费"), (90, "公用经费"))]
    rows = [
        ("301", "工资福利支出", "501", "机关工资福利支出", (70, "300.00"), (84, "300.00")),
        ("302", "商品和服务支出", "502", "机关商品和服务支出", (70, "40.00"), (96, "40.00")),
    ]
    lines += [place((0, a), (18, b), (30, c), (48, d), *amounts) for a, b, c, d, *amounts in rows]
    cells = _cells("\n".join(head + lines) + "\n")
    assert cells == {
        ("301", "total"): ("300.00", "ok"),
        ("301", "personnel"): ("300.00", "ok"),
        ("302", "total"): ("40.00", "ok"),
        ("302", "public"): ("40.00", "ok"),
    }


def test_panels_whose_amount_heading_is_none_of_the_schema_s_words_are_read_in_doubt() -> None:
    """本年数 over each panel's amounts, no 人员经费 | 公用经费 over the panels: the panels are
    told by their code headings, each amount goes to its panel's row, and every figure is in
    doubt (read as the left rows' 公用经费, sure, before)."""
    cells = _cells(_text(word="本年数", groups=False))
    assert {k: v for k, (v, _) in cells.items()} == {k: v for k, (v, _) in _gold().items()}
    assert {s for _, s in cells.values()} == {"doubt"}


def test_a_panel_s_amounts_under_its_group_word_alone_are_that_column() -> None:
    """人员经费 | 公用经费 over the panels and 本年数 (none of the schema's words) over the
    amounts: a panel's amounts are its group's column, sure (and added up by the hierarchy)."""
    cells = _cells(_text(word="本年数"))
    assert cells[("30101", "personnel")] == ("200.00", "ok")
    assert cells[("30201", "public")] == ("30.00", "ok")
    assert cells[("total", "personnel")] == ("350.00", "ok")
    assert not [k for k in cells if k[0][:3] in ("301", "303") and k[1] != "personnel"]


@pytest.mark.parametrize("name", ["v_panels", "v_panels_split"])
def test_the_pdfs_as_pdftotext_layout_prints_them_read_the_panels_too(name: str) -> None:
    """``v_panels*.pdf`` through ``pdftotext -layout`` (``tests/pdfs/<name>.layout.txt``): the
    基本支出 table's gold cells read, none sure and wrong; a figure the text prints one column
    off its heading (3.20 under 公用经费) is in doubt, as any table's is."""
    gold = {(r, c): v for (t, r, c), v in pdf_gold(name).items() if t == "gpb_basic_economic"}
    res = run_file(PDFS / f"{name}.layout.txt")
    got = {(r, c): vs for (t, r, c), vs in table_cells(res).items() if t == "gpb_basic_economic"}
    assert {k: v for k, (v, _) in got.items()} == gold
    assert sum(1 for _, s in got.values() if s == "ok") >= len(gold) - 8


def test_a_column_the_schema_declares_twice_is_one_column_and_each_finding_once() -> None:
    """合计 is declared by its names and by 预算数: the table's columns name it once, so a
    hierarchy finding (302 printed 41.00 over 30.00 + 10.00) is one finding, the CSV one 合计."""
    from llmextract.outputs.export import table_csvs

    res = run_text(_text(right=[("302", "商品和服务支出", "41.00"), *RIGHT[1:]]), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.columns == ["total", "personnel", "public"]
    rules = [(c.rule, c.row) for c in res.checks if c.table == "gpb_basic_economic"]
    assert rules.count(("children_sum", "302")) == 1
    assert table_csvs(res)["gpb_basic_economic"].splitlines()[0].count("合计") == 1


def _one_foot_line(groups: bool = True) -> str:
    """The table with one 合计 foot line printing each panel's sum under its 金额."""
    lines = _text(groups=groups).rstrip("\n").split("\n")
    return "\n".join([*lines[:-2], place((8, "合计"), (42, "350.00"), (90, "60.00"))]) + "\n"


def test_one_total_line_printing_each_panel_s_sum_gives_each_to_its_panel_s_part() -> None:
    """合计 350.00 … 60.00 (each panel's sum under it): 人员经费 | 公用经费 over the panels make
    them the total row's 人员经费 and 公用经费, sure; none is the table's 合计 (the left one was,
    sure and wrong, the right one dropped); each panel's rows add up to its part."""
    res = run_text(_one_foot_line(), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    got = {c: (v.value, v.status) for c, v in t.row("total").values.items()}  # type: ignore[union-attr]
    assert got == {"personnel": ("350.00", "ok"), "public": ("60.00", "ok")}
    assert t.row("total").label == "合计"  # type: ignore[union-attr]
    assert not [c for c in res.checks if c.table == "gpb_basic_economic"]


def test_one_total_line_over_panels_the_header_does_not_name_is_read_in_doubt() -> None:
    """No 人员经费 | 公用经费 over the panels: each panel's sum is read as the part the schema's
    foot lists in the panels' order, in doubt, and the reader says so."""
    t = run_text(_one_foot_line(groups=False), "t.txt").table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    got = {c: (v.value, v.status) for c, v in t.row("total").values.items()}  # type: ignore[union-attr]
    assert got == {"personnel": ("350.00", "doubt"), "public": ("60.00", "doubt")}
    assert [d for d in t.doubts if "按栏序" in d]


_UNION = ("30228", "工会经费", "5.00")  # a 302 class counted as 人员经费 by some templates
_RIGHT_60 = [r for r in RIGHT if r[0] not in ("31003", "31007")]


def test_a_class_s_row_printed_in_the_other_panel_adds_up_in_the_panel_it_stands_in() -> None:
    """30228 工会经费 printed in the 人员经费 panel while 302 stands in the 公用经费 one: each
    foot line is the sum of the top rows of its own panel as printed (301 + 303 + 30228 =
    355.00), 302 of its children beside it; nothing is blamed on the document."""
    res = run_text(_text(left=[*LEFT, _UNION], right=_RIGHT_60, foot=("355.00", "60.00", "415.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("30228") is not None
    assert t.row("30228").values["total"].value == "5.00"  # type: ignore[union-attr]
    assert not [c for c in res.checks if c.table == "gpb_basic_economic"]


def test_a_class_printed_in_both_panels_keeps_each_panel_s_amount_as_its_part() -> None:
    """302 printed in both panels (5.00 beside 30228 under 人员经费, 40.00 under 公用经费):
    both amounts are kept, as 302's 人员经费 and 公用经费 (the second was dropped); each
    panel adds up as printed; the total row is labelled the whole table's 合计."""
    left = [*LEFT, ("302", "商品和服务支出", "5.00"), _UNION]
    res = run_text(_text(left=left, right=_RIGHT_60, foot=("355.00", "60.00", "415.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("302") is not None
    got = {c: (v.value, v.status) for c, v in t.row("302").values.items()}  # type: ignore[union-attr]
    assert got == {"personnel": ("5.00", "ok"), "public": ("40.00", "ok")}
    assert not [c for c in res.checks if c.table == "gpb_basic_economic"]
    assert t.row("total").label == "合计"  # type: ignore[union-attr]
    # no 人员经费 | 公用经费 over the panels: the row is in doubt and the reader says which it kept
    t = run_text(
        _text(left=left, right=_RIGHT_60, foot=("355.00", "60.00", "415.00"), groups=False), "t.txt"
    ).table("gpb_basic_economic")
    assert t is not None and t.row("302") is not None
    assert {v.status for v in t.row("302").values.values()} == {"doubt"}  # type: ignore[union-attr]
    assert [d for d in t.doubts if "两栏各印一次" in d and "40.00" in d]


def test_a_government_class_in_both_panels_is_its_two_parts_and_each_panel_adds_up() -> None:
    """政府经济分类 505 printed in both panels (50501 工资福利支出 under 人员经费, 50502
    商品和服务支出 under 公用经费): both amounts kept, as 505's 人员经费 | 公用经费; each foot
    line is its own panel's sum (501 + 505's 20.00; 502 + 505's 8.00), no finding."""
    head = ["2026年某局部门预算", "", "一般公共预算基本支出表（政府预算支出经济分类科目）", "单位：万元"]
    cols = (0, 12, 42, 46, 58, 90)
    rows = [
        ("科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"),
        ("501", "机关工资福利支出", "300.00", "502", "机关商品和服务支出", "40.00"),
        ("50101", "工资奖金津补贴", "300.00", "50201", "办公经费", "40.00"),
        ("505", "对事业单位经常性补助", "20.00", "505", "对事业单位经常性补助", "8.00"),
        ("50501", "工资福利支出", "20.00", "50502", "商品和服务支出", "8.00"),
        ("", "人员经费合计", "320.00", "", "公用经费合计", "48.00"),
    ]
    lines = [place((20, "人员经费"), (66, "公用经费"))]
    lines += [place(*((c, s) for c, s in zip(cols, r, strict=True) if s)) for r in rows]
    res = run_text("\n".join(head + lines) + "\n", "t.txt")
    t = res.table("gpb_basic_gov_economic")
    assert t is not None and t.row("505") is not None
    got = {c: (v.value, v.status) for c, v in t.row("505").values.items()}  # type: ignore[union-attr]
    assert got == {"personnel": ("20.00", "ok"), "public": ("8.00", "ok")}
    assert ["total_sum", "total:public", "502:total", "505:public"] in t.sums
    assert not res.checks


# ---- each panel printing 合计 | 人员经费 | 公用经费 ---------------------------------------------

_L3 = (0, 8, 40, 52, 64)  # code, name, then each amount ending at its column
_R3 = (68, 76, 108, 120, 132)
_LEFT3 = [
    ("301", "工资福利支出", "300.00", "300.00", ""),
    ("30101", "基本工资", "300.00", "300.00", ""),
    ("303", "对个人和家庭的补助", "50.00", "50.00", ""),
    ("30302", "退休费", "50.00", "50.00", ""),
]
_RIGHT3 = [
    ("302", "商品和服务支出", "40.00", "", "40.00"),
    ("30201", "办公费", "40.00", "", "40.00"),
    ("310", "资本性支出", "20.00", "", "20.00"),
    ("31002", "办公设备购置", "20.00", "", "20.00"),
]
_NONE3 = ("", "", "", "", "")


def _line3(left: tuple[str, ...], right: tuple[str, ...]) -> str:
    return place(*((c, s) for c, s in (*zip(_L3, left, strict=True), *zip(_R3, right, strict=True)) if s))


def _three_columns(*feet: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    words = ("科目编码", "科目名称", "合计", "人员经费", "公用经费")
    heads = [
        (c - (len(w) if k >= 2 else 0), w)
        for cols in (_L3, _R3)
        for k, (c, w) in enumerate(zip(cols, words, strict=True))
    ]
    lines = [place(*heads, right=False)]
    lines += [_line3(a, b) for a, b in (*zip(_LEFT3, _RIGHT3, strict=True), *feet)]
    return "\n".join(["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元", *lines]) + "\n"


def _total_row(text: str) -> tuple[dict[str, tuple[str, str]], list[str]]:
    t = run_text(text, "t.txt").table("gpb_basic_economic")
    assert t is not None
    row = t.row("total")
    return ({c: (v.value, v.status) for c, v in row.values.items()} if row else {}), t.doubts


def test_a_total_line_printing_each_panel_s_three_sums_reads_none_as_the_table_s() -> None:
    """合计 | 350.00 350.00 0.00 (the left panel's sums) | 60.00 0.00 60.00 (the right's): the
    left panel's 合计 was the table's 合计, sure and wrong (410.00 is), the right's dropped
    unsaid; now none is read, and the reader says why (the amounts count as unread)."""
    foot = (("", "合计", "350.00", "350.00", "0.00"), ("", "", "60.00", "0.00", "60.00"))
    got, doubts = _total_row(_three_columns(foot))
    assert got == {}
    assert [d for d in doubts if "各印其本栏的合计" in d and "60.00、0.00、60.00" in d]


@pytest.mark.parametrize("left", [True, False])
def test_a_total_line_printing_its_amounts_under_one_panel_is_the_table_s_total_row(left: bool) -> None:
    """合计 at the left, 410.00 | 350.00 | 60.00 under one panel's 合计 | 人员经费 | 公用经费
    (the left's, or the right's with nothing left of it): the total row, each amount its column
    (only the 合计 was read; under the right panel, none)."""
    sums = ("410.00", "350.00", "60.00")
    foot = (("", "合计", *sums), _NONE3) if left else (("", "合计", "", "", ""), ("", "", *sums))
    got, _ = _total_row(_three_columns(foot))
    assert got == {"total": ("410.00", "ok"), "personnel": ("350.00", "ok"), "public": ("60.00", "ok")}


def test_the_pdf_of_each_panel_s_sums_on_its_total_line_reads_none_and_says_why() -> None:
    """``v_panels_sums.pdf``: the 合计 line prints 902.50 902.50 | 75.90 75.90 (each panel's
    own sums): no total-row cell, a doubt naming them, the amounts counted unread."""
    res = run_file(PDFS / "v_panels_sums.pdf")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is None
    assert [d for d in t.doubts if "各印其本栏的合计" in d and "902.50" in d and "75.90" in d]
    assert {u.text for u in res.coverage.unread} >= {"902.50", "75.90"}


def test_a_total_line_in_one_panel_beside_the_other_panel_s_rows_is_in_doubt() -> None:
    """合计 350.00 printed under the left panel on the line of the right panel's 31007: the
    right panel goes on, so 350.00 may be the left panel's sum only (the table's is 410.00).
    It was the table's 合计, sure; it is kept in doubt, and the reader says why."""
    lines = _text(left=[*LEFT, ("", "合计", "350.00")]).rstrip("\n").split("\n")[:-2]
    t = run_text("\n".join(lines) + "\n", "t.txt").table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    assert t.row("total").values["total"].status == "doubt"  # type: ignore[union-attr]
    assert [d for d in t.doubts if "同一行另一栏仍印有科目行" in d and "350.00" in d]


def test_a_part_s_foot_line_whose_amount_stands_under_the_other_part_is_in_doubt() -> None:
    """人员经费合计 printing its one amount under its panel's 公用经费 heading: its name and its
    place disagree; it was the total row's 人员经费, sure. 公用经费合计 under 公用经费 stays sure."""
    foot = (("", "人员经费合计", "", "", "350.00"), ("", "公用经费合计", "", "", "60.00"))
    got, doubts = _total_row(_three_columns(foot))
    assert got == {"personnel": ("350.00", "doubt"), "public": ("60.00", "ok")}
    assert [d for d in doubts if "人员经费合计行的 350.00 印在公用经费列下" in d]


def _panel_foot_text(foot: tuple[str, str, str]) -> str:
    """Tab-separated, each panel 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费: the left panel
    lists 301 (300.00) and 302 (40.00) and ends with 合计 ``foot``; the right lists 310 (20.00)
    and stops above it."""
    left = [
        ("301", "工资福利支出", "300.00", "300.00", ""),
        ("30101", "基本工资", "300.00", "300.00", ""),
        ("302", "商品和服务支出", "40.00", "", "40.00"),
        ("30201", "办公费", "40.00", "", "40.00"),
        ("", "合计", *foot),
    ]
    right = [("310", "资本性支出", "20.00", "", "20.00"), ("31002", "办公设备购置", "20.00", "", "20.00")]
    return _tab_panels(left, right)


def _tab_panels(left: list[tuple[str, ...]], right: list[tuple[str, ...]]) -> str:
    """Two panels side by side, tab-separated, each 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费;
    the right panel's rows beside the left's first ones."""
    head = ["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元"]
    words = ("科目编码", "科目名称", "合计", "人员经费", "公用经费")
    rows = [words + words]
    rows += [a + (right[k] if k < len(right) else ("",) * 5) for k, a in enumerate(left)]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def test_a_total_under_one_panel_while_the_other_lists_rows_is_not_the_table_s_total_sure() -> None:
    """合计 340.00 | 300.00 | 40.00 under the left panel (its own sum) while the right panel
    lists 310 (20.00) above it: it was the table's 合计, sure, and no check ran (the table's is
    360.00). It is kept in doubt, the reader says why, and the table's sum is checked."""
    res = run_text(_panel_foot_text(("340.00", "300.00", "40.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    got = {c: (v.value, v.status) for c, v in t.row("total").values.items()}  # type: ignore[union-attr]
    read = (("total", "340.00"), ("personnel", "300.00"), ("public", "40.00"))
    assert got == {c: (v, "doubt") for c, v in read}
    assert [d for d in t.doubts if "另一栏也印有科目行" in d and "340.00" in d]
    found = {(c.rule, c.cells[0].row, c.cells[0].col) for c in res.checks if c.table == "gpb_basic_economic"}
    assert ("total_sum", "total", "total") in found


def test_a_total_under_one_panel_that_adds_up_over_both_panels_is_the_table_s_total_sure() -> None:
    """The same 合计 printing 360.00 | 300.00 | 60.00: every panel's rows add up to it, so it is
    the table's total, sure, and no finding."""
    res = run_text(_panel_foot_text(("360.00", "300.00", "60.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    got = {c: (v.value, v.status) for c, v in t.row("total").values.items()}  # type: ignore[union-attr]
    assert got == {"total": ("360.00", "ok"), "personnel": ("300.00", "ok"), "public": ("60.00", "ok")}
    assert not [c for c in res.checks if c.table == "gpb_basic_economic"]
    assert ["total_sum", "total:total", "301:total", "302:total", "310:total"] in t.sums


@pytest.mark.parametrize(("amount", "status"), [("350.00", "doubt"), ("390.00", "ok")])
def test_a_total_s_one_amount_under_one_panel_while_the_other_lists_rows(amount: str, status: str) -> None:
    """Each panel 科目编码 | 科目名称 | 金额; the left ends with 合计 ``amount`` under its own 金额
    while the right lists 302 (40.00) and stops above it: 350.00 is the left panel's sum (it was
    the table's 合计, sure, and the document was blamed for it); 390.00 adds up over both."""
    head = ["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元"]
    left = [*LEFT[:1], ("30101", "基本工资", "300.00"), *LEFT[4:], ("", "合计", amount)]
    right = [("302", "商品和服务支出", "40.00"), ("30201", "办公费", "40.00")]
    rows = [("人员经费", "", "", "公用经费", "", ""), ("科目编码", "科目名称", "金额") * 2]
    rows += [a + (right[k] if k < len(right) else ("",) * 3) for k, a in enumerate(left)]
    t = run_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", "t.txt").table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    assert t.row("total").values["total"].value == amount  # type: ignore[union-attr]
    assert t.row("total").values["total"].status == status  # type: ignore[union-attr]
    assert bool([d for d in t.doubts if "另一栏也印有科目行" in d]) == (status == "doubt")


def test_a_class_whose_children_go_on_in_the_next_panel_is_not_blamed_on_the_document() -> None:
    """301 in the left panel, 30101 under it, its 30102 printed at the top of the right panel (a
    review's counter-example): the left panel's children alone are not all of 301's, so no
    children_sum is stated, and the 合计 the panels' tops do not make is the reading's doubt —
    never a finding on the document."""
    left = [
        ("301", "工资福利支出", "300.00", "300.00", ""),
        ("30101", "基本工资", "200.00", "200.00", ""),
        ("302", "商品和服务支出", "40.00", "", "40.00"),
        ("30201", "办公费", "40.00", "", "40.00"),
        ("", "合计", "360.00", "300.00", "60.00"),
    ]
    right = [
        ("30102", "津贴补贴", "100.00", "100.00", ""),
        ("310", "资本性支出", "20.00", "", "20.00"),
        ("31002", "办公设备购置", "20.00", "", "20.00"),
    ]
    res = run_text(_tab_panels(left, right), "t.txt")
    assert not [c for c in res.checks if c.source == "document"]
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("30102") is not None
