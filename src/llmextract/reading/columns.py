"""The columns of a table: its header rows read into a path of words per column, and each
path matched to the schema's column words (its period, its group, 其中 parts), by position or
in the schema's order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.money import TABLE_UNITS
from ..core.schemas import Column, TableSchema
from ..document.chunking import compact
from . import layout as lay
from .layout import GridRow
from .tokens import LABEL_WORD as _LABEL_WORD

IGNORE = "__ignore__"


_YEAR = re.compile(r"(20\d\d)\s*年")


_TOTAL_IDS = ("total", "prior_total")  # the columns of a table's (or a year's) whole amount
_MONEY_LABEL = re.compile(rf"^(?:金额)?单位[:：]?(?:{TABLE_UNITS})$")


@dataclass
class ColumnMap:
    ids: list[str | None]  # per numeric position: column id, IGNORE, or None (unmapped)
    periods: list[str]  # per numeric position: "current" | "prior"
    how: str  # "positional" | "sequential" | "canonical"
    notes: tuple[str, ...] = ()  # what the user is told about columns left unread (Chinese)

    def period(self, per: str) -> ColumnMap:
        """The columns of one period group (a 三公-style table prints several years side by side)."""
        ids = [cid if p == per else None for cid, p in zip(self.ids, self.periods, strict=True)]
        return ColumnMap(ids, self.periods, self.how)


def _is_label_word(s: str) -> bool:
    return bool(_LABEL_WORD.match(compact(s)))


def _expand(upper: list[str | None], lower: list[str | None]) -> list[str | None] | None:
    """Spread a compressed upper header row over the positions of the row below it: an
    upper label covers one blank position below it, or a run of labelled positions."""
    out: list[str | None] = []
    i = 0
    p = 0
    m = len(lower)
    while p < m:
        if i >= len(upper):
            return None
        q = p + 1
        if lower[p] is not None:
            while q < m and lower[q] is not None:
                q += 1
        out.extend([upper[i]] * (q - p))
        p = q
        i += 1
    return out if i == len(upper) else None


def _ffill(row: list[str | None]) -> list[str | None]:
    out: list[str | None] = []
    last: str | None = None
    for x in row:
        if x is not None:
            last = x
        out.append(x if x is not None else last)
    return out


def _header_positions(header: list[GridRow], W: int, M: int) -> list[list[str]] | None:
    """Composed header path per numeric position (layouts that keep positions)."""
    if not header or M <= 0:
        return None
    L = W - M
    parts: list[tuple[list[str | None], bool]] = []  # (numeric part, full width?)
    for r in header:
        texts = [compact(c.s) if c is not None else None for c in r.cells]
        texts = [t if t else None for t in texts]
        while len(texts) > W and texts and texts[-1] is None:
            texts.pop()
        if len(texts) >= W:
            parts.append((texts[len(texts) - M :], True))
            continue
        last_label = -1
        for k, t in enumerate(texts):
            if t is not None and _is_label_word(t):
                last_label = k
        if last_label >= 0:
            rest = texts[last_label + 1 :]
        else:
            rest = list(texts)
            drop = 0
            while rest and rest[0] is None and drop < L:
                rest.pop(0)
                drop += 1
        parts.append((rest[:M], False))
    if not any(any(x is not None for x in p) for p, _ in parts):
        return None
    # bottom-up: expand compressed rows over the row below
    rows: list[list[str | None]] = [[None] * M for _ in parts]
    below: list[str | None] | None = None
    for idx in range(len(parts) - 1, -1, -1):
        p, full = parts[idx]
        cur: list[str | None] | None
        if full or len(p) == M:
            cur = list(p) + [None] * (M - len(p))
        else:
            cur = None
            if below is not None:
                cur = _expand(p, below)
            if cur is None:
                cur = list(p) + [None] * (M - len(p))
                cur = _ffill(cur)
        assert cur is not None  # set above, or the loop broke
        if idx < len(parts) - 1 and (full or len(p) == M):
            cur = _ffill(cur)
        rows[idx] = cur
        below = [x if x is not None else (below[k] if below is not None else None) for k, x in enumerate(cur)]
    paths: list[list[str]] = []
    for k in range(M):
        comps: list[str] = []
        for hr in rows:
            x = hr[k]
            if x and (not comps or comps[-1] != x):
                comps.append(x)
        paths.append(comps)
    return paths


def _period(path: list[str], years: list[int], current: int | None, t: TableSchema | None = None) -> str:
    # read across the path's parts: a year may wrap inside its cell (202 / 6年)
    ys = [int(y) for y in _YEAR.findall("".join(path))]
    if not ys:
        # a part naming the earlier year in words (上年预算数)
        prior = t is not None and any(w.search(compact(x)) for x in path for w in t.prior_words)
        return "prior" if prior else "current"
    cur = max(years) if len(set(years)) > 1 else (current or max(ys))
    return "prior" if ys[-1] < cur else "current"


def _named_period(path: list[str], t: TableSchema, leaf_only: bool = False) -> str | None:
    """The row a column's figures go to when the schema names its groups by header words
    (``periods``: a 决算's 三公 table prints 预算数 | 决算数 under each item, or over a group
    of the items each): the lowest word of the path naming one (``leaf_only``: the last)."""
    for comp in reversed(path[-1:] if leaf_only else path):
        for pid, spec in (t.raw.get("periods") or {}).items():
            if re.search(spec["pattern"], comp):
                return str(pid)
    return None


def _unnamed_period_unread(
    ids: list[str | None], paths: list[list[str]], t: TableSchema
) -> tuple[list[str | None], tuple[str, ...]]:
    """Where the schema names its rows by header words (``periods``: 预算数 | 决算数) and the
    header names them over some columns, a column under none of them has no row to go to:
    a group word that did not reach it (合计 left of 预算数's group, 公务接待费 between the
    two groups) leaves its period unknown, so its figures stay unread, never read as a row
    the table does not have; the note returned tells the user which columns."""
    named = [_named_period(p, t) is not None for p in paths]
    if not any(named):
        return ids, ()
    rows = zip(paths, ids, named, strict=True)
    left = [p[-1] for p, x, ok in rows if p and not ok and x not in (None, IGNORE)]
    if not left:
        return ids, ()
    periods = "还是".join(str(s.get("name", k)) for k, s in (t.raw.get("periods") or {}).items())
    cols = "、".join(f"“{w}”" for w in left)
    note = f"表头没有标明{cols}列属于{periods}：这些列的金额未读"
    return [x if ok or x == IGNORE else None for x, ok in zip(ids, named, strict=True)], (note,)


def _straddles(upper: str, lower: str, names: list[str]) -> bool:
    """A name that begins in ``upper`` and ends in ``lower``: one header word wrapped onto
    the line below inside its cell (国有资本经 / 营预算)."""
    joined = upper + lower
    for n in names:
        k = joined.find(n)
        while k >= 0:
            if k < len(upper) < k + len(n):
                return True
            k = joined.find(n, k + 1)
    return False


# the end of a header cell's name wrapped onto the next line: a bracketed part ((境)费), or
# one character (费); never a word of its own (小计 under the group it is the subtotal of)
_WRAPPED_TAIL = re.compile(r"^(?:[(（][^()（）]*[)）][\u4e00-\u9fff]{0,3}|[\u4e00-\u9fff])$")


def _match_column(path: list[str], period: str, cols: tuple[Column, ...], t: TableSchema) -> str | None:
    if len(path) >= 2 and _named_period(path, t, leaf_only=True):
        path = path[:-1]  # 合计 / 预算数: the group word names the row, the word above the column
    names = [n for c in cols if c.period in (None, period) for n in c.names]
    if len(path) >= 2 and not any(n in path[-1] for n in names) and _straddles(path[-2], path[-1], names):
        path = [*path[:-2], path[-2] + path[-1]]
    elif len(path) >= 2 and _WRAPPED_TAIL.match(path[-1]) and _name_match(path[-1], period, cols) is None:
        path = [*path[:-2], path[-2] + path[-1]]  # 因公出国 / (境)费: one header cell wrapped
    label = "/".join(path)
    for p in t.ignore:
        if p.search(label) or any(p.search(c) for c in path[-1:]):
            return IGNORE
    for c in cols:
        if c.pattern is not None and c.pattern.search(label) and (c.period in (None, period)):
            return c.id

    def by_name(comp: str) -> str | None:
        return _name_match(comp, period, cols)

    leaf = by_name(path[-1]) if path else None
    subtotal = bool(path) and (t.row_words.total.match(path[-1]) is not None or path[-1] == "小计")
    if (leaf in _TOTAL_IDS or (leaf is None and subtotal)) and len(path) >= 2:
        # a total's word under a group that names a column of its own (基本支出 over 小计 |
        # 人员经费 | 公用经费): its 小计 is that column; another amount word under it
        # (项目支出 over 扣除基建项目后预算数) is a part of it, none of the table's columns
        for comp in reversed(path[:-1]):
            group = by_name(comp)
            if group in _TOTAL_IDS:
                break
            if group is not None:
                return group if subtotal else None
    for comp in reversed(path):
        if found := by_name(comp):
            return found
        if not _YEAR.search(comp):
            break  # only a year group may pass the match on to its parent
    return None


def _name_match(comp: str, period: str, cols: tuple[Column, ...]) -> str | None:
    """The column whose longest name the header word holds."""
    best: tuple[int, str] | None = None
    for c in cols:
        if c.period not in (None, period):
            continue
        for n in c.names:
            if n in comp and (best is None or len(n) > best[0]):
                best = (len(n), c.id)
    return best[1] if best else None


def _positional(
    paths: list[list[str]], cols: tuple[Column, ...], t: TableSchema, years: list[int], current: int | None
) -> ColumnMap | None:
    """The columns by the header words over each, where no column is named twice."""
    periods = [_named_period(p, t) or _period(p, years, current, t) for p in paths]
    ids = [_match_column(p, per, cols, t) for p, per in zip(paths, periods, strict=True)]
    ids, notes = _unnamed_period_unread(ids, paths, t)
    ids = _parts_of_groups(ids, paths, periods, cols)
    ids = _named_total_wins(ids, paths, periods, cols, t)
    mapped = [(x, per) for x, per in zip(ids, periods, strict=True) if x not in (None, IGNORE)]
    if mapped and len(set(mapped)) == len(mapped):
        return ColumnMap(ids, periods, "positional", notes)
    return None


def join_wrapped(paths: list[list[str]], cols: tuple[Column, ...], t: TableSchema) -> list[list[str]]:
    """A column's name wrapped in its cell with no rules to show it (一般公共预算 / 财政拨款): a
    word naming a column over one column only (its neighbours print other words there) and,
    under it, a last word naming none is one name, not a group over a part."""
    names = [n for c in cols for n in c.names]

    def names_one(w: str) -> bool:
        return any(n in w for n in names)

    total = t.row_words.total
    out = [list(p) for p in paths]
    for k, p in enumerate(paths):
        if len(p) < 2 or names_one(p[-1]) or not names_one(p[-2]) or total.match(p[-1]) or p[-1] == "小计":
            continue  # a 小计 under its group's name is the group's subtotal, not a wrapped end
        d = len(p) - 2
        if any(0 <= j < len(paths) and len(paths[j]) > d and paths[j][d] == p[d] for j in (k - 1, k + 1)):
            continue  # a group word over more columns than this one
        out[k] = [*p[:-2], p[-2] + p[-1]]
    return out


def _split_shared(paths: list[list[str]], cols: tuple[Column, ...]) -> list[list[str]]:
    """Two header words of neighbouring columns read as one word over both (政府性基金 and
    国有资本经 printed a space apart: ``政府性基金国有资本经`` over each): where that word
    starts with a column's name and the rest starts a name of its own (in full or cut where
    the cell wraps it, three characters at least), the left column keeps the first name and
    the right one the rest, each joined to the end of its word wrapped onto the line below
    (``预算``, ``营预算``) when that holds no name of its own. A group word over several columns
    (财政拨款收入) is one name: it stays whole."""
    names = sorted({n for c in cols for n in c.names}, key=len, reverse=True)
    out = [list(p) for p in paths]
    for k in range(len(out) - 1):
        left, right = out[k], out[k + 1]
        for i in range(min(len(left), len(right)) - 1):
            word = left[i]
            if word != right[i] or (k > 0 and i < len(out[k - 1]) and out[k - 1][i] == word):
                continue
            if k + 2 < len(out) and i < len(out[k + 2]) and out[k + 2][i] == word:
                continue  # a word over three columns or more: a group's
            head = next((n for n in names if word.startswith(n) and len(word) > len(n)), None)
            rest = word[len(head) :] if head else ""
            if head and len(rest) >= 3 and any(n.startswith(rest) or rest.startswith(n) for n in names):
                left[i], right[i] = head, rest
                for p in (left, right):  # the rest of each word, wrapped onto the line below
                    if len(p) == i + 2 and not any(n in p[i + 1] for n in names):
                        p[i : i + 2] = [p[i] + p[i + 1]]
    return out


def _parts_of_groups(
    ids: list[str | None], paths: list[list[str]], periods: list[str], cols: tuple[Column, ...]
) -> list[str | None]:
    """A column named twice: where one of them stands under a group word naming another
    column (上年结转结余 over 一般公共预算资金 | 政府性基金预算资金, beside 本年收入's), it is a
    part of that group's column, none of the table's own."""
    out = list(ids)
    named = list(zip(ids, periods, strict=True))
    for k, (cid, path, per) in enumerate(zip(ids, paths, periods, strict=True)):
        if cid in (None, IGNORE) or named.count((cid, per)) < 2:
            continue
        groups = [_name_match(comp, per, cols) for comp in path[:-1]]
        if any(g not in (None, cid) and g not in _TOTAL_IDS for g in groups):
            out[k] = None
    return out


def _named_total_wins(
    ids: list[str | None],
    paths: list[list[str]],
    periods: list[str],
    cols: tuple[Column, ...],
    t: TableSchema,
) -> list[str | None]:
    """A total named twice: the one under the group word the schema names it by (“三公”经费 /
    小计, its ``pattern``) is the table's; a lone 合计 beside that group covers more columns
    (合计 | “三公”经费 … | 会议费 | 培训费): none of the table's."""
    out = list(ids)
    for cid in _TOTAL_IDS:
        at = [k for k, x in enumerate(ids) if x == cid]
        if len(at) < 2 or len({periods[k] for k in at}) > 1:
            continue
        by_pattern = [
            k for k in at if _by_pattern(paths[k], periods[k], cols, t) == cid and len(paths[k]) >= 2
        ]
        if len(by_pattern) == 1:
            for k in at:
                if k != by_pattern[0] and len(paths[k]) == 1:
                    out[k] = None
    return out


def _by_pattern(path: list[str], period: str, cols: tuple[Column, ...], t: TableSchema) -> str | None:
    label = "/".join(path)
    return next(
        (
            c.id
            for c in cols
            if c.pattern is not None and c.pattern.search(label) and c.period in (None, period)
        ),
        None,
    )


def _sequential(
    header_text: str, cols: tuple[Column, ...], t: TableSchema, years: list[int], current: int | None
) -> tuple[list[str | None], list[str]]:
    """Read header words in order (layouts that lose positions)."""
    # words of this year's columns, longest first; ties keep the schema's order
    names = [(n, c.id) for c in cols if c.period != "prior" for n in c.names]
    names = sorted(dict.fromkeys(names), key=lambda x: -len(x[0]))
    toks: list[tuple[str, str]] = []  # (kind, value)
    i = 0
    s = header_text
    while i < len(s):
        m = _YEAR_WORD.match(s, i)  # at i, as on s[i:] (no anchor, no look-behind)
        if m:
            toks.append(("year", m.group(1)))
            i = m.end()
            continue
        hit = None
        for pat in t.ignore:
            mm = pat.match(s, i)
            if mm and mm.end() > i:
                hit = (mm.end() - i, IGNORE)
                break
        for n, cid in names:
            if s.startswith(n, i) and (hit is None or len(n) > hit[0]):
                hit = (len(n), cid)
                break
        if hit:
            toks.append(("col", hit[1]))
            i += hit[0]
        else:
            i += 1
    ids: list[str | None] = []
    periods: list[str] = []
    tok_years = {int(v) for k, v in toks if k == "year"}
    cur: int | None = (
        max(tok_years) if len(tok_years) > 1 else (current or (max(tok_years) if tok_years else None))
    )
    for k, (kind, v) in enumerate(toks):
        if kind == "year":
            nxt = toks[k + 1][0] if k + 1 < len(toks) else None
            if nxt == "year" or nxt is None:  # a year column of its own (e.g. last year's total)
                per = "prior" if cur and int(v) < cur else "current"
                year_col = next((c.id for c in cols if c.period == per), None)
                if year_col:
                    ids.append(year_col)
                    periods.append(per)
            continue
        ids.append(v)
        periods.append("current")
    # the same column id twice in a row means a group word matched: keep order, drop repeats
    return ids, periods


_YEAR_WORD = re.compile(r"(20\d\d)年(?:预算数|预算)?")


def map_columns(
    header: list[GridRow],
    family: lay.Family,
    W: int,
    M: int,
    t: TableSchema,
    cols: tuple[Column, ...],
    current: int | None,
    read_paths: list[list[str] | None] | None = None,
) -> ColumnMap:
    header_text = "".join(compact("".join(r.texts())) for r in header)
    years = [int(y) for y in _YEAR.findall(header_text)]
    if family.positional_header:
        paths = [p or [] for p in read_paths[-M:]] if read_paths else _header_positions(header, W, M)
        if paths:
            # the table's money unit (单位：万元) printed at the header's right: no column's word
            paths = _split_shared([[w for w in p if not _MONEY_LABEL.match(w)] for p in paths], cols)
            # names wrapped in their cells joined, unless that names a column twice
            joined = join_wrapped(paths, cols, t)
            for ps in dict.fromkeys((tuple(map(tuple, joined)), tuple(map(tuple, paths)))):
                if (got := _positional([list(p) for p in ps], cols, t, years, current)) is not None:
                    return got
    ids, periods = _sequential(header_text, cols, t, years, current)
    if len(ids) == M and len(set(ids)) == len(ids):
        return ColumnMap(list(ids), periods, "sequential")
    # canonical order, repeated per period group when the header names several years
    canon = [c for c in t.canonical if any(col.id == c for col in cols)] or [c.id for c in cols]
    distinct_years = sorted(set(years))
    if t.layout == "periods" and len(distinct_years) > 1 and M == len(canon) * len(distinct_years):
        out_ids: list[str | None] = []
        out_p: list[str] = []
        for y in distinct_years:
            out_ids.extend(canon)
            out_p.extend(["prior" if y < distinct_years[-1] else "current"] * len(canon))
        return ColumnMap(out_ids, out_p, "canonical")
    # as many value columns as the schema has (M: the reader's count, blank cells included):
    # read in its order, in doubt; any other count tells nothing of which column an amount is
    # in — left unread, said in the table's doubts
    if M == len(canon):
        return ColumnMap(list(canon), ["current"] * M, "canonical")
    note = (
        f"各列金额的位置未能与表头对应，金额列数（{M}）又与表的定义（{len(canon)}列）不同："
        "各列是哪一列无法确定，本表金额未读取"
    )
    return ColumnMap([None] * M, ["current"] * M, "canonical", (note,))
