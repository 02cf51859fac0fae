"""What a batch says it wrote is what is on disk: after Ctrl-C, on a read-only file system, on
a full disk. Where the test can mount a small tmpfs (root and a private mount namespace:
``unshare -m``) the file system is real; elsewhere it is simulated by refusing the writes."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, SEEDS

from llmextract.cli.main import EXIT_FAILED, EXIT_INTERRUPTED, main
from llmextract.outputs import export, writing
from llmextract.pipeline import run_file

DOC = EXAMPLES / f"{SEEDS[3]}.txt"  # the shortest seed
SRC = str(ROOT / "src")
WROTE = re.compile(r"wrote (\d+) files? \(([^)]*)\) for (\d+) documents?")
FORMAT_OF = {".json": "json", ".jsonl": "cells", ".csv": "csv", ".html": "html", ".xlsx": "xlsx"}


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(n):
        (folder / f"d{k:02d}.txt").write_bytes(DOC.read_bytes())
    return folder


def _on_disk(out: Path) -> tuple[int, set[str], set[str]]:
    """Files in ``out`` (no temporary one may be left), their formats, their documents."""
    files = [p for p in out.iterdir() if p.is_file()]
    assert not [p for p in files if p.name.startswith(".")], "a temporary file was left"
    formats = {"checks" if p.name.endswith(".checks.json") else FORMAT_OF[p.suffix] for p in files}
    return len(files), formats, {p.name.split(".")[0] for p in files}


def _closing(printed: str) -> tuple[int, set[str], int]:
    m = WROTE.search(printed)
    assert m, printed
    return int(m[1]), set(m[2].split(", ")), int(m[3])


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupt_reports_exactly_the_files_on_disk(tmp_path: Path, jobs: str) -> None:
    """`timeout -s INT`: the signal reaches the main process only, mid-batch."""
    out = tmp_path / "o"
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmextract.cli", "run", str(_folder(tmp_path, 100)), "-o", str(out)]
        + ["--format", "all", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.xlsx"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    printed, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in printed + err
    n_files, formats, n_docs = _closing(printed)
    time.sleep(0.5)  # nothing is written after the closing line
    files, on_disk, stems = _on_disk(out)
    assert (files, on_disk, len(stems)) == (n_files, formats, n_docs)
    done = re.search(r"interrupted: (\d+) of 100 documents done", err)
    assert done and int(done[1]) == n_docs
    assert n_files == 15 * n_docs and 2 <= n_docs < 100  # each document whole: 15 files


def test_ctrl_c_while_a_documents_files_are_written_finishes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One document, in this process: the interrupt comes after its first file."""
    real = export.files

    def files(result, stem, fmt, src=None):  # noqa: ANN001, ANN202
        yield from real(result, stem, fmt, src)
        if fmt == "json":
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(export, "files", files)
    out = tmp_path / "o"
    assert main(["run", str(DOC), "-o", str(out), "--format", "all"]) == EXIT_INTERRUPTED
    printed, err = capsys.readouterr()
    assert _closing(printed) == (15, {"json", "cells", "checks", "csv", "html", "xlsx"}, 1)
    assert _on_disk(out)[0] == 15 and "interrupted: 1 of 1 documents done" in err


