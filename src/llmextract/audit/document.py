"""The document as the audit rules read it: its lines, its prose flowed into sentences, its
table titles and its table of contents — all read from the decoded source text itself, so
the audit does not depend on how the tables were extracted.

Every position maps back to a 1-based line of the source (and, for a PDF whose text keeps
its form feeds, a page).
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from ..core.source import Source
from ..document import contents
from ..document.chunking import is_page_number

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_ENUM = re.compile(
    r"^(?:#+|\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|第[一二三四五六七八九十]+部)"
)
_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{3,}|-{4,}|—{3,}).*$")
_LABEL = re.compile(
    r"^(?:#+)?(?:\d{1,2}(?:\t|\s+|[、.．](?!\d))|(?:表|附表|附件|公开表)\s*[\d一二三四五六七八九十]+(?:\s*[-－]\s*\d+)?[\s:：、.．]*"
    r"|[\u4e00-\u9fff]{0,4}\d{1,2}表(?=[\s\u4e00-\u9fff])[\s:：、.．]*"  # 预算01表, 公开01表, 单位预算05表
    r"|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）])+"
)
# a label in a cell of its own before a title (1, 表1, 附件1, 预算01表)
_LEAD_CELL = re.compile(r"^\d{1,2}$|^(表|附件|附表)|^[\u4e00-\u9fff]{0,4}\d{1,2}表$")
_TRAIL_LABEL = re.compile(r"[(（](?:公开表|附表|表|附件)[\d一二三四五六七八九十\-－]*[)）]$")
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.]*\d)")
MONEY = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|亿元|千元|元)")
_TOC_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_CODE_ROW = re.compile(r"^\s*2\d{2}(?:\s*\d{2}){0,2}\s+\S")
_YEAR = re.compile(r"(20\d\d)\s*年")


_CELL_TAG = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.I)
_TAG = re.compile(r"<[^>]{1,200}>")


def _plain(raw: str) -> str:
    """A line as the rules read it: NFKC (full-width digits and punctuation made ASCII), HTML
    tags dropped (a cell boundary becomes a tab), entities decoded."""
    s = unicodedata.normalize("NFKC", raw)
    st = s.strip()
    if st.startswith("|") and st.endswith("|") and len(st) > 1:  # a Markdown table row
        cells = [x.strip() for x in st.strip("|").split("|")]
        return "" if all(re.fullmatch(r":?-{2,}:?", x) for x in cells if x) else "\t".join(cells)
    if "<" in s:
        s = _TAG.sub("", _CELL_TAG.sub("\t", s))
        s = html.unescape(s)
    return s


def dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def half_unit(s: str) -> Decimal:
    """Half a unit of the last printed digit (``57.8`` → 0.05, ``10`` → 0.5)."""
    s = s.replace(",", "")
    places = len(s.split(".")[1]) if "." in s else 0
    return Decimal(5) / (Decimal(10) ** (places + 1))


def money_h(s: str) -> Decimal:
    """Half the precision of a printed amount: amounts are kept to the cent of their unit
    (0.01 万元), so ``57.8`` (57.80 with its last zero dropped) stands for 57.795–57.805 and a
    whole ``15`` for 15.00."""
    return min(half_unit(s), Decimal("0.005"))


def _bare(s: str) -> str:
    """White space and quotation marks taken out: how a rule compares a line's words
    (``document.chunking.compact`` takes out only the white space)."""
    return _QUOTES.sub("", "".join(s.split()))  # split(): the whitespace \s matches


@dataclass
class Finding:
    """What a rule's mechanism reports: where (1-based line), and the fields of its message."""

    line: int
    fields: dict[str, Any]
    expected: str = ""
    found: str = ""


def finding(line: int, **fields: Any) -> Finding:
    return Finding(line, fields)


