"""The standard 部门决算 tables (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
一般公共预算财政拨款支出决算表, 财政拨款“三公”经费支出决算表) of the seed in ``tests/variants.py``
taken as the year's outturn, each ``Style`` printing them its way, with the gold cells
(``schemas/final/``).

``python tests/variants_final.py`` writes ``tests/pdfs/f_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

from decimal import Decimal

from variants import (
    CN,
    THREE,
    THREE_COLS,
    HCell,
    Page,
    Style,
    Table,
    _labelled,
    _put,
    _side_cells,
    _sum,
    coded,
    function_rows,
    page_marks,
    part,
    pdf,
    table_pages,
    title,
    write,
)

D = Decimal
CARRIED = D("50.00")  # 年初结转和结余 = 年末结转和结余 of the general budget


def final_summary(st: Style, n: int) -> Table:
    """收入 | 支出, 项目 | 决算数 each: 本年收入合计, 使用非财政拨款结余, 年初结转和结余, 总计."""
    fr = function_rows(("general_budget", "gov_fund", "business"))
    classes = [(c, nm, part(got)) for c, nm, got in fr if len(c) == 3]
    current = _sum([v for _, _, v in classes])

    def fund(f: str) -> Decimal:
        return _sum([part(g, f) for c, _, g in fr if len(c) == 3])

    income = [
        ("一般公共预算财政拨款收入", "in.general_budget", fund("general_budget")),
        ("政府性基金预算财政拨款收入", "in.gov_fund", fund("gov_fund")),
        ("国有资本经营预算财政拨款收入", "in.state_capital", D(0)),
        ("上级补助收入", "in.superior_subsidy", D(0)),
        ("事业收入", "in.business", fund("business")),
        ("经营收入", "in.operating", D(0)),
        ("附属单位上缴收入", "in.affiliated", D(0)),
        ("其他收入", "in.other", D(0)),
    ]
    income = [(f"{CN[k]}、{nm}", key, v) for k, (nm, key, v) in enumerate(income)]
    expense = [(f"{CN[k]}、{nm}", f"out.{c}", v) for k, (c, nm, v) in enumerate(classes)]
    ends = [
        (("本年收入合计", "in.current_total", current), ("本年支出合计", "out.current_total", current)),
        (("使用非财政拨款结余", "in.fund_balance_use", D(0)), ("结余分配", "out.surplus_distribution", D(0))),
        (("年初结转和结余", "in.carryover", CARRIED), ("年末结转和结余", "out.carry_forward", CARRIED)),
        (("总计", "in.grand_total", current + CARRIED), ("总计", "out.grand_total", current + CARRIED)),
    ]
    lab, tt = title(st, n, "收入支出决算总表")
    head = [HCell(0, 0, "收入", cs=2), HCell(0, 2, "支出", cs=2)] + [
        HCell(1, k, w) for k, w in enumerate(("项目", "决算数", "项目", "决算数"))
    ]
    t = _labelled(Table("final_summary", tt, [210, 100, 210, 100], "lrlr", head, 2), lab)
    for k in range(max(len(income), len(expense))):
        t.body.append(_side_cells(t, st, (income, expense), k))
    for (a, ka, va), (b, kb, vb) in ends:
        t.body.append([a, _put(t, st, ka, "amount", va), b, _put(t, st, kb, "amount", vb)])
    return t


def _rows(funds: tuple[str, ...], cols: dict[str, tuple[str | None, str | None]]) -> list:  # type: ignore[type-arg]
    """(code, name, {col: amount}) for ``funds``' function rows and their 合计; ``cols``: a
    column → the (fund, part) it adds up (None: any)."""
    fr = function_rows(funds)
    rows = [(c, nm, {cid: part(g, f, k) for cid, (f, k) in cols.items()}) for c, nm, g in fr]
    top = [r for r in rows if len(r[0]) == 3]
    rows.append(("", "合计", {cid: _sum([r[2][cid] for r in top]) for cid in cols}))
    return rows


def final_revenue(st: Style, n: int) -> Table:
    rows = _rows(
        ("general_budget", "gov_fund", "business"),
        {"total": (None, None), "fiscal": ("general_budget", None), "business": ("business", None)},
    )
    for _, _, v in rows:  # the 财政拨款 column: both fiscal funds
        v["fiscal"] = v["total"] - v["business"]
    cols = [
        ("total", "本年收入\n合计", 70),
        ("fiscal", "财政拨款\n收入", 70),
        ("superior_subsidy", "上级补助\n收入", 60),
        ("business", "事业收入", 60),
        ("operating", "经营收入", 60),
        ("affiliated", "附属单位\n上缴收入", 60),
        ("other", "其他收入", 60),
    ]
    return coded(st, "final_revenue", n, "收入决算表", cols, rows)


def final_expenditure(st: Style, n: int) -> Table:
    rows = _rows(
        ("general_budget", "gov_fund", "business"),
        {"total": (None, None), "basic": (None, "basic"), "project": (None, "project")},
    )
    cols = [
        ("total", "本年支出\n合计", 70),
        ("basic", "基本支出", 72),
        ("project", "项目支出", 72),
        ("remit_superior", "上缴上级\n支出", 60),
        ("operating", "经营支出", 60),
        ("subsidy_affiliated", "对附属单位\n补助支出", 64),
    ]
    return coded(st, "final_expenditure", n, "支出决算表", cols, rows)


def final_gpb_expenditure(st: Style, n: int) -> Table:
    rows = _rows(
        ("general_budget",),
        {"total": (None, None), "basic": (None, "basic"), "project": (None, "project")},
    )
    cols = [("total", "合计", 80), ("basic", "基本支出", 80), ("project", "项目支出", 80)]
    return coded(st, "final_gpb_expenditure", n, "一般公共预算财政拨款支出决算表", cols, rows)


def final_three_public(st: Style, n: int) -> Table:
    """预算数 | 决算数, each 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计 | 购置费 |
    运行维护费) | 公务接待费: this year's budget and its outturn."""
    lab, tt = title(st, n, "财政拨款“三公”经费支出决算表")
    head: list[HCell] = []
    for k, word in enumerate(("预算数", "决算数")):
        c0 = 6 * k
        head += [
            HCell(0, c0, word, cs=6),
            HCell(1, c0, "合计", rs=2),
            HCell(1, c0 + 1, "因公出国\n（境）费", rs=2),
            HCell(1, c0 + 2, "公务用车购置及运行维护费", cs=3),
            HCell(2, c0 + 2, "小计"),
            HCell(2, c0 + 3, "购置费"),
            HCell(2, c0 + 4, "运行维护费"),
            HCell(1, c0 + 5, "公务接待费", rs=2),
        ]
    t = _labelled(Table("final_three_public", tt, [56] * 12, "r" * 12, head, 3), lab)
    row: list[str] = []
    for per, vals in (("budget", THREE["prior"]), ("final", THREE["current"])):
        row += [_put(t, st, per, c, v) for c, v in zip(THREE_COLS, vals, strict=True)]
    t.body.append(row)
    return t


