"""The audit beyond arithmetic (schemas/audit.yaml): structure, text and prose findings.

On the unmodified seeds and real documents it reports the documents' own problems that their
notes list, and nothing else; every kind of problem planted in a copy (written to tmp_path,
the originals stay untouched) is found, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL, result_of

from llmextract.audit.engine import REGISTRY
from llmextract.core.result import Result
from llmextract.core.schemas import load
from llmextract.pipeline import run_file, run_text

JUSTICE = "sh_putuo_justice_2026"
WANLI = "sh_putuo_wanli_2025"

# (rule, line) of every finding on the unmodified documents, each one a problem their notes list
EXPECTED = {
    # 表十三 政府采购预算明细表 is in the 目录 (line 132) but not in the body (notes a)
    "000_867d4fd29c913767": {("toc_table_missing", 132)},
    "001_dca61e563b91d4c1": set(),  # no 国有资本经营 table, and the prose says 国有资本经营预算收入 0 万元
    # 国有资本经营 130.00 budgeted without its table (notes a);
    # 政府性基金 table printed as a header only, with no 无 statement (b5)
    "002_f91b7b473888f42b": {("required_table", 3), ("empty_table_unexplained", 134)},
    # 231.00 of 国有资本经营预算 without a 国有资本经营预算支出表 (notes a)
    "003_125ac91881a2613a": {("required_table", 1)},
    # 占92.6% / 占4.7% (b9), 卫生健康 71.95 vs 31.06 and 住房保障 120.78 vs 53.21 (b3), 下降10% for 15.2% (b6)
    # 比2021年收支预算 where the rest compares with 2022 (b4, and the garbled 较2021年预算 of b8)
    "004_0aedab1e77a5c37c": {
        ("base_year", 2601),
        ("share_percent", 2610),
        ("stated_twice", 2610),
        ("change_percent", 2636),
        ("base_year", 2638),
    },
    JUSTICE: {
        ("repeated_passage", 53),  # lines 53–63 repeat 42–52 (text defect)
        ("base_year", 91),  # 比2026年预算增加 in a 2026 budget (b1)
        ("base_year", 93),
        ("base_year", 94),
        ("base_year", 95),
        ("doubled_punctuation", 112),  # “支出。。2025年” (item 5)
        ("change_percent", 115),  # 43269.3 → 3845.49 is not +17.62% (b2)
        ("change_percent", 124),  # 77.99 → 91.97 is +17.93%, not 17.66% (b3)
        (
            "item_vs_table",
            130,
        ),  # item 11 names class 210 医疗卫生与计划生育支出, the tables 卫生健康支出 (b5)
        ("change_percent", 134),  # 198.34 → 201.50 is +1.59%: the 5.27% fits the heading's 208.8 (b4)
        ("stated_twice", 134),  # 住房公积金 208.8 in the heading, 201.50 in the text (b4)
        ("period_before_year", 398),  # 实施周期 2025年1月1日-2025年12月31日 in a 2026 budget (b6)
    },
    WANLI: set(),
}


def audit_of(res: Result) -> set[tuple[str, int]]:
    return {(c.rule, c.line or 0) for c in res.checks if c.category not in ("arithmetic", "rounding")}


def text_of(stem: str) -> str:
    folder = REAL if stem.startswith("sh_") else EXAMPLES
    return (folder / f"{stem}.txt").read_text(encoding="utf-8")


def planted(tmp_path: Path, stem: str, *edits: tuple[str, str]) -> set[tuple[str, int]]:
    """The findings new to a copy of ``stem`` with each ``old`` replaced by ``new`` once."""
    text = text_of(stem)
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    p = tmp_path / f"{stem}.txt"
    p.write_text(text, encoding="utf-8")
    return audit_of(run_file(p)) - EXPECTED[stem]


def line_of(stem: str, fragment: str) -> int:
    for i, ln in enumerate(
        text_of(stem).split("\n"), 1
    ):  # lines as cat -n counts them (a form feed is no line)
        if fragment in ln:
            return i
    raise AssertionError(fragment)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_unmodified_documents_yield_only_their_own_problems(stem: str) -> None:
    res = result_of(stem) if not stem.startswith("sh_") else run_file(REAL / f"{stem}.txt")
    assert audit_of(res) == EXPECTED[stem]
    for c in res.checks:
        if c.category in ("arithmetic", "rounding"):
            continue
        assert c.category in ("structure", "text", "prose")
        assert c.source == "document" and c.cells == [] and c.table == "" and c.line
        assert c.message and any("\u4e00" <= ch <= "\u9fff" for ch in c.message)


def test_every_rule_names_a_known_mechanism_and_category() -> None:
    cfg = load().audit
    assert {r["check"] for r in cfg["rules"]} <= set(REGISTRY)
    assert {r["category"] for r in cfg["rules"]} == {"structure", "text", "prose"}
    assert all(r["documents"] and r["message"] for r in cfg["rules"])


def test_audit_findings_are_in_the_checks_export(tmp_path: Path) -> None:
    import json

    from llmextract.cli.main import main

    p = tmp_path / f"{JUSTICE}.txt"
    p.write_text(text_of(JUSTICE), encoding="utf-8")
    assert main(["run", str(p), "-o", str(tmp_path / "out")]) == 0
    checks = json.loads((tmp_path / "out" / f"{JUSTICE}.checks.json").read_text(encoding="utf-8"))
    audit = [c for c in checks if c["category"] != "arithmetic"]
    assert {(c["rule"], c["line"]) for c in audit} == EXPECTED[JUSTICE]
    assert all(c["source"] == "document" and c["cells"] == [] for c in audit)


# ---------------------------------------------------------------------------- structure


def test_a_missing_required_table_is_found_and_missing_from_the_contents(tmp_path: Path) -> None:
    """Table 8 (一般公共预算基本支出表) cut out of the Wanli body: the contents still list it."""
    text = text_of(WANLI)
    lines = text.split("\n")
    a = line_of(WANLI, "2025年部门一般公共预算基本支出部门预算经济分类预算表") - 1
    a = next(
        i for i in range(a + 5, len(lines)) if "部门一般公共预算基本支出" in lines[i]
    )  # the body's title
    b = next(i for i in range(a + 1, len(lines)) if "“三公”经费和机关运行经费预算表" in lines[i])
    cut = "\n".join(lines[:a] + lines[b:])
    p = tmp_path / f"{WANLI}.txt"
    p.write_text(cut, encoding="utf-8")
    found = audit_of(run_file(p))
    toc = line_of(WANLI, "8．2025年部门一般公共预算基本支出")
    assert found == {("required_table", 1), ("toc_table_missing", toc)}
    msg = [c.message for c in run_file(p).checks if c.rule == "required_table"]
    assert msg and "一般公共预算基本支出表" in msg[0]


def test_a_missing_fund_table_is_no_finding_when_the_document_says_the_fund_is_empty(tmp_path: Path) -> None:
    """Wanli without its 国有资本经营 table (and its contents line): the prose says 0.00 万元."""
    text = text_of(WANLI)
    lines = text.split("\n")
    a = line_of(WANLI, "2025年部门国有资本经营预算支出功能分类预算表") - 1
    a = next(i for i in range(a + 5, len(lines)) if "国有资本经营预算支出功能分类预算表" in lines[i])
    b = next(i for i in range(a + 1, len(lines)) if "基本支出部门预算经济分类预算表" in lines[i])
    toc = line_of(WANLI, "7．2025年部门国有资本经营") - 1
    kept = [ln for i, ln in enumerate(lines) if not (a <= i < b) and i != toc]
    p = tmp_path / f"{WANLI}.txt"
    p.write_text("\n".join(kept), encoding="utf-8")
    assert audit_of(run_file(p)) == set()
    # …but it is one when the prose gives the fund an amount
    p.write_text(
        "\n".join(kept).replace(
            "国有资\n本经营预算拨款支出预算0.00万元", "国有资\n本经营预算拨款支出预算120.00万元"
        ),
        encoding="utf-8",
    )
    assert ("required_table", 1) in audit_of(run_file(p))


def test_a_table_printed_twice_is_a_duplicate(tmp_path: Path) -> None:
    """The 三公 table printed again after the 政府性基金 table (not a page continuation)."""
    text = text_of(JUSTICE)
    lines = text.split("\n")
    a = line_of(JUSTICE, "2026年部门“三公”经费和机关运行经费预算表") - 1
    a = next(i for i in range(a + 5, len(lines)) if "“三公”经费和机关运行经费预算表" in lines[i])
    block = lines[a : a + 13]
    at = line_of(JUSTICE, "2026年部门国有资本经营预算支出功能分类预算表") - 1
    at = next(i for i in range(at + 5, len(lines)) if "国有资本经营预算支出功能分类预算表" in lines[i])
    new = lines[:at] + block + lines[at:]
    p = tmp_path / f"{JUSTICE}.txt"
    p.write_text("\n".join(new), encoding="utf-8")
    found = {r for r, _ in audit_of(run_file(p))}
    assert "duplicate_table" in found


def test_a_table_left_out_of_the_contents(tmp_path: Path) -> None:
    toc = "  9．2026年部门“三公”经费和机关运行经费预算表 ………………………………………………………………\n"
    text = text_of(JUSTICE)
    assert toc in text
    p = tmp_path / f"{JUSTICE}.txt"
    p.write_text(text.replace(toc, "", 1), encoding="utf-8")
    found = audit_of(run_file(p))
    shifted = {(r, n - 1 if n > 20 else n) for r, n in EXPECTED[JUSTICE]}  # one line less above them
    title = [i for i, ln in enumerate(text.split("\n"), 1) if "经费和机关运行经费预算表" in ln][-1]
    assert found - shifted == {("table_not_in_toc", title - 1)}


def test_an_empty_fund_table_without_its_explanation(tmp_path: Path) -> None:
    """The 注 under the empty 政府性基金 table removed, and the prose no longer says the fund is 0."""
    new = planted(
        tmp_path,
        JUSTICE,
        ("注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。", "                    "),
        ("政府性基金拨款支出预算0万元，与2026年预算持平；", "                              "),
    )
    lines = [
        i
        for i, ln in enumerate(text_of(JUSTICE).split("\n"), 1)
        if "部门政府性基金预算支出功能分类预算表" in ln
    ]
    title = lines[-1]
    assert ("empty_table_unexplained", title) in new
    assert {r for r, _ in new} <= {"empty_table_unexplained", "base_year"}  # one base_year line went


def test_a_table_that_says_it_is_empty_prints_nothing(tmp_path: Path) -> None:
    """An amount printed in the 政府性基金 table whose note says it is empty; the prose says 0."""
    row = "2120801   征地和拆迁补偿支出            500000.00      0.00     500000.00"
    new = planted(tmp_path, JUSTICE, ("\n无\n", f"\n{row}\n"))
    note = line_of(JUSTICE, "注:本部门2026年无政府性基金")
    prose = line_of(JUSTICE, "政府性基金拨款支出预算0万元")
    assert new == {("empty_table_has_values", note), ("zero_vs_table", prose)}


# ---------------------------------------------------------------------------- text


def test_a_table_titled_with_another_year(tmp_path: Path) -> None:
    new = planted(
        tmp_path,
        WANLI,
        (
            "                         2025年部门支出预算总表",
            "                         2024年部门支出预算总表",
        ),
    )
    assert new == {("table_title_year", line_of(WANLI, "     2025年部门支出预算总表"))}


def test_a_comparison_with_the_budget_year_itself(tmp_path: Path) -> None:
    new = planted(tmp_path, WANLI, ("比2024年预算增加\n3,355.65万元", "比2025年预算增加\n3,355.65万元"))
    assert new == {("base_year", line_of(WANLI, "比2024年预算增加"))}


def test_a_statement_of_the_budget_with_another_year(tmp_path: Path) -> None:
    new = planted(
        tmp_path,
        WANLI,
        ("2025年本部门政府采购预算4821.20万元", "2024年本部门政府采购预算4821.20万元"),
        ("2025年部门预算编制说明", "2024年部门预算编制说明"),
    )
    assert new == {
        ("prose_year", line_of(WANLI, "2025年部门预算编制说明")),
        ("prose_year", line_of(WANLI, "2025年本部门政府采购预算")),
    }


@pytest.mark.parametrize(
    "old,new",
    [
        ("上海市普陀区人民政府万里街道办事处是普陀区政府的派出机关", "XX街道办事处是普陀区政府的派出机关"),
        ("上海市普陀区人民政府万里街道办事处是普陀区政府的派出机关", "××街道办事处是普陀区政府的派出机关"),
        ("主要用于群众体育。", "主要用于【】。"),
        ("主要用于科普活动。", "主要用于（待填写）。"),
    ],
)
def test_template_leftovers(tmp_path: Path, old: str, new: str) -> None:
    assert planted(tmp_path, WANLI, (old, new)) == {("template_leftover", line_of(WANLI, old))}


@pytest.mark.parametrize(
    "old,new,rule",
    [
        ("主要用于群众体育。", "主要用于群众体育。。", "doubled_punctuation"),
        ("科目20.00万元，主要用于群众体育", "科目20.00万元，，主要用于群众体育", "doubled_punctuation"),
        ("主要用于科普活动。", "主要用于科普活动活动。", "doubled_word"),
        ("主要用于公共法律服务。", "主要用于的的公共法律服务。", "doubled_word"),
    ],
)
def test_doubled_punctuation_and_words(tmp_path: Path, old: str, new: str, rule: str) -> None:
    assert planted(tmp_path, WANLI, (old, new)) == {(rule, line_of(WANLI, old))}


def test_a_yuan_table_headed_wanyuan(tmp_path: Path) -> None:
    """Table 1 prints 元 (96,282,213.44) under 单位：万元: the prose's 9628.22 万元 tells."""
    head = "编制部门：上海市普陀区司法局                                                       单位：元"
    new = planted(tmp_path, JUSTICE, (head, head.replace("单位：元", "单位：万元")))
    assert {r for r, _ in new} == {"money_unit"}


