"""More ways other regions print the standard tables, as ``Style.builders`` of
``tests/variants.py``: the “三公” table with its year in the title only, with one row per year,
or in the central government's words; the 收入总表 and 支出总表 with the central government's
columns (事业单位经营收入, 对附属单位补助支出).

``python tests/variants_more.py`` writes ``tests/pdfs/v_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

from dataclasses import replace

from variants import (
    BUILDERS,
    THREE,
    THREE_COLS,
    HCell,
    Style,
    Table,
    _labelled,
    _put,
    expenditure,
    revenue,
    title,
    write,
)


def _three_head(c0: int, top: int, rs: int, vehicle_parts: tuple[str, str]) -> list[HCell]:
    """合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置 | 运行) | 公务接待费 from column
    ``c0``, row ``top``, the undivided ones ``rs`` lines high."""
    return [
        HCell(top, c0, "合计", rs=rs),
        HCell(top, c0 + 1, "因公出国\n（境）费", rs=rs),
        HCell(top, c0 + 2, "公务用车购置及运行费", cs=3),
        HCell(top + 1, c0 + 2, "小计"),
        HCell(top + 1, c0 + 3, vehicle_parts[0]),
        HCell(top + 1, c0 + 4, vehicle_parts[1]),
        HCell(top, c0 + 5, "公务接待费", rs=rs),
    ]


def three_flat(st: Style, n: int) -> Table:
    """One line of this year's figures under the item words: the year in the title only
    (2026年一般公共预算“三公”经费支出预算表)."""
    lab, tt = title(replace(st, short_titles=False, central=False), n, "一般公共预算“三公”经费支出预算表")
    tt = tt.replace("部门", "") if not st.title_dept else tt
    parts = ("公务用车\n购置费", "公务用车\n运行费") if st.central else ("购置费", "运行费")
    t = _labelled(Table("three_public", tt, [70] * 6, "r" * 6, _three_head(0, 0, 2, parts), 2), lab)
    t.body.append([_put(t, st, "current", c, v) for c, v in zip(THREE_COLS, THREE["current"], strict=True)])
    return t


def three_rows(st: Style, n: int) -> Table:
    """One row per year (2025年预算数 / 2026年预算数, or 上年预算数 / 本年预算数) under one
    header of the items."""
    lab, tt = title(st, n, "一般公共预算“三公”经费支出表")
    head = [HCell(0, 0, "项目", rs=2)] + _three_head(1, 0, 2, ("购置费", "运行费"))
    t = _labelled(Table("three_public", tt, [110] + [64] * 6, "l" + "r" * 6, head, 2), lab)
    prior = "执行数" if st.prior else "预算数"  # last year's as spent, or as budgeted
    words = {"prior": f"上年{prior}", "current": "本年预算数"}
    for p in ("prior", "current"):
        kind = prior if p == "prior" else "预算数"
        name = words[p] if st.short_titles else f"{st.year - (p == 'prior')}年{kind}"
        t.body.append([name] + [_put(t, st, p, c, v) for c, v in zip(THREE_COLS, THREE[p], strict=True)])
    return t


CENTRAL_WORDS = {  # the central government's column words, by table id
    "revenue": {"上年结转": "上年结转\n结余"},
    "summary": {"预算数": "本年预算"},
}


def central_revenue(st: Style, n: int) -> Table:
    """收入总表 with 事业单位经营收入 beside 事业收入 (printed empty)."""
    t = revenue(st, n)
    return _with_column(t, "事业收入", "事业单位\n经营收入", 60)


def central_expenditure(st: Style, n: int) -> Table:
    """支出总表 with 对附属单位补助支出 after 事业单位经营支出 (printed empty)."""
    t = expenditure(st, n)
    return _with_column(t, "事业单位\n经营支出", "对附属单位\n补助支出", 64)


def _with_column(t: Table, after: str, word: str, w: float) -> Table:
    """``t`` with an empty column headed ``word`` right of the one headed ``after``."""
    c = next(h.c for h in t.head if h.text == after) + 1
    for h in t.head:
        if h.c >= c:
            h.c += 1
    t.head.append(HCell(0, c, word, rs=t.nhead))
    t.widths.insert(c, w)
    t.aligns = t.aligns[:c] + "r" + t.aligns[c:]
    t.body = [row[:c] + [""] + row[c:] for row in t.body]
    return t


def builders(**swap: object) -> tuple:  # type: ignore[type-arg]
    """The standard builders with some swapped, by their function's name."""
    return tuple(swap.get(b.__name__, b) for b in BUILDERS)


MORE = [
    Style("v_three_flat", builders=builders(three_public=three_flat), rules="hlines"),
    Style("v_three_rows", builders=builders(three_public=three_rows), footer="第 {p} 页，共 {n} 页"),
    Style(
        "v_three_rows_words",
        builders=builders(three_public=three_rows),
        short_titles=True,
        prior=True,
        rules="none",
    ),
    Style(
        "v_central_words",
        central=True,
        prior=True,
        builders=builders(revenue=central_revenue, expenditure=central_expenditure, three_public=three_flat),
        indent="\u3000",
    ),
    Style("v_three_flat_central", builders=builders(three_public=three_flat), central=True, rules="none"),
    Style("v_page_numbers", footer="{p}", rows_per_page=8, rules="none"),
    Style("v_page_of", footer="第 {p} 页，共 {n} 页", rows_per_page=8, rules="none", continued="续表"),
    Style(
        "v_running_foot",
        footer="{dept}{year}年部门预算    第{p}页",
        running="{dept}{year}年部门预算",
        rows_per_page=8,
        rules="none",
    ),
    Style(
        "v_yuan_cents", yuan=True, cents=True, rows_per_page=8, continued="title", indent="\u3000", zeros=True
    ),
    Style("v_three_rows_whole", builders=builders(three_public=three_rows), decimals=0, sep=False),
    Style("v_whole_reworded", decimals=0, alt_words=True, rules="hlines"),
    Style("v_yuan_years_unruled", yuan=True, prior=True, rules="none"),
    Style("v_whole_prior", decimals=0, prior=True, rows_per_page=9, rules="none"),
    Style("v_whole_change", decimals=0, change=True, total_first=True, rows_per_page=8, rules="hlines"),
    Style("v_budget_titles", budget_word=True, year_word="年度", total_word="合  计", total_in_code=True),
    Style("v_total_named", total_word="支出合计", rules="none", split_codes=True, total_first=True),
    Style(
        "v_label_title_unit",
        label="公开{n:02d}表",
        unit_on_title=True,
        central=True,
        contents=True,
        rules="hlines",
        split_codes=True,
        builders=builders(revenue=central_revenue, expenditure=central_expenditure),
    ),
]

if __name__ == "__main__":
    for s in MORE:
        write(s)
