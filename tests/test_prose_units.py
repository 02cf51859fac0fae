"""Prose that states its amounts in 元 (counties, districts, small units) or 亿元: each figure is
read as printed with its unit, and compared with the tables in one unit — a 元 figure against
a 万元 table to the 万元 table's rounding, against a 元 table to the cent; against a table that
does not say its unit, not at all (a unit guessed wrong must never blame the document)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import EXAMPLES

from llmextract.core.result import Result
from llmextract.outputs.export import cells, table_csvs
from llmextract.pipeline import run_text

SEED = "000_867d4fd29c913767"  # 万元 prose and tables that agree
TEXT = (EXAMPLES / f"{SEED}.txt").read_text(encoding="utf-8")
TABLES = TEXT.index("## 2025年万盛经开区部门预算公开表（目录）")  # the tables follow the prose

COUNTY = """某县某单位2023年部门预算
一、部门预算情况说明
2023 年本年一般公共预算基本支出 911000.39 元,其中:人员经费 809961.19 元 … 公用经费 101039.2 元
1. 基本支出预算 881300.39 元,占一般公共预算支出的96.74%,同比减少 166271.4 元,下降 15.87 %。
2. 项目支出 29700 元,占一般公共预算支出的 3.26%,同比减少 13900 元 ,下降 31.88 %。
2023 年单位预算全口径安排“三公”经费支出预算 0元,同比无变化。
"""


def _yuan(m: re.Match[str]) -> str:
    return f"{Decimal(m[1].replace(',', '')) * 10000:.2f}元"


def _prose_in_yuan(text: str, a: int = 0, b: int = TABLES) -> str:
    """The seed with the prose's 万元 figures between ``a`` and ``b`` restated in 元."""
    return text[:a] + re.sub(r"(\d[\d,]*(?:\.\d+)?)\s*万元", _yuan, text[a:b]) + text[b:]


def _tables_in_yuan(text: str) -> str:
    """The seed with every table's amounts in 元 under 单位：元."""
    part = re.sub(
        r"(?<![\d.])(\d[\d,]*\.\d+)(?![\d.])",
        lambda m: f"{Decimal(m[1].replace(',', '')) * 10000:.2f}",
        text[TABLES:],
    )
    return text[:TABLES] + part.replace("单位：万元", "单位：元")


def _prose_checks(res: Result) -> list[tuple[str, str, str]]:
    """(rule, row, source) of the failed checks that involve a prose figure."""
    return [(c.rule, c.row, c.source) for c in res.checks if any(x.table == "narrative" for x in c.cells)]


def _facts(res: Result) -> dict[str, tuple[str, str]]:
    return {f.id: (f.value, f.unit) for f in res.narrative}


def test_prose_in_yuan_is_read_with_its_unit() -> None:
    res = run_text(COUNTY, "county.txt")
    facts = _facts(res)
    assert facts["basic_expense"] == ("911000.39", "元")
    assert facts["project_expense"] == ("29700", "元")
    assert not res.warnings  # something was found
    out = {c["row"]: c for c in cells(res) if c["table"] == "narrative"}
    assert out["basic_expense"]["unit"] == "元"
    assert out["basic_expense"]["amount_yuan"] == "911000.39"


def test_prose_in_yuan_agrees_with_wanyuan_tables() -> None:
    """Every prose figure in 元, the tables in 万元: the same findings as the 万元 seed (none on
    the prose), the facts in 元."""
    res = run_text(_prose_in_yuan(TEXT), "x.txt")
    assert _facts(res)["basic_expense"] == ("7390300.00", "元")
    assert _facts(res)["three_public_total"] == ("29000.00", "元")
    assert _facts(res)["vehicles"] == ("1", "")  # a count keeps no unit
    assert _prose_checks(res) == []
    assert sorted((c.rule, c.table, c.row) for c in res.checks) == sorted(
        (c.rule, c.table, c.row) for c in run_text(TEXT, "x.txt").checks
    )


