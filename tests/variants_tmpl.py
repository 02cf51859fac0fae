"""Layouts of the standard tables seen in other regions' templates, as ``Style``s of
``tests/variants.py`` (``tests/test_template_variants.py`` reads them).

``python tests/variants_tmpl.py`` writes ``tests/pdfs/v_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

from variants import THREE, THREE_COLS, HCell, Style, Table, _labelled, _put, title, write
from variants_more import builders

# the 三公 items as rows, as a list prints them (其中 under the vehicle figure)
THREE_NAMES = {
    "total": "合计",
    "overseas": "1、因公出国（境）费",
    "vehicle": "2、公务用车购置及运行费",
    "vehicle_purchase": "  其中：公务用车购置费",
    "vehicle_operation": "        公务用车运行费",
    "reception": "3、公务接待费",
}


def three_listed(st: Style, n: int) -> Table:
    """The “三公” table as a list: the items as rows under 项目 | 2026年预算数, or (``prior``)
    项目 | 2025年预算数 | 2026年预算数 (上年预算数 | 本年预算数 with ``short_titles``)."""
    lab, tt = title(st, n, "一般公共预算“三公”经费支出表")
    periods = ["prior", "current"] if st.prior else ["current"]
    word = {"prior": "上年预算数", "current": "本年预算数"} if st.short_titles else {}
    head = [HCell(0, 0, "项目")] + [
        HCell(0, k, word.get(p, f"{st.year - (p == 'prior')}年预算数")) for k, p in enumerate(periods, 1)
    ]
    t = _labelled(
        Table("three_public", tt, [220] + [100] * len(periods), "l" + "r" * len(periods), head, 1), lab
    )
    for k, c in enumerate(THREE_COLS):
        t.body.append([THREE_NAMES[c]] + [_put(t, st, p, c, THREE[p][k]) for p in periods])
    return t


TMPL = [
    Style("v_stacked_fiscal", stacked_summary=True, stacked_fiscal=True, rules="hlines"),
    Style("v_stacked_fiscal_yuan", stacked_fiscal=True, rules="none", yuan=True, cents=True, zeros=True),
    Style(
        "v_income_group_spaced",
        income_group="本年收入",
        rules="hlines",
        yuan=True,
        cents=True,
        spaced_header=True,
    ),
    Style("v_three_listed", builders=builders(three_public=three_listed)),
    Style("v_three_listed_years", builders=builders(three_public=three_listed), prior=True, rules="hlines"),
    Style(
        "v_three_listed_words",
        builders=builders(three_public=three_listed),
        prior=True,
        short_titles=True,
        zeros=True,
    ),
    Style("v_change_grouped", change=True, change_group=("增减情况", "金额", "幅度(%)"), rules="hlines"),
    Style("v_income_group", income_group="本年收入", rules="hlines", label="表{n}"),
    Style("v_income_group_unruled", income_group="本年收入", rules="none", zeros=True, split_codes=True),
    Style("v_code_parts", code_sep="-", rules="grid"),
    Style(
        "v_code_parts_names", code_sep="-", code_name="{code} {name}", rules="hlines", yuan=True, cents=True
    ),
    Style("v_code_parts_glued", code_sep="-", code_name="{code}{name}", rules="none", label="公开{n:02d}表"),
]

if __name__ == "__main__":
    for s in TMPL:
        write(s)
