"""Split a normalised document into chunks by section heading.

Headings recognised: markdown ``#`` headings, ``一、``/``（一）``/``1.`` numbering and
``第X部分``, ``表一``/``附件N``/``公开表N`` labels, and bare table titles (a short line that
a table schema's title patterns recognise). Each chunk is either prose (``narrative``) or
a table whose kind is chosen from its title, the lines under it and the classification
codes its rows carry. A table continued across pages (its title and header repeated)
becomes one chunk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core import labels
from ..core.memo import by_identity
from ..core.schemas import Schemas, TableSchema
from ..core.text import Text
from . import contents, headerstart, labelled, titles
from .pages import is_page_number

_LABEL = re.compile(
    r"^(?:表[一二三四五六七八九十\d]+(?:[-－]\d+)?|附件\s*\d+(?:\s*[-－]\s*\d+)?|附表\s*\d*|公开表\s*\d+(?:-\d+)?)$"
)
_LEAD_LABEL = re.compile(
    r"^(?:#+\s*)?(?:(?:表(?:[一二三四五六七八九十]+|\d+)|附件\s*\d+(?:-\d+)?|附表\s*\d*)[\s:：、.]*|[一二三四五六七八九十]+、)"
)
# a leading label set off from the title by a space, as printed (表三 一般公共预算…)
_SPACED_LABEL = re.compile(
    r"^(?:#+\s*)?(?:表(?:[一二三四五六七八九十]+|\d+(?:[-－]\d+)?)|附件\s*\d+(?:\s*[-－]\s*\d+)?|附表\s*\d*)[\s:：、.]+"
)
_TRAIL_LABEL = re.compile(r"[(（]\s*(?:公开表|附表|表)\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?\s*[)）]\s*$")
_MONEY = re.compile(r"\d[\d,]*\.\d+")
_HEADING = re.compile(
    r"^(?:#{1,6}\s|第[一二三四五六七八九十]+部[分份]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、](?!\d))"
)
_MD_HEADING = re.compile(r"^#{1,6}\s*[^#\s]")
_CODE_CELL = re.compile(r"^(\d{3})(?:\d{2}){0,2}(?:$|\s+(?=[^\W\d_]))")  # alone, or before its name
# a table's title that names no known table (its kind comes from its header and rows)
_GENERIC_TITLE = re.compile(
    r"^[^。，,；;:：见]{2,40}(?:预算|总|明细|情况|统计|安排|分类)表(?:[(（]续[)）])?$"
)
UNKNOWN = "?"
_ENDS_TABLE = titles.ENDS_TABLE
CONTENTS = "目录"  # the heading of a chunk of contents lines
_GENERIC_COLUMN = re.compile(r"^(?:合计|总计|小计|预算数|金额|项目|科目)$")


@dataclass
class Chunk:
    kind: str  # "narrative" | "table"
    start: int  # index of the first line (0-based) in the document
    lines: list[Text] = field(default_factory=list)
    title: Text | None = None
    label: str | None = None
    table_id: str | None = None
    candidates: list[str] = field(default_factory=list)
    heading: str = ""
    notes: list[str] = field(default_factory=list)  # where title, header and rows disagree
    breaks: list[int] = field(default_factory=list)  # lines where the table goes on under a repeated title
    unsure: bool = False  # the table's kind is in doubt
    alike: list[str] = field(default_factory=list)  # a bare label's kinds its content fits alike (unread)

    @property
    def end(self) -> int:
        return self.start + len(self.lines)


def compact(s: str) -> str:
    return "".join(s.split())  # = re.sub(r"\s+", "", s), without the regex


def title_candidates(
    line: str, schemas: Schemas, named: re.Pattern[str] | None = None
) -> tuple[list[str], str | None]:
    """Table ids whose titles fit ``line`` (best first) and the label it carries (``named``:
    :func:`_any_title` of ``schemas``, when the caller has it)."""
    line = titles.without_unit(line)  # 单位：万元 at the end of the title's line
    s = line.strip()
    if not s or "。" in s or len(s) > 90:
        return [], None
    if "表" not in s and "预算" not in s and "目录" not in s:  # every table title names one of these
        return [], None
    if "\t" in s and sum(1 for cell in line.split("\t") if cell.strip()) != 1:  # a title is one cell
        return [], None
    s = s.strip("\t ")
    c = compact(s)
    if "说明" in c or ("情况" in c and not _ENDS_TABLE.search(c)):
        return [], None  # a prose heading about a table (收支预算情况), not the table (收支总体情况表)
    if len(c) > 60 or _MONEY.search(c):
        return [], None
    label = None
    m = _TRAIL_LABEL.search(c)
    if m:
        label = compact(m.group(0)).strip("()（）")
        c = c[: m.start()]
    m = _LEAD_LABEL.match(c)
    if m:
        sp = _SPACED_LABEL.match(s)
        end = len(compact(s[: sp.end()])) if sp else _label_end(c, m.end(), schemas)
        lab = c[:end].strip("#:：、. ")
        if lab.startswith(("表", "附件", "附表")):
            label = label or lab
        c = c[end:]
    if not c or re.search(r"[:：].", c):  # a definition or a statement (（七）“三公”经费：是…), not a title
        return [], None
    named = named or _any_title(schemas)
    scored = [(t.title_match(c), t.id) for t in schemas.tables.values()] if named.search(c) else []
    scored = [x for x in scored if x[0] > 0]
    if (
        not scored and c.endswith("总") and re.search("收入|支出|收支", c)
    ):  # cut short by an edge (…部门收入总)
        scored = [(t.title_match(c + "表"), t.id) for t in schemas.tables.values()]
        scored = [x for x in scored if x[0] > 0]
    if not scored and _GENERIC_TITLE.match(c):
        return [UNKNOWN], label  # a table title no schema names: its header and rows will tell
    scored.sort(key=lambda x: -x[0])
    return [tid for _, tid in scored], label


@by_identity()
def _any_title(schemas: Schemas) -> re.Pattern[str]:
    """Any table's title wording at all, as one pattern: most lines name no table, and one
    search tells (a line it does not match scores 0 with every table)."""
    pats = [p for t in schemas.tables.values() for p in t.titles]
    if any(re.search(r"\(\?P=|\\\d", p.pattern) or p.flags != re.UNICODE for p in pats):
        return re.compile("")  # a back reference or a flag of its own: no shortcut
    return re.compile("|".join(f"(?:{p.pattern})" for p in pats) or "(?!)")


def _best_title(c: str, schemas: Schemas) -> int:
    return max((t.title_match(c) for t in schemas.tables.values()), default=0)


def _label_end(c: str, end: int, schemas: Schemas) -> int:
    """Where a title's leading label ends. A label's numeral may run into a title that begins
    with one (表三一般公共预算… is 表三 | 一般公共预算…, once the space between them is gone):
    a numeral is given back to the title when the title then names a table better."""
    best, score = end, _best_title(c[end:], schemas)
    e = end
    lead = len(c) - len(c.lstrip("#"))
    while e > lead + 2 and c[e - 1] in _NUMERALS and c[lead] == "表" and c[e - 2] in _NUMERALS:
        e -= 1
        if (sc := _best_title(c[e:], schemas)) > score:
            best, score = e, sc
    return best


_NUMERALS = "一二三四五六七八九十"


def _is_prose(line: str) -> bool:
    s = line.strip()
    if len(s) < 30:
        return False  # (as below: too short for a sentence)
    if "\t" in line.rstrip("\n").lstrip("\t") or s.startswith(("备注", "说明", "注:", "注：")):
        return False
    return len(s) >= 30 and ("。" in s or ("万元" in s and ("," in s or "，" in s)))


# printed in sentences, never in a table's title (a 、 after a numeral is an enumeration's)
_SENTENCE_MARK = re.compile(r"[，,；;《》]|(?<![一二三四五六七八九十\d])、")
# a heading of the document's outline (一、 / （一）), not a sentence's numbered point (1.)
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def _prose_in_cells(ch: Chunk, schemas: Schemas) -> bool:
    """The table's header (its first lines) names a column its schema says holds sentences
    (``text_columns``: 绩效目标), so a sentence line is a cell of it, not the prose after it."""
    words = _text_words(ch, schemas)
    return bool(words) and any(w in compact(ln.s) for ln in ch.lines[:_HEADER_LINES] for w in words)


def _text_words(ch: Chunk, schemas: Schemas) -> list[str]:
    """The words naming a column of sentences in the schemas of the chunk's candidates."""
    return [
        w
        for tid in ch.candidates
        if (t := schemas.tables.get(tid)) is not None
        for w in t.raw.get("text_columns") or ()
    ]


