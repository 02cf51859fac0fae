"""The eight standard 部门预算 tables (财政部's 收支总表 … 政府性基金预算支出表) of one seed
budget whose every amount is known, laid out as other regions print them: each ``Style``
makes a PDF of the whole set with its gold cells (``shared/spec/cells.md``).

``python tests/variants.py`` writes ``tests/pdfs/v_<style>.pdf`` and ``.gold.jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from variantpdf import Page, pdf, width

D = Decimal
PDFS = Path(__file__).parent / "pdfs"

# the seed: function leaves (code, name) -> (basic, project) per fund
LEAVES: list[tuple[str, str, str, str, str]] = [
    # code, name, fund, basic, project
    ("2010301", "行政运行", "general_budget", "512.34", "0"),
    ("2010302", "一般行政管理事务", "general_budget", "0", "128.60"),
    ("2010350", "事业运行", "general_budget", "236.18", "0"),
    ("2010350", "事业运行", "business", "45.00", "0"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "general_budget", "86.42", "0"),
    ("2080506", "机关事业单位职业年金缴费支出", "general_budget", "43.21", "0"),
    ("2101101", "行政单位医疗", "general_budget", "38.75", "0"),
    ("2120804", "农村基础设施建设支出", "gov_fund", "0", "150.00"),
    ("2210201", "住房公积金", "general_budget", "61.50", "0"),
]
PRIOR = {  # 2025年执行数 of the general budget's leaves
    "2010301": "498.20",
    "2010302": "140.00",
    "2010350": "230.00",
    "2080505": "82.10",
    "2080506": "41.05",
    "2101101": "36.90",
    "2210201": "58.75",
}
NAMES = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "212": "城乡社区支出",
    "21208": "国有土地使用权出让收入安排的支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}
ECONOMIC: list[tuple[str, str, str, str]] = [  # code, name, personnel, public
    ("30101", "基本工资", "220.00", ""),
    ("30102", "津贴补贴", "310.50", ""),
    ("30103", "奖金", "45.60", ""),
    ("30108", "机关事业单位基本养老保险缴费", "86.42", ""),
    ("30109", "职业年金缴费", "43.21", ""),
    ("30110", "职工基本医疗保险缴费", "38.75", ""),
    ("30113", "住房公积金", "61.50", ""),
    ("30201", "办公费", "", "32.00"),
    ("30211", "差旅费", "", "18.50"),
    ("30217", "公务接待费", "", "3.20"),
    ("30228", "工会经费", "", "12.40"),
    ("30231", "公务用车运行维护费", "", "9.80"),
    ("30302", "退休费", "96.52", ""),
]
ECONOMIC_NAMES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助"}
THREE = {  # total, overseas, vehicle, vehicle_purchase, vehicle_operation, reception
    "current": ("15.00", "2.00", "9.80", "0.00", "9.80", "3.20"),
    "prior": ("16.50", "3.00", "10.30", "0.00", "10.30", "3.20"),
}
THREE_COLS = ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Style:
    name: str
    dept: str = "临江市文化和旅游局"
    year: int = 2026
    label: str = ""  # "公开{n:02d}表": on its own line above the title
    title_dept: bool = False  # the department's name before the title
    short_titles: bool = False  # 收支总表, no year
    yuan: bool = False  # amounts in 元, whole
    sep: bool = True  # thousands separators
    unit_on_title: bool = False  # 单位：… at the right end of the title line
    rules: str = "grid"  # grid | hlines | none
    zeros: bool = False  # a zero printed (0.00), not left blank
    split_codes: bool = False  # 类 | 款 | 项 columns
    prior: bool = False  # 2025年执行数 beside 2026年预算数
    total_first: bool = False  # the 合计 line above the code lines
    stacked_summary: bool = False  # 收支总表: the 收入 block above the 支出 block
    contents: bool = False  # a 目录 page listing the tables
    rows_per_page: int = 0  # cut a table's body after so many lines (0: never)
    repeat_header: bool = True  # a cut table's header printed again on the next page
    name_width: float = 170  # the 科目名称 column: a longer name wraps inside its cell
    spaced_header: bool = False  # two-character header words letter-spaced (项    目, 合    计)
    zero_mark: str = ""  # a zero printed as this (-, —, 0) where a zero is printed
    decimals: int = 2  # 万元 amounts' decimals (6: 816,236.484478)
    change: bool = False  # 一般公共预算支出表: 上年预算数 | 本年预算数 … | 增减额 | 增减率(%)
    rate_sign: bool = False  # the 增减率 printed with its % (2.84%)
    title_foot: bool = False  # a table's label, title and unit line at the foot of the page before
    label_only: bool = False  # no title line: the label (表3) alone names the table (the 目录 its title)
    unit_left: bool = False  # 单位：万元 at the left, 部门名称：… at the right
    economic_summary: bool = False  # 收支总表: a third block, 支出 by economic class beside the function one
    alt_words: bool = False  # other header wordings (总计, 本年预算, 日常公用经费, 运行维护费 …)
    economic_only: bool = False  # 收支总表: its 支出 side by economic class only (none of them cells)
    meetings: bool = False  # 三公 table: 合计 | “三公”经费 (小计 …) | 会议费 | 培训费
    code_name: str = ""  # code and name in one cell: "{code}{name}", "{code} {name}", "[{code}]{name}"
    income_group: str = ""  # 收入总表: a group word (本年收入) over the funds' columns, not 上年结转
    # (change) 增减额 | 增减率 under a group word: (group, amount's word, rate's word)
    change_group: tuple[str, str, str] | tuple[()] = ()
    stacked_fiscal: bool = False  # 财政拨款收支总表: its 收入 lines above its 支出 lines, one header
    code_sep: str = ""  # a code printed in its 类, 款 and 项 parts joined by this ("-": 201-03-01)
    # 一般公共预算基本支出表 as two panels side by side (人员经费 | 公用经费, each 编码 | 名称 |
    # amounts): 1 amount (金额) a panel, or 3 (合计 | 人员经费 | 公用经费); 0: one panel
    panels: int = 0
    panel_total: bool = False  # a 合计 line under the panels' foot lines, its amount at the right
    # (3 amounts a panel) the 合计 line: "sums" each panel's own 合计 | 人员经费 | 公用经费 under
    # it (none a cell; no foot line per panel), "whole" the table's under the right panel
    panel_foot: str = ""
    cents: bool = False  # amounts in 元 with two decimals (1,234,567.89)
    indent: str = "  "  # a name's indent per level under its class (full-width: "\u3000")
    footer: str = ""  # a page-number line at each page's foot: "第 {p} 页，共 {n} 页", "- {p} -"
    running: str = ""  # a running head at each page's top ("{dept}{year}年部门预算")
    continued: str = ""  # a cut table's later pages: "续表" above the header, or "title" (its title + （续）)
    central: bool = False  # the central government's titles (部门收支总表, 财政拨款收支总表 …), no year
    total_word: str = "合计"  # the coded tables' total line: 合计, 合  计, 总计, 支出合计
    total_in_code: bool = False  # that word in the code column, not the name column
    year_word: str = "年"  # 年, 年度, " 年" after the year in titles
    budget_word: bool = False  # titles with 预算 before 表 (收支预算总表, 一般公共预算支出预算表)
    builders: tuple = ()  # the tables' builders where not the standard eight (tests/variants_more.py)
    # a table printed by columns over two pages (too wide for its paper): (its id, how many of its
    # amount columns the first page prints); the next page prints the others, the same rows
    wide_cut: tuple[str, int] | tuple[()] = ()
    wide_labels: bool = True  # (wide_cut) that page prints the label columns (codes, names) again
    wide_title: bool = True  # (wide_cut) … and the title again


@dataclass
class HCell:
    r: int
    c: int
    text: str
    rs: int = 1
    cs: int = 1


@dataclass
class Table:
    id: str
    title: str
    widths: list[float]
    aligns: str  # one letter a column: l, r, c
    head: list[HCell]
    nhead: int
    body: list[list[str]] = field(default_factory=list)
    gold: list[tuple[str, str, str]] = field(default_factory=list)  # row, col, value
    label: str = ""


def _sum(vals: list[Decimal]) -> Decimal:
    return sum(vals, D(0))


def amount(st: Style, v: Decimal | str | None) -> str:
    """``v`` (万元) as the style prints it; '' for none (and for zero unless printed)."""
    if v is None or v == "":
        return ""
    d = D(v)
    if d == 0 and not st.zeros:
        return ""
    if d == 0 and st.zero_mark:
        return st.zero_mark
    if st.yuan and st.cents:
        return format(d * 10000, ",.2f" if st.sep else ".2f")
    if st.yuan:
        n = int(d * 10000)
        return f"{n:,}" if st.sep else str(n)
    f = f",.{st.decimals}f" if st.sep else f".{st.decimals}f"
    return format(d, f)


def _cell(t: Table, st: Style, row: str, col: str, v: Decimal | str | None) -> str:
    """A coded table's cell: a rate (增减率) in per cent, two decimals, whatever the unit."""
    if col == "_rate":
        return "" if v is None else f"{D(v):.2f}" + ("%" if st.rate_sign else "")
    return _put(t, st, row, col, v)


