"""Read the narrative facts (情况说明) stated in the prose.

The prose chunks are flowed into one text — soft line breaks and spaces removed, so a
sentence wrapped over several lines reads as one — keeping each character's offset. The
phrasings in ``schemas/narrative.yaml`` are matched over it; the first statement of a
fact in the text wins (later restatements are left to the checks; one in another money unit
whose figure, scaled, is not the first's puts the first in doubt). A figure per person or as a
standard rate (人均…元, 按每人每年…元标准) is never a fact (narrative.yaml ``per_unit``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from ..core import firstchars
from ..core.money import YUAN_PER
from ..core.result import Fact, Provenance, amount_yuan
from ..core.schemas import MONEY_UNITS, FactSchema, Schemas, class_for_name
from ..core.source import Source
from ..core.text import Text
from ..document.chunking import Chunk, is_page_number

_NEG = ("减少", "下降", "降低")
_SKIP_SECTION = re.compile(r"名词解释|名词说明|术语解释")
# a year as a time (not 截至2024年12月31日, 2024年底, which date a count)
_YEAR = re.compile(r"(20\d\d)年(?!\d{1,2}月|底|末)")
# the clause before a figure names it as the comparison base or last year's: 与2024年收入预算
# 4800万元相比…, 比上年预算的…, 上年“三公”经费预算…, 2024年一般公共预算拨款收入为…
_COMPARED = re.compile(r"(?:比|较|与|同)(?:20\d\d年度?|上年度?|去年|上一年度?)?[^,。;:]{0,6}$")
_YEAR_OTHER = re.compile(r"(?:比|较|与|同|截至|截止|至|于)$")
_LAST_YEAR = re.compile(r"(?:上年|去年|上一年)(?!结转|结余)")


def flow(chunks: list[Chunk]) -> Text:
    parts: list[Text] = []
    skipping = False
    for ch in chunks:
        if ch.kind != "narrative":
            continue
        if ch.heading:
            skipping = bool(_SKIP_SECTION.search(ch.heading))
        if skipping:
            continue
        for line in ch.lines:
            if is_page_number(line.s):
                continue
            parts.append(line.remove_whitespace())
    return Text.join(parts)


def _parts(fs: FactSchema, m: re.Match[str]) -> str | None:
    """The sum of a listed breakdown (其中：…用车0辆、…用车3辆), when every item of the list
    states exactly one figure and the list is complete: it names a kind with 0, as the
    templates that enumerate every kind do (a 其中 of only the kinds some are held of may
    leave kinds out). None otherwise (a garbled or possibly partial list)."""
    items = [x for x in re.split(r"[、,]", m.group("v")) if x]
    found = [fs.part.findall(x) for x in items] if fs.part is not None else []
    if len(items) < 2 or any(len(f) != 1 for f in found):
        return None
    values = [Decimal(f[0].replace(",", "")) for f in found]
    return str(sum(values)) if 0 in values else None


_FLAT = ("持平", "无增减", "无变化")  # a change stated in words: none


def _value(m: re.Match[str]) -> str:
    v = m.group("v").replace(",", "")
    if v in _FLAT:
        return "0"
    d = m.groupdict().get("dir")
    if d in _NEG and v.strip("0.") != "":
        v = "-" + v
    return v


def unit_after(text: str, m: re.Match[str]) -> str:
    """The money unit the prose prints right after the match's figure (group ``v``): 万元, 元,
    亿元 or 千元; "" for a count, a list or a change said in words."""
    at = m.end("v")
    return next((u for u in MONEY_UNITS if text.startswith(u, at)), "")


def fact_matches(
    text: str, schemas: Schemas, facts: Iterable[FactSchema] | None = None
) -> Iterator[tuple[FactSchema, str, re.Match[str]]]:
    """Every place a fact's phrasing matches ``text``: (fact, its id — ``expense.{code}``
    resolved to the class named — and the match)."""
    for fs in schemas.facts if facts is None else facts:
        for pat in fs.patterns:
            for m in firstchars.finditer(pat, text):
                fid = fs.id
                if "{code}" in fid:
                    code = class_for_name(m.group("name"), schemas.classes)
                    if not code:
                        continue
                    fid = fid.replace("{code}", code)
                yield fs, fid, m


def extract(
    chunks: list[Chunk],
    schemas: Schemas,
    src: Source,
    year: int | None = None,
    units: Sequence[str] = (),
    department: str = "",
) -> list[Fact]:
    """The facts the prose states; ``year`` is the document's budget year (``tables.budget_year``):
    a figure of an earlier year is not this year's fact. ``units``: the names of the department's
    units when its tables print several (深圳市某局(本级), 某中心): a figure in a sentence said of
    one of them (深圳市某局(本级)预算…万元,包括…项目支出…万元) is that unit's, not the department's.
    ``department``: the department's name as its title prints it; a phrasing whose group ``who``
    names who the figure is of (某某局收入总计…) is read only when that is the department."""
    text = flow(chunks)
    units = list(dict.fromkeys(re.sub(r"\s", "", u).replace("（", "(").replace("）", ")") for u in units))
    unit_parts = _unit_sections(text.s, units) if len(units) > 1 else []
    unit_parts += _said_of_a_unit(text.s, department, schemas.unit_subject)
    found: dict[str, tuple[int, Fact]] = {}
    matched: dict[int, list[re.Match[str]]] = {}  # each fact's matches (by id of its schema), in order
    for fs, fid, m in fact_matches(text.s, schemas):
        matched.setdefault(id(fs), []).append(m)
        pos = m.start("v")
        if not _of_the_department(text.s, fs, m, year, units, unit_parts, department):
            continue
        if m.groupdict().get("who") is not None and not names_the_department(m.group("who"), department):
            continue
        first = found[fid][0] if fid in found else None
        if first is not None and first <= pos and not (fs.count and _dated_again(text.s, first, m)):
            _doubt_if_unlike(found[fid][1], fs, m, text.s)
            continue
        value = _parts(fs, m) if fs.part is not None else _value(m)
        if value is None:
            continue
        found[fid] = (
            pos,
            Fact(
                id=fid,
                value=value,
                provenance=Provenance.of(text[m.start("v") : m.end("v")], src),
                sentence=_sentence(text, m.start(), m.end()),
                unit="" if fs.count or fs.part is not None else unit_after(text.s, m),
            ),
        )
    for fs in schemas.facts:
        if fs.again and fs.again in found:
            again = _again(text, schemas, found[fs.again][0], fs.again, matched)
            if again is not None:
                m = again
                found[fs.id] = (
                    m.start("v"),
                    Fact(
                        id=fs.id,
                        value=_value(m),
                        provenance=Provenance.of(text[m.start("v") : m.end("v")], src),
                        sentence=_sentence(text, m.start(), m.end()),
                        unit="" if fs.count else unit_after(text.s, m),
                    ),
                )
    return [f for _, f in sorted(found.values(), key=lambda x: x[0])]


def _of_the_department(
    s: str,
    fs: FactSchema,
    m: re.Match[str],
    year: int | None,
    units: Sequence[str],
    parts: list[tuple[int, int]],
    department: str = "",
) -> bool:
    """Whether the match states the fact of the department this year: not said of another fund
    (政府性基金预算支出…其中项目支出…), of another year, of one of the department's units, nor
    per person or as a standard rate (人均基本支出…元, 按每人每年…元标准). A phrasing that names
    who the figure is of (group ``who``) is judged by the words up to the end of that name: the
    words it took in (2024年某某局…, 与上年某某局…) date it or make it the basis as any others.
    A year the phrasing itself takes in must be the budget year's, or last year after 比/较/与
    (``_names_another_year``); an item of a list led in by another fund's spending is that fund's
    (the fact's ``list_scope``); ``parts`` are the stretches said of one unit."""
    a = m.end("who") if m.groupdict().get("who") is not None else m.start()
    before = _before(s, a)
    if fs.not_after is not None and fs.not_after.search(_ASIDE.sub("", _scope_before(s, a))):
        return False
    if _of_another_year(before, year, fs) or _names_another_year(s[m.start() : m.start("v")], year):
        return False
    if m.groupdict().get("dir") is not None and _compared_with_another_year(before, year):
        return False
    said = before + s[a : m.start("v")]
    if _in(m.start("v"), parts) or (len(units) > 1 and _of_a_unit(said, units, department)):
        return False
    if fs.list_scope is not None and _list_of_scope(s, m.start(), fs.list_scope):
        return False
    if fs.per_unit is not None and unit_after(s, m):
        rate_before, rate_after = fs.per_unit
        if rate_before.search(before) or rate_after.match(s, m.end("v")):
            return False
    return True


_SELF = re.compile(r"本(?:部门|单位|局|委|厅|院|署|办|中心)$")


def names_the_department(who: str, department: str) -> bool:
    """Whether the words before a figure (group ``who``: …某某局) end with the department's name
    as its title prints it, with or without its own unit's mark ((本级)), or call it 本局, 本部门….
    A longer name ending otherwise (某某局信息中心) is a unit's; a shorter one is not known to be
    the department's."""
    if _SELF.search(who):
        return True
    name = re.sub(r"\s", "", department).replace("（", "(").replace("）", ")")
    bare = re.sub(r"\([^()]*\)$", "", name)
    return bool(bare) and any(who.endswith(n) for n in (name, bare) if n)


def _doubt_if_unlike(first: Fact, fs: FactSchema, m: re.Match[str], s: str) -> None:
    """A later statement of a fact in another money unit whose figure, scaled, is not the first
    one's (基本支出14780元 … 基本支出739.03万元): which is the fact is not known, so the first
    is read in doubt — the checks then lay a disagreement on the reading, not the document."""
    unit = unit_after(s, m)
    if fs.part is not None or not unit or not first.unit or unit == first.unit:
        return
    value = _value(m)
    a, b = amount_yuan(first.value, first.unit), amount_yuan(value, unit)
    if a is None or b is None:
        return
    tol = max(_last_digit(first.value) * YUAN_PER[first.unit], _last_digit(value) * YUAN_PER[unit])
    if abs(a - b) > tol:
        first.status = "doubt"


def _last_digit(value: str) -> Decimal:
    """The value of a printed figure's last digit (1 for 739, 0.01 for 739.03)."""
    return Decimal(1).scaleb(-len(value.partition(".")[2]))


_AT_DATE = re.compile(r"(?:截至|截止|截到)[^,。;]{0,16}$")


def _dated_again(s: str, first: int, m: re.Match[str]) -> bool:
    """A count restated later in its sentence as held at a date (公务用车9辆,年中4辆达到报废条件,
    截至2025年10月共有公务用车5辆): the count held is the dated one."""
    between = s[first : m.start()]
    return "。" not in between and ";" not in between and bool(_AT_DATE.search(s, 0, m.start()))


_PART = re.compile(r"第[一二三四五六七八九十]+部分")
_ENUM_HEAD = r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"


def _unit_sections(s: str, units: Sequence[str]) -> list[tuple[int, int]]:
    """The stretches of the prose said of one unit: from a heading naming it whose text starts
    with the unit's budget (一、深圳市某局(本级) 深圳市某局(本级)预算…, 二、某中心 某中心预算…,
    一、市某署本级 …) to the next part (第四部分…); none where no part follows. A list of the
    units ((一)某医院(二)某中心…) is no such heading."""
    names = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"{_ENUM_HEAD}(?P<u>{names}|[^\d,。;:、]{{2,30}}?本级)(?P=u)?(?:部门)?预算", s):
        end = _PART.search(s, m.end())
        if end is not None:
            out.append((m.start(), end.start()))
    return out


