"""Prose items of the function classification against the rows the tables print.

The 编制说明 lists amounts by 类/款/项 (“公共安全支出（204类）司法（06款）行政运行（01项）
1672.67万元”, or by names alone: “城乡社区支出（类）城乡社区管理事务（款）行政运行（项）科目
1788.77万元”; or in 元, as counties print it). The function tables print the same rows, as text
lines “204 06 01 行政运行 16726725.44 …” under a 单位 line. An item whose code (printed, or
found from its names) has a row is checked against the row's first amount (its total) and,
when the code is printed, its names against the row's. Read from the text itself, so a table
the reader misread still counts; a code printed with different totals in different tables is
not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..core.money import TABLE_TO_WANYUAN, TABLE_UNITS
from .document import AMOUNT, AuditDoc, Finding, dec, money_h

if TYPE_CHECKING:
    from ..core.result import Result

_ROW = re.compile(
    r"^\s*(?P<code>2\d\d(?:[\t ]{0,6}\d\d){0,2})[\t ]+"  # 204 06 01, or 2040601
    r"(?P<name>[\u4e00-\u9fff][^\t\d]*?)(?:\t|\s{2,})(?P<rest>.*\d.*)$"
)
_UNIT = re.compile(rf"单位[:：]\s*({TABLE_UNITS})")
# a name: its run of Chinese characters taken whole (possessive: a shorter run is followed by
# another character, never by the bracket after the name, so giving some back never helps)
_NAME = r"[\u4e00-\u9fff]++"
_GAP = r"(?:科目)?(?:[:：]?(?:20\d\d年)?[^。;\d(]{0,10}?)?"
_CODED = re.compile(
    rf"(?P<n1>{_NAME})\((?P<c1>2\d\d)类\)(?P<n2>{_NAME})\((?P<c2>\d\d)款\)"
    rf"(?:(?P<n3>{_NAME})\((?P<c3>\d\d)项\))?{_GAP}(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|元)"
)
_NAMED = re.compile(
    rf"(?P<n1>{_NAME})\(类\)(?P<n2>{_NAME})\(款\)(?:(?P<n3>{_NAME})\(项\))?{_GAP}"
    r"(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|元)"
)


@dataclass
class Rows:
    """The function-classification rows printed in the tables' text."""

    names: dict[str, set[str]] = field(default_factory=dict)  # code → names printed
    totals: dict[str, set[Decimal]] = field(default_factory=dict)  # code → totals (万元)
    lines: dict[str, int] = field(default_factory=dict)  # code → first line

    def total(self, code: str) -> Decimal | None:
        t = self.totals.get(code, set())
        return next(iter(t)) if len(t) == 1 else None

    def name(self, code: str) -> str | None:
        n = self.names.get(code, set())
        return next(iter(n)) if len(n) == 1 else None

    def find(self, parent: str, digits: int, name: str) -> str | None:
        """The one code of ``digits`` digits under ``parent`` printed with ``name``."""
        hits = [
            c for c, ns in self.names.items() if len(c) == digits and c.startswith(parent) and _same(name, ns)
        ]
        return hits[0] if len(hits) == 1 else None


def _same(name: str, names: set[str]) -> bool:
    return any(name == n or name == n.removesuffix("支出") or n == name.removesuffix("支出") for n in names)


def table_rows(doc: AuditDoc) -> Rows:
    rows = Rows()
    unit: str | None = None
    header = ""  # the lines between a table's 单位 line and its first row
    for ln in doc.lines:
        m = _UNIT.search(ln.s)
        if m:
            unit, header = m.group(1), ""
            continue
        # (a row starts with its 2xx code: a line starting otherwise is not matched)
        row = ln.tabular and ln.s.lstrip()[:1] == "2" and not doc.in_toc(ln.no - 1)
        r = _ROW.match(ln.s) if row else None
        if r is None:
            header += ln.c if len(header) < 400 else ""
            continue
        if unit is None or _prior_first(header, doc.year):
            continue  # no unit, or a table whose first column is last year's (2023年预算数 | 2024年…)
        code = "".join(r.group("code").split())  # white space out (as \s)
        if len(code) not in (3, 5, 7):
            continue
        name = "".join(r.group("name").split())
        first = AMOUNT.search(r.group("rest"))
        rows.names.setdefault(code, set()).add(name)
        rows.lines.setdefault(code, ln.no)
        v = dec(first.group(1)) if first else None
        if v is not None:
            rows.totals.setdefault(code, set()).add((v * TABLE_TO_WANYUAN[unit]).quantize(Decimal("0.01")))
    return rows


def _prior_first(header: str, year: int | None) -> bool:
    years = [int(y) for y in re.findall(r"(20\d\d)年", header)]
    return bool(re.search(r"上年(?:预算|执行|决算)", header)) or bool(year and years and min(years) < year)


def item_vs_table(doc: AuditDoc, rule: dict[str, Any], result: Result) -> Iterator[Finding]:
    if "类)" not in doc.prose:
        return  # no item at all: both ways of printing one name its 类 in brackets
    rows = table_rows(doc)
    if not rows.names:
        return
    text = doc.prose
    for m in _CODED.finditer(text):
        codes = [m.group("c1"), m.group("c1") + m.group("c2")]
        names = [m.group("n1"), m.group("n2")]
        if m.group("c3"):
            codes.append(codes[-1] + m.group("c3"))
            names.append(m.group("n3"))
        for code, name, level in zip(codes, names, "类款项", strict=False):
            printed = rows.name(code)
            if printed and name not in printed and printed not in name:
                at = doc.line_at(m.start())
                yield Finding(
                    at,
                    {
                        "message_key": "message_label",
                        "name": name,
                        "level": level,
                        "code": code,
                        "printed": printed,
                        "at": rows.lines[code],
                    },
                    printed,
                    name,
                )
        yield from _amount(doc, rows, codes[-1], m)
    for m in _NAMED.finditer(text):
        code = rows.find("", 3, m.group("n1"))
        code = rows.find(code, 5, m.group("n2")) if code else None
        if code and m.group("n3"):
            code = rows.find(code, 7, m.group("n3"))
        if code:
            yield from _amount(doc, rows, code, m)


def _amount(doc: AuditDoc, rows: Rows, code: str, m: re.Match[str]) -> Iterator[Finding]:
    """The item's amount (in 万元 or 元, as the prose prints it) against its row's total (in
    万元, to the cent): in 万元, to the rounding of each."""
    total, v, k = rows.total(code), dec(m.group("v")), TABLE_TO_WANYUAN[m.group("u")]
    if total is None or v is None or abs(total - v * k) <= money_h(m.group("v")) * k + Decimal("0.005"):
        return
    at = doc.line_at(m.start("v"))
    yield Finding(
        at,
        {
            "item": m.group(0)[: m.start("v") - m.start()][-40:],
            "value": m.group("v"),
            "unit": m.group("u"),
            "code": code,
            "total": total,
            "at": rows.lines[code],
        },
        str(total),
        m.group("v"),
    )
