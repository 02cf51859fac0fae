"""Layouts of the standard tables seen in other regions' templates, as ``Style``s of
``tests/variants.py`` (``tests/test_template_variants.py`` reads them).

``python tests/variants_tmpl.py`` writes ``tests/pdfs/v_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

from variants import Style, write

TMPL = [
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
