"""Header words onto columns: which columns each header word stands over (a merged word
spread over the columns named below it, a ruled cell), the lowest word naming each column,
and a later page's columns mapped onto the first page's (step 3 of :mod:`.bands`)."""

from __future__ import annotations

from .columnbands import header_hits
from .leafcycles import grouped, repeat_of, ungrouped
from .tokens import Band, Line, Token


def by_position(bands: list[Band], ref: list[Band]) -> dict[int, int] | None:
    """A page's columns mapped onto the first page's where each stands inside one of them
    (its amounts' middle in that column's region), one to one; None otherwise."""
    mapping: dict[int, int] = {}
    for k, b in enumerate(bands):
        inside = [j for j, r in enumerate(ref) if r.r0 <= b.mid <= r.r1 or r.x0 <= b.mid <= r.x1]
        inside = inside or _the_empty_column_between(b, ref)
        if len(inside) != 1:
            return None
        mapping[k] = inside[0]
    return mapping if len(set(mapping.values())) == len(mapping) else None


def _the_empty_column_between(b: Band, ref: list[Band]) -> list[int]:
    """A page's column standing in no column of the first page, between the same two columns
    of amounts as the one column the first page printed empty (a header word over no amount):
    that column. None where the first page has no such column there, or more than one."""
    left = max((r.x1 for r in ref if r.numeric and r.x1 <= b.x0), default=float("-inf"))
    right = min((r.x0 for r in ref if r.numeric and r.x0 >= b.x1), default=float("inf"))
    empty = [j for j, r in enumerate(ref) if not r.numeric and left <= r.mid <= right]
    return empty if len(empty) == 1 else []


def by_header(
    header: list[Line],
    bands: list[Band],
    ref_leaves: list[str],
    ref_numeric: list[int],
    head_rules: dict[int, list[float]] | None = None,
    centred: bool = False,
) -> dict[int, int] | None:
    """A page's columns mapped onto the first page's by the header words printed over both,
    when every column of the page is named and each name stands once on the first page."""
    leaves = header_leaves(header, bands, head_rules, centred)
    names = {ref_leaves[j]: j for j in ref_numeric if ref_leaves[j]}
    if len(names) != len([j for j in ref_numeric if ref_leaves[j]]):
        return None  # a name printed over two columns: the words cannot tell them apart
    if not all(w in names for w in leaves):
        return None
    mapping = {k: names[w] for k, w in enumerate(leaves)}
    return mapping if len(set(mapping.values())) == len(mapping) else None


def _spread(
    hits: list[list[tuple[Token, list[int]]]], bands: list[Band], centred: bool = False
) -> list[list[tuple[Token, list[int]]]]:
    """A merged header word stands centred over the columns it spans, and those columns have
    header words of their own on the lines below (公务用车购置及运行费 over 小计 | 购置费 |
    运行费). Widen each word's columns over neighbours named below it and by no other word of
    its line, while that keeps the span's middle under the word's middle."""
    below: list[set[int]] = []
    acc: set[int] = set()
    for line_hits in reversed(hits):
        below.append(set(acc))
        for _, h in line_hits:
            acc |= set(h)
    below.reverse()
    out: list[list[tuple[Token, list[int]]]] = []
    for i, line_hits in enumerate(hits):
        # the words of one line grow together, a step at a time each, so that a word centred
        # over its group of columns never grows past a neighbour's group before that neighbour
        # has taken it (总计 | 因公出国(境)费 | 公务接待费, each over its three funds' columns,
        # no rules drawn): a column one word of the line holds is no other word's
        spans: list[tuple[int, int] | None] = []
        limits: list[tuple[set[int], set[int], bool]] = []
        for t, h in line_hits:
            # a word wrapped in its cell (因公出国 over (境)费) groups no neighbour whose name
            # stands beside that cell, between its lines (合计 between them), unless a word
            # under the cell names it lower (one of its parts; 合计's own 预算数 | 决算数 beside
            # the cell's do not make it one)
            last = _wrapped_to(hits, i, t, h)
            beside = {k for j in range(i + 1, last) for _, hu in hits[j] for k in hu}
            beside -= {k for ln in hits[last:] for u, hu in ln if _under(u, t) for k in hu}
            below_cell = below[i] - beside - _beside_its_cell(hits, i, t)
            seed = h or _over_the_gap(t, bands)
            if not seed or not below_cell:
                spans.append(None)
                limits.append((set(), set(), False))
                continue
            # nor over a column that a word above names, unless that word stands over this one
            # too (机关运行经费预算 beside 公务用车购置及运行费, not above it)
            claimed = {k for above in out for _, ha in above if not set(ha) & set(seed) for k in ha}
            spans.append((min(seed), max(seed)))
            limits.append((below_cell, claimed, not h))
        own = {k for _, h in line_hits for k in h}
        # (a PDF's names stand centred in their cells; a text's may start where the cell does)
        centres = _own_name_centres(hits[i + 1 :]) if centred else {}
        # (a text's words each grow alone, as far as they may, as they always have)
        grown = centred
        if not centred:
            for w, (t, _h) in enumerate(line_hits):
                if (span := spans[w]) is not None:
                    seed = list(range(span[0], span[1] + 1))
                    below_cell, claimed, in_gap = limits[w]
                    wide = _widen(t, seed, bands, below_cell, (own - set(seed)) | claimed, in_gap)
                    spans[w] = (min(wide), max(wide))
        while grown:
            grown = False
            for w, (t, _h) in enumerate(line_hits):
                span = spans[w]
                if span is None:
                    continue
                below_cell, claimed, in_gap = limits[w]
                others = {
                    k for v, s in enumerate(spans) if v != w and s is not None for k in range(s[0], s[1] + 1)
                }
                seed = list(range(span[0], span[1] + 1))
                taken = (own - set(seed)) | others | claimed
                wide = _widen(t, seed, bands, below_cell, taken, in_gap, limit=1, centres=centres)
                if (min(wide), max(wide)) != span:
                    spans[w] = (min(wide), max(wide))
                    grown = True
        if centred:
            _widest_centred(line_hits, spans, limits, own, bands, hits[i + 1 :])
        new_line = []
        for (t, h), span in zip(line_hits, spans, strict=True):
            if span is None:
                new_line.append((t, h))
                continue
            wide = list(range(span[0], span[1] + 1))
            new_line.append((t, wide if h or len(wide) > 2 else h))
        out.append(new_line)
    return out


