"""Value bands: the columns of a table's amounts, found from where the amounts of the data
lines align, each with the region a header word over it may stand in; and the columns printed
empty everywhere, made of header words (step 2 of :mod:`.bands`)."""

from __future__ import annotations

from collections.abc import Callable

from .ownname import left_of_own_name
from .tokens import JUNK_HEADER, LABEL_WORD, Band, Line, Token, overlaps


def _cluster(
    tokens: list[tuple[int, Token]], key: Callable[[Token], float], tol: float
) -> list[list[tuple[int, Token]]]:
    """Group tokens whose ``key`` edges lie within ``tol`` of the group; a group holds at
    most one token of a line."""
    groups: list[list[tuple[int, Token]]] = []
    for li, t in sorted(tokens, key=lambda x: key(x[1])):
        g = groups[-1] if groups else None
        if g is not None and key(t) - key(g[-1][1]) <= tol and all(li != lj for lj, _ in g):
            g.append((li, t))
        else:
            groups.append([(li, t)])
    return groups


def _spread_of(groups: list[list[tuple[int, Token]]], key: Callable[[Token], float]) -> float:
    """How far the amounts of each group stray from one edge, summed over the groups."""
    return sum(max(key(t) for _, t in g) - min(key(t) for _, t in g) for g in groups)


def value_bands(data: list[Line], unit: float, rules: list[float] | None = None) -> list[Band]:
    """The value columns of some data lines, each with the amounts that stand in it
    (``Band.tokens``, by id): the amounts grouped by the edge they line up on."""
    toks = [(ln.index, t) for ln in data for t in ln.amounts]
    if not toks:
        return []
    tol = 1.5 * unit
    right = _cluster(toks, lambda t: t.x1, tol)
    left = _cluster(toks, lambda t: t.x0, tol)
    if len(right) != len(left):
        groups = right if len(right) < len(left) else left
    else:
        # as many columns either way (amounts of one width per column line up on both edges):
        # the edge they line up on more tightly, right when it does not tell
        groups = left if _spread_of(left, lambda t: t.x0) < _spread_of(right, lambda t: t.x1) else right
    bands = _merge_bands(groups, unit)
    # a column stands in many rows: a few amounts that overlap a column without lining up with
    # it (a stray or a misprint) make no column of their own; they are placed by nearest
    # column, in doubt (a sparse column of its own, clear of the others, stays)
    if len(data) >= 5:
        strong = [b for b in bands if b.members > max(1, 0.2 * len(data))]

        def stray(b: Band) -> bool:  # a few amounts overlapping a column, not in line with it
            return b not in strong and any(overlaps(o, b) for o in strong)

        bands = [b for b in bands if not stray(b)]
    _regions(bands, data, right_aligned=groups is right, unit=unit)
    if rules:
        ruled_regions(bands, rules, unit)
    return bands


def rules_part_columns(bands: list[Band], data: list[Line], rules: list[float], unit: float) -> bool:
    """Whether the lines drawn through the data rows stand between the columns: a line
    between each column of amounts and the amounts or row labels left of it. Lines that do
    not (a frame drawn round the table, a rule under its title) are no column edges."""
    for k, b in enumerate(bands):
        before = [t.x1 for ln in data for t in ln.labels if t.mid < b.mid]
        if k:
            before.append(bands[k - 1].x1)
        if not before:
            continue
        edge = max(before)
        if edge > b.x0:
            continue  # words overlapping the column: nothing a line could stand between
        if not any(edge - 0.5 * unit <= x <= b.x0 + 0.5 * unit for x in rules):
            return False
    return True


def first_column_name(bands: list[Band], header: list[Line], data: list[Line]) -> None:
    """The first column of amounts with no header word over it, and a header word (or the lines
    of one wrapped name) standing alone in the gap between the row labels and those amounts
    (合计 centred in a wide cell, its amounts right-aligned far to its right): the column's
    region reaches over the word.
    A word naming a label column (科目名称, 项目) is none of it."""
    numeric = [b for b in bands if b.numeric]
    if not numeric or not header:
        return
    b = numeric[0]
    toks = [t for ln in header for t in ln.tokens]
    if any(bands.index(b) in header_hits(bands, t) for t in toks):
        return
    labels = [t for ln in data for t in ln.labels if t.mid < b.mid]
    lo = max((t.x1 for t in labels), default=float("-inf"))
    gap = [
        t
        for t in toks
        if t.x0 >= lo
        # left of the amounts, or its right end over their left edge (a word wider than the
        # amounts, centred in a wide cell: 2025年预算数 over 16.50 right-aligned)
        and (t.x1 <= b.x0 or (t.x0 < b.x0 and t.mid <= b.x0))
        and not any(overlaps(t, o) for o in bands if o is not b)
        and not LABEL_WORD.match(t.s)
        and not JUNK_HEADER.match(t.s)
    ]
    # one word, or the lines of one name wrapped in its cell (2025年 over 执行数: they stand
    # over one another): the nearest to the amounts (an empty column's name stands further left)
    if not gap:
        return
    near = max(gap, key=lambda t: t.x1)
    own = [t for t in gap if overlaps(t, near)]
    if max(t.x0 for t in own) < min(t.x1 for t in own):
        b.r0 = min(t.x0 for t in own)


