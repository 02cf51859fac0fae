"""Coverage: the tool says how much of each document's tables it read, and blames the document
only where it read the table whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook

from llmextract.audit import readwhole
from llmextract.checks import coverage
from llmextract.cli.main import main
from llmextract.core.coverage import Coverage, Status
from llmextract.core.result import Cell, CellRef, Check, Provenance, Result, Row, SourceInfo, Table
from llmextract.core.source import Source
from llmextract.pipeline import run_file, run_text

PDFS = Path(__file__).resolve().parent / "pdfs"

TABLE_PAGE = (
    "2025年部门支出总表\n"
    "单位：万元\n"
    "科目编码  科目名称          合计       基本支出     项目支出\n"
    "          合计              1,009.29     739.03       270.26\n"
    "208       社会保障和就业支出  915.57     645.31       270.26\n"
    "210       卫生健康支出        42.25      42.25\n"
)
PROSE_PAGE = "一、收入预算1,009.29万元，增长3.5%。\n二、支出预算1,009.29万元。\n"


def _result(src: Source, *amounts: str) -> Result:
    """A result reading the given amounts where they first stand in ``src``."""
    row = Row(key="r")
    for k, a in enumerate(amounts):
        start = src.raw.index(a)
        line, col = src.line_col(start)
        prov = Provenance(start=start, end=start + len(a), line=line, col=col, text=a)
        row.values[f"c{k}"] = Cell(value=a.replace(",", ""), provenance=prov)
    info = SourceInfo(path=src.path, encoding="utf-8", sha256="", lines=1, chars=len(src.raw))
    return Result(source=info, tables=[Table(id="expenditure", title="支出总表", line=1, rows=[row])])


def test_counts_the_amounts_of_table_pages_the_way_the_outside_measure_does() -> None:
    src = Source.from_text(PROSE_PAGE + "\f" + TABLE_PAGE)
    cov = coverage.measure(_result(src, "1,009.29", "739.03"), src)
    # the prose page (amounts followed by 万元 or %, fewer than 3 lines) holds no table
    assert cov.pages == [2] and cov.printed == 8 and cov.read == 1
    # 1,009.29 first stands in the prose (not counted); matched by page and value it is not read
    assert [u.text for u in cov.unread] == [
        "1,009.29",
        "270.26",
        "915.57",
        "645.31",
        "270.26",
        "42.25",
        "42.25",
    ]
    assert {u.page for u in cov.unread} == {2} and cov.unread[0].line == 6
    assert cov.unread[0].near == "2025年部门支出总表"
    assert cov.unread_pages == [2]


def test_a_digit_beside_a_chinese_character_is_two_words() -> None:
    src = Source.from_text("项目  0.00平。通过\n法制经费154.80 x\n合计 1,208.40\n预算935.20万元\n")
    assert [p.text for p in coverage.printed_amounts(src)[0]] == ["0.00", "154.80", "1,208.40"]


def test_a_size_is_no_amount_of_money() -> None:
    """A price list of a prose-only document (北京's 附件1) prints sizes (1.5×1.5 树池): no
    table amounts, so the document is not called unread."""
    page = "9 混凝土缘石 49.5×20×10 缘石 46 元/m\n11 混凝土树池 1.5×1.5 树池 222 元/座\n" * 2
    src = Source.from_text(page + "合计 1,208.40\n")
    assert [p.text for p in coverage.printed_amounts(src)[0]] == []
    assert run_text(page + "合计 1,208.40\n").coverage.status() is Status.OK


@pytest.mark.parametrize(
    ("printed", "read", "status"),
    [
        (0, 0, Status.OK),
        (100, 95, Status.OK),
        (100, 94, Status.PARTIAL),
        (100, 1, Status.PARTIAL),
        (100, 0, Status.UNREAD),
    ],
)
def test_status_from_the_share_read(printed: int, read: int, status: Status) -> None:
    assert Coverage(printed=printed, read=read).status() is status


# three dev PDFs of three cities, one page each (cut from shared/corpus/wild sh001, gz001, bj030);
# printed: what pdftotext -layout and shared/tools/wild.py count on them
@pytest.mark.parametrize(("name", "printed"), [("cover_sh", 20), ("cover_gz", 29), ("cover_bj", 58)])
def test_dev_pdfs_say_how_much_was_read(name: str, printed: int) -> None:
    res = run_file(PDFS / f"{name}.pdf")
    cov = res.coverage
    assert cov is not None and cov.printed == printed and cov.pages == [1]
    assert res.status is Coverage(printed=cov.printed, read=cov.read).status()
    assert len(cov.unread) == cov.printed - cov.read
    assert all(u.page == 1 and u.box and u.near for u in cov.unread)
    if cov.read < 0.95 * cov.printed:  # never ok below 95%, and the warning names the page
        assert res.status is not Status.OK
        assert any("(status partial)" in w or "(status unread)" in w for w in res.warnings)
        assert any("page 1" in w for w in res.warnings)
    # nothing read: unread
    res.tables = []
    coverage.settle(res, coverage_source(name))
    assert res.status is Status.UNREAD and res.coverage is not None and res.coverage.read == 0
    assert sum("status unread" in w for w in res.warnings) == 1


def coverage_source(name: str) -> Source:
    from llmextract.inputs.readers import read_source

    return read_source(PDFS / f"{name}.pdf")


UNREAD = (
    "经费明细\n项目    金额    备注\n甲      12.50    1.00\n乙      13.40    2.00\n丙      14.60    3.00\n"
)


def test_outputs_carry_the_figure_and_min_coverage_fails_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "unread.txt").write_text(UNREAD, encoding="utf-8")  # amounts in lines, no table read
    (folder / "seed.txt").write_bytes((EXAMPLES / "003_125ac91881a2613a.txt").read_bytes())
    out, db = tmp_path / "o", tmp_path / "r.sqlite"
    args = ["run", str(folder), "-o", str(out), "--format", "json,xlsx", "--db", str(db), "--jobs", "1"]
    assert main(args) == 0  # without --min-coverage a partly read document is no failure
    printed = capsys.readouterr().out
    assert "unread.txt: 0 tables" in printed and "read 0/6 amounts of its tables (0%) — unread" in printed
    row = next(ln for ln in printed.splitlines() if ln.startswith("unread.txt "))  # the closing table
    assert "read 0/6 (0%)" in row and row.split()[-1] == "unread"
    rows = sqlite3.connect(db).execute("select name, status, amounts_printed, amounts_read from documents")
    got = {r[0]: r[1:] for r in rows}
    assert got["unread.txt"] == ("unread", 6, 0) and got["seed.txt"][0] == "ok"
    ws = load_workbook(out / "unread.xlsx")["读取情况"]
    assert ws["B1"].value.endswith("（unread）") and ws["B2"].value == 6 and ws["B3"].value == 0
    assert [c.value for c in ws[8]][:3] == [1, 3, "12.50"]  # the unread amounts: page, line, as printed
    assert main([*args, "--min-coverage", "0.9"]) == 1
    assert "below --min-coverage 0.9: unread.txt (0.0%)" in capsys.readouterr().out
    assert main(["run", str(folder / "seed.txt"), *args[2:], "--min-coverage", "95%"]) == 0


# -- findings blame the document only where the table was read whole -----------------------


def test_a_row_whose_name_wraps_round_its_code_line_is_no_document_finding() -> None:
    raw = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")
    row = "2080199\t其他人力资源和社会保障管理事务支出\t19.90\t\t19.90"
    wrapped = "\t其他人力资源和社会保障\n2080199\t\t19.90\t\t19.90\n\t管理事务支出"
    res = run_text(raw.replace(row, wrapped))
    about = [c for c in res.checks if c.row == "20801" or "2080199" in c.message]
    assert all(c.source == "extraction" for c in about)
    assert any("19.90" in c.message and "未被读取" in c.message for c in about) or not about


def test_a_missing_row_printed_in_the_table_is_the_readings_doubt() -> None:
    src = Source.from_text(TABLE_PAGE + "2101199   其他行政事业单位医疗支出\n")
    res = _result(src, "1,009.29", "915.57", "42.25")
    check = Check(
        rule="children_sum",
        table="expenditure",
        row="210",
        col="total",
        expected="0",
        found="42.25",
        # the row another table prints, which the hint names as missing here
        cells=[
            CellRef(table="expenditure", row="r", col="c2"),
            CellRef(table="gpb_expenditure", row="2101199", col="total"),
        ],
        source="document",
        message="支出总表 · 210 卫生健康支出 · 合计 42.25 万元 …，本表似缺此行",
    )
    res.checks = [check, check.model_copy(update={"cells": check.cells[:1], "expected": "40.00"})]
    coverage.settle(res, src)
    assert readwhole.settle(res, src) == 2
    assert "印有 2101199 这一行，但未被读取" in res.checks[0].message
    assert res.checks[0].source == res.checks[1].source == "extraction"
    assert "未被读取" in res.checks[1].message  # the 2.25 missing is not printed; its table was read in part


CONTENTS = (
    "2025年某某局部门预算\n\f"
    "目    录\n"
    "第一部分  某某局概况\n"
    "一、主要职责\n"
    "二、部门机构设置\n"
    "第二部分  2025年部门预算表\n"
    "一、收支总体情况表\n"
    "二、收入总体情况表\n"
    "三、本年支出总体情况表\n"
    "四、财政拨款收支总体情况表\n"
    "五、一般公共预算支出情况表\n"
    "六、政府性基金预算支出情况表\n"
    "-1-\n\f"
    "七、国有资本经营预算支出情况表\n"
    "八、财政拨款安排的“三公”经费预算表\n"
    "-2-\n\f"
)
FINAL_CONTENTS = (
    "某某局2024年度部门决算\n\f"
    "目  录\n"
    "第一部分  部门概况\n"
    "一、部门职责\n"
    "二、机构设置\n"
    "第二部分  2024年度部门决算表\n"
    "一、收入支出决算总表\n"
    "二、收入决算表\n"
    "三、支出决算表\n"
    "四、财政拨款收入支出决算总表\n"
    "五、一般公共预算财政拨款支出决算表\n"
    "-1-\n\f"
    "六、政府性基金预算财政拨款收入支出决算表\n"
    "七、国有资本经营预算财政拨款支出决算表\n"
    "八、“三公”经费、行政参加会议、培训费支出决算表\n"
    "-2-\n\f"
)


@pytest.mark.parametrize("contents", [CONTENTS, FINAL_CONTENTS], ids=["budget", "final_accounts"])
def test_a_contents_page_yields_no_repeated_or_empty_table(contents: str) -> None:
    body = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")
    res = run_text(contents + body)
    last = contents.count("\n") + 1
    structure = [c for c in res.checks if c.category == "structure"]
    assert not [c for c in structure if c.rule == "duplicate_table"]
    assert not [c for c in structure if c.line and c.line <= last and c.rule != "toc_table_missing"]


def test_a_real_contents_page_yields_no_repeated_or_empty_table() -> None:
    # 广州 gz001's contents page (its entries begin with section headings) and its first table
    res = run_file(PDFS / "cover_gz_contents.pdf")
    assert not [c for c in res.checks if c.rule in ("duplicate_table", "empty_table_unexplained")]


def test_the_review_page_draws_and_lists_what_was_not_read() -> None:
    from llmextract.inputs.readers import read_source
    from llmextract.outputs import review

    src = read_source(PDFS / "cover_sh.pdf")
    res = run_file(PDFS / "cover_sh.pdf")
    res.tables = res.tables[:0] if res.coverage and not res.coverage.unread else res.tables
    coverage.settle(res, src)  # (read none of it, should the reader come to read it all)
    assert res.coverage is not None and res.coverage.unread
    page = review.render(res, src)
    # every unread amount boxed on its page in a colour of its own, with a legend
    assert page.count('class="box unread"') == len(res.coverage.unread)
    assert "未读取的金额" in page and 'class="legend"' in page
    # the regions listed beside the findings, each outlining its amounts when clicked
    assert page.count('<li class="unread" data-cells="unread-0"') == 1
    assert f"已读取 {res.coverage.read} 个" in page
    # a text: the unread amounts marked in the text, the list scrolls to their line
    text = run_file(EXAMPLES / "001_dca61e563b91d4c1.txt")
    html = review.render(text, read_source(EXAMPLES / "001_dca61e563b91d4c1.txt"))
    assert html.count('<mark class="unread"') == len(text.coverage.unread)  # type: ignore[union-attr]


def test_a_page_of_one_line_of_amounts_read_in_part_counts_what_it_leaves_unread() -> None:
    """A “三公” table alone on its page prints one line of amounts: fewer lines than a table
    page needs, but the result reads on it, so what it does not read is counted unread."""
    page = "“三公”经费支出表\n合计    因公出国(境)费    公务接待费\n15.00    2.00    3.20    9.80    0.00\n"
    src = Source.from_text(page)
    cov = coverage.measure(_result(src, "15.00", "3.20"), src)
    assert cov.pages == [1] and cov.printed == 5 and cov.read == 2
    assert sorted(u.text for u in cov.unread) == ["0.00", "2.00", "9.80"]


def test_a_text_tables_later_page_counts_though_its_chunk_ends_in_blank_lines() -> None:
    """A table's chunk ends with the blank lines before the next heading; its end is its last
    printed line, not its title's, so a later page of it (one line of amounts, unread) is counted:
    before, the table ended at its title, the page was passed over and the result said 9 of 9, ok."""
    text = (
        "某某局2026年部门预算\n\n一般公共预算支出表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "\t合计\t300.00\t200.00\t100.00\n"
        "201\t一般公共服务支出\t300.00\t200.00\t100.00\n"
        "20101\t人大事务\t300.00\t200.00\t100.00\n"
        "\f\t其他\t(1.00)\t(2.00)\t3.00\n\n二、其他说明\n本部门没有。\n"
    )
    res = run_text(text, "t.txt")
    t = res.table("gpb_expenditure")
    assert t is not None and t.end_line > t.line
    assert (res.coverage.printed, res.coverage.read) == (12, 9)
    assert res.status == Status.PARTIAL
