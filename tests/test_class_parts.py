"""A 收支总表 listing the 款 and 项 of each function class by name, indented under the class
(深圳): each such line is read under its class by its indent, kept only where the sums confirm
it, in the result and checked, never a cell."""

from __future__ import annotations

from pathlib import Path

from conftest import place

from llmextract.checks.classparts import class_parts
from llmextract.outputs.export import cells
from llmextract.pipeline import run_file, run_text

PDFS = Path(__file__).parent / "pdfs"


def _values(res: object, table: str) -> dict[str, dict[str, str]]:
    t = res.table(table)  # type: ignore[attr-defined]
    assert t is not None
    return {r.key: {c: v.value for c, v in r.values.items()} for r in t.rows}


def test_the_parts_of_each_class_are_read_under_it_by_their_indent() -> None:
    """sz018's 收支总表 (3 pages): 款 and 项 under each class, a page starting with a 款 of the
    class on the page before; 住房保障 under 援助其他地区支出 is that class's 款, not the class
    住房保障支出 printed again (which read 5,231.12 as 住房保障支出 before)."""
    res = run_file(PDFS / "sz_summary_parts.pdf")
    got = _values(res, "summary")
    assert got["out.221"] == {"amount": "4158.57"}
    assert got["out.219"] == {"amount": "5231.12"}
    assert got["out.219/住房保障"] == {"amount": "5231.12"}
    assert got["out.208/行政事业单位养老支出"] == {"amount": "2114.39"}
    assert got["out.208/行政事业单位养老支出/事业单位离退休"] == {"amount": "234.71"}
    assert got["out.208/抚恤/死亡抚恤"] == {"amount": "3.50"}
    assert got["out.210/行政事业单位医疗"] == {"amount": "512.65"}  # the first line of page 2
    assert got["out.215/建筑业/其他建筑业支出"] == {"amount": "14446.24"}
    # the income side's subtotal of the unit's own funds and the two parts of the carry-over
    assert got["in.unit_funds"] == {"amount": "0.00"}
    assert got["in.carryover.other"] == {"amount": "0.00"}
    t = res.table("summary")
    assert t is not None and t.unkeyed == []
    # the rows stand in print order: each class's parts right after it
    keys = [r.key for r in t.rows if r.key.startswith("out.2")]
    assert keys[:3] == ["out.205", "out.205/进修及培训", "out.205/进修及培训/培训支出"]
    assert len(class_parts(t)) == 12  # 6 classes = Σ their 款, 6 款 = Σ their 项: checked
    assert not [c for c in res.checks if c.table == "summary" and not c.passed]
    assert res.coverage is not None and res.coverage.read == res.coverage.printed
    # the spec keys the 支出 side by class only: the parts are no cells
    rows = {c["row"] for c in cells(res) if c["table"] == "summary"}
    assert "out.221" in rows and not any("/" in r for r in rows)
    assert "in.unit_funds" not in rows


def _summary(last: str) -> str:
    """A 收支总表 laid out as pdftotext prints one, its 款 and 项 indented under each class;
    ``last``: the amount of the last 项."""
    lines = [
        place((30, "收支总表")),
        place((0, "单位：万元")),
        place((10, "收   入"), (60, "支   出")),
        place((4, "项   目"), (24, "2026年预算数"), (54, "项   目"), (74, "2026年预算数")),
        place((0, "一、财政拨款"), (36, "100.00"), (44, "一、教育支出"), (86, "60.00")),
        place((1, "1.一般公共预算拨款"), (36, "100.00"), (46, "职业教育"), (86, "60.00")),
        place((1, "2.政府性基金预算拨款"), (36, "0.00"), (48, "技校教育"), (86, "50.00")),
        place((48, "高等职业教育"), (86, "10.00")),
        place((44, "二、住房保障支出"), (86, "40.00")),
        place((46, "住房改革支出"), (86, "40.00")),
        place((48, "住房公积金"), (86, "15.00")),
        place((48, "购房补贴"), (86, last)),
        place((4, "本年收入合计"), (36, "100.00"), (48, "本年支出合计"), (86, "100.00")),
        place((4, "收入总计"), (36, "100.00"), (48, "支出总计"), (86, "100.00")),
    ]
    return "\n".join(["2026年部门预算", "", *lines, ""])


def test_a_text_reads_the_parts_by_their_columns() -> None:
    res = run_text(_summary("25.00"), "t.txt")
    got = _values(res, "summary")
    assert got["out.205/职业教育/高等职业教育"] == {"amount": "10.00"}
    assert got["out.221/住房改革支出/购房补贴"] == {"amount": "25.00"}
    t = res.table("summary")
    assert t is not None and t.unkeyed == []


def test_parts_that_do_not_add_up_to_their_class_stay_unread() -> None:
    """One 项 misprinted (24.00 where 25.00 adds up): which line is a part of which cannot be
    confirmed, so none of that class's parts is read and the side is said to hold amounts on
    lines no row took; the other class's parts still are."""
    res = run_text(_summary("24.00"), "t.txt")
    got = _values(res, "summary")
    assert got["out.221"] == {"amount": "40.00"}
    assert not any(k.startswith("out.221/") for k in got)
    assert got["out.205/职业教育/技校教育"] == {"amount": "50.00"}
    t = res.table("summary")
    assert t is not None and t.unkeyed == ["out"]
    assert res.coverage is not None
    assert sorted(u.text for u in res.coverage.unread) == ["15.00", "24.00", "40.00"]