def test_a_wanyuan_table_headed_yuan(tmp_path: Path) -> None:
    """000 表一 prints 万元 (1,009.29) under 单位：元."""
    stem = "000_867d4fd29c913767"
    text = text_of(stem)
    i = text.index("## 2025年万盛经开区部门收支预算总表")
    j = text.index("单位：万元", i)
    p = tmp_path / f"{stem}.txt"
    p.write_text(text[:j] + "单位：元" + text[j + len("单位：万元") :], encoding="utf-8")
    new = audit_of(run_file(p)) - EXPECTED[stem]
    assert {r for r, _ in new} == {"money_unit"}


def test_a_prose_figure_in_yuan_called_wanyuan() -> None:
    """One cause, one finding: the prose's total against its tables, naming the unit (the
    audit's money_unit says nothing more of it)."""
    old = "上海市普陀区司法局收入预算9628.22万元"
    res = run_text(text_of(JUSTICE).replace(old, "上海市普陀区司法局收入预算96282213.44万元", 1), "j.txt")
    (c,) = [c for c in res.checks if "96282213.44" in c.message]
    assert (c.rule, c.source, c.line) == ("narrative_vs_table", "document", line_of(JUSTICE, old))
    assert c.message.endswith("；文中数字与表中相同而单位不同，单位应为元")