# a group word's middle stands this near (character units) the middle of its columns' cells
_CENTRED = 1.5


def _cell_edges(bands: list[Band], lower: list[list[tuple[Token, list[int]]]]) -> list[tuple[float, float]]:
    """Each column's cell as it stands without rules: its amounts and its own names (the words
    below standing over it alone) make what it prints; its edges lie halfway across the gaps
    to its neighbours' (the first's and last's as far out as half the usual gap)."""
    ext = [[b.x0, b.x1] for b in bands]
    for line_hits in lower:
        for t, h in line_hits:
            if len(h) == 1:
                e = ext[h[0]]
                e[0], e[1] = min(e[0], t.x0), max(e[1], t.x1)
    gaps = sorted(max(0.0, c[0] - p[1]) for p, c in zip(ext, ext[1:], strict=False))
    half = gaps[len(gaps) // 2] / 2 if gaps else 0.0
    cuts = [(p[1] + c[0]) / 2 for p, c in zip(ext, ext[1:], strict=False)]
    lefts = [ext[0][0] - half, *cuts] if ext else []
    rights = [*cuts, ext[-1][1] + half] if ext else []
    return list(zip(lefts, rights, strict=True))


def _widest_centred(
    line_hits: list[tuple[Token, list[int]]],
    spans: list[tuple[int, int] | None],
    limits: list[tuple[set[int], set[int], bool]],
    own: set[int],
    bands: list[Band],
    lower: list[list[tuple[Token, list[int]]]],
) -> None:
    """A group word over columns of unequal widths may stand centred over all its columns while
    no step from its own column keeps it so (本年收入 over 小计 | 一般公共预算资金 | … | 其他收入,
    上年结转结余 over the next six, no rules drawn): each word's span grown, where the columns
    beside it are free, to the widest that keeps the word centred over the cells it spans: cells
    told by the columns' names and amounts, or by their regions (amounts at their cells' right
    edges, names centred: a cell runs from the amounts before it to its own)."""
    if not any(spans):
        return
    cells = _cell_edges(bands, lower)
    for w, (t, _h) in enumerate(line_hits):
        span = spans[w]
        if span is None:
            continue
        below_cell, claimed, _ = limits[w]
        others = {k for v, s in enumerate(spans) if v != w and s is not None for k in range(s[0], s[1] + 1)}
        taken = (own - set(range(span[0], span[1] + 1))) | others | claimed

        def free(k: int) -> bool:
            return 0 <= k < len(bands) and k in below_cell and k not in taken  # noqa: B023

        lo = span[0]
        while free(lo - 1):
            lo -= 1
        hi = span[1]
        while free(hi + 1):
            hi += 1
        best = span
        for a in range(lo, span[0] + 1):
            for b in range(span[1], hi + 1):
                if b - a > best[1] - best[0] and (
                    abs((cells[a][0] + cells[b][1]) / 2 - t.mid) <= _CENTRED
                    or abs((bands[a].r0 + bands[b].r1) / 2 - t.mid) <= _CENTRED
                ):
                    best = (a, b)
        spans[w] = best


def _own_name_centres(lower: list[list[tuple[Token, list[int]]]]) -> dict[int, float]:
    """Per column, the middle of the lowest word below a group word that stands over that
    column alone (its own name, centred in its cell): where the column's cell is centred,
    though its amounts stand at the cell's right edge (a group word is centred over its
    columns' cells, not over their amounts)."""
    out: dict[int, float] = {}
    for line_hits in lower:
        for t, h in line_hits:
            if len(h) == 1:
                out[h[0]] = t.mid
    return out


def _over_the_gap(t: Token, bands: list[Band]) -> list[int]:
    """A header word centred in the gap between two columns' regions (a year word over two
    groups of columns printed without rules): those two columns, to spread from."""
    for k in range(len(bands) - 1):
        if bands[k].r1 <= t.mid <= bands[k + 1].r0:
            return [k, k + 1]
    return []


def _beside_its_cell(hits: list[list[tuple[Token, list[int]]]], i: int, t: Token) -> set[int]:
    """Columns whose names end between a group word and the first line with a word under it
    (its parts), none named again on or below that line: cells merged down the header's
    height and centred in it (合计, 因公出国(境)费 beside 公务用车购置及运行费 when no rules
    are drawn), not parts of the group."""
    between: set[int] = set()
    for j in range(i + 1, len(hits)):
        if any(_under(u, t) for u, _ in hits[j]):
            lower = {k for line_hits in hits[j:] for _, hu in line_hits for k in hu}
            deeper = {k for line_hits in hits[j + 1 :] for _, hu in line_hits for k in hu}
            # on that line, beside the word under the group, a name with nothing under it while
            # the group's parts go on lower (合计 | 会议费 beside 公务用车购置及运行费, itself a
            # group): a cell merged down from the group's line, centred on that line by chance
            # (where the word under the group there is itself a group, over words lower down:
            # beside a leaf of the group, as 公务接待费 beside 合计 | 因公出国(境)费 all merged
            # down beside 公务用车购置及运行费's parts, they are the group's leaves as it is)
            here: set[int] = set()
            groups_there = any(
                _under(u, t) and any(_under(v, u) for line_hits in hits[j + 1 :] for v, _ in line_hits)
                for u, _ in hits[j]
            )
            if groups_there:
                here = {k for u, hu in hits[j] if not _under(u, t) for k in hu} - deeper
            return (between - lower) | here
        between |= {k for _, hu in hits[j] for k in hu}
    return set()


def _under(u: Token, t: Token) -> bool:
    return min(u.x1, t.x1) > max(u.x0, t.x0)


def _wrapped_to(hits: list[list[tuple[Token, list[int]]]], i: int, t: Token, h: list[int]) -> int:
    """The last line of a header word's cell: the lowest line below ``i`` with one word under
    it, centred with it, no wider, and standing over none but its columns
    (the rest of its name wrapped); ``i`` where none (a
    group word stands over several words of a line: 公务用车购置及运行费 over 小计 | 购置费 |
    运行费)."""
    last = i
    # a column beside the word's, named on none of its line: a word naming it on a lower line
    # beside the word's continuation, its own cell going on below, is a sibling cell's
    # (公务用车 / 购置费 beside 公务用车 / 运行费 under 公务用车购置及运行费, centred on its
    # middle column), so that word is a group's
    beside = {min(h) - 1, max(h) + 1} - {k for _, hu in hits[i] for k in hu} if h else set()
    for j in range(i + 1, len(hits)):
        under = [(u, hu) for u, hu in hits[j] if min(u.x1, t.x1) > max(u.x0, t.x0)]
        if not under:
            continue
        if len(under) != 1 or not under[0][1] or not set(under[0][1]) <= set(h):
            if last == i and not any(set(hu) & set(h) for _, hu in under):
                break  # another column's name under the word before any rest of it: none wrapped
            continue
        if _sibling_beside(hits, i, j, beside):
            continue
        u = under[0][0]
        # centred alike, and no wider (a wrapped name fills its first line): one cell's lines
        if abs(u.mid - t.mid) <= 1.0 and u.x1 - u.x0 <= t.x1 - t.x0 + 0.5:
            last = j
    return last


def _sibling_beside(hits: list[list[tuple[Token, list[int]]]], i: int, j: int, beside: set[int]) -> bool:
    """Line ``j`` names a column of ``beside`` that another line below ``i`` names too (a
    cell of several lines beside the one under the word)."""
    for k in {k for _, hu in hits[j] for k in hu} & beside:
        if sum(1 for ln in hits[i + 1 :] if any(k in hu for _, hu in ln)) >= 2:
            return True
    return False


def _widen(
    t: Token,
    h: list[int],
    bands: list[Band],
    below: set[int],
    taken: set[int],
    in_gap: bool,
    limit: int = -1,
    centres: dict[int, float] | None = None,
) -> list[int]:
    a0, b0 = min(h), max(h)
    # a word standing in the gap between two columns names neither: a group word, centred over
    # its columns' cells, the first of them as wide as the others: one step between two
    # columns' right edges left of its own (its region reaches to the table's left edge, or,
    # its amounts narrow, stops short of its cell's left: whole 万元 under 2025年执行数); a word
    # over a column may stand at its cell's left (财政拨款收入 over 一般公共预算 beside 合计),
    # so the first column's wide region keeps it off
    first = bands[0].r0
    if in_gap and len(bands) > 1:
        steps = sorted(c.r1 - p.r1 for p, c in zip(bands, bands[1:], strict=False))
        first = bands[0].r1 - steps[len(steps) // 2]

    def ok(k: int) -> bool:
        return 0 <= k < len(bands) and k in below and (k not in taken or a0 <= k <= b0)

    def by_region(a: int, b: int) -> float:
        return abs(((first if a == 0 else bands[a].r0) + bands[b].r1) / 2 - t.mid)

    cen = centres or {}

    def by_names(a: int, b: int) -> float:
        return abs((cen[a] + cen[b]) / 2 - t.mid)

    def change(a: int, b: int, na: int, nb: int) -> float:
        """How much farther span ``na..nb`` is centred from the word than ``a..b``: measured by
        the columns' own names where each end of both spans has one (centred in their cells),
        else by the columns' regions."""
        off = by_names if all(k in cen for k in (a, b, na, nb)) else by_region
        return off(na, nb) - off(a, b)

    a, b = a0, b0
    while limit:
        limit -= 1
        # both ways while the span stays centred as well, unless one way alone centres it
        # clearly better (a word over two of three columns named alike)
        ways = [change(a, b, a - 1, b)] if ok(a - 1) else []
        ways += [change(a, b, a, b + 1)] if ok(b + 1) else []
        one_way = min(ways, default=float("inf"))
        both = change(a, b, a - 1, b + 1) if ok(a - 1) and ok(b + 1) else float("inf")
        if both <= 0.5 and (not cen or both <= one_way + 0.5):
            a, b = a - 1, b + 1
        elif ok(a - 1) and change(a, b, a - 1, b) < -0.5:
            a -= 1
        elif ok(b + 1) and change(a, b, a, b + 1) < -0.5:
            b += 1
        else:
            break
    return list(range(a, b + 1))


def ruled_cell(t: Token, rules: list[float]) -> tuple[float, float] | None:
    """The lines drawn nearest left and right of a header word at its height: its cell."""
    left = [x for x in rules if x <= t.x0 + 0.25]
    right = [x for x in rules if x >= t.x1 - 0.25]
    return (max(left), min(right)) if left and right else None


def _ruled_hits(bands: list[Band], t: Token, rules: list[float]) -> list[int]:
    """The columns a header word's ruled cell spans: those whose amounts stand between the
    lines drawn nearest left and right of the word at its height (a merged cell has no line
    between the columns it spans)."""
    cell = ruled_cell(t, rules)
    if cell is None:
        return []
    return [k for k, b in enumerate(bands) if cell[0] <= b.mid <= cell[1]]


def header_line_hits(
    header: list[Line],
    bands: list[Band],
    head_rules: dict[int, list[float]] | None = None,
    centred: bool = False,
) -> list[list[tuple[Token, list[int]]]]:
    """Per header line, each word with the columns it stands over: by its ruled cell where
    lines are drawn through the word's line, else by position (a merged word spread over
    the columns named below it). ``centred``: the header's names stand centred in their cells
    (a PDF's), so they tell where each cell is."""
    p = repeat_of(header, bands)
    if p:  # the lowest line names each column by a repeat of words: the words above name repeats
        items = grouped(bands, p)
        upper_hits = [[(t, header_hits(items, t)) for t in ln.tokens] for ln in header[:-1]]
        upper = _spread(upper_hits, items, centred)
        hits = [*ungrouped(upper, p), [(t, header_hits(bands, t)) for t in header[-1].tokens]]
    else:
        hits = _spread([[(t, header_hits(bands, t)) for t in ln.tokens] for ln in header], bands, centred)
    if not head_rules:
        return hits
    out = []
    for ln, line_hits in zip(header, hits, strict=True):
        rules = head_rules.get(ln.index) or []
        if len(rules) < 2:
            out.append(line_hits)
            continue
        out.append([(t, _ruled_hits(bands, t, rules)) for t, _ in line_hits])
    return out


def header_leaves(
    header: list[Line],
    bands: list[Band],
    head_rules: dict[int, list[float]] | None = None,
    centred: bool = False,
) -> list[str]:
    """Per band, the lowest header word over it ("" where none): what names the column."""
    out = [""] * len(bands)
    hits = header_line_hits(header, bands, head_rules, centred)
    for line_hits in hits:
        for t, hit in line_hits:
            for k in hit:
                out[k] = t.s
    return out
