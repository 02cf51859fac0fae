"""The shortcuts taken for speed make exactly what the general paths make."""

from __future__ import annotations

import re

from llmextract.checks.coverage import AMOUNT
from llmextract.core.firstchars import after, finditer, first_class, required, run
from llmextract.core.result import Cell, Provenance, Row, UnitRow, made
from llmextract.core.text import Text
from llmextract.document.chunking import _CELL_GAPS, _CODE_LIKE
from llmextract.document.lines import _DECOMPOSABLE
from llmextract.document.normalize import _TRANSLATED
from llmextract.document.titles import UNIT_CELL
from llmextract.reading.tokens import _TOKEN


def _same(a: Text, b: Text) -> None:
    assert (a.s, a.offs, a.span()) == (b.s, b.offs, b.span())


def test_a_line_is_sliced_and_split_as_a_text_of_several_runs_is() -> None:
    line = Text("一般公共预算\t123.45\n\n合计", range(40, 58))
    assert Text(line.s, list(range(40, 58)))._o == line._o  # one run, whatever the offsets' form
    general = Text(line.s, 40)
    general._o = range(40, 58)  # the offsets kept as a range, not an int
    for key in (slice(2, 6), slice(6, 2), slice(-3, None), slice(0, 100), slice(None, None, 2), slice(5, 5)):
        _same(line[key], general[key])
    for a, b in zip(line.split("\n"), general.split("\n"), strict=True):
        _same(a, b)
    assert [p.span() for p in line.split("\n")] == [(40, 53), (0, 0), (55, 58)]


def test_a_cell_and_its_provenance_are_made_as_model_construct_makes_them() -> None:
    class Src:
        raw = "收入合计 123.45"
        boxes: list[object] | None = []  # a PDF's: its box asked for

        def line_col(self, i: int) -> tuple[int, int]:
            return 1, i + 1

        def box(self, a: int, b: int) -> tuple[None, None]:
            return None, None

    p = Provenance.of(Text("123.45", range(5, 11)), Src())  # type: ignore[arg-type]
    q = Provenance.model_construct(start=5, end=11, line=1, col=6, text="123.45", page=None, box=None)
    assert p == q and list(p.__dict__) == list(q.__dict__)
    assert p.model_fields_set == q.model_fields_set
    c, d = Cell.read("123.45", p), Cell.model_construct(value="123.45", provenance=q)
    assert c == d and c.model_dump_json() == d.model_dump_json()
    assert c.model_fields_set == d.model_fields_set == {"value", "provenance"}


def test_the_first_characters_of_a_match() -> None:
    found = first_class([re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|某某)"), re.compile(r"待填写|【\s*】")])
    assert found is not None and found.pattern == "[Xx某待【]"
    assert first_class([re.compile(r"\d+万元")]) is None  # a category: not spelled out
    assert first_class([re.compile(r"(?:(?<=年)|(?<![一-龥]))a?b")]).pattern == "[ab]"  # type: ignore[union-attr]
    assert first_class([re.compile(r"a?")]) is None  # may match nothing
    assert first_class([re.compile("x", re.I)]) is None


def test_matches_stepped_through_by_their_first_characters_are_finditer_s() -> None:
    pat = re.compile(r"(?:(?<=\d年)|(?<=部门)|(?<![一-龥]))收入(?:总计|合计)?(?P<v>\d+)万元")
    text = "2025年收入合计12万元。部门收入30万元,其收入5万元;收入7万元收入8万元"
    found = [(m.span(), m.group("v")) for m in finditer(pat, text)]
    assert found == [(m.span(), m.group("v")) for m in pat.finditer(text)]
    assert [v for _, v in found] == ["12", "30", "7"]


def test_a_row_made_with_every_field_is_model_construct_s() -> None:
    a = made(UnitRow, key="k", label="l", line=3, values={}, extra={}, of="u")
    b = UnitRow.model_construct(key="k", label="l", line=3, values={}, extra={}, of="u")
    assert a == b and list(a.__dict__) == list(b.__dict__) == list(UnitRow.model_fields)
    assert a.model_fields_set == b.model_fields_set and a.model_dump_json() == b.model_dump_json()
    assert list(made(Row, key="k", label="l", line=3, values={}, extra={}).__dict__) == list(Row.model_fields)


def test_a_run_of_a_class_is_searched_for_by_the_class() -> None:
    """``firstchars.run``: the same matches as ``[m]+``, and a pattern the engine searches for
    by its first character (its code's INFO block names a charset), which ``[m]+`` is not."""
    import re._compiler as compiler  # noqa: PLC0415 - the engine's own code of a pattern
    import re._constants as constants  # noqa: PLC0415
    import re._parser as parser  # noqa: PLC0415

    def scans_by_class(p: re.Pattern[str]) -> bool:
        return bool(compiler._code(parser.parse(p.pattern, p.flags), p.flags)[2] & constants.SRE_INFO_CHARSET)

    text = "一，，二：三 （四）\t五,,"
    ran, plus = re.compile(run("，：（）")), re.compile("[，：（）]+")
    assert (
        [m.span() for m in ran.finditer(text)]
        == [m.span() for m in plus.finditer(text)]
        == [(1, 3), (4, 5), (7, 8), (9, 10)]
    )
    assert scans_by_class(ran) and not scans_by_class(plus)
    # the patterns spelt so for it
    spelt = (_DECOMPOSABLE, _TRANSLATED, _CODE_LIKE, _TOKEN, UNIT_CELL, AMOUNT, _CELL_GAPS)
    assert all(map(scans_by_class, spelt))


def test_literals_every_match_holds_include_a_first_group_of_choices() -> None:
    """``firstchars.required``: without a run of literal characters, the choices of the first
    group of literal alternatives (a text holding none of them is not searched)."""
    pat = re.compile(r"(?<![\d.])(,,|;;)")
    assert required(pat) == (",,", ";;")
    assert list(finditer(pat, "1,2;3")) == []
    assert [m.span() for m in finditer(pat, "a,,b;;1,,")] == [m.span() for m in pat.finditer("a,,b;;1,,")]
    assert required(re.compile(r"x?(?:a|bc)")) is None  # a choice of one character: no shortcut
    assert required(re.compile(r"(?i:ab|cd)")) is None  # case-blind


def test_a_match_that_starts_a_clause_is_tried_only_where_one_starts() -> None:
    """``firstchars.after``: a pattern opening with ``(?:^|(?<=[,。]))`` is tried at the text's
    start and right after each of those characters, and finds what finditer finds."""
    pat = re.compile(r"(?:^|(?<=[,。]))(?P<s>[^,。\d]{2,6}?)(?:增加|减少)(?P<a>\d+)万元")
    found = after(pat)
    # tried after , and 。 and at the start, where 增加 or 减少 stands within 6 + 2 characters
    assert found is not None and found[0].pattern == "[,。]" and found[1]
    assert found[2] == (("增加", "减少"), 8)
    text = "收入增加5万元,支出减少3万元。其中基本支出增加2万元,项目减少1万元万元增加9万元,其中一项说明增加7万"
    assert [(m.span(), m.group("s", "a")) for m in finditer(pat, text)] == [
        (m.span(), m.group("s", "a")) for m in pat.finditer(text)
    ]
    assert [m.group("a") for m in finditer(pat, text)] == ["5", "3", "2", "1"]
    assert after(re.compile(r"(?<=\d)元")) is None  # a category: not spelt out
    assert after(re.compile(r"(?<=a)(?:b|)")) is None  # may match nothing
    assert after(re.compile(r"(?<![,。])x")) is None  # a negative lookbehind tells no start
