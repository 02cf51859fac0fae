"""The reader's and the checks' shortcuts taken for speed decide exactly as the general paths."""

from __future__ import annotations

import random

from llmextract.core.text import Text
from llmextract.reading import bands, restated, rowkeys, tokens
from llmextract.reading.layout import ALIGNED_GAP, GridRow, _aligned
from llmextract.reading.tables import head_lines

_ALPHABET = "0123456789-—－−#*., 万元%()（）\t一二十合计１٣[【〔_A"


def _samples(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 7))) for _ in range(n)]


def _line(s: str, start: int = 0) -> Text:
    return Text(s, range(start, start + len(s)))


def test_an_amount_is_told_as_its_regex_tells_it() -> None:
    regex = tokens._NUMBER_OR_PLACEHOLDER
    for s in [*_samples(4000, 1), "", " 1", "--", "—", "－", "##", "**", "１２.５", "٣", "合计", "(1.0)"]:
        assert tokens.is_amount(s) == (regex.match(s.replace(" ", "")) is not None), s


def test_a_word_passed_by_code_of_is_no_number_and_no_glued_code() -> None:
    for s in _samples(4000, 2):
        if s[:1] not in rowkeys._CODE_STARTS and not s[:1].isdecimal():
            assert rowkeys._NUMBERISH.match(s) is None and rowkeys._GLUED_CODE.match(s) is None, s


def test_a_line_without_a_digit_dash_hash_or_star_holds_no_amount_and_no_code() -> None:
    for s in _samples(4000, 3):
        line = _line(s.replace("\t", "  "))
        if not bands._NUMBER_CHAR.search(line.s):
            ln = tokens.classify_line(0, tokens.tokenize(line, tokens.text_columns))
            assert not ln.amounts and not ln.codes, s


def _table(rows: list[str]) -> list[Text]:
    out, at = [], 0
    for r in rows:
        out.append(_line(r, at))
        at += len(r) + 1
    return out


def test_a_text_table_refused_for_its_gap_is_refused_without_its_grid() -> None:
    ocr = _table(
        [
            "项目 合计 基本支出",
            "一般公共服务支出 1,524.40 1,293.40",
            "教育支出 12.00 10.00",
            "合计 1,536.40 1,303.40",
        ]
    )
    whole = bands.read(ocr)  # the grid the layout reader would refuse: its amounts one space apart
    assert whole is not None and whole.amount_gap < ALIGNED_GAP and not _aligned(whole)
    assert bands.read(ocr, min_gap=ALIGNED_GAP) is None
    laid = _table(
        [
            "项目                 合计        基本支出",
            "一般公共服务支出     1,524.40    1,293.40",
            "教育支出               12.00       10.00",
            "合计               1,536.40    1,303.40",
        ]
    )
    a, b = bands.read(laid), bands.read(laid, min_gap=ALIGNED_GAP)
    assert a is not None and b is not None
    cells = [[c.s if c is not None else None for c in cs] for _, cs in a.rows]
    assert cells == [[c.s if c is not None else None for c in cs] for _, cs in b.rows]
    assert a.amount_gap == b.amount_gap >= ALIGNED_GAP


def test_a_name_and_its_amount_are_found_in_the_lines_holding_numbers_as_in_the_whole_text() -> None:
    raw = (
        "一、部门概况\n本部门主要职责是管理。\n51110223T000008914269-财政承担特殊军龄参保  333.00\n"
        "项目名称很长的一个项目\n  1,200.50\n说明文字，没有金额\n甲项目 12.5 乙项目 7.25\n\n末行 8.00"
    )
    whole = [(m.span(), m.group("name"), m.group("v")) for m in restated._BESIDE.finditer(raw)]
    runs = [
        (m.span(), m.group("name"), m.group("v"))
        for lo, hi in restated._amount_lines(raw)
        for m in restated._BESIDE.finditer(raw, lo, hi)
    ]
    assert whole and runs == whole


def test_a_rows_memo_is_forgotten_when_a_cell_changes_in_place() -> None:
    r = GridRow([_line("201"), _line("一般公共服务", 4), None, _line("12.00", 20)], 0)
    assert len(rowkeys.suffix(r)[1]) == 2 and rowkeys.label_code(r) == ("201", False)
    r.cells[2] = _line("3.00", 12)
    assert rowkeys.suffix(r)[1] == r.cells[2:]
    r.cells[0] = _line("名称", 30)
    assert rowkeys.label_code(r) == (None, False) and rowkeys.label_name(r) == "一般公共服务"


def test_the_first_lines_are_those_splitlines_gives() -> None:
    rnd = random.Random(4)
    for _ in range(3000):
        text = "".join(rnd.choice("ab \n\r\x0c\u2028") for _ in range(rnd.randint(0, 30)))
        n = rnd.randint(0, 6)
        assert head_lines(text, n) == text.splitlines()[:n], (text, n)
