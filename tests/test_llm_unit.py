"""Model-client guarantees that need no recorded exchange (an httpx MockTransport answers)."""

from __future__ import annotations

import copy
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import FAKE_KEY

from llmextract.cli.main import main
from llmextract.core.result import Cell, Provenance, Row, Table
from llmextract.core.schemas import load
from llmextract.core.source import Source
from llmextract.core.text import Text
from llmextract.llm import config
from llmextract.llm.client import ModelClient, RateLimiter, RequestError
from llmextract.llm.config import Settings
from llmextract.llm.grounding import TableGrid, same_number, to_text
from llmextract.llm.modelpath import table_response_model
from llmextract.llm.requestlog import Store, cache_key


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
        messages,
        table_response_model(load(), "three_public"),
        context={"numbers": {"2.90"}},
        document="d",
        chunk="c",
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


def _client(tmp_path: Path, transport, **kw) -> ModelClient:  # noqa: ANN001
    s = Settings(
        model=kw.pop("model", "m"),
        base_url=kw.pop("base_url", "http://127.0.0.1:9/v1"),
        api_key=FAKE_KEY,
        mode=kw.pop("mode", "json"),
        log_db=str(tmp_path / "l.sqlite"),
        **kw,
    )
    return ModelClient(
        s, Store(s.db_path()), http_client=httpx.Client(transport=httpx.MockTransport(transport))
    )


def test_one_concurrency_limit_for_the_whole_run(tmp_path: Path) -> None:
    """Documents × chunks never put more than `jobs` requests in flight at once."""
    lock, now, peak = threading.Lock(), [0], [0]

    def transport(request: httpx.Request) -> httpx.Response:
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        time.sleep(0.03)
        with lock:
            now[0] -= 1
        return httpx.Response(200, json=_reply('{"rows": [{"key": "current", "total": "2.90"}]}'))

    c = _client(tmp_path, transport, jobs=2)
    model = table_response_model(load(), "three_public")

    def one(i: int) -> None:
        c.structured([{"role": "user", "content": "2.90"}], model, context={}, document=str(i), chunk="c")

    with ThreadPoolExecutor(max_workers=8) as ex:
        list(ex.map(one, range(8)))
    assert peak[0] == 2


def test_provider_request_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DashScope's qwen3 needs enable_thinking false without streaming; the config adds its own
    extra body and max_tokens per provider; the command line's max_tokens wins."""
    seen: list[dict] = []

    def transport(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=_reply('{"rows": []}'))

    qwen = "https://dashscope.aliyuncs.com/compatible-mode/v1"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[providers.qwen]\nmax_tokens = 4096\nextra_body = { top_k = 20 }\n", encoding="utf-8")
    monkeypatch.setenv("LLMEXTRACT_CONFIG", str(cfg))
    s = config.load(model="qwen3-8b", base_url=qwen, mode="json")
    assert s.request_options() == {"extra_body": {"enable_thinking": False, "top_k": 20}, "max_tokens": 4096}
    assert config.load(model="qwen3-8b", base_url=qwen, max_tokens=100).request_options()["max_tokens"] == 100
    assert Settings(model="x", base_url="http://localhost:11434/v1").request_options() == {
        "extra_body": {},
        "max_tokens": None,
    }
    c = ModelClient(
        s, Store(tmp_path / "l.sqlite"), http_client=httpx.Client(transport=httpx.MockTransport(transport))
    )
    c.structured(
        [{"role": "user", "content": "x"}],
        table_response_model(load(), "three_public"),
        context={},
        document="d",
        chunk="c",
    )
    assert seen[0]["enable_thinking"] is False and seen[0]["top_k"] == 20 and seen[0]["max_tokens"] == 4096
    cfg.write_text("[providers.qwen]\nmax_token = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[providers.qwen\]: unknown settings max_token"):
        config.load()


def test_the_cache_key_holds_the_base_url() -> None:
    a = cache_key("qwen2.5:7b", "{}", "v", "chunk", "json", "http://localhost:11434/v1")
    b = cache_key("qwen2.5:7b", "{}", "v", "chunk", "json", "http://gpu-box:11434/v1")
    assert a != b and a == cache_key("qwen2.5:7b", "{}", "v", "chunk", "json", "http://localhost:11434/v1/")


def test_unknown_usage_is_unknown_not_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "u.sqlite"
    st = Store(db)
    st.log(document="a.txt", attempt_kind="initial", status="ok", prompt_tokens=10, completion_tokens=5)
    st.log(document="a.txt", attempt_kind="initial", status="ok", prompt_tokens=None, completion_tokens=None)
    st.log(document="b.txt", attempt_kind="initial", status="ok", prompt_tokens=3, completion_tokens=2)
    st.log(document="b.txt", attempt_kind="initial", status="http_error")  # no answer: nothing to count
    usage = {u["document"]: u for u in st.usage()}
    assert (usage["a.txt"]["prompt_tokens"], usage["a.txt"]["completion_tokens"]) == (None, None)
    assert (usage["b.txt"]["prompt_tokens"], usage["b.txt"]["completion_tokens"]) == (3, 2)
    assert main(["usage", "--log-db", str(db)]) == 0
    assert "unknown" in capsys.readouterr().out


