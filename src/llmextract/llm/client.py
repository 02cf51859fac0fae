"""The model client: one chunk → its schema, through any OpenAI-compatible endpoint.

Three retry layers, each with its own budget, each logged with its attempt kind:

1. transport (tenacity): exponential backoff with jitter on 408/429/5xx, timeouts and
   connection errors, honouring ``Retry-After``; an authentication or quota error stops at
   once with a clear message (:class:`ModelError`);
2. schema (instructor): a re-ask with the validation error on invalid JSON, a schema
   violation or a value that is not in the chunk (grounding) — API errors never enter a prompt;
3. arithmetic: our own loop in :mod:`llmextract.modelpath`.

Reasoning output (``<think>…</think>``, or a bare ``…</think>`` when the chat template opened
the tag) is stripped before parsing. The caller's message lists are never mutated: every call
works on its own copy.

Failures: :class:`ModelError` is for the whole run (no model, credentials refused, quota
exhausted, unknown model); :class:`ChunkError` (a truncated answer, a timeout or an HTTP error
after the retries, any other 4xx, an answer that never fits the schema) is for one chunk, which
the caller reads without the model instead.

At most ``settings.jobs`` requests are in flight at once for the whole client (one semaphore
shared by every document and chunk of the run).
"""

from __future__ import annotations

import copy
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from ..core.errors import ModelError
from . import prompting
from .config import Settings
from .requestlog import Store

# instructor logs every failed attempt at ERROR; ours are logged (SQLite) and summarised as
# warnings, so its lines stay out of the command's output
logging.getLogger("instructor").addHandler(logging.NullHandler())

_THINK = re.compile(r"<think>.*?</think>\s*", re.S)
_SCHEMA_AT = "the following json_schema:"
_MODES = {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON, "md_json": instructor.Mode.MD_JSON}


class ChunkError(Exception):
    """This chunk got no usable answer; the caller falls back to the embedded reading."""


class SchemaError(ChunkError):
    """The model kept answering outside the schema (or off the text) within its re-ask budget."""


class TruncatedError(ChunkError):
    """The answer stopped at the token limit (``finish_reason: length``)."""


