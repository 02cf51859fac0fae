"""Peak memory and time of one text far past the size limit, at several sizes (README "Large
inputs"): ``python benchmarks/large_text.py 5 30`` (MB; default 5 and 30)."""

from __future__ import annotations

import sys

import run


def main(argv: list[str]) -> int:
    for mb in [float(a) for a in argv] or [5.0, 30.0]:
        run.large_text(mb, f"{mb:g}mb_")
    width = max(len(n) for n, _, _ in run.FIGURES)
    for name, value, unit in run.FIGURES:
        print(f"{name:<{width}} {value:.1f} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
