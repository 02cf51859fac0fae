"""Finding the tables: a contents page holds no tables, 情况表 titles are titles, codes in
brackets are codes (cut down from 广州 and 深圳 dev PDFs)."""

from __future__ import annotations

from llmextract.core.schemas import load
from llmextract.document import chunking, contents
from llmextract.document.normalize import normalize
from llmextract.outputs import export
from llmextract.pipeline import run_text

HEAD_DOC = "2026年某某局部门预算\n\n"
TOC = (
    "2026年\n某某局部门预算\n目    录\n"
    "第一部分 某某局概况\n\n一、主要职责\n\n二、部门机构设置\n\n"
    "第二部分 2026年部门预算表\n\n一、收支总体情况表\n\n二、本年支出总体情况表\n\n"
    "三、一般公共预算支出情况表（按功能分类科目）\n\n"
    "四、财政拨款安排的行政经费及“三公”经费预算表\n\n五、政府性基金预算支出情况表\n\n"
    "第三部分 2026年部门预算情况说明\n"
    "\f第一部分 某某局\n概况\n一、主要职责\n某某局是主管某某工作的职能部门。\n"
)
EXPENDITURE = (
    "\f表2\n本年支出总体情况表\n单位名称：某某局\t单位：万元\n"
    "功能科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t30.00\t10.00\t20.00\n"
    "[208]社会保障和就业支出\t30.00\t10.00\t20.00\n"
    "[20805]行政事业单位养老支出\t30.00\t10.00\t20.00\n"
)
GPB = (
    "\f表3\n一般公共预算支出情况表（按功能分类科目）\n单位名称：某某局\t单位：万元\n"
    "功能科目名称\t小计\t其中：基本支出\t项目支出\n"
    "合计\t30.00\t10.00\t20.00\n"
    "[208]社会保障和就业支出\t30.00\t10.00\t20.00\n"
    "[20805]行政事业单位养老支出\t30.00\t10.00\t20.00\n"
)
FUND = (
    "\f表5\n政府性基金预算支出情况表\n单位名称：某某局    单位：万元\n"
    "科目编码    科目名称     小计    其中：基本支出    项目支出\n"
    "            合计        0.00      0.00      0.00\n注：本表本年无发生额。\n"
)


def _chunks(text: str) -> list[chunking.Chunk]:
    return chunking.split(normalize(text), load())


def test_the_contents_are_found_with_sections_and_titles_and_end_where_the_body_starts() -> None:
    lines = TOC.split("\n")
    spans = contents.spans(lines, lambda c: c.endswith("表") or "情况表" in c)
    assert len(spans) == 1
    first, last = spans[0]
    assert lines[first].strip() == "目    录"
    assert lines[last].startswith("第三部分")  # the body's 第一部分 is not an entry of the contents


def test_a_contents_page_holds_no_tables_and_the_real_tables_are_read() -> None:
    chs = _chunks(TOC + EXPENDITURE + GPB + FUND)
    tables = [c for c in chs if c.kind == "table"]
    assert [c.table_id for c in tables] == ["expenditure", "gpb_expenditure", "gov_fund_expenditure"]
    res = run_text(TOC + EXPENDITURE + GPB + FUND)
    assert res.table("expenditure").title == "本年支出总体情况表"
    assert res.table("expenditure").row("20805").values["basic"].value == "10.00"
    assert res.table("gpb_expenditure").row("208").values["project"].value == "20.00"
    structure = [c.message for c in res.checks if c.category == "structure"]
    assert not [m for m in structure if "重复出现" in m or "为空表" in m], structure


def test_a_list_of_titles_without_a_contents_line_is_no_table() -> None:
    listing = "二、表格部分\n\n（一）收支总表\n（二）收入总表\n（三）支出总表\n一、文字部分\n"
    chs = _chunks(listing + EXPENDITURE)
    assert [c.table_id for c in chs if c.kind == "table"] == ["expenditure"]


