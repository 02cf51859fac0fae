"""One fund's part standing for an item's whole figure.

Some templates print a 三公 item only split by the fund paying it (总计 / 一般公共预算 |
政府性基金预算 | 国有资本经营预算), with no column for the item over all its funds. The spec's
figure is the item's 财政拨款 total, over every fiscal fund. The 一般公共预算 part is that figure
where the other funds' parts print zero on its row: read, not computed. Where one of them prints
more than zero, the part is less than the whole; where one was not read (its column printed, as
the header places it, but no amount read on that row), or its 0 was read in doubt, the reading
cannot tell: either way the value is kept, in doubt, and the table says why (schema columns'
``whole_if_zero``). A dash printed for another fund's part is a printed nil, as 0 is.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.result import Row, Table
from ..core.schemas import TableSchema
from ..document.chunking import compact
from .tokens import NIL_DASH


def settle(table: Table, t: TableSchema, header: str = "") -> None:
    """Put in doubt each fund's part whose row prints another fund's part above zero, or not
    read where the table prints it. ``header``: the header's text, where known."""
    cols = (*t.income_columns, *t.columns)
    rules = {c.id: c.whole_if_zero for c in cols if c.whole_if_zero}
    if not rules:
        return
    titles = {c.id: c.title for c in reversed(cols)}  # an id's first column names it …
    titles |= {c.id: c.title for c in cols if c.whole_if_zero}  # … a fund's part, its own
    # the other funds' columns the table prints, as its header places them (or read on some
    # row): one it does not print at all is no part of the whole; one its header prints but no
    # row's amount was read under leaves the part unconfirmed, never confirmed
    printed = printed_columns(table)
    # the funds the table prints beside some item's part (the k-th of each part's others: one
    # fund): a template printing a fund's column beside one item prints it beside each, so
    # where the reader placed none beside another item, that part is not confirmed either
    # — unless the header prints that fund no more often than columns of it were placed (the
    # fund under 总计 alone: an item headed 一般公共预算 only has no such column)
    funds = {k for others in rules.values() for k, o in enumerate(others) if o in printed}
    funds = {k for k in funds if not _each_placed(k, rules, printed, titles, compact(header))}
    for row in (*table.rows, *table.units):
        for cid, others in rules.items():
            cell = row.values.get(cid)
            if cell is None or cell.status == "doubt":
                continue
            above = [o for o in others if _not_zero(row, o)]
            unread = [
                o for k, o in enumerate(others) if (o in printed or k in funds) and _number(row, o) is None
            ]
            unsure = [o for o in others if o not in above and _status(row, o) == "doubt"]
            if above:
                why = f"{'、'.join(titles[o] for o in above)}不为零，不是该项全部财政拨款数"
            elif unread:
                why = f"{'、'.join(titles[o] for o in unread)}未读出，无法确认它是该项全部财政拨款数"
            elif unsure:  # a 0 read in doubt confirms nothing
                why = f"{'、'.join(titles[o] for o in unsure)}的读数存疑，无法确认它是该项全部财政拨款数"
            else:
                continue
            cell.status = "doubt"
            table.doubts.append(f"{row.label or row.key}：{titles[cid]}只是一种资金的部分，{why}")


def _each_placed(
    k: int, rules: dict[str, tuple[str, ...]], printed: set[str], titles: dict[str, str], header: str
) -> bool:
    """Whether each printing of the ``k``-th fund's name in the header (政府性基金预算) has a
    column of that fund placed: the header is read, and no item's column of it goes unplaced."""
    cols = {others[k] for others in rules.values() if k < len(others)}
    words = {titles[c].split()[-1].removesuffix("预算") for c in cols if titles.get(c)}
    if len(words) != 1:
        return False
    n = header.count(words.pop())
    return 0 < n <= len(cols & printed)


def printed_columns(table: Table) -> set[str]:
    """The columns ``table`` prints: those its header placed (``Table.columns``), and any read
    on a row (a reader that records no header's columns)."""
    read = {k for row in (*table.rows, *table.units) for k in (*row.values, *row.extra)}
    return set(table.columns) | read


def _number(row: Row, cid: str) -> Decimal | None:
    """The other fund's part as read on the row (a printed 0, or a dash: a printed nil); None
    when nothing was read there."""
    cell = row.values.get(cid) or row.extra.get(cid)
    if cell is not None and NIL_DASH.match(cell.value.strip()):
        return Decimal(0)
    return cell.number if cell is not None else None


def _status(row: Row, cid: str) -> str | None:
    cell = row.values.get(cid) or row.extra.get(cid)
    return cell.status if cell is not None else None


def _not_zero(row: Row, cid: str) -> bool:
    """Another fund's part printed other than nil (above zero, or below: a refund's -5.00)."""
    n = _number(row, cid)
    return n is not None and n != 0
