"""An amount of 16 or more integer digits (a misprinted cell, two cells run together) is no
amount a disclosure prints: it is left unread, its table says where and why, and the coverage
lists it among the unread amounts of its page — not read as a wrong number the checks then
blame on its neighbours."""

from __future__ import annotations

import pytest
from conftest import place

from llmextract.checks.outsize import is_outsize
from llmextract.core.result import Result
from llmextract.pipeline import run_text

HEAD = ((0, "科目编码"), (10, "科目名称"), (50, "合计"), (64, "基本支出"), (78, "项目支出"))


def _read(total_208: str) -> Result:
    lines = [
        "2025年部门支出总表",
        "单位：万元",
        place(*HEAD, right=False),
        place((10, "合计"), (56, "957.82"), (70, "687.56"), (84, "270.26")),
        place((0, "208"), (10, "社会保障和就业支出"), (56, total_208), (70, "645.31"), (84, "270.26")),
        place((0, "210"), (10, "卫生健康支出"), (56, "42.25"), (70, "42.25")),
        "",
        "2025年部门收入总表",  # (the text goes on past the table)
    ]
    return run_text("\n".join(lines) + "\n", "t.txt")


MISPRINTS = ["12345678901234567.00", "12,345,678,901,234,567.00", "1234567890123456.5"]


def _values(res: Result) -> dict[tuple[str, str], tuple[str, str]]:
    (t,) = [t for t in res.tables if t.id == "expenditure"]
    return {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}


def test_the_table_as_printed_reads_whole() -> None:
    res = _read("915.57")
    assert _values(res)[("208", "total")] == ("915.57", "ok")
    assert res.coverage is not None and res.coverage.printed == res.coverage.read == 8
    assert not [c for c in res.checks if c.table == "expenditure"]


@pytest.mark.parametrize("printed", MISPRINTS)
def test_an_amount_of_sixteen_digits_or_more_is_left_unread_and_said(printed: str) -> None:
    res = _read(printed)
    values = _values(res)
    assert ("208", "total") not in values  # not read: a blank, not a wrong number
    assert values[("208", "basic")] == ("645.31", "ok") and values[("total", "total")] == ("957.82", "ok")
    assert res.coverage is not None and [u.text for u in res.coverage.unread] == [printed]
    assert (res.coverage.printed, res.coverage.read) == (8, 7)
    (t,) = [t for t in res.tables if t.id == "expenditure"]
    assert f"“社会保障和就业支出”一行（第 5 行）印的 {printed} 整数部分超过 15 位" in "\n".join(t.doubts)
    assert not [c for c in res.checks if c.table == "expenditure" and "645.31" in c.message]


def test_fifteen_digits_are_still_an_amount() -> None:
    assert not is_outsize("123456789012345.00") and not is_outsize("-123,456,789,012,345")
    assert is_outsize("1234567890123456") and is_outsize("-1234567890123456.00")
    assert is_outsize("(1,234,567,890,123,456)")
    assert not is_outsize("0.0000000000000000001") and not is_outsize("")
    assert _values(_read("123456789012345.00"))[("208", "total")][0] == "123456789012345.00"