def ruled_regions(bands: list[Band], rules: list[float], unit: float) -> None:
    """A ruled table: each column's region is the cell between the lines drawn left and right
    of its amounts."""
    for b in bands:
        left = [x for x in rules if x <= b.x0 + 0.5 * unit]
        right = [x for x in rules if x >= b.x1 - 0.5 * unit]
        if left and right:
            b.r0, b.r1 = max(left), min(right)


def _regions(bands: list[Band], data: list[Line], right_aligned: bool, unit: float) -> None:
    """Each column's region: from the end of the labels or the column before it to its own
    amounts' right edge (right-aligned amounts), or halfway to its neighbours otherwise."""
    for k, b in enumerate(bands):
        prev = bands[k - 1] if k else None
        nxt = bands[k + 1] if k + 1 < len(bands) else None
        labels_before = [
            t.x1 for ln in data for t in ln.labels if t.mid < b.mid and (prev is None or t.mid > prev.mid)
        ]
        lo = max(labels_before, default=float("-inf"))
        if right_aligned:
            start = prev.x1 if prev is not None else b.x0 - max(4 * unit, b.x1 - b.x0)
            b.r0, b.r1 = max(start, lo), b.x1 + 0.5 * unit
        else:
            start = (prev.x1 + b.x0) / 2 if prev is not None else b.x0 - 2 * unit
            # the last column's cell reaches as far right of its amounts' edge as the columns'
            # spacing (a header centred over a wide cell stands right of short amounts)
            pitch = min((c.x0 - a.x0 for a, c in zip(bands, bands[1:], strict=False)), default=0.0)
            end = (b.x1 + nxt.x0) / 2 if nxt is not None else max(b.x1 + 2 * unit, b.x0 + pitch)
            b.r0, b.r1 = max(start, lo), end


def header_hits(bands: list[Band], t: Token) -> list[int]:
    """The columns a header word stands over: every region that holds half of the word, or
    most of which the word covers (a merged header over several columns), or else the one
    its middle falls in."""
    hits = []
    for k, b in enumerate(bands):
        cover = min(b.r1, t.x1) - max(b.r0, t.x0)
        if cover > 0 and (cover >= 0.5 * (t.x1 - t.x0) or cover >= 0.8 * (b.r1 - b.r0)):
            hits.append(k)
    if hits:
        return hits
    return [k for k, b in enumerate(bands) if b.r0 <= t.mid < b.r1]


def _merge_bands(groups: list[list[tuple[int, Token]]], unit: float) -> list[Band]:
    """One band per group of aligned amounts; two groups whose middles agree and that never
    share a line are one column of centred amounts (never two columns that merely overlap)."""
    groups = sorted(groups, key=lambda g: min(t.x0 for _, t in g))
    merged: list[tuple[Band, set[int], set[int]]] = []  # band, lines, token ids
    for g in groups:
        b = Band(min(t.x0 for _, t in g), max(t.x1 for _, t in g))
        lines = {li for li, _ in g}
        ids = {id(t) for _, t in g}
        if merged:
            pb, pls, pids = merged[-1]
            mids = [t.mid for _, t in g]
            if (
                pb.x1 > b.x0
                and not (pls & lines)
                and abs(sum(mids) / len(mids) - pb.mid) <= 1.5 * unit
                and abs(b.mid - pb.mid) <= 1.5 * unit
            ):
                merged[-1] = (Band(min(pb.x0, b.x0), max(pb.x1, b.x1)), pls | lines, pids | ids)
                continue
        merged.append((b, lines, ids))
    for b, ls, ids in merged:
        b.members = len(ls)
        b.tokens = ids
    return [b for b, _, _ in merged]


def ruled_empty_columns(
    bands: list[Band], header: list[Line], data: list[Line], rules: list[float]
) -> list[Band]:
    """A ruled table's cells right of the first amounts' column that hold no amount and no
    row label but a header word: columns printed empty everywhere."""
    out: list[Band] = []
    first = min((b.r0 for b in bands), default=None)
    if first is None:
        return out
    labels = [t for ln in data for t in ln.labels]
    for x0, x1 in zip(rules, rules[1:], strict=False):
        if x0 < first or any(x0 <= b.mid <= x1 for b in bands):
            continue
        if any(x0 <= t.mid <= x1 for t in labels):
            continue  # the names of a second side (a 收支总表's 支出 items)
        if any(x0 <= t.mid <= x1 for ln in header for t in ln.tokens):
            out.append(Band(x0, x1, numeric=False, r0=x0, r1=x1))
    return out


