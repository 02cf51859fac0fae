"""决算 (final accounts): the document's kind and scope, the 决算 tables read under their own ids,
their identities, and the reviewer's checks on their prose. The cases are made from the dev
documents: ``tests/final/social_2024.txt`` is 中共上海市普陀区委社会工作部's 2024 决算 written
as tab-separated text (its tables and prose, a 政府性基金 row added for the carry-over balance),
``tests/pdfs/final/`` holds that document's PDF and the blank national template; each plant
changes one figure, one word or one year, and the finding must name it."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

import pytest

from llmextract.cli import closing
from llmextract.cli.batch import Outcome
from llmextract.core.result import Result
from llmextract.document.kind import Kind, Scope, derive
from llmextract.outputs import export
from llmextract.pipeline import run_file, run_text

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "final" / "social_2024.txt"
PDFS = HERE / "pdfs" / "final"
TEXT = FIXTURE.read_text(encoding="utf-8")


@cache
def original() -> Result:
    return run_text(TEXT, "social_2024.txt")


def planted(old: str, new: str) -> Result:
    assert TEXT.count(old) == 1, old
    return run_text(TEXT.replace(old, new), "social_2024.txt")


def new_findings(res: Result) -> list[str]:
    before = {c.message for c in original().checks}
    return [c.message for c in res.checks if c.message not in before]


def names(res: Result, table: str, row: str, col: str) -> bool:
    """A failed check names this cell as its culprit or among its suspects."""
    return any(
        (c.table, c.row, c.col) == (table, row, col)
        or any((x.table, x.row, x.col) == (table, row, col) for x in c.suspects)
        for c in res.checks
    )


# -- the kind, derived once --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "scope"),
    [
        (
            "上海市普陀区财政局\n2024年度部门决算\n                  目 录\n第一部分 概况",
            Kind.FINAL,
            Scope.DEPARTMENT,
        ),
        (
            "2026 年深圳市医疗保障局（本级）部\n         门预算\n目   录\n一、文字部分",
            Kind.BUDGET,
            Scope.DEPARTMENT,
        ),
        ("上海市2026年市级单位预算\n  预算单位：上海市花卉良种试验场\n目   录", Kind.BUDGET, Scope.UNIT),
        ("       2026年\n广州市统计局部门预算\n            目 录", Kind.BUDGET, Scope.DEPARTMENT),
        ("某某中心2024年度单位决算\n目录", Kind.FINAL, Scope.UNIT),
    ],
)
def test_the_title_page_says_the_kind_and_scope(text: str, kind: Kind, scope: Scope) -> None:
    k = derive(text)
    assert (k.kind, k.scope, k.said_by) == (kind, scope, "title")


def test_without_a_title_page_the_table_titles_say_the_kind() -> None:
    k = derive("收入支出决算总表\n单位：万元\n项目\t决算数\n一般公共预算财政拨款支出决算表\n单位：万元")
    assert (k.kind, k.said_by) == (Kind.FINAL, "tables")
    k = derive("预算01表 收支总表\n金额单位：万元\n预算05表 一般公共预算财政拨款支出预算表\n单位：万元\n")
    assert (k.kind, k.said_by) == (Kind.BUDGET, "tables")


@pytest.mark.parametrize(
    ("title", "what"),
    [
        ("上海市普陀区财政局2024年度部门整体支出绩效自评报告", "绩效自评报告"),
        ("关于上海市普陀区2024年预算执行情况和2025年预算草案的报告", "预算执行情况报告"),
    ],
)
def test_a_kind_the_tool_cannot_read_says_so_and_is_not_read_as_a_budget(title: str, what: str) -> None:
    text = f"{title}\n一、基本情况\n本部门2024年收入预算100.00万元，支出预算100.00万元。\n"
    res = run_text(text, "report.txt")
    assert res.source.kind is None and res.source.unreadable == what
    assert res.tables == [] and res.narrative == [] and res.checks == []
    assert any(what in w and "does not read it" in w for w in res.warnings)
    out = Outcome(Path("report.txt"), "report")
    out.count(res)
    assert f"not read: {what}" in closing.table([out])


# -- the 决算 tables under their own ids ----------------------------------------------------------


def test_a_final_account_is_read_with_its_own_tables_and_facts() -> None:
    res = original()
    assert (res.source.kind, res.source.scope, res.source.year) == ("决算", "部门", 2024)
    ids = {t.id for t in res.tables}
    assert ids == {
        "final_summary",
        "final_fiscal_summary",
        "final_gpb_expenditure",
        "final_gpb_basic",
        "final_three_public",
        "final_gov_fund",
    }
    cells = list(export.cells(res))
    assert cells and all(c["table"].startswith("final_") or c["row"].startswith("final.") for c in cells)
    got = {(c["table"], c["row"], c["col"]): c["value"] for c in cells}
    assert got[("final_gpb_basic", "30299", "amount")] == "0.21"  # the right half of the paired table
    assert got[("final_gpb_basic", "personnel_total", "amount")] == "95.36"
    assert got[("final_three_public", "budget", "reception")] == "2.85"  # 预算数 | 决算数 per item
    assert got[("final_three_public", "final", "total")] == "0.39"
    assert got[("final_gov_fund", "212", "carryover_end")] == "20.00"
    assert got[("narrative", "final.grand_total", "value")] == "307.82"
    # the fixture leaves out two tables: nothing else is found in it
    assert {c.rule for c in res.checks} == {"required_table"}


def test_the_dev_pdf_reads_as_a_final_account_with_no_finding() -> None:
    res = run_file(PDFS / "sh_putuo_social_2024.pdf")
    assert (res.source.kind, res.source.scope) == ("决算", "部门")
    cells = [c for c in export.cells(res) if c["table"] != "narrative"]
    assert len(cells) >= 190 and all(c["table"].startswith("final_") for c in cells)
    assert res.checks == []  # no contents-page finding, nothing else


def test_the_blank_template_reads_as_a_final_account_with_no_finding() -> None:
    res = run_file(PDFS / "template_national.pdf")
    assert (res.source.kind, res.source.template) == ("决算", True)
    assert res.checks == [] and not [w for w in res.warnings if "printed up to" in w]


def test_kind_and_scope_are_in_the_database_and_the_summary(tmp_path: Path) -> None:
    from llmextract.outputs.database import engine_for, save

    eng = engine_for(str(tmp_path / "r.sqlite"))
    save(eng, original())
    row = sqlite3.connect(tmp_path / "r.sqlite").execute("SELECT kind, scope, year FROM documents").fetchone()
    assert row == ("决算", "部门", 2024)
    out = Outcome(Path("social_2024.txt"), "s")
    out.count(original())
    assert "决算" in closing.table([out]).splitlines()[-1]


# -- identities -------------------------------------------------------------------------------


def test_the_carry_over_balance_per_fund() -> None:
    res = planted(
        "城乡社区支出\t10.00\t100.00\t90.00\t60.00\t30.00\t20.00",
        "城乡社区支出\t10.00\t100.00\t90.00\t60.00\t30.00\t25.00",
    )
    assert names(res, "final_gov_fund", "212", "carryover_end")
    assert any("carryover_end = carryover_start + income - total" in c.rule for c in res.checks)


def test_a_parent_is_the_sum_of_its_children_and_the_total_basic_plus_project() -> None:
    res = planted("行政运行\t51.32\t51.32", "行政运行\t52.32\t51.32")
    assert names(res, "final_gpb_expenditure", "2013901", "total")
    res = planted("合计\t307.82\t105.58\t202.24", "合计\t307.82\t105.68\t202.24")
    assert names(res, "final_gpb_expenditure", "total", "basic")


def test_the_fiscal_total_against_its_three_funds() -> None:
    res = planted("九、卫生健康支出\t2.71\t2.71\t\t", "九、卫生健康支出\t2.81\t2.71\t\t")
    assert names(res, "final_fiscal_summary", "out.210", "total")


def test_the_three_public_final_against_its_items() -> None:
    row = "2.85\t0.39\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t2.85\t0.39"
    res = planted(row, row[: -len("0.39")] + "0.49")
    assert any(
        c.table == "final_three_public" and c.row == "final" and "overseas + vehicle + reception" in c.rule
        for c in res.checks
    )


def test_the_basic_table_totals_against_its_classes() -> None:
    res = planted("人员经费合计\t95.36", "人员经费合计\t96.36")
    assert names(res, "final_gpb_basic", "personnel_total", "amount")


# -- the reviewer's checks on the prose ---------------------------------------------------------


def test_a_stated_direction_against_its_two_figures() -> None:
    res = planted("决算数大于预算数的主要原因", "决算数小于预算数的主要原因")
    (msg,) = new_findings(res)
    assert "307.82" in msg and "300.00" in msg and "小于" in msg
    res = planted("决算数与全年预算数持平", "决算数大于全年预算数")
    (msg,) = new_findings(res)
    assert "202.24" in msg and "大于" in msg


def test_a_percentage_of_the_plan_against_its_figures() -> None:
    res = planted("完成年初预算的102.61%", "完成年初预算的101.61%")
    (msg,) = new_findings(res)
    assert "102.61%" in msg and "101.61%" in msg


def test_a_change_against_its_subjects_figure_and_its_two_words() -> None:
    res = planted("增加7.82万元，增长2.61%", "增加7.82万元，增长3.61%")
    (msg,) = new_findings(res)
    assert "3.61%" in msg and "增长2.61%" in msg and "300.00万元" in msg  # last year's: 307.82 − 7.82
    res = planted("增加7.82万元，增长2.61%", "增加7.82万元，下降2.61%")
    (msg,) = new_findings(res)
    assert "增减方向前后矛盾" in msg


def test_a_unit_label_that_contradicts_the_figures() -> None:
    i = TEXT.index("收入支出决算总表\n单位：万元")
    res = run_text(TEXT[:i] + TEXT[i:].replace("单位：万元", "单位：元", 1), "social_2024.txt")
    (msg,) = new_findings(res)
    assert "收入支出决算总表" in msg and "单位：元" in msg
    # one cause, one finding: the prose figure against its table, naming the unit
    res = planted("收入支出总计307.82万元", "收入支出总计307.82元")
    (msg,) = [m for m in new_findings(res) if "307.82" in m]
    assert "307.82 元" in msg and "单位应为万元" in msg


def test_a_year_other_than_the_documents() -> None:
    res = planted("截至2024年12月31日", "截至2023年12月31日")
    (msg,) = new_findings(res)
    assert "2023" in msg and "2024年决算" in msg
    res = planted("与2023年度相比，收入支出总计", "与2024年度相比，收入支出总计")
    assert any("比较基数" in m and "2024" in m for m in new_findings(res))


def test_a_total_stated_as_zero_while_the_tables_print_one() -> None:
    res = planted("收入支出总计307.82万元", "收入支出总计0万元")
    assert any(
        (c.table, c.row) == ("narrative", "final.grand_total") or c.rule == "zero_vs_table"
        for c in res.checks
    )


def test_a_table_listed_in_the_contents_but_absent() -> None:
    start = TEXT.index("政府性基金预算财政拨款收入支出决算表\n单位")
    end = TEXT.index("第三部分", start)
    res = run_text(TEXT[:start] + TEXT[end:], "social_2024.txt")
    assert any("目录列有政府性基金预算财政拨款收入支出决算表" in m for m in new_findings(res))


def test_an_empty_table_needs_the_note_that_says_why() -> None:
    figures = "\t10.00\t100.00\t90.00\t60.00\t30.00\t20.00\n"
    rows = "\t合计" + figures + "212\t城乡社区支出" + figures
    assert TEXT.count(rows) == 1
    empty = run_text(TEXT.replace(rows, ""), "social_2024.txt")
    assert any("政府性基金预算财政拨款收入支出决算表为空表" in m for m in new_findings(empty))
    noted = run_text(
        TEXT.replace(rows, "注：本部门没有政府性基金预算财政拨款收入和支出，故本表无数据。\n"), "s.txt"
    )
    assert not any("为空表" in m for m in new_findings(noted))


def test_a_table_without_a_schema_is_not_read_into_another() -> None:
    """Other templates print a 项目支出决算表 (economic rows, like the 基本支出 table) and a 三公
    table titled …情况表: the first is left unread, not filed under the 基本支出 table; the
    second is the 三公 table."""
    text = (
        "某某局\n2023年度部门决算\n"
        "一般公共预算财政拨款项目支出决算表\n单位：万元\n科目编码\t科目名称\t决算数\n"
        "302\t商品和服务支出\t10.00\n30201\t办公费\t10.00\n"
        "财政拨款“三公”经费、行政参公单位机关运行经费情况表\n单位：万元\n"
        "合计\t\t因公出国（境）费\t\n预算数\t决算数\t预算数\t决算数\n3.00\t2.00\t1.00\t1.00\n"
    )
    res = run_text(text, "other.txt")
    assert [t.id for t in res.tables] == ["final_three_public"]
    got = {(c["row"], c["col"]): c["value"] for c in export.cells(res)}
    assert got == {
        ("budget", "total"): "3.00",
        ("final", "total"): "2.00",
        ("budget", "overseas"): "1.00",
        ("final", "overseas"): "1.00",
    }


def test_a_parts_change_is_not_the_operating_costs_change() -> None:
    """机关运行经费's change is read against a basis (上年, 2023年决算数…), never a part's (办公费)."""
    for sentence, change in (
        ("机关运行经费支出50.00万元，比上年办公费减少5.00万元。", None),
        ("机关运行经费支出50.00万元，比2023年决算数增加5.00万元。", "5.00"),
    ):
        res = run_text(TEXT + "\n" + sentence + "\n", "social_2024.txt")
        facts = {f.id: f.value for f in res.narrative}
        assert facts.get("final.operating_cost") == "50.00"
        assert facts.get("final.operating_cost_change") == change


# -- other templates' words for the same 决算 tables ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("收入支出决算总表", "收入支出决算表"),  # without 总
        ("一般公共预算财政拨款支出决算表", "一般公共预算拨款支出决算表"),  # 拨款 for 财政拨款
        ("一般公共预算财政拨款基本支出决算表", "一般公共预算拨款基本支出决算表"),
    ],
)
def test_another_templates_title_reads_the_table_as_its_own(old: str, new: str) -> None:
    """The table under another template's title reads cell for cell as under the national one,
    with the same findings (before, the first two were left unread and blamed as missing; the
    second also filed a 支出 row as a fund's figure and blamed the document for the sum)."""
    text = TEXT.replace(f"\n{old}\n", f"\n{new}\n")
    assert text.count(f"\n{new}\n") == 1
    res = run_text(text, "social_2024.txt")
    want = {(c["table"], c["row"], c["col"], c["value"]) for c in export.cells(original())}
    assert {(c["table"], c["row"], c["col"], c["value"]) for c in export.cells(res)} == want
    assert sorted(c.message for c in res.checks) == sorted(c.message for c in original().checks)


def test_a_fiscal_expenditure_title_is_not_the_departments_expenditure_table() -> None:
    """财政拨款支出决算表 (a fiscal table) names no 决算 table: its header decides, and it is never
    filed as the department's 支出决算表 (whose total is all funds')."""
    from llmextract.core.resources import data_dir
    from llmextract.core.schemas import load

    final = load(data_dir("schemas") / "final")
    assert final.tables["final_expenditure"].title_match("财政拨款支出决算表") == 0
    assert final.tables["final_expenditure"].title_match("部门支出决算表") > 0