# ---------------------------------------------------------------------------- prose


def test_a_percentage_that_does_not_recompute(tmp_path: Path) -> None:
    new = planted(tmp_path, JUSTICE, ("减少1.07%", "减少1.70%"))
    assert new == {("change_percent", line_of(JUSTICE, "减少1.07%"))}


def test_a_change_in_the_wrong_direction(tmp_path: Path) -> None:
    new = planted(tmp_path, JUSTICE, ("比2025年预算执行数增加4.92%", "比2025年预算执行数减少4.92%"))
    assert new == {("change_percent", line_of(JUSTICE, "增加4.92%"))}


def test_a_percentage_within_the_printed_precision_is_no_finding(tmp_path: Path) -> None:
    """57.8 stands for 57.75–57.85: −2.21% and −2.2% both hold against 59.11."""
    assert planted(tmp_path, JUSTICE, ("减少2.21%", "减少2.2%")) == set()


def test_an_amount_change_against_the_two_figures(tmp_path: Path) -> None:
    sentence = "公务接待费1.35万元。比2024年预算持平"
    assert sentence in text_of(WANLI)
    new = planted(tmp_path, WANLI, (sentence, "公务接待费1.35万元，比2024年预算1.20万元减少0.15万元"))
    assert new == {("change_amount", line_of(WANLI, sentence))}
    new = planted(tmp_path, WANLI, (sentence, "公务接待费1.35万元，比2024年预算1.20万元持平"))
    assert new == {("change_amount", line_of(WANLI, sentence))}
    assert (
        planted(tmp_path, WANLI, (sentence, "公务接待费1.35万元，比2024年预算1.20万元增加0.15万元")) == set()
    )


