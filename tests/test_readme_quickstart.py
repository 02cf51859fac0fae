"""The README's quick-start figures are what the quick-start command prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

from llmextract.cli.main import EXIT_OK, main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quick_start_line_is_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command = re.search(r"&& (llmextract run examples/\S+ .*)\n", README)
    promised = re.search(r"prints\s+`([^`]+)`", README)
    assert command and promised
    argv = shlex.split(command[1])[1:]  # run examples/….pdf -o out --format all
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    assert main(argv) == EXIT_OK
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == promised[1]
    # the value count is the cells file's
    values = int(re.search(r"(\d+) values", printed[0])[1])
    stem = Path(argv[1]).stem
    assert len((tmp_path / "out" / f"{stem}.cells.jsonl").read_text(encoding="utf-8").splitlines()) == values
    assert printed[1] == "wrote 15 files (json, cells, checks, csv, html, xlsx) for 1 document to out/"
