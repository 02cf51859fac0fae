"""Build hook: the wheel carries the hot modules compiled with mypyc (faster: README,
"Compiled or pure Python").

Which modules: ``[tool.hatch.build.targets.wheel.hooks.custom]`` in pyproject.toml
(``mypyc-include`` / ``mypyc-exclude``, globs from the project root). They are compiled in a
temporary folder — nothing is ever written into ``src/`` — and added to the wheel next to their
``.py`` files (Python imports the compiled one first).

Pure Python instead, and the build still succeeds:
  * when compiling is impossible (no C compiler, no Python headers, a mypyc error): a message
    says why and that the result runs slower;
  * on purpose, with ``LLMEXTRACT_PURE=1`` (or hatch's own ``HATCH_BUILD_NO_HOOKS=true``);
  * always for an editable install (``pip install -e .``): a developer's edits to a ``.py``
    must be what runs.

``python hatch_build.py --check`` (CI) exits non-zero unless every listed module is compiled
in the environment that runs it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script (`--check`), where hatchling need not be installed
    BuildHookInterface = object  # type: ignore[misc,assignment]

ROOT = Path(__file__).resolve().parent
SRC = "src"
PURE_ENV = "LLMEXTRACT_PURE"
JOBS_ENV = "LLMEXTRACT_BUILD_JOBS"
SLOWER = "slower than the compiled build (about 1.3x on a 2-core machine), same results"
EXTENSIONS = tuple(importlib.machinery.EXTENSION_SUFFIXES)

# Run in a fresh interpreter inside the temporary folder (so setuptools and mypy read no
# project file of ours but the one named): mypyc generates C, setuptools compiles it.
# The objects of one extension are compiled in parallel (setuptools compiles them one by one;
# the shared library of a multi-file build holds most of them).
SETUP_SCRIPT = """\
import json, sys
from concurrent.futures import ThreadPoolExecutor
import setuptools
from distutils import ccompiler  # setuptools' own copy, now that setuptools is imported
from mypyc.build import mypycify

spec = json.load(open(sys.argv[1], encoding="utf-8"))

def _parallel_compile(self, sources, output_dir=None, macros=None, include_dirs=None, debug=0,
                      extra_preargs=None, extra_postargs=None, depends=None):
    macros, objects, extra_postargs, pp_opts, build = self._setup_compile(
        output_dir, macros, include_dirs, sources, depends, extra_postargs)
    cc_args = self._get_cc_args(pp_opts, debug, extra_preargs)
    def one(obj):
        src, ext = build[obj]
        self._compile(obj, src, ext, cc_args, extra_postargs, pp_opts)
    with ThreadPoolExecutor(spec["jobs"]) as pool:
        list(pool.map(one, objects))
    return objects

ccompiler.CCompiler.compile = _parallel_compile
setuptools.setup(
    name="llmextract_mypyc",
    ext_modules=mypycify(spec["args"], target_dir=spec["c_dir"], **spec["options"]),
    script_args=["build_ext", "--build-lib", spec["lib_dir"], "--build-temp", spec["tmp_dir"],
                 "--parallel", str(spec["jobs"])],
)
"""


class CompileFailed(Exception):
    """Why the modules could not be compiled (the build goes on in pure Python)."""


def hook_config(root: Path = ROOT) -> dict[str, Any]:
    with open(root / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)
    hooks: dict[str, Any] = project["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]
    return hooks["custom"]


def listed_files(root: Path, config: dict[str, Any]) -> list[Path]:
    """The .py files the config's globs select (a folder glob: every .py below it)."""

    def expand(patterns: list[str]) -> set[Path]:
        out: set[Path] = set()
        for pattern in patterns:
            for p in root.glob(pattern):
                if p.is_dir():
                    out.update(p.rglob("*.py"))
                elif p.suffix == ".py":
                    out.add(p)
        return out

    chosen = expand(config.get("mypyc-include", [])) - expand(config.get("mypyc-exclude", []))
    return sorted(chosen)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root / SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def why_failed(output: str) -> str:
    """One line for the user out of a failed mypyc/setuptools build's output."""
    lines = output.strip().splitlines()
    typing = [ln for ln in lines if re.search(r"\.py:\d+: error:", ln)]
    if typing:
        return f"mypyc refused the code ({len(typing)} errors; the first: {typing[0].strip()})"
    compiler = [ln for ln in lines if "error:" in ln and not ln.startswith("error: Command")]
    not_there = r"\[Errno 2\] No such file or directory: '([^']+)'|command '([^']+)' failed: No such"
    missing = re.search(not_there, output)
    if missing:
        return f"no C compiler ({missing.group(1) or missing.group(2)} is not there)"
    command = re.search(r"error: Command '\['([^']+)'", output)
    if command:
        detail = f": {compiler[-1].strip()[:200]}" if compiler else ""
        return f"the C compiler ({command.group(1)}) failed{detail}"
    return (compiler or lines or ["no output"])[-1].strip()[:300]


def _jobs() -> int:
    """Compilers at once: LLMEXTRACT_BUILD_JOBS, else the cores this process may use (a
    container's, not the host's), at most 4 (each gcc -O3 of a large file takes memory)."""
    try:
        asked = int(os.environ.get(JOBS_ENV, "0"))
    except ValueError:
        asked = 0
    if asked > 0:
        return asked
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))


