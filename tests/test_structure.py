"""Structure requests, replayed from cassettes recorded against a REAL local model.

The cassettes in ``cassettes/test_structure/`` were recorded against Qwen2.5-Coder-1.5B-Instruct
(Q4_K_M GGUF) served by llama-server on 127.0.0.1:8765, as ``benchmarks/local_model.sh``
builds and starts it: the answers are a language model's, not scripted. Re-record with the
server running:

    bash benchmarks/local_model.sh
    python -m pytest tests/test_structure.py --record-mode=rewrite

The table is a real one (上海, 一般公共预算支出功能分类预算表 of a dev-corpus document, as
``pdftotext -layout`` prints it); the test removes its column words from the vocabulary, so
the embedded reader cannot map its columns by itself.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import ROOT

from llmextract.core import schemas as schema_defs
from llmextract.core.source import Source
from llmextract.llm import structure
from llmextract.llm.client import ModelClient
from llmextract.llm.config import Settings
from llmextract.llm.requestlog import Store
from llmextract.llm.structure_answer import StructureAnswer
from llmextract.pipeline import run_text

LOCAL = "http://127.0.0.1:8765/v1"  # benchmarks/local_model.sh's default
TABLE = (ROOT / "tests" / "structure" / "sh_gpb_expenditure.txt").read_text(encoding="utf-8")
WORDS = ("total", "basic", "project")


def blind_schemas() -> schema_defs.Schemas:
    """The schemas without the words of gpb_expenditure's columns (合计, 基本支出, 项目支出),
    and with their canonical order reversed: without a mapping the embedded reader can only
    guess, and guesses wrong."""
    s = schema_defs.load()
    g = s.table("gpb_expenditure")
    cols = tuple(dataclasses.replace(c, names=(), pattern=None) if c.id in WORDS else c for c in g.columns)
    blind = dataclasses.replace(g, columns=cols, canonical=("project", "basic", "total"))
    return dataclasses.replace(s, tables={**s.tables, "gpb_expenditure": blind})


def local_client(tmp_path: Path, db: str = "llm.sqlite") -> ModelClient:
    settings = Settings(
        model="local",
        base_url=LOCAL,
        api_key="none",
        mode="json",
        log_db=str(tmp_path / db),
        transport_retries=0,
        schema_retries=2,
        timeout=600,
        jobs=1,
    )
    return ModelClient(settings, Store(settings.db_path()))


def cells(res, table: str = "gpb_expenditure") -> dict:  # noqa: ANN001
    return {(r.key, k): (v.value, v.status) for r in res.table(table).rows for k, v in r.values.items()}


def test_without_its_words_the_embedded_reader_cannot_place_the_columns() -> None:
    full = cells(run_text(TABLE, "sh.txt"))
    blind = cells(run_text(TABLE, "sh.txt", schemas=blind_schemas()))
    assert full[("205", "basic")] == ("215477090", "ok")
    assert blind[("205", "total")] == ("21416300", "doubt")  # guessed by a wrong order: in doubt
    assert all(status == "doubt" for _, status in blind.values())


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_real_model_maps_an_unseen_header_and_the_cells_come_out_right(tmp_path: Path) -> None:
    c = local_client(tmp_path)
    res = run_text(TABLE, "sh.txt", schemas=blind_schemas(), client=c, strategy="structure")
    want = cells(run_text(TABLE, "sh.txt"))  # the full vocabulary's reading: all ok, checks pass
    assert all(status == "ok" for _, status in want.values())
    assert cells(res) == want
    t = res.table("gpb_expenditure")
    assert t.extracted_by == "layout+model-structure" and not t.unsure
    assert res.model.structure_from_model == 1 and res.model.structure_applied == 1
    assert res.model.structure_refused_sure == 0
    assert [r["attempt_kind"] for r in c.store.requests()][0] == "structure"
    # a second document of the same template asks nothing: the mapping comes from the cache
    again = run_text(TABLE, "sh-2.txt", schemas=blind_schemas(), client=c, strategy="structure")
    assert cells(again) == want
    assert again.model.structure_from_cache == 1 and again.model.structure_from_model == 0
    assert len(c.store.requests()) == len(c.store.requests("sh.txt"))


def _region(schemas: schema_defs.Schemas) -> tuple[structure.Region, Source]:
    from llmextract.document import chunking, normalize
    from llmextract.reading import tables

    src = Source.from_text(TABLE, "sh.txt", "utf-8")
    chunks = chunking.split(normalize.normalize(src.raw), schemas)
    off = {
        i: tables.extract(ch, schemas.table(ch.table_id), schemas, src, 2026)
        for i, ch in enumerate(chunks)
        if ch.kind == "table" and ch.table_id and schemas.table(ch.table_id).layout != "none"
    }
    (region,) = structure.regions(chunks, schemas, off, src)
    return region, src


def test_a_wrong_mapping_is_caught_by_the_arithmetic_and_marked_doubt() -> None:
    s = blind_schemas()
    region, src = _region(s)
    wrong = StructureAnswer.model_validate(
        {
            "table": "gpb_expenditure",
            "columns": [
                {"header": "一般公共预算支出 / 合计", "column": "basic"},  # 合计 and 基本支出 exchanged
                {"header": "一般公共预算支出 / 基本支出", "column": "total"},
                {"header": "一般公共预算支出 / 项目支出", "column": "project"},
            ],
            "row_keys": "code",
        },
        context=structure.context(region, s),
    )
    table = structure.reread(region, wrong, s, src, 2026)
    assert table is not None and table.unsure
    assert table.row("205").values["basic"].value == "236893390"  # read where the mapping says…
    assert {c.status for r in table.rows for c in r.values.values()} == {"doubt"}  # …and in doubt
    assert "未得到本表自身算术的印证" in table.doubts[-1]


def test_unknown_ids_are_refused_with_the_exact_error_and_unprinted_headers_dropped() -> None:
    s = blind_schemas()
    region, _ = _region(s)
    ctx = structure.context(region, s)
    with pytest.raises(ValueError, match="column 'amount' is not a column of gpb_expenditure"):
        StructureAnswer.model_validate(
            {"table": "gpb_expenditure", "columns": [{"header": "合计", "column": "amount"}]}, context=ctx
        )
    with pytest.raises(ValueError, match="table 'budget' is not one of the candidates"):
        StructureAnswer.model_validate({"table": "budget", "columns": []}, context=ctx)
    a = StructureAnswer.model_validate(
        {"table": "gpb_expenditure", "columns": [{"header": "预算数", "column": "total"}]}, context=ctx
    )
    assert a.columns == []  # 预算数 is not printed in this header: no mapping of it


def test_the_mapping_is_keyed_by_template_not_by_document() -> None:
    s = blind_schemas()
    region, _ = _region(s)
    other = TABLE.replace("上海交通职业技术学院", "另一个单位").replace("236,893,390", "236,893,391")
    src2 = Source.from_text(other, "b.txt", "utf-8")
    from llmextract.document import chunking, normalize
    from llmextract.reading import tables

    chunks = chunking.split(normalize.normalize(src2.raw), s)
    off = {
        i: tables.extract(ch, s.table(ch.table_id), s, src2, 2026)
        for i, ch in enumerate(chunks)
        if ch.kind == "table" and ch.table_id and s.table(ch.table_id).layout != "none"
    }
    (region2,) = structure.regions(chunks, s, off, src2)
    assert region2.signature() == region.signature()
    assert "236" not in region.signature() and "上海交通" not in region.signature()


@pytest.mark.vcr
@pytest.mark.block_network
def test_a_batch_asks_once_per_template_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from llmextract import pipeline
    from llmextract.cli.main import main

    monkeypatch.setattr(pipeline.dockind, "schemas_for", lambda kind: blind_schemas())  # noqa: ARG005
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TABLE, encoding="utf-8")
    (docs / "b.txt").write_text(TABLE.replace("上海交通职业技术学院", "另一个学院"), encoding="utf-8")
    argv = ["run", str(docs), "-o", str(tmp_path / "out"), "--model", "local", "--base-url", LOCAL]
    argv += ["--api-key", "none", "--mode", "json", "--strategy", "structure", "--jobs", "1"]
    argv += ["--log-db", str(tmp_path / "l.sqlite"), "--timeout", "600"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "table structures named by the model: 1 asked, 1 from the cache" in out


def test_a_template_the_model_could_not_name_is_not_asked_again(tmp_path: Path) -> None:
    from llmextract.llm.client import SchemaError

    c = local_client(tmp_path)
    calls: list[str] = []

    def refuses(*args, **kw):  # noqa: ANN002, ANN003, ANN202, ARG001
        calls.append(kw["chunk"])
        raise SchemaError("the model's answer did not fit the schema after 3 attempts: …")

    c.structured = refuses  # type: ignore[method-assign]
    first = run_text(TABLE, "a.txt", schemas=blind_schemas(), client=c, strategy="structure")
    second = run_text(TABLE, "b.txt", schemas=blind_schemas(), client=c, strategy="structure")
    assert len(calls) == 1 and first.model.degraded == 1
    assert second.model.structure_from_cache == 1 and second.model.degraded == 0
    assert cells(second) == cells(run_text(TABLE, "b.txt", schemas=blind_schemas()))  # the embedded reading