def test_yuan_against_wanyuan_within_the_wanyuan_rounding_is_no_finding() -> None:
    """7,390,312.34 元 is 739.03 万元 as the table rounds it; 7,391,000 元 is 739.10 万元: the
    prose and the table disagree, and the message gives each figure in its own unit."""
    text = _prose_in_yuan(TEXT)
    close = run_text(text.replace("基本支出 7390300.00元", "基本支出 7,390,312.34元", 1), "x.txt")
    assert _facts(close)["basic_expense"] == ("7390312.34", "元")
    assert _prose_checks(close) == []
    off = run_text(text.replace("基本支出 7390300.00元", "基本支出 7391000.00元", 1), "x.txt")
    assert _prose_checks(off) == [("narrative_vs_table", "basic_expense", "document")]
    (c,) = [c for c in off.checks if c.row == "basic_expense"]
    assert "基本支出 7391000.00 元" in c.message and "739.03 万元" in c.message


def test_prose_in_yuan_against_yuan_tables() -> None:
    """Prose and tables in 元: agreeing, no finding; a prose figure 100 000 元 off, one finding."""
    assert _prose_checks(run_text(_tables_in_yuan(_prose_in_yuan(TEXT)), "x.txt")) == []
    planted = _prose_in_yuan(TEXT).replace("基本支出 7390300.00元", "基本支出 7490300.00元", 1)
    res = run_text(_tables_in_yuan(planted), "x.txt")
    assert _prose_checks(res) == [("narrative_vs_table", "basic_expense", "document")]
    (c,) = [c for c in res.checks if c.row == "basic_expense"]
    assert "7490300.00 元" in c.message and "7390300.00 元" in c.message


def test_a_table_that_does_not_say_its_unit_is_not_compared_with_yuan_prose() -> None:
    """Tables without a 单位 line may print 元 or 万元: a 元 prose figure is not compared with
    them (a 万元 one still is, as the documents' usual unit)."""
    planted = _prose_in_yuan(TEXT).replace("基本支出 7390300.00元", "基本支出 7490300.00元", 1)
    unlabelled = planted[:TABLES] + planted[TABLES:].replace("单位：万元", "")
    assert _prose_checks(run_text(unlabelled, "x.txt")) == []
    wan = TEXT.replace("基本支出 739.03 万元", "基本支出 749.03 万元", 1)
    wan = wan[:TABLES] + wan[TABLES:].replace("单位：万元", "")
    assert _prose_checks(run_text(wan, "x.txt")) == [("narrative_vs_table", "basic_expense", "document")]


def test_one_sentence_in_yuan_among_wanyuan_ones() -> None:
    """The 三公 sentence in 元, the rest in 万元: each fact keeps its unit, no finding; a 三公
    figure truly off is one finding."""
    a, b = TEXT.index("（一）财政拨款“三公”经费"), TEXT.index("（二）非财政拨款")
    mixed = _prose_in_yuan(TEXT, a, b)
    res = run_text(mixed, "x.txt")
    facts = _facts(res)
    assert facts["basic_expense"] == ("739.03", "万元")
    assert facts["three_public_total"] == ("29000.00", "元")
    assert facts["three_public_reception"] == ("5000.00", "元")
    assert _prose_checks(res) == []
    off = run_text(mixed.replace("公务接待费5000.00元", "公务接待费6000.00元", 1), "x.txt")
    assert ("narrative_vs_table", "three_public_reception", "document") in _prose_checks(off)


def test_a_class_stated_in_yuan_then_in_wanyuan() -> None:
    """社会保障和就业支出 9,155,700.00 元, restated as 915.57 万元: the same amount, no finding; as
    925.57 万元, the audit's stated_twice names both figures with their units."""
    a, b = TEXT.index("（二）支出预算"), TEXT.index("## 三、部门预算情况说明")
    text = _prose_in_yuan(TEXT, a, b)
    again = "\n\n社会保障和就业支出 915.57 万元，主要用于社保经办。\n\n"
    same = run_text(text[:b] + again + text[b:], "x.txt")
    assert not [c for c in same.checks if c.rule == "stated_twice"]
    other = run_text(text[:b] + again.replace("915.57", "925.57") + text[b:], "x.txt")
    (c,) = [c for c in other.checks if c.rule == "stated_twice"]
    assert c.message.endswith("第35行为9155700.00元，第37行为925.57万元")


def test_the_narrative_csv_names_each_figures_unit() -> None:
    lines = table_csvs(run_text(COUNTY, "county.txt"))["narrative"].splitlines()
    assert lines[0] == "编码,事项,数值,单位,行,列,存疑"
    assert any(x.startswith("basic_expense,基本支出,911000.39,元,") for x in lines)