_HEADER_LINES = 16


class _ProseInCells:
    """:func:`_prose_in_cells` of the chunk being built, its candidates' words found once per
    chunk and only the lines its header gained since asked looked at (the split asks of every
    line of a table; a chunk's lines are only added to, so a word found stays found)."""

    def __init__(self, schemas: Schemas) -> None:  # noqa: D107
        self.schemas = schemas
        self.ch: Chunk | None = None
        self.words: list[str] = []
        self.n = 0  # the header lines looked at
        self.v = False

    def __call__(self, ch: Chunk) -> bool:
        if ch is not self.ch:
            self.ch, self.words, self.n, self.v = ch, _text_words(ch, self.schemas), 0, False
        n = min(len(ch.lines), _HEADER_LINES)
        if n != self.n:
            if self.words and not self.v:
                new = ch.lines[self.n : n]
                self.v = any(w in compact(ln.s) for ln in new for w in self.words)
            self.n = n
        return self.v


def _titles_of(schemas: Schemas) -> Callable[[str], tuple[list[str], str | None]]:
    """:func:`title_candidates` asked once per distinct line of one document (its page
    headers, column headers and repeated titles are asked of again and again)."""
    seen: dict[str, tuple[list[str], str | None]] = {}
    any_title = _any_title(schemas)

    def named(line: str) -> tuple[list[str], str | None]:
        if "表" not in line and "预算" not in line and "目录" not in line:
            return [], None  # (as title_candidates says of a line without these words)
        v = seen.get(line)
        if v is None:
            v = seen[line] = title_candidates(line, schemas, any_title)
        return v

    return named


