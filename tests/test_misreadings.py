"""Misreadings found on the dev corpus (issue 22, trust): each one a place where a check
blamed the tool's own reading. Small texts laid out as ``pdftotext -layout`` prints them."""

from __future__ import annotations

from conftest import place

from llmextract.pipeline import run_text


def _doc(title: str, lines: list[str]) -> str:
    return "\n".join(["2026年部门预算", "", title, "部门名称：某局" + " " * 60 + "单位：万元", *lines, ""])


def test_a_carryover_printed_as_balance_and_carryover_is_the_income_carryover() -> None:
    """深圳 prints 上年结余、结转 (and its parts 1.一般公共预算拨款结余、结转 …) on the income
    side of the 财政拨款收支总表: the carry-over line and its parts by fund, not a second
    一般公共预算 income."""
    lines = [
        place((26, "收入"), (70, "支出")),
        place((10, "项目"), (30, "2026年预算数"), (60, "项目"), (80, "2026年预算数")),
        place((2, "一、一般公共预算拨款"), (40, "100.00"), (50, "一、一般公共服务支出"), (90, "130.00")),
        place((2, "二、政府性基金预算拨款"), (40, "0.00")),
        place((10, "本年收入合计"), (40, "100.00"), (55, "本年支出合计"), (90, "130.00")),
        place((0, "上年结余、结转"), (40, "30.00"), (50, "结转下年"), (90, "0.00")),
        place((1, "1.一般公共预算拨款结余、结转"), (40, "30.00")),
        place((1, "2.政府性基金预算拨款结余、结转"), (40, "0.00")),
        place((10, "收入总计"), (40, "130.00"), (55, "支出总计"), (90, "130.00")),
    ]
    res = run_text(_doc("财政拨款收支总表", lines), "t.txt")
    t = res.table("fiscal_summary")
    assert t is not None
    cells = {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}
    assert cells[("in.carryover", "amount")] == ("30.00", "ok")
    assert cells[("in.carryover.general_budget", "amount")] == ("30.00", "ok")
    assert cells[("in.general_budget", "amount")] == ("100.00", "ok")
    assert not [c for c in res.checks if not c.ok and c.source == "extraction"]

