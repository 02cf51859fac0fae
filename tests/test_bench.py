"""The benchmark script runs and prints one `figure-name value unit` line per figure."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_benchmark_prints_comparable_figures() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--offline-only"],
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
        "offline_ms_per_doc_median",
        "offline_scaling_10x_text",
        "offline_peak_rss",
        "offline_seeds_cpu_total",
    } <= names
