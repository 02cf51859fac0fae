"""A table's lines as words with their horizontal spans: tokens, their kinds (codes, amounts,
labels) and the data classes the positional reader passes between its steps (step 1 of
:mod:`.bands`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ..core.money import TABLE_UNITS
from ..core.text import Text

NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
PLACEHOLDER = re.compile(r"^(?:-{1,2}|—{1,2}|－|#{2,}|\*{2,})$")
NIL_DASH = re.compile(r"^(?:-{1,2}|—{1,2}|－)$")  # a dash printed for nothing: a printed nil
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# printed where an amount stands but not as a plain number: (100.00), −5, 100.00万元, 12.5%;
# a bracket never alone (2026） ends a name wrapped after its 2025-)
_NUM_LIKE = r"[-−]?\d[\d,]*(?:\.\d+)?"
AMOUNT_LIKE = re.compile(rf"^(?:[(（]{_NUM_LIKE}[)）]|{_NUM_LIKE})(?:{TABLE_UNITS}|%)?$")
UNIT_CODE = re.compile(r"^\d{6}$")
_CODE_PART = re.compile(r"^\d{2}$")
_TOKEN = re.compile(r"\S\S*")  # \S+, searched for by its first character (firstchars.run)
_CJK = re.compile(r"^[\u4e00-\u9fff]$")
_LONG_WORD = re.compile(r"^[\u4e00-\u9fff]{4,}$")
# a line naming the department or the unit above a table's header (编制单位：…, 部门名称：…)
JUNK_HEADER = re.compile(
    r"^(?:编制(?:部门|单位)|单位[:：]|金额单位|部门[:：]|(?:部门|单位)名称[:：]|填报单位|预算单位[:：])"
)
# header words of the label columns (the row's code and name), never a value column's name
LABEL_WORD = re.compile(
    r"^(?:.*科目.*|.*编码|.*代码|.*名称.*|项目|类|款|项|序号|预算单位|单位|功能分类|经济分类.*|收入|支出)$"
)
PAGE_OF = re.compile(r"^第\d{1,4}页(?:[,，/]?共\d{1,4}页)?$|^共\d{1,4}页$")
NOTE = re.compile(r"^(?:注[:：]|备注|说明[:：]|\d+[.、]?注)")

# x-span of a token: (line text, start index, end index) -> (x0, x1)
Geometry = Callable[[Text, int, int], tuple[float, float]]


def text_columns(line: Text, a: int, b: int) -> tuple[float, float]:
    """Character columns of a layout text (``pdftotext -layout``): a word stands where it
    starts, one column per character (the tool places every character, CJK too, in one
    column of its grid)."""
    return float(a), float(b)


def is_amount(s: str) -> bool:
    c = s[:1]
    if c not in _AMOUNT_STARTS and not c.isdecimal():  # a word (most cells): no amount
        return False
    t = s.replace(" ", "")
    whole, point, part = t.partition(".")
    if whole.isdecimal() and (not point or part.isdecimal()):
        return True  # digits, perhaps a point and digits (most amounts): NUMBER's \d+(?:\.\d+)?
    return _NUMBER_OR_PLACEHOLDER.match(t) is not None


# how an amount or a placeholder starts (or a space before it; any digit, as \d matches)
_AMOUNT_STARTS = frozenset("-—－#* ")


_NUMBER_OR_PLACEHOLDER = re.compile(f"{NUMBER.pattern}|{PLACEHOLDER.pattern}")  # one search, not two


@dataclass(init=False)  # (its __init__ written out: compiled, not the dataclass's own Python)
class Token:
    text: Text
    x0: float
    x1: float

    def __init__(self, text: Text, x0: float, x1: float) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1

    @property
    def s(self) -> str:
        return self.text.s

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(init=False)  # (its __init__ written out, as Token's)
class Line:
    index: int  # line index in the chunk
    tokens: list[Token]
    codes: list[Token] = field(default_factory=list)  # leading classification code parts
    amounts: list[Token] = field(default_factory=list)
    labels: list[Token] = field(default_factory=list)
    odd: bool = False  # an amount printed in an unusual form: its row is read in doubt

    def __init__(
        self,
        index: int,
        tokens: list[Token],
        codes: list[Token] | None = None,
        amounts: list[Token] | None = None,
        labels: list[Token] | None = None,
        odd: bool = False,
    ) -> None:
        self.index = index
        self.tokens = tokens
        self.codes = [] if codes is None else codes
        self.amounts = [] if amounts is None else amounts
        self.labels = [] if labels is None else labels
        self.odd = odd

    @property
    def is_data(self) -> bool:
        return bool(self.amounts)


@dataclass
class Band:
    x0: float  # the extent of its amounts
    x1: float
    numeric: bool = True
    r0: float = 0.0  # the column's region: where a header word over it stands
    r1: float = 0.0
    members: int = 0  # lines with an amount in it
    tokens: set[int] = field(default_factory=set)  # the amounts in it (by id)

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Grid:
    """Full-width rows (label columns, then value columns by position) and, per column, its
    header path (None for label columns)."""

    header: list[list[Text | None]]
    rows: list[tuple[int, list[Text | None]]]  # (chunk line index, cells)
    paths: list[list[str] | None]
    doubts: list[str]
    doubtful_lines: set[int]
    value_columns: int  # columns found from the amounts' alignment (not from header words alone)
    amount_gap: float  # median gap beside an amount on a line, in character units
    header_support: float  # share of the value columns that a header word stands over


# an amount run into the sentence printed right after it (``43,250.56善医院环境…``: a
# 绩效目标 cell beside the last amount, with no space between): two words; an amount with its
# unit (100.00万元) stays one
_AMOUNT_THEN_WORDS = re.compile(r"^-?\d[\d,]*\.\d+(?=[\u4e00-\u9fff])(?![万千亿元])")


def _spans(s: str) -> list[tuple[int, int]]:
    """The line's words (runs of non-space), an amount run into the words after it apart."""
    out = []
    for m in _TOKEN.finditer(s):
        a, b = m.span()
        if (n := _AMOUNT_THEN_WORDS.match(m.group(0))) is not None:
            out += [(a, a + n.end()), (a + n.end(), b)]
        else:
            out.append((a, b))
    return out