def _of_a_unit(before: str, units: Sequence[str], department: str = "") -> bool:
    """The sentence up to the figure is said of one unit: its subject is the unit's budget
    (某局(本级)预算…万元,包括…) or what the unit takes in (某局(本级)纳入2026年部门预算的政府采购
    项目…), or the unit's income or spending (某中心收入总计800万元,支出总计800万元: the 支出总计
    is the 中心's too) — unless the unit is named as the department is (广州's 本级 unit)."""
    if any(re.search(re.escape(u) + "(?:(?:部门)?预算|纳入)", before) for u in units):
        return True
    own = [u for u in units if not names_the_department(u, department)]
    return any(re.search(re.escape(u) + r"(?:20\d\d年度?)?(?:收入|支出)", before) for u in own)


def _in(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _again(
    text: Text, schemas: Schemas, first: int, fid: str, matched: dict[int, list[re.Match[str]]]
) -> re.Match[str] | None:
    """The next statement of fact ``fid`` after the one at ``first``: in another sentence, in
    the same words (group ``noun``), said as a count held (group ``held``), not after the
    fact's ``not_after`` words, not an item of a 其中 list. ``matched``: the matches of each
    fact's phrasings, pattern by pattern, as :func:`fact_matches` found them (not looked for
    again)."""
    fs = next(f for f in schemas.facts if f.id == fid)
    if "{code}" in fs.id:  # (fact_matches drops a class it cannot name: looked for afresh)
        found: list[re.Match[str]] = [m for p in fs.patterns for m in p.finditer(text.s)]
    else:
        found = matched.get(id(fs), [])
    matches = sorted(found, key=lambda m: m.start("v"))
    head = next((m for m in matches if m.start("v") == first), None)
    if head is None:
        return None
    said = _sentence(text, head.start(), head.end())
    for m in matches:
        before = _before(text.s, m.start())
        if m.start("v") <= first or "其中" in before:
            continue
        if fs.not_after is not None and fs.not_after.search(before):
            continue
        if not m.groupdict().get("held"):
            continue  # a count said otherwise (交回公务用车2辆) is no restatement
        if (
            m.groupdict().get("noun") == head.groupdict().get("noun")
            and _sentence(text, m.start(), m.end()) != said
        ):
            return m
    return None


_IN_YEAR = re.compile(r"(20\d\d)年(?!\d{1,2}月|底|末)")
_COMPARING = re.compile(r"(?:比|较|与|同)[^,。;:\d]{0,6}$")


def _names_another_year(said: str, year: int | None) -> bool:
    """Whether the words a phrasing took in before its figure name a year not the budget's: the
    year compared with, not last year (…比2024年减少…, 比2024年预算的4,800万元 in a 2026 budget:
    no 比上年 figure; 比2026年预算增加… in a 2026 budget is taken as the slip it is, for last
    year), or an earlier year the figure is of (纳入2025年部门预算的政府采购项目共有…)."""
    if year is None:
        return False
    for m in _IN_YEAR.finditer(said):
        y = int(m.group(1))
        if not year - 1 <= y <= year if _COMPARING.search(said, 0, m.start()) else y < year:
            return True
    return False


_COMPARED_WITH = re.compile(r"(?:比|较|与|同)(?:(20\d\d)年|上年|去年|上一年)")


def _compared_with_another_year(before: str, year: int | None) -> bool:
    """Whether the sentence before a change (增加/减少…) last compares with a year not last
    year: 与2024年相比，基本支出减少… in a 2026 budget is no 比上年 change (the year this
    budget's is taken as the slip for last year, as in ``_names_another_year``)."""
    found = list(_COMPARED_WITH.finditer(before))
    last = found[-1] if found else None
    if last is None or last.group(1) is None or year is None:
        return False
    return not year - 1 <= int(last.group(1)) <= year


_LIST_LEAD = re.compile(r"如下[:。]?|(?:用于|包括|具体为|分别为|分别是):")
# an item of a numbered list (1. / 1、 / (一)); 一、 二、 open sections, not items
_LIST_ITEM = re.compile(r"(?:\d+[.、]|[(（][\d一二三四五六七八九十]+[)）])")
# what a fiscal scope says it includes (含一般公共预算和政府性基金预算): it widens the scope to
# the general budget and more, and names no other fund's scope of its own
_ASIDE = re.compile(r"[(（](?:含|包括)[^()（）]*(?:一般公共预算|财政拨款)[^()（）]*[)）]")


def _list_of_scope(s: str, a: int, scope: re.Pattern[str]) -> bool:
    """Whether position ``a`` is in an item of a numbered list (1.… 2.…) whose lead-in, the
    sentence ending 如下, matches ``scope`` (政府性基金预算支出主要内容如下：1.“城乡社区支出”科目…)."""
    lead = None
    for m in _LIST_LEAD.finditer(s, max(0, a - 3000), a):
        lead = m
    if lead is None:
        return False
    items = s[lead.end() : a].split("。")
    if not all(_LIST_ITEM.match(x) for x in items if x):
        return False
    # (what a lead-in says it includes is no scope of its own: 财政拨款支出（含…政府性基金预算）)
    return bool(scope.search(_ASIDE.sub("", _before(s, lead.start()))))


# the words after the department's name in a subject that are still the department's own:
# its (本级) mark, 部门预算, or the units it takes in (某某局及所属单位收入总计…)
_OWN_WORDS = re.compile(r"(?:\([^()]*\))?(?:部门|单位|整体)?(?:预算|决算)?(?:的)?|(?:及|和|与|暨|含|\(含)\S*")
# the rest of a subject after the department's name, then (its year and) its income or
# spending: 某某局|信息中心(2026年)收入总计…
_AFTER_NAME = re.compile(
    r"(?P<rest>(?:[^\x00-\x7f,。;:、\d“”]|[()]){0,38}?)(?:20\d\d年度?)?(?:部门)?(?:收入|支出)(?:预算|总计|合计)"
)


def _said_of_a_unit(
    s: str, department: str, words: tuple[re.Pattern[str], re.Pattern[str]] | None
) -> list[tuple[int, int]]:
    """The rest of each sentence whose subject is one of the department's units — its name the
    department's and longer, ending as a unit's name does and naming no money (``words``:
    narrative.yaml's ``unit_subject``; 某某局信息中心收入总计…，支出总计…; 某某局信息中心2026年
    收入预算…): every figure up to the sentence's end is the unit's."""
    name = re.sub(r"\s", "", department).replace("（", "(").replace("）", ")")
    bare = re.sub(r"\([^()]*\)$", "", name)
    if not bare or words is None:
        return []
    name_end, money = words
    out = []
    at = s.find(bare)
    while at >= 0:  # (looked for after each printing of the name only: the prose is long)
        m = _AFTER_NAME.match(s, at + len(bare))
        at = s.find(bare, at + 1)
        if m is None or (at >= 0 and at < m.end("rest")):
            continue  # no subject here, or the name printed again within it: taken from there
        rest = m.group("rest")
        if _OWN_WORDS.fullmatch(rest) or not name_end.search(rest) or money.search(rest):
            # 某某局部门收入总计…, 某某局(本级)…, 某某局及所属单位…: the department's own; and
            # words that name no unit (某某局一般公共预算财政拨款支出预算…, 某某局基本支出预算…)
            continue
        ends = [x for x in (s.find("。", m.end("rest")), s.find(";", m.end("rest"))) if x >= 0]
        out.append((m.end("rest"), min(ends) if ends else len(s)))
    return out


def _of_another_year(before: str, year: int | None, fs: FactSchema) -> bool:
    """Whether the clause before a figure makes it last year's or the comparison base (与2024年
    收入预算…相比, 上年“三公”经费预算…, 2024年“三公”经费支出…): a first statement of
    last year's figure is not this year's fact. A count (``count: true``, the vehicles held) is
    dated by 截至…, not budgeted for a year: only the comparison rule holds for it."""
    if _COMPARED.search(before):
        return True
    if fs.count:
        return False
    clause = re.split(r"[,:]", before)[-1]
    if _LAST_YEAR.search(clause):
        return True
    # the year the sentence so far speaks of (2024年部门收入预算…,支出预算…), not a year it
    # compares with or counts up to (…,比2024年增加…,支出预算…)
    years = [int(m.group(1)) for m in _YEAR.finditer(before) if not _YEAR_OTHER.search(before, 0, m.start())]
    return year is not None and bool(years) and years[-1] < year


def _scope_before(s: str, a: int) -> str:
    """The sentence's text before position ``a``, with the sentence before it when this one
    opens with 其中 (…全口径安排“三公”经费支出预算0元。其中：因公出国（境）费…): a list
    opened so continues its sentence's scope."""
    before = _before(s, a)
    start = a - len(before)
    if before.lstrip("(（").startswith("其中") and start > 0:
        return _before(s, start - 1) + s[start - 1] + before
    return before


def _before(s: str, a: int) -> str:
    """The sentence's text before position ``a``."""
    return s[max(s.rfind("。", 0, a), s.rfind(";", 0, a)) + 1 : a]


def _sentence(text: Text, a: int, b: int) -> str:
    s = text.s
    left = max(s.rfind("。", 0, a), s.rfind(";", 0, a)) + 1
    right_candidates = [x for x in (s.find("。", b), s.find(";", b)) if x >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(s)
    return s[left:right][:300]
