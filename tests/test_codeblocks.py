"""Where the blocks of a table printed unit by unit without the units' names lie: the codes
starting again (reading/codeblocks.py)."""

from __future__ import annotations

from llmextract.reading import codeblocks


def _a(*v: str) -> tuple[str | None, ...]:
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