def tokenize(line: Text, geom: Geometry, measured: bool = False) -> list[Token]:
    """The line's words with their spans; words of a label one space apart are one word
    (``上年 结转``, ``1. 一般公共预算``), amounts always stand alone. ``measured`` (a PDF's
    positions): two long words side by side are two cells' names, not one."""
    out: list[Token] = []
    starts: list[int] = []
    prev_end = -2
    prev_word = ""
    last_amount = False  # whether the last word kept is an amount (each word tested once)
    for a, b in _spans(line.s):
        x0, x1 = geom(line, a, b)
        tok = Token(line[a:b], x0, x1)
        word = tok.text.s
        amount = is_amount(word)
        last = out[-1] if out else None
        if (
            last is not None
            and a - prev_end <= 1
            and x0 - last.x1 <= 1.2
            and not last_amount
            and not amount
            # two long words side by side are two cells' names (国有资本经营 | 财政专户管理资)
            and not (measured and _LONG_WORD.match(prev_word) and _LONG_WORD.match(word))
        ):
            out[-1] = Token(line[starts[-1] : b], last.x0, x1)
            last_amount = is_amount(out[-1].text.s)  # (``- -`` joined is a placeholder)
        else:
            out.append(tok)
            starts.append(a)
            last_amount = amount
        prev_end = b
        prev_word = word
    out, starts = _count_in_words(line, out, starts)
    return _letter_spaced(line, out, starts)


# a count or a dash printed inside a sentence (涉及 12 户, 推广 - 动态适配)
_IN_SENTENCE = re.compile(r"^(?:\d{1,4}|-{1,2}|—{1,2}|－)$")
_ENDS_WORD = re.compile(r"[\u4e00-\u9fff\d]$")
_STARTS_CJK = re.compile(r"^[\u4e00-\u9fff]")


