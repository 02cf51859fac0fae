# ruff: noqa: E501 - the table as pdftotext -layout prints it
"""Columns that split another (基本支出 → 人员经费 | 公用经费, 项目支出 → 扣除基建项目后预算数) are
read into the result and checked, not emitted as cells (issue 22, 北京's 预算05表 / 预算06表)."""

from __future__ import annotations

from llmextract.outputs.export import cells
from llmextract.pipeline import run_text

_GPB = """2026年部门预算

                             预算05表 一般公共预算支出表
                                                                                                           金额单位：万元

            功能分类科目                                                  预算数

                                                           基本支出                                  项目支出
  科目编码              科目名称     合计
                                                                                                         扣除基建项目后预
                                            小计             人员经费           公用经费          项目支出总数
                                                                                                            算数
2010301   行政运行                  44.080000      44.080000                    44.080000
2014001   行政运行               3,956.473327   3,956.473327   3,454.781840    501.691487
2014004   信访业务               2,141.553017                                                 2,141.553017      2,141.553017
                    合   计    6,142.106344   4,000.553327   3,454.781840    545.771487    2,141.553017      2,141.553017
                           预算06表 一般公共预算基本支出表
                                                                             金额单位：万元

                                                              预算数
       政府支出经济分类科目              部门支出经济分类科目
                                               合计             人员经费           公用经费
50101-工资奖金津补贴       30101-基本工资                   961.313688     961.313688
50201-办公经费          30201-办公费                     76.000000                    76.000000
                                  合   计        1,037.313688     961.313688      76.000000
"""


def test_personnel_public_and_the_part_of_projects_are_read_not_emitted() -> None:
    res = run_text(_GPB, "t.txt")
    gpb = res.table("gpb_expenditure")
    assert gpb is not None
    row = gpb.row("2014001")
    assert row is not None
    assert {c: v.value for c, v in row.values.items()} == {
        "total": "3956.473327", "basic": "3956.473327", "personnel": "3454.781840", "public": "501.691487",
    }
    assert gpb.row("2014004").values["project_excl_capital"].value == "2141.553017"  # type: ignore[union-attr]
    assert gpb.row("2010301").values["public"].value == "44.080000"  # type: ignore[union-attr]
    eco = res.table("gpb_basic_gov_economic")
    assert eco is not None
    assert eco.row("50201/30201").values["public"].value == "76.000000"  # type: ignore[union-attr]
    assert eco.row("total").values["personnel"].value == "961.313688"  # type: ignore[union-attr]
    assert all(v.status == "ok" for t in (gpb, eco) for r in t.rows for v in r.values.values())
    assert not [c for c in res.checks if c.table in ("gpb_expenditure", "gpb_basic_gov_economic")]
    cols = {c["col"] for c in cells(res) if c["table"] == "gpb_expenditure"}
    assert cols == {"total", "basic", "project"}


def test_a_split_that_does_not_add_up_is_found() -> None:
    res = run_text(_GPB.replace("501.691487", "511.691487", 1), "t.txt")
    assert any(c.table == "gpb_expenditure" and c.row == "2014001" for c in res.checks)
