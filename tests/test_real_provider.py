"""A reading by a real provider, replayed from its cassette once someone has recorded one.

Record (needs network and a key; the Authorization header is filtered out of the cassette):

    LLMEXTRACT_TEST_BASE_URL=https://api.deepseek.com/v1 LLMEXTRACT_TEST_MODEL=deepseek-chat \\
    OPENAI_API_KEY=sk-... python -m pytest tests/test_real_provider.py --record-mode=rewrite

No real provider is reachable from the machines this project is built on, so no such cassette
is committed yet and the test is skipped; the scripted-server cassettes cover the protocol.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from llmextract.llm.client import ModelClient
from llmextract.llm.config import Settings
from llmextract.llm.requestlog import Store
from llmextract.pipeline import run_text

CASSETTE = ROOT / "cassettes" / "test_real_provider" / "test_real_provider_reads_the_three_public_table.yaml"
SEED0 = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8").split("\n")


@pytest.mark.vcr
def test_real_provider_reads_the_three_public_table(record_mode: str, tmp_path: Path) -> None:
    if record_mode == "none" and not CASSETTE.exists():
        pytest.skip("no real-provider cassette recorded (see the module docstring)")
    meta = CASSETTE.with_suffix(".provider")
    if record_mode != "none":
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(f"{os.environ['LLMEXTRACT_TEST_BASE_URL']} {os.environ['LLMEXTRACT_TEST_MODEL']}\n")
    base_url, model = meta.read_text().split()
    s = Settings(
        model=model,
        base_url=base_url,
        api_key=os.environ.get("OPENAI_API_KEY", "replayed"),
        log_db=str(tmp_path / "l.sqlite"),
        jobs=1,
    )
    c = ModelClient(s, Store(s.db_path()))
    res = run_text("\n".join(SEED0[384:395]), "three_public.txt", client=c, strategy="llm")
    row = res.table("three_public").row("current")
    assert {k: v.value for k, v in row.values.items()} == {
        "total": "2.90",
        "vehicle": "2.40",
        "vehicle_operation": "2.40",
        "reception": "0.50",
    }
