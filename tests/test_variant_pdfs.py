"""The eight standard 部门预算 tables of one seed budget, printed as other regions print them
(``tests/variants.py`` makes ``tests/pdfs/v_<style>.pdf`` and its gold): each reads every gold
cell, sure, and nothing else sure.

- ``v_jiangsu``: a label (公开01表) on its own line above each title, the 合计 line first;
- ``v_central``: titles without year or department (收支总表), codes in 类 | 款 | 项 columns,
  2025年执行数 beside 2026年预算数 (一般公共预算支出表, “三公”经费);
- ``v_yuan``: whole 元 with thousands separators, zeros printed, the department's name before
  each title and 单位：元 at the right end of the title's line, rules above and below only;
- ``v_merged``: a grid, header cells merged over two lines, codes in 类 | 款 | 项 columns;
- ``v_continued`` / ``v_continued_bare``: tables cut every eight lines onto the next page, the
  header printed again (or not);
- ``v_stacked``: a 收支总表 with its 收入 block above its 支出 block;
- ``v_contents``: a 目录 page listing every table with its page, labels 表1 … 表8, no rules;
- ``v_spaced``: two-character header words letter-spaced (项    目, 合    计), 执行数 columns;
- ``v_wrapped_names``: a narrow 科目名称 column, long names wrapped in their cells, no rules;
- ``v_wrapped_split``: names wrapped round their code line, the code in 类 | 款 | 项 columns
  (its 款 and 项 were read as amounts, the rows as other units' tables);
- ``v_central_unruled``: ``v_central`` without rules: the year words over their two groups of
  three 公 columns, 合计 and 因公出国 centred beside 公务用车购置及运行费, not under it;
- ``v_plain_yuan``: whole 元 without separators (13020000), 类 | 款 | 项 columns, the 合计 line
  first, tables cut every six lines, 表1 labels and 单位：元 on the title's line;
- ``v_dashes``: every zero printed as — (a printed nil: it counts as 0 in the checks, and
  stays — in the cells), rules above and below only;
- ``v_change``: a 一般公共预算支出表 of 上年预算数 | 本年预算数 (合计 | 基本支出 | 项目支出) |
  增减额 | 增减率(%): no year printed, 上年 names the earlier one; the change (negative on some
  rows) and its rate read and checked, no cells; zeros printed as -, labels 表1 …;
- ``v_code_names``: code and name in one cell (``2010301 行政运行``), six decimals in 万元,
  单位：万元 left of 部门名称, each title at the foot of the page before its table;
- ``v_meetings``: a 三公 table printing 会议费 | 培训费 beside it: its outer 合计 adds them
  and is no 三公 figure; the “三公”经费 group's 小计 is;
- ``v_meetings_unruled``: the same without rules, zeros printed (the group word spread over
  its six columns, not over 合计 | 会议费 | 培训费 merged down beside it and centred on the line
  of 公务用车购置及运行费), codes as ``[2010301]行政运行``;
- ``v_economic_summary``: a 收支总表 of three blocks, 收入 | 支出（按功能分类） | 支出（按经济分类）:
  the third is none of the cells (its four amounts left unread, and counted so);
- ``v_economic_only``: a 收支总表 whose 支出 side lists economic classes only (工资福利支出 …):
  none is a function class line; zeros printed as a bare 0;
- ``v_reworded``: other header words (功能分类科目编码, 本年预算, 收入总计, 小计, 日常公用经费,
  运行维护费, 一般公共预算 / 财政拨款 wrapped in its cell) without rules, 类 | 款 | 项 columns and
  2025年执行数 columns;
- ``v_rates``: the 增减率 printed with its % (2.84%), no rules: a column of such rates is no
  amount printed oddly (every row was in doubt), and a rate is no row's name (the 合计 row was
  lost);
- ``v_zeros_continued`` / ``v_dashes_continued``: zeros printed as 0 (as —), tables cut every
  nine lines, no rules (rules above and below only), the 增减 columns: a later page whose
  column prints only zeros (事业收入: 0 under a name ending right before them) or prints
  nothing (项目支出, left of 增减额 merged down beside it) — such a page's 0s were read as
  国有资本经营's, its 增减额 as 项目支出, sure and wrong;
- ``v_panels`` / ``v_panels_unruled`` / ``v_panels_split``: the 一般公共预算基本支出表 as two
  panels side by side (人员经费's 301, 303 | 公用经费's 302, 310), each 科目编码 | 科目名称 |
  金额 (a grid; no rules) or 合计 | 人员经费 | 公用经费 (rules above and below), the panels'
  人员经费合计 | 公用经费合计 at the foot and a 合计 under both (``v_panels``): a line's two
  halves are two rows (the right panel's amounts were read as the left rows' 公用经费, sure and
  wrong); ``tests/test_panels.py`` reads the same as text;
- ``v_panels_yuan``: the same in whole 元 without separators (2200000, a code's shape: it is
  an amount where it stands, under 金额, not under 科目编码), cut every six lines;
- ``v_panels_spaced``: 合计 | 人员经费 | 公用经费 a panel, letter-spaced (合    计), zeros
  printed, no rules, a 合计 line under both panels;
- ``v_panels_sums``: 合计 | 人员经费 | 公用经费 a panel, one 合计 line printing each panel's own
  sums under it: none is the table's (the left panel's 合计 was read as the table's, sure and
  wrong), the four amounts counted unread and the reason said;
- ``v_panels_whole``: the same, the panels' foot lines, then a 合计 line printing the table's
  合计 | 人员经费 | 公用经费 under the right panel only: the total row's (its 合计 was left out);
- ``v_label_only`` / ``v_label_only_budget``: no title line, the label (表3, 预算03表) alone
  over each table, the 目录 listing label and title: the contents name each table;
- ``v_label_only_bare`` / ``v_label_only_cn``: the same without a 目录 (公开03表, 表三, codes in
  类 | 款 | 项 columns): each table known by its header words and row codes; the two whose
  header (合计 | 基本支出 | 项目支出 over function codes) fits several kinds are left unread;
- ``v_label_only_yuan``: bare 表三 labels with a 目录, whole 元, the 合计 line first, tables cut
  every eight lines (a label under a table whose amounts print no decimals was taken for that
  table's own label, and the next table lost);
- ``v_label_only_central``: bare 表3 labels, no 目录, no rules, 2025年执行数 beside 2026年预算数:
  the 执行数 tells the 一般公共预算支出表 apart; the 政府性基金预算支出表 is left unread.
"""

