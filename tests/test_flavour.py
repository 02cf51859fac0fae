"""Telling which build runs: the mypyc-compiled wheel or pure Python (README, "Compiled or pure Python")."""

from __future__ import annotations

import importlib.machinery
import subprocess
import sys
from pathlib import Path

import llmextract.reading.tables as tables
from llmextract.cli.main import main
from llmextract.core.flavour import COMPILED, PURE, compiled_modules, flavour


def _package(tmp_path: Path, *files: str) -> Path:
    pkg = tmp_path / "llmextract"
    for name in files:
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text("", encoding="utf-8")
    return pkg


def test_a_package_of_py_files_is_pure_python(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "__init__.py", "reading/__init__.py", "reading/tables.py")
    assert compiled_modules(pkg) == []
    assert flavour(pkg) == PURE


def test_extension_modules_beside_the_py_files_are_the_compiled_build(tmp_path: Path) -> None:
    so = importlib.machinery.EXTENSION_SUFFIXES[0]
    files = ["__init__.py", "reading/tables.py", f"reading/tables{so}", f"reading/__init__{so}", "cli/x.py"]
    pkg = _package(tmp_path, *files)
    assert compiled_modules(pkg) == ["llmextract.reading", "llmextract.reading.tables"]
    assert flavour(pkg) == COMPILED


def test_the_running_build_is_told_by_what_python_imported() -> None:
    # pure Python under PYTHONPATH=src or an editable install; compiled from a wheel (CI's first run)
    expected = PURE if tables.__file__.endswith(".py") else COMPILED
    assert flavour() == expected
    assert ("llmextract.reading.tables" in compiled_modules()) == (expected == COMPILED)


def test_version_says_which_build_runs(capsys) -> None:  # noqa: ANN001
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("llmextract ") and flavour() in out


def test_version_from_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "llmextract.cli.main", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert flavour() in out
