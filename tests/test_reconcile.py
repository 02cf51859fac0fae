"""The arithmetic checks against the inconsistencies listed in tests/gold/*.notes.md."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL, result_from
from conftest import result_of as _result_of
from test_seeds import VARIANTS

from llmextract.checks.reconcile import CENT, Ident, check, evaluate
from llmextract.cli.main import main
from llmextract.core.result import Result
from llmextract.outputs.export import cells
from llmextract.pipeline import run_text as _run_text


# These tests are about the arithmetic checks; the audit's structure/text/prose findings
# (category other than arithmetic) are tested in test_audit.py.
def _arithmetic(res: Result) -> Result:
    res = res.model_copy()
    res.checks = [c for c in res.checks if c.category == "arithmetic"]
    return res


def result_of(stem: str) -> Result:
    return _arithmetic(_result_of(stem))


def run_text(*args, **kwargs) -> Result:  # noqa: ANN002, ANN003
    return _arithmetic(_run_text(*args, **kwargs))


# The culprit cell of every beyond-tolerance inconsistency the notes list, per seed.
EXPECTED = {
    # 208 ≠ its children by 104.00 in the three function tables (notes b1)
    "000_867d4fd29c913767": {
        ("revenue", "208", "total"),
        ("revenue", "208", "general_budget"),
        ("expenditure", "208", "total"),
        ("expenditure", "208", "project"),
        ("gpb_expenditure", "208", "total"),
        ("gpb_expenditure", "208", "project"),
    },
    # rows cut off at page/table ends (notes b1-b4)
    "001_dca61e563b91d4c1": {
        ("gpb_expenditure", "total", "total"),
        ("gpb_expenditure", "total", "basic"),
        ("gpb_expenditure", "21011", "total"),
        ("gpb_expenditure", "21011", "basic"),
        ("revenue", "20809", "total"),
        ("revenue", "20809", "general_budget"),
        ("revenue", "21011", "total"),
        ("revenue", "21011", "general_budget"),
        ("revenue", "total", "total"),
        ("revenue", "total", "general_budget"),
        ("expenditure", "20809", "total"),
        ("expenditure", "20809", "project"),
        ("expenditure", "21011", "total"),
        ("expenditure", "21011", "basic"),
        ("expenditure", "total", "total"),
        ("expenditure", "total", "basic"),
        ("gpb_basic_economic", "302", "total"),
        ("gpb_basic_economic", "302", "public"),
        ("gpb_basic_economic", "total", "total"),
        ("gpb_basic_economic", "total", "personnel"),
        # the unit row prints 2025's 公务用车 as 35 under a 合计 of 3 (notes b5): the unit's own
        # figure is named (it is not a cell; the 合计 cell is among the check's cells)
        ("three_public", "prior/426003", "vehicle"),
    },
    # only rounding residuals within tolerance (notes b1, b2)
    "002_f91b7b473888f42b": set(),
    "003_125ac91881a2613a": set(),
    # 1,055.76 vs 1065.53; 483.81 vs 493.58; the prose's 71.95 / 11.00 / 120.78 (notes b1-b3);
    # "比…1,149.80万元总数增加136.3" and "较上年预算67.26万元增加76.15" against their own figures (b4, b5)
    "004_0aedab1e77a5c37c": {
        ("fiscal_summary", "out.208", "total"),
        ("gpb_expenditure", "2080109", "total"),
        ("narrative", "expense.210", "value"),
        ("narrative", "expense.213", "value"),
        ("narrative", "expense.221", "value"),
        ("narrative", "general_budget_change", "value"),
        ("narrative", "operating_cost_change", "value"),
    },
}


def test_notes_inconsistencies_reported_and_nothing_else(seed: str) -> None:
    res = result_of(seed)
    flagged = {(c.table, c.row, c.col) for c in res.checks}
    assert flagged == EXPECTED[seed]
    assert all(c.source == "document" for c in res.checks)
    for c in res.checks:
        refs = {(x.table, x.row, x.col) for x in c.cells}
        assert (c.table, c.row, c.col) in refs and c.message


LAYOUTS = {
    "tabs as 2 spaces": lambda t: t.replace("\t", "  "),
    "tabs as 4 spaces": lambda t: t.replace("\t", "    "),
    **{
        k: VARIANTS[k]
        for k in (
            "bare page numbers mid-table",
            "page break repeating title and header",
            "tab rows with wrapped names",
            "tables as Markdown pipe tables",
            "tables as HTML with merged header cells",
        )
    },
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layout_damage_raises_no_new_findings(seed: str, layout: str) -> None:
    """The same document in another spelling of its layout: the same findings, no more."""
    text = LAYOUTS[layout]((EXAMPLES / f"{seed}.txt").read_text(encoding="utf-8"))
    flagged = {(c.table, c.row, c.col) for c in run_text(text, f"{seed}.txt").checks}
    assert flagged == EXPECTED[seed]


def test_units_add_up_to_their_total_row() -> None:
    res = result_of("001_dca61e563b91d4c1")
    (c,) = [c for c in res.checks if c.rule == "units_sum"]
    assert (c.row, c.col, c.found, c.expected) == ("prior/426003", "vehicle", "3", "35")
    assert {(x.row, x.col) for x in c.cells} == {("prior", "vehicle"), ("prior/426003", "vehicle")}
    assert c.message == (
        "一般公共预算“三公”经费支出预算表 · 上年 · 公务用车购置及运行费 小计 3 万元，"
        "而 上年 · 426003 社会保险事务中心 为 35 万元（相差 32 万元）；"
        "按所属单位加总：426003 社会保险事务中心（第 223 行）"
    )
    # a reviewer who corrects the unit's figure (llmextract check) sees the 三公 checks go green
    fixed = res.model_copy(deep=True)
    fixed.table("three_public").units[0].values["vehicle"].value = "3"
    assert [c for c in check(fixed) if c.table == "three_public"] == []
    # 004's unit (316002) repeats its 合计 rows in three tables: consistent, and a fault planted
    # in one of those 合计 cells is still named
    assert not [c for c in result_of("004_0aedab1e77a5c37c").checks if c.rule == "units_sum"]
    named, _ = _planted("004_0aedab1e77a5c37c", "gpb_basic_economic", "total", "public", "86.85")
    assert named == {("gpb_basic_economic", "total", "public")}


def test_missing_row_is_named_from_another_table() -> None:
    res = result_of("001_dca61e563b91d4c1")
    msgs = [c for c in res.checks if c.table == "expenditure" and c.row == "total" and c.col == "total"]
    assert msgs and msgs[0].message.endswith(
        "财政拨款收支总表列有 (二十)住房保障支出（64.24 万元），本表似缺此行"
    )
    assert any(x.table != "expenditure" and x.row.endswith("221") for x in msgs[0].cells)
    gone = [
        c for c in res.checks if c.rule == "children_missing" and c.table == "revenue" and c.row == "20809"
    ]
    assert gone and "2080999" in gone[0].message


def test_rounding_tolerance_is_one_cent_per_term() -> None:
    vals = {("t", "p", "c"): Decimal("10.03"), ("t", "a", "c"): Decimal("5"), ("t", "b", "c"): Decimal("5")}
    ident = Ident("x", ("t", "p", "c"), [("t", "a", "c"), ("t", "b", "c")])
    assert evaluate(ident, vals.get).status == "fail"  # 0.03 > 2 × 0.01
    vals[("t", "p", "c")] = Decimal("10.02")
    assert evaluate(ident, vals.get).status == "pass"
    vals[("t", "a", "c")] = None  # a blank term counts as 0 but still counts as a term
    vals[("t", "b", "c")] = Decimal("10.00")
    assert evaluate(ident, vals.get).status == "pass" and CENT == Decimal("0.01")
    vals[("t", "p", "c")] = None  # a blank left side is not evaluated
    assert evaluate(ident, vals.get).status == "skip"


@pytest.mark.parametrize(
    ("table", "row", "col"),
    [
        ("expenditure", "2080101", "total"),
        ("gpb_basic_economic", "30113", "personnel"),
        ("summary", "out.221", "amount"),
        ("three_public", "current", "reception"),
    ],
)
def test_a_planted_fault_is_named(table: str, row: str, col: str) -> None:
    stem = "003_125ac91881a2613a"
    base = result_of(stem)
    cell = base.table(table).row(row).values[col]
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    p = cell.provenance
    planted = raw[: p.start] + f"{Decimal(cell.value) + 7:.2f}" + raw[p.end :]
    res = run_text(planted, "planted.txt")
    flagged = {(c.table, c.row, c.col) for c in res.checks}
    assert flagged == {(table, row, col)}


def test_check_command_goes_green_after_a_hand_correction(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "o"
    assert main(["run", str(EXAMPLES / "004_0aedab1e77a5c37c.txt"), "-o", str(out)]) == 0
    path = out / "004_0aedab1e77a5c37c.json"
    assert main(["check", str(path)]) == 1
    data = json.loads(path.read_text(encoding="utf-8"))
    # a reviewer corrects the two printed table errors and the prose's wrong figures
    fixes = {
        ("fiscal_summary", "out.208", "total"): "1065.53",
        ("gpb_expenditure", "2080109", "total"): "493.58",
    }
    for t in data["tables"]:
        for r in t["rows"]:
            for col, c in r["values"].items():
                c["value"] = fixes.get((t["id"], r["key"], col), c["value"])
    wrong = ("expense.210", "expense.213", "expense.221", "general_budget_change", "operating_cost_change")
    data["narrative"] = [f for f in data["narrative"] if f["id"] not in wrong]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    audit = [
        c for c in json.loads(path.read_text(encoding="utf-8"))["checks"] if c["category"] != "arithmetic"
    ]
    assert main(["check", str(path), "--write"]) == 0
    printed = capsys.readouterr().out
    assert "all arithmetic checks pass" in printed
    # the audit's findings on the text do not depend on the corrected figures: kept, not lost
    written = json.loads((out / "004_0aedab1e77a5c37c.checks.json").read_text(encoding="utf-8"))
    assert [c for c in written if c["category"] == "arithmetic"] == []
    assert [c["message"] for c in written] == [c["message"] for c in audit]
    assert (f"{len(audit)} audit findings kept" in printed) == bool(audit)


def test_check_command_rejects_a_file_that_is_not_aresult_from(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "x.json"
    p.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["check", str(p)]) == 2
    assert "not an llmextract result" in capsys.readouterr().err


def test_a_prose_figure_against_a_blank_cell_of_a_printed_row() -> None:
    """A blank cell inside a printed breakdown counts as 0 (cells spec), so a prose figure
    that says otherwise is a finding; a prose 0 against the same blank is consistent."""
    stem = "003_125ac91881a2613a"
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    assert "公务用车购置费 0" in raw
    res = run_text(raw.replace("公务用车购置费 0", "公务用车购置费 5", 1), "planted.txt")
    flagged = {(c.table, c.row, c.col) for c in res.checks}
    assert ("narrative", "three_public_vehicle_purchase", "value") in flagged
    assert result_of(stem).checks == []  # the printed 0 against the blank cell passes


def test_a_leaf_of_a_total_only_table_is_named_through_the_classification_crosswalk() -> None:
    """培训费 is 30216 in the 部门 classification and 50203 in the 政府 one: a wrong leaf in a
    table that prints only totals is named, not just its parent."""
    stem = "000_867d4fd29c913767"
    cell = result_of(stem).table("gpb_project_economic").row("30216").values["total"]
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    p = cell.provenance
    res = run_text(raw[: p.start] + "7.00" + raw[p.end :], "planted.txt")
    new = {(c.table, c.row, c.col) for c in res.checks} - {
        (c.table, c.row, c.col) for c in result_of(stem).checks
    }
    assert new == {("gpb_project_economic", "30216", "total")}


def _planted(stem: str, table: str, row: str, col: str, text: str) -> tuple[set, list]:
    """Checks new to a seed once one printed number (a table cell, or a prose figure: table
    ``narrative``) is changed: (named cells, checks)."""
    base = result_of(stem)
    if table == "narrative":
        p = next(f for f in base.narrative if f.id == row).provenance
    else:
        p = base.table(table).row(row).values[col].provenance
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    res = run_text(raw[: p.start] + text + raw[p.end :], "planted.txt")
    old = {(c.rule, c.cells[0].row, c.cells[0].col) for c in base.checks}
    new = [c for c in res.checks if (c.rule, c.cells[0].row, c.cells[0].col) not in old]
    return {(c.table, c.row, c.col) for c in new}, new


def test_a_correction_below_zero_is_no_explanation() -> None:
    """50299 printed 100 too high: taking 100 off 50201 (23.31) or 50205 (50.76) would leave
    them negative, so only 50299 can be the culprit."""
    named, _ = _planted("000_867d4fd29c913767", "gpb_project_gov_economic", "50299", "total", "145.36")
    assert named == {("gpb_project_gov_economic", "50299", "total")}


def test_a_tie_lists_every_suspect_and_says_so() -> None:
    """302 agrees with the grand total, so a gap under 302 lies in one of its children, and
    a total-only table cannot say which: the check lists them all, not 302. The 政府
    classification's 50205 委托业务费 (= 30226 劳务费 + 30227 委托业务费) narrows them to two."""
    named, checks = _planted("000_867d4fd29c913767", "gpb_project_economic", "30227", "total", "21.00")
    (c,) = checks
    suspects = [(s.row, s.col) for s in c.suspects]
    assert c.cells[0].row == "302" and ("302", "total") not in suspects
    assert suspects == [("30226", "total"), ("30227", "total")]
    assert (c.row, c.col) == suspects[0]  # the first in print order is named
    assert c.message.endswith("；各表无法判断其中哪一个有误：30226 劳务费 合计、30227 委托业务费 合计")
    assert named == {("gpb_project_economic", "30226", "total")}


