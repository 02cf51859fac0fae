"""Other documents of the seeds' own layout families, built here from the seeds (another
title wording, a table continued on another page, …): each reads right, or says doubt."""

from __future__ import annotations

import re

from conftest import EXAMPLES

from llmextract.core.schemas import load
from llmextract.document import chunking
from llmextract.pipeline import run_text


def _seed(prefix: str) -> str:
    return next(EXAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _cells(text: str, table: str) -> dict[tuple[str, str], tuple[str, str]]:
    res = run_text(text, "t.txt")
    t = res.table(table)
    assert t is not None, [x.id for x in res.tables]
    return {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}


# -- titles ---------------------------------------------------------------------------


def test_a_label_before_a_title_that_begins_with_a_numeral_keeps_the_title_whole() -> None:
    """表三 一般公共预算…: the title's 一 is not the label's (表三一 | 般公共预算… named no
    table, and the table was read in doubt by its header words)."""
    s = load()
    for title, label in (
        ("表三 一般公共预算财政拨款基本支出预算表", "表三"),
        ("## 表五 一般公共预算财政拨款支出预算表", "表五"),
        ("表三一般公共预算财政拨款基本支出预算表", "表三"),  # the space lost
        ("表十一 政府性基金预算财政拨款支出预算表", "表十一"),
        ("## 表一 2025年部门收支总表", "表一"),  # not 表一2025
        ("表3-1 一般公共预算基本支出预算表", "表3-1"),
    ):
        cands, lab = chunking.title_candidates(title, s)
        assert cands and cands[0] != chunking.UNKNOWN, title
        assert lab == label, (title, lab)


def test_numbered_titles_of_the_tab_family_read_sure() -> None:
    """001's titles numbered 表一 … 表十: every table is read as without the numbers, none in doubt."""
    text = _seed("001")
    nums = iter([*"一二三四五六七八九十", *(f"十{n}" for n in "一二三四五六七八九")])
    out: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        if line.startswith(("重庆市潼南区社会保险事务中心", "一般公共预算")) and line.endswith("表"):
            if line not in seen:  # a page's title printed again keeps no number
                seen.add(line)
                line = f"表{next(nums)} {line}"
        out.append(line)
    cells = _cells("\n".join(out), "gpb_basic_economic")
    assert cells[("30101", "total")] == ("174.68", "ok")
    assert cells[("total", "personnel")] == ("813.08", "ok")
    assert all(st == "ok" for _, st in cells.values())


# -- rows without a code --------------------------------------------------------------


_TITLE = ["部门支出总表（公开表1-2）", "", "\t部门支出总表", "", "\t金额单位：万元", ""]


def _cell_rows(rows: list[list[str]]) -> list[str]:
    out: list[str] = []
    for r in rows:
        out += ["\t" + c for c in r] + [""]
    return out


def test_a_department_row_is_never_keyed_by_the_codes_under_it() -> None:
    """004's 部门支出总表 with a page break (its header printed again) after a few rows: the
    department's own row (its name, the totals) is followed by fewer coded rows, all of 208;
    it is not read as class 208."""
    text = _seed("004")
    lines = text.split("\n")
    start = next(i for i, s in enumerate(lines) if s.startswith("部门支出总表"))
    first = next(i for i in range(start, len(lines)) if lines[i] == "\t 机关事业单位职业年金缴费支出")
    cut = next(i for i in range(first, len(lines)) if lines[i] == "") + 1
    header = lines[start : next(i for i in range(start, len(lines)) if lines[i] == "\t类")]
    lines = lines[:cut] + ["", *header, "\t类", "\t款", "\t项", *["\t"] * 7, "", *lines[cut:]]
    cells = _cells("\n".join(lines), "expenditure")
    assert ("208", "total") not in cells
    assert cells[("total", "total")] == ("1149.80", "ok")
    assert cells[("2080506", "basic")] == ("30.51", "ok")


def test_a_code_less_group_row_whose_rows_below_do_not_add_up_is_a_doubt() -> None:
    """A row printed without a code is keyed by the codes of the rows under it; when they do
    not add up to it (the run cut short), the key is a guess: the row is in doubt — and when
    it prints the total's amounts, it is the department's row, not emitted."""
    head = ["\t项目", "\t合计", "\t基本支出", "\t项目支出", ""]
    for group, emitted in (("100.00", False), ("90.00", True)):
        rows = [
            ["", "", "", "", "合    计", "100.00", "60.00", "40.00"],
            ["", "", "", "", "人力资源和社会保障", group, "60.00", "40.00"],
            ["208", "01", "01", "316002", " 行政运行", "60.00", "60.00", ""],
            ["208", "01", "09", "316002", " 社会保险经办机构", "20.00", "", "20.00"],
        ]
        cells = _cells("\n".join([*_TITLE, *head, *_cell_rows(rows)]), "expenditure")
        assert cells[("2080101", "total")] == ("60.00", "ok")
        assert cells[("total", "total")] == ("100.00", "ok")
        if emitted:
            assert cells[("20801", "total")] == (group, "doubt")
        else:
            assert not any(row == "20801" for row, _ in cells)


def test_a_code_less_group_row_that_its_rows_add_up_to_is_sure() -> None:
    """The same with the rows adding up to it: keyed by their 款, sure."""
    head = ["\t项目", "\t合计", "\t基本支出", "\t项目支出", ""]
    rows = [
        ["", "", "", "", "合    计", "80.00", "60.00", "20.00"],
        ["", "", "", "", "人力资源和社会保障管理事务", "80.00", "60.00", "20.00"],
        ["208", "01", "01", "316002", " 行政运行", "60.00", "60.00", ""],
        ["208", "01", "09", "316002", " 社会保险经办机构", "20.00", "", "20.00"],
    ]
    doc = [*_TITLE, *head, *_cell_rows(rows)]
    cells = _cells("\n".join(doc), "expenditure")
    assert cells[("20801", "total")] == ("80.00", "ok")
    assert cells[("20801", "basic")] == ("60.00", "ok")


def test_seed_004_keeps_its_code_less_rows_sure() -> None:
    """004's code-less class rows (工资福利支出 → 301) and project groups add up: no new doubt."""
    res = run_text(_seed("004"), "t.txt")
    t = res.table("fiscal_expenditure_economic")
    assert t is not None
    row = t.row("301")
    assert row is not None and all(c.status == "ok" for c in row.values.values())
    assert not any(re.search("未印编码", d) for x in res.tables for d in x.doubts)


# the wordings other templates print for the same tables (部门收入预算表 for 部门收入总表,
# 一般公共预算拨款… for 一般公共预算财政拨款…): a table of the same header under either title is
# read alike; the header alone cannot tell 部门支出 from 一般公共预算支出 (the same columns)
_OTHER_WORDINGS = (
    ("部门收入预算总表", "部门收入预算表"),
    ("部门支出预算总表", "部门支出预算表"),
    ("部门财政拨款收支预算总表", "部门财政拨款收支预算表"),
    ("部门一般公共预算财政拨款支出预算表", "部门一般公共预算拨款支出预算表"),
    ("部门一般公共预算财政拨款基本支出预算表", "部门一般公共预算拨款基本支出预算表"),
)


def test_other_templates_wordings_name_the_same_tables() -> None:
    s = load()
    for title, table in (
        ("部门收入预算表", "revenue"),
        ("单位收入情况表", "revenue"),
        ("部门支出预算表", "expenditure"),
        ("2024年部门预算支出表", "expenditure"),
        ("财政拨款收支预算表", "fiscal_summary"),
        ("一般公共预算拨款支出预算表", "gpb_expenditure"),
        ("一般公共预算拨款基本支出预算表", "gpb_basic_economic"),
        ("一般公共预算支出经济分类预算表", "gpb_economic"),
    ):
        cands, _ = chunking.title_candidates(title, s)
        assert cands[:1] == [table], (title, cands)
    for title in ("部门项目支出预算表", "部门一般公共预算拨款支出预算表", "部门预算支出经济分类表"):
        cands, _ = chunking.title_candidates(title, s)
        assert "expenditure" not in cands, (title, cands)


def test_a_seed_under_other_templates_wordings_reads_the_same_cells() -> None:
    text = _seed("000")
    other = text
    for old, new in _OTHER_WORDINGS:
        assert old in other, old
        other = other.replace(old, new)
    for table in ("revenue", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic_economic"):
        assert _cells(other, table) == _cells(text, table), table


def test_a_basic_table_headed_by_other_templates_words_reads_the_same_cells() -> None:
    """人员支出 | 公用支出 (another template's words for 人员经费 | 公用经费) over the 基本支出
    table's two parts: the same columns (before, the parts were lost and the row totals left)."""
    text = _seed("000")
    lines = text.split("\n")
    header = [i for i, ln in enumerate(lines) if "人员经费" in ln and "公用经费" in ln and "\t" in ln]
    assert header, "the seed's 基本支出 header"
    for i in header:
        lines[i] = lines[i].replace("人员经费", "人员支出").replace("公用经费", "公用支出")
    assert _cells("\n".join(lines), "gpb_basic_economic") == _cells(text, "gpb_basic_economic")


def test_fund_columns_worded_with_fiscal_grants_are_the_funds_not_their_subtotal() -> None:
    """一般公共预算财政拨款收入 | 政府性基金预算财政拨款收入 | 国有资本经营预算财政拨款收入 over
    the 收入总表's fund columns: each is its fund's column, not the 财政拨款 subtotal (which
    holds 财政拨款收入 as long a name as 一般公共预算 or 国有资本经营)."""
    text = _seed("004")
    other = text
    for fund in ("一般公共预算", "政府性基金预算", "国有资本经营预算"):
        cell = f"\n\t{fund}拨款收入\n"
        assert cell in other, fund
        other = other.replace(cell, f"\n\t{fund}财政拨款收入\n")
    assert _cells(other, "revenue") == _cells(text, "revenue")
