"""A list of key projects printed in the prose part under a heading that names no 表
(广州's 七、重点项目预算绩效目标情况: 项目 | 预算数 | 绩效目标): opened by its header line, each
project's budget read at its name, under the unit whose line heads it where the amounts add up;
in the result, never cells."""

from __future__ import annotations

from pathlib import Path

from llmextract.outputs.export import cells
from llmextract.pipeline import run_file

PDFS = Path(__file__).parent / "pdfs"


def test_a_key_projects_list_without_a_title_is_read_by_its_header() -> None:
    """gz019's list (3 pages): each unit's line heads its projects (越秀分局 127.58 = 103.42 +
    24.16); a name wrapped round its amounts' line is read whole; a row whose name may have
    lines printed apart is in doubt, never guessed whole."""
    res = run_file(PDFS / "gz_key_projects.pdf")
    t = res.table("key_projects")
    assert t is not None
    got = {r.key: {c: (v.value, v.status) for c, v in r.values.items()} for r in t.rows}
    unit = "广州市生态环境局越秀分局(二级部门)"
    assert got[unit] == {"total": ("127.58", "ok")}
    assert got[f"{unit}/越秀分局构建现代治理体系工作经费"] == {"total": ("103.42", "ok")}
    assert got[f"{unit}/环境监测专项经费"] == {"total": ("24.16", "ok")}
    assert got["广州市大气环境预警防控网络运维项目"]["total"][0] == "678.85"  # the name's three lines
    # the department's own part (本级) opening the list is a unit's line, not the list's total
    assert "total" not in got and "广州市生态环境局(本级)" in got
    # its name's one line stands in its amount's drawn cell: told apart from its neighbours'
    assert got["广州市生态环境局荔湾分局(二级部门)/购置经费"]["total"] == ("58.48", "ok")
    assert not [c for c in res.checks if c.table == "key_projects" and not c.passed]
    assert not any(c["table"] == "key_projects" for c in cells(res))
    assert res.coverage is not None and res.coverage.printed - res.coverage.read <= 1


def _rows(path: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    t = run_file(path).table("key_projects")
    assert t is not None
    return {r.key: (r.values["total"].value, r.values["total"].status) for r in t.rows}, t.doubts


def test_whole_amounts_and_neighbours_names_told_by_the_drawn_lines() -> None:
    """gz002's list (2 pages): a budget in whole 万元 alone on its line (520, 800: shaped like a
    code) is read, never lost; each name is made of the lines in its amount's drawn cell, not
    of its neighbours' (槎神大道… 4,500 once read 审核咨询工作经费槎神大道(鸦岗大道-凤凰大道)槎神大道…);
    a name line the reader passed over is read from the name's drawn cell."""
    got, doubts = _rows(PDFS / "gz_key_projects_integers.pdf")
    assert got["市属城市交通建设项目造价审核咨询工作经费"] == ("520", "ok")
    assert got["城维计划-市本级高架桥、跨江桥梁隧道环境提升项目"] == ("800", "ok")
    assert got["槎神大道(鸦岗大道-凤凰大道)"] == ("4500", "ok")
    assert got["槎神大道(鸦岗大道-北太路)"] == ("9000", "ok")
    assert got["城维计划-交通拥堵点治理"] == ("664.74", "ok")
    # its first line (under the header) passed over by the reader: the name read from its cell
    assert got["城维计划-整治整饰类等项目完工结算专项(2022-2024)"] == ("3887.39", "ok")
    assert not doubts


def test_a_units_line_is_no_part_of_a_projects_name() -> None:
    """gz005's page: each unit's name is a ruled row of its own (广州市第一人民医院 above, 广州市红十字会医院
    below 市一医院住院医师规范化培训补助经费 1,227.3): never joined into a project's name."""
    got, _ = _rows(PDFS / "gz_key_projects_units.pdf")
    assert got["市一医院住院医师规范化培训补助经费"] == ("1227.3", "ok")
    assert got["住院医师规范化培训财政补助项目"] == ("970.78", "ok")
    assert got["严重精神障碍患者监护及救治财政补助项目"] == ("1619", "ok")
    assert not any("医院住院" in k and k.endswith("医院") for k in got)


_TEXT = """七、重点项目预算绩效目标情况
2026年，本部门重点项目绩效目标情况如下：
        项目      预算数（单位：万元）                   绩效目标
城维计划-交通拥堵点治理    664.74          通过开展交通拥堵点治理项目，使道路秩序得到改善。
城维计划-市本级高架桥
                800               通过开展市本级高架桥环境提升项目，提升沿线环境。
                520               通过开展造价审核及咨询工作，节省财政投资。
槎神大道（鸦岗大道-凤凰
                4,500             通过开展槎神大道工程建设，完善路网布局。
大道）
"""


def test_without_drawn_lines_a_name_beside_another_rows_amount_is_in_doubt(tmp_path: Path) -> None:
    """A text (no lines drawn): a name's line printed next to a line of another row's amount
    could be either row's — the row is in doubt; an amount no name is read beside (520) is no
    row and is said in the table's doubts, never silently lost."""
    f = tmp_path / "key_projects.txt"
    f.write_text(_TEXT, encoding="utf-8")
    got, doubts = _rows(f)
    assert got["城维计划-市本级高架桥"] == ("800", "doubt")
    assert got["槎神大道(鸦岗大道-凤凰大道)"] == ("4500", "doubt")
    assert "520" not in {v for v, _ in got.values()}
    assert any("520" in d and "未读入" in d for d in doubts)
    assert any("紧挨着另一行的金额" in d for d in doubts)
