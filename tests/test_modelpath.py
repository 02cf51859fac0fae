"""The model path, replayed from cassettes recorded against tests/scripted_server.py.

Each test queues the scripted replies it needs. With ``--record-mode=none`` (the default, and
what CI runs) the server is not started and every HTTP exchange is replayed from
``cassettes/test_modelpath/<test>.yaml``; the network is blocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import scripted_server as ss
from conftest import EXAMPLES, FAKE_KEY, ROOT, SEEDS, gold_cells

from llmextract import export
from llmextract.cli import main
from llmextract.config import Settings
from llmextract.extract import run_file, run_text
from llmextract.llm import ModelClient, ModelError
from llmextract.store import Store

SEED0 = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8").split("\n")
THREE_PUBLIC = "\n".join(SEED0[384:395])  # 表十 一般公共预算“三公”经费支出预算表
EXPENDITURE = "\n".join(SEED0[189:219])  # 表三 部门支出预算总表 (208 ≠ its children in print)


class _NoServer:
    """Stands in for the scripted server when cassettes are replayed."""

    def __init__(self) -> None:
        self.replies: list = []
        self.default = None
        self.seen: list = []


@pytest.fixture
def server(record_mode: str) -> Iterator[ss.ScriptedServer | _NoServer]:
    if record_mode == "none":
        yield _NoServer()
        return
    srv = ss.ScriptedServer().start()
    ss.wait_ready()
    try:
        yield srv
    finally:
        srv.stop()


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def client(tmp_path: Path, sleeps: Sleeps, **kw) -> ModelClient:  # noqa: ANN003
    settings = Settings(
        model="scripted-model",
        base_url=ss.BASE_URL,
        api_key=FAKE_KEY,
        mode=kw.pop("mode", "tools"),
        log_db=str(tmp_path / "llm.sqlite"),
        transport_retries=2,
        schema_retries=2,
        max_reprompts=2,
        jobs=1,
        **kw,
    )
    return ModelClient(settings, Store(settings.db_path()), sleep=sleeps)


def reading(**changes: str):  # noqa: ANN201
    """A scripted reply: the 三公 row as printed, with the given fields changed (faults)."""
    row = {
        "key": "current",
        "label": "",
        "total": "2.90",
        "vehicle": "2.40",
        "vehicle_operation": "2.40",
        "reception": "0.50",
        **changes,
    }
    return lambda req: {"rows": [row]}  # noqa: ARG005


good_three_public = reading()


def kinds(c: ModelClient) -> list[tuple[str, str]]:
    return [(r["attempt_kind"], r["status"]) for r in c.store.requests()]


def values(res, table: str) -> dict:  # noqa: ANN001
    return {(r.key, k): v.value for r in res.table(table).rows for k, v in r.values.items()}


WANT_3P = {
    ("current", "total"): "2.90",
    ("current", "vehicle"): "2.40",
    ("current", "vehicle_operation"): "2.40",
    ("current", "reception"): "0.50",
}


@pytest.mark.vcr
@pytest.mark.block_network
def test_wrong_number_is_fixed_by_the_arithmetic_reprompt(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    wrong = reading(vehicle="0.50", reception="2.40")  # 0.50 read into the vehicle subtotal
    server.replies.extend([ss.answer(wrong), ss.answer(good_three_public)])
    c = client(tmp_path, sleeps)
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert res.table("three_public").extracted_by == "model" and res.checks == []
    assert kinds(c) == [("initial", "ok"), ("arithmetic_reprompt", "ok")]
    second = c.store.requests()[1]["request"]
    assert "vehicle = vehicle_purchase + vehicle_operation" in second or "0.50 ≠ 2.40" in second


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_value_not_in_the_text_is_rejected_and_reasked(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    invented = reading(reception="0.55")  # 0.55 is printed nowhere
    server.replies.extend([ss.answer(invented), ss.answer(good_three_public)])
    c = client(tmp_path, sleeps)
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert kinds(c) == [("initial", "ok"), ("schema_reask", "ok")]
    assert "0.55" in c.store.requests()[1]["request"]  # the re-ask names the value it refused
    cell = res.table("three_public").row("current").values["reception"]
    assert cell.provenance.text == "0.50" and cell.provenance.line == 10  # grounded in the source


@pytest.mark.vcr
@pytest.mark.block_network
def test_invalid_json_is_reasked(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    server.replies.extend(
        [ss.answer(lambda req: '{"rows": [{"key": "current", "total": "2.90",'), ss.answer(good_three_public)]
    )
    c = client(tmp_path, sleeps)
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert kinds(c) == [("initial", "ok"), ("schema_reask", "ok")]


@pytest.mark.vcr
@pytest.mark.block_network
def test_429_waits_as_long_as_retry_after_says(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    server.replies.extend([ss.error(429, headers={"retry-after": "3"}), ss.answer(good_three_public)])
    c = client(tmp_path, sleeps)
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert sleeps == [3.0]
    assert kinds(c) == [("initial", "http_error"), ("transport_retry", "ok")]


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_server_timeout_is_retried(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    server.replies.extend([ss.error(408), ss.answer(good_three_public)])
    c = client(tmp_path, sleeps)
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 30  # exponential backoff with jitter
    assert kinds(c) == [("initial", "http_error"), ("transport_retry", "ok")]


def test_a_client_side_read_timeout_is_retried_then_reported(tmp_path, sleeps) -> None:  # noqa: ANN001
    """A timeout has no HTTP exchange to record; an httpx transport raises it instead."""

    def transport(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    settings = Settings(
        model="m",
        base_url=ss.BASE_URL,
        api_key=FAKE_KEY,
        mode="tools",
        log_db=str(tmp_path / "l.sqlite"),
        transport_retries=2,
    )
    c = ModelClient(
        settings,
        Store(settings.db_path()),
        sleep=sleeps,
        http_client=httpx.Client(transport=httpx.MockTransport(transport)),
    )
    with pytest.raises(ModelError, match="failed after 2 retries"):
        run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert kinds(c) == [
        ("initial", "timeout"),
        ("transport_retry", "timeout"),
        ("transport_retry", "timeout"),
    ]
    assert len(sleeps) == 2


@pytest.mark.vcr
@pytest.mark.block_network
def test_an_auth_error_stops_at_once_with_a_clear_message(server, tmp_path, sleeps, capsys) -> None:  # noqa: ANN001
    server.replies.append(
        ss.error(401, {"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}})
    )
    c = client(tmp_path, sleeps)
    with pytest.raises(ModelError, match="refused the credentials"):
        run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert kinds(c) == [("initial", "http_error")] and sleeps == []


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_document_inconsistency_is_reported_not_fixed(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    # the model reads 208 as printed; its children fall 104.00 short in the document itself
    server.replies.append(
        ss.answer(lambda req: {"rows": ss.gold_rows("000_867d4fd29c913767", "expenditure")})
    )
    c = client(tmp_path, sleeps)
    res = run_text(EXPENDITURE, "expenditure.txt", client=c, strategy="llm")
    assert kinds(c) == [("initial", "ok")]  # no re-prompt: the document is at fault
    t = res.table("expenditure")
    assert t.extracted_by == "model-document"
    assert t.row("208").values["total"].value == "915.57"
    flagged = {(x.table, x.row, x.col, x.source) for x in res.checks}
    assert flagged == {
        ("expenditure", "208", "total", "document"),
        ("expenditure", "208", "project", "document"),
    }


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_model_reading_keeps_the_printed_unit_rows(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    """001's 三公 table: the model's schema has no unit rows, so the unit's own figures stay as
    the layout read them and its 35 under a 合计 of 3 is still reported."""
    server.default = ss.answer(ss.gold_reading)
    text = (EXAMPLES / "001_dca61e563b91d4c1.txt").read_text(encoding="utf-8").split("\n")
    res = run_text(
        "\n".join(text[214:225]), "001_dca61e563b91d4c1.txt", client=client(tmp_path, sleeps), strategy="llm"
    )
    t = res.table("three_public")
    assert t.extracted_by == "model"
    assert [(u.ref, u.values["vehicle"].value) for u in t.units] == [
        ("prior/426003", "35"),
        ("current/426003", "3"),
    ]
    named = {(x.rule, x.row, x.col) for x in res.checks}
    assert ("units_sum", "prior/426003", "vehicle") in named


@pytest.mark.vcr
@pytest.mark.block_network
def test_reasoning_output_is_stripped_in_md_json_mode(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    server.replies.append(ss.answer(good_three_public, think="<think>合计 2.90 = 2.40 + 0.50</think>\n"))
    c = client(tmp_path, sleeps, mode="md_json")
    res = run_text(THREE_PUBLIC, "three_public.txt", client=c, strategy="llm")
    assert values(res, "three_public") == WANT_3P
    assert "<think>" not in c.store.requests()[0]["response"]


@pytest.mark.vcr
@pytest.mark.block_network
def test_hybrid_asks_only_about_what_it_cannot_reconcile_and_caches(server, tmp_path, sleeps) -> None:  # noqa: ANN001
    server.default = ss.answer(ss.gold_reading)
    c = client(tmp_path, sleeps)
    asked: dict[str, int] = {}
    for stem in SEEDS:
        offline = run_file(EXAMPLES / f"{stem}.txt")
        units = {(t.id, u.ref) for t in offline.tables for u in t.units}  # the model reads no unit rows
        arithmetic = [x for x in offline.checks if x.category == "arithmetic"]  # the audit asks no model
        failing_tables = {x.table for x in arithmetic if (x.table, x.row) not in units} - {"narrative"}
        prose = any(x.table == "narrative" for x in offline.checks)
        res = run_file(EXAMPLES / f"{stem}.txt", client=c, strategy="hybrid")
        asked[stem] = len(c.store.requests(str(EXAMPLES / f"{stem}.txt")))
        assert asked[stem] == len(failing_tables) + prose  # one request per unreconciled chunk
        # the model read the printed numbers: the findings stay the document's, the cells unchanged
        assert {(x.table, x.row, x.col) for x in res.checks} == {
            (x.table, x.row, x.col) for x in offline.checks
        }
        assert all(x.source == "document" for x in res.checks)
        got = {(d["table"], d["row"], d["col"], d["value"]) for d in export.cells(res)}
        assert got == gold_cells(stem)
    assert asked == {
        "000_867d4fd29c913767": 3,
        "001_dca61e563b91d4c1": 4,
        "002_f91b7b473888f42b": 0,
        "003_125ac91881a2613a": 0,
        "004_0aedab1e77a5c37c": 3,
    }
    before = len(c.store.requests())
    for stem in SEEDS:  # a second run is served from the cache
        run_file(EXAMPLES / f"{stem}.txt", client=c, strategy="hybrid")
    assert len(c.store.requests()) == before
    usage = {u["document"]: u for u in c.store.usage()}
    assert usage[str(EXAMPLES / "000_867d4fd29c913767.txt")]["cache_hits"] == 3


def test_no_key_or_authorization_header_anywhere(tmp_path) -> None:  # noqa: ANN001
    """Cassettes never hold the API key or an Authorization header."""
    places = list((ROOT / "cassettes").rglob("*.yaml"))
    assert places, "no cassettes recorded"
    for p in places:
        text = p.read_text(encoding="utf-8")
        assert FAKE_KEY not in text and "authorization" not in text.lower() and "Bearer" not in text, p
    # the log and cache: see test_llm_unit.test_caller_messages_are_not_mutated_across_reasks, which
    # sends a real Authorization header and asserts the key never reaches the log


def test_cli_model_flags_and_usage(tmp_path, capsys, monkeypatch) -> None:  # noqa: ANN001
    """Configuration errors are one-line messages; `usage` reads the log."""
    monkeypatch.delenv("LLMEXTRACT_MODEL", raising=False)
    assert (
        main(["run", str(EXAMPLES / "000_867d4fd29c913767.txt"), "--strategy", "llm", "-o", str(tmp_path)])
        == 2
    )
    assert "needs a model" in capsys.readouterr().err
    db = tmp_path / "u.sqlite"
    Store(db).log(
        document="a.txt", attempt_kind="initial", status="ok", prompt_tokens=10, completion_tokens=5
    )
    assert main(["usage", "--log-db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "a.txt" in out and "10" in out and FAKE_KEY not in out
