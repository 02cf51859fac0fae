"""The benchmark script runs and prints one `figure-name value unit` line per figure."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT


def test_benchmark_prints_comparable_figures() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--offline-only"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    lines = out.strip().splitlines()
    assert all(re.fullmatch(r"[a-z0-9_]+ +-?\d+(\.\d+)? +\S+", ln) for ln in lines), lines
    names = {ln.split()[0] for ln in lines}
    assert {
        "offline_docs_per_s_per_core",
        "compiled",
        "offline_ms_per_doc_median",
        "offline_scaling_10x_text",
        "offline_peak_rss",
        "offline_seeds_cpu_total",
        "startup_s",
        "run_one_doc_vs_import",
        "batch_memory_30_vs_3",
        "large_text_peak_rss",
        "large_text_checks_listed",
    } <= names


def test_planted_faults_prints_its_figures_and_writes_scorer_input(tmp_path) -> None:  # noqa: ANN001
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "planted_faults.py"),
            "--per-doc",
            "2",
            "--write",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    figures = dict(ln.split()[:2] for ln in out.strip().splitlines()[1:])
    assert {"fault_recall", "false_reports_per_20_docs", "found_by_tie_break", "fault_detection"} <= set(
        figures
    )
    assert 0 <= float(figures["fault_recall"]) <= 1
    faults = sorted(tmp_path.glob("*.faults.json"))
    docs = len([*(ROOT / "examples").glob("*.txt"), *(ROOT / "examples").glob("*.pdf")])
    assert len(faults) == 2 * docs and len(list(tmp_path.glob("*.txt"))) == 2 * docs
    for f in faults:
        kinds = [x["kind"] for x in json.loads(f.read_text(encoding="utf-8"))]
        assert kinds.count("planted") >= 1 and set(kinds) <= {"planted", "document"}
        assert (tmp_path / f.name.replace(".faults.json", ".cells.jsonl")).exists()