def split(doc: Text, schemas: Schemas) -> list[Chunk]:
    lines = doc.split("\n")
    chunks: list[Chunk] = [Chunk("narrative", 0)]
    pending_label: str | None = None
    named = _titles_of(schemas)
    prose_in_cells = _ProseInCells(schemas)
    header_at = headerstart.finder(schemas)
    comp = ["".join(ln.s.split()) for ln in lines]  # each line made compact once (as compact())
    titled = lambda c: bool(named(c)[0])  # noqa: E731
    toc = contents.lines_in([ln.s for ln in lines], titled, comp)
    listed = labelled.listed([ln.s for ln in lines], comp, toc, named)
    if listed:
        toc = labelled.trim_contents(toc, comp, listed, titled)
    for i, line in enumerate(lines):
        s = line.s.strip()
        cur = chunks[-1]
        if not s:
            cur.lines.append(line)
            continue
        if i in toc:  # the contents list titles, not tables
            if cur.heading != CONTENTS:
                chunks.append(Chunk("narrative", i, heading=CONTENTS))
            chunks[-1].lines.append(line)
            continue
        c = comp[i]
        if (cands := _named_by_label(line.s, i, cur, comp, listed, titled)) is not None:
            if cands:
                chunks.append(Chunk("table", i, [line], title=line.strip(), label=c, candidates=cands))
            else:  # the label of the title above it, its table under it
                cur.lines.append(line)
                cur.label = cur.label or c
            pending_label = None
            continue
        if _LABEL.match(c):
            pending_label = c
            chunks.append(Chunk("narrative", i, [line], heading=c))
            continue
        if cur.kind != "table" and (tid := header_at(c)) is not None:
            # a list no title names, opened by its header line: no title, the header its first line
            chunks.append(Chunk("table", i - 1, [Text("", ()), line], candidates=[tid]))
            continue
        cands, label = named(line.s)
        cands = list(cands)
        if (
            cands
            and cur.kind == "table"
            and (_SENTENCE_MARK.search(s) or "表" not in c)
            and prose_in_cells(cur)
        ):
            # a cell of a list's column of sentences naming a 目录 (…企业目录申, 推荐目录), not a
            # title: a title names its 表
            cands = []
        if cands:
            title = line[: len(titles.without_unit(line.s))].strip()
            chunks.append(
                Chunk("table", i, [line], title=title, label=label or pending_label, candidates=cands)
            )
            pending_label = None
            continue
        if cur.kind == "table":
            # a list whose header names a column of sentences (绩效目标) goes on past them
            sentences = prose_in_cells(cur)
            loose = ("out_of_scope" in cur.candidates or UNKNOWN in cur.candidates) and not sentences
            ends_table = (
                _MD_HEADING.match(s)  # a markdown heading; ##### alone is a placeholder cell
                or _PART.match(c)
                or (_is_prose(line.s) and not loose and not sentences)
                # a table whose cells hold sentences (绩效目标表) ends at the next section
                # heading standing alone on its line
                or (loose and "\t" not in line.s.strip() and _HEADING.match(s) and len(c) <= 40)
                # a list with a column of sentences: at a heading of the outline at the margin
                or (sentences and _OUTLINE.match(s) and len(c) <= 40 and not line.s[:1].isspace())
            )
            if ends_table:
                chunks.append(Chunk("narrative", i, [line], heading=s))
                continue
            cur.lines.append(line)
            continue
        if _HEADING.match(s) and len(c) <= 40 and not _MONEY.search(c):
            chunks.append(Chunk("narrative", i, [line], heading=s))
            continue
        cur.lines.append(line)
    chunks = _listed_titles(_join_bare_titles(chunks))
    for ch in chunks:
        if ch.kind == "table":
            ch.table_id = classify(ch, schemas)
    return _merge(chunks)