def test_a_share_that_does_not_recompute(tmp_path: Path) -> None:
    stem = "004_0aedab1e77a5c37c"
    new = planted(tmp_path, stem, ("占63%", "占68%"))
    assert new == {("share_percent", line_of(stem, "占63%"))}


def test_a_prose_zero_against_a_positive_table(tmp_path: Path) -> None:
    new = planted(tmp_path, WANLI, ("“三公”经费预算数为37.91万元", "“三公”经费预算数为0万元"))
    line = line_of(WANLI, "“三公”经费预算数为37.91万元")
    assert new == {("zero_vs_table", line), ("parts_sum", line)}  # and its parts add up to 37.91


def test_the_same_fact_stated_twice(tmp_path: Path) -> None:
    new = planted(tmp_path, JUSTICE, ("行政运行（01项）1672.67万元", "行政运行（01项）1762.67万元"))
    assert new == {
        ("stated_twice", line_of(JUSTICE, "2026年预算安排1672.67万元")),
        (
            "item_vs_table",
            line_of(JUSTICE, "行政运行（01项）1672.67万元"),
        ),  # and table 3 prints 16726725.44 元
    }


def test_a_class_amount_stated_twice_in_a_seed(tmp_path: Path) -> None:
    """003 states 卫生健康支出 34.92 once; a second, different statement is found."""
    stem = "003_125ac91881a2613a"
    text = text_of(stem)
    assert "卫生健康支出 34.92 万元" in text
    p = tmp_path / f"{stem}.txt"
    p.write_text(
        text.replace("五、其他重要事项", "卫生健康支出 43.92 万元。\n五、其他重要事项", 1)
        if "五、其他重要事项" in text
        else text,
        encoding="utf-8",
    )
    new = audit_of(run_file(p)) - EXPECTED[stem]
    assert {r for r, _ in new} == {"stated_twice"}


