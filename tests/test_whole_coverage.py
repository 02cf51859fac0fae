"""The coverage counts whole amounts (877, no separator, no decimals) where the tables print
them: a table of whole amounts left unread is reported, not passed over as read whole."""

from __future__ import annotations

import re

from conftest import PDFS

from llmextract.core.coverage import Status
from llmextract.core.result import Result
from llmextract.pipeline import run_text

_HEAD = "2026年部门预算\n\n"
_PAGE_ONE = """2026年一般公共预算支出表
单位：万元
科目编码      科目名称                    合计      基本支出      项目支出
              合计                        877          577           300
208           社会保障和就业支出           877          577           300
20801         人力资源和社会保障管理事务   877          577           300
2080101       行政运行                     577          577
2080109       社会保险经办机构             300                        300
"""
_UNKNOWN = """\f某某情况统计
项目名称                  数量一      数量二      数量三
甲类事项                   120          80          40
乙类事项                   300         200         100
丙类事项                    55          35          20
"""


def _values(res: Result) -> int:
    return sum(len(r.values) for t in res.tables for r in t.rows)


def test_whole_amounts_printed_are_counted_and_read() -> None:
    """Every whole amount right of a row's name counts (13), and the table of whole amounts,
    lined up on screen (a Chinese character two columns wide), reads whole: each amount in the
    column it stands under, sure."""
    res = run_text(_HEAD + _PAGE_ONE, "t.txt")
    cov = res.coverage
    assert cov is not None and cov.printed == 13 and cov.read == _values(res) == 13
    assert res.status is Status.OK
    t = res.table("gpb_expenditure")
    assert t is not None
    got = {r.key: {c: (v.value, v.status) for c, v in r.values.items()} for r in t.rows}
    three = {"total": ("877", "ok"), "basic": ("577", "ok"), "project": ("300", "ok")}
    assert got == {
        "total": three,
        "208": three,
        "20801": three,
        "2080101": {"total": ("577", "ok"), "basic": ("577", "ok")},
        "2080109": {"total": ("300", "ok"), "project": ("300", "ok")},
    }
    assert not [c for c in res.checks if c.category == "arithmetic"]


def test_a_table_of_whole_amounts_left_unread_is_reported() -> None:
    res = run_text(_HEAD + _PAGE_ONE + _UNKNOWN, "t.txt")
    cov = res.coverage
    assert cov is not None and cov.printed == 13 + 9 and 2 in cov.unread_pages
    assert [u.text for u in cov.unread if u.page == 2] == [
        "120",
        "80",
        "40",
        "300",
        "200",
        "100",
        "55",
        "35",
        "20",
    ]


def test_codes_labels_dates_and_spaced_decimals_are_no_whole_amounts() -> None:
    text = (
        _HEAD
        + _PAGE_ONE
        + "\f附件 1\n联系电话 023-44590780\n根据省厅（粤司〔2020〕85号）文件\n"
        + "截至2025年12月 单位共有公务用车 1 辆 2 台\n合计   3, 151. 93   972. 20   2, 179. 72\n"
    )
    res = run_text(text, "t.txt")
    assert res.coverage is not None and res.coverage.printed == res.coverage.read == 13
    assert not [u for u in res.coverage.unread if u.page == 2 and "." not in u.text and "," not in u.text]


def test_tables_of_decimals_count_no_whole_numbers() -> None:
    text = _HEAD + re.sub(r"(?<= )(\d{3})(?=\s)", r"\1.00", _PAGE_ONE)
    text += "\f项目名称        数量一      数量二\n甲类事项         120          80\n"
    text += "乙类事项         300         200\n丙类事项          55          35\n"
    res = run_text(text, "t.txt")
    assert res.coverage is not None
    assert res.coverage.printed == 13
    assert all("." in u.text or "," in u.text for u in res.coverage.unread)


def test_columns_numbers_and_years_are_no_whole_amounts() -> None:
    text = _HEAD + _PAGE_ONE + "栏次                        1            2             3\n"
    text += "年度          2024         2025\n序号   3   4\n"
    res = run_text(text, "t.txt")
    assert res.coverage is not None and res.coverage.printed == 13


def test_a_count_on_a_whole_amount_page_does_not_take_the_blame_off_the_document() -> None:
    """v_plain_yuan as pdftotext prints it, 事业运行 2811800 printed 2811788 (the document's
    error, 12 元) and a table of headcounts (行政编制 25 23, 事业编制 12 11) inside the 支出总表's
    region: the headcounts are counted as printed numbers left unread, but the error stays the
    document's (a count of 12 is no unread amount the gap is made of)."""
    res = run_text((PDFS / "v_plain_yuan_error.layout.txt").read_text(encoding="utf-8"), "t.txt")
    gaps = [c for c in res.checks if c.rule == "children_sum"]
    assert gaps and all(c.source == "document" for c in gaps)
    assert res.coverage is not None and {"25", "23", "12", "11"} <= {u.text for u in res.coverage.unread}


_UNPLACED = """收入总表
单位：万元
项目        甲类      乙类      丙类      丁类      戊类
合计        100.00    40.00     30.00     20.00     10.00
"""


def test_columns_no_header_word_places_are_left_unread_and_counted() -> None:
    """A recognised table whose header words name none of its schema's columns, printing fewer
    amounts than the schema has columns: which column an amount is in cannot be told, so none
    is read (before: read in the schema's order, 40.00 as 上年结转, in doubt) — and the amounts
    of its one line are counted unread, the result partial, the reason in the table's doubts."""
    res = run_text(_HEAD + _UNPLACED, "t.txt")
    rev = res.table("revenue")
    assert rev is not None and all(not r.values for r in rev.rows)
    assert any("本表金额未读取" in d for d in rev.doubts)
    cov = res.coverage
    assert cov is not None and (cov.printed, cov.read) == (5, 0)
    assert [u.text for u in cov.unread] == ["100.00", "40.00", "30.00", "20.00", "10.00"]
    assert res.status is Status.UNREAD


_PUSHED_WHOLE = """2026年一般公共预算基本支出表
单位：万元
科目编码 科目名称                             合计      人员经费      公用经费
         合计                                  530           400           130
301      工资福利支出                          400           400
30101    基本工资                              250           250
30108    机关事业单位基本养老保险缴费             100           100
30109    职业年金缴费                           50            50
302      商品和服务支出                        130                         130
30201    办公费                                 80                          80
30211    差旅费                                 50                          50
"""


def test_a_whole_amount_table_read_not_at_all_is_counted() -> None:
    """A table of whole amounts whose reading places nothing (one row pushed off its columns, a
    review's counter-example): its amounts are counted unread and the result says so — before,
    whole amounts were counted only where some whole amount was read (printed 0, status ok)."""
    res = run_text(_HEAD + _PUSHED_WHOLE, "t.txt")
    cov = res.coverage
    assert cov is not None and cov.printed == 17
    assert cov.read == _values(res)
    assert res.status is (Status.OK if cov.read == 17 else Status.PARTIAL if cov.read else Status.UNREAD)
    assert cov.read == 17 or 1 in cov.unread_pages