_TITLE_LINES = 2  # lines under a title (its unit, its department) before its table: a label there is its


def _named_by_label(
    s: str, i: int, cur: Chunk, comp: list[str], listed: dict[str, list[str]], titled: Callable[[str], bool]
) -> list[str] | None:
    """The candidates of a table named by its bare label on line ``i`` (``s``; its money unit
    may stand at its end, 表3 … 单位：万元) with no title under it, its table following: the
    kinds the contents list the label with, else :data:`labelled.UNTITLED` (known by its
    content); none (an empty list) for a label under a title whose table has not started yet
    (the label is that table's) and for the current table's own label printed again over its
    next page (the table goes on); None for any other line."""
    lab = labelled.alone(comp[i])
    if lab is None and "单位" in s:
        lab = labelled.alone(compact(titles.without_unit(s)))
    if lab is None:
        return None
    if not labelled.table_below(comp, i, titled):
        return None
    if cur.kind == "table" and cur.label and labelled.key(cur.label) == labelled.key(lab):
        return []
    if cur.kind == "table" and not titles.LEADER.search(cur.title.s if cur.title is not None else ""):
        if len([x for x in cur.lines[1:] if x.s.strip()]) <= _TITLE_LINES:
            return []
    return list(listed.get(labelled.key(lab), [labelled.UNTITLED]))


def _join_bare_titles(chunks: list[Chunk]) -> list[Chunk]:
    """A title line followed at once by a second title of the same table (a sheet name
    then the sheet's own title) is one chunk."""
    out: list[Chunk] = []
    for ch in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ch.kind == "table"
            and prev.kind == "table"
            and set(ch.candidates) == set(prev.candidates)
            and all(not x.s.strip() for x in prev.lines[1:])
        ):
            prev.lines.extend(ch.lines)
            continue
        out.append(ch)
    return out


FAMILIES = {"2": "function", "3": "economic_dept", "5": "economic_gov"}  # by a code's first digit


def code_family(code: str) -> str | None:
    """The classification a code belongs to (schemas' ``codes``): 2xx function, 3xx the
    部门 economic classification, 5xx the 政府 one."""
    return FAMILIES.get(code[:1])


def _bare(ch: Chunk) -> bool:
    """A table chunk that prints nothing under its title but blank lines, page numbers and
    entries of a list (one cell, no amount: 一、文字部分)."""
    return ch.kind == "table" and all(_listing_line(x.s) for x in ch.lines[1:])


def _listing_line(s: str) -> bool:
    st = s.strip()
    if not st or is_page_number(st):
        return True
    one_cell = "\t" not in st and not _WIDE_GAP.search(st)
    return one_cell and len(compact(st)) <= 40 and not _AMOUNT_OR_UNIT.search(st)


