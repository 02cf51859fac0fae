"""The package layering, checked: each package imports only from itself and the packages below it,
and no two modules import each other (directly or round a circle)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "llmextract"

# lowest first; packages on one level do not import each other
LAYERS: list[set[str]] = [
    {"core"},
    {"inputs"},
    {"document"},
    {"reading"},
    {"checks"},
    {"audit", "llm", "outputs"},
    {"pipeline"},
    {"cli"},
    {"__main__"},
]
LEVEL = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for f in SRC.rglob("*.py"):
        rel = f.relative_to(SRC).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out[".".join(parts)] = f
    return out


def _imports(name: str, f: Path, modules: dict[str, Path]) -> set[str]:
    """The llmextract modules ``name`` imports (anywhere in it, function-level imports too)."""
    pkg = name.split(".")[:-1] if not f.name == "__init__.py" else name.split(".")
    out: set[str] = set()
    for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom):
            if n.level:
                base = pkg[: len(pkg) - (n.level - 1)] if n.level > 1 else pkg
                mod = ".".join(base + (n.module.split(".") if n.module else []))
            elif n.module and n.module.startswith("llmextract"):
                mod = n.module.removeprefix("llmextract").lstrip(".")
            else:
                continue
            for a in n.names:
                sub = f"{mod}.{a.name}" if mod else a.name
                out.add(sub if sub in modules else mod)
        elif isinstance(n, ast.Import):
            for a in n.names:
                if a.name.startswith("llmextract."):
                    out.add(a.name.removeprefix("llmextract."))
    return {m for m in out if m in modules and m != name}


def _package(module: str) -> str:
    return module.split(".")[0]


def test_every_package_is_on_a_layer():
    packages = {_package(m) for m in _modules() if m}
    assert packages - set(LEVEL) == set()


def test_packages_import_only_themselves_and_the_layers_below():
    modules = _modules()
    wrong = []
    for name, f in modules.items():
        if not name:
            continue
        for dep in _imports(name, f, modules):
            if not dep:
                continue  # the package's face (__version__)
            a, b = _package(name), _package(dep)
            if a != b and LEVEL[b] >= LEVEL[a]:
                wrong.append(f"{name} -> {dep}")
    assert wrong == []


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, f, modules) for name, f in modules.items()}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in graph.get(m, ()):
            if state.get(d) == 1:
                cycles.append(" -> ".join(path[path.index(d) :] + [d]) if d in path else f"{m} -> {d}")
            elif d not in state:
                visit(d, path + [d])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_the_spec_is_loaded_in_one_place():
    """The schemas are loaded in one place, ``document.kind.schemas_for`` (the set of the document's
    kind: 预算 or 决算), called at the entry points only — the pipeline when it is given no set, the
    `check` command for a result read back — and passed down as a value from there (the result
    carries the set it was read with to the outputs)."""
    modules = _modules()
    loaders = sorted(
        name
        for name, f in modules.items()
        if "load()" in f.read_text(encoding="utf-8") and name not in ("core.schemas",)
    )
    assert loaders == ["document.kind"]
    choosers = sorted(
        name
        for name, f in modules.items()
        if "schemas_for(" in f.read_text(encoding="utf-8") and name != "document.kind"
    )
    assert choosers == ["cli.main", "pipeline"]