def _siblings_beside(
    b: Band, ln: Line, inside: list[Token], header: list[Line], over_labels: Callable[[Token], bool]
) -> list[Token]:
    """Of two or more words of one header line in a column's region, those that name columns
    printed empty: all but the one over the amounts — and all of them where a word of another
    line, beside them, stands nearer the amounts (公务接待费 right of 公务用车购置费 |
    公务用车运行费 printed one line lower, over a 三公 table's last amounts)."""
    keep: Token | None = min(inside, key=lambda t: abs(t.mid - b.mid))
    beside = [
        u
        for o in header
        if o is not ln
        for u in o.tokens
        if b.r0 <= u.mid < b.r1
        and not over_labels(u)
        and not LABEL_WORD.match(u.s)
        and len(u.s) >= 2
        and not any(overlaps(u, t) for t in inside)
    ]
    if keep is not None and any(abs(u.mid - b.mid) < abs(keep.mid - b.mid) for u in beside):
        keep = None
    return [t for t in inside if t is not keep and not overlaps(t, b)]


def _neighbours_gap(ln: Line, t: Token) -> tuple[float, float]:
    """The gap the word ``t``'s neighbours on its own line leave it: the right edge of the word
    before it and the left edge of the word after it (unbounded where there is none)."""
    lo = max((u.x1 for u in ln.tokens if u is not t and u.x1 <= t.x0), default=float("-inf"))
    hi = min((u.x0 for u in ln.tokens if u is not t and u.x0 >= t.x1), default=float("inf"))
    return lo, hi


def _beside_own_name(b: Band, ln: Line, t: Token, lower_lines: list[Line], bands: list[Band]) -> bool:
    """A word standing in a column's region beside, not over, that column's own name (on a
    line below) and its amounts, on a line naming other columns too, or standing over nothing
    at all: a column printed empty."""
    lower = [u for low in lower_lines for u in low.tokens]
    below = [u for u in lower if b.r0 <= u.mid < b.r1]
    # (the columns' indexes: the first column is 0, so a word naming only it still names one)
    names_others = any(header_hits(bands, u) for u in ln.tokens if u is not t)
    # (words below between the word's neighbours on its own line: a word left of its left
    # neighbour, the rest of another column's wrapped name, is none it groups; so is one with
    # another word of the line between it and this one: 类 款 项 under 科目编码, left of
    # 科目名称 | 合计 | 上年结转)
    lo, hi = _neighbours_gap(ln, t)
    between = any(lo <= u.x0 and u.x1 <= t.x0 for u in lower) and any(
        t.x1 <= u.x0 and u.x1 <= hi for u in lower
    )
    # a word standing over nothing (no word below it, no amount under it), beside the column's
    # own name printed lower over its amounts (北京's 公务接待费 between 因公出国 and 公务用车's
    # 小计, on a line of its own): a column printed empty, not a group over that name
    alone = len(ln.tokens) == 1 and not any(overlaps(t, u) for u in lower)
    if alone and not overlaps(t, b) and any(overlaps(u, b) for u in below):
        return True
    return (
        bool(below)
        and names_others
        and not between  # a group word stands between the words it groups
        and not overlaps(t, b)
        # the word below names the column: over its amounts, or nearer them (a wide
        # cell, its name centred, its amounts right-aligned)
        and any(overlaps(u, b) or abs(u.mid - b.mid) < abs(t.mid - b.mid) for u in below)
        and not any(overlaps(t, u) for u in below)
    )


def _groups_below(header: list[Line], i: int, t: Token) -> bool:
    """Whether the word ``t`` of header line ``i`` stands over words of lower lines on both
    its sides, within the gap its own line's neighbours leave it, that no other word above them
    stands over: a group word centred over the columns it names (本年收入 over 项目 | 预算数),
    not a column's own name. Words under a neighbour's name (the rest of it wrapped, 收入
    under 事业单位经营) are that neighbour's; a group over the word and them takes none."""
    ln = header[i]
    lo, hi = _neighbours_gap(ln, t)
    left = right = False
    for j in range(i + 1, len(header)):
        # (a word over both, a group over this word too, takes none from it)
        above = [w for k in range(j) for w in header[k].tokens if w is not t and not overlaps(w, t)]
        for u in header[j].tokens:
            if any(overlaps(u, w) for w in above):
                continue
            left = left or (lo <= u.x0 and u.x1 <= t.x0)
            right = right or (t.x1 <= u.x0 and u.x1 <= hi)
    return left and right