_WIDE_GAP = re.compile(r"\S\s{2,}\S")
_AMOUNT_OR_UNIT = re.compile(r"\d[\d,]*\.\d|\d{1,3},\d{3}|单位[:：]")
# (\t|\s{2,}|^\s+, written to open with the white space it consumes first, then which choice it
# was: the engine scans for white space, where the choices opened it at every character)
_CELL_GAPS = re.compile(r"\s(?:(?<=\t)|\s+|(?<=^\s))")
# what a code cell (_CODE_CELL, stripped) holds at least: 3, 5 or 7 digits with white space or
# the line's edge either side (the lookbehind after the digits: tried only where digits stand)
_CODE_LIKE = re.compile(r"\d\d{2}(?<!\S\d{3})(?:\d{2}){0,2}(?!\S)")  # (\d{3}: firstchars.run)
_PART = re.compile(r"^第[一二三四五六七八九十]+部[分份]")


def _listed_titles(chunks: list[Chunk]) -> list[Chunk]:
    """A title with nothing under it, followed by another title or a section heading, is an
    entry of a list of tables (a contents without its 目录 line), not a table."""
    for k, ch in enumerate(chunks[:-1]):
        nxt = chunks[k + 1]
        if _bare(ch) and (nxt.kind == "table" or (nxt.heading and nxt.heading != CONTENTS)):
            ch.kind, ch.heading, ch.candidates = "narrative", CONTENTS, []
    return chunks


def _code_family(ch: Chunk) -> str | None:
    counts = {"function": 0, "economic_dept": 0, "economic_gov": 0}
    for line in ch.lines[1:]:
        if not _CODE_LIKE.search(line.s):
            continue  # most lines (amounts, words) hold no code: not split into cells
        for cell in _CELL_GAPS.split(line.s):
            c = cell.strip()
            if c[:1] not in FAMILIES:
                continue  # (an amount or a word, or a code of no family: nothing counted)
            m = _CODE_CELL.match(c)
            if not m:
                continue
            d = m.group(1)[0]
            fam = code_family(d)
            if fam:
                counts[fam] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def _header_text(ch: Chunk) -> str:
    """The chunk's header: its lines under the title up to the first that prints an amount."""
    out = []
    for line in ch.lines[1:14]:
        if _MONEY.search(line.s) or re.search(r"\d{1,3}(?:,\d{3})+|\s\d{4,}(?:\s|$)", line.s):
            break
        out.append(compact(line.s))
    return "".join(out)


def content_scores(ch: Chunk, schemas: Schemas) -> dict[str, int]:
    """How strongly the header words and row codes say which table this is: the table's own
    column words found in the header (generic ones such as 合计 aside), for tables keyed by
    rows its row words found in the lines, and one more where the row codes are of exactly
    the table's kind; no score for a table whose codes are of another kind."""
    head = _header_text(ch)
    body = compact("".join(x.s for x in ch.lines[1:60]))
    fam = _code_family(ch)
    out: dict[str, int] = {}
    for t in schemas.tables.values():
        if t.layout == "none" or (fam and t.codes not in (fam, "any")) or (not fam and t.codes != "any"):
            continue
        cols = {
            c.id
            for c in (*t.columns, *t.income_columns)
            if any(n in head and not _GENERIC_COLUMN.match(n) for n in c.names)
        }
        rows = sum(1 for pats in t.rows.values() if any(p.search(body) for p in pats))
        # the row codes count once for a table of exactly their kind
        out[t.id] = len(cols) + rows // 2 + (1 if fam and t.codes == fam and cols else 0)
    return out


def classify(ch: Chunk, schemas: Schemas) -> str:
    """Choose the table kind from the title and the row codes (:func:`_by_title`); a table
    whose title names no known table, or that prints no title (its bare label over it), is
    known by its content alone (:func:`_by_content`)."""
    if ch.candidates == [labelled.UNTITLED] or ch.candidates == [UNKNOWN]:
        return _by_content(ch, schemas)
    return _by_title(ch, schemas)


