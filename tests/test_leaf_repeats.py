"""A header whose lowest line names every column by a repeat of a few words (预算数 | 决算数
under each item of the national “三公” 决算表): the words above are placed over the repeats
(``reading/leafcycles.py``). The generated PDFs ``f_three_under`` / ``f_three_under_zeros``
read whole and sure (tests/test_final_variants.py); here, when the repeat is taken."""

from __future__ import annotations

from llmextract.core.text import Text
from llmextract.reading.headerpaths import header_leaves, header_line_hits
from llmextract.reading.leafcycles import cycle_of, repeat_of
from llmextract.reading.tokens import Band, Line, Token


def test_a_repeat_is_distinct_words_printed_over_and_over() -> None:
    assert cycle_of(["预算数", "决算数"] * 6) == 2
    assert cycle_of(["一般公共预算", "政府性基金", "国有资本经营预算"] * 4) == 3
    assert cycle_of(["合计", "基本支出", "项目支出"]) == 0  # printed once
    assert cycle_of(["预算数", "决算数", "预算数"]) == 0  # a repeat cut short
    assert cycle_of(["小计", "小计", "小计", "小计"]) == 0  # one word: no repeat of distinct words


def _tok(s: str, x0: float) -> Token:
    return Token(Text(s, range(len(s))), x0, x0 + 2 * len(s))


def _bands(n: int, step: float = 12.0) -> list[Band]:
    return [Band(20 + k * step, 25 + k * step, True, 14 + k * step, 26 + k * step) for k in range(n)]


def _leaves(n: int) -> Line:
    return Line(9, [_tok("预算数" if k % 2 == 0 else "决算数", 17 + 12 * k) for k in range(n)])


def test_words_above_a_repeat_name_whole_repeats() -> None:
    """合计 | 因公出国 | 公务接待费 each centred over its 预算数 | 决算数 pair, in the gap between
    them: each names its two columns, none reaches over a neighbour's."""
    bands = _bands(6)
    items = Line(8, [_tok("合计", 24), _tok("因公出国", 44), _tok("公务接待费", 67)])
    header = [items, _leaves(6)]
    assert repeat_of(header, bands) == 2
    hits = header_line_hits(header, bands)
    assert [h for _, h in hits[0]] == [[0, 1], [2, 3], [4, 5]]
    assert header_leaves(header, bands) == ["预算数", "决算数"] * 3


def test_a_word_across_two_repeats_leaves_the_header_read_column_by_column() -> None:
    """A word above standing over the boundary of two repeats (over 决算数 of one item and
    预算数 of the next) says the repeats are not the items: no repeat is taken."""
    bands = _bands(6)
    header = [Line(8, [_tok("合计", 24), _tok("某项", 36)]), _leaves(6)]
    assert repeat_of(header, bands) == 0


def test_a_column_the_lowest_line_does_not_name_takes_no_repeat() -> None:
    """总计 over its own column, the funds under the items only: the lowest line names not
    every column, so its words are no repeat over all of them."""
    bands = _bands(7)
    leaves = Line(9, [_tok("预算数" if k % 2 == 0 else "决算数", 29 + 12 * k) for k in range(6)])
    header = [Line(8, [_tok("总计", 16)]), leaves]
    assert repeat_of(header, bands) == 0
