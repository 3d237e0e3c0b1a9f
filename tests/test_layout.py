"""The house plan holds: module-level imports point one way, no cycles, nobody imports another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"

#: Which top-level parts of the package each part may import (besides itself, ``config`` and ``vocab``).
ALLOWED: dict[str, set[str]] = {
    "config": set(),
    "vocab": set(),
    "ingest": {"annotate"},
    "annotate": set(),
    "parquet": set(),
    "tables": {"parquet"},
    "_schedule": set(),  # the build's batching and in-order scheduling, generic
    "build": {"ingest", "annotate", "tables", "_schedule"},
    "stats": {"annotate", "tables"},
    "compare": {"stats", "tables", "annotate"},
    "views": {"stats", "compare", "tables", "annotate"},
    "plots": set(),
    "run": {"build", "ingest", "report", "tables"},
    "report": {"tables"},
    "cli": {"build", "ingest", "run"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _top_level_imports(path: Path, module: str, is_package: bool) -> list[tuple[str, list[str]]]:
    """(imported module, imported names) for each import statement at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, list[str]]] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            out.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((base, [alias.name for alias in node.names]))
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for target, names in _top_level_imports(path, name, path.name == "__init__.py"):
            if not target.startswith("analysis"):
                continue
            for imported in names or [""]:
                full = f"{target}.{imported}" if imported else target
                deps.add(full if full in modules else target)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_package_has_the_planned_subpackages():
    for sub in ("ingest", "annotate", "stats", "compare", "views", "plots", "parquet"):
        assert (PACKAGE / sub / "__init__.py").exists(), sub
    for module in ("vocab", "tables", "build", "config", "cli", "run"):
        assert (PACKAGE / f"{module}.py").exists(), module


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep):] + [dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_imports_point_one_way():
    bad = []
    for module, deps in sorted(_graph().items()):
        part = _part(module)
        allowed = ALLOWED[part] | {part, "config", "vocab"}
        if module == "analysis":
            continue
        for dep in sorted(deps):
            if _part(dep) not in allowed:
                bad.append(f"{module} imports {dep}")
    assert not bad, "\n".join(bad)


def test_nobody_imports_a_private_name_of_another_module():
    bad = []
    for name, path in _modules().items():
        for target, names in _top_level_imports(path, name, path.name == "__init__.py"):
            if not target.startswith("analysis") or target == name:
                continue
            bad += [f"{name}: from {target} import {n}" for n in names if n.startswith("_")]
    assert not bad, "\n".join(bad)


def test_no_analysis_import_hides_inside_a_function():
    bad = []
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("analysis"):
                        bad.append(f"{name}.{node.name}: from {inner.module} import ...")
    assert not bad, "\n".join(bad)


def test_no_module_is_overlong():
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > 650}
    assert not long, long


def test_the_checker_sees_a_cycle_and_a_private_import(tmp_path):
    """The checks above could fail: a made-up pair of modules trips both."""
    a = tmp_path / "a.py"
    a.write_text("from analysis.b import _helper\n")
    assert _top_level_imports(a, "analysis.a", False) == [("analysis.b", ["_helper"])]
    rel = tmp_path / "c.py"
    rel.write_text("from . import d\nfrom .e import f\n")
    assert _top_level_imports(rel, "analysis.stats.c", False) == [("analysis.stats", ["d"]), ("analysis.stats.e", ["f"])]