def with_header_bands(
    bands: list[Band], header: list[Line], data: list[Line], unit: float, measured: bool = False
) -> list[Band]:
    """Add a column for each header word that names a column printed empty everywhere:

    - a word of the header's last line over no amount and no row label (项目 over the second
      side's names), right of the first labels (政府性基金预算 in a 财政拨款收支总表);
    - of two words of one header line standing in one column's region, the one farther from
      its amounts (公务用车购置费 beside 公务用车运行费 over the 运行费 amounts);
    - a word above them standing in a column's region beside, not over, that column's own
      name and its amounts, on a line naming other columns too (因公出国(境)费 left of
      小计, in a 三公 table whose 因公出国 column prints nothing);
    - in a PDF (``measured``: names centred in their cells), a leaf word standing in a column's
      region beside, not over, its amounts while another name there stands over them.

    The amounts' columns then give up the part of their region such a word stands in."""
    if not header or not bands:
        return bands
    labels = [t for ln in data for t in ln.labels]
    out = list(bands)

    def over_labels(t: Token) -> bool:
        return any(overlaps(t, x) for x in labels)

    def add(t: Token) -> None:
        for e in out:
            if e.numeric:
                continue
            if min(e.x1, t.x1) - max(e.x0, t.x0) > 0.5 * min(t.x1 - t.x0, e.x1 - e.x0):
                # the rest of a word wrapped in the header (政府性基金预 / 算资金): the same column
                e.x0, e.x1 = min(e.x0, t.x0), max(e.x1, t.x1)
                e.r0, e.r1 = min(e.r0, t.x0 - unit), max(e.r1, t.x1 + unit)
                return
            if e.r0 <= t.mid <= e.r1:
                return  # a word under (or over) another of the same empty column: its name wrapped
        out.append(Band(t.x0, t.x1, numeric=False, r0=t.x0 - unit, r1=t.x1 + unit))

    last = header[-1]
    for t in last.tokens:
        if t.mid < bands[0].r0 or header_hits(out, t) or over_labels(t):
            continue
        if any(b.r0 - unit <= t.mid <= b.r1 + unit for b in out):
            continue
        add(t)
    # a name on a higher line with no word under it on the lines below, over no amount and no
    # row label: a cell merged down the header's height and centred in it, printed empty
    # (项目支出 beside 其中 over 事业单位经营支出 | …, no rules drawn)
    # so is such a name standing in a column's region beside, not over, its amounts, while
    # another name there, beside it, stands over them (上级补助收入 between 事业单位经营 / 收入
    # and 附属单位上缴 / 收入 over the latter's amounts: the region of right-aligned amounts
    # runs left to the amounts before them)
    words = [u for ln in header for u in ln.tokens if not JUNK_HEADER.match("".join(u.s.split()))]
    for i, ln in enumerate(header):
        lower = [u for low in header[i + 1 :] for u in low.tokens]
        for t in ln.tokens:
            if t.mid < bands[0].r0 or over_labels(t) or any(overlaps(t, u) for u in lower):
                continue
            word = "".join(t.s.split())  # letter-spaced (支   出): one word
            if len(word) < 2 or LABEL_WORD.match(word) or JUNK_HEADER.match(word):
                continue
            if _groups_below(header, i, t):
                continue
            hit = header_hits(out, t)
            if not hit:
                if i < len(header) - 1 and not any(b.r0 - unit <= t.mid <= b.r1 + unit for b in out):
                    add(t)
                continue
            own = out[hit[0]]
            if (
                measured  # (a PDF's names stand centred in their cells; a text's may start where it does)
                and len(hit) == 1
                and own.numeric
                and not overlaps(t, own)
                and any(overlaps(u, own) and own.r0 <= u.mid <= own.r1 and t.x1 <= u.x0 for u in words)
            ):
                add(t)
    for i, ln in enumerate(header):
        for b in bands:
            inside = [t for t in ln.tokens if b.r0 <= t.mid < b.r1 and not over_labels(t)]
            inside = [t for t in inside if not LABEL_WORD.match(t.s) and len(t.s) >= 2]
            if len(inside) >= 2:  # siblings on one line: the one over the amounts names the column
                for t in _siblings_beside(b, ln, inside, header, over_labels):
                    add(t)
                continue
            if (
                len(inside) == 1
                and i < len(header) - 1
                and _beside_own_name(b, ln, inside[0], header[i + 1 :], bands)
            ):
                add(inside[0])
    for b in bands:  # a word wholly left of a column's own name, over no amount
        for t in left_of_own_name(b, bands, header, over_labels, unit):
            add(t)
    extra = [b for b in out if not b.numeric]
    for b in bands:  # a column gives up the part of its region an empty column stands in
        for e in extra:
            if b.r0 <= e.mid < b.r1:
                if e.mid < b.x0:
                    b.r0 = max(b.r0, e.x1)
                else:
                    b.r1 = min(b.r1, e.x0)
    out.sort(key=lambda b: b.x0)
    return out
