"""Chinese names for people, built from schemas/; and a lean start for an offline run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, result_of

from llmextract.cli.main import cores
from llmextract.core.schemas import load
from llmextract.outputs import labels

LABELS = labels.Labels(load())


def test_column_headings_come_from_the_schemas_header_words() -> None:
    assert LABELS.column_name("expenditure", "basic") == "基本支出"
    assert LABELS.column_name("gpb_expenditure", "prior_total") == "上年合计"  # its period
    assert LABELS.column_name("three_public", "vehicle") == "公务用车购置及运行费 小计"
    assert LABELS.column_name("summary", "amount") == "预算数"
    assert LABELS.column_name("revenue", "not_a_column") == "not_a_column"
    assert LABELS.column_names("fiscal_summary", ["amount", "total"]) == ["预算数", "合计"]


def test_rows_are_named_as_printed_or_from_the_schemas() -> None:
    assert LABELS.row_name("gpb_expenditure", "208") == "社会保障和就业支出"  # classes.yaml
    assert LABELS.row_name("gpb_expenditure", "20801", "人力资源管理事务") == "人力资源管理事务"
    assert LABELS.row_name("summary", "in.current_total") == "本年收入合计"  # the row's definition
    assert LABELS.row_name("fiscal_summary", "out.208") == "社会保障和就业支出"
    assert LABELS.row_name("three_public", "prior", "合计") == "上年"
    assert LABELS.row_name("expenditure", "total") == "合计"
    assert LABELS.fact_name("expense.208") == "社会保障和就业支出"
    assert LABELS.fact_name("three_public_total") == "“三公”经费"


def test_a_check_reference_reads_as_words() -> None:
    res = result_of("001_dca61e563b91d4c1")
    assert (
        LABELS.cell_ref(res, "gpb_expenditure", "21011", "basic")
        == "一般公共预算财政拨款支出预算表 · 21011 行政事业单位医疗 · 本年基本支出"
    )
    assert LABELS.cell_ref(res, "three_public", "prior/426003", "vehicle") == (
        "一般公共预算“三公”经费支出预算表 · 上年 · 426003 社会保险事务中心 · 公务用车购置及运行费 小计"
    )
    assert LABELS.cell_ref(res, "summary", "in.carryover", "amount").startswith("部门收支总表 · 收入 ")
    assert LABELS.cell_ref(res, "narrative", "income_total", "value") == "情况说明 · 收入预算总数"


def test_a_summary_table_splits_into_its_two_sides() -> None:
    t = result_of("000_867d4fd29c913767").table("fiscal_summary")
    ins, outs = labels.sides(t)
    assert all(r.key.startswith("in.") for r in ins) and all(r.key.startswith("out.") for r in outs)
    assert [r.key for r in labels.rows_for_people(t)] == [r.key for r in [*ins, *outs]]
    assert labels.sides(result_of("000_867d4fd29c913767").table("expenditure")) is None
    assert LABELS.table_title(t) == "2025年万盛经开区部门财政拨款收支预算总表"  # as printed, without ##


def test_an_offline_run_imports_no_model_client_database_or_spreadsheet_library(tmp_path: Path) -> None:
    code = (
        "import sys; from llmextract.cli.main import main; "
        f"main(['run', {str(EXAMPLES / '003_125ac91881a2613a.txt')!r}, '-o', {str(tmp_path)!r}]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'openai', 'instructor', 'httpx', 'sqlalchemy', 'openpyxl', 'tenacity'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_jobs_default_to_the_cores() -> None:
    assert cores() >= 1


def test_the_review_page_names_rows_that_print_no_name(tmp_path: Path) -> None:
    from llmextract.outputs import export

    res = result_of("003_125ac91881a2613a").model_copy(deep=True)
    for r in res.table("three_public").rows:
        r.label = ""  # a periods table whose rows print no name
    (page,) = export.write(res, tmp_path, "x", ["html"])
    text = page.read_text(encoding="utf-8")
    part = text[text.index('id="t-three_public"') :]
    part = part[: part.index("</table>")]
    assert '<td class="l">本年</td>' in part and '<td class="l">上年</td>' in part
