"""A long text's memory: each character's offset is kept as runs (core/offsets.py), not as a
Python int per character, and a whole run's peak stays well under what it was (about 70 MB per
MB of text before, 25 after; README "Large inputs"). A text past the size limit is read in
pieces (document/pieces.py): its peak does not grow with its length."""

from __future__ import annotations

import io
import random
import re
import tracemalloc
import unicodedata

import pytest
from conftest import EXAMPLES

from llmextract.audit import engine
from llmextract.checks import coverage
from llmextract.core import offsets, stages
from llmextract.core.result import Result
from llmextract.core.source import Source
from llmextract.core.text import Text
from llmextract.document import chunking, normalize, pieces
from llmextract.document import kind as dockind
from llmextract.outputs import review
from llmextract.pipeline import remeasure, run_source, run_text

SEEDS = "".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))


def test_a_long_texts_offsets_take_bytes_per_break_not_per_character() -> None:
    raw = SEEDS * 6  # about 1 MB, 470,000 characters
    t = normalize.normalize(raw)
    assert len(t) > 400_000
    # a break where a Markdown or HTML table's markup was dropped, none elsewhere: under a
    # tenth of a byte a character (36 bytes when each kept a Python int)
    assert offsets.size(t.offs) < len(t) / 10
    crlf = raw.replace("\n", "\r\n")
    u = normalize.normalize(crlf)
    assert u.s == t.s  # the same text, each \r dropped: a break on every line
    assert offsets.size(u.offs) < 20 * raw.count("\n")  # two 8-byte numbers a line
    # and exact: every character maps back to the one it came from
    # (full-width made ASCII; a tab or space where a table's markup stood)
    for i in random.Random(7).sample(range(len(u)), 2000):
        assert unicodedata.normalize("NFKC", crlf[u.offs[i]]) == u.s[i] or u.s[i] in "\t\n "


def test_each_line_of_a_long_text_keeps_its_offsets_in_a_number() -> None:
    t = normalize.normalize(SEEDS.replace("\n", "\r\n") * 3)
    schemas = dockind.schemas_for(dockind.derive(t.s).kind)
    chunks = chunking.split(t, schemas)
    lines = [ln for ch in chunks for ln in ch.lines if ln]
    assert len(lines) > 10_000
    # a line is one run (each \r dropped breaks the runs between lines, not within one): it
    # keeps one int, not a tuple of an int per character; a table row whose markup was
    # dropped keeps its runs
    ones = [ln for ln in lines if type(ln._o) is int]
    assert len(ones) > 0.95 * len(lines)
    assert all(ln.offs == range(*ln.span()) for ln in ones)


def _model(seq: list[int], rnd: random.Random) -> None:
    """Runs behave as the tuple of their offsets: indexing, slicing, joining, equality."""
    offs = offsets.compact(seq)
    assert list(offs) == seq and len(offs) == len(seq)
    assert offs == offsets.compact(tuple(seq)) and hash(offs) == hash(offsets.compact(list(seq)))
    for _ in range(30):
        a, b = sorted(rnd.randint(-len(seq) - 2, len(seq) + 2) for _ in range(2))
        assert list(offs[a:b]) == seq[a:b]
        assert offs[a:b] == offsets.compact(seq[a:b])  # canonical: a slice in one run is a range
        if seq:
            i = rnd.randrange(-len(seq), len(seq))
            assert offs[i] == seq[i]
    s = "".join(chr(0x4E00 + k % 50) for k in range(len(seq)))
    t = Text(s, seq)
    assert list(t.offs) == seq and (t + t).offs == offsets.compact(seq + seq)
    assert list(Text.join([t, t], "\t").offs) == seq + [seq[-1]] + seq if seq else True


def test_runs_are_a_sequence_of_offsets() -> None:
    rnd = random.Random(3)
    for _ in range(200):
        seq: list[int] = []
        pos = rnd.randint(0, 50)
        for _ in range(rnd.randint(0, 6)):
            n = rnd.randint(1, 8)
            seq += list(range(pos, pos + n))
            pos += n + rnd.choice([-3, 0, 1, 2, 5])  # a break (or none: a run that goes on)
            pos = max(pos, 0)
        _model(seq, rnd)


