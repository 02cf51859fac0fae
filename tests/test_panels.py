"""A 预算's 一般公共预算基本支出表 printed as two panels side by side (人员经费's classes 301, 303
on the left, 公用经费's 302, 310 on the right, each 科目编码 | 科目名称 | 金额): each panel's part of
a line is a row of its own, its amount the row's 合计; the panels' foot lines (人员经费合计 |
公用经费合计) are the total row's 人员经费 | 公用经费, a 合计 line under both its 合计. The PDFs
(``v_panels*``) are checked with the other variants; here the text as ``pdftotext -layout``
prints it, and as a spreadsheet's tab-separated export."""

from __future__ import annotations

from conftest import place, read_pdf

from llmextract.pipeline import run_text

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


def _text(left=LEFT, right=RIGHT, foot=FOOT, tabs: bool = False) -> str:  # type: ignore[no-untyped-def]
    head = ["2026年某局部门预算", "", "表6 一般公共预算基本支出表", "单位：万元"]
    rows = [("人员经费", "", "", "公用经费", "", "")]
    rows.append(("科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"))
    blank = ("", "", "")
    for k in range(max(len(left), len(right))):
        rows.append((*(left[k] if k < len(left) else blank), *(right[k] if k < len(right) else blank)))
    rows.append(("", "人员经费合计", foot[0], "", "公用经费合计", foot[1]))
    rows.append(("", "合计", "", "", "", foot[2]))
    if tabs:
        return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"
    cols = (0, 8, 42, 46, 54, 90)  # code, name at their column; an amount ending at its column
    lines = [place(*((c, s) for c, s in zip(cols, r, strict=True) if s)) for r in rows]
    lines[0] = place((20, "人员经费"), (66, "公用经费"))
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
    """人员经费合计 printed 351.00 under 301 + 303 = 350.00: the balance says so; the figure is
    still the total row's 人员经费 (the arithmetic confirms a placement, never makes one)."""
    res = run_text(_text(foot=("351.00", "60.00", "411.00")), "t.txt")
    t = res.table("gpb_basic_economic")
    assert t is not None and t.row("total") is not None
    assert t.row("total").values["personnel"].value == "351.00"  # type: ignore[union-attr]
    rules = {c.rule for c in res.checks if c.table == "gpb_basic_economic"}
    assert "balance:total:personnel = 301:total + 303:total" in rules
    assert not [c for c in res.checks if c.table == "gpb_basic_economic" and "public" in c.rule]


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