# -- file systems that refuse ------------------------------------------------------------------


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def _run_on_tmpfs(mnt: Path, setup: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """The CLI run in a private mount namespace, a tmpfs at ``mnt`` prepared by ``setup``."""
    mnt.mkdir()
    script = f'set -e; {setup}; shift; exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(mnt), sys.executable, "-m", "llmextract.cli", *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )


def _refuse(monkeypatch: pytest.MonkeyPatch, code: int, where: Path, names: tuple[str, ...] = ()) -> None:
    """Simulate: creating a file below ``where`` (only those whose name ends in one of
    ``names``, when given) fails with ``code``; so does creating a folder there."""
    real_open, real_mkdir = open, Path.mkdir

    def refusing_open(path, mode="r", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        p = Path(path)
        final = p.name.removeprefix(".").split(f".{os.getpid()}.tmp")[0]  # .d.html.123.tmp
        if "x" in mode and where in p.parents and (not names or final.endswith(names)):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, mode, *a, **k)

    def refusing_mkdir(self: Path, *a, **k) -> None:  # noqa: ANN002, ANN003
        if self == where or where in self.parents:
            raise OSError(code, os.strerror(code), str(self))
        real_mkdir(self, *a, **k)

    monkeypatch.setattr(writing, "open", refusing_open, raising=False)
    monkeypatch.setattr(Path, "mkdir", refusing_mkdir)


@pytest.mark.parametrize("folder_exists", [True, False])
def test_a_read_only_file_system_one_line_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder_exists: bool
) -> None:
    folder = _folder(tmp_path, 3)
    mnt = tmp_path / "ro"
    out = mnt / "out" if folder_exists else mnt / "new" / "out"
    args = ["run", str(folder), "-o", str(out), "--format", "all", "--jobs", "2"]
    if _can_mount():
        setup = 'mount -t tmpfs -o size=1m none "$1"; mkdir "$1/out"; mount -o remount,ro "$1"'
        done = _run_on_tmpfs(mnt, setup, args)
        code, printed, err = done.returncode, done.stdout, done.stderr
    else:
        mnt.mkdir()
        (mnt / "out").mkdir()
        _refuse(monkeypatch, errno.EROFS, mnt)
        code = main(args)
        printed, err = capsys.readouterr()
    assert code == EXIT_FAILED and "Traceback" not in printed + err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, err  # one line per document
    assert all("read-only file system" in line for line in errors), errors
    assert "nothing was written" in printed and printed.count("output failed") == 3


def test_a_full_disk_is_counted_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The closing line names only the formats of which a file was written, and counts the
    files on disk; the review page and the workbook, the largest files, do not fit."""
    every = ["json", "cells", "checks", "csv", "html", "xlsx"]
    sizes = {p.name: p.stat().st_size for p in export.write(run_file(DOC), tmp_path / "probe", "d", every)}
    pages = lambda n: -(-n // 4096)  # noqa: E731 - tmpfs takes whole pages
    small = sum(pages(n) for name, n in sizes.items() if not name.endswith((".html", ".xlsx")))
    room = small + 3  # the small files fit; the page (40 pages) and the workbook (10) do not
    assert pages(sizes["d.html"]) > 3 and pages(sizes["d.xlsx"]) > 3
    mnt = tmp_path / "disk"
    args = ["run", str(DOC), "-o", str(mnt), "--format", "all"]
    if _can_mount():
        done = _run_on_tmpfs(mnt, f'mount -t tmpfs -o size={room * 4096} none "$1"', args)
        code, printed, err = done.returncode, done.stdout, done.stderr
        out = None
    else:
        mnt.mkdir()
        _refuse(monkeypatch, errno.ENOSPC, mnt, (".html", ".xlsx"))
        code = main(args)
        printed, err = capsys.readouterr()
        out = mnt
    assert code == EXIT_FAILED and "Traceback" not in printed + err
    assert _closing(printed) == (13, {"json", "cells", "checks", "csv"}, 1), printed
    assert err.count("the disk is full") == 2 and ".html" in err and ".xlsx" in err
    if out is not None:
        assert _on_disk(out)[:2] == (13, {"json", "cells", "checks", "csv"})


def test_a_batch_gives_the_callers_ctrl_c_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stopping batch ignores a second Ctrl-C; after it, the caller's handler is back (the
    processes it starts later would otherwise inherit an ignored SIGINT)."""
    real = export.files

    def files(result, stem, fmt, src=None):  # noqa: ANN001, ANN202
        yield from real(result, stem, fmt, src)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(export, "files", files)
    before = signal.getsignal(signal.SIGINT)
    assert main(["run", str(DOC), "-o", str(tmp_path / "o"), "--format", "json"]) == EXIT_INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is before
