"""Decode a document and normalise its text, keeping a map back to the original.

What is normalised (each output character keeps the offset of its source character):

- line endings (``\\r\\n``/``\\r`` → ``\\n``);
- full-width ASCII digits, letters and punctuation (``１２３，：（）``) → ASCII, and the
  ideographic space → a plain space;
- radical-form characters (CJK Radicals Supplement / Kangxi Radicals, ``⻔`` → ``门``);
- HTML and Markdown tables → tab-separated rows (:mod:`llmextract.markup`);
- inline HTML left over from exports (``<b>``, ``</p>``);
- numbers broken by OCR-like spaces (``3, 151. 93`` → ``3,151.93``).

Page numbers, repeated page headers and soft line breaks are structural and are handled
where the structure is known (:mod:`llmextract.chunking`, :mod:`llmextract.layout`,
:mod:`llmextract.narrative`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import markup
from .text import Text


class InputError(Exception):
    """The input cannot be read as a text document; the message says why and what to do."""


# Radicals that NFKC leaves alone (CJK Radicals Supplement) mapped to the everyday character.
_RADICALS = {
    "⺁": "厂",
    "⺇": "几",
    "⺈": "刀",
    "⺊": "卜",
    "⺌": "小",
    "⺍": "小",
    "⺎": "兀",
    "⺏": "尢",
    "⺐": "尢",
    "⺑": "尢",
    "⺒": "巳",
    "⺓": "幺",
    "⺔": "彐",
    "⺖": "心",
    "⺗": "心",
    "⺘": "手",
    "⺙": "攴",
    "⺛": "旡",
    "⺜": "日",
    "⺝": "月",
    "⺟": "母",
    "⺠": "民",
    "⺡": "水",
    "⺢": "水",
    "⺣": "火",
    "⺤": "爪",
    "⺥": "爪",
    "⺦": "丬",
    "⺧": "牛",
    "⺨": "犬",
    "⺩": "王",
    "⺪": "疋",
    "⺫": "目",
    "⺬": "示",
    "⺭": "示",
    "⺮": "竹",
    "⺯": "糸",
    "⺰": "纟",
    "⺱": "网",
    "⺲": "网",
    "⺳": "网",
    "⺴": "网",
    "⺵": "网",
    "⺶": "羊",
    "⺷": "羊",
    "⺸": "羊",
    "⺹": "老",
    "⺺": "聿",
    "⺻": "聿",
    "⺼": "肉",
    "⺽": "臼",
    "⺾": "艹",
    "⺿": "艹",
    "⻀": "艹",
    "⻁": "虎",
    "⻂": "衣",
    "⻃": "西",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻇": "角",
    "⻈": "讠",
    "⻉": "贝",
    "⻊": "足",
    "⻋": "车",
    "⻌": "辶",
    "⻍": "辶",
    "⻎": "辶",
    "⻏": "邑",
    "⻐": "钅",
    "⻑": "長",
    "⻒": "镸",
    "⻓": "长",
    "⻔": "门",
    "⻕": "阜",
    "⻖": "阝",
    "⻗": "雨",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻞": "食",
    "⻟": "食",
    "⻠": "饣",
    "⻡": "首",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻪": "黾",
    "⻫": "斉",
    "⻬": "齐",
    "⻭": "歯",
    "⻮": "齿",
    "⻯": "竜",
    "⻰": "龙",
    "⻱": "龜",
    "⻲": "亀",
    "⻳": "龟",
}

_TAGS = re.compile(r"</?(?:b|p|br|strong|span|div|td|tr|th|font|table|thead|tbody|tfoot)\b[^>\n]*>", re.I)
# A thousands group or a decimal part separated from its number by spaces (OCR damage).
_NUM_GAP = re.compile(r"(?<=\d[,.])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[,.]\d)")


Box = tuple[int, float, float, float, float]  # page (1-based), x0, top, x1, bottom in points


@dataclass(frozen=True)
class Source:
    """The decoded document: its text, how it was decoded, and line starts for line/col.

    A PDF's text is the one the tool laid out from the page's words (:mod:`llmextract.pdf`):
    ``boxes`` holds each character's page and box, and ``unit`` the width in points of one
    character column, so the positional reader works on the words' real x-positions."""

    path: str
    raw: str
    encoding: str
    line_starts: tuple[int, ...]
    boxes: tuple[Box | None, ...] | None = None
    unit: float = 1.0
    notes: tuple[str, ...] = ()  # what reading the file left out (a PDF's scanned pages)
    rules: tuple[
        tuple[int, float, float, float], ...
    ] = ()  # a PDF's vertical lines: page, x (units), top, bottom

    @classmethod
    def from_text(
        cls,
        raw: str,
        path: str = "<text>",
        encoding: str = "utf-8",
        boxes: tuple[Box | None, ...] | None = None,
        unit: float = 1.0,
        notes: tuple[str, ...] = (),
        rules: tuple[tuple[int, float, float, float], ...] = (),
    ) -> Source:
        starts = [0]
        for i, ch in enumerate(raw):
            if ch == "\n":
                starts.append(i + 1)
        return cls(path, raw, encoding, tuple(starts), boxes, unit, notes, rules)

    def ruling(self, lines: list[Text]) -> list[float]:
        """The x (in character units) of the vertical lines drawn through every one of
        ``lines`` (a PDF's ruled table: its column edges); [] when none or not a PDF."""
        if not self.rules or self.boxes is None:
            return []
        where = []
        for line in lines:
            bs = [self.boxes[o] for o in line.offs if self.boxes[o] is not None]
            if bs:
                where.append((bs[0][0], (min(b[2] for b in bs) + max(b[4] for b in bs)) / 2))
        if not where or len({p for p, _ in where}) != 1:
            return []
        page, ys = where[0][0], [y for _, y in where]
        xs = sorted(
            x for p, x, top, bottom in self.rules if p == page and top <= min(ys) and bottom >= max(ys)
        )
        out: list[float] = []
        for x in xs:  # one edge drawn twice (two cells' sides) is one
            if not out or x - out[-1] > 0.5:
                out.append(x)
        return out

    def box(self, start: int, end: int) -> tuple[int | None, list[float] | None]:
        """Page and bounding box [x0, top, x1, bottom] of the characters start..end (a PDF)."""
        if self.boxes is None:
            return None, None
        bs = [b for b in self.boxes[start:end] if b is not None]
        if not bs:
            return None, None
        page = bs[0][0]
        bs = [b for b in bs if b[0] == page]
        return page, [
            round(min(b[1] for b in bs), 2),
            round(min(b[2] for b in bs), 2),
            round(max(b[3] for b in bs), 2),
            round(max(b[4] for b in bs), 2),
        ]

    def _text_columns(self, line: Text, a: int, b: int) -> tuple[float, float]:
        """A word's columns in the file as printed (before normalisation joined ``3, 151. 93``
        or dropped a tag): where its first character stands, to after its last."""
        if not line.offs[a:b]:
            return float(a), float(b)
        first, last = line.offs[a], line.offs[b - 1]
        start = self.line_starts[self.line_col(first)[0] - 1]
        return float(first - start), float(last - start + 1)

    @property
    def geometry(self):  # noqa: ANN201 - bands.Geometry
        """How the positional reader measures a word: the PDF's x-positions, or the text's
        character columns as printed."""
        if self.boxes is None:
            return self._text_columns
        boxes, unit = self.boxes, self.unit

        def pdf_columns(line: Text, a: int, b: int) -> tuple[float, float]:
            bs = [boxes[o] for o in line.offs[a:b] if boxes[o] is not None]
            if not bs:
                return float(a), float(b)
            return min(x[1] for x in bs) / unit, max(x[3] for x in bs) / unit

        return pdf_columns

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo] + 1


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.

    Returns (text, encoding). Raises :class:`InputError` for empty or binary input."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if data.startswith(b"%PDF"):
        raise InputError(
            f"{path}: this is a PDF, not text. Extract its text first, e.g. "
            f"`pdftotext -layout {Path(path).name} out.txt` (poppler-utils), then run llmextract on the .txt"
        )
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf-16"
            except UnicodeDecodeError as e:
                raise InputError(f"{path}: starts with a UTF-16 mark but does not decode: {e}") from e
    sample = data[:4096]
    nul = sample.count(b"\x00")
    if nul:
        # UTF-16 without a BOM puts a NUL in every other byte of ASCII/CJK-heavy text.
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        for enc, ok in (("utf-16-le", odd > len(sample) // 8), ("utf-16-be", even > len(sample) // 8)):
            if ok:
                try:
                    return data.decode(enc), "utf-16"
                except UnicodeDecodeError:
                    pass
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes), not a text document")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as e:
            raise InputError(
                f"{path}: not valid UTF-8, UTF-16 or GB18030/GBK text ({e.reason} at byte {e.start})"
            ) from e
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise InputError(f"{path}: looks like a binary file (many control characters), not a text document")
    return text, enc


def read_source(path: str | Path) -> Source:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from e
    if data.startswith(b"%PDF"):
        from . import pdf

        return pdf.read(data, str(p))
    text, enc = decode(data, str(p))
    return Source.from_text(text, str(p), enc)


_CRLF = re.compile(r"\r(?=\n)")
# a classification code printed in brackets before its name ([201]一般公共服务支出, [30101]基本工资)
_BRACKET_CODE = re.compile(r"(?<![\w\]])\[(\d{3}(?:\d{2}){0,2})\](?=[^\W\d_])")


def _bracket_codes(t: Text) -> Text:
    """``[201]一般公共服务支出`` → ``201 一般公共服务支出``: the code stands as codes do."""
    parts: list[Text] = []
    pos = 0
    for m in _BRACKET_CODE.finditer(t.s):
        parts += [t[pos : m.start()], t[m.start(1) : m.end(1)], Text(" ", (t.offs[m.end(1)],))]
        pos = m.end()
    if not parts:
        return t
    return Text.join([*parts, t[pos:]])


def _translation() -> dict[int, str]:
    table: dict[int, str] = {o: chr(o - 0xFEE0) for o in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table[ord("\r")] = "\n"
    for c, r in _RADICALS.items():
        table[ord(c)] = r
    for o in range(0x2F00, 0x2FE0):
        n = unicodedata.normalize("NFKC", chr(o))
        if len(n) == 1:
            table[o] = n
    return table


_TRANSLATE = _translation()


def normalize(raw: str) -> Text:
    """Normalise the whole document; the result maps back to ``raw`` character by character."""
    t = Text(raw, tuple(range(len(raw)))).sub(_CRLF, "")  # \r\n → \n
    t = Text(t.s.translate(_TRANSLATE), t.offs)  # one character for one: offsets unchanged
    t = markup.tables_to_tabs(t)
    t = t.sub(_TAGS, "")
    t = t.sub(_NUM_GAP, "")
    return _bracket_codes(t)