def _by_content(ch: Chunk, schemas: Schemas) -> str:
    """The kind of a table no title names: the one its header words and row codes fit clearly
    best (``labelled.by_content``) — in doubt where it prints a title of its own, which names
    no known table; else left unread (so that nothing of it is misfiled under the table before
    it), saying which kinds it fits alike."""
    scores = labelled.fitted(
        _header_text(ch),
        content_scores(ch, schemas),
        schemas,
        _code_family(ch),
        lambda n: _GENERIC_COLUMN.match(n) is not None,
    )
    kind, alike = labelled.by_content(scores)
    lab = labels.Labels(schemas)
    titled = ch.candidates == [UNKNOWN]
    said = f"标题“{ch.title.s.strip() if ch.title else ''}”不是已知的表" if titled else f"{ch.label}未印标题"
    if kind is not None:
        if titled:
            ch.notes.append(f"{said}，按其表头与各行读作「{lab.short_title(kind)}」")
            ch.unsure = True
        return kind
    if alike:
        names = "、".join(f"「{lab.short_title(t)}」" for t in alike)
        ch.notes.append(f"{said}，其表头与各行同样符合{names}，不能确定是哪张表：未读取")
        ch.alike = alike
    return "out_of_scope"


def _by_title(ch: Chunk, schemas: Schemas) -> str:
    """The table kind from the title and the lines under it, and the row codes."""
    context = compact("".join(x.s for x in ch.lines[:8]))
    cands: list[TableSchema] = []
    for tid in ch.candidates:
        t = schemas.table(tid)
        if t.context and not t.context.search(context):
            continue
        if t.not_context and t.not_context.search(context):
            continue
        cands.append(t)
    if not cands:
        cands = [schemas.table(ch.candidates[0])]
    # the row codes decide nothing for one candidate that takes any codes: not counted then
    fam = _code_family(ch) if len(cands) > 1 or cands[0].codes != "any" else None
    if fam and not any(t.codes in (fam, "any") for t in cands):
        # the row codes outweigh the words under the title (a page's repeated title without
        # its subtitle): 5xx rows are a 政府经济分类 table whatever the header says
        cands = [schemas.table(tid) for tid in ch.candidates if schemas.table(tid).codes == fam] or cands
    if len(cands) > 1:
        title_c = compact(ch.title.s if ch.title else "")
        best = max(t.title_match(title_c) for t in cands)
        top = [t for t in cands if t.title_match(title_c) >= best - 8]
        if fam:
            fitting = [t for t in top if t.codes == fam]
            if fitting:
                return fitting[0].id
        return top[0].id
    return cands[0].id


def _merge(chunks: list[Chunk]) -> list[Chunk]:
    """Join a table continued on the next page (same kind, repeated title) into one chunk;
    drop empty label-only chunks between them."""
    out: list[Chunk] = []
    for k, ch in enumerate(chunks):
        nxt = chunks[k + 1] if k + 1 < len(chunks) else None
        if ch.kind == "narrative" and out and out[-1].kind == "table" and _only_noise(ch, out[-1], nxt):
            # a label or blank lines between two pages: keep them with the table
            out[-1].lines.extend(ch.lines)
            continue
        if (
            ch.kind == "table"
            and out
            and out[-1].kind == "table"
            and out[-1].table_id == ch.table_id
            and (ch.label is None or out[-1].label is None or ch.label == out[-1].label)
        ):
            prev = out[-1]
            gap = ch.start - prev.end
            prev.lines.extend([Text("", ())] * max(gap, 0))
            prev.breaks.append(len(prev.lines))  # a new page: its columns may stand elsewhere
            prev.lines.extend(ch.lines)
            prev.label = prev.label or ch.label
            continue
        out.append(ch)
    return [c for c in out if c.lines]


def _only_noise(ch: Chunk, prev: Chunk, nxt: Chunk | None) -> bool:
    """Blank lines and page numbers; or a table's label printed again over its next page
    (表1 between two printings of the same table)."""
    if all(not x.s.strip() or is_page_number(x.s) for x in ch.lines):
        return True
    again = nxt is not None and nxt.kind == "table" and nxt.table_id == prev.table_id
    return again and all(
        not x.s.strip() or is_page_number(x.s) or _LABEL.match(compact(x.s)) for x in ch.lines
    )
