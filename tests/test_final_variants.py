"""The standard 部门决算 tables of one seed (``tests/variants_final.py`` makes
``tests/pdfs/f_<style>.pdf`` and its gold): each reads every gold cell, sure, and nothing else.

- ``f_plain``: 收入支出决算总表 (本年收入合计, 使用非财政拨款结余, 年初结转和结余, 总计 | 本年支出合计,
  结余分配, 年末结转和结余, 总计), 收入决算表, 支出决算表 (基本支出 | 项目支出 | 上缴上级支出 |
  经营支出 | 对附属单位补助支出), 一般公共预算财政拨款支出决算表 and a “三公” 决算表 printing
  预算数 | 决算数 as groups of the item columns (each group's figures were read as one row,
  in doubt, the 决算数 group not at all);
- ``f_unruled``: the same without rules, codes in 类 | 款 | 项 columns, labels 表1 …;
- ``f_three_under``: the national template's “三公” 决算表, 预算数 | 决算数 under each item
  (合计, 因公出国（境）费 …) without rules (合计's figures were read as 因公出国's, sure: the
  item words spread over their neighbours named on the 预算数 | 决算数 line), with the
  财政拨款收入支出决算总表 (年初 carry-over by fund under its line) and the 政府性基金 决算表;
- ``f_yuan_unruled``: in 元 to the 分, no rules, page numbers 第 3 页，共 9 页 (the 预算数
  group word, centred over six columns of wide amounts, was kept off its 合计 and 公务接待费);
- ``f_whole_unruled``: whole 万元 without rules: the 政府性基金 决算表's 本年收入, its name
  left of narrow amounts and an empty 年初结转和结余 further left, named its column (unread);
- ``f_three_under_zeros``: the national 三公 layout in 元 with zeros printed as — (a word over
  the boundary of two columns, 小计, took one column each side of a column of narrow marks);
- ``f_running_foot``: a running head and a footer naming the department and year
  (临江市文化和旅游局2025年度部门决算    第3页), eight rows a page, no rules.
"""

from __future__ import annotations

import pytest
from conftest import as_committed, pdf_gold, place, sure_cells
from variants_final import FINAL, document

from llmextract.pipeline import run_text


@pytest.mark.parametrize("st", FINAL, ids=[s.name for s in FINAL])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    as_committed(st.name, document(st))


@pytest.mark.parametrize("st", FINAL, ids=[s.name for s in FINAL])
def test_a_final_variant_reads_every_gold_cell_sure_and_nothing_else(st) -> None:  # type: ignore[no-untyped-def]
    assert sure_cells(st.name) == pdf_gold(st.name)


def test_a_three_public_column_under_no_period_word_is_not_read_as_a_row_the_table_lacks() -> None:
    """A 三公 决算表 whose 决算数 group prints one column more than its 预算数 group, 决算数
    standing over its 因公出国 | 公务用车购置及运行费 only (the group word reaching neither
    合计 nor 公务接待费 beside them): their period is unknown, so their figures stay unread,
    never read sure as a ``current`` row the 决算 三公 table does not have, and the user is
    told which columns. 公务用车购置及运行费 with no parts under it is the whole item."""
    lines = [
        place((14, "预算数"), (62, "决算数"), right=False),
        place(
            *((2, "合计"), (12, "因公出国(境)费"), (30, "公务接待费"), (44, "合计")),
            *((54, "因公出国(境)费"), (72, "公务用车购置及运行费"), (94, "公务接待费")),
            right=False,
        ),
        "",
        place(
            *((6, "16.50"), (20, "3.00"), (36, "3.20")),
            *((48, "15.00"), (62, "2.00"), (82, "9.80"), (100, "3.20")),
        ),
    ]
    unit = "编制部门：某局" + " " * 60 + "单位：万元"
    head = ["2025年部门决算", "", "2025年部门财政拨款“三公”经费支出决算表", unit]
    three = run_text("\n".join([*head, *lines, ""]), "t.txt").table("final_three_public")
    assert three is not None
    got = {(r.key, c): (v.value, v.status) for r in three.rows for c, v in r.values.items()}
    assert {r for r, _ in got} <= {"budget", "final"}
    assert "15.00" not in {v for v, _ in got.values()}
    truth = {("budget", "total"): "16.50", ("budget", "overseas"): "3.00", ("budget", "reception"): "3.20"}
    truth |= {("final", "overseas"): "2.00", ("final", "vehicle"): "9.80", ("final", "reception"): "3.20"}
    assert all(s != "ok" or truth[k] == v for k, (v, s) in got.items())
    assert got[("final", "vehicle")] == ("9.80", "ok")
    assert any("“合计”、“公务接待费”列属于预算数还是决算数" in d for d in three.doubts)  # the user is told