def test_a_leaf_is_named_through_the_crosswalk_of_the_two_classifications() -> None:
    """50102 社会保障缴费 is the sum of 30108…30112: planted in a total-only table whose 501
    would otherwise tie its four children, the crosswalk names it (evidence only: the sum is
    never reported itself, a department with 事业单位 books their pay under 505)."""
    named, checks = _planted("000_867d4fd29c913767", "gpb_basic_gov_economic", "50102", "total", "142.19")
    assert named == {("gpb_basic_gov_economic", "50102", "total")}
    assert [c.rule for c in checks] == ["children_sum"]


def test_a_unique_culprit_is_its_only_suspect() -> None:
    named, checks = _planted("003_125ac91881a2613a", "expenditure", "2080101", "total", "999.00")
    assert named == {("expenditure", "2080101", "total")}
    assert all([(s.row, s.col) for s in c.suspects] == [("2080101", "total")] for c in checks)


def test_a_tie_is_broken_by_a_figure_printed_alike_in_a_table_of_another_scope() -> None:
    """002's 部门支出总表 prints class 208 alone, so its 208 total = basic + project cannot say
    which part is wrong. Its basic figure is printed alike in the 一般公共预算 table (not an
    identity here: the department has 国有资本经营 income too), its project figure is not:
    the project figure is named, and both stay suspects."""
    named, checks = _planted("002_f91b7b473888f42b", "expenditure", "208", "project", "2,079.89")
    assert named == {("expenditure", "208", "project")}
    (c,) = checks
    assert [(s.row, s.col) for s in c.suspects] == [("208", "project"), ("208", "basic")]
    assert c.message.endswith(
        "；各表无法判断其中哪一个有误：208 社会保障和就业支出 项目支出、208 社会保障和就业支出 基本支出；"
        "208 社会保障和就业支出 基本支出 与 "
        "一般公共预算财政拨款支出预算表 · 208 社会保障和就业支出 · 本年基本支出 所列相同"
    )
    # the same figure planted in the basic column names the basic column
    named, _ = _planted("002_f91b7b473888f42b", "expenditure", "208", "basic", "889.69")
    assert named == {("expenditure", "208", "basic")}


