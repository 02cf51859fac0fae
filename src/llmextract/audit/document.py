"""The document as the audit rules read it, from the decoded source text itself (so the audit
does not depend on how the tables were extracted): its lines, pages, contents and table titles
as ``document/`` reads them (``lines.py``, ``pages.py``, ``contents.py``, ``titles.py``, the
titles named by the audit's table kinds: the spec's ``printed_titles``), and what is the
audit's own: its prose flowed into sentences, a table's region and the amounts it prints.

Every position maps back to a 1-based line of the source (and, for a PDF whose text keeps
its form feeds, a page).
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core import firstchars
from ..core.printed import PrintedKind
from ..core.source import Source
from ..document import contents, pages, titles
from ..document.lines import Line, lines_of
from ..document.titles import title_text

_ENUM = re.compile(
    r"^(?:#+|\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|第[一二三四五六七八九十]+部)"
)
# an amount: (?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?), written to open with its first
# digit and look behind it after (the same matches and groups: a pattern opening with a
# lookbehind is tried at every character of a text, one opening with a digit only at digits)
_NUMBER = r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
AMOUNT = re.compile(_NUMBER + r"(?![\d.]*\d)")
MONEY = re.compile(_NUMBER + r"(万元|亿元|千元|元)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_LEAD_CODE = re.compile(r"^\s*\d{3}(?:\s*\d{2}){0,2}(?=\s)")
_LONG_CODE = re.compile(r"\d(?<![\d.,]\d)\d{5,}(?![\d.,])")  # (?<![\d.,])\d{6,}…, as above
_COLUMN_NUMBERS = re.compile(r"栏|行次|序号|编号|页")
_CODE_ROW = re.compile(r"^\s*2\d{2}(?:\s*\d{2}){0,2}\s+\S")
_YEAR = re.compile(r"(20\d\d)\s*年")


def dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _is_zero(v: str) -> bool:
    """Whether an amount as printed (digits, separators, a point) is zero: told from its
    characters where they are ASCII (no Decimal made for each amount of a table's lines)."""
    if v.isascii():
        return not v.strip("0.,")
    d = dec(v)
    return d is None or d <= 0


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


@dataclass
class Finding:
    """What a rule's mechanism reports: where (1-based line), and the fields of its message."""

    line: int
    fields: dict[str, Any]
    expected: str = ""
    found: str = ""


def finding(line: int, **fields: Any) -> Finding:
    return Finding(line, fields)


_NOTE = re.compile(r"^(注|备注|说明)")
_SAYS_EMPTY = re.compile(r"本表|空表|无数据")
_MD_HEADING = re.compile(r"^#+\s")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部")
_OTHER_TITLE = re.compile(r"(?:预算|支出|收入|目标|明细|情况)表(?:[(（][^()（）]{0,24}[)）])*$")


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
    lines: array = field(repr=False)  # the line of each character of the flowed prose

    @property
    def line(self) -> int:
        return self.line_of(0)

    def line_of(self, i: int) -> int:
        return _line_at(self.lines, self.start + i)


def _line_at(line_of: array, i: int) -> int:
    """The 1-based line of character ``i`` of the flowed prose."""
    if not line_of:
        return 1
    return line_of[min(max(i, 0), len(line_of) - 1)]


class AuditDoc:
    def __init__(  # noqa: D107
        self,
        src: Source,
        year: int | None,
        config: dict,
        kind: str | None = None,
        printed: Mapping[str, PrintedKind] | None = None,
    ) -> None:
        # what the rules work out once per document (asked again and again), made on first use
        self._region_cache: dict[tuple[int, str, int], tuple[int, int]] = {}
        self._title_index: tuple[list[int], list[Title]] | None = None
        self._region_stops: list[int] | None = None
        self._amounts_cache: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._line_amounts_cache: dict[int, tuple[tuple[int, str], ...]] = {}
        self._values: dict[str, Decimal | None] = {}
        self._kind: str | None = None
        self._sentences: list[Sentence] | None = None
        self._paragraphs: list[Sentence] | None = None
        self.memos: dict[str, dict[Any, Any]] = {}  # other modules' answers (audit/structure.py)
        self.src = src
        self.doc_kind = kind  # 预算 | 决算 (source.kind)
        self.year = year
        self.config = config
        self.lines = lines_of(src.raw)
        self._pages = pages.line_pages([ln.raw for ln in self.lines])
        # the table kinds and their title wordings (the spec's ``printed_titles``), audit.yaml's order
        self.kinds: Mapping[str, PrintedKind] = printed or {}
        # any kind's wording at all (most lines name no table: one search rejects them)
        alternatives = [f"(?:{p.pattern})" for k in self.kinds.values() for p in k.titles]
        self._any_kind = re.compile("|".join(alternatives) or "(?!)")
        # the characters such a wording starts with (none on a line: no search of the alternation)
        self._kind_starts = firstchars.starts(self._any_kind) if alternatives else None
        self._kind_cache: dict[str, str | None] = {}  # table_kind's answers (asked again and again)
        self.tocs: list[tuple[int, int]] = self._find_tocs()  # 0-based first and last line of each
        self._toc_lines = {j for a, b in self.tocs for j in range(a, b + 1)}  # their lines (in_toc)
        self._toc_of = self.tocs
        self.toc_titles: list[Title] = []
        self.titles: list[Title] = []
        self._find_titles()
        self.prose, self._line_of = self._flow()

    # ------------------------------------------------------------------ positions
    def page(self, line: int) -> int | None:
        if self._pages is None or not 1 <= line <= len(self._pages):
            return None
        return self._pages[line - 1]

    def line_at(self, i: int) -> int:
        return _line_at(self._line_of, i)

    # ------------------------------------------------------------------ document kind
    @property
    def kind(self) -> str:
        """The rules' name for the document's kind (``documents`` in audit.yaml: budget,
        final_accounts), from the kind the pipeline derived once (``source.kind``)."""
        if self._kind is None:
            from ..document.kind import Kind, derive

            word = self.doc_kind or str(derive(self.src.raw).kind or Kind.BUDGET)
            docs = self.config.get("documents", {})
            self._kind = next((k for k, w in docs.items() if w == word), "budget")
        return self._kind

    def lines_holding(self, found: re.Pattern[str]) -> list[Line]:
        """The lines (in order) whose source text may hold a match of ``found``, a pattern whose
        matches lie within a line (a class of characters): one search of the whole text, not one
        of each line (a match at a line's ``\\n`` names that line too: the caller asks again)."""
        raw, starts, lines = self.src.raw, self.src.line_starts, self.lines
        if len(starts) != len(lines):  # (a source whose line starts are not its text's)
            return lines
        out: list[Line] = []
        pos = 0
        while (m := found.search(raw, pos)) is not None:
            i = bisect.bisect_right(starts, m.start()) - 1
            out.append(lines[i])
            if i + 1 >= len(starts):
                break
            pos = starts[i + 1]  # the next line: one line is named once
        return out

    def lines_matching(self, patterns: list[re.Pattern[str]]) -> list[Line]:
        """The lines (in order) one of ``patterns`` matches, each pattern searched for once in the
        whole text: only for patterns whose matches stay within a line (``core.inline``)."""
        raw, starts, lines = self.src.raw, self.src.line_starts, self.lines
        if len(starts) != len(lines):  # (a source whose line starts are not its text's)
            return [ln for ln in lines if any(p.search(ln.raw) for p in patterns)]
        # (firstchars: a pattern opening with a lookbehind tried only where its match may start)
        at = [m.start() for p in patterns for m in firstchars.finditer(p, raw)]
        found = {bisect.bisect_right(starts, a) - 1 for a in at}
        return [lines[i] for i in sorted(found)]

    # ------------------------------------------------------------------ titles and contents
    def table_kind(self, c: str) -> str | None:
        cache = self._kind_cache
        if c not in cache:
            named = self._names_any(c)
            cache[c] = next((kind for kind, k in self.kinds.items() if k.names(c)), None) if named else None
        return cache[c]

    def _names_any(self, c: str) -> bool:
        """Whether any kind's wording matches ``c``: searched for from the first character such a
        wording starts with (none: no match), not from the line's start."""
        starts = self._kind_starts
        if starts is None:
            return self._any_kind.search(c) is not None
        first = starts.search(c)
        return first is not None and self._any_kind.search(c, first.start()) is not None

    def _find_tocs(self) -> list[tuple[int, int]]:
        """The contents (目录) spans, as ``document.contents`` reads them."""
        return contents.headed_spans(
            [ln.s for ln in self.lines],
            [ln.c for ln in self.lines],
            lambda t: self.table_kind(t) is not None,
            self._pages,
            [ln.compact for ln in self.lines],
        )

    def in_toc(self, i: int) -> bool:
        if self._toc_of is not self.tocs:  # the lines of the contents, once
            self._toc_lines = {j for a, b in self.tocs for j in range(a, b + 1)}
            self._toc_of = self.tocs
        return i in self._toc_lines

    def _find_titles(self) -> None:
        """The table titles printed and those the contents list (``document.titles``); a title
        whose next lines name its kind's variant (政府经济分类) is a variant's printing."""
        body, listed = titles.find(self.lines, self.table_kind, self._toc_lines.__contains__)
        self.toc_titles = [Title(t.line, t.kind, t.text) for t in listed]
        for t in body:
            var = self.kinds[t.kind].variant
            context = "".join(x.c for x in self.lines[t.line - 1 : t.line + 4])
            self.titles.append(Title(t.line, t.kind, t.text, bool(var and var.search(context))))

    def table_region(self, t: Title) -> tuple[int, int]:
        """0-based [start, end) of the lines of the table under title ``t``: up to the next title
        of another table, a prose paragraph or a section heading."""
        cache = self._region_cache
        key = (t.line, t.kind, len(self.titles))
        if key not in cache:
            cache[key] = self._table_region(t)
        return cache[key]

    def _table_region(self, t: Title) -> tuple[int, int]:
        start = t.line - 1
        index = self._title_index
        if index is None or len(index[1]) != len(self.titles):  # the titles by line, once
            ordered = sorted(self.titles, key=lambda x: x.line)
            index = self._title_index = ([x.line for x in ordered], ordered)
        later = index[1][bisect.bisect_right(index[0], t.line) :]
        end = next((x.line - 1 for x in later if x.kind != t.kind), len(self.lines))
        stops = self._region_stops
        if stops is None:  # the lines that end any table's region, found once
            stops = self._region_stops = [
                # (a blank line or a table's row ends none: not asked)
                j
                for j, ln in enumerate(self.lines)
                if not (ln.blank or ln.tabular) and self._ends_region(ln)
            ]
        k = bisect.bisect_right(stops, start)
        return (start, stops[k]) if k < len(stops) and stops[k] < end else (start, end)

    def _ends_region(self, ln: Line) -> bool:
        """A line no table runs past: a prose paragraph, a section heading, another table's title."""
        if ln.blank or ln.tabular:
            return False
        st = ln.s.strip()
        if _NOTE.match(st):
            return False
        if len(ln.c) >= 30 and "。" in ln.c and not _SAYS_EMPTY.search(ln.c):
            return True
        if _MD_HEADING.match(st) or _PART_HEADING.match(ln.c):
            return True
        return self._other_title(ln.c) and self.table_kind(title_text(ln.c)) is None  # (the rarer first)

    @staticmethod
    def _other_title(c: str) -> bool:
        t = title_text(c)
        return bool(_OTHER_TITLE.search(t)) and len(t) <= 60

    def amounts(self, start: int, end: int) -> list[tuple[int, str]]:
        """Positive amounts printed in lines [start, end): (line, text). Codes, years, page
        numbers and bare small integers are not amounts."""
        cache = self._amounts_cache
        if (start, end) not in cache:
            cache[(start, end)] = self._amounts(start, end)
        return list(cache[(start, end)])

    def _amounts(self, start: int, end: int) -> list[tuple[int, str]]:
        # the amounts of each line, computed once (tables' regions overlap; most lines have none,
        # kept as the one empty tuple)
        cache = self._line_amounts_cache
        out: list[tuple[int, str]] = []
        for ln in self.lines[start:end]:
            found = cache.get(ln.no)
            if found is None:
                found = cache[ln.no] = tuple(self._amounts_of(ln))
            out.extend(found)
        return out

    def value(self, amount: str) -> Decimal | None:
        """:func:`dec` of an amount as printed, made once per document (the tables' regions
        overlap, and several rules weigh the same amounts)."""
        cache = self._values
        if amount not in cache:
            cache[amount] = dec(amount)
        return cache[amount]

    def _amounts_of(self, ln: Line) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        if not _DIGIT.search(ln.s):  # (AMOUNT finds none without a \d digit)
            return out
        s = _YEAR.sub(" ", ln.s) if "年" in ln.s else ln.s
        s = _LEAD_CODE.sub(" ", s)  # a leading function/economic code
        s = _LONG_CODE.sub(" ", s)  # unit and project codes
        whole_ok: bool | None = None  # whether a whole number here may be an amount (asked once)
        for m in AMOUNT.finditer(s):
            v = m.group(1)
            if _is_zero(v):
                continue
            if "." not in v and "," not in v:
                if not ln.tabular:
                    continue
                if whole_ok is None:
                    whole_ok = bool(_CJK.search(s)) and not _COLUMN_NUMBERS.search(s)
                if not whole_ok:
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
    def _flow(self) -> tuple[str, array]:
        """The prose flowed into one string, and the line of each of its characters."""
        chars: list[str] = []
        line_of = array("i")
        prev_prose = False
        toc, cjk = self._toc_lines, _CJK
        for ln in self.lines:
            # a prose line: not blank, no table's row, not in the contents (found in __init__),
            # holding CJK (white space holds none: the line need not be stripped)
            if ln.blank or ln.tabular or ln.no - 1 in toc or not cjk.search(ln.s):
                if prev_prose:
                    chars.append("\n")
                    line_of.append(ln.no)
                prev_prose = False
                continue
            st = ln.s.strip()
            if prev_prose and (_ENUM.match(st) or st.startswith("#")):
                chars.append("\n")
                line_of.append(ln.no)
            c = ln.c  # bare(st), made once per line (a string per character costs 60 bytes or more)
            chars.append(c)
            line_of.extend(itertools.repeat(ln.no, len(c)))
            prev_prose = True
        return "".join(chars), line_of

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            out = []
            for m in re.finditer(r"[^。!?\n]+[。!?]?", self.prose):
                if m.group(0).strip():
                    out.append(Sentence(m.group(0), m.start(), self._line_of))
            self._sentences = out
        return self._sentences

    @property
    def paragraphs(self) -> list[Sentence]:
        if self._paragraphs is None:
            self._paragraphs = [
                Sentence(m.group(0), m.start(), self._line_of) for m in re.finditer(r"[^\n]+", self.prose)
            ]
        return self._paragraphs
