"""A cell is sure only where its meaning was read from where it stands. A column the table's
header prints counts as printed even where no row's amount was read under it: a fund's part
(``whole_if_zero``) beside another fund's column printed blank, or a 合计 whose scope is open
beside 会议费 | 培训费 printed blank, is not confirmed by the blank (reading/fundparts.py,
reading/totalscope.py)."""

from __future__ import annotations

from conftest import place

from llmextract.core.result import Table
from llmextract.pipeline import run_text

HEAD = ["2026年某局部门预算", "", "表9 财政拨款“三公”经费支出表", "单位：万元"]


def _three_public(rows: list[list[str]]) -> tuple[dict[tuple[str, str], tuple[str, str]], list[str]]:
    res = run_text("\n".join(HEAD + ["\t".join(r) for r in rows]) + "\n", "t.txt")
    t = res.table("three_public")
    assert t is not None
    cells = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    return cells, t.doubts


def _by_fund(other: str) -> list[list[str]]:
    return [
        ["年度", "总计", "", "因公出国(境)费", "", "公务接待费", ""],
        ["", *("一般公共预算", "政府性基金预算") * 3],
        ["2025年", "176.01", other, "129.80", other, "46.21", other],
        ["2026年", "147.90", other, "115.00", other, "32.90", other],
    ]


def test_a_fund_s_part_beside_another_fund_s_column_printed_blank_is_in_doubt() -> None:
    """The header prints 政府性基金预算 under each item; its amounts are blank on every row:
    the 一般公共预算 part may be less than the item's 财政拨款 figure, nothing read says it is not."""
    cells, doubts = _three_public(_by_fund(""))
    for row in ("prior", "current"):
        for col in ("total", "overseas", "reception"):
            assert cells[(row, col)][1] == "doubt", (row, col)
    said = "2026年：总计 一般公共预算只是一种资金的部分，总计 政府性基金预算未读出，"
    said += "无法确认它是该项全部财政拨款数"
    assert said in doubts


def test_a_fund_printed_beside_one_item_leaves_each_item_s_part_unconfirmed_where_unplaced() -> None:
    """Laid out by spaces, the 政府性基金预算 columns blank: the reader places a column for the
    last item's only. Beside 因公出国(境)费 the header prints that fund too, though no column was
    placed under it: its 一般公共预算 part is in doubt as well (it was sure)."""
    words = ("一般公共预算", "政府性基金预算") * 3
    lines = [
        place((20, "总计"), (46, "因公出国(境)费"), (78, "公务接待费"), right=False),
        place((0, "年度"), *zip((14, 28, 46, 60, 78, 92), words, strict=True), right=False),
        place((0, "2025年"), (20, "176.01"), (52, "129.80"), (84, "46.21"), (99, " ")),
        place((0, "2026年"), (20, "147.90"), (52, "115.00"), (84, "32.90"), (99, " ")),
    ]
    res = run_text("\n".join(HEAD + lines) + "\n", "t.txt")
    t = res.table("three_public")
    assert t is not None
    cells = {(r.key, c): (v.value, v.status) for r in t.rows for c, v in r.values.items()}
    assert cells[("current", "overseas")] == ("115.00", "doubt")
    assert cells[("current", "reception")] == ("32.90", "doubt")
    assert not [k for k, (_, s) in cells.items() if s == "ok"]


def test_a_fund_s_part_beside_the_other_fund_s_zero_is_sure() -> None:
    cells, doubts = _three_public(_by_fund("0.00"))
    assert cells[("current", "total")] == ("147.90", "ok")
    assert cells[("prior", "reception")] == ("46.21", "ok")
    assert not doubts


def test_an_open_scope_total_beside_meeting_and_training_printed_blank_is_in_doubt() -> None:
    """合计 | 因公出国 | 公务用车 | 公务接待 | 会议费 | 培训费, the last two blank: a 合计 that is
    not the 三公 items' sum may be over all five, whatever the blanks stand for."""
    head = ["合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费", "会议费", "培训费"]
    cells, doubts = _three_public([head, ["100.00", "10.00", "20.00", "30.00", "", ""]])
    assert cells[("current", "total")] == ("100.00", "doubt")
    assert cells[("current", "overseas")] == ("10.00", "ok")
    assert any("本表另列会议费、培训费" in d for d in doubts)
    cells, _ = _three_public([head, ["60.00", "10.00", "20.00", "30.00", "", ""]])
    assert cells[("current", "total")] == ("60.00", "ok")  # the items' sum: the 三公 total


def test_an_item_printed_twice_with_two_amounts_in_a_table_of_items_as_rows_is_in_doubt() -> None:
    """A 三公 table printed the other way round (items as rows under 合计 | 一般公共预算 | …):
    two rows read as 公务接待费 print 20.00 and 25.00 under 合计. The first was kept sure and
    the second dropped unsaid; the first is kept in doubt and the table says why."""
    t = _items_as_rows("25.00", "25.00", "0.00", "0.00")
    assert t is not None and t.row("current") is not None
    got = {c: (v.value, v.status) for c, v in t.row("current").values.items()}  # type: ignore[union-attr]
    assert got["reception"] == ("20.00", "doubt")
    assert got["overseas"] == ("10.00", "ok")
    assert [d for d in t.doubts if "20.00" in d and "25.00" in d and "取前者" in d]