def test_the_operating_cost_printed_beside_the_three_public_figures_checks_the_prose() -> None:
    """justice's 三公 table prints 机关运行经费 in a column of its own (its header wrapped,
    机关运行经费预算 / 数, beside the merged 公务用车购置及运行费). It is no cell of the spec;
    it is read for the prose's figure, whose sentence limits it to 下属1家机关和1家参公事业单位
    (so the department's 公用经费 cannot stand in for it)."""
    path = REAL / "sh_putuo_justice_2026.txt"
    raw = path.read_text(encoding="utf-8")
    base = run_text(raw, path.name)
    assert base.table("three_public").row("current").values["operating_cost"].value == "217.83"
    assert not [c for c in base.checks if "operating_cost" in c.row + c.col]
    assert not any(c["col"] == "operating_cost" for c in cells(base))
    p = next(f for f in base.narrative if f.id == "operating_cost").provenance
    res = run_text(raw[: p.start] + "227.83" + raw[p.end :], path.name)
    (c,) = [c for c in res.checks if c.row == "operating_cost"]
    assert (c.table, c.col, c.source) == ("narrative", "value", "document")
    assert c.message.startswith(
        "情况说明 · 机关运行经费 227.83 万元，与表中数字不一致"
        "（一般公共预算“三公”经费支出预算表 · 本年 · 机关运行经费 217.83 万元）"
    )


