"""A local OpenAI-compatible HTTP server that scripts the model's side of a conversation.

It is NOT a language model. Each test queues the replies it wants — a reading of the table
(taken from the hand-checked gold cells), a reading with a deliberate fault (a wrong number,
a number that is not in the text, invalid JSON, columns swapped, a "correction" obeyed, facts
given each other's ids), or a provider's behaviour (an HTTP error — 429 with Retry-After, 408,
401, 400, 502 —, an answer cut off at the token limit, a bare ``</think>``, numbers as JSON
numbers, no ``usage``) — and the server sends them, in order, in the OpenAI chat-completions
wire format (tool calls for ``tools`` mode, a JSON message for ``json``/``md_json``).

The cassettes in ``cassettes/`` were recorded against this server; CI replays them offline.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent / "gold"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PORT = 18761
BASE_URL = f"http://127.0.0.1:{PORT}/v1"

Reply = Callable[[dict[str, Any]], tuple[int, dict[str, str], Any]]


def _completion(
    req: dict[str, Any],
    payload: dict[str, Any] | str,
    *,
    think: str = "",
    finish: str | None = None,
    usage: bool = True,
    cut: int | None = None,
) -> dict[str, Any]:
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    if cut is not None:  # the answer stops at the token limit, mid-JSON
        text = text[:cut]
    prompt_chars = sum(len(m.get("content") or "") for m in req.get("messages", []))
    msg: dict[str, Any] = {"role": "assistant", "content": None}
    if req.get("tools"):
        name = req["tools"][0]["function"]["name"]
        msg["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}
        ]
        finish = finish or "tool_calls"
    else:
        if req.get("response_format") is None:  # md_json: a fenced block, maybe after reasoning
            text = f"{think}```json\n{text}\n```"
        else:
            text = think + text
        msg["content"] = text
        finish = finish or "stop"
    out = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1763856000,
        "model": req.get("model", "scripted"),
        "choices": [{"index": 0, "message": msg, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_chars // 2,
            "completion_tokens": len(text) // 2,
            "total_tokens": prompt_chars // 2 + len(text) // 2,
        },
    }
    if not usage:  # some local servers send no usage at all
        del out["usage"]
    return out


def answer(
    fn: Callable[[dict[str, Any]], dict[str, Any] | str],
    *,
    think: str = "",
    usage: bool = True,
) -> Reply:
    """Reply with the payload ``fn(request)`` as the assistant's structured answer. ``think``
    goes before the answer (``<think>draft</think>``, or a bare ``draft</think>``)."""
    return lambda req: (200, {}, _completion(req, fn(req), think=think, usage=usage))


def truncated(fn: Callable[[dict[str, Any]], dict[str, Any] | str], at: int = 40) -> Reply:
    """The answer cut off at the token limit: ``finish_reason: length``, the JSON unfinished."""
    return lambda req: (200, {}, _completion(req, fn(req), finish="length", cut=at))


def error(status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Reply:
    body = body or {"error": {"message": f"scripted HTTP {status}", "type": "scripted", "code": None}}
    return lambda req: (status, headers or {}, body)


# -- readings taken from the gold cells --------------------------------------------------------


def _prompt(req: dict[str, Any]) -> str:
    return "\n".join(m.get("content") or "" for m in req.get("messages", []) if m.get("role") == "user")


def _squash(text: str) -> str:
    t = text.translate({i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)})
    return re.sub(r"\s+|<[^>]+>", "", t)


@functools.cache
def _seed_texts() -> dict[str, str]:
    return {f.stem: _squash(f.read_text(encoding="utf-8")) for f in sorted(EXAMPLES.glob("*.txt"))}


def _seed_for(prompt: str) -> str:
    """Which sample document the chunk in the prompt comes from."""
    body = _squash(prompt.split("<<<", 1)[-1].split(">>>", 1)[0])
    probes = [body[i : i + 24] for i in range(0, max(1, len(body) - 24), max(1, len(body) // 5))][:5]
    texts = _seed_texts()
    scores = {stem: sum(p in text for p in probes) for stem, text in texts.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= max(1, len(probes) - 2):  # page furniture may cut a probe
        return best
    raise LookupError("the scripted server does not know this document")


def gold_rows(seed: str, table: str) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for line in (GOLD / f"{seed}.cells.jsonl").read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        if c["table"] == table:
            rows.setdefault(c["row"], {"key": c["row"], "label": ""})[c["col"]] = c["value"]
    return list(rows.values())


def gold_reading(req: dict[str, Any]) -> dict[str, Any]:
    prompt = _prompt(req)
    m = re.search(r"into the `(\w+)` schema", prompt)
    seed = _seed_for(prompt)
    if m and m.group(1) == "document":  # the naive baseline: every table at once
        tables = {
            json.loads(line)["table"]
            for line in (GOLD / f"{seed}.cells.jsonl").read_text("utf-8").splitlines()
        }
        return {
            t: (
                {"rows": gold_rows(seed, t)}
                if t != "narrative"
                else [{"id": r["key"], "value": r["value"]} for r in gold_rows(seed, t)]
            )
            for t in sorted(tables)
        }
    if m:
        return {"rows": gold_rows(seed, m.group(1))}
    text = _squash(prompt.split("<<<", 1)[-1]).replace(",", "")
    return {
        "facts": [
            {"id": r["key"], "value": r["value"]}
            for r in gold_rows(seed, "narrative")
            if r["value"].lstrip("-") in text
        ]
    }  # the facts this text states


# -- the server ----------------------------------------------------------------------------------


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = PORT) -> None:
        self.request_queue_size = 64
        super().__init__(("127.0.0.1", port), _Handler)
        self.replies: deque[Reply] = deque()
        self.default: Reply | None = None
        self.delay = 0.0  # seconds before each reply (benchmarks: a slow model)
        self.seen: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        n = int(self.headers.get("content-length", "0"))
        req = json.loads(self.rfile.read(n) or b"{}")
        self.server.seen.append(req)
        if self.server.delay:
            time.sleep(self.server.delay)
        reply = self.server.replies.popleft() if self.server.replies else self.server.default
        if reply is None:
            status, headers, body = 500, {}, {"error": {"message": "no scripted reply left"}}
        else:
            status, headers, body = reply(req)
        data = (
            body.encode("utf-8") if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
        )
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


def wait_ready(timeout: float = 5.0) -> None:
    import socket

    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", PORT)) == 0:
                return
        time.sleep(0.05)


if __name__ == "__main__":  # a stand-alone scripted server answering every request with the gold reading
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=PORT)
    ap.add_argument("--delay", type=float, default=0.0)
    a = ap.parse_args()
    srv = ScriptedServer(a.port)
    srv.default = answer(gold_reading)
    srv.delay = a.delay
    srv.serve_forever()