def test_another_fund_s_zero_read_in_doubt_confirms_no_part() -> None:
    """总计 一般公共预算 10.00 beside 政府性基金预算 0.00 read in doubt (its placement unsure):
    the 0 confirms nothing, so the part is in doubt too, and the table says why."""
    from llmextract.core.result import Cell, Provenance, Row, Table
    from llmextract.core.schemas import load
    from llmextract.reading import fundparts

    at = Provenance(start=0, end=1, line=1, col=1, text="0")
    row = Row(
        key="current",
        values={
            "total": Cell(value="10.00", provenance=at),
            "total_gov_fund": Cell(value="0.00", provenance=at, status="doubt"),
        },
    )
    table = Table(id="three_public", title="", line=1, columns=["total", "total_gov_fund"], rows=[row])
    fundparts.settle(table, load().table("three_public"))
    assert row.values["total"].status == "doubt"
    assert [d for d in table.doubts if "总计 政府性基金预算的读数存疑" in d]
    row.values["total_gov_fund"].status = "ok"  # read sure: the part is the whole
    row.values["total"].status = "ok"
    table.doubts.clear()
    fundparts.settle(table, load().table("three_public"))
    assert row.values["total"].status == "ok" and not table.doubts


def test_an_item_printed_twice_with_the_same_number_differently_written_is_sure() -> None:
    """The same table, 公务接待费 printed again as 20.00 | 20.00 | 0 | 0 under 20.00 | 20.00 |
    0.00 | 0.00: the same numbers (0.00 is 0). The first was put in doubt as 'different'."""
    t = _items_as_rows("20.00", "20", "0", "0")
    assert t is not None
    assert not [(r.key, c) for r in t.rows for c, v in r.values.items() if v.status != "ok"]
    assert not t.doubts


def test_a_fund_printed_beside_the_total_only_leaves_the_items_headed_without_it_sure() -> None:
    """政府性基金预算 printed under 总计 only (0.00); 因公出国 and 公务接待 headed 一般公共预算
    alone: their header prints no such column, so nothing is unread beside them (they were
    put in doubt, '政府性基金预算未读出')."""
    cells, doubts = _three_public(
        [
            ["年度", "总计", "", "因公出国(境)费", "公务接待费"],
            ["", "一般公共预算", "政府性基金预算", "一般公共预算", "一般公共预算"],
            ["2025年", "176.01", "0.00", "129.80", "46.21"],
            ["2026年", "147.90", "0.00", "115.00", "32.90"],
        ]
    )
    assert not [k for k, (_, s) in cells.items() if s != "ok"]
    assert not doubts


def test_another_fund_s_dash_is_a_printed_nil_not_unread() -> None:
    """政府性基金预算 printed as a dash (-, —) beside each item: a printed nil, as 0.00 is; the
    part is the item's whole, sure (it was in doubt, the dash said '未读出')."""
    for dash in ("-", "—"):
        cells, doubts = _three_public(_by_fund(dash))
        assert cells[("current", "total")] == ("147.90", "ok"), dash
        assert cells[("prior", "reception")] == ("46.21", "ok"), dash
        assert not [d for d in doubts if "未读出" in d], dash


def test_a_fund_part_beside_another_fund_below_zero_is_not_the_whole() -> None:
    """总计 | 因公出国(境)费 | 公务接待费, each 一般公共预算 | 政府性基金预算, the latter printing
    -5.00 (a review's counter-example): a part beside another fund's non-nil amount is not the
    item's whole, above zero or below — in doubt, said."""
    head = ["2026年部门预算", "", "2026年一般公共预算“三公”经费支出预算表", "单位：万元"]
    rows = [
        ["年度", "总计", "", "因公出国(境)费", "", "公务接待费", ""],
        ["", *("一般公共预算", "政府性基金预算") * 3],
        ["2025年", "176.01", "-5.00", "129.80", "-5.00", "46.21", "-5.00"],
        ["2026年", "147.90", "-5.00", "115.00", "-5.00", "32.90", "-5.00"],
    ]
    t = run_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", "t.txt").table("three_public")
    assert t is not None
    row = t.row("current")
    assert row is not None and row.values["overseas"].status == "doubt"
    assert any("不为零" in d for d in t.doubts)


def _items_as_rows(*again: str) -> Table | None:
    """A 三公 table printed the other way round (items as rows under 合计 | 一般公共预算 |
    政府性基金预算 | 国有资本经营预算), its 公务接待费 printed a second time with ``again``."""
    cols = (30, 44, 58, 72)
    words = ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
    head = [place((8, "项目"), *((c - len(w), w) for c, w in zip(cols, words, strict=True)))]

    def line(x: int, name: str, *vals: str) -> str:
        return place((x, name), *zip(cols, vals, strict=True))

    rows = [
        line(0, "“三公”经费", "50.00", "50.00", "0.00", "0.00"),
        line(2, "其中：（一）因公出国（境）支出", "10.00", "10.00", "0.00", "0.00"),
        line(7, "（二）公务用车购置及运行维护支出", "20.00", "20.00", "0.00", "0.00"),
        line(7, "（三）公务接待费支出", "20.00", "20.00", "0.00", "0.00"),
        line(7, "公务接待费", *again),
    ]
    text = "\n".join(["2026年部门预算", "", "表8 财政拨款安排的行政经费及“三公”经费预算表", "单位：万元"])
    return run_text(text + "\n" + "\n".join(head + rows) + "\n", "t.txt").table("three_public")