def test_the_vehicles_held_are_checked_against_the_kinds_the_prose_lists() -> None:
    """共有车辆3辆，其中：部级领导干部用车0辆、…执法执勤用车3辆…: the count is the sum of its
    list (read as an auxiliary figure, never a culprit and never a cell)."""
    path = REAL / "sh_putuo_justice_2026.txt"
    raw = path.read_text(encoding="utf-8")
    base = run_text(raw, path.name)
    facts = {f.id: f.value for f in base.narrative}
    assert (facts["vehicles"], facts["vehicles.parts"]) == ("3", "3")
    assert not [c for c in cells(base) if c["row"] == "vehicles.parts"]
    p = next(f for f in base.narrative if f.id == "vehicles").provenance
    res = run_text(raw[: p.start] + "4" + raw[p.end :], path.name)
    (c,) = [c for c in res.checks if c.rule.startswith("narrative:vehicles")]
    assert (c.row, c.source) == ("vehicles", "document")
    assert c.message == "情况说明 · 公务用车数量（辆） 4，而 分类公务用车数量之和（辆） 为 3（相差 1）"
    # a list one of whose items states no figure (004: 市级领导干部用车辆) gives no sum
    facts = {f.id for f in result_of("004_0aedab1e77a5c37c").narrative}
    assert "vehicles" in facts and "vehicles.parts" not in facts
    # nor does a list without a kind held 0 times: it may name only some kinds
    listed = re.sub(
        r"其中：部级领导[^；]+；", "其中：一般公务用车2辆、执法执勤用车1辆；", raw, count=1, flags=re.S
    )
    assert "共有车辆3辆，其中：一般公务用车2辆、执法执勤用车1辆；" in listed
    assert {f.id: f.value for f in run_text(listed, path.name).narrative}.get("vehicles.parts") is None
    partial = listed.replace("一般公务用车2辆", "一般公务用车2辆、业务用车0辆")  # with a kind held 0 times
    assert {f.id: f.value for f in run_text(partial, path.name).narrative}.get("vehicles.parts") == "3"
    # an item of another sort than a kind of vehicle (新能源汽车: some of the kinds) voids the sum
    other = partial.replace("业务用车0辆", "业务用车0辆、新能源汽车2辆")
    assert {f.id: f.value for f in run_text(other, path.name).narrative}.get("vehicles.parts") is None