_GAP = re.compile(r"\S {3,}\S")
_CELLS = re.compile(r"\t| {3,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEAD_CODE = re.compile(r"^\s*\d{3}(?:\s*\d{2}){0,2}(?=\s)")
_LONG_CODE = re.compile(r"(?<![\d.,])\d{6,}(?![\d.,])")
_COLUMN_NUMBERS = re.compile(r"栏|行次|序号|编号|页")


@dataclass(slots=True, eq=False)
class Line:
    """One line of the source (slots, no ``__dict__``: a long text has a million of them)."""

    no: int  # 1-based
    raw: str
    s: str  # NFKC: full-width digits and punctuation made ASCII
    c: str = field(init=False)  # compact
    blank: bool = field(init=False)
    tabular: bool = field(init=False)  # a table row: cells apart by tabs, wide gaps or pipes

    def __post_init__(self) -> None:  # every rule reads these of almost every line: made once
        st = self.s.strip()
        self.c = _bare(self.s)
        self.blank = not st
        self.tabular = "\t" in st or st.startswith("|") or bool(_GAP.search(st))


@dataclass
class Title:
    line: int
    kind: str
    text: str  # the title as printed (compact)
    variant: bool = False


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offset in the flowed prose
    doc: AuditDoc = field(repr=False)

    @property
    def line(self) -> int:
        return self.doc.line_at(self.start)

    def line_of(self, i: int) -> int:
        return self.doc.line_at(self.start + i)


class AuditDoc:
    def __init__(self, src: Source, year: int | None, config: dict, kind: str | None = None) -> None:  # noqa: D107
        self.src = src
        self.doc_kind = kind  # 预算 | 决算 (source.kind)
        self.year = year
        self.config = config
        raw_lines = src.raw.split("\n")
        self.lines = [Line(i + 1, r, _plain(r)) for i, r in enumerate(raw_lines)]
        self._pages = self._page_starts(raw_lines)
        kinds = config.get("tables", {})
        self.kinds = {
            k: (
                [re.compile(p) for p in v.get("patterns", [])],
                [re.compile(p) for p in v.get("not", [])],
                re.compile(v["variant"]) if v.get("variant") else None,
            )
            for k, v in kinds.items()
        }
        # any kind's pattern at all (most lines name no table: one search rejects them)
        alternatives = [f"(?:{p})" for v in kinds.values() for p in v.get("patterns", [])]
        self._any_kind = re.compile("|".join(alternatives) or "(?!)")
        self.tocs: list[tuple[int, int]] = self._find_tocs()  # 0-based first and last line of each
        self.toc_titles: list[Title] = []
        self.titles: list[Title] = []
        self._find_titles()
        self.prose, self._line_of = self._flow()

    # ------------------------------------------------------------------ positions
    @staticmethod
    def _page_starts(raw_lines: list[str]) -> list[int] | None:
        if not any("\f" in r for r in raw_lines):
            return None
        page, starts = 1, []
        for r in raw_lines:
            lead = len(r) - len(r.lstrip("\f"))  # a page's first line starts with its form feed
            page += lead
            starts.append(page)
            page += r.count("\f") - lead
        return starts

    def page(self, line: int) -> int | None:
        if self._pages is None or not 1 <= line <= len(self._pages):
            return None
        return self._pages[line - 1]

    def line_at(self, i: int) -> int:
        if not self._line_of:
            return 1
        return self._line_of[min(max(i, 0), len(self._line_of) - 1)]

    # ------------------------------------------------------------------ document kind
    @cached_property
    def kind(self) -> str:
        """The rules' name for the document's kind (``documents`` in audit.yaml: budget,
        final_accounts), from the kind the pipeline derived once (``source.kind``)."""
        from ..document.kind import Kind, derive

        word = self.doc_kind or str(derive(self.src.raw).kind or Kind.BUDGET)
        docs = self.config.get("documents", {})
        return next((k for k, w in docs.items() if w == word), "budget")

    # ------------------------------------------------------------------ titles and contents
    def table_kind(self, c: str) -> str | None:
        cache = self.__dict__.setdefault("_kind_cache", {})
        if c not in cache:
            cache[c] = (
                None
                if not self._any_kind.search(c)
                else next(
                    (
                        kind
                        for kind, (pats, nots, _) in self.kinds.items()
                        if any(p.search(c) for p in pats) and not any(n.search(c) for n in nots)
                    ),
                    None,
                )
            )
        return cache[c]

    @staticmethod
    @functools.lru_cache(maxsize=65536)
    def title_text(c: str) -> str:
        """A title line without its label, numbering, leader dots and page number."""
        c = _LEADER.sub("", c)
        c = _LABEL.sub("", c)
        c = _TRAIL_LABEL.sub("", c)
        return c.strip("#:：")

    def _looks_like_title(self, i: int, t: str) -> bool:
        if not t or len(t) > 60 or re.search(r"[。，,；;：:！？]", t):
            return False
        if re.search(r"说明|详见|见附|如下|注[:：]|备注|单位[:：]", t):
            return False
        if "情况" in t and not re.search(r"表(?:[(（][^()（）]{0,24}[)）])*$", t):
            return False  # a prose heading (收支预算情况), not a table (收支总体情况表)
        if re.search(r"\d+\.\d+", t):
            return False
        if re.search(r"表(?:[(（][^()（）]{0,24}[)）])*$", t) or t.endswith(("预算", "预")):
            return True
        return False

    def _find_tocs(self) -> list[tuple[int, int]]:
        """The contents (目录): a 目录 line and the entries under it; a document may print one
        for its sections and another for its tables."""
        out: list[tuple[int, int]] = []
        for i, ln in enumerate(self.lines):
            if out and i <= out[-1][1]:
                continue
            c = ln.c.lstrip("#")
            if "目录" not in c or len(c) > 40 or re.search(r"[。，,]", c):
                continue
            last, seen, misses = None, 0, 0
            for j in range(i + 1, min(len(self.lines), i + 200)):
                lj = self.lines[j]
                if lj.blank or is_page_number(lj.s):  # the contents go on over a page break
                    continue
                if self._starts_table(j):
                    break
                if self._toc_entry(lj):
                    last, seen, misses = j, seen + 1, 0
                    continue
                misses += 1
                if seen or misses > 2:
                    break
            if seen >= 3 and last is not None:
                out.append((i, self._page_end(i, last)))
        return self._with_listed(out)

    def _with_listed(self, tocs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spans above, and the contents whose entries are section headings as well as
        titles (``contents.spans``: 第一部分 …概况 / 一、主要职责 / … / 一、收支总体情况表)."""

        def is_title(c: str) -> bool:
            return self.table_kind(self.title_text(c)) is not None

        more = contents.spans([ln.s for ln in self.lines], is_title)
        out = list(tocs)
        for a, b in more:
            if not any(x <= a <= y or a <= x <= b for x, y in out):
                out.append((a, b))
        return sorted(out)

    def _page_end(self, i: int, last: int) -> int:
        """The last line of the contents begun at line ``i`` (0-based): its last entry, or the
        end of its page when the 目录 heads a page (a contents page holds no table, whatever
        its lines look like)."""
        if self._pages is None:
            return last
        page = self._pages[i]
        heads = [ln for ln in self.lines[: i + 1] if not ln.blank and self._pages[ln.no - 1] == page]
        if len(heads) > 3:  # the 目录 does not head its page
            return last
        end = last
        while end + 1 < len(self.lines) and self._pages[end + 1] == page:
            end += 1
        return max(last, end)

    def _toc_entry(self, ln: Line) -> bool:
        """A line of the contents: a title with leader dots or a number/label, a section
        heading (第一部分…, 一、…), or (one cell per line) a bare number, label, column header
        or title."""
        st, c = ln.s.strip(), ln.c
        if _LEADER.search(c) or re.match(r"^\d{1,2}[\t ]", st):
            return True
        if len(c) <= 40 and "。" not in c and _TOC_HEADING.match(c):
            return True
        if len(c) > 60 or "。" in c:
            return False
        if re.match(r"^(?:表|附表|附件|公开表)\s*[\d一二三四五六七八九十]+", st):
            return True
        if re.match(r"^第[一二三四五六七八九十]+部[分份]", c) or (
            re.match(r"^[一二三四五六七八九十]+、", c) and len(c) <= 30
        ):
            return True  # a part or section of the contents (第二部分 …决算表, 一、主要职能)
        if re.fullmatch(r"\d{1,3}|编号|序号|工作表名|表名|名称|页码|页次", c):
            return True
        t = self.title_text(c)
        return self.table_kind(t) is not None or bool(re.search(r"表(?:[(（][^()（）]{0,24}[)）])*$", t))

    def _starts_table(self, j: int) -> bool:
        """Line ``j`` is a table's title: its unit or department line follows."""
        if self.table_kind(self.title_text(self.lines[j].c)) is None:
            return False
        near = [ln.c for ln in self.lines[j + 1 : j + 6] if not ln.blank][:3]
        return any(re.search(r"单位[:：]|部门全称|编制部门|编制单位|部门名称", c) for c in near)

    def in_toc(self, i: int) -> bool:
        if self.__dict__.get("_toc_of") is not self.tocs:  # the lines of the contents, once
            self._toc_lines = {j for a, b in self.tocs for j in range(a, b + 1)}
            self._toc_of = self.tocs
        return i in self._toc_lines

    def _find_titles(self) -> None:
        for i, ln in enumerate(self.lines):
            if ln.blank:
                continue
            if self.in_toc(i):
                t = self.title_text(ln.c)
                kind = self.table_kind(t)
                if kind and not re.search(r"说明|情况$", t):  # a section about a table is no table
                    self.toc_titles.append(Title(ln.no, kind, t))
                continue
            if len(ln.c) > 90:
                continue
            # a title is one cell of its line
            cells = [x for x in _CELLS.split(ln.s.strip()) if x.strip()]
            if len(cells) != 1 and not (len(cells) == 2 and _LEAD_CELL.match(cells[0])):
                continue
            t = self.title_text(ln.c)
            kind = self.table_kind(t)
            if kind is None or not self._looks_like_title(i, t):
                continue
            if not re.search(r"表(?:[(（][^()（）]{0,24}[)）])*$", t) and not self._table_follows(i):
                continue
            var = self.kinds[kind][2]
            context = "".join(x.c for x in self.lines[i : i + 5])
            self.titles.append(Title(ln.no, kind, t, bool(var and var.search(context))))

    def _table_follows(self, i: int) -> bool:
        """The lines under a title without 表 (a truncated title) are a table's."""
        seen = 0
        for ln in self.lines[i + 1 : i + 8]:
            if ln.blank:
                continue
            seen += 1
            if ln.tabular or re.search(r"单位[:：]", ln.s):
                return True
            if seen >= 3:
                break
        return False

    def table_region(self, t: Title) -> tuple[int, int]:
        """0-based [start, end) of the lines of the table under title ``t``: up to the next title
        of another table, a prose paragraph or a section heading."""
        cache = self.__dict__.setdefault("_region_cache", {})
        key = (t.line, t.kind, len(self.titles))
        if key not in cache:
            cache[key] = self._table_region(t)
        return cache[key]

    def _table_region(self, t: Title) -> tuple[int, int]:
        start = t.line - 1
        index = self.__dict__.get("_title_index")
        if index is None or len(index[1]) != len(self.titles):  # the titles by line, once
            ordered = sorted(self.titles, key=lambda x: x.line)
            index = self.__dict__["_title_index"] = ([x.line for x in ordered], ordered)
        later = index[1][bisect.bisect_right(index[0], t.line) :]
        end = next((x.line - 1 for x in later if x.kind != t.kind), len(self.lines))
        for j in range(start + 1, end):
            ln = self.lines[j]
            st = ln.s.strip()
            if ln.blank or ln.tabular:
                continue
            if re.match(r"^(注|备注|说明)", st):
                continue
            if len(ln.c) >= 30 and "。" in ln.c and not re.search(r"本表|空表|无数据", ln.c):
                return start, j
            if re.match(r"^#+\s", st) or re.match(r"^第[一二三四五六七八九十]+部", ln.c):
                return start, j
            if self.table_kind(self.title_text(ln.c)) is None and self._other_title(ln.c):
                return start, j
        return start, end

    @staticmethod
    def _other_title(c: str) -> bool:
        t = AuditDoc.title_text(c)
        return (
            bool(re.search(r"(?:预算|支出|收入|目标|明细|情况)表(?:[(（][^()（）]{0,24}[)）])*$", t))
            and len(t) <= 60
        )

    def amounts(self, start: int, end: int) -> list[tuple[int, str]]:
        """Positive amounts printed in lines [start, end): (line, text). Codes, years, page
        numbers and bare small integers are not amounts."""
        cache = self.__dict__.setdefault("_amounts_cache", {})
        if (start, end) not in cache:
            cache[(start, end)] = self._amounts(start, end)
        return list(cache[(start, end)])

    def _amounts(self, start: int, end: int) -> list[tuple[int, str]]:
        return [a for ln in self.lines[start:end] for a in self._line_amounts(ln)]

    def _line_amounts(self, ln: Line) -> list[tuple[int, str]]:
        """The amounts of one line (computed once: tables' regions overlap)."""
        cache = self.__dict__.setdefault("_line_amounts_cache", {})
        if ln.no not in cache:
            cache[ln.no] = self._amounts_of(ln)
        return cache[ln.no]

    def _amounts_of(self, ln: Line) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        if not any(ch.isdigit() for ch in ln.s):
            return out
        s = _YEAR.sub(" ", ln.s)
        s = _LEAD_CODE.sub(" ", s)  # a leading function/economic code
        s = _LONG_CODE.sub(" ", s)  # unit and project codes
        for m in AMOUNT.finditer(s):
            v = m.group(1)
            d = dec(v)
            if d is None or d <= 0:
                continue
            if "." not in v and "," not in v and not ln.tabular:
                continue
            if "." not in v and "," not in v and (not _CJK.search(s) or _COLUMN_NUMBERS.search(s)):
                continue  # column numbers (栏次 1 2 3), page numbers
            out.append((ln.no, v))
        return out

    def first_value(self, start: int, end: int) -> tuple[int, str] | None:
        """The first number of the first row printing amounts in lines [start, end), zero
        included: a table's total (合计 comes first), not a column beside it (机关运行经费)."""
        for ln in self.lines[start:end]:
            s = _LONG_CODE.sub(" ", _LEAD_CODE.sub(" ", _YEAR.sub(" ", ln.s)))
            tokens = [m.group(1) for m in AMOUNT.finditer(s)]
            if any("." in t or "," in t for t in tokens):
                return ln.no, tokens[0]
        return None

    def code_rows(self, start: int, end: int) -> list[int]:
        return [ln.no for ln in self.lines[start:end] if _CODE_ROW.match(ln.s) and AMOUNT.search(ln.s[6:])]

    # ------------------------------------------------------------------ prose
    def _is_prose(self, ln: Line) -> bool:
        st = ln.s.strip()
        if not st or ln.tabular:
            return False
        if self.in_toc(ln.no - 1):
            return False
        return bool(_CJK.search(st))

    def _flow(self) -> tuple[str, array]:
        """The prose flowed into one string, and the line of each of its characters."""
        chars: list[str] = []
        line_of = array("i")
        prev_prose = False
        for ln in self.lines:
            if not self._is_prose(ln):
                if prev_prose:
                    chars.append("\n")
                    line_of.append(ln.no)
                prev_prose = False
                continue
            st = ln.s.strip()
            if prev_prose and (_ENUM.match(st) or st.startswith("#")):
                chars.append("\n")
                line_of.append(ln.no)
            c = _bare(st)  # whole (a string per character costs 60 bytes or more)
            chars.append(c)
            line_of.extend(itertools.repeat(ln.no, len(c)))
            prev_prose = True
        return "".join(chars), line_of

    @cached_property
    def sentences(self) -> list[Sentence]:
        out = []
        for m in re.finditer(r"[^。!?\n]+[。!?]?", self.prose):
            if m.group(0).strip():
                out.append(Sentence(m.group(0), m.start(), self))
        return out

    @cached_property
    def paragraphs(self) -> list[Sentence]:
        out = []
        for m in re.finditer(r"[^\n]+", self.prose):
            out.append(Sentence(m.group(0), m.start(), self))
        return out