class RequestError(ChunkError):
    """The request failed: a timeout or an HTTP error after the retries, or a 4xx."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable  # no answer at all (timeouts, connection errors, 5xx)


# After this many calls in a row ended without any answer (the retries spent on timeouts,
# connection errors or 5xx), the endpoint is taken to be down: the run's remaining chunks keep
# their embedded readings at once instead of each waiting through its own retries.
UNREACHABLE_AFTER = 3


def _status(e: BaseException) -> int | None:
    return getattr(e, "status_code", None)


def _transient(e: BaseException) -> bool:
    if isinstance(e, (openai.APITimeoutError, openai.APIConnectionError, httpx.TimeoutException)):
        return True
    s = _status(e)
    if s == 429:
        return not _quota_exhausted(e)
    return s is not None and (s == 408 or s >= 500)


def _retried(e: BaseException) -> bool:
    """Transient, and worth asking again at once: a client-side timeout is not (the server was
    answering, slowly — a runaway answer would run to the timeout again), so one chunk never
    costs more than one --timeout; a 408, a 429, a 5xx or a dropped connection is."""
    if isinstance(e, (openai.APITimeoutError, httpx.TimeoutException)):
        return False
    return _transient(e)


def _quota_exhausted(e: BaseException) -> bool:
    body = getattr(e, "body", None)
    text = json.dumps(body, ensure_ascii=False) if body is not None else str(e)
    return "insufficient_quota" in text or "quota" in text.lower() and "exceeded" in text.lower()


def _retry_after(e: BaseException | None) -> float | None:
    resp = getattr(e, "response", None)
    if resp is None:
        return None
    h = resp.headers.get("retry-after-ms")
    if h:
        try:
            return float(h) / 1000
        except ValueError:
            pass
    h = resp.headers.get("retry-after")
    if h:
        try:
            return float(h)
        except ValueError:
            return None
    return None


class _Wait:
    """Retry-After when the server gives one, else exponential backoff with jitter."""

    def __init__(self) -> None:
        self._exp = wait_random_exponential(multiplier=0.5, max=30)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        ra = _retry_after(exc)
        if ra is not None:
            return min(ra, 120.0)
        return self._exp(state)


class RateLimiter:
    """At most ``rpm`` request starts per minute (0: unlimited)."""

    def __init__(
        self,
        rpm: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 60.0 / rpm if rpm > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)


@dataclass
class CallContext:
    """Who a request is for, and how many have been made for this call (attempt kinds)."""

    document: str
    chunk: str
    first_kind: str  # initial | arithmetic_reprompt | structure
    calls: int = 0
    max_tokens: int | None = None  # this request's answer limit (sized from what is asked)
    requests: list[int] = field(default_factory=list)


class ModelClient:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not settings.model:
            raise ModelError("no model configured: give --model or set LLMEXTRACT_MODEL")
        self.settings = settings
        self.store = store
        self.provider, mode = settings.provider()
        self.mode_name = mode
        self.mode = _MODES[mode]
        self.sleep = sleep
        self.limiter = RateLimiter(settings.rpm)
        self.slots = threading.BoundedSemaphore(max(1, settings.jobs))  # requests in flight, whole run
        self.options = settings.request_options()
        self._down: list[str] = []  # why the last calls in a row got no answer at all
        self._down_lock = threading.Lock()
        self.openai = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "not-needed",  # local servers accept any key
            timeout=settings.timeout,
            max_retries=0,  # transport retries are ours (logged, with their own budget)
            http_client=http_client,  # type: ignore[arg-type]  # openai types its own httpx alias
        )

    # -- transport -------------------------------------------------------------------------

    def _send(self, ctx: CallContext, **kwargs: Any) -> Any:
        kind = ctx.first_kind if ctx.calls == 0 else "schema_reask"
        ctx.calls += 1
        kwargs = _compact_schema(kwargs)
        limits = [x for x in (self.options["max_tokens"], ctx.max_tokens) if x is not None]
        if limits:
            kwargs["max_tokens"] = min(limits)
        if self.options["extra_body"]:
            kwargs["extra_body"] = dict(self.options["extra_body"])
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.transport_retries + 1),
            wait=_Wait(),
            retry=retry_if_exception(_retried),
            reraise=True,
            sleep=self.sleep,
        )
        attempt_no = 0
        for attempt in retrying:
            with attempt:
                attempt_no += 1
                this_kind = kind if attempt_no == 1 else "transport_retry"
                self.limiter.wait()
                t0 = time.monotonic()
                try:
                    with self.slots:
                        resp = self.openai.chat.completions.create(**kwargs)
                except openai.APIStatusError as e:
                    self._log(
                        ctx,
                        this_kind,
                        kwargs,
                        t0,
                        status="http_error",
                        http_status=e.status_code,
                        error=_short(e),
                    )
                    if not _transient(e):
                        raise _fatal(e) from None
                    raise
                except (openai.APITimeoutError, openai.APIConnectionError) as e:
                    cause = e.__cause__
                    if cause is not None and not _network_error(cause):
                        # not the network: the HTTP layer itself (e.g. a cassette that no longer
                        # matches the request) — say what it says instead of "connection error"
                        raise cause from None
                    status = "timeout" if isinstance(e, openai.APITimeoutError) else "error"
                    self._log(ctx, this_kind, kwargs, t0, status=status, error=_short(e))
                    raise
                usage = getattr(resp, "usage", None)
                content = _strip_reasoning(resp)
                self._log(
                    ctx,
                    this_kind,
                    kwargs,
                    t0,
                    status="ok",
                    http_status=200,
                    prompt_tokens=getattr(usage, "prompt_tokens", None),
                    completion_tokens=getattr(usage, "completion_tokens", None),
                    response=content,
                    finish_reason=_finish_reason(resp),
                )
                if _finish_reason(resp) == "length":
                    raise TruncatedError(
                        "the answer was cut off at the token limit (finish_reason: length)"
                        + (f"; max_tokens is {kwargs['max_tokens']}" if kwargs.get("max_tokens") else "")
                    )
                return resp
        raise AssertionError("unreachable")  # pragma: no cover

    def _log(self, ctx: CallContext, kind: str, kwargs: dict[str, Any], t0: float, **row: Any) -> None:
        self.store.log(
            document=ctx.document,
            chunk=ctx.chunk,
            model=self.settings.model,
            provider=self.provider,
            mode=self.mode_name,
            prompt_version=prompting.version(),
            attempt_kind=kind,
            latency_ms=int((time.monotonic() - t0) * 1000),
            request={"messages": kwargs.get("messages"), "base_url": self.settings.base_url},
            **row,
        )

    # -- one structured call -----------------------------------------------------------------

    def structured(
        self,
        messages: list[dict[str, Any]],
        response_model: type[BaseModel],
        *,
        context: dict[str, Any],
        document: str,
        chunk: str,
        kind: str = "initial",
        max_tokens: int | None = None,
    ) -> tuple[BaseModel, str]:
        """One model answer parsed into ``response_model`` (re-asked on invalid JSON, schema
        or grounding errors). Returns (parsed, raw assistant text). ``max_tokens``: the answer's
        limit for this request (the configured ``--max-tokens``, when lower, wins)."""
        with self._down_lock:
            down = self._down
        if len(down) >= UNREACHABLE_AFTER:
            raise RequestError(
                f"not sent: the endpoint failed the last {len(down)} calls in a row ({down[-1]})"
            )
        try:
            out = self._structured(messages, response_model, context, document, chunk, kind, max_tokens)
        except RequestError as e:
            if e.unreachable:
                with self._down_lock:
                    self._down.append(str(e))
            raise
        with self._down_lock:
            self._down.clear()
        return out

    def _structured(
        self,
        messages: list[dict[str, Any]],
        response_model: type[BaseModel],
        context: dict[str, Any],
        document: str,
        chunk: str,
        kind: str,
        max_tokens: int | None = None,
    ) -> tuple[BaseModel, str]:
        ctx = CallContext(document, chunk, kind, max_tokens=max_tokens)
        create = instructor.patch(create=lambda **kw: self._send(ctx, **kw), mode=self.mode)
        try:
            parsed = create(
                model=self.settings.model,
                messages=copy.deepcopy(messages),
                response_model=response_model,
                max_retries=self.settings.schema_retries,
                context=context,
                temperature=0,
            )
        except (InstructorRetryException, IncompleteOutputException, RetryError) as e:
            cause: BaseException = e.__cause__ or e
            while isinstance(cause, RetryError):  # older instructor releases: tenacity's wrapper
                cause = cause.last_attempt.exception() or ModelError("no answer")
            if isinstance(cause, (ModelError, ChunkError)):
                raise cause from None
            if isinstance(cause, IncompleteOutputException):
                raise TruncatedError("the answer was cut off (finish_reason: length)") from None
            if isinstance(cause, openai.APIStatusError):
                raise RequestError(
                    f"HTTP {cause.status_code} after {self.settings.transport_retries} retries: "
                    f"{_short(cause)}",
                    unreachable=cause.status_code >= 500,
                ) from None
            if isinstance(cause, (openai.APIError, httpx.HTTPError)):
                if isinstance(cause, (openai.APITimeoutError, httpx.TimeoutException)):
                    raise RequestError(
                        f"no answer within --timeout {self.settings.timeout:g} s (a timeout is not retried)",
                        unreachable=True,
                    ) from None
                raise RequestError(
                    f"a connection error after {self.settings.transport_retries} retries: {_short(cause)}",
                    unreachable=True,
                ) from None
            if isinstance(cause, (ValidationError, ValueError)):
                raise SchemaError(
                    f"the model's answer did not fit the schema after "
                    f"{self.settings.schema_retries + 1} attempts: {brief(cause)}"
                ) from None
            raise cause from None  # not the model's doing: let it show
        return parsed, _assistant_text(getattr(parsed, "_raw_response", None))


def brief(e: BaseException) -> str:
    """One line for a validation error: the first problem (and how many more), not the dump."""
    if isinstance(e, ValidationError):
        errs = e.errors(include_url=False)
        if errs:
            first = errs[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            msg = str(first.get("msg", "")).removeprefix("Value error, ")
            more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
            return _short(f"{where}: {msg}{more}" if where else msg + more)
    return _short(str(e).splitlines()[0] if str(e) else type(e).__name__)


_NETWORK = frozenset({"httpx", "httpx2", "httpcore", "httpcore2", "h11", "h2", "anyio", "ssl", "socket"})


def _network_error(e: BaseException) -> bool:
    """Raised by the network stack (whichever httpx the openai client uses), not by something
    in between such as a cassette player."""
    return isinstance(e, OSError) or any(c.__module__.split(".")[0] in _NETWORK for c in type(e).__mro__)


def _finish_reason(resp: Any) -> str | None:
    try:
        return resp.choices[0].finish_reason
    except (AttributeError, IndexError):
        return None


def _compact_schema(kwargs: dict[str, Any]) -> dict[str, Any]:
    """instructor's json/md_json modes pretty-print the schema into the system message (about
    40% of the prompt's tokens): send it without the indentation."""
    msgs = kwargs.get("messages")
    if not msgs or not isinstance(msgs[0].get("content"), str) or _SCHEMA_AT not in msgs[0]["content"]:
        return kwargs
    content = msgs[0]["content"]
    at = content.index("{", content.index(_SCHEMA_AT))
    try:
        schema, end = json.JSONDecoder().raw_decode(content, at)
    except ValueError:
        return kwargs
    compact = json.dumps(schema, ensure_ascii=False, separators=(",", ":"))
    first = {**msgs[0], "content": content[:at] + compact + content[end:]}
    return {**kwargs, "messages": [first, *msgs[1:]]}


