"""pdfplumber's table finder against llmextract's reader on the ruled tables of real PDFs.

For a sample of the dev corpus (every city, ``--per-city`` documents each), per document:

- ``printed``: the amounts printed on its ruled table pages, counted as
  ``shared/tools/wild.py`` counts them (``pdftotext -layout``; a table page has 3+ lines of
  amounts), on the pages where pdfium finds at least two vertical lines;
- for llmextract (``ours``) and pdfplumber's ``find_tables`` with its two strategies (``lines``:
  cells from the ruling lines; ``text``: columns from the words' alignment): the printed
  amounts it reads as a table value on their page. For ours that is a value placed in a row
  and column of a known table (its meaning known); for pdfplumber, an amount in any cell of
  any table it finds (a grid of strings: no row key, no column meaning);
- ``lines_more``: on the pages ours reads, the amounts pdfplumber finds in a cell and ours
  does not read;
- ``row_same`` / ``col_same``: of the amounts both read at one place (ours' value box centred
  in a pdfplumber cell holding the same amount), how many pdfplumber puts with the same row /
  column neighbours as ours (the amounts ours puts in one row or column of one table are in
  one row or column of one pdfplumber table) — a check of its cells' rows and columns where
  there is no gold;
- seconds: CPU seconds for the document (ours: the whole run, every page, with the checks;
  pdfplumber: ``find_tables`` + ``extract`` on every page).

Usage: python benchmarks/pdfplumber_compare.py [--per-city N] [--corpus DIR]
Needs ``pip install pdfplumber`` (MIT; not a dependency of llmextract).
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
import time
from pathlib import Path
from typing import Any

from llmextract.inputs.readers import read_source
from llmextract.pipeline import run_file

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus" / "wild"
NUM = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d+\.\d{1,6})$")
STRATEGIES = {
    "lines": {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
    "text": {"vertical_strategy": "text", "horizontal_strategy": "text"},
}

Key = tuple[int, str]  # page, amount as printed without separators
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top left


def _wild(corpus: Path) -> Any:  # noqa: ANN401 - shared/tools/wild.py, imported from its folder
    sys.path.insert(0, str(corpus.parent.parent / "tools"))
    import wild  # type: ignore[import-not-found]

    return wild


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).replace(",", "")


def ruled_pages(pdf: Path) -> set[int]:
    """The pages on which pdfium finds at least two vertical lines."""
    src = read_source(pdf)
    per_page = collections.Counter(p for p, *_ in src.rules)
    return {p for p, n in per_page.items() if n >= 2}


class Found:
    """What one finder reads: (page, amount) → how often, and where (a place per amount)."""

    def __init__(self) -> None:
        self.count: collections.Counter[Key] = collections.Counter()
        # each amount's box on its page and its place (table, row, column)
        self.cells: dict[int, list[tuple[Box, str, tuple[Any, Any, Any]]]] = collections.defaultdict(list)
        self.seconds = 0.0

    def add(self, page: int, value: str, box: Box, place: tuple[Any, Any, Any]) -> None:
        self.count[(page, value)] += 1
        self.cells[page].append((box, value, place))


def ours(pdf: Path) -> Found:
    """The values llmextract reads: each one's page, table, row key and column id."""
    t0 = time.process_time()
    res = run_file(pdf)
    out = Found()
    out.seconds = time.process_time() - t0
    for t in res.tables:
        for r in t.rows:
            for col, c in r.values.items():
                p = c.provenance
                if p.page is not None and p.box:
                    box = (p.box[0], p.box[1], p.box[2], p.box[3])
                    out.add(p.page, _norm(c.value), box, ((t.id, t.block), r.key, col))
    return out


def plumber(pdf: Path, settings: dict[str, str]) -> Found:
    """The amounts in pdfplumber's table cells: each one's page, table, row and column index."""
    import pdfplumber

    t0 = time.process_time()
    out = Found()
    with pdfplumber.open(pdf) as doc:
        for pno, page in enumerate(doc.pages, start=1):
            try:
                tables = page.find_tables(settings)
                grids = [(t, t.extract()) for t in tables]
            except Exception:  # noqa: BLE001 - a page pdfplumber cannot take: nothing found on it
                grids = []
            for ti, (table, grid) in enumerate(grids):
                for ri, (row, texts) in enumerate(zip(table.rows, grid, strict=False)):
                    for ci, (bbox, cell) in enumerate(zip(row.cells, texts, strict=False)):
                        c = re.sub(r"\s+", "", cell or "")
                        if bbox is not None and NUM.match(c):
                            out.add(pno, _norm(c), tuple(bbox), (ti, ri, ci))
            page.close()
    out.seconds = time.process_time() - t0
    return out


def matched(a: Found, b: Found) -> list[tuple[Any, Any]]:
    """The amounts both read at one place: each of ``a``'s values and the cell of ``b`` that
    holds its box's centre and the same amount — (``a``'s place, ``b``'s place)."""
    out = []
    for page, cells in a.cells.items():
        for box, value, place in cells:
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            for (x0, top, x1, bottom), v, theirs in b.cells.get(page, []):
                if v == value and x0 <= cx <= x1 and top <= cy <= bottom:
                    out.append(((page, place), (page, theirs)))
                    break
    return out


