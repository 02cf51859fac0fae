"""A wide table printed by columns, as ``Style``s of ``tests/variants.py``
(``tests/test_wide_pages.py`` reads them): the 收入总表 too wide for its paper, its label columns
and first amount columns on one page, the same rows' other columns on the next, under its title
printed again or not, with its codes and names printed again or not.

``python tests/variants_wide.py`` writes ``tests/pdfs/v_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

from variants import Style, write

WIDE = [
    # the codes and names printed again over the further columns, the title too
    Style("v_wide_cut", wide_cut=("revenue", 3), rules="grid"),
    # … without the title (部门名称 and 单位 only), no rules, split codes
    Style("v_wide_cut_unruled", wide_cut=("revenue", 3), wide_title=False, rules="none", split_codes=True),
    # … the title again, rules above and below, in 元
    Style("v_wide_cut_yuan", wide_cut=("revenue", 4), rules="hlines", yuan=True, cents=True),
    # over several pages each way (Excel's "down, then over": the first columns' pages, then the
    # further columns' pages), the header not printed again on a group's later pages
    Style("v_wide_cut_pages", wide_cut=("revenue", 3), rows_per_page=8, repeat_header=False, rules="hlines"),
    # other tables: 一般公共预算支出表 (合计 | 基本支出 …), 基本支出表 (合计 | 人员经费 | 公用经费)
    Style("v_wide_cut_gpb", wide_cut=("gpb_expenditure", 1), rules="grid"),
    Style("v_wide_cut_basic", wide_cut=("gpb_basic_economic", 2), rules="hlines"),
    # the further columns without the rows' codes and names, but every row printing a line there
    # (its zeros printed): the same rows in the same order, as many of them
    Style("v_wide_cut_bare_zeros", wide_cut=("revenue", 3), wide_labels=False, rules="none", zeros=True),
]

# the further columns printed without the rows' codes and names: the rows printing nothing there
# print nothing at all, so no line can be matched to its row (never placed: unread, said so)
WIDE_BARE = [
    Style("v_wide_cut_bare", wide_cut=("revenue", 3), wide_labels=False, rules="grid"),
]

if __name__ == "__main__":
    for s in WIDE + WIDE_BARE:
        write(s)