# ---------------------------------------------------------------------------- an unseen document


UNSEEN = """某市某区卫生健康委员会2024年部门预算

目录
一、部门收支总表 ……………………
二、部门收入总表 ……………………
三、部门支出总表 ……………………
四、财政拨款收支总表 ……………………
五、一般公共预算支出表 ……………………
六、一般公共预算基本支出表 ……………………
七、一般公共预算“三公”经费支出表 ……………………
八、政府性基金预算支出表 ……………………
九、国有资本经营预算支出表 ……………………

一、2024年部门预算情况说明
2024年收支预算总数3,200.00万元，较上年预算2,900.00万元增加300.00万元，增长10.3%。支出预算3,200.00万元，其中：基本支出2,000.00万元，占62.5%；项目支出1,200.00万元，占37.5%。
“三公”经费预算数为12.00万元，较上年预算15.00万元减少3.00万元，下降20%。
政府性基金预算支出0万元。本部门没有使用国有资本经营预算拨款安排的支出。

部门收支总表
单位：万元
收入\t预算数\t支出\t预算数
一般公共预算拨款收入\t3,200.00\t卫生健康支出\t3,200.00
收入总计\t3,200.00\t支出总计\t3,200.00

部门收入总表
单位：万元
科目编码\t科目名称\t合计\t一般公共预算拨款收入
210\t卫生健康支出\t3,200.00\t3,200.00

部门支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
210\t卫生健康支出\t3,200.00\t2,000.00\t1,200.00

财政拨款收支总表
单位：万元
收入\t预算数\t支出\t合计
一般公共预算拨款\t3,200.00\t卫生健康支出\t3,200.00

一般公共预算支出表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
210\t卫生健康支出\t3,200.00\t2,000.00\t1,200.00

一般公共预算基本支出表
单位：万元
科目编码\t科目名称\t合计\t人员经费\t公用经费
301\t工资福利支出\t1,800.00\t1,800.00\t
302\t商品和服务支出\t200.00\t\t200.00

一般公共预算“三公”经费支出表
单位：万元
合计\t因公出国(境)费\t公务用车购置及运行费\t公务接待费
12.00\t0.00\t10.00\t2.00

政府性基金预算支出表
单位：万元
科目编码\t科目名称\t合计
注：本部门无政府性基金预算财政拨款安排的支出，故本表为空表。

国有资本经营预算支出表
单位：万元
科目编码\t科目名称\t合计
注：本部门无国有资本经营预算财政拨款安排的支出，故本表为空表。
"""


def test_an_unseen_document_is_clean_and_its_planted_faults_are_found(tmp_path: Path) -> None:
    p = tmp_path / "unseen.txt"
    p.write_text(UNSEEN, encoding="utf-8")
    assert audit_of(run_file(p)) == set()

    def faults(*edits: tuple[str, str]) -> set[str]:
        text = UNSEEN
        for old, new in edits:
            assert old in text
            text = text.replace(old, new, 1)
        p.write_text(text, encoding="utf-8")
        return {r for r, _ in audit_of(run_file(p))}

    assert faults(("增长10.3%", "增长13.0%")) == {"change_percent"}
    # last year's figure not printed: 3,200.00 − 300.00 is the base of 增长10.3%
    assert faults(("较上年预算2,900.00万元增加", "较上年增加")) == set()
    assert faults(("较上年预算2,900.00万元增加", "较上年增加"), ("增长10.3%", "增长9.4%")) == {
        "change_percent"
    }
    assert faults(("占62.5%", "占60.5%")) == {"share_percent"}
    assert faults(("增加300.00万元", "减少300.00万元")) == {"change_amount"}
    assert faults(("较上年预算2,900.00", "较2024年预算2,900.00")) == {"base_year"}
    assert (
        faults(("注：本部门无政府性基金预算财政拨款安排的支出，故本表为空表。", "")) == set()
    )  # the prose says 0 万元
    assert faults(
        ("注：本部门无政府性基金预算财政拨款安排的支出，故本表为空表。", ""),
        ("政府性基金预算支出0万元。", ""),
    ) == {"empty_table_unexplained"}
    assert faults(("\n一般公共预算“三公”经费支出表\n", "\n")) >= {"required_table", "toc_table_missing"}
    assert faults(("2024年收支预算总数", "2023年收支预算总数")) == {"prose_year"}
    assert faults(("\n部门支出总表\n", "\n2023年部门支出总表\n")) == {"table_title_year"}
    assert faults(("“三公”经费预算数为12.00万元", "“三公”经费预算数为0万元")) >= {"zero_vs_table"}