def _put(t: Table, st: Style, row: str, col: str, v: Decimal | str | None) -> str:
    s = amount(st, v)
    if s and row and not col.startswith("_"):  # a column the cells do not name (增减额): no gold
        t.gold.append((row, col, s.replace(",", "")))
    return s


# ---- the seed's figures ---------------------------------------------------------------------


def function_rows(funds: tuple[str, ...]) -> list[tuple[str, str, dict[tuple[str, str], Decimal]]]:
    """(code, name, {(fund, basic|project): amount}) for every class, item and leaf the funds
    pay, in code order."""
    leaves: dict[str, dict[tuple[str, str], Decimal]] = {}
    names: dict[str, str] = dict(NAMES)
    for code, name, fund, basic, project in LEAVES:
        if fund not in funds:
            continue
        names[code] = name
        got = leaves.setdefault(code, {})
        for part, v in (("basic", basic), ("project", project)):
            got[(fund, part)] = got.get((fund, part), D(0)) + D(v)
    rows: dict[str, dict[tuple[str, str], Decimal]] = {}
    for code, got in leaves.items():
        for k in (code[:3], code[:5], code):
            acc = rows.setdefault(k, {})
            for key, v in got.items():
                acc[key] = acc.get(key, D(0)) + v
    return [(c, names[c], rows[c]) for c in sorted(rows)]


def part(got: dict[tuple[str, str], Decimal], fund: str | None = None, kind: str | None = None) -> Decimal:
    return _sum(
        [v for (f, k), v in got.items() if (fund is None or f == fund) and (kind is None or k == kind)]
    )


def prior_of(code: str) -> Decimal:
    return _sum([D(v) for c, v in PRIOR.items() if c.startswith(code)])


# ---- titles and code columns ----------------------------------------------------------------


def title(st: Style, n: int, name: str) -> tuple[str, str]:
    """(label, title) of the n-th table named ``name`` (收支总表)."""
    if st.budget_word:
        name = name[:-2] + "预算总表" if name.endswith("总表") else name[:-1] + "预算表"
    t = name if st.short_titles else f"{st.year}{st.year_word}部门{name}"
    if st.central:  # 部门收支总表, 部门收入总表, 部门支出总表; the others as named
        t = f"部门{name}" if name in ("收支总表", "收入总表", "支出总表") else name
    if st.title_dept:
        t = st.dept + t
    return (st.label.format(n=n, cn=CN[n - 1]) if st.label else "", t)


def code_head(st: Style, rs: int) -> tuple[list[HCell], list[float], str]:
    if st.code_name:
        return ([HCell(0, 0, "科目编码及名称", rs=rs)], [st.name_width + 64], "l")
    if st.split_codes:
        return (
            [
                HCell(0, 0, "科目编码", cs=3),
                HCell(1, 0, "类", rs=rs - 1),
                HCell(1, 1, "款", rs=rs - 1),
                HCell(1, 2, "项", rs=rs - 1),
                HCell(0, 3, "科目名称", rs=rs),
            ],
            [30, 24, 24, st.name_width],
            "cccl",
        )
    return ([HCell(0, 0, "科目编码", rs=rs), HCell(0, 1, "科目名称", rs=rs)], [64, st.name_width], "ll")


def code_cells(st: Style, code: str) -> list[str]:
    if st.code_name:
        return []
    if st.split_codes:
        return [code[:3], code[3:5], code[5:7]]
    return [printed_code(st, code)]


def printed_code(st: Style, code: str) -> str:
    """``code`` as the style prints it: whole (2010301) or its parts joined (201-03-01)."""
    if not st.code_sep:
        return code
    return st.code_sep.join(p for p in (code[:3], code[3:5], code[5:7]) if p)


