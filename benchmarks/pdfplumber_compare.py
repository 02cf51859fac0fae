"""pdfplumber's table finder against llmextract's reader on the ruled tables of real PDFs.

For a sample of the dev corpus (every city, ``--per-city`` documents each), per document:

- ``printed``: the amounts printed on its ruled table pages, counted as
  ``shared/tools/wild.py`` counts them (``pdftotext -layout``; a table page has 3+ lines of
  amounts), on the pages where pdfium finds at least two vertical lines (a ruled table);
- for llmextract (``ours``) and for pdfplumber's ``find_tables`` with its two strategies
  (``lines``: cells from the ruling lines; ``text``: columns from the words' alignment):
  ``hit``, the printed amounts read as a table value on their page (the value in a cell of
  a table found on that page; for ours, a value of the result with that page), and
  ``row``, those among them whose row the finder names as ours does: the amount's row in the
  pdfplumber table carries a label (a code or a name) that is the label of the row the
  result places the amount in (a placement check, where both read the amount once on the
  page); a column cannot be compared without a schema and is not;
- ``s``: CPU seconds for the document (ours: the whole run, every page, with the checks;
  pdfplumber: ``find_tables`` + ``extract`` on every page, no checks).

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
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
STRATEGIES = {
    "lines": {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
    "text": {"vertical_strategy": "text", "horizontal_strategy": "text"},
}

Key = tuple[int, str]  # page, amount as printed without separators


def _wild(corpus: Path) -> Any:  # noqa: ANN401 - shared/tools/wild.py, imported from its folder
    sys.path.insert(0, str(corpus.parent.parent / "tools"))
    import wild  # type: ignore[import-not-found]

    return wild


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).replace(",", "")


def _label(s: str | None) -> str:
    """A row label compared across finders: its code, else its words without numbering."""
    t = re.sub(r"\s+", "", s or "")
    t = re.sub(r"^[一二三四五六七八九十]+、|^\d+、|^[（(][一二三四五六七八九十\d]+[)）]", "", t)
    return t


def ruled_pages(pdf: Path) -> set[int]:
    """The pages on which pdfium finds at least two vertical lines."""
    src = read_source(pdf)
    per_page = collections.Counter(p for p, *_ in src.rules)
    return {p for p, n in per_page.items() if n >= 2}


def ours(pdf: Path) -> tuple[collections.Counter[Key], dict[Key, set[str]], float]:
    """The values llmextract reads by (page, value), each value's row labels, CPU seconds."""
    t0 = time.process_time()
    res = run_file(pdf)
    dt = time.process_time() - t0
    got: collections.Counter[Key] = collections.Counter()
    rows: dict[Key, set[str]] = collections.defaultdict(set)
    for t in res.tables:
        for r in t.rows:
            for c in r.values.values():
                page = c.provenance.page
                if page is None:
                    continue
                k = (page, _norm(c.value))
                got[k] += 1
                rows[k] |= {x for x in (_label(r.label), r.key) if x}
    return got, rows, dt


def plumber(pdf: Path, settings: dict[str, str]) -> tuple[collections.Counter[Key], dict[Key, set[str]], float]:
    """The amounts in pdfplumber's table cells by (page, value), each one's row labels (the
    row's cells that are no amount), CPU seconds."""
    import pdfplumber

    t0 = time.process_time()
    got: collections.Counter[Key] = collections.Counter()
    rows: dict[Key, set[str]] = collections.defaultdict(set)
    with pdfplumber.open(pdf) as doc:
        for pno, page in enumerate(doc.pages, start=1):
            try:
                tables = page.find_tables(settings)
            except Exception:  # noqa: BLE001 - a page pdfplumber cannot take: nothing found on it
                continue
            for table in tables:
                for row in table.extract():
                    cells = [_norm(c) for c in row if c]
                    labels = {_label(c) for c in row if c and not NUM.match(_norm(c))}
                    for c in cells:
                        if NUM.match(c):
                            got[(pno, c)] += 1
                            rows[(pno, c)] |= {x for x in labels if x}
            page.close()
    return got, rows, time.process_time() - t0


def same_row(a: set[str], b: set[str]) -> bool:
    """Two finders name the same row: a code in common, or a label of one holding the other's."""
    if a & b:
        return True
    return any(x and y and (x in y or y in x) and not CODE.match(x) for x in a for y in b)


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
    o_got, o_rows, o_s = ours(pdf)
    found = {"ours": (o_got, o_rows, o_s)}
    for name, settings in STRATEGIES.items():
        found[name] = plumber(pdf, settings)
    for name, (got, rows, secs) in found.items():
        hit = printed & got
        row[f"{name}_hit"] = sum(hit.values())
        row[f"{name}_s"] = secs
        if name != "ours":
            # both read the amount once on its page: do they name the same row?
            once = [k for k in hit if printed[k] == 1 and o_got[k] == 1 and got[k] == 1]
            row[f"{name}_both"] = len(once)
            row[f"{name}_row"] = sum(1 for k in once if same_row(o_rows[k], rows[k]))
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
    print("doc\tprinted\tours\tlines\ttext\tours_s\tlines_s\ttext_s\tlines_row\ttext_row")
    for pdf in sample(corpus, args.per_city):
        r = measure(pdf, wild)
        total.update(r)
        cities[pdf.stem[:2]].update(r)
        print(
            f"{pdf.stem}\t{r['printed']:.0f}\t{r['ours_hit']:.0f}\t{r['lines_hit']:.0f}\t{r['text_hit']:.0f}\t"
            f"{r['ours_s']:.2f}\t{r['lines_s']:.2f}\t{r['text_s']:.2f}\t"
            f"{r['lines_row']:.0f}/{r['lines_both']:.0f}\t{r['text_row']:.0f}/{r['text_both']:.0f}",
            flush=True,
        )
    n = sum(1 for _ in sample(corpus, args.per_city))
    for name, c in [*sorted(cities.items()), ("all", total)]:
        p = max(c["printed"], 1)
        docs = n if name == "all" else sum(1 for x in sample(corpus, args.per_city) if x.stem[:2] == name)
        print(
            f"{name}: printed {c['printed']:.0f}  read on its page: ours {c['ours_hit'] / p:.3f}  "
            f"pdfplumber lines {c['lines_hit'] / p:.3f}  text {c['text_hit'] / p:.3f}  "
            f"same row as ours: lines {c['lines_row']:.0f}/{c['lines_both']:.0f}  "
            f"text {c['text_row']:.0f}/{c['text_both']:.0f}  s/doc: ours {c['ours_s'] / docs:.2f}  "
            f"lines {c['lines_s'] / docs:.2f}  text {c['text_s'] / docs:.2f}"
        )


if __name__ == "__main__":
    main()