def test_the_digits_of_the_table_in_another_unit_is_a_unit_slip() -> None:
    """基本支出 739.03 元 beside the tables' 739.03 万元: the unit word is wrong, not the number;
    one finding says so."""
    res = run_text(TEXT.replace("基本支出 739.03 万元", "基本支出 739.03 元", 1), "x.txt")
    assert _facts(res)["basic_expense"] == ("739.03", "元")
    assert _prose_checks(res) == [("narrative_vs_table", "basic_expense", "document")]
    (c,) = [c for c in res.checks if c.row == "basic_expense"]
    assert c.message.endswith("；文中数字与表中相同而单位不同，单位应为万元")


def test_a_models_reading_takes_the_unit_printed_after_its_figure() -> None:
    from llmextract.llm.modelpath import _unit_printed_after

    raw = "基本支出 911000.39 元，项目支出 29.7\n万元，车辆 3 辆"
    assert _unit_printed_after(raw, raw.index("911000.39") + 9) == "元"
    assert _unit_printed_after(raw, raw.index("29.7") + 4) == "万元"
    assert _unit_printed_after(raw, raw.index("3 辆") + 1) == ""


_FIRST_PART = TEXT.index("## 二、部门收支总体情况")  # before the prose's statement of each figure


@pytest.mark.parametrize(
    "sentence",
    [
        "本单位编制人数50人，人均基本支出14780元。",
        "按每人每年基本支出12000元标准安排公用经费。",
        "基本支出定额为每人每年9000元。",
        "基本支出14780元/人。",
    ],
)
def test_a_figure_per_person_or_a_standard_rate_is_not_the_department_s(sentence: str) -> None:
    """人均基本支出14780元 before the statement: a rate, never the department's 基本支出; the
    statement after it is read, no finding (a rate taken for the fact blamed the document)."""
    res = run_text(TEXT[:_FIRST_PART] + sentence + "\n\n" + TEXT[_FIRST_PART:], "x.txt")
    assert _facts(res)["basic_expense"] == ("739.03", "万元")
    assert [f.status for f in res.narrative if f.id == "basic_expense"] == ["ok"]
    assert _prose_checks(res) == []


def test_a_fact_stated_in_two_units_unlike_is_read_in_doubt() -> None:
    """基本支出14780元, then 基本支出739.03万元: which is the fact is not known — the first is
    read in doubt and its disagreement with the tables laid on the reading, not the document."""
    res = run_text(TEXT[:_FIRST_PART] + "本单位基本支出14780元。\n\n" + TEXT[_FIRST_PART:], "x.txt")
    assert [(f.value, f.unit, f.status) for f in res.narrative if f.id == "basic_expense"] == [
        ("14780", "元", "doubt")
    ]
    assert _prose_checks(res) == [("narrative_vs_table", "basic_expense", "extraction")]
    (c,) = [c for c in res.checks if c.row == "basic_expense"]
    assert "存疑" in c.message


@pytest.mark.parametrize("first", ["7390300元", "7,390,312.34元"])
def test_a_fact_stated_in_two_units_alike_is_read_sure(first: str) -> None:
    """7390300元 then 739.03万元 (the same amount to the 万元 figure's cent): sure, no finding."""
    res = run_text(TEXT[:_FIRST_PART] + f"本单位基本支出{first}。\n\n" + TEXT[_FIRST_PART:], "x.txt")
    assert [(f.unit, f.status) for f in res.narrative if f.id == "basic_expense"] == [("元", "ok")]
    assert _prose_checks(res) == []


@pytest.mark.parametrize(("unit", "tables"), [("元", "元"), ("万元", "万元")])
def test_a_prose_figure_in_whole_units_against_a_table_with_cents(unit: str, tables: str) -> None:
    """基本支出 739 元 against a 元 table's 739.03: the prose rounds to its own unit, no finding
    (as 739 万元 against 739.03 万元); 741 元 is off, one finding on the document."""
    text = TEXT[:TABLES].replace("万元", unit) + TEXT[TABLES:].replace("单位：万元", f"单位：{tables}")
    whole = run_text(text.replace(f"基本支出 739.03 {unit}", f"基本支出 739 {unit}", 1), "x.txt")
    assert _facts(whole)["basic_expense"] == ("739", unit)
    assert _prose_checks(whole) == []
    off = run_text(text.replace(f"基本支出 739.03 {unit}", f"基本支出 741 {unit}", 1), "x.txt")
    assert _prose_checks(off) == [("narrative_vs_table", "basic_expense", "document")]