from __future__ import annotations

import pytest
from conftest import PDFS, as_committed, pdf_gold, sure_cells, table_cells
from variants import STYLES, document

from llmextract.pipeline import run_file

NOT_YET: dict[str, str] = {}  # style name: why it is not read yet (xfail)
# style name: the tables it leaves unread by design (a bare label, no title nor contents naming
# it, a header and rows that fit several kinds alike: said in a finding, tests/test_label_only.py)
UNTOLD: dict[str, set[str]] = {
    "v_label_only_bare": {"gpb_expenditure", "gov_fund_expenditure"},
    "v_label_only_cn": {"gpb_expenditure", "gov_fund_expenditure"},
    "v_label_only_central": {"gov_fund_expenditure"},
}


@pytest.mark.parametrize("st", STYLES, ids=[s.name for s in STYLES])
def test_the_pdfs_are_those_the_generator_makes(st) -> None:  # type: ignore[no-untyped-def]
    as_committed(st.name, document(st))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(s.name, marks=pytest.mark.xfail(reason=NOT_YET[s.name], strict=True))
        if s.name in NOT_YET
        else s.name
        for s in STYLES
    ],
)
def test_a_variant_reads_every_gold_cell_sure_and_nothing_else(name: str) -> None:
    gold = {k: v for k, v in pdf_gold(name).items() if k[0] not in UNTOLD.get(name, set())}
    assert sure_cells(name) == gold


@pytest.mark.parametrize("st", STYLES, ids=[s.name for s in STYLES])
def test_a_variant_is_never_silently_wrong_and_says_what_it_left_unread(st) -> None:  # type: ignore[no-untyped-def]
    """Read or not, no cell is sure and wrong (or sure and none of the gold's), and an amount
    left out of the gold's cells is counted as unread, or read in doubt elsewhere."""
    gold = pdf_gold(st.name)
    res = run_file(PDFS / f"{st.name}.pdf")
    got = table_cells(res)
    assert {k: v for k, (v, s) in got.items() if s == "ok" and gold.get(k) != v} == {}
    if any(k not in got for k in gold):
        assert res.coverage.read < res.coverage.printed or any(s == "doubt" for _, s in got.values())


@pytest.mark.parametrize("st", STYLES, ids=[s.name for s in STYLES])
def test_a_document_ending_with_its_last_table_whole_is_not_called_truncated(st) -> None:  # type: ignore[no-untyped-def]
    """Each document ends with its 政府性基金预算支出表's last line (its 合计 first or last):
    read whole, its checks holding, it is no sign of a text cut short."""
    res = run_file(PDFS / f"{st.name}.pdf")
    assert not [w for w in res.warnings if "truncated" in w]


def test_whole_numbers_without_separators_are_counted_where_the_tables_print_them() -> None:
    """Whole 元 without separators (13020000): the tables read print whole amounts, so the
    coverage counts the whole numbers standing as a row's cells — all 178 read, nothing said
    to be unmeasured (before: printed 0, \"coverage not measured\")."""
    res = run_file(PDFS / "v_plain_yuan.pdf")
    assert res.coverage is not None and res.coverage.printed == res.coverage.read == 178
    assert not [w for w in res.warnings if "not measured" in w]
    other = run_file(PDFS / "v_yuan.pdf")  # whole 元 with separators: counted, nothing to say
    assert other.coverage is not None and other.coverage.printed > 0
    assert not [w for w in other.warnings if "not measured" in w]
