"""Seconds per document on a folder of real PDFs (the dev corpus by default), read in this
process one after another: prints each document's time, then the median and the slowest.

Usage: python benchmarks/wild_speed.py [FOLDER] [--limit N]
The target (issue: no real document over 5 s) is a figure printed here, not a timed test."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from llmextract.pipeline import run_file

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wild"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args()
    pdfs = sorted(Path(args.folder).glob("*.pdf"))
    if args.limit:
        pdfs = pdfs[: args.limit]
    times: list[tuple[float, str]] = []
    for pdf in pdfs:
        t0 = time.process_time()
        run_file(pdf)
        dt = time.process_time() - t0
        times.append((dt, pdf.name))
        print(f"{pdf.name}\t{dt:.2f} s")
    if not times:
        print("no PDF in", args.folder)
        return
    secs = [t for t, _ in times]
    worst = max(times)
    print(
        f"documents {len(times)}  cpu_s_per_doc_median {statistics.median(secs):.2f}  "
        f"slowest {worst[0]:.2f} ({worst[1]})  over_5s {sum(1 for t in secs if t > 5)}"
    )


if __name__ == "__main__":
    main()