def test_a_comparison_word_against_its_figures(tmp_path: Path) -> None:
    sentence = "公务接待费1.35万元。比2024年预算持平"
    new = planted(
        tmp_path, WANLI, (sentence, "公务接待费1.35万元，小于公务用车运行费1.20万元。比2024年预算持平")
    )
    assert new == {("comparison", line_of(WANLI, sentence))}
    assert (
        planted(
            tmp_path, WANLI, (sentence, "公务接待费1.35万元，大于公务用车运行费1.20万元。比2024年预算持平")
        )
        == set()
    )


def test_a_prose_figure_ten_thousand_times_a_wanyuan_total(tmp_path: Path) -> None:
    """000 prints 万元 throughout: 10092900 万元 in the prose is the 1,009.29 total in 元."""
    stem = "000_867d4fd29c913767"
    text = text_of(stem)
    old = "年年初预算数 1009.29 万元"
    assert old in text
    p = tmp_path / f"{stem}.txt"
    p.write_text(text.replace(old, "年年初预算数 10092900 万元", 1), encoding="utf-8")
    new = audit_of(run_file(p)) - EXPECTED[stem]
    assert ("money_unit", line_of(stem, old)) in new


def test_a_base_year_older_than_the_rest(tmp_path: Path) -> None:
    new = planted(tmp_path, WANLI, ("比2024年预算减少10万元。其中", "比2023年预算减少10万元。其中"))
    assert new == {("base_year", line_of(WANLI, "比2024年预算减少10万元。其中"))}


def test_html_markup_is_read_as_text(tmp_path: Path) -> None:
    """The same unseen document as HTML paragraphs and tables: clean, and a fault is found."""
    body = []
    for ln in UNSEEN.split("\n"):
        if "\t" in ln:
            cells = "".join(f"<td>{c}</td>" for c in ln.split("\t"))
            body.append(f"<tr>{cells}</tr>")
        else:
            body.append(f"<p>{ln}</p>" if ln else "")
    html = "\n".join(body)
    p = tmp_path / "unseen.html"
    p.write_text(html, encoding="utf-8")
    assert audit_of(run_file(p)) == set()
    p.write_text(html.replace("占62.5%", "占60.5%"), encoding="utf-8")
    assert {r for r, _ in audit_of(run_file(p))} == {"share_percent"}


def test_a_zero_three_public_beside_a_positive_operating_cost_is_no_finding(tmp_path: Path) -> None:
    """Shanghai prints 机关运行经费 in the 三公 table's row: a 0 三公 total is not contradicted by it."""
    row = "        37.91              0       1.35        36.56         15         21.56        464.64"
    zero = "            0              0          0            0          0             0        464.64"
    new = planted(tmp_path, WANLI, (row, zero), ("“三公”经费预算数为37.91万元", "“三公”经费预算数为0万元"))
    assert {r for r, _ in new} == {"parts_sum"}  # the prose's parts still add up to 37.91


def test_parts_that_do_not_add_up_to_their_total(tmp_path: Path) -> None:
    new = planted(tmp_path, WANLI, ("公务接待费1.35万元。", "公务接待费1.53万元。"))
    assert new == {("parts_sum", line_of(WANLI, "“三公”经费预算数为37.91万元"))}
    new = planted(tmp_path, JUSTICE, ("政府采购工程预算36.44万元", "政府采购工程预算63.44万元"))
    assert new == {("parts_sum", line_of(JUSTICE, "本部门政府采购预算1486.42万元"))}


