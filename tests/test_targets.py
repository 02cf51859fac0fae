"""The 项目支出绩效目标表 read by where its numbers stand (reading/targets.py): a project's
amounts under 项目总额 | 财政资金 | 其他资金 beside its name, an indicator's value right of the
绩效目标 column never read, amounts no project's name stands beside left unread."""

from __future__ import annotations

from pathlib import Path

from minipdf import pdf

from llmextract.core.text import Text
from llmextract.outputs.export import cells
from llmextract.pipeline import run_file
from llmextract.reading import tokens as tk

HEAD = [
    (20, 15, "北京市某局2026年部门预算"),
    (300, 40, "预算12表 项目支出绩效目标表"),
    (40, 60, "项目名称"), (300, 60, "项目总额"),
    (372, 52, "其中："), (370, 68, "财政资金"), (440, 68, "其他资金"),
    (520, 60, "绩效目标"), (640, 60, "一级指标"), (730, 60, "本年绩效指标值"),
]
ROWS = [
    # a name on one line with its amounts
    (10, 100, "11000022T000000476959-测试费"), (296, 100, "243.200000"), (366, 100, "243.200000"),
    (520, 100, "完成测试。"), (640, 100, "成本指标"), (740, 100, "243.2"),
    # the next project's indicator above its name, its name wrapped round its amounts
    (640, 120, "成本指标"), (740, 120, "568.616635"),
    (10, 130, "11000023T000002144495-新时代领航"), (296, 142, "568.616635"), (366, 142, "560.000000"),
    (436, 142, "8.616635"), (10, 154, "校长专业发展项目"), (520, 142, "培养校长。"),
    # a project whose amounts stand far from its name: unread
    (10, 190, "11000025T000003343409-宣传服务"), (640, 202, "产出指标"), (740, 202, "95"),
    (296, 226, "42.000000"), (436, 226, "42.000000"), (520, 226, "宣传。"),
    # a code wrapped onto the line of its amounts
    (10, 260, "11000024T00000285"), (10, 272, "3691-基本公"),
    (296, 272, "38.456000"), (366, 272, "38.456000"),
    (10, 284, "共服务满意度调查"),
    # a code wrapped over three lines, a line of indicators between, its amounts lower down
    (10, 300, "11000026T00"), (640, 306, "产出指标"), (740, 306, "6.5"), (10, 312, "0003711798-"),
    (10, 324, "典型易涝片"), (296, 324, "54.239281"), (366, 324, "54.239281"), (10, 336, "能力评估"),
    # the code alone on its line, the name after it starting with its dash
    (10, 360, "11000022T000000492247"), (280, 372, "11,700.000000"), (350, 372, "11,700.000000"),
    (10, 384, "-食品安全抽检监测服务"),
    # a sentence's line naming a 目录 is a cell's words, not the title of another table
    (520, 400, "推荐目录"),
    (10, 416, "11000022T000000455421-系统干部培训经费"), (296, 416, "144.529000"), (366, 416, "144.529000"),
]


def test_projects_amounts_by_where_they_stand(tmp_path: Path) -> None:
    path = tmp_path / "targets.pdf"
    path.write_bytes(pdf(HEAD + ROWS))
    res = run_file(path)
    t = res.table("performance_targets")
    assert t is not None
    got = {r.key: {c: v.value for c, v in r.values.items()} for r in t.rows}
    assert got == {
        "11000022T000000476959": {"total": "243.200000", "fiscal": "243.200000"},
        "11000023T000002144495": {"total": "568.616635", "fiscal": "560.000000", "other": "8.616635"},
        "11000024T000002853691": {"total": "38.456000", "fiscal": "38.456000"},
        "11000026T000003711798": {"total": "54.239281", "fiscal": "54.239281"},
        "11000022T000000492247": {"total": "11700.000000", "fiscal": "11700.000000"},
        "11000022T000000455421": {"total": "144.529000", "fiscal": "144.529000"},
    }
    assert t.row("11000026T000003711798").label == "典型易涝片能力评估"  # type: ignore[union-attr]
    assert t.row("11000023T000002144495").label == "新时代领航校长专业发展项目"  # type: ignore[union-attr]
    assert any("不能按位置归入某一项目" in d for d in t.doubts)
    assert not [c for c in res.checks if c.table == "performance_targets"]
    assert not [c for c in cells(res) if c["table"] == "performance_targets"]


