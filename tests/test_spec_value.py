"""The schema set is a value: a document read with another set than the default shows that set
in every output — cells, CSV, xlsx, the database and the audit — with no global in between."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from llmextract.core.resources import data_dir
from llmextract.core.schemas import load
from llmextract.outputs import database, export, xlsx
from llmextract.pipeline import run_file

PDF = EXAMPLES / "sh_putuo_justice_2026.pdf"


def _other_spec(tmp: Path):  # noqa: ANN202 - core.schemas.Schemas
    """The shipped set with three changes: the 基本支出 column of the 一般公共预算 table shown as
    基本经费, its total row no cell, and no audit rule for a figure stated twice."""
    root = tmp / "schemas"
    shutil.copytree(data_dir("schemas"), root)
    path = root / "tables" / "gpb_expenditure.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{id: basic, names: [基本支出]", "{id: basic, names: [基本经费, 基本支出]")
    path.write_text(text + "\naux_rows: [total]\n", encoding="utf-8")
    rules = root / "audit.yaml"
    d = yaml.safe_load(rules.read_text(encoding="utf-8"))
    d["rules"] = [r for r in d["rules"] if r["id"] != "stated_twice"]
    rules.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    return load(root)


def test_another_schema_set_reaches_every_output(tmp_path: Path) -> None:
    spec = _other_spec(tmp_path)
    default = run_file(PDF)
    other = run_file(PDF, schemas=spec)
    assert other.spec is spec and default.spec is not spec

    def total_cells(res) -> set[tuple[str, str, str, str]]:  # noqa: ANN001
        return {
            c
            for c in ((x["table"], x["row"], x["col"], x["value"]) for x in export.cells(res))
            if c[0] == "gpb_expenditure" and c[1] == "total"
        }

    # cells: the total row is no cell in the other set
    assert total_cells(default) and not total_cells(other)
    want = {(c["table"], c["row"], c["col"], c["value"]) for c in export.cells(other)}
    # CSV: the heading of the other set, and its cells read back
    written = export.write(other, tmp_path / "out", "doc", ["csv", "xlsx"])
    csv_path = next(p for p in written if p.name.endswith(".gpb_expenditure.csv"))
    heading = next(csv.reader(csv_path.open(encoding="utf-8")))
    assert "本年基本经费" in heading and "本年基本支出" not in heading
    assert export.cells_from_csvs([p for p in written if p.suffix == ".csv"], spec) == want
    # xlsx and the database give back the other set's cells
    assert xlsx.read_cells(tmp_path / "out" / "doc.xlsx", spec) == want
    eng = database.engine_for(str(tmp_path / "r.sqlite"))
    assert database.read_cells(eng, database.save(eng, other), spec) == want
    # the audit runs the other set's rules
    twice = [c for c in default.checks if c.rule == "stated_twice"]
    assert any(re.search("住房公积金", c.message) for c in twice)
    assert not [c for c in other.checks if c.rule == "stated_twice"]


def test_a_table_layout_the_reader_does_not_know_is_refused_by_name(tmp_path: Path) -> None:
    """A layout is one of a closed set: a typo in a schema set is refused when the set is loaded,
    naming the table and the layouts there are, instead of reading the table as something else."""

    root = tmp_path / "schemas"
    shutil.copytree(data_dir("schemas"), root)
    path = root / "tables" / "gpb_expenditure.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("layout: coded", "layout: codded"), encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"table gpb_expenditure: layout 'codded' is none of coded, labeled"):
        load(root)
