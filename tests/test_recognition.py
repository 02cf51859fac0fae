"""Tables recognised by title, header and row codes; prose after an unread table kept."""

from __future__ import annotations

from llmextract.extract import run_text

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
    assert any("names no known table" in d for d in t.doubts)
    assert all(c.status == "doubt" for r in t.rows for c in r.values.values())
    assert res.table("expenditure").row("total").values["total"].value == "30.00"


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