def test_a_part_larger_than_its_whole(tmp_path: Path) -> None:
    old = "预留给小型和微型企业的政府采购项目预算为1349.94"
    new = planted(tmp_path, WANLI, (old, old.replace("1349.94", "1949.94")))
    assert new == {("part_exceeds_whole", line_of(WANLI, "1349.94"))}


def test_a_zero_in_a_list_does_not_explain_an_empty_table(tmp_path: Path) -> None:
    """Wanli's 政府性基金 table without its 注: the prose's “政府性基金拨款支出预算0.00万元” is one
    item of a list, not an explanation (004's “2023年政府性基金预算支出0万元，其中…” is one)."""
    note = "注:本部门2025年无政府性基金预算财政拨款安排的预算 ，故本表为空表。"
    title = [
        i
        for i, ln in enumerate(text_of(WANLI).split("\n"), 1)
        if "部门政府性基金预算支出功能分类预算表" in ln
    ][-1]
    assert planted(tmp_path, WANLI, (note, " " * 10)) == {("empty_table_unexplained", title)}


def test_a_table_whose_unit_the_other_tables_contradict(tmp_path: Path) -> None:
    """Justice table 3 (支出总表) headed 单位：万元 while it prints the 元 total of tables 1, 2, 4."""
    text = text_of(JUSTICE)
    i = text.index("2026年部门支出预算总表", text.index("2026年部门收入预算总表", 2000))
    j = text.index("单位：元", i)
    p = tmp_path / f"{JUSTICE}.txt"
    p.write_text(text[:j] + "单位：万元" + text[j + len("单位：元") :], encoding="utf-8")
    new = audit_of(run_file(p)) - EXPECTED[JUSTICE]
    assert {r for r, _ in new} == {"money_unit"}


def test_a_table_unit_told_by_the_other_tables_alone(tmp_path: Path) -> None:
    """002 has no prose: its 财政拨款收支总表 headed 单位：元 prints the 3,094.17 of the 万元 收支总表."""
    stem = "002_f91b7b473888f42b"
    text = text_of(stem)
    j = text.index("单位：万元")  # the first table's
    p = tmp_path / f"{stem}.txt"
    p.write_text(text[:j] + "单位：元" + text[j + len("单位：万元") :], encoding="utf-8")
    new = audit_of(run_file(p)) - EXPECTED[stem]
    assert new == {("money_unit", line_of(stem, "单位：万元"))}


def test_a_prose_total_of_zero_against_the_tables(tmp_path: Path) -> None:
    """收入预算 0 万元 against 收支总表's total: reported once, by the arithmetic check when it
    reads the table's total, else by the audit from the table's printed text."""
    old = "上海市普陀区人民政府万里街道办事处收入预算18,976.76万元"
    p = tmp_path / f"{WANLI}.txt"
    p.write_text(text_of(WANLI).replace(old, old.replace("18,976.76", "0"), 1), encoding="utf-8")
    res = run_file(p)
    arithmetic = [c for c in res.checks if c.table == "narrative" and c.row == "income_total"]
    audit = [c for c in res.checks if c.rule == "zero_vs_table" and c.line == line_of(WANLI, old)]
    assert len(arithmetic) + len(audit) == 1
    res.checks = [c for c in res.checks if c.category != "arithmetic"]  # as if the tables were unread
    from llmextract.audit.engine import audit as run_audit
    from llmextract.inputs.readers import read_source

    again = run_audit(read_source(p), res)
    assert ("zero_vs_table", line_of(WANLI, old)) in {(c.rule, c.line) for c in again}


def test_a_failing_rule_is_a_warning_not_a_lost_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmextract.audit import engine as audit

    def broken(doc, rule, result):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    monkeypatch.setitem(audit.REGISTRY, "base_year", broken)
    p = tmp_path / f"{JUSTICE}.txt"
    p.write_text(text_of(JUSTICE), encoding="utf-8")
    res = run_file(p)
    assert {r for r, _ in audit_of(res)} == {r for r, _ in EXPECTED[JUSTICE]} - {"base_year"}
    assert any("audit rule base_year" in w and "boom" in w for w in res.warnings)


def test_a_repeated_passage_and_a_past_project_period(tmp_path: Path) -> None:
    text = text_of(WANLI)
    lines = text.split("\n")
    a = line_of(WANLI, "一、加强党的建设。") - 1
    block = lines[a : a + 4]  # two numbered duties, each wrapped over two lines
    assert sum("。" in ln for ln in block) >= 3
    b = line_of(WANLI, "四、实施综合管理") - 1
    new = lines[:b] + block + lines[b:]
    p = tmp_path / f"{WANLI}.txt"
    p.write_text("\n".join(new), encoding="utf-8")
    assert {r for r, _ in audit_of(run_file(p))} == {"repeated_passage"}
    period = "第一至四季度支付尾款 。"
    found = planted(tmp_path, WANLI, (period, "2024年1月1日-2024年12月31日"))
    assert found == {("period_before_year", line_of(WANLI, period))}


