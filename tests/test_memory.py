"""A long text's memory: each character's offset is kept as runs (core/offsets.py), not as a
Python int per character, and a whole run's peak stays well under what it was (about 70 MB per
MB of text before, 25 after; README "Large inputs")."""

from __future__ import annotations

import random
import tracemalloc
import unicodedata

from conftest import EXAMPLES

from llmextract.core import offsets
from llmextract.core.text import Text
from llmextract.document import chunking, normalize
from llmextract.document import kind as dockind
from llmextract.pipeline import run_text

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