def test_a_form_per_project_is_not_read_as_the_table() -> None:
    """A 项目支出绩效目标表 printed as one form per project (项目名称 | its name, 项目负责人 …)
    names no amount column: no table is listed for it."""
    from llmextract.pipeline import run_text

    text = "\n".join([
        "某区2026年部门预算", "", "某中心项目支出绩效目标表", "填报部门： 124-某中心", "",
        "项目名称 50010422T000000083159-区属国有企业幼职教生活补贴",
        "项目负责人及联系电话 石安梅 68950803", "预算执行情况 1,524.40", "",
    ])
    assert run_text(text, "t.txt").table("performance_targets") is None


def test_a_project_cell_holding_several_lines_of_amounts_is_read_by_its_drawn_lines() -> None:
    """北京 预算表12 (one page of bj029): a project's name stands in a cell merged over several
    lines of amounts (one per 绩效目标), centred in it and far from most of them; the lines the
    PDF draws across the name column bound each project's cell, so each line of amounts is read
    under the code standing in its cell, in print order (code, code#2, …). A text without the
    drawn lines reads none of them."""
    res = run_file(Path(__file__).parent / "pdfs" / "bj_targets_cells.pdf")
    t = res.table("performance_targets")
    assert t is not None
    got = {r.key: {c: (v.value, v.status) for c, v in r.values.items()} for r in t.rows}
    code = "11000026T000003742841"
    assert got[code]["total"] == ("33.545250", "ok")
    assert got[f"{code}#2"] == {"total": ("600.719600", "ok"), "fiscal": ("600.719600", "ok")}
    assert got[f"{code}#3"]["fiscal"] == ("6.750000", "ok")
    assert got["11000026T000003742511#2"]["total"] == ("42.000000", "ok")
    assert t.row(code) is not None and t.row(code).label == "就业管理工作经费项目"  # type: ignore[union-attr]
    assert not [c for c in res.checks if c.table == "performance_targets" and not c.passed]
    assert not any(c["table"] == "performance_targets" for c in cells(res))
    assert res.coverage is not None and res.coverage.read == res.coverage.printed


def test_an_amount_cut_at_its_cells_edge_is_joined_to_its_decimals_below() -> None:
    """8,700.0000 over 00 in a table printing six decimals: one amount, 8700.000000; a cut that
    does not make the table's decimals is no joined amount."""
    from llmextract.reading import targets as tg

    def line(*amounts: str) -> tg._Line:
        toks = [tk.Token(Text(a, range(10 * k, 10 * k + len(a))), 0.0, 1.0) for k, a in enumerate(amounts)]
        return tg._Line(None, "", [(t, cid) for t, cid in zip(toks, ["total", "fiscal"], strict=False)], 0)

    lines = [line("8,700.0000", "8,700.0000"), line("00", "00"), line("1.500000")]
    joined = tg._rejoined(lines, [0, 1, 2], 6)
    assert joined is not None and sorted(joined) == [0, 2]
    assert joined[0]["total"].s == "8,700.000000" and joined[2]["total"].s == "1.500000"
    assert tg._rejoined([line("8,700.0000"), line("0")], [0, 1], 6) is None


def test_a_targets_table_printing_no_project_code_reads_nothing_and_says_so(tmp_path: Path) -> None:
    """Names without the projects' codes (a text export that lost them): no project is read,
    the amounts are counted unread and the table says why; it was an exception (zip of no
    project against the table's end)."""
    rows = [
        (10, 100, "测试费"), (296, 100, "243.200000"), (366, 100, "200.000000"), (436, 100, "43.200000"),
        (520, 100, "完成测试。"),
        (10, 130, "宣传服务"), (296, 130, "42.000000"), (366, 130, "40.000000"), (436, 130, "2.000000"),
        (520, 130, "宣传。"),
    ]
    path = tmp_path / "targets.pdf"
    path.write_bytes(pdf(HEAD + rows))
    res = run_file(path)
    t = res.table("performance_targets")
    assert t is not None and t.rows == [] and t.unsure  # kept, in doubt: not dropped as a form
    assert not any("could not be read" in w for w in res.warnings)
    assert any(d.startswith("2 行金额不能按位置归入某一项目") for d in t.doubts)
    assert res.coverage is not None and res.coverage.read == 0 and res.coverage.printed == 6