def test_a_title_ending_in_qingkuang_biao_is_a_title_but_a_prose_heading_is_not() -> None:
    s = load()
    assert chunking.title_candidates("收支总体情况表", s)[0] == ["summary"]
    assert chunking.title_candidates("财政拨款收支总体情况表", s)[0][0] == "fiscal_summary"
    assert "gpb_expenditure" in chunking.title_candidates("一般公共预算支出情况表（按功能分类科目）", s)[0]
    assert chunking.title_candidates("一、部门预算收支增减变化情况", s)[0] == []


def test_a_code_printed_in_brackets_is_a_code_with_its_provenance() -> None:
    raw = "[208]社会保障和就业支出   30.00\n [30101]基本工资  1.00\n[附件1] x"
    t = normalize(raw)
    assert t.s == "208 社会保障和就业支出   30.00\n 30101 基本工资  1.00\n[附件1] x"
    assert raw[t.offs[0]] == "2" and raw[t.offs[t.s.index("基本")]] == "基"


BASIC_BY_FUND = (
    "表4\n基本支出总表\n部门名称：某某局（本级）\t单位：万元\n"
    "支出项目类别\t总计\t一般公共预算拨款\t政府性基金预算拨款\t事业收入\n"
    "某某市某某局（本级）\t30.00\t30.00\t0.00\t0.00\n"
    "工资福利支出\t20.00\t20.00\t0.00\t0.00\n"
    "基本工资\t15.00\t15.00\t0.00\t0.00\n"
    "其他工资福利支出\t5.00\t5.00\t0.00\t0.00\n"
    "资本性支出\t10.00\t10.00\t0.00\t0.00\n"
    "办公设备购置\t10.00\t10.00\t0.00\t0.00\n"
)


def test_rows_named_by_their_economic_class_are_keyed_by_its_code_under_the_class_above() -> None:
    res = run_text(HEAD_DOC + BASIC_BY_FUND)
    t = res.table("basic_by_fund")
    assert [r.key for r in t.rows] == ["total", "301", "30101", "30199", "310", "31002"]
    assert t.row("31002").values["general_budget"].value == "10.00"  # 办公设备购置 under 310, not 309
    assert not [c for c in res.checks if "basic_by_fund" in c.message]  # its classes add up
    assert not [
        c for c in export.cells(res) if c["table"] == "basic_by_fund"
    ]  # read and checked, not a spec cell


def test_classes_listed_unit_by_unit_are_not_taken_for_the_departments() -> None:
    two_units = BASIC_BY_FUND.replace("某某市某某局（本级）\t30.00", "合计\t30.00") + (
        "某某市某某中心\t0.00\t0.00\t0.00\t0.00\n工资福利支出\t0.00\t0.00\t0.00\t0.00\n"
    )
    two_units = two_units.replace(
        "工资福利支出\t20.00", "某某市某某局\t30.00\t30.00\t0.00\t0.00\n工资福利支出\t20.00", 1
    )
    t = run_text(HEAD_DOC + two_units).table("basic_by_fund")
    assert [r.key for r in t.rows] == ["total"]


def test_tables_of_other_kinds_are_not_taken_for_the_ones_their_titles_contain() -> None:
    s = load()
    assert chunking.title_candidates("一般公共预算支出表（按经济分类）", s)[0] == ["gpb_economic"]
    assert "expenditure" not in chunking.title_candidates("项目支出总表", s)[0]
    assert chunking.title_candidates("基本支出总表", s)[0] == ["basic_by_fund"]


PARTS_TOC = (
    "某某局2026年度部门预算信息公开\n目   录\n"
    "第一部分 2026年度部门预算情况说明\n  一、部门情况说明\n  二、财政拨款“三公”经费预算情况说明\n"
    "第二部分 2026年度部门预算报表\n  一、收支总表\n  二、收入总表\n  三、支出总表\n"
    "  四、财政拨款“三公”经费支出表\n"
    "\f  一、部门情况说明\n  某某局负责某某工作。本部门2026年收入预算100.00万元。\n"
)


