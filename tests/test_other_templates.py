"""What other templates print beside the amounts, checked on small texts: a change against last
year (上年预算数 | 本年预算数 | 增减额 | 增减率) and a zero printed as a dash."""

from __future__ import annotations

import pytest
from conftest import place

from llmextract.pipeline import run_text


def _gpb(change: str, mark: str = "", rate: str = "增减率(%)", amount: str = "增减额") -> str:
    head = [
        place((46, "本年预算数")),
        place((0, "科目编码"), (10, "科目名称"), (26, "上年预算数"), (69, amount), (77, rate)),
        place((40, "合计"), (50, "基本支出"), (60, "项目支出")),
    ]
    rows = [
        ("201", "一般公共服务支出", "638.20", "640.94", "512.34", "128.60", "2.74", "0.43"),
        ("20103", "政府办公厅事务", "638.20", "640.94", "512.34", "128.60", "2.74", "0.43"),
        ("2010301", "行政运行", "498.20", "512.34", "512.34", mark, change, "2.84"),
        ("2010302", "一般行政管理事务", "140.00", "128.60", mark, "128.60", "-11.40", "-8.14"),
    ]
    body = [
        _line(c, n, (34, p), (44, t), (56, b), (66, j), (74, d), (84, r)) for c, n, p, t, b, j, d, r in rows
    ]
    body.append(
        _line("", "合计", (34, "638.20"), (44, "640.94"), (56, "512.34"), (66, "128.60"), (74, "2.74"))
    )
    lines = ["2026年部门预算", "", "表5 一般公共预算支出表", "部门名称：某局" + " " * 50 + "单位：万元"]
    return "\n".join([*lines, *head, *body, ""])


def _line(code: str, name: str, *amounts: tuple[int, str]) -> str:
    """A row: every amount, and every mark printed for one (—, #####), ending at its column."""
    return place((0, code), (10, name), *((col - len(a), a) for col, a in amounts), right=False)


def _cells(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    res = run_text(text, "t.txt")
    t = res.table("gpb_expenditure")
    assert t is not None
    return {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}


def test_last_year_named_in_words_is_the_prior_column_and_the_change_is_checked() -> None:
    """上年预算数 prints no year: it is last year's figure, not this year's 合计; the 增减额 and
    增减率 are read (no cells), and a change that is not 本年 − 上年 is a finding on it."""
    res = run_text(_gpb("14.14"), "t.txt")
    t = res.table("gpb_expenditure")
    assert t is not None
    row = t.row("2010301")
    assert row is not None
    assert {c: v.value for c, v in row.values.items()} == {
        "prior_total": "498.20",
        "total": "512.34",
        "basic": "512.34",
        "change": "14.14",
        "change_rate": "2.84",
    }
    assert not [c for c in res.checks if c.table == "gpb_expenditure"]
    wrong = run_text(_gpb("41.14"), "t.txt")
    assert [c.row for c in wrong.checks if c.rule == "row:change = total - prior_total"] == ["2010301"]
    # the rate is never added up the codes (1.03 ≠ 2.84 + (-8.14))
    assert not [c for c in wrong.checks if c.col == "change_rate"]


@pytest.mark.parametrize("rate", ["增减(%)", "比上年增减（%）", "增减比例", "增减百分比", "增幅"])
def test_a_change_in_percent_is_the_rate_whatever_its_words(rate: str) -> None:
    """A column of percentages named without 率 (增减(%), 增减比例) is the rate, never the
    amount of the change: nothing is checked against 本年 − 上年 on it, no row is blamed."""
    res = run_text(_gpb("14.14", rate=rate, amount="增减金额"), "t.txt")
    t = res.table("gpb_expenditure")
    assert t is not None
    row = t.row("2010301")
    assert row is not None
    assert (row.values["change_rate"].value, row.values["change"].value) == ("2.84", "14.14")
    assert not [c for c in res.checks if c.table == "gpb_expenditure"]


def test_a_dash_printed_for_zero_counts_as_zero_and_stays_a_dash() -> None:
    """A zero printed as — is a printed nil: the cell keeps the dash, the sums hold over it,
    and nothing is in doubt; ##### where a number belongs still fails its identities."""
    cells = _cells(_gpb("14.14", "—"))
    assert cells[("2010301", "project")] == ("—", "ok")
    assert cells[("2010302", "basic")] == ("—", "ok")
    assert all(s == "ok" for _, s in cells.values())
    res = run_text(_gpb("14.14", "#####"), "t.txt")
    assert any(c.row == "2010301" and "占位符" in c.message for c in res.checks)


def _three_public(heads: list[str], vals: list[str]) -> str:
    """A 三公 table of one header line and one line of amounts, right-aligned, no rules."""
    lines = ["2026年某局部门预算", "", "一般公共预算“三公”经费支出预算表", "单位：万元"]
    lines += ["".join(f"{h:>14}" for h in heads), "".join(f"{v:>16}" for v in vals)]
    return "\n".join(lines) + "\n"


def _flat_three_public(total: str, vehicle_word: str = "车辆购置及运行费") -> str:
    heads = ["合计", "因公出国（境）费", vehicle_word, "公务接待费", "会议费", "培训费"]
    return _three_public(heads, [total, "10.00", "20.00", "5.00", "10.00", "15.00"])


@pytest.mark.parametrize(("total", "status"), [("60.00", "doubt"), ("35.00", "ok")])
def test_a_lone_total_beside_meetings_and_training_is_sure_only_where_the_items_add_up(
    total: str, status: str
) -> None:
    """合计 | 三公 items | 会议费 | 培训费 with no “三公”经费 group: the 合计 may be over all five
    columns. Sure where it is the 三公 items' sum; else in doubt, and its failed sum the reading's."""
    res = run_text(_flat_three_public(total), "t.txt")
    t = res.table("three_public")
    assert t is not None
    row = t.row("current")
    assert row is not None
    assert (row.values["total"].value, row.values["total"].status) == (total, status)
    assert row.values["vehicle"].value == "20.00"
    assert all(c.source == "extraction" for c in res.checks if c.table == "three_public")


def test_the_vehicle_word_printed_whole_is_the_vehicle_figure() -> None:
    """公务用车购置及运行费 over no parts is the item's whole, though 公务用车购置 is in it."""
    t = run_text(_flat_three_public("35.00", "公务用车购置及运行费"), "t.txt").table("three_public")
    assert t is not None and t.row("current") is not None
    values = t.row("current").values  # type: ignore[union-attr]
    assert values["vehicle"].value == "20.00" and "vehicle_purchase" not in values


@pytest.mark.parametrize("word", ["公务用车购置及运行费", "公务用车购置及运行维护费"])
def test_a_plain_three_public_header_reads_the_vehicle_whole(word: str) -> None:
    """合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费, nothing under them: the vehicle
    figure is the item's whole (it was read as 公务用车购置, and the 合计 blamed on the document)."""
    heads = ["合计", "因公出国（境）费", word, "公务接待费"]
    res = run_text(_three_public(heads, ["35.00", "10.00", "20.00", "5.00"]), "t.txt")
    t = res.table("three_public")
    assert t is not None and t.row("current") is not None
    values = t.row("current").values  # type: ignore[union-attr]
    assert {k: (v.value, v.status) for k, v in values.items()} == {
        "total": ("35.00", "ok"),
        "overseas": ("10.00", "ok"),
        "vehicle": ("20.00", "ok"),
        "reception": ("5.00", "ok"),
    }
    assert not res.checks