def _count_in_words(line: Text, toks: list[Token], starts: list[int]) -> tuple[list[Token], list[int]]:
    """A small whole number or a dash printed one space from a word on each side (水源保护区 12
    户, 推广 - 动态适配: inside a sentence of a 绩效目标 column) is part of those words, not an
    amount or a placeholder: an amount stands apart from the next column's words."""
    out: list[Token] = []
    out_starts: list[int] = []
    k = 0
    while k < len(toks):
        if (
            out
            and k + 1 < len(toks)
            and _IN_SENTENCE.match(toks[k].s)
            and _ENDS_WORD.search(out[-1].s)
            and not is_amount(out[-1].s)
            and _STARTS_CJK.match(toks[k + 1].s)
            and toks[k].x0 - out[-1].x1 <= 1.2
            and toks[k + 1].x0 - toks[k].x1 <= 1.2
        ):
            nxt = toks[k + 1]
            out[-1] = Token(line[out_starts[-1] : starts[k + 1] + len(nxt.s)], out[-1].x0, nxt.x1)
            k += 2
            continue
        out.append(toks[k])
        out_starts.append(starts[k])
        k += 1
    return out, out_starts


def _letter_spaced(line: Text, toks: list[Token], starts: list[int]) -> list[Token]:
    """A word printed letter-spaced (``合   计``, ``基  本  支  出``): a run of single CJK
    characters evenly spaced a few columns apart is one word."""
    out: list[Token] = []
    k = 0
    while k < len(toks):
        j = k
        while (
            j + 1 < len(toks)
            and len(toks[j].s) == 1
            and len(toks[j + 1].s) == 1
            and _CJK.match(toks[j].s)
            and _CJK.match(toks[j + 1].s)
            and 0 < toks[j + 1].x0 - toks[j].x1 <= 4
            and (j == k or abs((toks[j + 1].x0 - toks[j].x1) - (toks[k + 1].x0 - toks[k].x1)) <= 1)
        ):
            j += 1
        if j > k:
            end = starts[j] + len(toks[j].s)
            out.append(Token(line[starts[k] : end], toks[k].x0, toks[j].x1))
        else:
            out.append(toks[k])
        k = j + 1
    return out


YEAR_HEAD = re.compile(r"^(?:19|20)\d{0,2}$")
_YEAR_TAIL = re.compile(r"^\d{0,3}年")


def wrapped_years(tokens: list[list[Token]]) -> set[int]:
    """Tokens that are the first part of a year wrapped inside a header cell (``202`` over
    ``6年预算数``): not amounts. By id of the token."""
    out: set[int] = set()
    for i, toks in enumerate(tokens[:-1]):
        for t in toks:
            if not YEAR_HEAD.match(t.s):
                continue
            tails = [(u, m.group(0)) for u in tokens[i + 1] if (m := _YEAR_TAIL.match(u.s))]
            if any(abs(u.x0 - t.x0) <= 1.5 and len(t.s) + len(tail) == 5 for u, tail in tails):
                out.add(id(t))
    return out


def classify_line(index: int, toks: list[Token], year_parts: AbstractSet[int] = frozenset()) -> Line:
    ln = Line(index, toks)
    k = 0
    # leading code parts (204 / 06 / 01, or 2040601), only when a name follows them
    while k < len(toks) and (
        (k == 0 and (CODE.match(toks[k].s) or UNIT_CODE.match(toks[k].s)))
        or (k > 0 and _CODE_PART.match(toks[k].s) and len("".join(t.s for t in toks[:k])) in (3, 5))
    ):
        k += 1
    if k and k < len(toks) and not is_amount(toks[k].s):
        ln.codes = toks[:k]
        rest = toks[k:]
    else:
        rest = toks
    for t in rest:
        if id(t) in year_parts:
            ln.labels.append(t)
        elif is_amount(t.s):
            ln.amounts.append(t)
        elif AMOUNT_LIKE.match(t.s):  # (100.00), 100.00万元, 12.5%: it stands in a column, oddly
            ln.amounts.append(t)
            ln.odd = True
        else:
            ln.labels.append(t)
    return ln


