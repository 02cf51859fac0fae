"""A flood of findings is summarised: each audit rule lists its first few findings and a
warning counts the rest; conflicts between a table's printings are listed the same way.
Arithmetic checks are never cut."""

from __future__ import annotations

from conftest import EXAMPLES, SEEDS, result_of

from llmextract import pipeline as extract
from llmextract.checks import floods
from llmextract.core.labels import Labels
from llmextract.core.result import Check
from llmextract.core.schemas import load
from llmextract.pipeline import run_text

DOC = EXAMPLES / f"{SEEDS[3]}.txt"


def _check(rule: str, category: str) -> Check:
    return Check(
        rule=rule, table="", row="", col="", expected="", found="", cells=[], source="document",
        message=rule, category=category,
    )  # fmt: skip


def test_each_audit_rule_lists_its_first_findings_and_counts_the_rest() -> None:
    checks = [_check("base_year", "text")] * 50 + [_check("children_sum", "arithmetic")] * 50
    checks += [_check("doubled_word", "text")] * floods.LISTED
    warnings: list[str] = []
    kept = floods.findings(checks, warnings)
    assert sum(c.rule == "base_year" for c in kept) == floods.LISTED
    assert sum(c.rule == "children_sum" for c in kept) == 50  # arithmetic: every one
    assert sum(c.rule == "doubled_word" for c in kept) == floods.LISTED  # at the limit: all
    assert warnings == [
        f"audit rule base_year found 50 times: the first {floods.LISTED} are listed in the checks"
        " (is the same document repeated in this file?)"
    ]


def test_a_document_repeated_in_one_file_is_summarised() -> None:
    res = run_text(DOC.read_text(encoding="utf-8") * 4, "four.txt")
    (warning,) = [w for w in res.warnings if w.startswith("audit rule duplicate_table found")]
    found = int(warning.split(" found ")[1].split(" times")[0])
    assert found > floods.LISTED
    assert sum(c.rule == "duplicate_table" for c in res.checks) == floods.LISTED


def test_conflicts_between_printings_are_listed_then_counted() -> None:
    first = result_of(SEEDS[3]).tables[0].model_copy(deep=True)
    row = next(r for r in first.rows if r.values)
    col = next(iter(row.values))
    conflicts: list[str] = []
    for k in range(30):
        again = first.model_copy(deep=True)
        cell = again.row(row.key).values[col]
        again.row(row.key).values[col] = cell.model_copy(update={"value": f"{k}.00"})
        extract._merge_tables(first, again, conflicts, Labels(load()))  # noqa: SLF001
    assert len(conflicts) == 30 and all(c.endswith("；取前者") for c in conflicts)
    assert not any(row.key in c or col in c for c in conflicts)  # names, not ids
    notes = floods.capped(conflicts, "处数值与前次印出的不同")
    assert notes[: floods.LISTED] == conflicts[: floods.LISTED]
    assert notes[-1] == "……另有 10 处数值与前次印出的不同，未列出"
    assert len(notes) == floods.LISTED + 1
