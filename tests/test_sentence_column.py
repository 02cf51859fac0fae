"""A column of 绩效目标 sentences beside a list's amounts (广州 项目支出及其他支出预算表): its
lines are passed over when a name is joined round its amounts, a count inside a sentence
(涉及 12 户) is no amount, and a name's tail (2026）) is no amount either."""

from __future__ import annotations

from conftest import place

from llmextract.core.text import Text
from llmextract.pipeline import run_text
from llmextract.reading.tokens import AMOUNT_LIKE, is_amount, text_columns, tokenize


def _words(s: str) -> list[str]:
    return [t.s for t in tokenize(Text(s, range(len(s))), text_columns)]


def test_a_count_or_a_dash_one_space_from_words_on_both_sides_is_part_of_them() -> None:
    assert _words("完成清理补偿，涉及 12 户。") == ["完成清理补偿，涉及 12 户。"]
    assert _words("按“试点 - 推广”原则") == ["按“试点 - 推广”原则"]  # a dash too: no placeholder
    # amounts of a table stand apart from the words around them
    assert _words("合计   12   34") == ["合计", "12", "34"]


def test_a_bracket_alone_is_no_amount_printed_oddly() -> None:
    assert not AMOUNT_LIKE.match("2026）") and not AMOUNT_LIKE.match("(2025")
    assert AMOUNT_LIKE.match("(100.00)") and AMOUNT_LIKE.match("12.5%")
    assert not is_amount("2026）")


def _doc() -> str:
    head = [place((0, "项目名称"), (20, "总计"), (32, "其他资金"), (46, "绩效目标"))]
    rows = [
        place((2, "合计"), (24, "300.00"), (38, "300.00")),
        place((46, "完成水源保护区的清理")),
        place((2, "水源保护区清理"), (46, "补偿，涉及 12 户，按")),
        place((24, "100.00"), (38, "100.00")),
        place((46, "期完成评估。")),
        place((0, "补偿经费")),
        place((46, "本项目为保密项目。")),
        place((2, "GZ（2025-"), (46, "按要求不公开。")),
        place((24, "200.00"), (38, "200.00")),
        place((0, "2026）")),
    ]
    return "\n".join(
        ["2026年部门预算", "", "部门预算项目支出及其他支出预算表", "单位：万元", *head, *rows, ""]
    )


def test_names_centred_round_their_amounts_among_a_column_of_sentences() -> None:
    res = run_text(_doc(), "t.txt")
    t = res.table("project_list")
    assert t is not None
    got = {r.key: {c: (v.value, v.status) for c, v in r.values.items()} for r in t.rows}
    assert got["total"]["total"] == ("300.00", "ok")
    assert got["水源保护区清理补偿经费"] == {"total": ("100.00", "ok"), "other": ("100.00", "ok")}
    gz = [k for k in got if k.startswith("GZ")]
    assert len(gz) == 1 and gz[0].replace("（", "(").replace("）", ")") == "GZ(2025-2026)"
    assert got[gz[0]]["total"] == ("200.00", "ok")
