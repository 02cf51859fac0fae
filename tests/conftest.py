from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from llmextract.extract import run_file
from llmextract.result import Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLD = Path(__file__).resolve().parent / "gold"  # hand-checked cells of the shared seeds
SEEDS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


@cache
def result_of(stem: str) -> Result:
    return run_file(EXAMPLES / f"{stem}.txt")


def gold_cells(stem: str) -> set[tuple[str, str, str, str]]:
    out = set()
    for line in (GOLD / f"{stem}.cells.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            out.add((o["table"], o["row"], o["col"], o["value"]))
    return out


@pytest.fixture(params=SEEDS)
def seed(request: pytest.FixtureRequest) -> str:
    return request.param
