"""Tables printed unit by unit (issue 22): a unit's name with its total on a line, then its own
rows, then the next unit. Each unit's block is a table of its own (``Table.unit_name``,
``Table.block``, the department's table's id), its rows keyed as the department's; the cells
export holds the department's rows only; the checks run inside each block."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import result_from

from llmextract.checks import reconcile
from llmextract.core.result import Result
from llmextract.outputs import xlsx
from llmextract.outputs.export import cells, cells_from_csvs, table_csvs
from llmextract.pipeline import run_file
from llmextract.reading.unitblocks import Line, split, split_repeating

PDFS = Path(__file__).parent / "pdfs"


def _unit(label: str) -> bool:
    return label.endswith("中心") or label.endswith("(本级)")


def _ln(label: str, key: str | None = None, amounts: bool = True, total: bool = False) -> Line:
    return Line(label, key, amounts, total)


def test_a_department_line_then_units_each_over_its_own_coded_rows() -> None:
    lines = [
        _ln("某市某局"),  # the department's name and total, right above the first unit's line
        _ln("某市某局(本级)"),
        _ln("教育支出", "205"),
        _ln("职业教育", "20503"),
        _ln("某市数据中心"),
        _ln("教育支出", "205"),
    ]
    s = split(lines, _unit)
    assert s is not None
    assert s.department == range(0, 1)
    assert [(b.name, b.head, list(b.rows)) for b in s.blocks] == [
        ("某市某局(本级)", 1, [2, 3]),
        ("某市数据中心", 4, [5]),
    ]


def test_a_unit_line_is_told_by_its_rows_starting_again_when_its_name_reads_as_nothing() -> None:
    """A name no pattern knows (or none: lost where it wrapped) heads a block where the rows
    under it are keyed again from the start."""
    lines = [
        _ln("合计", total=True),
        _ln("甲单位(本级)"),
        _ln("工资福利支出", "301"),
        _ln("商品和服务支出", "302"),
        _ln(""),  # a unit whose name wrapped away
        _ln("工资福利支出", "301"),
    ]
    s = split(lines, _unit)
    assert s is not None
    assert s.department == range(0, 1)
    assert [(b.head, b.end) for b in s.blocks] == [(1, 4), (4, 6)]


def test_an_ordinary_table_is_not_split() -> None:
    """The department's line over its classified rows, a code-less group row over its
    children: no unit's block."""
    assert split([_ln("某市某局"), _ln("教育支出", "205"), _ln("职业教育", "20503")], _unit) is None
    assert split([_ln("合计", total=True), _ln("小计"), _ln("教育支出", "205")], _unit) is None


def test_units_printed_one_line_each_are_blocks_of_their_total() -> None:
    lines = [_ln("某市某局"), _ln("某市某局(本级)"), _ln(""), _ln("某市数据中心")]
    s = split(lines, _unit)
    assert s is not None
    assert [(b.head, b.end) for b in s.blocks] == [(1, 2), (2, 3), (3, 4)]


def test_a_table_of_periods_repeats_its_rows_unit_by_unit() -> None:
    lines = [
        _ln("某市某局", "2025"),
        _ln("", "2026"),
        _ln("", "增减变化金额"),
        _ln("某市数据中心", "2025"),
        _ln("", "2026"),
        _ln("", "2025"),  # a unit whose name wrapped away
        _ln("", "2026"),
    ]
    s = split_repeating(lines)
    assert s is not None
    assert s.department == range(0, 3)
    assert [(b.name, list(b.rows)) for b in s.blocks] == [("某市数据中心", [3, 4]), ("", [5, 6])]
    assert split_repeating(lines[:5]) is None  # the department and one unit: the same rows


def test_a_department_of_one_unit_keeps_its_rows() -> None:
    """合计, then the one unit's name and total, then its coded rows: the department's rows."""
    lines = [_ln("合计", total=True), _ln("某市数据中心"), _ln("教育支出", "205"), _ln("职业教育", "20503")]
    assert split(lines, _unit) is None


@pytest.fixture(scope="module")
def sz() -> Result:
    """Pages 62, 65 and 69 of sz002: its 收入总表 (one line per unit) and its 支出总表 (the
    department's line, then 本级's coded rows, then 数据管理中心's)."""
    return run_file(PDFS / "sz_units.pdf")


def _blocks(res: Result, table: str) -> list:
    return [t for t in res.tables if t.id == table and t.block]


def test_each_units_block_is_a_table_of_its_own_with_its_name(sz: Result) -> None:
    dept = sz.table("expenditure")
    assert dept is not None and dept.block == 0 and dept.unit_name == ""
    assert [r.key for r in dept.rows] == ["total"]
    assert dept.row("total").values["total"].value == "571347.93"  # type: ignore[union-attr]
    blocks = _blocks(sz, "expenditure")
    assert [(b.block, b.unit_name) for b in blocks] == [
        (1, "深圳市人力资源和社会保障局(本级)"),
        (2, "深圳市人力资源和社会保障数据管理中心"),
    ]
    first, second = blocks
    assert first.row("total").values["total"].value == "156491.01"
    assert first.row("2050303").values["project"].value == "12695.48"
    assert first.row("2210203").values["basic"].value == "2663.07"  # its rows go on over the page
    assert second.row("total").values["basic"].value == "2161.63"
    assert second.row("205").values["total"].value == "3.08"
    assert second.row("205").values["total"].provenance.page == 3
    assert all(c.status == "ok" for b in blocks for r in b.rows for c in r.values.values())