def name_cell(code: str, name: str, indent: str = "  ") -> str:
    return indent * ((len(code) - 3) // 2) + name


def total_cells(st: Style) -> list[str]:
    w = st.total_word
    if st.code_name:
        return [w]
    if st.total_in_code:
        return [w, "", "", ""] if st.split_codes else [w, ""]
    return ["", "", "", w] if st.split_codes else ["", w]


# ---- the tables -----------------------------------------------------------------------------


def summary(st: Style, n: int) -> Table:
    fr = function_rows(("general_budget", "gov_fund", "business"))
    classes = [(c, nm, part(got)) for c, nm, got in fr if len(c) == 3]
    total = _sum([v for _, _, v in classes])
    income = [
        (
            "一般公共预算拨款收入",
            "in.general_budget",
            _sum([part(g, "general_budget") for c, _, g in fr if len(c) == 3]),
        ),
        (
            "政府性基金预算拨款收入",
            "in.gov_fund",
            _sum([part(g, "gov_fund") for c, _, g in fr if len(c) == 3]),
        ),
        ("国有资本经营预算拨款收入", "in.state_capital", D(0)),
        ("财政专户管理资金收入", "in.fiscal_special", D(0)),
        ("事业收入", "in.business", _sum([part(g, "business") for c, _, g in fr if len(c) == 3])),
        ("事业单位经营收入", "in.operating", D(0)),
        ("其他收入", "in.other", D(0)),
    ]
    income = [(f"{CN[k]}、{nm}", key, v) for k, (nm, key, v) in enumerate(income)]
    expense = [(f"{CN[k]}、{nm}", f"out.{c}", v) for k, (c, nm, v) in enumerate(classes)]
    ends = [
        (("本年收入合计", "in.current_total", total), ("本年支出合计", "out.current_total", total)),
        (("上年结转", "in.carryover", D(0)), ("结转下年", "out.carry_forward", D(0))),
        (("收入总计", "in.grand_total", total), ("支出总计", "out.grand_total", total)),
    ]
    lab, tt = title(st, n, "收支总表")
    if st.economic_summary:
        return _labelled(_three_blocks(st, tt, income, expense, ends), lab)
    if st.economic_only:  # no function class line: the economic ones are none of the cells
        expense = [(f"{CN[k]}、{nm}", "", D(v)) for k, (nm, v) in enumerate(SUMMARY_ECONOMIC)]
    if st.stacked_summary:
        t = Table("summary", tt, [260, 120], "lr", [HCell(0, 0, "项目"), HCell(0, 1, "预算数")], 1)
        t.body.append(["收入", ""])
        for nm, key, v in income + [ends[0][0], ends[1][0], ends[2][0]]:
            t.body.append([nm, _put(t, st, key, "amount", v)])
        t.body.append(["支出", ""])
        for nm, key, v in expense + [ends[0][1], ends[1][1], ends[2][1]]:
            t.body.append([nm, _put(t, st, key, "amount", v)])
        return _labelled(t, lab)
    head = [HCell(0, 0, "收入", cs=2), HCell(0, 2, "支出", cs=2)] + [
        HCell(1, k, w) for k, w in enumerate(("项目", "预算数", "项目", "预算数"))
    ]
    t = Table("summary", tt, [200, 110, 200, 110], "lrlr", head, 2)
    for k in range(max(len(income), len(expense))):
        t.body.append(_side_cells(t, st, (income, expense), k))
    for (a, ka, va), (b, kb, vb) in ends:
        t.body.append([a, _put(t, st, ka, "amount", va), b, _put(t, st, kb, "amount", vb)])
    return _labelled(t, lab)


Line = tuple[str, str, Decimal]  # a 收支总表 line: name, row key, amount


def _side_cells(t: Table, st: Style, sides: tuple[list[Line], ...], k: int) -> list[str]:
    """Line ``k`` of each side of a 收支总表: its name and amount, or two blanks."""
    row: list[str] = []
    for side in sides:
        if k < len(side):
            nm, key, v = side[k]
            row += [nm, _put(t, st, key, "amount", v)]
        else:
            row += ["", ""]
    return row


SUMMARY_ECONOMIC = [  # 支出 by economic class: the whole budget (basic, project, fund, business)
    ("工资福利支出", "850.98"),
    ("商品和服务支出", "204.50"),
    ("对个人和家庭的补助", "96.52"),
    ("资本性支出", "150.00"),
]


def _three_blocks(st: Style, tt: str, income: list[Line], expense: list[Line], ends: list) -> Table:  # type: ignore[type-arg]
    """收入 | 支出（按功能分类） | 支出（按经济分类）: the economic lines are none of the cells."""
    head = [
        HCell(0, 0, "收入", cs=2),
        HCell(0, 2, "支出（按功能分类）", cs=2),
        HCell(0, 4, "支出（按经济分类）", cs=2),
    ] + [HCell(1, k, w) for k, w in enumerate(("项目", "预算数") * 3)]
    t = Table("summary", tt, [150, 80, 150, 80, 130, 80], "lrlrlr", head, 2)
    economic = [(f"{CN[k]}、{nm}", D(v)) for k, (nm, v) in enumerate(SUMMARY_ECONOMIC)]
    for k in range(max(len(income), len(expense), len(economic))):
        row = _side_cells(t, st, (income, expense), k)
        row += [economic[k][0], amount(st, economic[k][1])] if k < len(economic) else ["", ""]
        t.body.append(row)
    for (a, ka, va), (b, kb, vb) in ends:
        # the economic block's ends are the function block's: printed once, on its side
        t.body.append([a, _put(t, st, ka, "amount", va), b, _put(t, st, kb, "amount", vb), "", ""])
    return t


def _labelled(t: Table, label: str) -> Table:
    t.label = label
    return t


def coded(
    st: Style,
    tid: str,
    n: int,
    name: str,
    cols: list[tuple[str, str, float]],
    rows: list[tuple[str, str, dict[str, Decimal | None]]],
    groups: tuple[tuple[str, int, int], ...] = (),
) -> Table:
    """A table keyed by code: ``cols`` (id, header, width); ``rows`` (code, name, {col: amount})
    with the 合计 line's code ''; ``groups`` (header, first column, columns) over some columns."""
    nh = 2 if (groups or st.split_codes) else 1
    head, widths, aligns = code_head(st, nh)
    first = len(widths)
    under = {first + c0 + k for _, c0, span in groups for k in range(span)}
    head += [HCell(0, first + c0, g, cs=span) for g, c0, span in groups]
    for k, (_, h, w) in enumerate(cols):
        c = first + k
        head.append(HCell(1, c, h) if c in under else HCell(0, c, h, rs=nh))
        widths.append(w)
        aligns += "r"
    lab, tt = title(st, n, name)
    t = _labelled(Table(tid, tt, widths, aligns, head, nh), lab)
    ordered = sorted(rows, key=lambda r: (r[0] == "") != st.total_first)
    for code, nm, vals in ordered:
        key = code or "total"
        if st.code_name and code:
            indent = name_cell(code, "", st.indent)
            lead = [indent + st.code_name.format(code=printed_code(st, code), name=nm)]
        else:
            lead = code_cells(st, code) + [name_cell(code, nm, st.indent)] if code else total_cells(st)
        t.body.append(lead + [_cell(t, st, key, cid, vals.get(cid)) for cid, _, _ in cols])
    return t


def revenue(st: Style, n: int) -> Table:
    fr = function_rows(("general_budget", "gov_fund", "business"))
    cols = [
        ("total", "合计", 70),
        ("carryover", "上年结转", 60),
        ("general_budget", "一般公共预算\n拨款收入", 74),
        ("gov_fund", "政府性基金预\n算拨款收入", 70),
        ("state_capital", "国有资本经营\n预算拨款收入", 74),
        ("business", "事业收入", 60),
        ("other", "其他收入", 56),
    ]
    rows: list[tuple[str, str, dict[str, Decimal | None]]] = []
    for code, nm, got in fr:
        rows.append(
            (
                code,
                nm,
                {
                    "total": part(got),
                    "general_budget": part(got, "general_budget"),
                    "gov_fund": part(got, "gov_fund"),
                    "business": part(got, "business"),
                },
            )
        )
    top = [r for r in rows if len(r[0]) == 3]
    rows.append(
        (
            "",
            "合计",
            {
                c: _sum([D(r[2].get(c) or 0) for r in top])
                for c in ("total", "general_budget", "gov_fund", "business")
            },
        )
    )
    groups = ((st.income_group, 2, 5),) if st.income_group else ()
    return coded(st, "revenue", n, "收入总表", cols, rows, groups=groups)


def expenditure(st: Style, n: int) -> Table:
    fr = function_rows(("general_budget", "gov_fund", "business"))
    cols = [
        ("total", "合计", 76),
        ("basic", "基本支出", 76),
        ("project", "项目支出", 76),
        ("remit", "上缴上级支出", 70),
        ("operating", "事业单位\n经营支出", 64),
    ]
    rows: list[tuple[str, str, dict[str, Decimal | None]]] = [
        (c, nm, {"total": part(g), "basic": part(g, kind="basic"), "project": part(g, kind="project")})
        for c, nm, g in fr
    ]
    top = [r for r in rows if len(r[0]) == 3]
    rows.append(
        ("", "合计", {c: _sum([D(r[2].get(c) or 0) for r in top]) for c in ("total", "basic", "project")})
    )
    return coded(st, "expenditure", n, "支出总表", cols, rows)


def gpb_expenditure(st: Style, n: int) -> Table:
    fr = function_rows(("general_budget",))
    rows: list[tuple[str, str, dict[str, Decimal | None]]] = [
        (
            c,
            nm,
            {
                "prior_total": prior_of(c),
                "total": part(g),
                "basic": part(g, kind="basic"),
                "project": part(g, kind="project"),
            },
        )
        for c, nm, g in fr
    ]
    top = [r for r in rows if len(r[0]) == 3]
    rows.append(
        (
            "",
            "合计",
            {
                c: _sum([D(r[2].get(c) or 0) for r in top])
                for c in ("prior_total", "total", "basic", "project")
            },
        )
    )
    cols = [("total", "合计", 80), ("basic", "基本支出", 80), ("project", "项目支出", 80)]
    if st.change:
        return _with_change(st, n, cols, rows)
    if not st.prior:
        return coded(st, "gpb_expenditure", n, "一般公共预算支出表", cols, rows)
    cols = [("prior_total", f"{st.year - 1}年\n执行数", 70)] + cols
    return coded(
        st, "gpb_expenditure", n, "一般公共预算支出表", cols, rows, groups=((f"{st.year}年预算数", 1, 3),)
    )


def _with_change(
    st: Style,
    n: int,
    cols: list[tuple[str, str, float]],
    rows: list[tuple[str, str, dict[str, Decimal | None]]],
) -> Table:
    """上年预算数 | 本年预算数 (合计 | 基本支出 | 项目支出) | 增减额 | 增减率(%): the change may be
    negative, the rate is no money."""
    for _, _, vals in rows:
        prior, cur = D(vals["prior_total"] or 0), D(vals["total"] or 0)
        vals["_change"] = cur - prior
        vals["_rate"] = ((cur - prior) / prior * 100).quantize(D("0.01")) if prior else None
    words = st.change_group[1:] if st.change_group else ("增减额", "增减率(%)")
    cols = [("prior_total", "上年预算数", 70), *cols, ("_change", words[0], 64), ("_rate", words[1], 60)]
    cols = [(c, h, w * 0.85) for c, h, w in cols]
    groups = (("本年预算数", 1, 3),) + (((st.change_group[0], 4, 2),) if st.change_group else ())
    return coded(st, "gpb_expenditure", n, "一般公共预算支出表", cols, rows, groups=groups)


def gov_fund_expenditure(st: Style, n: int) -> Table:
    fr = function_rows(("gov_fund",))
    rows: list[tuple[str, str, dict[str, Decimal | None]]] = [
        (c, nm, {"total": part(g), "basic": part(g, kind="basic"), "project": part(g, kind="project")})
        for c, nm, g in fr
    ]
    top = [r for r in rows if len(r[0]) == 3]
    rows.append(
        ("", "合计", {c: _sum([D(r[2].get(c) or 0) for r in top]) for c in ("total", "basic", "project")})
    )
    cols = [("total", "合计", 80), ("basic", "基本支出", 80), ("project", "项目支出", 80)]
    return coded(
        st,
        "gov_fund_expenditure",
        n,
        "政府性基金预算支出表",
        cols,
        rows,
        groups=(("本年政府性基金预算支出", 0, 3),),
    )


def gpb_basic_economic(st: Style, n: int) -> Table:
    if st.panels:
        return gpb_basic_panels(st, n)
    rows: list[tuple[str, str, dict[str, Decimal | None]]] = []
    acc: dict[str, dict[str, Decimal]] = {}
    for code, nm, pers, pub in ECONOMIC:
        p, q = D(pers or 0), D(pub or 0)
        rows.append((code, nm, {"total": p + q, "personnel": p, "public": q}))
        a = acc.setdefault(code[:3], {"total": D(0), "personnel": D(0), "public": D(0)})
        a["total"] += p + q
        a["personnel"] += p
        a["public"] += q
    rows += [(c, ECONOMIC_NAMES[c], dict(v)) for c, v in acc.items()]
    rows.sort(key=lambda r: r[0])
    rows.append(
        ("", "合计", {c: _sum([v[c] for v in acc.values()]) for c in ("total", "personnel", "public")})
    )
    cols = [("total", "合计", 90), ("personnel", "人员经费", 90), ("public", "公用经费", 90)]
    t = coded(
        replace(st, split_codes=False),
        "gpb_basic_economic",
        n,
        "一般公共预算基本支出表",
        cols,
        rows,
        groups=((f"{st.year}年基本支出", 0, 3),),
    )
    for h in t.head:
        if h.text in ("科目编码", "科目名称", "科目编码及名称"):
            h.text = h.text.replace("科目", "经济分类科目\n")
    return t


def _economic_rows() -> list[tuple[str, str, Decimal, Decimal]]:
    """(code, name, personnel, public) of every economic class and item, in code order."""
    out = [(c, nm, D(p or 0), D(q or 0)) for c, nm, p, q in ECONOMIC]
    for cls, nm in ECONOMIC_NAMES.items():
        items = [r for r in out if r[0].startswith(cls)]
        out.append((cls, nm, _sum([r[2] for r in items]), _sum([r[3] for r in items])))
    return sorted(out)


PANELS = (("人员经费", ("301", "303")), ("公用经费", ("302", "310")))  # each panel's classes


def gpb_basic_panels(st: Style, n: int) -> Table:
    """The 基本支出 table as two panels side by side: 人员经费's classes (301, 303) on the left,
    公用经费's (302, 310) on the right, each 编码 | 名称 | 金额 (or 合计 | 人员经费 | 公用经费),
    a line holding one row of each; the panels' 合计 lines at the foot."""
    amounts = (
        [("total", "金额")]
        if st.panels == 1
        else [("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")]
    )
    width = 80 if st.panels == 1 else 62
    head: list[HCell] = []
    widths: list[float] = []
    per = 2 + len(amounts)
    for k, (word, _) in enumerate(PANELS):
        head.append(HCell(0, k * per, word, cs=per))
        head += [HCell(1, k * per, "科目编码"), HCell(1, k * per + 1, "科目名称")]
        head += [HCell(1, k * per + 2 + j, h) for j, (_, h) in enumerate(amounts)]
        widths += [44, min(st.name_width, 120 if st.panels == 1 else 96)] + [width] * len(amounts)
    lab, tt = title(st, n, "一般公共预算基本支出表")
    t = _labelled(
        Table("gpb_basic_economic", tt, widths, ("llrrr" if st.panels == 3 else "llr") * 2, head, 2), lab
    )
    rows = _economic_rows()
    sides = [[r for r in rows if r[0][:3] in classes] for _, classes in PANELS]
    for k in range(max(len(s) for s in sides)):
        line: list[str] = []
        for side in sides:
            if k >= len(side):
                line += [""] * per
                continue
            code, nm, p, q = side[k]
            vals = {"total": p + q, "personnel": p, "public": q}
            line += [code, name_cell(code, nm)] + [_put(t, st, code, c, vals[c]) for c, _ in amounts]
        t.body.append(line)
    foot: list[str] = []
    for (word, classes), col in zip(PANELS, ("personnel", "public"), strict=True):
        if st.panel_foot == "sums":
            break  # no foot line per panel
        # the panel's 合计 line: the total row's 人员经费 (公用经费), under the panel's lone amount
        # column or its own column; the same figure under 合计 there is no cell
        v = _sum([(r[2] if col == "personnel" else r[3]) for r in rows if r[0] in classes])
        own = "total" if st.panels == 1 else col
        foot += ["", f"{word}合计"]
        foot += [amount(st, v) if c in ("total", col) else "" for c, _ in amounts]
        t.gold += [
            ("total", col, x.replace(",", "")) for c, _ in amounts if c == own and (x := amount(st, v))
        ]
    if foot:
        t.body.append(foot)
    if st.panel_foot:
        t.body.append(_panel_foot(t, st, [[r for r in rows if r[0] in classes] for _, classes in PANELS]))
    if st.panel_total:
        whole = _sum([r[2] + r[3] for r in rows if len(r[0]) == 3])
        t.body.append(["", "合计"] + [""] * (2 * per - 3) + [_put(t, st, "total", "total", whole)])
    return t


def _panel_foot(t: Table, st: Style, tops: list[list[tuple[str, str, Decimal, Decimal]]]) -> list[str]:
    """A 合计 line of three amounts a panel (``st.panel_foot``): each panel's own sums under
    it (no cell: neither is the table's), or the table's 合计 | 人员经费 | 公用经费 under the
    right panel (its 合计 a cell; the parts are the panels' foot lines' already)."""

    def sums(rows: list[tuple[str, str, Decimal, Decimal]]) -> list[str]:
        p, q = _sum([r[2] for r in rows]), _sum([r[3] for r in rows])
        return [amount(st, p + q), amount(st, p), amount(st, q)]

    if st.panel_foot == "sums":
        return ["", "合计", *sums(tops[0]), "", "", *sums(tops[1])]
    whole = sums([r for side in tops for r in side])
    t.gold.append(("total", "total", whole[0].replace(",", "")))
    return ["", "合计", "", "", "", "", "", *whole]


MEETINGS = ("6.00", "8.40")  # 会议费, 培训费 of this year


def three_meetings(st: Style, n: int) -> Table:
    """合计 (三公 + 会议费 + 培训费: no 三公 figure) | “三公”经费 (小计 | 因公出国（境）费 |
    公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费) | 会议费 | 培训费."""
    lab, tt = title(st, n, "一般公共预算“三公”经费、会议费和培训费支出表")
    head = [
        HCell(0, 0, "合计", rs=3),
        HCell(0, 1, "“三公”经费", cs=6),
        HCell(0, 7, "会议费", rs=3),
        HCell(0, 8, "培训费", rs=3),
        HCell(1, 1, "小计", rs=2),
        HCell(1, 2, "因公出国\n（境）费", rs=2),
        HCell(1, 3, "公务用车购置及运行费", cs=3),
        HCell(1, 6, "公务接待费", rs=2),
        HCell(2, 3, "小计"),
        HCell(2, 4, "购置费"),
        HCell(2, 5, "运行费"),
    ]
    t = _labelled(Table("three_public", tt, [60] * 9, "r" * 9, head, 3), lab)
    cur = THREE["current"]
    whole = D(cur[0]) + sum((D(x) for x in MEETINGS), D(0))
    row = [amount(st, whole)] + [_put(t, st, "current", c, v) for c, v in zip(THREE_COLS, cur, strict=True)]
    t.body.append(row + [amount(st, x) for x in MEETINGS])
    return t


def three_public(st: Style, n: int) -> Table:
    if st.meetings:
        return three_meetings(st, n)
    lab, tt = title(st, n, "一般公共预算“三公”经费支出表")
    periods = ["prior", "current"] if st.prior else ["current"]
    head: list[HCell] = []
    widths: list[float] = []
    for k, p in enumerate(periods):
        c0 = 6 * k
        head.append(HCell(0, c0, f"{st.year - 1}年执行数" if p == "prior" else f"{st.year}年预算数", cs=6))
        head += [
            HCell(1, c0, "合计", rs=2),
            HCell(1, c0 + 1, "因公出国\n（境）费", rs=2),
            HCell(1, c0 + 2, "公务用车购置及运行费", cs=3),
        ]
        head += [
            HCell(2, c0 + 2, "小计"),
            HCell(2, c0 + 3, "购置费"),
            HCell(2, c0 + 4, "运行费"),
            HCell(1, c0 + 5, "公务接待费", rs=2),
        ]
        widths += [56, 56, 56, 56, 56, 56]
    t = _labelled(Table("three_public", tt, widths, "r" * len(widths), head, 3), lab)
    row: list[str] = []
    for p in periods:
        row += [_put(t, st, p, c, v) for c, v in zip(THREE_COLS, THREE[p], strict=True)]
    t.body.append(row)
    return t


def fiscal_summary(st: Style, n: int) -> Table:
    fr = function_rows(("general_budget", "gov_fund"))
    funds = ("general_budget", "gov_fund", "state_capital")
    classes = [(c, nm, g) for c, nm, g in fr if len(c) == 3]
    inc = {f: _sum([part(g, f) for _, _, g in classes]) for f in funds}
    total = _sum(list(inc.values()))
    lab, tt = title(st, n, "财政拨款收支总表")
    head = [HCell(0, 0, "收入", cs=2), HCell(0, 2, "支出", cs=5)]
    head += [
        HCell(1, k, w)
        for k, w in enumerate(
            ("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
        )
    ]
    t = _labelled(Table("fiscal_summary", tt, [150, 76, 150, 76, 76, 76, 84], "lrlrrrr", head, 2), lab)
    income = [
        (f"{CN[k]}、{nm}", f"in.{f}", inc[f])
        for k, (nm, f) in enumerate(
            (
                ("一般公共预算", "general_budget"),
                ("政府性基金预算", "gov_fund"),
                ("国有资本经营预算", "state_capital"),
            )
        )
    ]
    for k in range(max(len(income), len(classes))):
        row = ["", ""]
        if k < len(income):
            nm, key, v = income[k]
            row = [nm, _put(t, st, key, "amount", v)]
        if k < len(classes):
            c, nm, g = classes[k]
            row += [f"{CN[k]}、{nm}", _put(t, st, f"out.{c}", "total", part(g))] + [
                _put(t, st, f"out.{c}", f, part(g, f)) for f in funds
            ]
        else:
            row += ["", "", "", "", ""]
        t.body.append(row)
    for a, ka, b, kb, v, fv in (
        ("本年收入合计", "in.current_total", "本年支出合计", "out.current_total", total, inc),
        ("上年结转", "in.carryover", "结转下年", "out.carry_forward", D(0), dict.fromkeys(funds, D(0))),
        ("收入总计", "in.grand_total", "支出总计", "out.grand_total", total, inc),
    ):
        t.body.append(
            [a, _put(t, st, ka, "amount", v), b, _put(t, st, kb, "total", v)]
            + [_put(t, st, kb, f, fv[f]) for f in funds]
        )
    return _stacked_fiscal(t) if st.stacked_fiscal else t


def _stacked_fiscal(t: Table) -> Table:
    """The 财政拨款收支总表 as one list under 项目 | 合计 | 一般公共预算 | 政府性基金预算 |
    国有资本经营预算: a 收入 line, the income lines (each amount under 合计), a 支出 line, the
    expense lines."""
    income = [[row[0], row[1], "", "", ""] for row in t.body if row[0]]
    expense = [row[2:] for row in t.body if row[2]]
    t.head = [
        HCell(0, k, w)
        for k, w in enumerate(("项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"))
    ]
    t.nhead, t.widths, t.aligns = 1, [220, 90, 90, 90, 100], "lrrrr"
    t.body = [["收入", "", "", "", ""], *income, ["支出", "", "", "", ""], *expense]
    return t


BUILDERS = (
    summary,
    revenue,
    expenditure,
    fiscal_summary,
    gpb_expenditure,
    gpb_basic_economic,
    three_public,
    gov_fund_expenditure,
)


# ---- pages ----------------------------------------------------------------------------------

ROW_H = 18.0
MARGIN = 40.0


def _cell_text(
    p: Page, x0: float, x1: float, y0: float, y1: float, text: str, align: str, size: float = 9.0
) -> None:
    lines = text.split("\n")
    mid = (y0 + y1) / 2
    for k, ln in enumerate(lines):
        y = mid + size * 0.35 + (k - (len(lines) - 1) / 2) * (size + 2)
        if align == "l":
            p.text(x0 + 3, y, ln, size)
        elif align == "r":
            p.text(x1 - 3, y, ln, size, "right")
        else:
            p.text((x0 + x1) / 2, y, ln, size, "center")


def _header(p: Page, st: Style, t: Table, xs: list[float], y: float) -> float:
    for h in t.head:
        y0, y1 = y + h.r * ROW_H, y + (h.r + h.rs) * ROW_H
        x0, x1 = xs[h.c], xs[h.c + h.cs]
        text = "    ".join(h.text) if st.spaced_header and len(h.text) == 2 else h.text
        _cell_text(p, x0, x1, y0, y1, text, "c")
        if st.rules == "grid":
            p.line(x0, y0, x1, y0)
            p.line(x0, y1, x1, y1)
            p.line(x0, y0, x0, y1)
            p.line(x1, y0, x1, y1)
    bottom = y + t.nhead * ROW_H
    if st.rules == "hlines":
        p.line(xs[0], y, xs[-1], y)
        p.line(xs[0], bottom, xs[-1], bottom)
    return bottom


def _wrap(s: str, room: float, size: float = 9.0) -> str:
    """``s`` cut into lines that fit ``room`` points (a cell's text wrapped in its cell)."""
    lines, cur = [], ""
    for c in s:
        if cur and width(cur + c, size) > room:
            lines.append(cur)
            cur = c.strip()
        else:
            cur += c
    return "\n".join([*lines, cur])


def _row(p: Page, st: Style, t: Table, xs: list[float], y: float, cells: list[str]) -> float:
    texts = [_wrap(s, xs[k + 1] - xs[k] - 6) for k, s in enumerate(cells)]
    h = max(ROW_H, max(x.count("\n") + 1 for x in texts) * 11 + 6)
    for k, s in enumerate(texts):
        _cell_text(p, xs[k], xs[k + 1], y, y + h, s, t.aligns[k])
    if st.rules == "grid":
        p.line(xs[0], y + h, xs[-1], y + h)
        for x in xs:
            p.line(x, y, x, y + h)
    return y + h


def _unit(st: Style) -> str:
    return "单位：元" if st.yuan else "单位：万元"


def _title(p: Page, st: Style, t: Table, xs: list[float], y: float) -> float:
    """The label, title and unit line from ``y`` down; the y under them."""
    if t.label:
        p.text(xs[0], y, t.label, 14 if st.label_only else 10)
        y += 22
    if not st.label_only:
        p.text(p.width / 2, y + 10, t.title, 15, "center")
    if st.unit_on_title:
        right = max(xs[-1], p.width / 2 + width(t.title, 15) / 2 + 80)
        p.text(right, y + 10, _unit(st), 9, "right")
        return y + 28
    y += 30
    left, right = (_unit(st), f"部门名称：{st.dept}") if st.unit_left else (f"部门名称：{st.dept}", _unit(st))
    p.text(xs[0], y, left, 9)
    p.text(xs[-1], y, right, 9, "right")
    return y + 8


def table_pages(st: Style, t: Table, before: Page | None = None) -> list[Page]:
    """The pages of ``t``; its title at the foot of ``before`` where the style says so."""
    p = Page()
    total = sum(t.widths)
    xs = [(p.width - total) / 2]
    for w in t.widths:
        xs.append(xs[-1] + w)
    y = MARGIN
    foot = before.height - MARGIN - 70 if before is not None else 0.0
    lowest = max((ty for _, ty, _, _ in before.texts), default=0.0) if before is not None else 0.0
    if st.title_foot and before is not None and lowest < foot - 20:
        _title(before, st, t, xs, foot)  # where the page before has room left at its foot
    else:
        y = _title(p, st, t, xs, y)
    top = y
    y = _header(p, st, t, xs, y)
    pages = [p]
    for k, cells in enumerate(t.body):
        if st.rows_per_page and k and k % st.rows_per_page == 0:
            if st.rules == "hlines":
                p.line(xs[0], y, xs[-1], y)
            p = Page()
            pages.append(p)
            top = y = MARGIN
            if st.continued == "title":
                p.text(p.width / 2, y + 10, t.title + "（续）", 15, "center")
                y += 30
            elif st.continued:
                p.text(xs[-1], y, st.continued, 10, "right")
                y += 8
            if st.repeat_header:
                y = _header(p, st, t, xs, y)
        y = _row(p, st, t, xs, y, cells)
    if st.rules == "hlines":
        p.line(xs[0], y, xs[-1], y)
    del top
    return pages


def contents_page(st: Style, tables: list[Table], first: int) -> Page:
    p = Page()
    p.text(p.width / 2, 70, "目    录", 16, "center")
    y = 110.0
    p.text(120, y, "第一部分  部门概况", 11)
    p.text(720, y, "3", 11, "right")
    y += 24
    p.text(120, y, "第二部分  部门预算表", 11)
    y += 24
    page = first
    for t in tables:
        name = f"{t.label} {t.title}" if t.label else t.title
        p.text(140, y, name, 11)
        dots = "…" * int((700 - 150 - width(name, 11)) / 11)
        p.text(150 + width(name, 11), y, dots, 11)
        p.text(720, y, str(page), 11, "right")
        y += 22
        page += 1
    return p


ALT_WORDS = {  # header words as other templates print them: table id (or "") -> {word: other}
    "": {"科目编码": "功能分类科目编码", "科目名称": "功能分类科目名称"},
    "summary": {"预算数": "本年预算", "项目": "预算项目"},
    "revenue": {
        "合计": "收入总计",
        "一般公共预算\n拨款收入": "一般公共预算\n拨款",
        "事业收入": "事业收入\n（不含专户）",
    },
    "expenditure": {"合计": "支出总计", "事业单位\n经营支出": "经营支出"},
    "fiscal_summary": {
        "预算数": "本年预算",
        "一般公共预算": "一般公共预算\n财政拨款",
        "政府性基金预算": "政府性基金\n预算财政拨款",
    },
    "gpb_expenditure": {"合计": "小计"},
    "gpb_basic_economic": {"公用经费": "日常公用经费", "经济分类科目\n编码": "部门经济分类\n科目编码"},
    "three_public": {
        "因公出国\n（境）费": "因公出国\n（境）费用",
        "运行费": "运行维护费",
        "公务接待费": "公务接待\n费",
    },
}


def _reworded(t: Table) -> Table:
    words = {**ALT_WORDS[""], **ALT_WORDS.get(t.id, {})}
    for h in t.head:
        h.text = words.get(h.text, h.text)
    return t


def page_marks(st: Style, pages: list[Page]) -> None:
    """Each page after the cover gets the style's footer and running head, their {p}, {n},
    {dept} and {year} filled in."""
    for k, pg in enumerate(pages[1:], 2):
        if st.footer:
            foot = st.footer.format(p=k, n=len(pages), dept=st.dept, year=st.year)
            pg.text(pg.width / 2, pg.height - 24, foot, 9, "center")
        if st.running:
            pg.text(pg.width - MARGIN, 22, st.running.format(dept=st.dept, year=st.year, p=k), 9, "right")


def document(st: Style) -> tuple[bytes, list[dict[str, str]]]:
    cover = Page()
    cover.text(cover.width / 2, 200, f"{st.dept}{st.year}年部门预算", 22, "center")
    cover.text(cover.width / 2, 260, f"{st.year}年3月", 14, "center")
    tables = [b(st, k) for k, b in enumerate(st.builders or BUILDERS, 1)]
    if st.alt_words:
        tables = [_reworded(t) for t in tables]
    pages = [cover]
    if st.contents:
        pages.append(contents_page(st, tables, 3))
    for t in tables:
        if st.wide_cut and t.id == st.wide_cut[0]:
            pages += _by_columns(st, t, st.wide_cut[1])
            continue
        pages += table_pages(st, t, pages[-1] if len(pages) > 1 else None)
    page_marks(st, pages)
    gold = [{"table": t.id, "row": r, "col": c, "value": v} for t in tables for r, c, v in t.gold]
    return pdf(pages), gold


def _by_columns(st: Style, t: Table, first: int) -> list[Page]:
    """``t`` printed by columns: its label columns and ``first`` amount columns on one page, its
    other amount columns on the next (the label columns and the title again where the style
    says so). A header cell spanning the cut stays on the page of its first column."""
    nl = len(t.aligns) - len(t.aligns.lstrip("lc"))
    cut = nl + first
    left = replace(
        t,
        widths=t.widths[:cut],
        aligns=t.aligns[:cut],
        head=[replace(h, cs=min(h.cs, cut - h.c)) for h in t.head if h.c < cut],
        body=[r[:cut] for r in t.body],
        gold=[],
    )
    keep = nl if st.wide_labels else 0
    head = [replace(h, c=h.c - cut + keep) for h in t.head if h.c >= cut]
    right = replace(
        t,
        widths=t.widths[:keep] + t.widths[cut:],
        aligns=t.aligns[:keep] + t.aligns[cut:],
        head=[h for h in t.head if h.c < keep] + head,
        body=[r[:keep] + r[cut:] for r in t.body],
        gold=[],
    )
    pages = table_pages(st, left)
    more = table_pages(st, right)
    if not st.wide_title:
        for p in more:  # no title (nor label) over the further columns
            p.texts = [x for x in p.texts if x[2] not in (t.title, t.label)]
    return pages + more


STYLES = [
    Style("v_jiangsu", label="公开{n:02d}表", total_first=True),
    Style("v_central", short_titles=True, prior=True, split_codes=True, dept="国家文物局"),
    Style("v_yuan", yuan=True, title_dept=True, unit_on_title=True, zeros=True, rules="hlines"),
    Style("v_merged", rules="grid", split_codes=True),
    Style("v_continued", rows_per_page=8, rules="hlines"),
    Style("v_continued_bare", rows_per_page=8, repeat_header=False, rules="none"),
    Style("v_stacked", stacked_summary=True, rules="hlines"),
    Style("v_contents", contents=True, label="表{n}", rules="none"),
    Style("v_spaced", spaced_header=True, split_codes=True, prior=True),
    Style("v_wrapped_names", name_width=90, rules="none"),
    Style("v_wrapped_split", name_width=80, split_codes=True),
    Style(
        "v_central_unruled", short_titles=True, prior=True, split_codes=True, dept="国家文物局", rules="none"
    ),
    Style(
        "v_plain_yuan",
        yuan=True,
        sep=False,
        split_codes=True,
        total_first=True,
        rules="hlines",
        rows_per_page=6,
        label="表{n}",
        unit_on_title=True,
    ),
    Style("v_dashes", zeros=True, zero_mark="—", rules="hlines"),
    Style("v_change", change=True, zeros=True, zero_mark="-", label="表{n}"),
    Style(
        "v_code_names",
        code_name="{code} {name}",
        decimals=6,
        unit_left=True,
        title_foot=True,
        rules="hlines",
    ),
    Style("v_meetings", meetings=True),
    Style("v_economic_summary", economic_summary=True, rules="hlines"),
    Style("v_economic_only", economic_only=True, zeros=True, zero_mark="0"),
    Style("v_reworded", alt_words=True, rules="none", split_codes=True, prior=True),
    Style("v_rates", change=True, rate_sign=True, rules="none"),
    Style("v_zeros_continued", zeros=True, zero_mark="0", rows_per_page=9, rules="none", change=True),
    Style(
        "v_dashes_continued",
        zeros=True,
        zero_mark="—",
        rows_per_page=9,
        rules="hlines",
        change=True,
        total_first=True,
    ),
    Style("v_meetings_unruled", meetings=True, rules="none", zeros=True, code_name="[{code}]{name}"),
    Style("v_panels", panels=1, panel_total=True),
    Style("v_panels_unruled", panels=1, rules="none", label="表{n}"),
    Style("v_panels_split", panels=3, rules="hlines"),
    Style("v_panels_yuan", panels=1, yuan=True, sep=False, rules="hlines", rows_per_page=6, panel_total=True),
    Style("v_panels_spaced", panels=3, spaced_header=True, rules="none", panel_total=True, zeros=True),
    Style("v_panels_sums", panels=3, panel_foot="sums", rules="hlines"),
    Style("v_panels_whole", panels=3, panel_foot="whole", rules="none"),
    Style("v_label_only", label_only=True, contents=True, label="表{n}", rules="none"),
    Style("v_label_only_budget", label_only=True, contents=True, label="预算{n:02d}表", rules="hlines"),
    Style("v_label_only_bare", label_only=True, label="公开{n:02d}表"),
    Style("v_label_only_cn", label_only=True, label="表{cn}", rules="hlines", split_codes=True),
    Style(
        "v_label_only_yuan",
        label_only=True,
        contents=True,
        label="表{cn}",
        yuan=True,
        total_first=True,
        rows_per_page=8,
        rules="hlines",
    ),
    Style(
        "v_label_only_central",
        label_only=True,
        label="表{n}",
        short_titles=True,
        prior=True,
        split_codes=True,
        rules="none",
        dept="国家文物局",
    ),
]


def write(st: Style, make: Callable[[Style], tuple[bytes, list[dict[str, str]]]] | None = None) -> None:
    """``tests/pdfs/<style>.pdf`` and its gold, made by ``make`` (this module's :func:`document`)."""
    data, gold = (make or document)(st)
    (PDFS / f"{st.name}.pdf").write_bytes(data)
    lines = [json.dumps(g, ensure_ascii=False) for g in gold]
    (PDFS / f"{st.name}.gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for s in STYLES:
        write(s)