def final_three_public_under(st: Style, n: int) -> Table:
    """Each item with 预算数 | 决算数 under it (the national template): 合计 | 因公出国（境）费 |
    公务用车购置及运行维护费 (小计 | 购置费 | 运行维护费) | 公务接待费."""
    lab, tt = title(st, n, "财政拨款“三公”经费支出决算表")
    head = [
        HCell(0, 0, "合计", cs=2, rs=2),
        HCell(0, 2, "因公出国\n（境）费", cs=2, rs=2),
        HCell(0, 4, "公务用车购置及运行维护费", cs=6),
        HCell(1, 4, "小计", cs=2),
        HCell(1, 6, "购置费", cs=2),
        HCell(1, 8, "运行维护费", cs=2),
        HCell(0, 10, "公务接待费", cs=2, rs=2),
    ] + [HCell(2, k, "预算数" if k % 2 == 0 else "决算数") for k in range(12)]
    t = _labelled(Table("final_three_public", tt, [54] * 12, "r" * 12, head, 3), lab)
    row: list[str] = []
    for c, b, f in zip(THREE_COLS, THREE["prior"], THREE["current"], strict=True):
        row += [_put(t, st, "budget", c, b), _put(t, st, "final", c, f)]
    t.body.append(row)
    return t


FUNDS = ("general_budget", "gov_fund", "state_capital")
FUND_WORDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def final_fiscal_summary(st: Style, n: int) -> Table:
    """收入 (项目 | 决算数) | 支出 (项目 | 合计 | one column per fund): the 年初 carry-over broken
    down by fund under its line, the 年末 one on the 支出 side."""
    fr = function_rows(("general_budget", "gov_fund"))
    classes = [(c, nm, g) for c, nm, g in fr if len(c) == 3]
    inc = {f: _sum([part(g, f) for _, _, g in classes]) for f in FUNDS}
    current = _sum(list(inc.values()))
    carried = {"general_budget": CARRIED, "gov_fund": D(0), "state_capital": D(0)}
    lab, tt = title(st, n, "财政拨款收入支出决算总表")
    head = [HCell(0, 0, "收入", cs=2), HCell(0, 2, "支出", cs=5)] + [
        HCell(1, k, w)
        for k, w in enumerate(
            (
                "项目",
                "决算数",
                "项目",
                "合计",
                "一般公共预算\n财政拨款",
                "政府性基金\n预算财政拨款",
                "国有资本经营\n预算财政拨款",
            )
        )
    ]
    t = _labelled(Table("final_fiscal_summary", tt, [170, 76, 150, 76, 76, 76, 84], "lrlrrrr", head, 2), lab)
    left = [
        (f"{CN[k]}、{w}", f"in.{f}", inc[f]) for k, (f, w) in enumerate(zip(FUNDS, FUND_WORDS, strict=True))
    ]

    def out(key: str, name: str, vals: dict[str, Decimal]) -> list[str]:
        return [name, _put(t, st, key, "total", _sum(list(vals.values())))] + [
            _put(t, st, key, f, vals[f]) for f in FUNDS
        ]

    for k in range(max(len(left), len(classes))):
        row = [left[k][0], _put(t, st, left[k][1], "amount", left[k][2])] if k < len(left) else ["", ""]
        if k < len(classes):
            c, nm, g = classes[k]
            row += out(f"out.{c}", f"{CN[k]}、{nm}", {f: part(g, f) for f in FUNDS})
        else:
            row += ["", "", "", "", ""]
        t.body.append(row)
    t.body.append(
        ["本年收入合计", _put(t, st, "in.current_total", "amount", current)]
        + out("out.current_total", "本年支出合计", inc)
    )
    t.body.append(
        ["年初财政拨款结转和结余", _put(t, st, "in.carryover", "amount", CARRIED)]
        + out("out.carry_forward", "年末财政拨款结转和结余", carried)
    )
    for k, (f, w) in enumerate(zip(FUNDS, FUND_WORDS, strict=True)):
        t.body.append(
            [f"{CN[k]}、{w}", _put(t, st, f"in.carryover.{f}", "amount", carried[f]), "", "", "", "", ""]
        )
    whole = {f: inc[f] + carried[f] for f in FUNDS}
    t.body.append(
        ["总计", _put(t, st, "in.grand_total", "amount", current + CARRIED)]
        + out("out.grand_total", "总计", whole)
    )
    return t