def test_an_item_amount_against_its_table_row(tmp_path: Path) -> None:
    """Wanli's items name their 类/款/项 without codes: the names find the row (21201 01)."""
    old = "城乡社区管理事务（款）行政运行（项）”科目1788.77万元"
    new = planted(tmp_path, WANLI, (old, old.replace("1788.77", "1787.77")))
    assert new == {("item_vs_table", line_of(WANLI, old))}
    # justice prints the codes: 20406 04 基层司法业务, 2170.39 万元 = 21703947.00 元
    old = "基层司法业务（04项）2170.39万元"
    new = planted(tmp_path, JUSTICE, (old, old.replace("2170.39", "2107.39")))
    assert ("item_vs_table", line_of(JUSTICE, old)) in new


def test_an_item_amount_in_yuan_against_its_table_row(tmp_path: Path) -> None:
    """An item stated in 元 is compared in 万元: equal after scaling, no finding; off, one
    finding that gives the prose's figure in 元."""
    old = "城乡社区管理事务（款）行政运行（项）”科目1788.77万元"
    assert planted(tmp_path, WANLI, (old, old.replace("1788.77万元", "17887700.00元"))) == set()
    new = planted(tmp_path, WANLI, (old, old.replace("1788.77万元", "17877700.00元")))
    assert new == {("item_vs_table", line_of(WANLI, old))}


def test_a_zero_in_yuan_against_a_table_that_prints_amounts(tmp_path: Path) -> None:
    row = "2120801   征地和拆迁补偿支出            500000.00      0.00     500000.00"
    zero = ("政府性基金拨款支出预算0万元", "政府性基金拨款支出预算0元")
    new = planted(tmp_path, JUSTICE, ("\n无\n", f"\n{row}\n"), zero)
    assert ("zero_vs_table", line_of(JUSTICE, "政府性基金拨款支出预算0万元")) in new


def test_a_text_that_keeps_its_form_feeds_gives_pages() -> None:
    """pdftotext separates pages with form feeds: a finding says on which page it is."""
    res = run_file(REAL / f"{JUSTICE}.txt")
    pages = {c.rule: c.page for c in res.checks if c.category != "arithmetic"}
    assert pages["period_before_year"] == 23  # the 人民调解 project on the last of the 23 pages
    assert all(c.page for c in res.checks if c.category != "arithmetic")


def test_a_table_of_whole_amounts_is_not_called_empty() -> None:
    """A 三公 table printing whole 万元 (35 10 12 8 5, OCR-like) holds numbers: whatever the
    reading made of it, the document is not blamed for an empty table (a review's
    counter-example: it was, read or not)."""
    text = (
        "2026年部门预算\n\n2026年一般公共预算“三公”经费支出预算表\n单位：万元\n"
        "合计 因公出国（境）费 公务用车购置费 公务用车运行维护费 公务接待费\n35 10 12 8 5\n"
    )
    res = run_text(text, "t.txt")
    assert not [c for c in res.checks if c.rule == "empty_table_unexplained"]
    empty = (
        "2026年部门预算\n\n2026年一般公共预算“三公”经费支出预算表\n单位：万元\n"
        "合计 因公出国（境）费 公务接待费\n"
    )
    assert [c.rule for c in run_text(empty, "t.txt").checks if c.rule == "empty_table_unexplained"]


@pytest.mark.parametrize(
    "body",
    [
        "项目 金额\n合计35\n因公出国（境）费10\n公务接待费25\n",  # glued to its label
        "项目 金额\n合计 35万元\n因公出国（境）费 10万元\n",  # with its unit
        "项目 金额\n合计\n35\n因公出国（境）费\n10\n公务接待费\n25\n",  # a label and its number a line each
    ],
)
def test_a_table_printing_numbers_however_laid_out_is_not_called_empty(body: str) -> None:
    """Numbers glued to their label, with a unit, or alone on their lines under a label each (a
    review's counter-examples): the table is not empty, whatever the reading made of it."""
    head = "2026年部门预算\n\n2026年一般公共预算“三公”经费支出预算表\n单位：万元\n"
    assert not [c for c in run_text(head + body, "t.txt").checks if c.rule == "empty_table_unexplained"]
