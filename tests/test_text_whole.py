"""Text tables of whole amounts, and a line of the columns' numbers under a header.

A whole amount (877, no separator, no decimals) is read where it stands, as an amount with
decimals is: in a table lined up in character columns (``pdftotext -layout``), lined up on
screen (a Chinese character two columns wide), or OCR-like (one space between cells, two more
for a blank one). A line ``栏次  1  2  3`` (or ``序号  甲  1  2  3``) under the header is header
furniture, never a row."""

from __future__ import annotations

import pytest

from llmextract.core.coverage import Status
from llmextract.core.result import Result
from llmextract.pipeline import run_text
from llmextract.reading.numbering import is_numbering

_HEAD = "2026年部门预算\n\n2026年一般公共预算支出表\n单位：万元\n"
_ROWS = [
    ("", "合计", "877", "577", "300"),
    ("208", "社会保障和就业支出", "877", "577", "300"),
    ("20801", "人力资源和社会保障管理事务", "877", "577", "300"),
    ("2080101", "行政运行", "577", "577", ""),
    ("2080109", "社会保险经办机构", "300", "", "300"),
]
_THREE = {"total": "877", "basic": "577", "project": "300"}
_READ = {
    "total": _THREE,
    "208": _THREE,
    "20801": _THREE,
    "2080101": {"total": "577", "basic": "577"},
    "2080109": {"total": "300", "project": "300"},
}
_NUMBERING = ("栏次", "1", "2", "3")


def _screen(s: str) -> int:
    return sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in s)


def _aligned(on_screen: bool, numbering: bool, decimals: bool = False) -> str:
    """The table in columns: character columns, or screen columns (``on_screen``)."""
    width = _screen if on_screen else len

    def pad(s: str, w: int, right: bool = False) -> str:
        fill = " " * max(1, w - width(s))
        return fill + s if right else s + fill

    def amount(v: str) -> str:
        return f"{v}.00" if v and decimals else v

    lines = [
        pad("科目编码", 10)
        + pad("科目名称", 30)
        + "".join(pad(h, 14, True) for h in ("合计", "基本支出", "项目支出"))
    ]
    if numbering:
        lines.append(pad("栏次", 40) + "".join(pad(n, 14, True) for n in _NUMBERING[1:]))
    for code, name, *vals in _ROWS:
        lines.append(pad(code, 10) + pad(name, 30) + "".join(pad(amount(v), 14, True) for v in vals).rstrip())
    return _HEAD + "\n".join(lines) + "\n"


def _ocr(numbering: bool) -> str:
    """One space between cells, two more for each blank one."""
    lines = ["科目编码 科目名称 合计 基本支出 项目支出"]
    if numbering:
        lines.append(" ".join(_NUMBERING))
    for code, name, *vals in _ROWS:
        cells = " ".join(v if v else " " for v in vals).rstrip()
        lines.append(" ".join(x for x in (code, name) if x) + " " + cells)
    return _HEAD + "\n".join(lines) + "\n"


def _gpb(res: Result) -> dict[str, dict[str, str]]:
    t = res.table("gpb_expenditure")
    assert t is not None
    return {r.key: {c: v.value for c, v in r.values.items()} for r in t.rows}


def _sure_and_whole(res: Result) -> None:
    t = res.table("gpb_expenditure")
    assert t is not None and all(v.status == "ok" for r in t.rows for v in r.values.values())
    assert res.coverage is not None and res.coverage.printed == res.coverage.read == 13
    assert res.status is Status.OK
    assert not [c for c in res.checks if c.category == "arithmetic"]
    assert not [w for w in res.warnings if "truncated" in w]


@pytest.mark.parametrize("numbering", [False, True])
@pytest.mark.parametrize("on_screen", [False, True])
def test_a_table_of_whole_amounts_in_columns_reads_whole(on_screen: bool, numbering: bool) -> None:
    res = run_text(_aligned(on_screen, numbering), "t.txt")
    assert _gpb(res) == _READ
    _sure_and_whole(res)


@pytest.mark.parametrize("numbering", [False, True])
def test_a_table_of_decimals_lined_up_on_screen_reads_whole(numbering: bool) -> None:
    """The same table with decimals, lined up on screen: before, its columns were read in the
    schema's order and in doubt (4 amounts of 13), or a 栏次 line passed for a row of amounts."""
    res = run_text(_aligned(True, numbering, decimals=True), "t.txt")
    assert _gpb(res) == {k: {c: f"{v}.00" for c, v in row.items()} for k, row in _READ.items()}
    _sure_and_whole(res)


@pytest.mark.parametrize("numbering", [False, True])
def test_an_ocr_like_table_of_whole_amounts_reads_whole(numbering: bool) -> None:
    """Before, a code row of whole amounts was taken for a row whose amounts follow on the
    next line: only the 合计 row was read (3 of 13)."""
    res = run_text(_ocr(numbering), "t.txt")
    assert _gpb(res) == _READ
    assert res.coverage is not None and res.coverage.printed == res.coverage.read == 13


def test_lines_of_columns_numbers() -> None:
    from llmextract.core.schemas import load

    words = load().table("gpb_expenditure").numbering
    assert is_numbering("栏次      1      2      3", words)
    assert is_numbering("序号  甲     1     2     3     4", words)
    assert is_numbering("栏  次      1      2", words)
    assert not is_numbering("1  2  3", words)  # no word: nothing says it numbers the columns
    assert not is_numbering("栏次      1      3      2", words)
    assert is_numbering("序号   3   4", words)  # numbered on from another page
    assert not is_numbering("栏次   1000   1001", words)
    assert not is_numbering("行政编制      1      2      3", words)  # a row of counts
    assert not is_numbering("合计      1      2      3", words)
