"""Output problems, Ctrl-C, `-o -` and the batch summary: what a new user runs into."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS

from llmextract.cli import closing as summary
from llmextract.cli.batch import Outcome
from llmextract.cli.main import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, main
from llmextract.outputs import writing
from llmextract.pipeline import run_text

DOC = EXAMPLES / f"{SEEDS[3]}.txt"  # the shortest seed


def _folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(n):
        (folder / f"d{k}.txt").write_bytes(DOC.read_bytes())
    return folder


def _no_traceback(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out, err


def test_output_named_like_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    assert main(["run", str(_folder(tmp_path)), "-o", str(target), "--jobs", "1"]) == EXIT_FAILED
    out, err = _no_traceback(capsys)
    assert err.count("is a file, not a folder") == 3  # each document says so
    assert "wrote" not in out and "nothing was written" in out
    assert out.count("output failed") == 3  # and the summary is printed
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_output_below_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["run", str(DOC), "-o", str(tmp_path / "file" / "sub")]) == EXIT_FAILED
    _out, err = _no_traceback(capsys)
    assert f"{tmp_path / 'file'} is a file, not a folder" in err


def test_an_output_name_taken_by_a_folder_spoils_only_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    (out / "d1.json").mkdir(parents=True)
    assert main(["run", str(_folder(tmp_path)), "-o", str(out), "--jobs", "2"]) == EXIT_FAILED
    printed, err = _no_traceback(capsys)
    assert "d1.txt: cannot write" in err and "a folder of that name is in the way" in err
    assert all((out / f"d{k}.cells.jsonl").exists() for k in range(3))
    assert (out / "d0.json").is_file() and (out / "d2.json").is_file()
    assert "wrote 8 files (json, cells, checks) for 3 documents" in printed
    assert not list(out.glob(".*.tmp"))


def test_a_read_only_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "o"
    out.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: refuse the way a read-only folder would
        real_open = open

        def refusing_open(path, mode="r", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
            if "x" in mode and Path(path).parent == out:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, mode, *a, **k)

        monkeypatch.setattr(writing, "open", refusing_open, raising=False)
    else:
        out.chmod(0o555)
    try:
        assert main(["run", str(_folder(tmp_path, 2)), "-o", str(out), "--jobs", "1"]) == EXIT_FAILED
    finally:
        out.chmod(0o755)
    printed, err = _no_traceback(capsys)
    assert err.count("permission denied") == 2 and "nothing was written" in printed  # one line per document
    assert not list(out.iterdir())


def test_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    def fail(f) -> None:  # noqa: ANN001
        f.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(writing.OutputError, match="the disk is full"):
        writing.write_atomic(tmp_path / "x.json", fail)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_a_summary_and_no_partial_file(tmp_path: Path, jobs: str) -> None:
    folder = _folder(tmp_path, 150)  # many: a loaded machine must not finish first
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "llmextract.cli.main", "run", str(folder), "-o", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--format", "json,xlsx", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # SIGINT to the group, as a terminal's Ctrl-C
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.xlsx")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr + stdout and "KeyboardInterrupt" not in stderr
    assert "interrupted:" in stderr and "of 150 documents done" in stderr
    assert "status" in stdout  # the summary of what was done
    assert not list(out.glob(".*.tmp"))
    from openpyxl import load_workbook

    books = sorted(out.glob("*.xlsx"))
    assert 0 < len(books) < 150
    for p in books:
        load_workbook(p)  # each one whole
        assert json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["tables"]


def test_dash_prints_one_format_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(DOC), "-o", "-", "--format", "cells"]) == EXIT_OK
    out, err = capsys.readouterr()
    cells = [json.loads(line) for line in out.splitlines()]
    assert len(cells) > 100 and {"table", "row", "col", "value", "unit", "amount_yuan"} == set(cells[0])
    assert "tables" in err and "wrote" not in out + err  # the report goes to standard error
    assert not (tmp_path / "-").exists()
    assert main(["run", str(DOC), "-o", "-", "--format", "json,cells"]) == EXIT_USAGE
    assert main(["run", str(DOC), "-o", "-", "--format", "csv"]) == EXIT_USAGE
    assert "one format" in capsys.readouterr().err
    assert main(["run", str(DOC), str(DOC), "-o", "-", "--format", "json"]) == EXIT_USAGE
    assert not (tmp_path / "-").exists()


def test_nothing_written_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["run", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "o")]) == EXIT_FAILED
    out, _err = _no_traceback(capsys)
    assert "wrote" not in out and not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("limit", "words"),
    [
        ("1", "too large (1.2 MB; the limit is 1 MB for a text)"),  # not "1 MB; the limit is 1 MB"
        ("0.5", "too large (1232 KB; the limit is 512 KB for a text)"),  # not "0 MB"
        ("0.0001", "too large (1261568 bytes; the limit is 104 bytes for a text)"),
    ],
)
def test_a_too_large_input_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str, words: str
) -> None:
    """The file's size and the limit told apart, in the limit's unit, neither printed as 0."""
    big = tmp_path / "big.txt"
    big.write_bytes((DOC.read_bytes() * 70)[: 1232 * 1024])  # 1.2 MB
    assert main(["run", str(big), "-o", str(tmp_path / "o"), "--max-size", limit]) == EXIT_FAILED
    _out, err = _no_traceback(capsys)
    assert words in err and "--max-size" in err


def test_a_repeated_document_is_warned_about() -> None:
    res = run_text(DOC.read_text(encoding="utf-8") * 6)
    (warning,) = [w for w in res.warnings if "printed up to 6 times" in w]
    assert "is the same document repeated" in warning


def test_the_summary_aligns_chinese_names_and_explains_its_columns() -> None:
    rows = [
        Outcome(Path("重庆市潼南区社会保险事务中心2025年部门预算.txt"), "a", tables=12, values=284),
        Outcome(Path("plain.txt"), "b", tables=9, values=281, document_checks=6),
        Outcome(Path("坏.txt"), "c", error="binary"),
    ]
    lines = summary.table(rows).splitlines()
    ends = {summary.width(ln.rstrip().rsplit("  ", 1)[0]) for ln in lines[1:]}
    assert len(ends) == 1, lines  # every status starts in the same terminal column
    assert "failed checks" in lines[0] and "document" in lines[1] and "extraction" in lines[1]
    assert "printed numbers disagree" in summary.LEGEND and "unsure" in summary.LEGEND
    assert summary.width("社会保险") == 8 and summary.fit("社会保险事务中心", 9) == "社会保险…"


def test_database_keeps_cell_status_and_check_category(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    assert main(["run", str(EXAMPLES / f"{SEEDS[0]}.txt"), "-o", str(tmp_path / "o"), "--db", str(db)]) == 0
    con = sqlite3.connect(db)
    from llmextract.pipeline import run_file

    res = run_file(EXAMPLES / f"{SEEDS[0]}.txt")
    doubtful = sum(c.status == "doubt" for t in res.tables for r in t.rows for c in r.values.values())
    assert con.execute("SELECT COUNT(*) FROM cells WHERE status = 'doubt'").fetchone()[0] == doubtful
    assert con.execute("SELECT COUNT(*) FROM cells WHERE status NOT IN ('ok', 'doubt')").fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM checks WHERE category = 'arithmetic'").fetchone()[0] > 0


def _die(path: str, stem: str, job: object, position: int | None = None) -> None:
    os._exit(1)  # a worker killed (out of memory)


def test_a_worker_that_dies_stops_the_batch_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import llmextract.cli.main as cli

    monkeypatch.setattr(cli, "process_in_worker", _die)
    assert main(["run", str(_folder(tmp_path)), "-o", str(tmp_path / "o"), "--jobs", "2"]) == EXIT_FAILED
    _out, err = _no_traceback(capsys)
    assert "a worker process died" in err
