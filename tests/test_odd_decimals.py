"""An amount printed with other decimals than every other amount of its column — a column to
the 分 holding 1,234.5 (an amount wrapped inside its cell, its last digit on the next line, or a
digit lost) — is read in doubt, never as sure: a failed sum over it is then laid on the
reading, not on the document."""

from __future__ import annotations

from conftest import place

from llmextract.pipeline import run_text


def _doc(odd: str, wrapped: str = "") -> str:
    """A 支出总表 whose 20105 line prints ``odd`` as its total; ``wrapped``: a line under it
    printing that amount's tail (``.00`` left, this under the total)."""
    head = [place((0, "科目编码"), (12, "科目名称"), (34, "合计"), (46, "基本支出"), (58, "项目支出"))]
    rows = [place((8, "合计"), (38, "1,080.00"), (52, "540.00"), (64, "540.00"))]
    for k in range(1, 10):
        total = odd if k == 5 else "120.00"
        rows.append(place((0, f"2010{k}"), (12, f"事务{k}"), (38, total), (52, "60.00"), (64, "60.00")))
        if k == 5 and wrapped:
            rows.append(place((14, ".00"), (38, wrapped)))
    lines = [
        "2026年部门预算",
        "",
        "表3 支出总表",
        "部门名称：某局" + " " * 50 + "单位：万元",
        *head,
        *rows,
        "",
    ]
    return "\n".join(lines)


def test_an_amount_printed_otherwise_than_its_column_is_in_doubt() -> None:
    res = run_text(_doc("12.0"), "t.txt")
    t = res.table("expenditure")
    assert t is not None
    odd = t.row("20105")
    assert odd is not None and odd.values["total"].value == "12.0"
    assert odd.values["total"].status == "doubt"
    assert t.row("20104").values["total"].status == "ok"  # type: ignore[union-attr]
    assert any("小数位数" in d for d in t.doubts)
    failed = [c for c in res.checks if c.table == "expenditure" and c.row == "20105"]
    assert failed and all(c.source == "extraction" for c in failed)


def test_a_column_printed_one_way_has_no_such_doubt() -> None:
    res = run_text(_doc("120.00"), "t.txt")
    t = res.table("expenditure")
    assert t is not None and not any("小数位数" in d for d in t.doubts)
    assert all(v.status == "ok" for r in t.rows for v in r.values.values())


def test_a_bare_zero_under_an_amount_cut_short_is_in_doubt() -> None:
    """A 0 wrapped onto the line under 120.0 (120.0 / 0 in one cell) may be that amount's last
    digit, never a zero of its own: read in doubt. A bare 0 elsewhere is a zero (see the
    variants' ``zeros``)."""
    t = run_text(_doc("120.0", wrapped="0"), "t.txt").table("expenditure")
    assert t is not None
    zeros = [(r.key, v.status) for r in t.rows for v in r.values.values() if v.value == "0"]
    assert zeros and all(s == "doubt" for _, s in zeros)
    assert any("的 0 与本列" in d for d in t.doubts)
