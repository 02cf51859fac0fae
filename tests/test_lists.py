"""Lists keyed by printed names (issue 22): 项目支出总表 / 项目支出及其他支出预算表, one row per
project with its amounts by source of funds; read into the result (not cells), each amount at
its project's row and its heading's column, and checked by the row's sum."""

from __future__ import annotations

from pathlib import Path

from conftest import place

from llmextract.outputs.export import cells
from llmextract.pipeline import run_file, run_text

PDFS = Path(__file__).parent / "pdfs"


def _values(res: object, table: str) -> dict[tuple[str, str], tuple[str, str]]:
    t = res.table(table)  # type: ignore[attr-defined]
    assert t is not None, [x.id for x in res.tables]  # type: ignore[attr-defined]
    return {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}


def test_a_project_list_cut_from_a_shenzhen_pdf_reads_each_amount_at_its_project() -> None:
    """深圳 项目支出总表 (one page of sz001): a name wrapped above and below its amounts' line
    (安全生产和应急管理 / 专项经费) and amounts too wide for their cell (175,400.5 / 9) are one
    row each; the department's row is the total; the sums hold."""
    res = run_file(PDFS / "sz_project_list.pdf")
    got = _values(res, "project_list")
    assert got[("total", "total")] == ("376936.60", "ok")
    assert got[("total", "general_budget")] == ("372569.82", "ok")
    assert got[("total", "carryover")] == ("201.78", "ok")
    assert got[("安全生产和应急管理专项经费", "total")] == ("470.29", "ok")
    assert got[("轨道交通管理", "total")] == ("175400.59", "ok")
    assert got[("轨道交通管理", "carryover")] == ("196.50", "ok")
    assert got[("交通建设管理", "general_budget")] == ("270.00", "ok")
    failed = [c for c in res.checks if c.table == "project_list" and not c.passed]
    assert failed == []
    assert not any(c.table == "project_list" for c in cells(res))  # not a table of the cells spec


def test_a_list_with_a_fiscal_subtotal_reads_it_as_a_column_of_its_own() -> None:
    """广州 项目支出及其他支出预算表: 总计 | 财政拨款 (合计 | 一般公共预算 | 政府性基金预算) |
    其他资金: 财政拨款's 合计 is a column of its own, not the 总计, and both sums hold."""
    head = [
        place((44, "财政拨款")),
        place(
            (0, "项目名称"),
            (20, "总计"),
            (32, "合计"),
            (42, "一般公共预算"),
            (56, "政府性基金"),
            (72, "其他资金"),
        ),
    ]
    rows = [
        place((2, "合计"), (24, "300.00"), (36, "250.00"), (50, "200.00"), (64, "50.00"), (78, "50.00")),
        place(
            (2, "信息化运维项目"),
            (24, "100.00"),
            (36, "100.00"),
            (50, "100.00"),
            (64, "0.00"),
            (78, "0.00"),
        ),
        place(
            (2, "文化建设经费"),
            (24, "200.00"),
            (36, "150.00"),
            (50, "100.00"),
            (64, "50.00"),
            (78, "50.00"),
        ),
    ]
    text = "\n".join(
        ["2026年部门预算", "", "部门预算项目支出及其他支出预算表", "单位：万元", *head, *rows, ""]
    )
    res = run_text(text, "t.txt")
    got = _values(res, "project_list")
    assert got[("total", "total")] == ("300.00", "ok")
    assert got[("total", "fiscal")] == ("250.00", "ok")
    assert got[("文化建设经费", "gov_fund")] == ("50.00", "ok")
    assert got[("文化建设经费", "other")] == ("50.00", "ok")
    assert got[("信息化运维项目", "general_budget")] == ("100.00", "ok")
    assert not [c for c in res.checks if c.table == "project_list" and not c.passed]


def test_a_purchase_list_keeps_each_line_of_a_repeated_name_as_a_row_of_its_own() -> None:
    """北京 政府购买服务明细表: 指导性目录 (一级 | 二级 | 三级) and 预算金额, the same names printed
    on several lines, one per purchase; 指导性目录 is a heading, not a contents page."""
    head = [place((30, "指导性目录")), place((4, "一级"), (24, "二级"), (40, "三级"), (64, "预算金额"))]
    rows = [
        place((0, "02-政府履职辅助性服务"), (24, "0210-信息化服务"), (40, "网络接入服务"), (68, "15.000000")),
        place((0, "02-政府履职辅助性服务"), (24, "0210-信息化服务"), (40, "网络接入服务"), (68, "98.388000")),
        place((0, "02-政府履职辅助性服务"), (24, "0211-后勤服务"), (40, "餐饮服务"), (68, "90.000000")),
    ]
    text = "\n".join(
        ["2026年部门预算", "", "预算11表 财政拨款政府购买服务明细表", "金额单位：万元", *head, *rows, ""]
    )
    got = _values(run_text(text, "t.txt"), "gov_purchase")
    values = sorted(v for (_, col), (v, _) in got.items() if col == "total")
    assert values == ["15.000000", "90.000000", "98.388000"]
    keys = [k for (k, _) in got]
    assert len(set(keys)) == 3 and sum(k.endswith("#2") for k in keys) == 1


