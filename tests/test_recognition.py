"""Tables recognised by title, header and row codes; prose after an unread table kept."""

from __future__ import annotations

from llmextract.pipeline import run_text

HEAD = "2026年部门预算\n\n"
EXPENDITURE = (
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "208\t社会保障和就业支出\t30.00\t10.00\t20.00\n"
    "20805\t行政事业单位养老支出\t30.00\t10.00\t20.00\n"
    "合计\t\t30.00\t10.00\t20.00\n"
)
REVENUE = (
    "科目编码\t科目名称\t合计\t一般公共预算拨款收入\t事业收入\n"
    "208\t社会保障和就业支出\t30.00\t30.00\t0.00\n"
    "合计\t\t30.00\t30.00\t0.00\n"
)


def test_a_title_cut_short_by_the_page_edge_is_still_its_table() -> None:
    res = run_text(
        HEAD
        + "2026年部门支出预算总表\n单位：万元\n"
        + EXPENDITURE
        + "\n2026年部门收入预算总\n单位：万元\n"
        + REVENUE
    )
    assert res.table("revenue") is not None
    assert res.table("revenue").row("208").values["general_budget"].value == "30.00"
    # nothing of the revenue table is misfiled under the expenditure table before it
    assert res.table("expenditure").row("208").values["total"].value == "30.00"
    assert set(res.table("expenditure").columns) == {"total", "basic", "project"}


def test_a_title_no_schema_names_is_read_by_its_header_and_rows_and_says_so() -> None:
    res = run_text(
        HEAD
        + "2026年部门支出预算总表\n单位：万元\n"
        + EXPENDITURE
        + "\n本单位收入分类统计表\n单位：万元\n"
        + REVENUE
    )
    t = res.table("revenue")
    assert t is not None and t.unsure
    assert any("不是已知的表" in d for d in t.doubts)
    assert all(c.status == "doubt" for r in t.rows for c in r.values.values())
    assert res.table("expenditure").row("total").values["total"].value == "30.00"


def test_a_title_no_schema_names_over_a_header_several_kinds_print_is_read_as_none() -> None:
    """合计 | 基本支出 | 项目支出 over function codes under 本单位支出分类统计表: a 支出总表, a
    一般公共预算支出表, a 政府性基金预算支出表 … print it alike. None of them is read, and a
    finding says why (before: unread, said nowhere)."""
    res = run_text(HEAD + "本单位支出分类统计表\n单位：万元\n" + EXPENDITURE)
    assert not [t for t in res.tables if t.rows]
    found = [c for c in res.checks if c.rule == "structure:untitled_table"]
    assert len(found) == 1 and found[0].message.startswith("标题“本单位支出分类统计表”不是已知的表")
    assert "「一般公共预算财政拨款支出预算表」" in found[0].message and found[0].message.endswith("未读取")


def test_an_unknown_table_stops_the_table_before_it() -> None:
    other = "序号\t服务内容\t人数\n1\t培训\t30.00\n2\t咨询\t45.00\n"
    res = run_text(
        HEAD + "2026年部门支出预算总表\n单位：万元\n" + EXPENDITURE + "\n政府购买服务预算表\n" + other
    )
    t = res.table("expenditure")
    assert {r.key for r in t.rows} == {"208", "20805", "total"}  # 30.00 and 45.00 are not its rows


def test_prose_after_a_performance_target_table_is_read() -> None:
    target = (
        "项目名称\t绩效目标\n社保经办\t确保待遇按时足额发放。全年服务群众10000人次以上，满意率达到95%。\n"
    )
    prose = "三、“三公”经费预算情况说明\n2026年“三公”经费预算数为8.00万元，比2025年预算减少1.00万元。\n"
    res = run_text(HEAD + "2026年部门整体支出绩效目标表\n" + target + "\n" + prose)
    facts = {f.id: f.value for f in res.narrative}
    assert facts.get("three_public_total") == "8.00" and facts.get("three_public_change") == "-1.00"


def test_a_government_fund_sentence_s_project_expense_is_not_the_department_s() -> None:
    prose = (
        "一、收支预算总体情况\n"
        "2026年一般公共预算拨款支出100.00万元，其中：基本支出60.00万元，项目支出40.00万元。"
        "政府性基金预算拨款支出30.00万元，其中：项目支出30.00万元。\n"
    )
    facts = {f.id: f.value for f in run_text(HEAD + prose).narrative}
    assert facts["project_expense"] == "40.00" and facts["basic_expense"] == "60.00"
    gov_first = (
        "一、收支预算总体情况\n"
        "2026年政府性基金预算拨款支出30.00万元，其中：项目支出30.00万元。"
        "一般公共预算拨款支出100.00万元，其中：基本支出60.00万元，项目支出40.00万元。\n"
    )
    facts = {f.id: f.value for f in run_text(HEAD + gov_first).narrative}
    assert facts["project_expense"] == "40.00"


def test_a_placeholder_in_a_cell_per_line_table_keeps_the_table() -> None:
    """##### in a one-cell-per-line export is a placeholder cell, not a markdown heading that
    ends the table: the rows after it are read, and the placeholder fails its identities."""
    from conftest import EXAMPLES

    seed = "004_0aedab1e77a5c37c"
    text = (EXAMPLES / f"{seed}.txt").read_text(encoding="utf-8")
    base = run_text(text, f"{seed}.txt").table("gpb_basic_economic")
    p = base.row("30102").values["total"].provenance
    res = run_text(text[: p.start] + "#####" + text[p.end :], f"{seed}.txt")
    t = res.table("gpb_basic_economic")
    assert len(t.rows) == len(base.rows) and t.row("30102").values["total"].value == "#####"
    assert any(c.row == "30102" and "占位符" in c.message for c in res.checks)


def test_a_project_keyed_by_its_name_keeps_its_printed_brackets() -> None:
    table = (
        "2026年部门项目支出预算明细表\n单位：万元\n"
        "科目编码\t项目名称\t合计\n"
        "2080199\t社保经办（窗口）服务 经费\t12.00\n"
        "2080199\t社保宣传\t3.00\n"
    )
    t = run_text(HEAD + table).table("projects")
    assert {r.key for r in t.rows} >= {"社保经办（窗口）服务经费", "社保宣传"}


def test_a_project_code_is_not_run_together_with_the_codes_before_it() -> None:
    """A projects table printing 科目编码 | 单位编码 | 项目编码 in cells of their own: the key is
    the project's code, not the digits of the classification and unit codes run into it."""
    table = (
        "2026年部门项目支出预算明细表\n单位：万元\n"
        "科目编码\t单位编码\t项目编码\t项目名称\t合计\n"
        "2080199\t426003\t50015224T000004337668\t社保经办经费\t12.00\n"
        "2080199\t426003\t50015224T000004339999\t社保宣传\t3.00\n"
    )
    t = run_text(HEAD + table).table("projects")
    assert {r.key for r in t.rows} >= {"50015224T000004337668", "50015224T000004339999"}


def test_the_budget_year_is_the_one_the_cover_names() -> None:
    """The cover says 2026年区级部门预算; a heading below that misprints the year does not
    change the budget year."""
    from llmextract.reading.tables import budget_year

    text = "上海市普陀区2026年区级部门预算\n预算主管部门：某局\n\n2025年部门预算编制说明\n收入预算100万元。\n"
    assert budget_year(text) == 2026