def test_the_vehicles_held_are_checked_against_their_restatement_in_the_same_words() -> None:
    """001 says 公务用车1辆 in its 机构设置 and again, in the same words, under 国有资产: the
    second statement is an auxiliary figure the first is checked against."""
    stem = "001_dca61e563b91d4c1"
    facts = {f.id: f for f in result_of(stem).narrative}
    assert (facts["vehicles"].value, facts["vehicles.again"].value) == ("1", "1")
    assert (facts["vehicles"].provenance.line, facts["vehicles.again"].provenance.line) == (31, 63)
    named, checks = _planted(stem, "narrative", "vehicles", "value", "6")
    assert named == {("narrative", "vehicles", "value")}
    assert [c.message for c in checks] == [
        "情况说明 · 公务用车数量（辆） 6，而 公务用车数量（再次说明） 为 1（相差 5）"
    ]
    # nor is a count said otherwise (交回公务用车2辆: handed back, not held)
    stem_raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    said = stem_raw.replace("。其中：因公出国", "。2025年按车改要求交回公务用车2辆。其中：因公出国", 1)
    assert said != stem_raw
    res = run_text(said, "x.txt")
    assert {f.id: f.value for f in res.narrative}.get("vehicles.again") == "1"
    assert not [c for c in res.checks if c.rule.startswith("narrative:vehicles")]
    # vehicles renewed or bought this year are neither the count nor its restatement
    res = run_text("一、部门预算情况说明\n2025年拟更新公务用车1辆。单位共有公务用车3辆。\n", "x.txt")
    assert {f.id: f.value for f in res.narrative if f.id.startswith("vehicles")} == {"vehicles": "3"}
    # 004 states 现有公务用车0辆 and 共有车辆0辆: other words, maybe another count — not compared
    assert "vehicles.again" not in {f.id for f in result_of("004_0aedab1e77a5c37c").narrative}


def test_a_project_printed_again_in_the_performance_table_tells_which_leaf_is_wrong() -> None:
    """004's 项目支出表 prints three projects under 2080599 and only their amounts; the
    项目支出绩效目标表 prints each again beside its name (…-待管离休干部 16.01). That second
    printing is read into a column that is no cell, and a wrong project amount is named
    instead of the first of the three. The 绩效 table's own 31.00 for 适当照顾老干部 (against
    1.00, the document's contradiction) is evidence only: never reported."""
    stem = "004_0aedab1e77a5c37c"
    base = result_of(stem)
    rows = {r.key: r.values for r in base.table("projects").rows}
    assert rows["待管离休干部"]["restated"].value == "16.01"
    assert rows["待管离休干部"]["restated"].provenance.line == 2307
    assert rows["适当照顾老干部"]["restated"].value == "31.00"
    assert "restated" not in rows["2080599"]  # a code row is not looked for
    assert not [c for c in cells(base) if c["col"] == "restated"]
    assert not [c for c in base.checks if c.rule == "restated" or c.col == "restated"]
    for row, text in [
        ("待管离休干部", "116.01"),
        ("适当照顾老干部", "6.00"),
        ("财政承担特殊军龄参保", "330.00"),
    ]:
        named, _ = _planted(stem, "projects", row, "total", text)
        assert named == {("projects", row, "total")}, row