def test_a_whole_run_peaks_under_a_bound() -> None:
    run_text(SEEDS[:20_000])  # schemas and patterns loaded once, not counted
    tracemalloc.start()
    try:
        run_text(SEEDS)  # the five seeds in one text: 0.16 MB, 79,000 characters
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 13.6 MiB when every character kept a Python int for its offset (and the audit and the
    # measure copied every line); 6.2 MiB now
    assert peak < 10 * 2**20


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts past 15,000 characters read in pieces of 10,000 (the limits scaled down 50 times:
    2.5 million and 500,000), so that a test's texts of 0.08 and 0.3 MB stand for 4 and 16 MB."""
    monkeypatch.setattr(pieces, "LONG_CHARS", 15_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 10_000)


def _peak(raw: str) -> tuple[Result, int]:
    tracemalloc.start()
    try:
        res = run_text(raw)
        return res, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _cells(res: Result) -> dict[tuple[str, int, str, str], tuple[str, int, int]]:
    return {
        (t.id, t.block, r.key, k): (c.value, c.provenance.start, c.provenance.line)
        for t in res.tables
        for r in (*t.rows, *t.units)
        for k, c in r.values.items()
    }


def test_a_text_read_in_pieces_peaks_the_same_however_long(small_pieces: None) -> None:
    run_text(SEEDS[:20_000])  # schemas and patterns loaded once, not counted
    half = SEEDS[: SEEDS.index("\n", 40_000) + 1]  # the first two seeds and a half
    one, peak1 = _peak(half)  # 40,000 characters: 5 pieces
    four, peak4 = _peak(half * 4)  # four times as long: 20 pieces
    # the peak is one piece's working set, 8 bytes a line for the line starts, and lists that
    # fill up to a bound (400 unread amounts, 20 findings a rule, the last 4 pieces measured):
    # four times the text, well under a third more memory (a text read whole: about 20 MB per
    # MB, 4 times as much; 10-17% more measured, depending on what earlier tests left loaded)
    assert peak4 < 1.3 * peak1, (peak1, peak4)
    said = [next(w for w in res.warnings if w.startswith("全文")) for res in (one, four)]
    assert all("段读取" in w and "只做了第一段" in w for w in said)
    n1, n4 = (int(re.search(r"分 (\d+) 段读取", w).group(1)) for w in said)  # type: ignore[union-attr]
    assert n1 >= 3 and n4 >= 4 * n1 - 3
    # the same tables, values and places whichever the length (a table printed again joins its
    # first printing), and the repeated printings counted, as in a text read whole
    assert _cells(four) == _cells(one)
    assert any(w.startswith("14 tables are printed up to 12 times") for w in four.warnings)


def test_a_text_read_in_pieces_reads_and_checks_as_a_whole_one(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = run_text(SEEDS)  # the five seeds, 79,000 characters: read whole
    monkeypatch.setattr(pieces, "LONG_CHARS", 30_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 20_000)
    said = io.StringIO()
    with stages.listening("seeds.txt", said):  # a person waiting is told where the run is
        cut = run_text(SEEDS)  # in 4 pieces
    told = said.getvalue().splitlines()
    assert any(t.startswith("seeds.txt: reading line ") and "(piece 2)" in t for t in told)
    assert any(t.startswith("seeds.txt: auditing piece 2 of ") for t in told)
    assert _cells(cut) == _cells(whole)
    # the facts stated, each its first statement; a statement made again only in the piece of
    # the first (a whole text looks for it anywhere after: in this text, in another seed)
    again = {fs.id for fs in cut.spec.facts if fs.again}
    facts = [(f.id, f.value, f.provenance.start) for f in whole.narrative]
    assert [(f.id, f.value, f.provenance.start) for f in cut.narrative if f.id not in again] == [
        f for f in facts if f[0] not in again
    ]
    assert {(f.id, f.value, f.provenance.start) for f in cut.narrative} <= set(facts)

    # the arithmetic on the same tables and facts (readwhole's notes, on the first piece only,
    # may differ: a table's region there ends with the piece)
    def sums(res: Result) -> set[tuple[str, int | None, str, str]]:
        return {
            (c.rule, c.line, c.expected, c.found)
            for c in res.checks
            if c.category in ("arithmetic", "rounding")
        }

    assert sums(cut) <= sums(whole)
    assert all(".again" in rule for rule, *_ in sums(whole) - sums(cut))
    # the rules that read a line or a sentence on its own find the same, at the same lines,
    # on every piece; the others on the first piece only
    rules = {r["id"] for r in cut.spec.audit["rules"] if r["check"] in engine.PIECEWISE}

    def found(res: Result) -> set[tuple[str, int | None, str]]:
        return {(c.rule, c.line, c.message) for c in res.checks if c.rule in rules}

    assert found(cut) == found(whole) and found(whole)
    # the rules that compare the whole file, on the first piece only, find nothing missing
    # that is printed further on (the tables read anywhere are there)
    whole_file = {"required_table", "toc_table_missing", "table_not_in_toc", "zero_vs_table", "item_vs_table"}

    def compared(res: Result) -> set[tuple[str, int | None, str]]:
        return {(c.rule, c.line, c.message) for c in res.checks if c.rule in whole_file}

    assert compared(cut) <= compared(whole)
    assert cut.coverage is not None and whole.coverage is not None
    assert cut.coverage.printed == whole.coverage.printed
    assert abs(cut.coverage.read - whole.coverage.read) <= 0.02 * whole.coverage.printed


def test_a_table_longer_than_a_piece_is_read_whole_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEEDS[: SEEDS.index("\n", 30_000) + 1]
    whole = run_text(text)
    monkeypatch.setattr(pieces, "LONG_CHARS", 3_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 2_000)  # shorter than most tables
    cut = run_text(text)
    grown = [w for w in cut.warnings if w.startswith("第") and "整段读入" in w]
    assert grown and all("长过一段" in w for w in grown)
    assert _cells(cut) == _cells(whole)  # no table cut in two


def test_sure_only_measures_a_text_read_in_pieces_piece_by_piece(small_pieces: None) -> None:
    src = Source.from_text(SEEDS[: SEEDS.index("\n", 40_000) + 1])
    res = run_source(src)
    before = res.coverage
    assert before is not None and res.drop_doubtful()
    seen: list[int] = []
    measure = coverage.measure
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(coverage, "measure", lambda r, s: seen.append(len(s.raw)) or measure(r, s))
        remeasure(res, src)
    assert res.coverage is not None and res.coverage.printed == before.printed
    assert res.coverage.read < before.read  # the doubtful values left out are not read
    assert len(seen) > 2 and max(seen) < len(src.raw) / 2  # piece by piece, never the whole text


def test_the_review_page_numbers_its_lines_as_they_come() -> None:
    """The review page is written in parts (a long text's page is never held whole): its
    numbered lines are those of the whole marked text, wherever the parts break."""
    rnd = random.Random(5)
    for _ in range(200):
        text = "".join(rnd.choice("ab\n") for _ in range(rnd.randint(0, 40)))
        cuts = sorted(rnd.sample(range(len(text) + 1), min(len(text) + 1, rnd.randint(0, 6))))
        parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        whole = [
            f'<div class="ln" id="L{i}"><b>{i}</b>{ln}</div>' for i, ln in enumerate(text.split("\n"), 1)
        ]
        assert list(review._numbered(iter(parts))) == whole  # noqa: SLF001
    page = review.render(*_seed_result())
    assert (
        page.startswith("<!doctype html>")
        and page.count('<div class="ln" id="L') == SEEDS_ONE.count("\n") + 1
    )


SEEDS_ONE = sorted(EXAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")


def _seed_result() -> tuple[Result, Source]:
    src = Source.from_text(SEEDS_ONE, "seed.txt")
    return run_source(src), src
