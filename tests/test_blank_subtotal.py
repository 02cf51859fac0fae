"""A subtotal left blank beside its printed parts (北京's 三公 table: 公务用车购置及运行维护费's
小计 empty, its 购置费 | 运行维护费 printed) stands for those parts in the row's identity: the
合计 adds up, and nothing is blamed on the document."""

from __future__ import annotations

from conftest import place

from llmextract.pipeline import run_text


def _doc(amounts: list[tuple[int, str]]) -> str:
    head = [
        place((60, "公务用车购置及运行维护费")),
        place((0, "“三公”经费财政拨款预算总额"), (30, "因公出国（境）费用"), (46, "公务接待费")),
        place((64, "小计"), (76, "公务用车购置费"), (94, "公务用车运行维护费")),
    ]
    lines = ["2026年部门预算", "", "预算09表 财政拨款“三公”经费支出表", " " * 60 + "金额单位：万元"]
    return "\n".join([*lines, *head, "", place(*amounts), ""])


def test_a_blank_subtotal_stands_for_its_printed_parts() -> None:
    res = run_text(
        _doc([(12, "40.770000"), (40, "17.100000"), (54, "0.150000"), (88, "18.690000"), (104, "4.830000")]),
        "t.txt",
    )
    t = res.table("three_public")
    assert t is not None
    row = t.row("current")
    assert row is not None and "vehicle" not in row.values
    assert row.values["vehicle_purchase"].value == "18.690000"
    assert not [c for c in res.checks if c.table == "three_public"]


def test_the_parts_not_adding_up_to_the_total_are_still_a_finding() -> None:
    res = run_text(
        _doc([(12, "50.770000"), (40, "17.100000"), (54, "0.150000"), (88, "18.690000"), (104, "4.830000")]),
        "t.txt",
    )
    failed = [c for c in res.checks if c.table == "three_public"]
    assert failed and failed[0].row == "current" and failed[0].col == "total"
