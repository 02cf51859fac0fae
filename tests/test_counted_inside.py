"""A template may print 事业单位经营支出 beside 基本支出 | 项目支出 and count it inside them: its
支出总表's 合计 is the sum of the two on every row. The table's own rows say so; the national
identity (合计 = 基本 + 项目 + 经营 + …) is then not laid on it, and nothing is blamed on the
document. A row breaking the table's own convention is still a finding."""

from __future__ import annotations

from conftest import place

from llmextract.pipeline import run_text

_HEAD = [
    place(
        (0, "科目编码"),
        (12, "科目名称"),
        (34, "合计"),
        (46, "基本支出"),
        (58, "项目支出"),
        (66, "事业单位经营支出"),
    )
]


def _row(code: str, name: str, *vals: str) -> str:
    return place((0, code), (12, name), *zip((38, 52, 64, 78), vals, strict=True))


def _doc(rows: list[str]) -> str:
    lines = [
        "2026年部门预算",
        "",
        "表3 支出总表",
        "部门名称：某局" + " " * 50 + "单位：万元",
        *_HEAD,
        *rows,
        "",
    ]
    return "\n".join(lines)


def _failed(rows: list[str]) -> list[tuple[str, str, str]]:
    res = run_text(_doc(rows), "t.txt")
    t = res.table("expenditure")
    assert t is not None and t.row("211") is not None
    assert t.row("211").values["operating"].value == "9118.50"  # type: ignore[union-attr]
    return [(c.row or "", c.col or "", c.source or "") for c in res.checks if c.table == "expenditure"]


def test_a_table_counting_its_operating_column_inside_is_no_finding() -> None:
    rows = [
        _row("", "合计", "10,844.09", "1,441.38", "9,402.71", "9,475.58"),
        _row("211", "节能环保支出", "10,446.03", "1,043.32", "9,402.71", "9,118.50"),
        _row("221", "住房保障支出", "398.06", "398.06", "0.00", "357.08"),
    ]
    assert _failed(rows) == []


def test_a_row_breaking_the_tables_own_way_of_adding_up_is_still_a_finding() -> None:
    rows = [
        _row("", "合计", "10,844.09", "1,441.38", "9,402.71", "9,475.58"),
        _row("211", "节能环保支出", "10,446.03", "1,043.32", "9,402.71", "9,118.50"),
        _row("221", "住房保障支出", "500.00", "398.06", "0.00", "357.08"),  # adds up neither way
    ]
    assert set(_failed(rows)) == {("221", "total", "document")}


def _coded(total: str) -> str:
    rows = [
        _row("", "合计", total, "0.00", "6,848.21", "0.00"),
        _row("2120803", "征地和拆迁补偿支出", "848.21", "0.00", "848.21", "0.00"),
        _row("21298", "超长期特别国债安排的支出", "6,000.00", "0.00", "6,000.00", "0.00"),
    ]
    return _doc(rows)


def test_the_total_is_the_sum_of_the_rows_no_printed_row_is_the_parent_of() -> None:
    """A 款 printed without its 类 beside a 项 printed without its 款 (北京's 政府性基金 table):
    both are top rows, the 合计 is their sum."""
    res = run_text(_coded("6,848.21"), "t.txt")
    assert not [c for c in res.checks if c.table == "expenditure"]
    res = run_text(_coded("6,000.00"), "t.txt")
    assert [(c.rule, c.row, c.col) for c in res.checks if c.rule == "total_sum"] == [
        ("total_sum", "total", "total")
    ]