def agreement(pairs: list[tuple[Any, Any]], part: int) -> int:
    """Of the amounts both read, how many the second finder puts with the same neighbours as
    the first: the amounts the first puts in one row (``part`` 1) or one column (2) of one
    table are in one row or column of one table of the second (the one most of them are in)."""
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = collections.defaultdict(list)
    for (page, mine), (_, (table, *theirs)) in pairs:
        # a 收支总表's two sides (rows in.… and out.…) each have their own amount column
        side = str(mine[1]).split(".")[0] if part == 2 else ""
        groups[(page, mine[0], mine[part], side)].append((table, theirs[part - 1]))
    return sum(collections.Counter(m).most_common(1)[0][1] for m in groups.values())


def sample(corpus: Path, per_city: int) -> list[Path]:
    with open(corpus / "manifest.tsv", encoding="utf-8") as f:
        man = list(csv.DictReader(f, delimiter="\t"))
    by_city: dict[str, list[str]] = collections.defaultdict(list)
    for r in man:
        if (corpus / f"{r['id']}.pdf").exists():
            by_city[r["city"]].append(r["id"])
    out = []
    for _, ids in sorted(by_city.items()):
        ids.sort()
        step = max(1, len(ids) // per_city)
        out += [corpus / f"{i}.pdf" for i in ids[::step][:per_city]]
    return out


def measure(pdf: Path, wild: Any) -> dict[str, float]:  # noqa: ANN401
    ruled = ruled_pages(pdf)
    printed = collections.Counter({k: n for k, n in wild.printed_amounts(str(pdf)).items() if k[0] in ruled})
    row: dict[str, float] = {"printed": sum(printed.values())}
    mine = ours(pdf)
    read_pages = {p for p, _ in mine.count}
    found = {"ours": mine, **{name: plumber(pdf, settings) for name, settings in STRATEGIES.items()}}
    for name, f in found.items():
        hit = printed & f.count
        row[f"{name}_hit"] = sum(hit.values())
        row[f"{name}_s"] = f.seconds
        if name == "ours":
            continue
        # on the pages ours reads: the amounts it does not read and pdfplumber finds in a cell
        row[f"{name}_more"] = sum(n for k, n in (hit - mine.count).items() if k[0] in read_pages)
        # the amounts both read at one place: are their row and column neighbours the same?
        pairs = matched(mine, f)
        row[f"{name}_both"] = len(pairs)
        row[f"{name}_row"] = agreement(pairs, 1)
        row[f"{name}_col"] = agreement(pairs, 2)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--per-city", type=int, default=6)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        sys.exit("pdfplumber is not installed: pip install pdfplumber")
    wild = _wild(corpus)
    total: collections.Counter[str] = collections.Counter()
    cities: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    print("doc\tprinted\tours\tlines\ttext\tlines_more\trow_same\tcol_same\tours_s\tlines_s\ttext_s")
    docs = sample(corpus, args.per_city)
    for pdf in docs:
        r = measure(pdf, wild)
        total.update(r)
        cities[pdf.stem[:2]].update(r)
        cities[pdf.stem[:2]]["docs"] += 1
        total["docs"] += 1
        print(
            f"{pdf.stem}\t{r['printed']:.0f}\t{r['ours_hit']:.0f}\t{r['lines_hit']:.0f}\t{r['text_hit']:.0f}\t"
            f"{r['lines_more']:.0f}\t{r['lines_row']:.0f}/{r['lines_both']:.0f}\t"
            f"{r['lines_col']:.0f}/{r['lines_both']:.0f}\t"
            f"{r['ours_s']:.2f}\t{r['lines_s']:.2f}\t{r['text_s']:.2f}",
            flush=True,
        )
    for name, c in [*sorted(cities.items()), ("all", total)]:
        p, n = max(c["printed"], 1), max(c["docs"], 1)
        print(
            f"{name}: docs {c['docs']:.0f} printed {c['printed']:.0f}  in a table cell on its page: "
            f"ours {c['ours_hit'] / p:.3f}  pdfplumber lines {c['lines_hit'] / p:.3f}  "
            f"text {c['text_hit'] / p:.3f}"
            f"  | lines finds {c['lines_more']:.0f} more on ours' pages, text {c['text_more']:.0f}"
            f"  | same row as ours: lines {c['lines_row']:.0f}/{c['lines_both']:.0f} text "
            f"{c['text_row']:.0f}/{c['text_both']:.0f}; same column: lines {c['lines_col']:.0f}/"
            f"{c['lines_both']:.0f} text {c['text_col']:.0f}/{c['text_both']:.0f}"
            f"  | s/doc ours {c['ours_s'] / n:.2f} lines {c['lines_s'] / n:.2f} text {c['text_s'] / n:.2f}"
        )


if __name__ == "__main__":
    main()