def test_units_printed_one_line_each_under_a_header_naming_units(sz: Result) -> None:
    """The 收入总表 lists one line per unit under 预算单位 (reading/unitrows.py): each unit's
    line is a block of its own holding its total, not a cell."""
    blocks = {b.unit_name: b for b in _blocks(sz, "revenue")}
    assert blocks["深圳技师学院"].row("total").values["total"].value == "79748.16"
    assert not [c for c in cells(sz) if c["table"] == "revenue" and c["row"] != "total"]


def test_the_cells_are_the_departments_rows_only(sz: Result) -> None:
    rows = {(c["table"], c["row"]) for c in cells(sz)}
    assert ("expenditure", "total") in rows
    assert not any(t == "expenditure" and r != "total" for t, r in rows)
    assert sz.cell_count() == sum(1 for _ in cells(sz))


def test_the_checks_run_inside_each_block(sz: Result) -> None:
    """本级's block is cut off at the pages left out: its sums fail inside the block, named
    by the unit; no check sets a unit's figures against the department's."""
    inside = [c for c in sz.checks if c.block]
    assert inside and all(c.unit_name and c.message.startswith(c.unit_name) for c in inside)
    for c in sz.checks:
        if c.block == 0 and c.table == "expenditure":
            assert c.row == "total"


def test_the_csv_and_the_workbook_list_the_units_blocks_apart(sz: Result, tmp_path: Path) -> None:
    text = table_csvs(sz)["expenditure"]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["单位", "编码", "名称"]
    assert rows[1][0] == "" and rows[1][1] == "total"
    assert any(r[0] == "深圳市人力资源和社会保障数据管理中心" and r[1] == "205" for r in rows)
    p = tmp_path / "x.expenditure.csv"
    p.write_text(text, encoding="utf-8")
    assert {r for _, r, _, _ in cells_from_csvs([p], sz.spec)} == {"total"}
    book = tmp_path / "x.xlsx"
    xlsx.write(sz, book)
    got = xlsx.read_cells(book, sz.spec)
    assert {(t, r) for t, r, _, _ in got if t == "expenditure"} == {("expenditure", "total")}


def test_a_guangzhou_table_by_economic_class_unit_by_unit() -> None:
    """gz005 pages 26–27 (部门预算基本支出预算表): 合计, then each unit's name with its total
    and its 工资福利支出 / 商品和服务支出 / … rows."""
    res = run_file(PDFS / "gz_units.pdf")
    dept = res.table("basic_by_fund")
    assert dept is not None
    assert dept.row("total").values["total"].value == "1010349.34"  # type: ignore[union-attr]
    assert dept.row("301") is None
    blocks = _blocks(res, "basic_by_fund")
    assert len(blocks) >= 10
    chest = next(b for b in blocks if b.unit_name == "广州市胸科医院")
    assert chest.row("total").values["total"].value == "36967.40"
    assert chest.row("301").values["total"].value == "30220.95"
    assert chest.row("303").values["general_budget"].value == "5247.82"
    assert not [c for c in res.checks if c.block and c.table == "basic_by_fund"]


def _with_blocks(dept: dict[str, dict[str, str]], *units: tuple[str, dict[str, dict[str, str]]]) -> Result:
    """A hand-built result: the department's 支出总表 and its units' blocks."""
    res = result_from({"expenditure": dept})
    for k, (name, rows) in enumerate(units, 1):
        b = result_from({"expenditure": rows}).tables[0]
        b.unit_name, b.block = name, k
        res.tables.append(b)
    return res


def test_a_units_block_is_checked_on_its_own_never_against_the_department() -> None:
    res = _with_blocks(
        {"total": {"total": "30.00", "basic": "10.00", "project": "20.00"}},
        ("甲中心", {"total": {"total": "10.00"}, "205": {"total": "10.00"}, "20508": {"total": "10.00"}}),
        ("乙中心", {"total": {"total": "20.00"}, "205": {"total": "15.00"}, "20508": {"total": "15.00"}}),
    )
    checks = reconcile.check(res)
    inside = [c for c in checks if c.block]
    assert [(c.block, c.unit_name, c.row) for c in inside] == [(2, "乙中心", "total")]  # 20 ≠ 15
    assert inside[0].message.startswith("乙中心：")
    assert not [c for c in checks if c.rule == "units_sum"]  # 30 = 10 + 20


def test_the_departments_total_is_its_units_totals() -> None:
    res = _with_blocks(
        {"total": {"total": "31.00"}},
        ("甲中心", {"total": {"total": "10.00"}}),
        ("乙中心", {"total": {"total": "20.00"}}),
    )
    (c,) = [c for c in reconcile.check(res) if c.rule == "units_sum"]
    assert (c.table, c.row, c.col, c.expected, c.found, c.source) == (
        "expenditure",
        "total",
        "total",
        "30.00",
        "31.00",
        "document",
    )
    assert "2 个单位的合计之和为 30.00 万元" in c.message
