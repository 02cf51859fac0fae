"""SQLite log of every model request and response, doubling as the answer cache.

Every HTTP request to a model is logged (model, prompt version, document, chunk, attempt
kind, tokens, latency, status). A validated, grounded and reconciled answer is cached under
a key made of base URL + model + mode + schema + prompt version + chunk text, so re-running a document costs
zero requests. No API key or Authorization header is ever stored.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY,
  ts REAL NOT NULL,
  document TEXT, chunk TEXT,
  model TEXT, provider TEXT, mode TEXT, prompt_version TEXT,
  attempt_kind TEXT,          -- initial | structure | schema_reask | arithmetic_reprompt | transport_retry
  status TEXT,                -- ok | http_error | timeout | error
  http_status INTEGER,
  prompt_tokens INTEGER, completion_tokens INTEGER,
  latency_ms INTEGER,
  request TEXT, response TEXT, error TEXT,
  finish_reason TEXT
);
CREATE TABLE IF NOT EXISTS cache (
  key TEXT PRIMARY KEY,
  model TEXT, prompt_version TEXT, table_id TEXT,
  created REAL, value TEXT
);
CREATE TABLE IF NOT EXISTS cache_hits (
  ts REAL, document TEXT, chunk TEXT, key TEXT
);
"""


def cache_key(
    model: str, schema_json: str, prompt_version: str, chunk_text: str, mode: str, base_url: str = ""
) -> str:
    """The same model name on another server (a local quantisation, another provider) is
    another model: the base URL is part of the key."""
    h = hashlib.sha256()
    for part in (base_url.rstrip("/"), model, mode, prompt_version, schema_json, chunk_text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.executescript(SCHEMA)
        have = {r[1] for r in self._db.execute("PRAGMA table_info(requests)")}
        if "finish_reason" not in have:  # a log written by an older version
            self._db.execute("ALTER TABLE requests ADD COLUMN finish_reason TEXT")
        self._lock = threading.Lock()

    def log(self, **row: Any) -> None:
        row.setdefault("ts", time.time())
        for k in ("request", "response"):
            if isinstance(row.get(k), (dict, list)):
                row[k] = json.dumps(row[k], ensure_ascii=False)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._lock:
            self._db.execute(f"INSERT INTO requests ({cols}) VALUES ({marks})", list(row.values()))
            self._db.commit()

    def get(self, key: str, document: str = "", chunk: str = "") -> Any | None:
        with self._lock:
            cur = self._db.execute("SELECT value FROM cache WHERE key = ?", (key,))
            r = cur.fetchone()
            if r is None:
                return None
            self._db.execute(
                "INSERT INTO cache_hits VALUES (?, ?, ?, ?)", (time.time(), document, chunk, key)
            )
            self._db.commit()
        return json.loads(r[0])

    def put(self, key: str, value: Any, *, model: str, prompt_version: str, table_id: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO cache VALUES (?, ?, ?, ?, ?, ?)",
                (key, model, prompt_version, table_id, time.time(), json.dumps(value, ensure_ascii=False)),
            )
            self._db.commit()

    def requests(self, document: str | None = None) -> list[dict[str, Any]]:
        q = "SELECT * FROM requests" + (" WHERE document = ?" if document else "") + " ORDER BY id"
        with self._lock:
            cur = self._db.execute(q, (document,) if document else ())
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def usage(self) -> list[dict[str, Any]]:
        """Requests, tokens and cache hits per document. A token count is ``None`` (unknown) when
        a request that got an answer came without ``usage``: a partial sum would understate it."""
        with self._lock:
            rows = self._db.execute(
                """SELECT document, COUNT(*),
                          CASE WHEN SUM(status = 'ok' AND prompt_tokens IS NULL) > 0 THEN NULL
                               ELSE COALESCE(SUM(prompt_tokens), 0) END,
                          CASE WHEN SUM(status = 'ok' AND completion_tokens IS NULL) > 0 THEN NULL
                               ELSE COALESCE(SUM(completion_tokens), 0) END,
                          SUM(CASE WHEN attempt_kind NOT IN ('initial', 'structure') THEN 1 ELSE 0 END)
                   FROM requests GROUP BY document"""
            ).fetchall()
            hits = dict(
                self._db.execute("SELECT document, COUNT(*) FROM cache_hits GROUP BY document").fetchall()
            )
        docs = {r[0]: r for r in rows}
        out = []
        for doc in sorted(set(docs) | set(hits), key=lambda x: x or ""):
            r = docs.get(doc, (doc, 0, 0, 0, 0))
            out.append(
                {
                    "document": doc,
                    "requests": r[1],
                    "prompt_tokens": r[2],
                    "completion_tokens": r[3],
                    "retries": r[4],
                    "cache_hits": hits.get(doc, 0),
                }
            )
        return out

    def close(self) -> None:
        with self._lock:
            self._db.close()