def test_a_prose_figure_that_a_table_prints_for_another_quantity_is_not_laid_on_the_document() -> None:
    """000's prose gives 社会保障和就业支出 915.57. Written as 617.20 — the 工资福利支出 (301)
    the 基本支出 table prints — the disagreement stays a finding, but the prose was probably
    read for another quantity, so its source is the extraction; a figure printed nowhere
    else (615.57) is the document's."""
    stem = "000_867d4fd29c913767"
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    i = raw.index("社会保障和就业支出 915.57") + len("社会保障和就业支出 ")
    for text, source in [("617.20", "extraction"), ("615.57", "document")]:
        res = run_text(raw[:i] + text + raw[i + len("915.57") :], "planted.txt")
        (c,) = [c for c in res.checks if c.row == "expense.208"]
        assert (c.table, c.source) == ("narrative", source), c.message
        said = (
            "；617.20 万元 正是 一般公共预算财政拨款基本支出预算表（部门预算支出经济分类科目）"
            " · 301 工资福利支出 · 合计 所列的数，文中说的可能是该项"
        )
        assert (said in c.message) == (source == "extraction")
        # a value a check lays on the extraction is in doubt, in every output
        fact = next(f for f in res.narrative if f.id == "expense.208")
        assert fact.status == ("doubt" if source == "extraction" else "ok")
        (cell,) = [x for x in cells(res) if x["row"] == "expense.208"]
        assert cell.get("status") == ("doubt" if source == "extraction" else None)


def test_a_crosswalk_sum_a_department_with_institutions_does_not_keep_is_no_fault_to_explain() -> None:
    """000 turned into a department with 事业单位: 161.09 of pay under 505 instead of
    50101/50102, so their crosswalk sums fail (evidence, never reported). A wrong 50102 is
    then still among the suspects of 501 ≠ its children; the failing evidence is not
    'explained' by correcting 50101 to the crosswalk's sum."""
    raw = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")
    moved = raw.replace(
        "501\t机关工资福利支出\t617.20\n50101\t工资奖金津补贴\t428.90\n50102\t社会保障缴费\t132.19",
        "501\t机关工资福利支出\t456.11\n50101\t工资奖金津补贴\t300.00\n50102\t社会保障缴费\t100.00",
    )
    i = moved.index("\n", moved.index("50999\t") if "50999\t" in moved else moved.index("50905\t"))
    moved = moved[:i] + "\n505\t对事业单位经常性补助\t161.09\n50501\t工资福利支出\t161.09" + moved[i:]
    base = [c for c in run_text(moved, "x.txt").checks if c.table == "gpb_basic_gov_economic"]
    assert base == []  # consistent: the failing crosswalk is not reported
    planted = moved.replace("50102\t社会保障缴费\t100.00", "50102\t社会保障缴费\t110.00")
    (c,) = [c for c in run_text(planted, "x.txt").checks if c.table == "gpb_basic_gov_economic"]
    assert ("50102", "total") in [(s.row, s.col) for s in c.suspects]


def test_a_summary_line_no_row_name_matches_keeps_its_side_from_being_summed() -> None:
    """A class printed under a name the classification does not know (医疗卫生与计划生育支出,
    the older name of 卫生健康支出) has its amount left out of the expense lines: their sum is
    evidence only, not a finding that 支出总计 ≠ the classes."""
    path = REAL / "sh_putuo_justice_2026.txt"
    raw = path.read_text(encoding="utf-8")
    i = raw.index("三、卫生健康支出")
    renamed = raw[:i] + "三、医疗卫生与计划生育支出" + raw[i + len("三、卫生健康支出") :]
    res = run_text(renamed, path.name)
    assert res.table("summary").unkeyed == ["out"]
    assert not [c for c in res.checks if c.table == "summary" and c.category == "arithmetic"]
    # where every line is named, an income line is summed into 收入总计 (本年收入合计 is not printed)
    p = run_text(raw, path.name).table("summary").row("in.other").values["amount"].provenance
    res = run_text(raw[: p.start] + "5.00" + raw[p.end :], path.name)
    assert {(c.table, c.row, c.col) for c in res.checks if c.rule.startswith("balance")} == {
        ("summary", "in.other", "amount")
    }


def test_a_prose_figure_equal_to_last_years_column_is_the_documents() -> None:
    """003's prose 社会保障和就业支出 1,213.45 written as 1,133.65 — what the 一般公共预算 table
    prints for 208 in its prior-year column: a figure copied from last year is the document's
    error, so the finding stays the document's."""
    raw = (EXAMPLES / "003_125ac91881a2613a.txt").read_text(encoding="utf-8")
    i = raw.index("社会保障和就业支出 1,213.45") + len("社会保障和就业支出 ")
    res = run_text(raw[:i] + "1,133.65" + raw[i + len("1,213.45") :], "planted.txt")
    (c,) = [c for c in res.checks if c.row == "expense.208"]
    assert (c.source, "is what" in c.message) == ("document", False)