def pure_wanted() -> bool:
    return os.environ.get(PURE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def say(message: str) -> None:
    """To the build's output, and to the terminal too: pip shows a successful build's output
    only with -v, and a pure-Python fallback must not go unnoticed."""
    text = "\n".join(f"llmextract build: {line}" for line in message.splitlines()) + "\n"
    sys.stderr.write(text)
    sys.stderr.flush()
    if sys.stderr.isatty():
        return
    try:
        with open("/dev/tty", "w", encoding="utf-8") as tty:
            tty.write(text)
    except OSError:
        pass


class MypycBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Compiles the listed modules into the wheel; pure Python when that is impossible."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return [] if pure_wanted() else list(self.config.get("mypyc-dependencies", []))

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            stale = [p for p in (root / SRC).rglob("*") if p.name.endswith(EXTENSIONS)]
            if stale:
                say("compiled files in src/ shadow their .py (delete them):\n" + "\n".join(map(str, stale)))
            return
        if pure_wanted():
            say(f"{PURE_ENV} is set: building pure Python, {SLOWER}.")
            return
        files = listed_files(root, self.config)
        if not files:
            return
        try:
            built = self._compile(root, files)
        except Exception as e:  # noqa: BLE001 - whatever stops the compiling, the install goes on
            if not isinstance(e, CompileFailed):
                e = CompileFailed(f"{type(e).__name__}: {e}")
            say(
                f"could not compile the speed-critical modules with mypyc: {e}\n"
                f"Building a pure-Python wheel instead: it works the same, {SLOWER}.\n"
                f"(Install a C compiler and the Python headers, e.g. gcc and python3-dev, and"
                f" reinstall to get the compiled build; {PURE_ENV}=1 builds pure Python without trying.)"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work:
            shutil.rmtree(work, ignore_errors=True)

    def _compile(self, root: Path, files: list[Path]) -> dict[str, str]:
        """{compiled file: its path in the wheel}, or CompileFailed saying why."""
        try:
            import mypyc  # noqa: F401
        except ImportError:
            raise CompileFailed("mypy (mypyc) is not installed in the build environment") from None
        headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
        if not headers.exists():
            raise CompileFailed(f"no Python headers ({headers} is missing; e.g. apt-get install python3-dev)")
        self._work = work = tempfile.mkdtemp(prefix="llmextract-mypyc-")
        jobs = _jobs()
        lib = Path(work, "lib")
        spec = {
            # (an ignore a newer stub release makes unused is no reason to build pure Python)
            "args": [
                "--config-file", str(root / "pyproject.toml"), "--no-warn-unused-ignores", *map(str, files)
            ],
            "options": dict(self.config.get("mypyc-options", {})),
            "c_dir": os.path.join(work, "c"),
            "lib_dir": str(lib),
            "tmp_dir": os.path.join(work, "tmp"),
            "jobs": jobs,
        }
        Path(work, "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        Path(work, "setup.py").write_text(SETUP_SCRIPT, encoding="utf-8")
        say(f"compiling {len(files)} modules with mypyc ({jobs} jobs; a few minutes)…")
        t0 = time.monotonic()
        # mypy's cache and search path are the build's own, not the user's environment's
        env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "MYPY_CACHE_DIR")}
        env["MYPY_CACHE_DIR"] = os.path.join(work, ".mypy_cache")
        done = subprocess.run(
            [sys.executable, "setup.py", "spec.json"],
            cwd=work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        if done.returncode:
            fd, name = tempfile.mkstemp(prefix="llmextract-mypyc-build-", suffix=".log")
            with os.fdopen(fd, "w", encoding="utf-8") as f:  # (a name of its own: a shared /tmp)
                f.write(done.stdout)
            log = Path(name)
            raise CompileFailed(f"{why_failed(done.stdout)} (the whole output: {log})")
        built = {str(p): p.relative_to(lib).as_posix() for p in lib.rglob("*") if p.name.endswith(EXTENSIONS)}
        compiled = {p.split(".", 1)[0].replace("/", ".").removesuffix(".__init__") for p in built.values()}
        missing = sorted(m for m in map(lambda f: module_name(root, f), files) if m not in compiled)
        if missing:
            raise CompileFailed(f"no compiled module came out for {', '.join(missing)}")
        say(f"compiled {len(files)} modules with mypyc in {time.monotonic() - t0:.0f} s.")
        return built


def check(root: Path = ROOT) -> int:
    """Every listed module is compiled in this environment (CI: the compiled build is proven)."""
    names = [module_name(root, f) for f in listed_files(root, hook_config(root))]
    pure = []
    for name in names:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if not (origin and origin.endswith(EXTENSIONS)):
            pure.append(f"{name}: {origin}")
    if pure:
        print(f"{len(pure)} of {len(names)} listed modules are not compiled:", *pure, sep="\n  ")
        return 1
    print(f"all {len(names)} listed modules are compiled (mypyc)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    if sys.argv[1:] == ["--list"]:
        print(*(module_name(ROOT, f) for f in listed_files(ROOT, hook_config())), sep="\n")
        sys.exit(0)
    sys.exit("usage: python hatch_build.py --check | --list")