def overlaps(a: Token | Band, b: Token | Band) -> bool:
    """Whether two horizontal spans (words or columns) share some width."""
    return min(a.x1, b.x1) > max(a.x0, b.x0)


def codes_alone(parsed: list[Line], unit: float) -> None:
    """A line holding only a classification code (its name and amounts on the next line) is
    a code, not an amount, when the code stands where the other rows' codes stand."""
    _whole_amounts(parsed)
    starts = [ln.codes[0].x0 for ln in parsed if ln.codes]
    for ln in parsed:
        if ln.codes or ln.labels or not ln.amounts:
            continue
        parts = ln.amounts
        joined = "".join(t.s for t in parts)
        shaped = CODE.match(parts[0].s) and all(_CODE_PART.match(t.s) for t in parts[1:])
        if shaped and len(joined) in (3, 5, 7) and any(abs(parts[0].x0 - x) <= 2 * unit for x in starts):
            ln.codes, ln.amounts = parts, []
    _code_before_amounts(parsed, starts, unit)


def _whole_amounts(parsed: list[Line]) -> None:
    """A whole number shaped like a code (520, 12000: a budget in whole 万元) standing in the
    column where the other lines print their amounts — alone on its line, or with only a
    sentence right of it — is an amount, not a code: a code stands left of the names, never
    under the amounts."""
    # (amounts not shaped like a code: a code line's code is still among its amounts here)
    amounts = [
        t for ln in parsed if not ln.odd for t in ln.amounts if not (CODE.match(t.s) or UNIT_CODE.match(t.s))
    ]
    for ln in parsed:
        if len(ln.codes) != 1:
            continue
        c = ln.codes[0]
        if all(t.x0 > c.x1 for t in ln.labels) and _overlapped_twice(amounts, c):
            ln.amounts, ln.codes = [c, *ln.amounts], []


def _overlapped_twice(amounts: list[Token], c: Token) -> bool:
    """Two of ``amounts`` (two tokens, by id) share some width with ``c``: looked for until the
    second is found."""
    seen: set[int] = set()
    for t in amounts:
        if min(t.x1, c.x1) > max(t.x0, c.x0):  # overlaps(t, c)
            seen.add(id(t))
            if len(seen) == 2:
                return True
    return False


def _code_before_amounts(parsed: list[Line], starts: list[float], unit: float) -> None:
    """A line whose name is wrapped onto the lines above and below it prints its code and
    then its amounts (``2080505      611.41   611.41``, or ``208  05  05  611.41  611.41`` with
    its code in 类 | 款 | 项 columns): the first word is its code, not an amount, when it is
    shaped like one (3, 5 or 7 digits, no decimals) and stands where the other rows' codes
    stand; two-digit words after it make its 款 and 项 where they stand left of every amount
    the coded rows print (``20101  80  50  30`` in whole 万元: 80 is an amount, not a 款)."""
    amounts_from = min((t.x0 for ln in parsed if ln.codes for t in ln.amounts), default=None)
    for ln in parsed:
        if ln.codes or ln.labels or len(ln.amounts) < 2:
            continue
        first = ln.amounts[0]
        if CODE.match(first.s) and any(abs(first.x0 - x) <= 2 * unit for x in starts):
            parts = [first]  # and its 款 and 项 printed in columns of their own (201  03  02)
            for t in ln.amounts[1:-1]:
                if not (_CODE_PART.match(t.s) and len("".join(p.s for p in parts)) in (3, 5)):
                    break
                if amounts_from is None or t.x1 > amounts_from - unit:
                    break  # where the amounts stand (or nowhere to tell): an amount
                parts.append(t)
            ln.codes, ln.amounts = parts, ln.amounts[len(parts) :]


def zone_of(bands: list[Band], t: Token) -> int:
    """The gap between bands a label word stands in: 0 before the first band, k after band k-1."""
    return sum(1 for b in bands if b.mid < t.mid)