def _units_doc(unit_amount: str) -> str:
    head = [place((0, "项目名称"), (22, "总计"), (34, "一般公共预算拨款"), (56, "其他收入"))]
    rows = [
        place((0, "某某市某某局"), (26, "300.00"), (46, "300.00"), (62, "0.00")),
        place((2, "某某市某某局（本级）"), (26, unit_amount), (46, unit_amount), (62, "0.00")),
        place((4, "办公设备采购"), (26, "100.00"), (46, "100.00"), (62, "0.00")),
        place((4, "信息化运维"), (26, "200.00"), (46, "200.00"), (62, "0.00")),
    ]
    return "\n".join(["2026年部门预算", "", "项目支出总表", "单位：万元", *head, *rows, ""])


def test_projects_under_an_indented_unit_are_keyed_by_it_only_where_they_add_up_to_it() -> None:
    """深圳 prints the department, each unit a little further in, and the unit's projects
    further still: a project is keyed unit/name when the unit's amounts are its projects'
    sums; an indent alone (a line of a wrapped name printed further left) is not enough."""
    got = _values(run_text(_units_doc("300.00"), "t.txt"), "project_list")
    assert got[("total", "total")] == ("300.00", "ok")
    assert got[("某某市某某局(本级)/办公设备采购", "total")] == ("100.00", "ok")
    got = _values(run_text(_units_doc("250.00"), "t.txt"), "project_list")
    assert got[("办公设备采购", "total")] == ("100.00", "ok")
    assert not any(k.endswith("/办公设备采购") for k, _ in got)


def test_a_list_with_a_column_of_sentences_goes_on_past_them() -> None:
    """广州 项目支出及其他支出预算表 (gz017 pages 22–23): each project's 绩效目标 sentence (ending
    in 。, wrapped over lines of its own) is a cell of the list, not the prose after it, and
    its heading (under 单位：万元) is none of the amounts: the rows of both pages are read."""
    res = run_file(PDFS / "gz_projects.pdf")
    got = _values(res, "project_list")
    assert got[("total", "total")] == ("1505.38", "ok")
    assert got[("广州市气象局/业务用房物业管理费", "general_budget")] == ("168.00", "ok")
    assert got[("广州市防雷减灾管理办公室", "total")] == ("30.00", "ok")
    assert res.coverage is not None and res.coverage.read >= 0.95 * res.coverage.printed
    pages = {c.provenance.page for r in res.table("project_list").rows for c in r.values.values()}  # type: ignore[union-attr]
    assert pages == {1, 2}


def test_names_centred_round_their_amounts_beside_a_column_of_sentences_are_whole() -> None:
    """广州 项目支出及其他支出预算表 (gz005 pages 31, 38, 39, 51, 96): each project's name is centred in
    its cell round its amounts' line, its 绩效目标 sentence wrapped over lines of their own
    beside it. A page's first row, its name's head above its amounts (one line, or two:
    广州市卫生健康委员会 / 基于社区通的基层公共卫生 / [152.19] / 服务平台和相关应用信创改 / 造项目),
    is a row, not the header; the sentences' lines (also those printed between a name's lines)
    are neither head nor tail of a name; each name is whole and every amount read, sure."""
    res = run_file(PDFS / "gz_projects_wrapped.pdf")
    got = _values(res, "project_list")
    long_name = "广州市卫生健康委员会基于社区通的基层公共卫生服务平台和相关应用信创改造项目"
    assert got[(long_name, "total")] == ("152.19", "ok")
    assert got[(long_name, "other")] == ("0.00", "ok")
    assert got[("广州市全民健康信息平台信创改造项目", "general_budget")] == ("102.61", "ok")
    assert got[("市一医院ERCP机房装修项目", "total")] == ("40.00", "ok")
    assert got[("市一医院ERCP机房装修项目", "other")] == ("40.00", "ok")
    assert got[("市一医院外科眼科手术室、眼科病区改造项目", "other")] == ("26.00", "ok")
    assert got[("市一医院皮肤科门诊修缮", "total")] == ("23.00", "ok")
    assert got[("广州赛区医疗保障维修改造急诊项目", "other")] == ("15.90", "ok")
    assert got[("广州市卫生健康宣传教育中心2025年-2026年信息化运维项目", "total")] == ("12.37", "ok")
    assert got[("广州市卫生健康宣传教育中心2026-2027年信息化运维项目", "total")] == ("10.53", "ok")
    assert got[("广州市计划生育协会", "total")] == ("283.98", "ok")
    # page 39: a number ending a sentence's line (12320) stands right of every column, no column
    # of its own: the page keeps the table's columns, its rows sure (it alone is left unread)
    smart = "广州市卫生健康委员会2026年广州市集约式诊疗预约及费用支付系统智慧就医数智便民服务升级项目"
    assert got[(smart, "total")] == ("142.58", "ok")
    assert got[("广州市卫生健康委员会2025年信创改造项目", "other")] == ("0.00", "ok")
    assert res.coverage is not None and res.coverage.read == res.coverage.printed - 1
