"""Outputs people use: per-table CSV, xlsx, the results database, batch runs, PDF input."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, result_of

from llmextract.cli.main import main
from llmextract.outputs import database, export, xlsx


def cells_of(stem: str) -> set[tuple[str, str, str, str]]:
    return {(c["table"], c["row"], c["col"], c["value"]) for c in export.cells(result_of(stem))}


def test_csv_xlsx_and_database_give_back_the_cells(tmp_path: Path, seed: str) -> None:
    res = result_of(seed)
    written = export.write(res, tmp_path, seed, ["csv", "xlsx"])
    want = cells_of(seed)
    assert export.cells_from_csvs([p for p in written if p.suffix == ".csv"], res.spec) == want
    assert xlsx.read_cells(tmp_path / f"{seed}.xlsx", res.spec) == want
    eng = database.engine_for(str(tmp_path / "r.sqlite"))
    doc = database.save(eng, res)
    assert database.read_cells(eng, doc, res.spec) == want


def test_xlsx_keeps_codes_as_text_amounts_as_numbers_and_provenance(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    res = result_of("000_867d4fd29c913767")
    xlsx.write(res, tmp_path / "x.xlsx")
    wb = load_workbook(tmp_path / "x.xlsx")
    ws = wb["部门支出总表"]
    assert ws["A1"].value == "2025年万盛经开区部门支出预算总表"  # the title as printed
    assert [c.value for c in ws[2]] == ["编码", "名称", "合计", "基本支出", "项目支出"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "2080101")
    assert row[1].value == "行政运行"
    assert isinstance(row[0].value, str) and row[0].number_format == "@"
    assert row[2].value == pytest.approx(542.31) and row[2].number_format == "0.00"
    assert "第 200 行" in row[2].comment.text and "542.31" in row[2].comment.text
    assert {ws.title for ws in wb.worksheets} >= {"情况说明", "核对", "ids"}
    checks = list(wb["核对"].iter_rows(values_only=True))
    assert checks[1][:2] == ("文件自身的不一致", "部门收入总表 · 208 社会保障和就业支出 · 合计")


def test_xlsx_and_review_page_show_a_cell_in_doubt(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    res = result_of("000_867d4fd29c913767").model_copy(deep=True)
    (before,) = export.write(res, tmp_path / "before", "x", ["html"])
    already = before.read_text(encoding="utf-8").count('class="doubt"')
    res.table("expenditure").row("2080101").values["basic"].status = "doubt"
    xlsx.write(res, tmp_path / "x.xlsx")
    ws = load_workbook(tmp_path / "x.xlsx")["部门支出总表"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "2080101")
    assert row[3].border.left.style == "dashed" and "存疑" in row[3].comment.text
    assert row[2].border.left.style is None
    (page,) = export.write(res, tmp_path, "x", ["html"])
    assert page.read_text(encoding="utf-8").count('class="doubt"') == already + 2  # in the text and the table


def test_summary_tables_show_their_two_sides_side_by_side(tmp_path: Path) -> None:
    res = result_of("000_867d4fd29c913767")
    (page,) = export.write(res, tmp_path, "x", ["html"])
    text = page.read_text(encoding="utf-8")
    two = text[text.index('id="t-fiscal_summary"') :]
    two = two[: two.index("</table>")]
    assert '<table class="two">' in two and "收入</th>" in two and "支出</th>" in two
    first = two[two.index("<tr><td") :].split("</tr>")[0]  # the first row holds both sides
    assert "一、本年收入" in first and "一、本年支出" in first


def test_the_database_says_each_documents_place_among_the_inputs(tmp_path: Path) -> None:
    """The workers write the rows as they finish (--jobs 2); ``batch_position`` gives the
    order the inputs were given in (here not their names' order), 1 the first."""
    db = str(tmp_path / "r.sqlite")
    files = [str(EXAMPLES / f"{s}.txt") for s in reversed(SEEDS[:3])]
    assert main(["run", *files, "-o", str(tmp_path / "o"), "--db", db, "--jobs", "2", "-q"]) == 0
    con = sqlite3.connect(db)
    got = con.execute("SELECT batch_position, path FROM documents ORDER BY batch_position").fetchall()
    assert got == [(k, str(Path(f))) for k, f in enumerate(files, 1)]
    assert main(["run", files[2], "-o", str(tmp_path / "o"), "--db", db, "-q"]) == 0  # alone: the first
    assert con.execute("SELECT batch_position FROM documents WHERE path = ?", (files[2],)).fetchone() == (1,)


def test_rerunning_a_document_replaces_its_rows_and_nothing_else(tmp_path: Path) -> None:
    db = str(tmp_path / "new" / "folder" / "r.sqlite")  # its folder is created
    assert main(["run", str(EXAMPLES), "-o", str(tmp_path / "o"), "--db", db, "--jobs", "2"]) == 0
    con = sqlite3.connect(db)
    q = "SELECT d.name, COUNT(*) FROM cells c JOIN documents d USING (document_id) GROUP BY 1"
    before = dict(con.execute(q))
    pdfs = {p.name for p in EXAMPLES.glob("*.pdf")}  # the example PDF is read too
    assert {k: v for k, v in before.items() if k not in pdfs} == {
        f"{s}.txt": sum(1 for _ in result_of(s).narrative)
        + sum(len(r.values) for t in result_of(s).tables for r in t.rows)
        for s in SEEDS
    }
    assert all(before[p] > 300 for p in pdfs)
    assert main(["run", str(EXAMPLES / f"{SEEDS[0]}.txt"), "-o", str(tmp_path / "o"), "--db", db]) == 0
    assert dict(con.execute(q)) == before
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(SEEDS) + len(pdfs)
    # a query across departments and years
    rows = con.execute(
        "SELECT d.department, d.year, c.value FROM cells c JOIN documents d USING (document_id) "
        "WHERE c.table_id = 'summary' AND c.row_key = 'out.208' ORDER BY d.year"
    ).fetchall()
    assert ("重庆市潼南区社会保险事务中心", 2026, "3033.16") in rows and len(rows) == len(SEEDS) + len(pdfs)
    assert ("上海市普陀区司法局", 2026, "3343704.00") in rows  # the example PDF
    assert con.execute("SELECT COUNT(*) FROM checks WHERE source = 'document'").fetchone()[0] > 0


def test_a_batch_with_one_broken_file_processes_the_rest_and_exits_1(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "in"
    folder.mkdir()
    for s in SEEDS:
        (folder / f"{s}.txt").write_bytes((EXAMPLES / f"{s}.txt").read_bytes())
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "o"
    assert main(["run", str(folder), "-o", str(out), "--jobs", "2"]) == 1
    printed = capsys.readouterr()
    assert "broken.txt: looks like a binary file" in printed.err and "Traceback" not in printed.err
    assert all((out / f"{s}.cells.jsonl").exists() for s in SEEDS)
    assert len(re.findall(r"%\) +(?:预算|决算) +(?:ok|partial)\n", printed.out)) == len(SEEDS)
    assert "not processed" in printed.out


def test_a_pdf_without_text_says_so(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    p = tmp_path / "scan.pdf"
    with p.open("wb") as f:
        w.write(f)
    assert main(["run", str(p), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "without a text layer" in err and "Traceback" not in err


def test_html_report_is_self_contained(tmp_path: Path) -> None:
    res = result_of("001_dca61e563b91d4c1")
    (p,) = export.write(res, tmp_path, "001", ["html"])
    page = p.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # no CDN, no network
    assert page.count('<mark class="unread"') == len(res.coverage.unread)  # type: ignore[union-attr]
    assert page.count("<mark ") - page.count('<mark class="unread"') == len(
        {
            (c.provenance.start, c.provenance.end)
            for t in res.tables
            for r in [*t.rows, *t.units]  # units' figures are marked too: the checks name them
            for c in r.values.values()
        }
        | {(f.provenance.start, f.provenance.end) for f in res.narrative}
    )
    assert page.count('<li class="document"') == len(res.checks)


def test_documents_sharing_a_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    text = (EXAMPLES / "003_125ac91881a2613a.txt").read_text(encoding="utf-8")
    for name in ("a/doc.txt", "a/doc.md", "b/doc.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "--format", "cells"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "a_doc.txt.cells.jsonl",
        "b_doc.txt.cells.jsonl",
        "doc.md.cells.jsonl",
    ]
    assert len({p.read_text(encoding="utf-8") for p in out.iterdir()}) == 1  # each one whole