def test_a_prose_figure_in_doubt_shows_in_the_csv_and_sure_only_leaves_it_out(tmp_path: Path) -> None:
    """The prose figure the check lays on the extraction (617.20, above) is marked in the
    narrative CSV's 存疑 column, and --sure-only leaves it out of every output."""
    raw = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")
    i = raw.index("社会保障和就业支出 915.57") + len("社会保障和就业支出 ")
    doc = tmp_path / "d.txt"
    doc.write_text(raw[:i] + "617.20" + raw[i + len("915.57") :], encoding="utf-8")
    assert main(["run", str(doc), "-o", str(tmp_path / "a"), "--format", "csv"]) in (0, 1)
    lines = (tmp_path / "a" / "d.narrative.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",存疑")
    assert [x for x in lines if x.endswith(",存疑") and not x.startswith("编码")] == [
        x for x in lines if x.startswith("expense.208,")
    ]
    assert main(["run", str(doc), "-o", str(tmp_path / "b"), "--format", "cells", "--sure-only"]) in (0, 1)
    rows = (tmp_path / "b" / "d.cells.jsonl").read_text(encoding="utf-8")
    assert '"expense.208"' not in rows and '"expense.210"' in rows


def test_a_three_public_total_said_to_be_flat_ties_last_years_total_to_this_years() -> None:
    """003's prose: 2024 年“三公”经费预算 8 万元，与上年持平 — an auxiliary zero change (never a
    cell), so last year's 三公 total is corroborated and a wrong prior-year part is named
    instead of the total. 000's 非财政拨款“三公”经费…与上年数持平 is another scope: not read."""
    facts = {f.id: f for f in result_of("003_125ac91881a2613a").narrative}
    assert (facts["three_public_change.flat"].value, facts["three_public_change.flat"].provenance.text) == (
        "0",
        "持平",
    )
    assert not [
        c for c in cells(result_of("003_125ac91881a2613a")) if c["row"].startswith("three_public_change")
    ]
    named, _ = _planted("003_125ac91881a2613a", "three_public", "prior", "reception", "6.00")
    assert named == {("three_public", "prior", "reception")}
    assert "three_public_change.flat" not in {f.id for f in result_of("000_867d4fd29c913767").narrative}


def test_a_procurement_part_is_told_from_its_total_by_the_general_budget_restatement() -> None:
    """000 states its 政府采购 twice: the department's (2.99 = 货物 2.99 + 工程 0 + 服务 0) and
    its 一般公共预算 part, printed alike. With 工程 written 5, the total and 工程 tie; the total is
    printed alike in the 一般公共预算 statement (never checked: another scope), so 工程 is named.
    The auxiliary figures are no cells and are never asked of a model."""
    stem = "000_867d4fd29c913767"
    facts = {f.id: f.value for f in result_of(stem).narrative}
    assert facts["procurement_total.gpb"] == "2.99" and facts["procurement_works.gpb"] == "0"
    assert not [c for c in cells(result_of(stem)) if c["row"].endswith(".gpb")]
    named, (c,) = _planted(stem, "narrative", "procurement_works", "value", "5")
    assert named == {("narrative", "procurement_works", "value")}
    assert c.message == (
        "情况说明 · 政府采购预算 2.99 万元，而 "
        "政府采购货物类预算＋政府采购工程类预算＋政府采购服务类预算 之和为 7.99 万元（相差 5.00 万元）；"
        "各表无法判断其中哪一个有误：政府采购工程类预算、政府采购预算；"
        "政府采购预算 与 情况说明 · 一般公共预算拨款政府采购 所列相同"
    )


def test_a_table_without_a_total_row_is_evidence_not_a_finding() -> None:
    """gpb_expenditure prints no 合计 row; the sum of its top rows still tells which cell of
    208's total = basic + project is wrong (the 项目支出 table's total agrees with the other
    project cells), but its own disagreement is not reported: such a table may be cut short."""
    tables = {
        "gpb_expenditure": {
            "208": {"total": "100.00", "basic": "60.00", "project": "45.00"},
            "210": {"total": "50.00", "basic": "30.00", "project": "20.00"},
        },
        "gpb_project_economic": {"total": {"total": "60.00"}},
    }
    checks = check(result_from(tables))
    assert [(c.table, c.row, c.col) for c in checks] == [("gpb_expenditure", "208", "project")]
    assert checks[0].rule.startswith("row:")
    tables["gpb_expenditure"]["208"]["project"] = "40.00"
    tables["gpb_project_economic"]["total"]["total"] = "70.00"  # 210 and its kin cut off?
    assert check(result_from(tables)) == []


@pytest.mark.parametrize("row", ["in.carryover.general_budget", "in.carryover.state_capital"])
def test_a_fund_balance_counts_an_unprinted_carry_forward_as_zero(row: str) -> None:
    """002's 财政拨款收支总表 prints no 年末结转 row: each fund still balances (2964.17 =
    2627.17 + 337.00), which tells which carry-over line is wrong."""
    named, _ = _planted("002_f91b7b473888f42b", "fiscal_summary", row, "amount", "140.00")
    assert named == {("fiscal_summary", row, "amount")}


def test_a_message_names_columns_in_a_row_identity_and_rows_in_a_column_sum() -> None:
    row_identity = check(
        result_from({"three_public": {"current": {"total": "3.50", "overseas": "3.50", "vehicle": "3.50"}}})
    )
    assert [c.message.split("；")[0] for c in row_identity] == [
        "一般公共预算“三公”经费支出预算表 · 本年 · 合计 3.50 万元，"
        "而 因公出国＋公务用车购置及运行费 小计 之和为 7.00 万元（相差 3.50 万元）"
    ]
    column_sum = check(
        result_from(
            {
                "gpb_expenditure": {
                    "208": {"total": "10.00"},
                    "20801": {"total": "4.00"},
                    "20805": {"total": "5.00"},
                }
            }
        )
    )
    assert [c.message.split("；")[0] for c in column_sum] == [
        "一般公共预算财政拨款支出预算表 · 208 社会保障和就业支出 · 本年合计 10.00 万元，"
        "而 20801＋20805 之和为 9.00 万元（相差 1.00 万元）"
    ]


def _in_yuan(text: str, title: str) -> str:
    """``text`` with the table under ``title`` printed in 元 (every amount × 10000)."""
    a = text.index(title)
    b = text.index("\n## ", a)
    part = text[a:b].replace("单位：万元", "单位：元")
    part = re.sub(
        r"(?<![\d.])(\d[\d,]*\.\d\d)(?![\d.])",
        lambda m: f"{Decimal(m[1].replace(',', '')) * 10000:.2f}",
        part,
    )
    return text[:a] + part + text[b:]


def test_a_table_printed_in_yuan_is_compared_in_wanyuan_and_checked_to_the_fen() -> None:
    """000's 表八 printed in 元: the cross-table and prose checks compare it in 万元 (no new
    findings), while its own sums keep the rounding step of what it prints (0.01 元), so a
    fault of 1 元 is found."""
    stem = "000_867d4fd29c913767"
    text = _in_yuan(
        (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8"),
        "项目支出预算表\n\n（部门预算支出经济分类科目）",
    )
    res = run_text(text, f"{stem}.txt")
    t = res.table("gpb_project_economic")
    assert t.money_unit == "元" and t.row("30201").values["total"].value == "83100.00"
    assert {(c.table, c.row, c.col) for c in res.checks} == EXPECTED[stem]
    p = t.row("30201").values["total"].provenance
    planted = run_text(text[: p.start] + "83101.00" + text[p.end :], "planted.txt")
    (c,) = [c for c in planted.checks if (c.table, c.row, c.col) not in EXPECTED[stem]]
    assert ("gpb_project_economic", "30201", "total") in {(x.table, x.row, x.col) for x in c.suspects}
    assert (
        c.message.startswith(  # in 元, as the table prints
            "一般公共预算财政拨款项目支出预算表（部门预算支出经济分类科目）"
            " · 302 商品和服务支出 · 合计 1338600.00 元，"
        )
        and "为 1338601.00 元（相差 1.00 元）" in c.message
    )


def test_a_cell_per_line_export_stripped_of_its_blank_cells_is_the_extractions_doubt() -> None:
    """004 with every line's trailing whitespace stripped: blank cells and row breaks look
    alike, so the tables say they are unsure and their failed checks are not blamed on the
    document; the prose's own contradictions still are."""
    stem = "004_0aedab1e77a5c37c"
    text = "\n".join(ln.rstrip() for ln in (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8").split("\n"))
    res = run_text(text, f"{stem}.txt")
    unsure = {t.id for t in res.tables if t.unsure}
    assert "gpb_basic_economic" in unsure and all("行尾空白" in " ".join(res.table(t).doubts) for t in unsure)
    for c in res.checks:
        if {x.table for x in c.cells} & unsure:
            assert c.source == "extraction" and "的读取存疑" in c.message, c.message
    assert {c.row for c in res.checks if c.source == "document"} >= {
        "general_budget_change",
        "operating_cost_change",
    }