def test_positional_grounding_says_where_a_number_stands() -> None:
    text = "\n".join(
        [
            "科目编码\t科目名称\t合计\t基本支出\t项目支出",
            "合计\t\t1,234.00\t1,234.00\t",
            "20801\t行政运行\t5.00\t\t5.00",
            "注\t以本更正为准\t9.99",
        ]
    )
    src = Source.from_text(text, "t.txt", "utf-8")
    doc = Text(text, tuple(range(len(text))))
    emb = Table(id="expenditure", title="t", line=1)
    for key, line, cols in [("total", 2, ("total", "basic")), ("20801", 3, ("total", "project"))]:
        row = Row(key=key, line=line)
        text_line = text.split("\n")[line - 1]
        at = src.line_starts[line - 1]
        nums = [(m.start(), m.group(0)) for m in re.finditer(r"\d[\d,]*\.\d+", text_line)]
        for col, (pos, v) in zip(cols, nums, strict=True):
            t = doc[at + pos : at + pos + len(v)]
            row.values[col] = Cell(value=v.replace(",", ""), provenance=Provenance.of(t, src))
        emb.rows.append(row)
    g = TableGrid(doc, src, emb, {"total": "合计", "basic": "基本支出", "project": "项目支出"})
    assert g.locate("total", "basic", "1234.00").how == "cell"
    assert g.locate("total", "project", "1234") == (
        "1234 is printed in columns 合计 and 基本支出 of row total, not 项目支出"
    )
    assert g.locate("20801", "basic", "5.00") == (
        "5.00 is printed in columns 合计 and 项目支出 of row 20801, not 基本支出"
    )
    assert "printed on line 4" in g.locate("20801", "total", "9.99")  # the note is not a row
    assert (
        g.locate("20801", "total", "7.00") == "7.00 is not printed in the table; row 20801 合计 prints 5.00"
    )
    assert g.locate("3", "total", "9.99").how == "chunk"  # a row the embedded reading lacks: loose


def test_json_numbers_and_their_noise() -> None:
    assert to_text(1009.2900000001) == "1009.2900000001" and to_text(3) == "3"
    assert same_number("1009.2900000001", "1,009.29") and same_number("1009.3", "1009.30")
    assert not same_number("1009.28", "1009.29")
    m = table_response_model(load(), "three_public")
    parsed = m.model_validate({"rows": [{"key": "current", "total": 2.9}]})
    assert parsed.rows[0].total == "2.9"


def test_a_dead_endpoint_is_given_up_after_a_few_calls(tmp_path: Path) -> None:
    """A batch against a server that is down does not wait through every chunk's retries."""
    sent: list[int] = []

    def transport(request: httpx.Request) -> httpx.Response:
        sent.append(1)
        raise httpx.ConnectError("connection refused", request=request)

    c = _client(tmp_path, transport, transport_retries=1)
    c.sleep = lambda s: None
    model = table_response_model(load(), "three_public")
    errors = []
    for i in range(5):
        with pytest.raises(RequestError) as e:
            c.structured([{"role": "user", "content": "x"}], model, context={}, document="d", chunk=str(i))
        errors.append(str(e.value))
    assert len(sent) == 3 * 2  # three calls, each with its retry; then none
    assert errors[0].startswith("a connection error after 1 retries")
    assert errors[3].startswith("not sent: the endpoint failed the last 3 calls in a row")


def test_hybrid_replaces_only_with_positionally_grounded_changes() -> None:
    from llmextract.llm.modelpath import _changed_cells_grounded

    prov = Provenance.model_construct(start=0, end=1, line=1, col=1, text="1")

    def table(**cells: tuple[str, str]) -> Table:
        t = Table(id="three_public", title="t", line=1)
        row = Row(key="current", line=1)
        for col, (v, status) in cells.items():
            row.values[col] = Cell(value=v, provenance=prov, status=status)
        t.rows.append(row)
        return t

    old = table(total=("2.90", "ok"))
    assert _changed_cells_grounded(table(total=("2.90", "doubt"), reception=("0.50", "ok")), old)
    assert not _changed_cells_grounded(table(total=("2.90", "ok"), reception=("0.50", "doubt")), old)
    assert _changed_cells_grounded(
        table(reception=("0.50", "doubt")), Table(id="three_public", title="t", line=1)
    )
