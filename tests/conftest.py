from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from llmextract.core.result import Cell, Fact, Provenance, Result, Row, SourceInfo, Table
from llmextract.core.schemas import load
from llmextract.outputs.export import cells
from llmextract.pipeline import run_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REAL = Path(__file__).resolve().parent / "real"  # two real Shanghai documents (PDF and pdftotext -layout)
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


PDFS = Path(__file__).parent / "pdfs"


def pdf_gold(name: str) -> dict[tuple[str, str, str], str]:
    """A generated PDF's gold (``tests/pdfs/<name>.gold.jsonl``): (table, row, column) → value."""
    out = {}
    for line in (PDFS / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        out[(c["table"], c["row"], c["col"])] = c["value"]
    return out


def as_committed(name: str, made: tuple[bytes, list[dict[str, str]]]) -> None:
    """A generator's PDF and gold (``made``) are the files committed as ``tests/pdfs/<name>``."""
    data, gold = made
    assert (PDFS / f"{name}.pdf").read_bytes() == data
    lines = (PDFS / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == gold


def table_cells(res: Result) -> dict[tuple[str, str, str], tuple[str, str]]:
    """A result's table cells: (table, row, column) → (value, status)."""
    return {
        (c["table"], c["row"], c["col"]): (c["value"], c.get("status", "ok"))
        for c in cells(res)
        if c["table"] != "narrative"
    }


def sure_cells(name: str) -> dict[tuple[str, str, str], str]:
    """The cells a generated PDF reads sure (status ok), by (table, row, col)."""
    return {k: v for k, (v, s) in read_pdf(name).items() if s == "ok"}


def styles_not_yet(styles: list, not_yet: set[str], reason: str) -> list:  # type: ignore[type-arg]
    """Generated styles as test parameters, those of ``not_yet`` a strict xfail (``reason``)."""
    return [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=reason)) if s.name in not_yet else s
        for s in styles
    ]


def read_pdf(name: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    """``tests/pdfs/<name>.pdf`` read: its table cells."""
    return table_cells(run_file(PDFS / f"{name}.pdf"))


@pytest.fixture(params=SEEDS)
def seed(request: pytest.FixtureRequest) -> str:
    return request.param


# -- model-path tests: cassettes (pytest-recording) and the scripted server ----------------------

FAKE_KEY = "sk-test-DO-NOT-LEAK-4f1c"  # a made-up key; a test greps that it never lands anywhere


def _body_json(body: bytes | str | None):
    if body in (None, b"", ""):
        return None
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        return json.loads(body)
    except ValueError:
        return body


def json_body(r1, r2) -> None:  # noqa: ANN001 - vcr requests
    """Request bodies match when they are the same JSON (key order and spacing ignored):
    a changed prompt or schema fails loudly instead of replaying a stale answer."""
    assert _body_json(r1.body) == _body_json(r2.body), "the request body differs from the cassette"


def _pretty(body):  # noqa: ANN001, ANN202
    data = _body_json(body)
    if isinstance(data, (dict, list)):
        return json.dumps(data, ensure_ascii=False, indent=1)
    return body.decode("utf-8") if isinstance(body, bytes) else body


def _readable_request(request):  # noqa: ANN001, ANN202
    request.body = _pretty(request.body)
    return request


def _readable_response(response: dict) -> dict:
    # vcrpy runs this hook when recording and again when loading a cassette: keep bytes bytes
    raw = response["body"]["string"]
    body = _pretty(raw).encode("utf-8") if raw else raw
    response["body"]["string"] = body
    for k in list(response["headers"]):
        if k.lower() == "content-length" and body is not None:  # the pretty body has its own length
            response["headers"][k] = [str(len(body))]
    return response


class _Utf8Yaml:
    """vcrpy's YAML serializer, writing Chinese as Chinese (allow_unicode)."""

    @staticmethod
    def serialize(cassette_dict: dict) -> str:
        import yaml

        class Dumper(yaml.SafeDumper):
            pass

        def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
            style = "|" if "\n" in data else None  # multi-line bodies as literal blocks
            return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

        Dumper.add_representer(str, text)
        return yaml.dump(cassette_dict, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=110)

    @staticmethod
    def deserialize(cassette_string: str) -> dict:
        import yaml

        return yaml.load(cassette_string, Loader=yaml.SafeLoader)


def pytest_recording_configure(config, vcr) -> None:  # noqa: ANN001
    vcr.register_matcher("json_body", json_body)
    vcr.register_serializer("yaml", _Utf8Yaml)  # same name: cassettes stay *.yaml


@pytest.fixture(scope="session")
def vcr_config() -> dict:
    # record_mode is deliberately not set here: pytest-recording's default is "none" (replay
    # only); re-record with --record-mode=rewrite (see README).
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"],
        "match_on": ["method", "scheme", "host", "port", "path", "json_body"],
        "decode_compressed_response": True,
        "before_record_request": _readable_request,
        "before_record_response": _readable_response,
    }


@pytest.fixture
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__)


def result_from(
    tables: dict[str, dict[str, dict[str, str]]],
    facts: dict[str, tuple[str, str]] | None = None,
    units: dict[str, str] | None = None,
) -> Result:
    """A result built by hand (provenance is not the point): {table: {row: {col: value}}}, prose
    facts {id: (value, sentence)}, money units {table: unit}; the shipped schema set attached."""
    p = Provenance(start=0, end=0, line=1, col=1, text="")
    units = units or {}
    return Result(
        source=SourceInfo(path="x.txt", encoding="utf-8", sha256="", lines=1, chars=0),
        tables=[
            Table(
                id=t,
                title=t,
                line=1,
                money_unit=units.get(t, ""),
                rows=[
                    Row(key=k, values={c: Cell(value=v, provenance=p) for c, v in cols.items()})
                    for k, cols in rows.items()
                ],
            )
            for t, rows in tables.items()
        ],
        narrative=[Fact(id=k, value=v, sentence=s, provenance=p) for k, (v, s) in (facts or {}).items()],
    ).attach_spec(load())


def place(*items: tuple[int, str], right: bool = True) -> str:
    """A line laid out as ``pdftotext -layout`` prints it: each text standing at a column, an
    amount ending there (its right edge at the column) when ``right``."""
    line = ""
    for col, s in items:
        start = col - len(s) if right and ("." in s or "," in s) else col
        line = line.ljust(start) + s if len(line) <= start else line + " " + s
    return line