def _assistant_text(completion: Any) -> str:
    if completion is None:
        return ""
    try:
        msg = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    if getattr(msg, "tool_calls", None):
        return msg.tool_calls[0].function.arguments or ""
    return msg.content or ""


def _strip_reasoning(resp: Any) -> str:
    """Drop <think>…</think> blocks (and reasoning fields) so only the answer is parsed."""
    try:
        msg = resp.choices[0].message
    except (AttributeError, IndexError):
        return ""
    if msg.content:
        text = _THINK.sub("", msg.content)
        if "</think>" in text:  # the chat template opened the tag: only its end is in the answer
            text = text.rsplit("</think>", 1)[1].lstrip()
        msg.content = text
    return _assistant_text(resp)


def _short(e: BaseException | str) -> str:
    s = str(e)
    return s if len(s) < 300 else s[:297] + "…"


def _fatal(e: openai.APIStatusError) -> ModelError | RequestError:
    """A non-transient HTTP error: the run's (credentials, quota, unknown model) or this
    request's (400 context too long, a parameter the provider refuses, …)."""
    s = e.status_code
    if s in (401, 403):
        return ModelError(
            f"the model endpoint refused the credentials (HTTP {s}): check --api-key / OPENAI_API_KEY"
        )
    if s == 429:
        return ModelError("the model endpoint says the quota is exhausted (HTTP 429 insufficient_quota)")
    if s == 404:
        return ModelError(f"the model endpoint does not know this model or path (HTTP 404): {_short(e)}")
    return RequestError(f"the model endpoint rejected the request (HTTP {s}): {_error_message(e)}")


def _error_message(e: openai.APIStatusError) -> str:
    body = getattr(e, "body", None)
    if isinstance(body, dict):
        err = body["error"] if isinstance(body.get("error"), dict) else body
        if err.get("message"):
            return _short(str(err["message"]))
    return _short(str(e))
