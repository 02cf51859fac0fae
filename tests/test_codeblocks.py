"""Where the blocks of a table printed unit by unit without the units' names lie: the codes
starting again (reading/codeblocks.py)."""

from __future__ import annotations

from llmextract.reading import codeblocks


def _a(*v: str | None) -> tuple[str | None, ...]:
    return tuple(v)


def test_a_block_starts_where_the_codes_start_again() -> None:
    keys = ["2010501", "2010505", "2080505", "2010501", "2080505", "2101102", "2010550", "total"]
    amounts = [_a(v) for v in ("5.00", "6.00", "7.00", "1.00", "2.00", "3.00", "4.00", "28.00")]
    begin = codeblocks.starts(keys, amounts)
    assert begin == [0, 3, 6]
    assert codeblocks.ranges(keys, begin) == [[0, 1, 2], [3, 4, 5], [6]]


def test_one_row_per_unit_of_the_same_code() -> None:
    keys = ["2200509", "2200511", "2200504", "2200509", "2200509", "2200509"]
    amounts = [_a("1.00"), _a("2.00"), _a("3.00"), _a("4.00"), _a("5.00"), _a("5.00")]
    assert codeblocks.ranges(keys, codeblocks.starts(keys, amounts) or []) == [[0, 1], [2, 3], [4], [5]]


def test_a_department_table_out_of_order_is_no_unit_table() -> None:
    """No code printed twice: the department's own rows, in whatever order."""
    keys = ["2210201", "2080506", "2013650", "total"]
    amounts = [_a("1.00"), _a("2.00"), _a("3.00"), _a("6.00")]
    assert codeblocks.starts(keys, amounts) is None


def test_a_table_printed_twice_over_is_one_table() -> None:
    """The same codes with the same amounts again: a second printing, not a second unit."""
    keys = ["201", "20101", "201", "20101"]
    amounts = [_a("3.00", "1.00"), _a("3.00", "1.00"), _a("3.00", "1.00"), _a("3.00", "1.00")]
    assert codeblocks.starts(keys, amounts) is None


def test_codes_printed_side_by_side_key_blocks_too() -> None:
    keys = ["50101/30101", "50201/30201", "50101/30101", "total"]
    amounts = [_a("1.00"), _a("2.00"), _a("3.00"), _a("6.00")]
    assert codeblocks.starts(keys, amounts) == [0, 2]


def test_a_table_printed_unit_by_unit_without_names_is_read_block_by_block() -> None:
    """北京's 预算05表 prints each unit's rows one after another, its name not printed, the
    codes starting again for the next unit (tests/pdfs/bj_units.pdf: its first two pages):
    each unit's rows are a table of its own, none of them the department's or a cell."""
    from pathlib import Path

    from llmextract.outputs.export import cells
    from llmextract.pipeline import run_file

    res = run_file(Path(__file__).parent / "pdfs" / "bj_units.pdf")
    blocks = [t for t in res.tables if t.id == "gpb_expenditure" and t.block]
    dept = next(t for t in res.tables if t.id == "gpb_expenditure" and not t.block)
    assert [b.block for b in blocks] == list(range(1, len(blocks) + 1))
    assert len(blocks) >= 5
    first, second = blocks[0], blocks[1]
    assert first.unit_name == "" and len(first.rows) == 13
    assert {c: v.value for c, v in first.row("2010501").values.items()} == {  # type: ignore[union-attr]
        "total": "5193.319939", "basic": "5193.319939", "personnel": "4557.351900", "public": "635.968039",
    }
    assert second.row("2010501").values["total"].value == "458.185708"  # type: ignore[union-attr]
    assert "project" not in second.row("2010501").values  # type: ignore[union-attr]
    assert [r.key for r in blocks[2].rows][:2] == ["2010503", "2010599"]
    assert not dept.rows
    assert all(v.status == "ok" for b in blocks for r in b.rows for v in r.values.values())
    assert not [c for c in res.checks if c.table == "gpb_expenditure"]
    assert not [c for c in cells(res) if c["table"] == "gpb_expenditure"]


def test_a_group_printed_again_without_amounts_is_no_second_unit() -> None:
    """A group's row printed again over a page's rows, without amounts: one table."""
    keys = ["301", "30101", "302", "30201", "302", "30204"]
    amounts = [_a("3.00"), _a("3.00"), _a("4.00"), _a("1.00"), _a(None), _a("3.00")]
    assert codeblocks.starts(keys, amounts) is None


def test_the_units_rows_add_up_to_the_departments_total() -> None:
    """The 合计 under a table printed unit by unit without names is checked against every
    unit's rows: a 合计 printed otherwise is found, said of the document."""
    from llmextract.checks import blockrows
    from llmextract.pipeline import run_text

    head = [
        "2026年部门预算",
        "",
        "                             预算05表 一般公共预算支出表",
        "  科目编码              科目名称     合计          基本支出         项目支出",
    ]
    rows = [
        "2010501   行政运行               10.00         10.00",
        "2010505   专项统计业务             5.00                        5.00",
        "2010501   行政运行                3.00          3.00",
        "2101102   事业单位医疗             2.00          2.00",
        "                    合   计    20.00         15.00          5.00",
    ]
    res = run_text("\n".join(head + rows) + "\n", "t.txt")
    assert [t.block for t in res.tables if t.id == "gpb_expenditure"] == [0, 1, 2]
    assert not blockrows.rows_add_up(res)
    text = "\n".join(head + rows).replace("20.00         15.00", "21.00         15.00")
    bad = run_text(text + "\n", "t.txt")
    found = [c for c in bad.checks if c.rule == "blocks_rows_sum"]
    assert [(c.col, c.expected, c.found) for c in found] == [("total", "20.00", "21.00")]


def test_rows_keyed_otherwise_neither_start_nor_repeat_a_block() -> None:
    """A 支出总表 whose function name wrapped away from its code keys two rows by their economic
    codes only (50102/30108, 50501/30108), the second out of order and printed again: the rows
    keyed by all three codes are in order, each once — the department's table, not units'."""
    keys = [
        "2080501/50905/30302", "2080502/50905/30302", "50102/30108", "50501/30108",
        "2080506/50102/30109", "50102/30108", "2101101/50102/30110", "2101102/50102/30110",
    ]
    amounts = [_a(f"{n}.00") for n in range(1, 9)]
    assert codeblocks.starts(keys, amounts) is None
