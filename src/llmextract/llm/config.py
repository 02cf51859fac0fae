"""Settings for the model path, from (lowest to highest priority) defaults, a config file,
the environment and the command line.

Config file: ``./llmextract.toml`` or ``~/.config/llmextract/config.toml`` (or the file
named by ``LLMEXTRACT_CONFIG``), with keys of :class:`Settings` at the top level::

    model = "deepseek-chat"
    base_url = "https://api.deepseek.com/v1"
    max_reprompts = 2

Per-provider request options go in a ``[providers.<name>]`` table (the provider names of
:data:`PROVIDERS`; ``openai-compatible`` for any other server)::

    [providers.qwen]
    extra_body = { enable_thinking = false }   # DashScope: qwen3 without streaming
    max_tokens = 4096

Environment: ``LLMEXTRACT_MODEL``, ``OPENAI_BASE_URL``, ``OPENAI_API_KEY`` (and
``LLMEXTRACT_MODE``, ``LLMEXTRACT_LOG_DB``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

# Which instructor mode each provider needs: tool calling where the server implements it,
# JSON mode (response_format json_object) for local servers, fenced JSON as the fallback.
# Keyed by a substring of the base URL's host (or the host:port of the usual local servers).
PROVIDERS: dict[str, tuple[str, str]] = {
    "api.openai.com": ("openai", "tools"),
    "api.deepseek.com": ("deepseek", "tools"),
    "dashscope.aliyuncs.com": ("qwen", "tools"),
    "dashscope-intl.aliyuncs.com": ("qwen", "tools"),
    "api.moonshot.cn": ("moonshot", "tools"),
    "api.moonshot.ai": ("moonshot", "tools"),
    ":11434": ("ollama", "json"),
    ":8000": ("vllm", "json"),
    ":8080": ("llamacpp", "json"),
}
# Models that reason before answering and lack tool calling: ask for fenced JSON.
REASONING_MODELS = ("deepseek-reasoner", "qwq", "-r1", "r1-")
MODES = ("tools", "json", "md_json")
# Request options a provider needs whatever the config says (the config's own win over these):
# DashScope answers HTTP 400 "enable_thinking must be false" to a non-streaming qwen3 request.
PROVIDER_DEFAULTS: dict[str, dict[str, Any]] = {"qwen": {"extra_body": {"enable_thinking": False}}}
PROVIDER_KEYS = ("extra_body", "max_tokens")


@dataclass(frozen=True)
class Settings:
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    mode: str | None = None  # tools | json | md_json (None: from the provider table)
    strategy: str | None = None  # hybrid | llm | structure | offline (None: hybrid with a model)
    max_reprompts: int = 2  # arithmetic re-prompts per chunk
    schema_retries: int = 2  # instructor re-asks on invalid JSON / schema / grounding errors
    transport_retries: int = 4  # HTTP retries on 408/429/5xx/timeouts
    timeout: float = 60.0  # seconds per request
    max_tokens: int | None = None  # the answer's token limit (None: the server's default)
    extra_body: dict[str, Any] = field(default_factory=dict)  # extra request fields, every provider
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)  # [providers.<name>] options
    jobs: int = 4  # documents in parallel, and model requests in flight for the whole run
    rpm: int = 0  # requests per minute (0: no limit)
    log_db: str | None = None  # SQLite log of model requests, and the answer cache
    cache: bool = True
    structure: bool = True  # ask the model for the structure of regions the embedded reader cannot place

    @property
    def uses_model(self) -> bool:
        return bool(self.model)

    def effective_strategy(self) -> str:
        if self.strategy:
            return self.strategy
        return "hybrid" if self.uses_model else "offline"

    def provider(self) -> tuple[str, str]:
        """(provider name, instructor mode)."""
        host = urlparse(self.base_url or "https://api.openai.com/v1").netloc
        name, mode = "openai-compatible", "md_json"
        for key, (n, m) in PROVIDERS.items():
            if key in host:
                name, mode = n, m
                break
        if self.model and any(k in self.model.lower() for k in REASONING_MODELS):
            mode = "md_json"
        return name, (self.mode or mode)

    def request_options(self) -> dict[str, Any]:
        """``extra_body`` and ``max_tokens`` for this provider: built-in defaults, then the
        config's top level, then its ``[providers.<name>]`` table, then the command line."""
        name, _ = self.provider()
        merged: dict[str, Any] = {"extra_body": {}, "max_tokens": None}
        layers = (
            PROVIDER_DEFAULTS.get(name, {}),
            {"extra_body": self.extra_body},
            self.providers.get(name, {}),
        )
        for layer in layers:
            merged["extra_body"] = {**merged["extra_body"], **(layer.get("extra_body") or {})}
            if layer.get("max_tokens") is not None:
                merged["max_tokens"] = layer["max_tokens"]
        if self.max_tokens is not None:
            merged["max_tokens"] = self.max_tokens
        return merged

    def db_path(self) -> Path:
        if self.log_db:
            return Path(self.log_db)
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        return base / "llmextract" / "llm.sqlite"


def _config_file() -> dict[str, Any]:
    cands = [
        os.environ.get("LLMEXTRACT_CONFIG"),
        "llmextract.toml",
        str(Path.home() / ".config" / "llmextract" / "config.toml"),
    ]
    for c in cands:
        if c and Path(c).is_file():
            with open(c, "rb") as f:
                data = tomllib.load(f)
            known = {f.name for f in fields(Settings)}
            unknown = set(data) - known
            if unknown:
                raise ValueError(f"{c}: unknown settings {', '.join(sorted(unknown))}")
            for name, opts in (data.get("providers") or {}).items():
                bad = set(opts) - set(PROVIDER_KEYS)
                if bad:
                    raise ValueError(f"{c}: [providers.{name}]: unknown settings {', '.join(sorted(bad))}")
            return data
    return {}


def load(**cli: Any) -> Settings:
    s = Settings(**_config_file())
    env: dict[str, Any] = {
        "model": os.environ.get("LLMEXTRACT_MODEL"),
        "base_url": os.environ.get("OPENAI_BASE_URL"),
        "api_key": os.environ.get("OPENAI_API_KEY"),
        "mode": os.environ.get("LLMEXTRACT_MODE"),
        "log_db": os.environ.get("LLMEXTRACT_LOG_DB"),
    }
    s = replace(s, **{k: v for k, v in env.items() if v})
    s = replace(s, **{k: v for k, v in cli.items() if v is not None})
    if s.mode and s.mode not in MODES:
        raise ValueError(f"unknown mode {s.mode!r} (choose from {', '.join(MODES)})")
    if s.strategy and s.strategy not in ("hybrid", "llm", "structure", "offline"):
        raise ValueError(f"unknown strategy {s.strategy!r} (choose from hybrid, llm, structure, offline)")
    if s.strategy in ("hybrid", "llm", "structure") and not s.model:
        raise ValueError(f"--strategy {s.strategy} needs a model: give --model or set LLMEXTRACT_MODEL")
    return s
