"""The command line as a new user meets it: help, refused values, --quiet, stage messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS

from llmextract.cli import batch
from llmextract.cli.main import EXIT_OK, EXIT_USAGE, build_parser, main

DOC = EXAMPLES / f"{SEEDS[3]}.txt"


def test_help_is_plain_text_and_names_every_input_kind(capsys: pytest.CaptureFixture[str]) -> None:
    top = build_parser().format_help()
    assert "``" not in top and "budget disclosures" in top
    run = build_parser()._subparsers._group_actions[0].choices["run"].format_help()  # noqa: SLF001
    assert all(kind in run for kind in (".pdf", ".txt", ".md", ".html", ".htm")), run
    assert "--quiet" in run


@pytest.mark.parametrize(
    "option", [["--jobs", "0"], ["--jobs", "-2"], ["--jobs", "two"], ["--max-size", "0"], ["--rpm", "0"]]
)
def test_a_value_that_cannot_work_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    assert main(["run", str(DOC), "-o", str(tmp_path / "o"), *option]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"argument {option[0]}" in err and not (tmp_path / "o").exists()


def test_quiet_prints_only_errors_and_the_closing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(2):
        (folder / f"d{k}.txt").write_bytes(DOC.read_bytes())
    (folder / "broken.txt").write_bytes(b"")
    assert main(["run", str(folder), "-o", str(tmp_path / "o"), "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"wrote 6 files (json, cells, checks) for 2 documents to {tmp_path / 'o'}/"]
    assert err.splitlines() == [f"error: {folder / 'broken.txt'}: the file is empty"]


def test_a_large_document_says_its_stages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "LARGE_MB", 0.01)  # the seed (20 KB) counts as large
    assert main(["run", str(DOC), "-o", str(tmp_path / "o")]) == EXIT_OK
    out, err = capsys.readouterr()
    stages = [line.split(": ", 1)[1].split("…")[0] for line in err.splitlines()]
    assert stages[0] == "reading the file" and stages[-1] == "writing checks"
    assert {"reading the narrative", "checking the arithmetic", "auditing the text"} <= set(stages)
    assert all(line.startswith(f"{DOC.name}: ") and line.endswith(" s)") for line in err.splitlines())
    assert "tables" in out  # the report itself is unchanged, on standard output
    # a small one, or --quiet, prints none
    monkeypatch.setattr(batch, "LARGE_MB", 1)
    assert main(["run", str(DOC), "-o", str(tmp_path / "o")]) == EXIT_OK
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(batch, "LARGE_MB", 0.01)
    assert main(["run", str(DOC), "-o", str(tmp_path / "o"), "-q"]) == EXIT_OK
    assert capsys.readouterr().err == ""




def test_a_batch_lists_in_the_inputs_order_whatever_order_the_workers_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --jobs 2 the workers finish in any order; the --min-coverage list follows the
    order of the inputs (here the pool's answers taken last first)."""
    from llmextract.cli import main as cli_main

    def last_first(futures):  # type: ignore[no-untyped-def]
        return list(reversed(list(futures)))

    monkeypatch.setattr(cli_main, "as_completed", last_first)
    docs = []
    for k, seed in enumerate(sorted(EXAMPLES.glob("*.txt"))[:3]):  # a table the reader leaves unread
        doc = tmp_path / f"d{k}.txt"
        extra = "\n附表 其他情况表\n单位：万元\n项目\t甲\t乙\t丙\n某项\t111.11\t222.22\t333.33\n"
        doc.write_text(seed.read_text(encoding="utf-8") + extra, encoding="utf-8")
        docs.append(str(doc))
    main(["run", *docs, "--jobs", "2", "--min-coverage", "1", "-o", str(tmp_path / "out")])
    below = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("below --min-coverage"))
    at = [below.find(f"d{k}.txt (") for k in range(3)]
    assert min(at) >= 0 and at == sorted(at)
