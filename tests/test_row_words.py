"""The words that name a table's total row and its year rows are data (schemas/rows.yaml), handed
down with the schema set: a set that adds a word reads a row so named as the total, the shipped
set does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from llmextract.core.resources import data_dir
from llmextract.core.schemas import load
from llmextract.pipeline import run_text

TABLE = (
    "某部门2026年部门预算\n\n部门支出总表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "{word}\t\t3,200.00\t2,000.00\t1,200.00\n"
    "210\t卫生健康支出\t3,200.00\t2,000.00\t1,200.00\n"
)


def _with_total_word(tmp: Path, word: str):  # noqa: ANN202 - core.schemas.Schemas
    root = tmp / "schemas"
    shutil.copytree(data_dir("schemas"), root)
    path = root / "rows.yaml"
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    d["totals"] = [*d["totals"], word]
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    return load(root)


def _keys(text: str, **kw) -> dict[str, str]:  # noqa: ANN003
    table = run_text(text, **kw).table("expenditure")
    assert table is not None
    return {r.key: r.label for r in table.rows}


def test_a_total_word_added_in_the_schemas_makes_its_row_the_total(tmp_path: Path) -> None:
    assert _keys(TABLE.format(word="合计"))["total"] == "合计"
    # 汇总 is no total word of the shipped set: the row is keyed by the class under it
    assert "total" not in _keys(TABLE.format(word="汇总"))
    assert _keys(TABLE.format(word="汇总"), schemas=_with_total_word(tmp_path, "汇总"))["total"] == "汇总"


def test_every_table_of_both_sets_carries_the_row_words() -> None:
    for spec in (load(), load(data_dir("schemas") / "final")):
        for t in spec.tables.values():
            assert t.row_words.total.match("总计") and not t.row_words.total.match("小计")
            assert t.row_words.named_total.match("本年支出合计")
            m = t.row_words.year.search("2025年执行数")
            assert m is not None and m.group(1) == "2025"


def test_a_schema_set_without_rows_words_reads_the_shipped_ones(tmp_path: Path) -> None:
    """A set of its own (its classes.yaml) but no rows.yaml: it matched no total word, so the
    合计 row was no longer the total (it disappeared unsaid). It reads the shipped words."""
    root = tmp_path / "schemas"
    shutil.copytree(data_dir("schemas"), root)
    (root / "rows.yaml").unlink()
    (root / "periods.yaml").unlink()
    spec = load(root)
    assert _keys(TABLE.format(word="合计"), schemas=spec)["total"] == "合计"
    t = spec.tables["three_public"]
    assert t.row_words.total.match("总计") and t.prior_words and t.current_words