def test_a_document_in_parts_is_not_told_its_listed_tables_are_missing() -> None:
    res = run_text(PARTS_TOC)
    structure = [c.message for c in res.checks if c.category == "structure"]
    assert not [m for m in structure if "目录" in m or "为空表" in m], structure


def test_a_label_in_a_cell_of_its_own_before_the_title_is_seen_by_the_audit() -> None:
    from llmextract.audit.document import AuditDoc
    from llmextract.core.source import Source

    text = HEAD_DOC + "预算01表    收支总表\n单位：万元\n" + "预算02表    收入总表\n单位：万元\n"
    doc = AuditDoc(Source.from_text(text), 2026, load().audit, printed=load().printed)
    assert [(t.kind, t.text) for t in doc.titles] == [("summary", "收支总表"), ("revenue", "收入总表")]


def test_a_label_printed_again_over_the_next_page_keeps_the_table_one() -> None:
    page = "表3\n支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    text = (
        HEAD_DOC
        + page
        + "208\t社会保障和就业支出\t30.00\t10.00\t20.00\n\f"
        + page
        + "20805\t行政事业单位养老支出\t30.00\t10.00\t20.00\n"
    )
    chs = [c for c in _chunks(text) if c.kind == "table"]
    assert len(chs) == 1 and chs[0].table_id == "expenditure"
    res = run_text(text)
    assert not [w for w in res.warnings if "printed up to" in w]
    assert res.table("expenditure").row("20805").values["total"].value == "30.00"


def _aligned(unit: str, amounts: list[str]) -> str:
    """A table laid out by position (right-aligned amounts, one column per character)."""
    w = max(len(a) for a in amounts) + 4

    def line(label: str, cells: list[str]) -> str:
        return label.ljust(24) + "".join(c.rjust(w) for c in cells) + "\n"

    return (
        HEAD_DOC
        + f"一般公共预算支出表\n单位：{unit}\n"
        + line("科目编码  科目名称", ["合计", "基本支出", "项目支出"])
        + line("          合计", amounts)
        + line("208       社会保障和就业支出", amounts)
    )


def test_amounts_in_whole_yuan_with_separators_and_in_wanyuan_with_six_decimals_are_read() -> None:
    t = run_text(_aligned("元", ["6,783,536", "5,783,536", "1,000,000"])).table("gpb_expenditure")
    assert t.money_unit == "元"
    assert t.row("208").values["basic"].value == "5783536"
    assert t.row("208").values["total"].value == "6783536"
    t = run_text(_aligned("万元", ["816,236.484478", "716,236.484478", "100,000.000000"])).table(
        "gpb_expenditure"
    )
    assert t.row("208").values["total"].value == "816236.484478"
    assert t.row("total").values["project"].value == "100000.000000"


def test_coded_rows_listed_unit_by_unit_are_not_taken_for_the_departments_with_certainty() -> None:
    text = (
        HEAD_DOC
        + "支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        + "深圳市某某局\t\t40.00\t15.00\t25.00\n"
        + "深圳市某某局本级\t\t30.00\t10.00\t20.00\n"
        + "208\t社会保障和就业支出\t30.00\t10.00\t20.00\n"
        + "深圳市某某中心\t\t10.00\t5.00\t5.00\n"
        + "208\t社会保障和就业支出\t10.00\t5.00\t5.00\n"
    )
    res = run_text(text)
    t = res.table("expenditure")
    assert t.row("208") is None  # the first unit's 30.00 is not the department's
    assert t.row("total").values["total"].value == "40.00"
    blocks = [b for b in res.tables if b.id == "expenditure" and b.block]
    assert [(b.unit_name, b.row("208").values["total"].value) for b in blocks] == [
        ("深圳市某某局本级", "30.00"),
        ("深圳市某某中心", "10.00"),
    ]
