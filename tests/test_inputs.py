"""Bad or unusual input gets a clear message or a result that says what was found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

from llmextract.cli.main import main
from llmextract.core.errors import InputError
from llmextract.document.normalize import normalize
from llmextract.pipeline import run_file, run_text

SAMPLE = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert main(["run", str(f), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: the file is empty" in err and "Traceback" not in err


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "blob.txt"
    f.write_bytes(bytes(range(256)) * 20)
    assert main(["run", str(f), "-o", str(tmp_path / "o")]) == 1
    assert "looks like a binary file" in capsys.readouterr().err


def test_pdf_given_by_mistake(tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(InputError, match="the PDF is incomplete"):  # read as what it holds
        run_file(f)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_cells(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(SAMPLE.replace("⻔", "门").encode(encoding))
    res = run_file(f)
    ref = run_file(EXAMPLES / "000_867d4fd29c913767.txt")
    assert res.source.encoding in {"gb18030", "utf-16", "utf-8-sig"}
    got = {(t.id, r.key, k, c.value) for t in res.tables for r in t.rows for k, c in r.values.items()}
    want = {(t.id, r.key, k, c.value) for t in ref.tables for r in t.rows for k, c in r.values.items()}
    assert got == want and len(got) > 200
    assert any(w.startswith("decoded as") for w in res.warnings)


def test_document_without_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "memo.txt"
    f.write_text("关于召开工作会议的通知\n\n请各科室负责人准时参加。\n", encoding="utf-8")
    assert main(["run", str(f), "-o", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "memo.txt: 0 tables, 0 narrative facts, 0 values" in out
    assert "no budget tables or narrative facts were found" in out
    saved = json.loads((tmp_path / "o" / "memo.json").read_text(encoding="utf-8"))
    assert saved["tables"] == [] and saved["warnings"]


def test_missing_path_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "nope.txt")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["run", "x.txt", "--format", "docx"]) == 2
    assert main([]) == 2


def test_normalisation_keeps_a_map_to_the_original() -> None:
    raw = "合计\t３，１５１．９３\t<b>972. 20</b>\r\n⻔诊"
    t = normalize(raw)
    assert t.s == "合计\t3,151.93\t972.20\n门诊"
    i = t.s.index("972.20")
    start, end = t[i : i + 6].span()
    assert raw[start:end] == "972. 20"
    j = t.s.index("门")
    assert raw[t.offs[j]] == "⻔"


def test_folder_runs_every_txt_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    assert main(["run", str(EXAMPLES), "-o", str(out), "--format", "all"]) == 0
    stems = sorted(p.stem for p in (*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.pdf")))
    for s in stems:
        assert (
            (out / f"{s}.json").exists()
            and (out / f"{s}.cells.jsonl").exists()
            and (out / f"{s}.summary.csv").exists()
        )
    printed = capsys.readouterr().out
    assert printed.count(" tables, ") == len(stems)


def test_a_truncated_document_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = SAMPLE.split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:206]), encoding="utf-8")  # stops inside 表三 部门支出预算总表
    assert main(["run", str(cut), "-o", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "the text ends inside table expenditure" in out and "may be truncated" in out
    checks = json.loads((tmp_path / "o" / "cut.checks.json").read_text(encoding="utf-8"))
    assert any(c["table"] == "expenditure" and c["row"] == "total" for c in checks)  # rows are missing
    whole = run_file(EXAMPLES / "000_867d4fd29c913767.txt")
    assert not any("truncated" in w for w in whole.warnings)


def test_a_last_table_ending_with_its_note_and_a_page_number_is_not_truncated() -> None:
    """An empty last table (its zero row, 注：本表本年无发生额, then the page's ``- 38 -``) ends the
    document as printed: no warning that the text was cut off; cut after its zero row, it is."""
    table = [
        "国有资本经营预算支出表",
        "部门名称：某局" + " " * 40 + "单位：万元",
        "预算单位        科目编码    科目名称        支出总计      基本支出      项目支出",
        "某市某局                                        0.00          0.00          0.00",
    ]
    ending = ["       注：本表本年无发生额。", "", "                      - 38 -", ""]
    whole = run_text("\n".join(["2026年部门预算", "", *table, *ending]), "t.txt")
    assert not [w for w in whole.warnings if "may be truncated" in w], whole.warnings
    cut = run_text("\n".join(["2026年部门预算", "", *table, "某市某局事务中心     0.00"]), "t.txt")
    assert [w for w in cut.warnings if "ends inside table state_capital_expenditure" in w], cut.warnings
