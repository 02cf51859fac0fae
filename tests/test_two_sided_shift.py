"""A 收支总表 row whose income side prints no label: its cells shifted left are re-split by
type (reading/twosided.py). Seed 004 (a cell per line) with its tab-separated lines written as
Markdown pipe rows reads such rows. The compiled build lost the table to a TypeError there (a
tuple assignment whose later items read the earlier targets)."""

from __future__ import annotations

from pathlib import Path

from llmextract.pipeline import run_text

SEED = Path(__file__).parent.parent / "examples" / "004_0aedab1e77a5c37c.txt"


def _as_markdown(text: str) -> str:
    out: list[str] = []
    in_table = False
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            out.append(line)
            in_table = False
    return "\n".join(out)


def _summary(res) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    t = res.table("summary")
    assert t is not None
    return {(r.key, c): v.value for r in t.rows for c, v in r.values.items()}


def test_a_summary_row_without_its_income_label_reads_as_in_the_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    md = run_text(_as_markdown(text), "seed004.md")
    assert not [w for w in md.warnings if "could not be read" in w]
    total = "1149.80"
    assert _summary(md) == {("out.current_total", "amount"): total, ("out.grand_total", "amount"): total}
