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

import re
import unicodedata

from ..core.firstchars import run
from ..core.text import Text
from . import markup

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
# A thousands group or a decimal part separated from its number by spaces (OCR damage). The
# lookbehinds stand after the first space (the same matches as (?<=\d[,.])[ \t]+(?=\d)|…): a
# pattern that opens with a lookbehind is tried at every character of the text, one that opens
# with a character class only where a space or tab stands.
_NUM_GAP = re.compile(r"[ \t](?:(?<=\d[,.][ \t])[ \t]*(?=\d)|(?<=\d[ \t])[ \t]*(?=[,.]\d))")
# what every match of _NUM_GAP stands beside: a separator then a space, or a space then a separator
_NUM_GAP_PAIRS = (", ", ",\t", ". ", ".\t", " ,", "\t,", " .", "\t.")


_CRLF = re.compile(r"\r(?=\n)")
# a classification code printed in brackets before its name ([201]一般公共服务支出, [30101]基本工资)
# (the lookbehind after the bracket, as above: (?<![\w\]])\[… tried only at a bracket)
_BRACKET_CODE = re.compile(r"\[(?<![\w\]]\[)(\d{3}(?:\d{2}){0,2})\](?=[^\W\d_])")


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
# the characters translated, in runs: str.translate with a dict looks up every character of
# the text, most of which it leaves alone; only these runs are looked up (spelt [c][c]*, not
# [c]+: firstchars.run, searched for by the class alone)
_TRANSLATED = re.compile(run("".join(re.escape(chr(o)) for o in sorted(_TRANSLATE))))


def _translate(m: re.Match[str]) -> str:
    return m.group().translate(_TRANSLATE)


def normalize(raw: str, base: int = 0) -> Text:
    """Normalise the whole document; the result maps back to ``raw`` character by character
    (``raw`` a piece of a longer text that starts at ``base``: offsets into the whole)."""
    # (a pattern whose every match holds a character the text does not print is not run: its
    # sub would give the text back as it is)
    t = Text(raw, range(base, base + len(raw)))
    if "\r" in raw:
        t = t.sub(_CRLF, "")  # \r\n → \n
    t = Text(_TRANSLATED.sub(_translate, t.s), t.offs)  # one character for one: offsets unchanged
    t = markup.tables_to_tabs(t)
    if "<" in t.s:
        t = t.sub(_TAGS, "")
    if any(pair in t.s for pair in _NUM_GAP_PAIRS):
        t = t.sub(_NUM_GAP, "")
    return _bracket_codes(t)
