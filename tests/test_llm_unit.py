"""Model-client guarantees that need no recorded exchange (an httpx MockTransport answers)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import httpx
import pytest
from conftest import FAKE_KEY

from llmextract import config
from llmextract.config import Settings
from llmextract.llm import ModelClient, RateLimiter
from llmextract.modelpath import table_response_model
from llmextract.store import Store


def _reply(content: str) -> dict:
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        ],
        "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
    }


def test_caller_messages_are_not_mutated_across_reasks(tmp_path: Path) -> None:
    answers = iter(['{"rows": [', '{"rows": [{"key": "current", "total": "2.90"}]}'])
    seen: list[dict] = []

    def transport(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        assert "authorization" in {k.lower() for k in request.headers}  # sent, never stored
        return httpx.Response(200, json=_reply(next(answers)))

    s = Settings(
        model="m",
        base_url="http://127.0.0.1:9/v1",
        api_key=FAKE_KEY,
        mode="json",
        log_db=str(tmp_path / "l.sqlite"),
    )
    c = ModelClient(s, Store(s.db_path()), http_client=httpx.Client(transport=httpx.MockTransport(transport)))
    messages = [{"role": "system", "content": "sys"}, {"role": "user", "content": "合计 2.90"}]
    before = copy.deepcopy(messages)
    parsed, _ = c.structured(
        messages, table_response_model("three_public"), context={"numbers": {"2.90"}}, document="d", chunk="c"
    )
    assert parsed.rows[0].total == "2.90"
    assert messages == before  # the re-ask worked on its own copy
    assert len(seen) == 2 and len(seen[1]["messages"]) > len(seen[0]["messages"])
    assert seen[0]["messages"][1]["content"] == "合计 2.90"  # Chinese sent as Chinese
    logged = json.dumps(c.store.requests(), ensure_ascii=False)
    assert FAKE_KEY not in logged and "Bearer" not in logged


@pytest.mark.parametrize(
    ("base_url", "model", "provider", "mode"),
    [
        ("https://api.openai.com/v1", "gpt-4o-mini", "openai", "tools"),
        ("https://api.deepseek.com/v1", "deepseek-chat", "deepseek", "tools"),
        ("https://api.deepseek.com/v1", "deepseek-reasoner", "deepseek", "md_json"),
        ("https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus", "qwen", "tools"),
        ("https://api.moonshot.cn/v1", "moonshot-v1-8k", "moonshot", "tools"),
        ("http://localhost:11434/v1", "qwen2.5:7b", "ollama", "json"),
        ("http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "vllm", "json"),
        ("http://localhost:8080/v1", "local", "llamacpp", "json"),
        ("http://10.0.0.5:9999/v1", "x", "openai-compatible", "md_json"),
    ],
)
def test_provider_capability_table(base_url: str, model: str, provider: str, mode: str) -> None:
    assert Settings(model=model, base_url=base_url).provider() == (provider, mode)
    assert Settings(model=model, base_url=base_url, mode="tools").provider()[1] == "tools"  # override


def test_settings_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('model = "from-file"\nmax_reprompts = 5\n', encoding="utf-8")
    monkeypatch.setenv("LLMEXTRACT_CONFIG", str(cfg))
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env/v1")
    monkeypatch.delenv("LLMEXTRACT_MODEL", raising=False)
    s = config.load()
    assert (s.model, s.base_url, s.max_reprompts, s.effective_strategy()) == (
        "from-file",
        "http://env/v1",
        5,
        "hybrid",
    )
    monkeypatch.setenv("LLMEXTRACT_MODEL", "from-env")
    assert config.load(model="from-cli").model == "from-cli"
    assert config.load().model == "from-env"
    with pytest.raises(ValueError, match="unknown strategy"):
        config.load(strategy="fast")
    cfg.write_text('modle = "typo"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown settings modle"):
        config.load()


def test_rate_limiter_spaces_request_starts() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(x: float) -> None:
        slept.append(x)

    lim = RateLimiter(rpm=120, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        lim.wait()
    assert slept == [0.5, 1.0]  # 120/min: one start every 0.5 s
    assert RateLimiter(0).interval == 0