def final_gov_fund(st: Style, n: int) -> Table:
    """年初结转和结余 | 本年收入 | 本年支出 (合计 | 基本支出 | 项目支出) | 年末结转和结余."""
    rows = _rows(
        ("gov_fund",), {"total": (None, None), "basic": (None, "basic"), "project": (None, "project")}
    )
    for _, _, v in rows:
        v["income"] = v["total"]
    cols = [
        ("carryover_start", "年初结转\n和结余", 70),
        ("income", "本年收入", 70),
        ("total", "合计", 70),
        ("basic", "基本支出", 70),
        ("project", "项目支出", 70),
        ("carryover_end", "年末结转\n和结余", 70),
    ]
    return coded(
        st,
        "final_gov_fund",
        n,
        "政府性基金预算财政拨款收入支出决算表",
        cols,
        rows,
        groups=(("本年支出", 2, 3),),
    )


FINAL_BUILDERS = (
    final_summary,
    final_revenue,
    final_expenditure,
    final_fiscal_summary,
    final_gpb_expenditure,
    final_three_public,
    final_gov_fund,
)


def document(st: Style) -> tuple[bytes, list[dict[str, str]]]:
    cover = Page()
    cover.text(cover.width / 2, 200, f"{st.dept}{st.year}年度部门决算", 22, "center")
    tables = [b(st, k) for k, b in enumerate(st.builders or FINAL_BUILDERS, 1)]
    pages = [cover]
    for t in tables:
        pages += table_pages(st, t, pages[-1] if len(pages) > 1 else None)
    page_marks(st, pages)
    gold = [{"table": t.id, "row": r, "col": c, "value": v} for t in tables for r, c, v in t.gold]
    return pdf(pages), gold


FINAL = [
    Style("f_plain", year=2025, short_titles=True),
    Style("f_unruled", year=2025, short_titles=True, rules="none", split_codes=True, label="表{n}"),
    Style(
        "f_three_under",
        year=2025,
        rules="none",
        builders=(final_summary, final_fiscal_summary, final_three_public_under, final_gov_fund),
    ),
    Style("f_yuan_unruled", year=2025, yuan=True, cents=True, rules="none", footer="第 {p} 页，共 {n} 页"),
    Style("f_whole_unruled", year=2025, rules="none", decimals=0),
    Style(
        "f_three_under_zeros",
        year=2025,
        rules="none",
        yuan=True,
        cents=True,
        zeros=True,
        zero_mark="—",
        builders=(final_summary, final_three_public_under),
    ),
    Style(
        "f_running_foot",
        year=2025,
        footer="{dept}{year}年度部门决算    第{p}页",
        running="{dept}{year}年度部门决算",
        rows_per_page=8,
        rules="none",
    ),
]


if __name__ == "__main__":
    for s in FINAL:
        write(s, document)
