"""Plant one wrong number at a time in the sample documents and measure the checks.

For each sampled printed value: change it in the source text (at its provenance), run the
extractor and the checks, and see whether a failed check names exactly that cell. A flag
on any other cell that the unmodified document does not already carry is a false report.
A PDF is planted in the text the tool laid out from its pages (each planted character
keeps the box of the number it replaces), so the checks are measured on the PDF reading.

    python benchmarks/planted_faults.py [--per-doc 40] [--seed 1] [FOLDER]
    python benchmarks/planted_faults.py tests/real          # the real documents, PDF and text

With ``--write DIR`` every planted document is also written to DIR with its
``<id>.faults.json`` (the planted cell, kind ``planted``, plus the cells the unmodified
document already flags, kind ``document``) and ``<id>.cells.jsonl``, the layout the shared
scorer reads, so the same plants can be scored end to end through the CLI:

    python benchmarks/planted_faults.py --write /tmp/planted
    llmextract run /tmp/planted -o /tmp/pred --format checks
    python ../shared/tools/score.py --faults /tmp/planted /tmp/pred

Ends with one line per figure: ``figure-name value unit``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

from llmextract.core.result import Check, Result
from llmextract.core.schemas import load
from llmextract.core.source import Source
from llmextract.inputs.readers import read_source
from llmextract.outputs.export import cells_jsonl
from llmextract.pipeline import run_source

Ref = tuple[str, str, str]
ROOT = Path(__file__).resolve().parent.parent


def _arithmetic(res: Result) -> Result:
    """Planted wrong numbers are measured against the arithmetic checks (the audit's structure,
    text and prose findings name no cell)."""
    res.checks = [c for c in res.checks if c.category == "arithmetic"]
    return res


def _failure(c: Check) -> tuple[str, Ref]:
    """A failed identity (its rule and left side), whichever of its cells is blamed."""
    return (c.rule, (c.cells[0].table, c.cells[0].row, c.cells[0].col))


def _digit_slip(value: str, rng: random.Random) -> str:
    """``value`` with one digit of its integer part changed (a typing slip worth at least 1)."""
    sign, digits = ("-", value[1:]) if value.startswith("-") else ("", value)
    whole, dot, frac = digits.partition(".")
    i = rng.randrange(len(whole))
    choices = [c for c in "0123456789" if c != whole[i] and not (i == 0 and c == "0" and len(whole) > 1)]
    return sign + whole[:i] + rng.choice(choices) + whole[i + 1 :] + dot + frac


def _write(folder: Path, stem: str, text: str, changed: list[Ref], base: Result) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    faults = [{"table": t, "row": r, "col": c, "kind": "planted"} for t, r, c in changed]
    faults += [{"table": c.table, "row": c.row, "col": c.col, "kind": "document"} for c in base.checks]
    faults = list({(f["table"], f["row"], f["col"]): f for f in reversed(faults)}.values())
    (folder / f"{stem}.faults.json").write_text(json.dumps(faults, ensure_ascii=False), encoding="utf-8")
    (folder / f"{stem}.cells.jsonl").write_text(cells_jsonl(base), encoding="utf-8")


def _planted(src: Source, start: int, end: int, text: str) -> Source:
    """``src`` with characters start..end replaced by ``text`` (a PDF's boxes follow)."""
    raw = src.raw[:start] + text + src.raw[end:]
    boxes = None
    if src.boxes is not None:
        old = src.boxes[start:end]
        boxes = (
            src.boxes[:start] + tuple(old[min(i, len(old) - 1)] for i in range(len(text))) + src.boxes[end:]
        )
    return Source.from_text(raw, src.path, src.encoding, boxes, src.unit)


def _as_printed(value: str, printed: str) -> str:
    """A planted value written as the document writes its numbers (thousands separators kept;
    no sign where the words carry it: 减少 514.61 is read as -514.61), so that a plant changes
    a digit, not the layout."""
    sign, digits = ("-", value[1:]) if value.startswith("-") else ("", value)
    if not printed.lstrip().startswith(("-", "－")):
        sign = ""
    if "," not in printed:
        return sign + digits
    whole, dot, frac = digits.partition(".")
    return sign + f"{int(whole):,}" + dot + frac


def _documents(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.txt"), *folder.glob("*.pdf")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "examples"))
    ap.add_argument("--per-doc", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--plant",
        choices=["delta", "digit"],
        default="delta",
        help="add +1, +3, +10, +100 or -1 (+5 up to 10), or change one digit of the integer part",
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--write", metavar="DIR", help="also write the planted documents and their faults")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    planted = found = false = detected = unrelated = guessed = 0
    aux = load().aux_facts  # prior-year figures read only to check others: not cells
    for path in _documents(Path(a.folder)):
        src = read_source(path)
        base = _arithmetic(run_source(src))
        base_flags = {(c.table, c.row, c.col) for c in base.checks}
        base_failures = {_failure(c) for c in base.checks}
        cells = [
            (t.id, r.key, k, c.value, c.provenance)
            for t in base.tables
            for r in t.rows
            for k, c in r.values.items()
            if load().is_cell(t.id, r.key, k)  # the spec's cells, as the shared scorer counts them
        ]
        cells += [
            ("narrative", f.id, "value", f.value, f.provenance) for f in base.narrative if f.id not in aux
        ]
        # one printed number may stand for two cells (收支预算总数 is both totals): a plant
        # changes all of them
        span: dict[tuple[int, int], set[Ref]] = {}
        for t, r, k, _, p in cells:
            span.setdefault((p.start, p.end), set()).add((t, r, k))
        cells = [c for c in cells if c[:3] not in base_flags]
        for table, row, col, value, p in rng.sample(cells, min(a.per_doc, len(cells))):
            try:
                d = Decimal(value)
            except ArithmeticError:
                continue
            if a.plant == "digit":
                text = _digit_slip(value, rng)
            else:
                delta = Decimal(rng.choice([1, 3, 10, 100, -1])) if d > 10 else Decimal(5)
                text = f"{d + delta:.{len(value.split('.')[1]) if '.' in value else 0}f}"
            planted_src = _planted(src, p.start, p.end, _as_printed(text, p.text))
            planted_text = planted_src.raw
            res = _arithmetic(run_source(planted_src))
            if a.write:
                changed_cells = sorted(span[(p.start, p.end)])
                _write(Path(a.write), f"{path.stem}-p{planted:03d}", planted_text, changed_cells, base)
            cell = (table, row, col)
            changed = span[(p.start, p.end)]
            planted += 1
            # pinpointing: a failed check names the planted cell as its culprit; any other
            # culprit the unmodified document does not already carry is a false report
            flags = {(c.table, c.row, c.col) for c in res.checks}
            hit = cell in flags
            found += hit
            # named by a tie-break: the check naming it lists other suspects as well
            guessed += hit and all(len(c.suspects) > 1 for c in res.checks if (c.table, c.row, c.col) == cell)
            extra = flags - base_flags - changed
            false += len(extra)
            # detection: a failed check lists the planted cell among its cells; an unrelated
            # report is a new failed identity that involves none of the changed cells
            involved = [{(x.table, x.row, x.col) for x in c.cells} for c in res.checks]
            detected += any(cell in cs for cs in involved)
            odd = [
                c
                for c, cs in zip(res.checks, involved, strict=True)
                if _failure(c) not in base_failures and not cs & changed
            ]
            unrelated += len(odd)
            if a.verbose and (not hit or extra or odd):
                print(
                    f"{path.stem[:12]} {table} {row} {col} {value}->{text}: "
                    f"{'found' if hit else 'MISSED'}; false {sorted(extra)}; "
                    f"unrelated {[c.message for c in odd]}"
                )
    docs = planted or 1
    print(f"planted {planted} single-cell faults in {len(_documents(Path(a.folder)))} documents")
    print(f"fault_recall {found / docs:.3f} ratio")
    print(f"false_reports_per_20_docs {20 * false / docs:.2f} reports")
    print(f"found_by_tie_break {guessed / docs:.3f} ratio")
    print(f"fault_detection {detected / docs:.3f} ratio")
    print(f"unrelated_reports_per_20_docs {20 * unrelated / docs:.2f} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
