# ruff: noqa: E501 - a page of a real table laid out as pdftotext prints it
"""A 上海 unit budget's 财务收支预算总表 and 财政拨款支出预算表 (单位预算01表, 05表), cut from a
real PDF (``tests/pdfs/sh_unit_tables.pdf``: cover, 01表, 05表).

- 01表 prints its 支出 amounts in 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出, and each 收入
  amount up to its cell's ruled edge with the 支出 name right after it: the edge parts them;
- 05表 is every fiscal fund's expenditure by function, read into the result and checked, not a
  table of the cells spec.
"""

from __future__ import annotations

from pathlib import Path

from llmextract.core.source import Source
from llmextract.inputs import pdf
from llmextract.outputs.export import cells
from llmextract.pipeline import run_file, run_source

PDF = Path(__file__).parent / "pdfs" / "sh_unit_tables.pdf"


def _values(res, table: str) -> dict[str, dict[str, str]]:  # noqa: ANN001
    t = next(t for t in res.tables if t.id == table)
    return {r.key: {k: v.value for k, v in r.values.items()} for r in t.rows if r.values}


def test_a_unit_budget_reads_every_amount_of_its_two_tables() -> None:
    res = run_file(PDF)
    assert res.coverage is not None and res.coverage.read == res.coverage.printed == 36
    assert res.checks == []
    summary = _values(res, "summary")
    # 7,233,086 printed up to its cell's edge, 一、一般公共服务支出 right after it
    assert summary["in.fiscal"] == {"amount": "7233086"}
    assert summary["out.201"] == {
        "amount": "6783536",
        "personnel": "2545183",
        "public": "3968353",
        "project": "270000",
    }
    assert summary["out.221"] == {"amount": "449550", "personnel": "449550"}
    fiscal = _values(res, "fiscal_expenditure")
    assert fiscal["2011301"] == {"total": "6513536", "personnel": "2545183", "public": "3968353"}
    assert fiscal["2011302"] == {"total": "270000", "project": "270000"}
    assert fiscal["total"] == {
        "total": "7233086",
        "personnel": "2994733",
        "public": "3968353",
        "project": "270000",
    }


def test_columns_outside_the_cells_spec_stay_out_of_the_cells() -> None:
    out = list(cells(run_file(PDF)))
    assert {c["table"] for c in out} == {"summary"}
    assert {c["col"] for c in out} == {"amount"}
    assert {"row": "out.201", "value": "6783536"}.items() <= next(
        c for c in out if c["row"] == "out.201"
    ).items()


def _char(c: str, x0: float) -> pdf._Char:
    return pdf._Char(c, x0, 100.0, x0 + 6.0, 112.0)


def test_a_ruled_edge_parts_two_words_however_narrow_the_gap() -> None:
    line = [_char("0", 300.0), _char("一", 309.0)]  # a 3-point gap, under a word's spacing
    assert len(pdf._words(line)) == 1
    assert len(pdf._words(line, [(307.5, 50.0, 200.0)])) == 2
    assert len(pdf._words(line, [(307.5, 120.0, 200.0)])) == 1  # an edge of another row
    touching = [_char("3", 300.0), _char("0", 306.0)]  # a code overflowing its cell: a line through it
    assert len(pdf._words(touching, [(306.0, 50.0, 200.0)])) == 1


# 财政拨款收支预算总表 (from a real 上海 unit budget): 二、社会保障和就业支出 too long for its cell is
# wrapped round its amounts' line (支 / [amounts] / 出) while 二、政府性基金预算 prints its own name
# on that line
WRAPPED = """某某事务中心2026年单位预算

                         2026年预算单位财政拨款收支预算总表
编制单位：某某事务中心                                                  单位：元

         财政拨款收入                                      财政拨款支出

    项目            预算数              项目       合计           一般公共预算        政府性基金预算 国有资本经营预算

一、一般公共预算          21,143,300 一、一般公共服务支出     17,441,140    17,441,140
                               二、社会保障和就业支
二、政府性基金预算                                    2,056,660     2,056,660
                               出
三、国有资本经营预算                     三、卫生健康支出      1,069,600     1,069,600

                               四、住房保障支出        575,900       575,900

   收入总计           21,143,300      支出总计      21,143,300    21,143,300
"""


def test_a_second_label_columns_name_wrapped_round_its_amounts_names_its_row() -> None:
    res = run_source(Source.from_text(WRAPPED, "wrapped.txt"))
    assert _values(res, "fiscal_summary")["out.208"] == {"total": "2056660", "general_budget": "2056660"}
    assert res.checks == []
