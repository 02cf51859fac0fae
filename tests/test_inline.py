"""A pattern whose matches stay within a line is searched for once in the whole text: the
lines it finds are those a search of each line finds."""

import re

from llmextract.audit.document import AuditDoc
from llmextract.core.inline import within_line
from llmextract.core.schemas import load
from llmextract.core.source import Source
from llmextract.document.lines import lines_of


def test_patterns_that_may_cross_or_see_a_line_end_are_not_within_a_line():
    for p in (r"a\sb", r"[^x]", r"(?s:a.b)", r"^a", r"a$", r"(?<=\n)a", r"a\Z"):
        assert not within_line(re.compile(p)), p
    for p in (r"a.b", r"\bab\b", r"(a)\1", r"[\w]+", r"\d+", r"(?<![\d.])(,,|;;)", r"([。，])\1"):
        assert within_line(re.compile(p)), p


def test_the_lines_found_in_the_whole_text_are_those_each_line_holds():
    text = "甲，，乙\n,,开头\n1,,2\n;;\n无\n。。\n\n、、结尾"
    pats = [re.compile(r"(?<![\d.])(,,|;;)"), re.compile(r"([。，、])\1")]
    spec = load()
    doc = AuditDoc(Source.from_text(text), 2026, spec.audit, printed=spec.printed)
    assert [ln.raw for ln in doc.lines] == [ln.raw for ln in lines_of(text)]
    expected = [ln.no for ln in doc.lines if any(p.search(ln.raw) for p in pats)]
    assert [ln.no for ln in doc.lines_matching(pats)] == expected == [1, 2, 4, 6, 8]
